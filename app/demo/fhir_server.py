"""Start and stop a local FHIR R4 server process (sekmet) for demos and tests.

The server lives in its own virtual environment (``.venv-fhir``) so its
dependencies never mix with ours; this module only writes its settings file,
starts it on a free loopback port, waits until ``/metadata`` answers, and
stops or kills it. It deliberately knows nothing about what is stored there.
"""

from __future__ import annotations

import logging
import os
import signal
import socket
import subprocess
import time
from pathlib import Path

import httpx

from app.demo.children import die_with_parent
from app.errors import CareloopError

log = logging.getLogger(__name__)

DEFAULT_START_TIMEOUT_S = 30.0


class FhirServerError(CareloopError):
    """The local FHIR server could not be started; the message has its stderr."""


def free_loopback_port() -> int:
    """A TCP port on 127.0.0.1 that nobody listened on a moment ago."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def settings_yaml(base_url: str, port: int, data_dir: Path, token: str | None) -> str:
    """The server's settings file: loopback only, no workflow simulator."""
    lines = [
        f"base_url: {base_url}",
        "host: 127.0.0.1",
        f"port: {port}",
        f"data_dir: {data_dir}",
        "simulator:",
        "  enabled: false",
        "log_inbound: false",
    ]
    if token is not None:
        lines += ["server_auth:", "  types: [bearer]", f"  tokens: [{token}]"]
    return "\n".join(lines) + "\n"


class FhirServerProcess:
    """One sekmet server process on 127.0.0.1 with its data in ``data_dir``.

    ``start`` may be called again after ``stop`` or ``kill``: the same port
    and data folder are reused, as a restarted platform would be.
    """

    def __init__(
        self,
        venv_dir: Path | str,
        data_dir: Path | str,
        port: int | None = None,
        token: str | None = None,
        die_with_parent: bool = False,
    ) -> None:
        """``die_with_parent``: SIGTERM the server if this process dies
        (Linux); start() must then run on a thread that lives as long as the
        process (see app.demo.children)."""
        self.die_with_parent = die_with_parent
        self.venv_dir = Path(venv_dir).absolute()
        self.data_dir = Path(data_dir).absolute()
        self.port = port or free_loopback_port()
        self.token = token
        self._process: subprocess.Popen[bytes] | None = None
        self._stderr_path = self.data_dir / "server.stderr"

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/fhir"

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    def start(self, timeout_s: float = DEFAULT_START_TIMEOUT_S) -> None:
        """Start the server and return once it answers ``GET /metadata``."""
        if self.running:
            return
        self.data_dir.mkdir(parents=True, exist_ok=True)
        settings = self.data_dir / "settings.yaml"
        settings.write_text(
            settings_yaml(self.base_url, self.port, self.data_dir, self.token),
            encoding="utf-8",
        )
        executable = self.venv_dir / "bin" / "sekmet"
        if not executable.exists():
            raise FhirServerError(f"no FHIR server at {executable}; run make fhir-venv")
        with self._stderr_path.open("wb") as stderr:
            self._process = subprocess.Popen(
                [str(executable), "serve", "-c", str(settings)],
                cwd=self.data_dir,
                stdout=subprocess.DEVNULL,
                stderr=stderr,
                env={**os.environ, "PYTHONUNBUFFERED": "1"},
                start_new_session=True,
                preexec_fn=die_with_parent() if self.die_with_parent else None,
            )
        self._wait_until_answering(timeout_s)
        log.info("FHIR server started on port %d (pid %d)", self.port, self.pid)

    def _wait_until_answering(self, timeout_s: float) -> None:
        deadline = time.monotonic() + timeout_s
        with httpx.Client(timeout=1.0) as probe:
            while time.monotonic() < deadline:
                if not self.running:
                    raise FhirServerError(
                        f"the FHIR server exited at start: {self._stderr_tail()}"
                    )
                try:
                    if probe.get(f"{self.base_url}/metadata").status_code == 200:
                        return
                except httpx.TransportError:
                    pass
                # Polling a child process has no event to wait on; this is
                # product code, not a test, and the interval is short.
                time.sleep(0.05)
        self.kill()
        raise FhirServerError(
            f"the FHIR server did not answer within {timeout_s:.0f} s: "
            f"{self._stderr_tail()}"
        )

    def _stderr_tail(self) -> str:
        try:
            return self._stderr_path.read_text(errors="replace")[-2000:]
        except OSError:
            return "(no stderr)"

    def stop(self, timeout_s: float = 5.0) -> None:
        """Terminate the server; kill it if it does not leave in time."""
        process = self._process
        if process is None or process.poll() is not None:
            self._process = None
            return
        process.terminate()
        try:
            process.wait(timeout=timeout_s)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=timeout_s)
        self._process = None

    def kill(self) -> None:
        """SIGKILL, as a power cut would: for fault tests."""
        process = self._process
        if process is None:
            return
        if process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)
            process.wait(timeout=10)
        self._process = None

    def __enter__(self) -> FhirServerProcess:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
