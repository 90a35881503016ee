"""A small HTTP/1.1 proxy on 127.0.0.1 that misbehaves on request.

It forwards each request to the real FHIR server unless the script says
otherwise for that request: answer with a canned response instead (500,
429 with Retry-After, a body that is not JSON), or forward it and then cut
the connection instead of passing the answer back (the server committed,
the station never heard). It runs in its own thread with its own loop so
the test's loop stays the station's.
"""

from __future__ import annotations

import asyncio
import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Canned:
    status: int
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    reason: str = "Canned"


DROP = "drop-response"  # forward, then cut the connection without answering
HOLD = "hold-response"  # forward, then keep the answer until the test ends

Action = Canned | str
Matcher = Callable[[str, str], bool]  # (method, path) -> applies


class FaultyProxy:
    def __init__(self, upstream_port: int) -> None:
        self.upstream_port = upstream_port
        self.port = 0
        self.requests: list[tuple[str, str]] = []
        self.forwarded = 0
        self._script: deque[tuple[Matcher, Action]] = deque()
        self._loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        self._thread = threading.Thread(
            target=self._serve, name="faulty-proxy", daemon=True
        )
        self._server: asyncio.Server | None = None
        self._lock = threading.Lock()
        # Set once a request was written to the server (it is working on it).
        self.upstream_sent = threading.Event()
        # Set once a HOLD action has the server's answer in hand.
        self.held = threading.Event()
        self._release: asyncio.Event | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/fhir"

    def then(self, action: Action, when: Matcher | None = None) -> None:
        """The next request matching ``when`` (default: any) gets ``action``."""
        with self._lock:
            self._script.append((when or (lambda method, path: True), action))

    def start(self) -> FaultyProxy:
        self._thread.start()
        if not self._ready.wait(10):
            raise RuntimeError("the proxy did not start")
        return self

    def stop(self) -> None:
        async def close() -> None:
            if self._server is not None:
                self._server.close()
            others = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
            for task in others:
                task.cancel()
            await asyncio.gather(*others, return_exceptions=True)

        asyncio.run_coroutine_threadsafe(close(), self._loop).result(5)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(5)

    def _serve(self) -> None:
        asyncio.set_event_loop(self._loop)

        async def open_server() -> None:
            self._server = await asyncio.start_server(self._client, "127.0.0.1", 0)
            self.port = self._server.sockets[0].getsockname()[1]

        self._loop.run_until_complete(open_server())
        self._ready.set()
        self._loop.run_forever()
        self._loop.close()

    def _next_action(self, method: str, path: str) -> Action | None:
        with self._lock:
            for index, (matches, action) in enumerate(self._script):
                if matches(method, path):
                    del self._script[index]
                    return action
        return None

    async def _client(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter
    ) -> None:
        try:
            while True:
                request = await _read_message(reader)
                if request is None:
                    break
                head, body = request
                method, path = head.split(b" ", 2)[:2]
                self.requests.append((method.decode(), path.decode()))
                action = self._next_action(method.decode(), path.decode())
                if isinstance(action, Canned):
                    writer.write(_canned(action))
                    await writer.drain()
                    continue
                answer = await self._forward(head, body)
                if action == DROP:
                    break
                if action == HOLD:
                    self.held.set()
                    self._release = self._release or asyncio.Event()
                    await self._release.wait()
                    break
                writer.write(answer)
                await writer.drain()
        except (ConnectionError, asyncio.IncompleteReadError, asyncio.CancelledError):
            pass  # the test is over or the peer left; a proxy has nobody to tell
        finally:
            writer.close()

    async def _forward(self, head: bytes, body: bytes) -> bytes:
        reader, writer = await asyncio.open_connection("127.0.0.1", self.upstream_port)
        try:
            lines = [
                line
                for line in head.split(b"\r\n")
                if not line.lower().startswith(b"connection:")
            ]
            lines.append(b"Connection: close")
            writer.write(b"\r\n".join(lines) + b"\r\n\r\n" + body)
            await writer.drain()
            self.upstream_sent.set()
            answer = await _read_message(reader)
            self.forwarded += 1
        finally:
            writer.close()
        if answer is None:
            raise ConnectionError("upstream closed")
        answer_head, answer_body = answer
        kept = [
            line
            for line in answer_head.split(b"\r\n")
            if not line.lower().startswith(
                (b"connection:", b"transfer-encoding:", b"content-length:")
            )
        ]
        kept.append(b"Content-Length: %d" % len(answer_body))
        return b"\r\n".join(kept) + b"\r\n\r\n" + answer_body


def _canned(action: Canned) -> bytes:
    lines = [f"HTTP/1.1 {action.status} {action.reason}".encode()]
    for name, value in action.headers.items():
        lines.append(f"{name}: {value}".encode())
    lines.append(b"Content-Length: %d" % len(action.body))
    return b"\r\n".join(lines) + b"\r\n\r\n" + action.body


async def _read_message(reader: asyncio.StreamReader) -> tuple[bytes, bytes] | None:
    """One HTTP/1.1 message: head and body (Content-Length or chunked)."""
    try:
        head = await reader.readuntil(b"\r\n\r\n")
    except asyncio.IncompleteReadError:
        return None
    head = head[:-4]
    headers = {
        name.strip().lower(): value.strip()
        for name, _, value in (line.partition(b":") for line in head.split(b"\r\n")[1:])
    }
    if headers.get(b"transfer-encoding", b"").lower() == b"chunked":
        return head, await _read_chunked(reader)
    length = int(headers.get(b"content-length", b"0") or 0)
    return head, await reader.readexactly(length)


async def _read_chunked(reader: asyncio.StreamReader) -> bytes:
    body = b""
    while True:
        size = int((await reader.readline()).strip().split(b";")[0], 16)
        if size == 0:
            await reader.readline()
            return body
        body += await reader.readexactly(size)
        await reader.readline()
