"""Bad answers from the platform: each gives its typed error, nothing is lost.

The answers come from real sockets: the real FHIR server (a wrong token, an
entry it refuses), a proxy in front of it that answers in its place (500,
429, a login page), and a TLS server whose certificate no CA we trust
signed.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import ipaddress
import ssl
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from app.demo.fhir_server import FhirServerProcess
from app.errors import (
    PlatformFailed,
    PlatformRejected,
    PlatformUnreachable,
    TokenRefused,
)
from app.sync.backoff import Backoff
from app.sync.engine import SyncEngine
from app.sync.errors import (
    CertificateUntrusted,
    CredentialsRefused,
    NotFhir,
    PlatformBusy,
    PlatformTimeout,
    RequestRejected,
    ServerFailed,
)
from app.sync.local import SqlOutbox, queue_resource
from app.sync.mapping import reading_to_fhir
from app.sync.pull import Puller
from app.sync.push import Pusher
from tests.app.sync.helpers import (
    client_for,
    count_by_identifier,
    open_store,
    outbox_statuses,
    queue_readings,
    reading,
    run,
)
from tests.faults.sync.proxy import HOLD, Canned, FaultyProxy
from tests.fhir_server_fixture import fhir_venv

pytestmark = pytest.mark.integration


@pytest.fixture
def proxy(fhir_server: FhirServerProcess) -> Iterator[FaultyProxy]:
    faulty = FaultyProxy(fhir_server.port).start()
    try:
        yield faulty
    finally:
        faulty.stop()


async def _push(store: Any, base_url: str, **settings: Any) -> Any:
    async with client_for(base_url, **settings) as client:
        return await Pusher(client, SqlOutbox(store), bundle_size=10).push()


@pytest.mark.parametrize(
    ("canned", "expected", "base"),
    [
        (
            Canned(500, b'{"resourceType":"OperationOutcome","issue":[]}'),
            ServerFailed,
            PlatformFailed,
        ),
        (
            Canned(502, b"<html>Bad gateway</html>", {"Content-Type": "text/html"}),
            NotFhir,
            PlatformFailed,
        ),
        (
            Canned(200, b"<html>Please log in</html>", {"Content-Type": "text/html"}),
            NotFhir,
            PlatformFailed,
        ),
        (Canned(429, b"", {"Retry-After": "7"}), PlatformBusy, PlatformFailed),
        (Canned(503, b"", {"Retry-After": "3"}), PlatformBusy, PlatformFailed),
        (Canned(404, b"<html>no such path</html>"), RequestRejected, PlatformRejected),
    ],
    ids=["500", "502-html", "200-not-json", "429", "503", "404-wrong-address"],
)
def test_a_bad_answer_is_typed_and_loses_nothing(
    fhir_server: FhirServerProcess,
    proxy: FaultyProxy,
    tmp_path: Path,
    canned: Canned,
    expected: type[Exception],
    base: type[Exception],
) -> None:
    readings = [reading(n) for n in range(12)]
    store = open_store(tmp_path)
    try:
        queue_readings(store, readings)
        proxy.then(canned)
        with pytest.raises(expected) as raised:
            run(_push(store, proxy.base_url))
        assert isinstance(raised.value, base)
        assert outbox_statuses(store) == {"pending": 12}
        if isinstance(raised.value, PlatformBusy):
            assert raised.value.retry_after_s == float(canned.headers["Retry-After"])

        run(_push(store, proxy.base_url))
        assert outbox_statuses(store) == {"sent": 12}
    finally:
        store.close()
    counts = count_by_identifier(
        fhir_server.base_url, "Observation", [item.identifier for item in readings]
    )
    assert set(counts.values()) == {1}


def test_a_time_out_after_the_server_committed_is_resent_without_a_twin(
    fhir_server: FhirServerProcess, proxy: FaultyProxy, tmp_path: Path
) -> None:
    readings = [reading(n) for n in range(10)]
    store = open_store(tmp_path)
    try:
        queue_readings(store, readings)
        proxy.then(HOLD, when=lambda method, path: method == "POST")
        with pytest.raises(PlatformTimeout):
            run(_push(store, proxy.base_url, read_timeout_s=1.0))
        assert proxy.held.wait(30), "the server committed the bundle"
        assert outbox_statuses(store) == {"pending": 10}
        run(_push(store, fhir_server.base_url))
    finally:
        store.close()
    counts = count_by_identifier(
        fhir_server.base_url, "Observation", [item.identifier for item in readings]
    )
    assert set(counts.values()) == {1}


def test_retry_after_holds_the_engine_back_at_least_that_long(
    proxy: FaultyProxy, tmp_path: Path
) -> None:
    store = open_store(tmp_path)
    queue_readings(store, [reading(1)])

    async def one_cycle() -> Any:
        client = client_for(proxy.base_url)
        engine = SyncEngine(
            client,
            store,
            backoff=Backoff(base_s=0.1, cap_s=1.0),
            puller=Puller(client, store, types=()),
        )
        try:
            ok = await engine.cycle()
            return ok, engine.status, engine._retry_wait_s
        finally:
            await engine.stop()

    try:
        proxy.then(Canned(429, b"", {"Retry-After": "7"}))
        ok, status, wait_s = run(one_cycle())
    finally:
        store.close()
    assert not ok
    assert status.last_error_kind == "busy" and status.reachable is True
    assert status.pending == 1
    assert wait_s is not None and 7.0 <= wait_s <= 7.1


def test_a_refused_token_is_told_apart_and_nothing_is_lost(tmp_path: Path) -> None:
    server = FhirServerProcess(fhir_venv(), tmp_path / "fhir", token="ward-secret")
    server.start()
    store = open_store(tmp_path)
    readings = [reading(n) for n in range(5)]
    try:
        queue_readings(store, readings)
        with pytest.raises(CredentialsRefused) as raised:
            run(_push(store, server.base_url, token="stale-token"))
        assert isinstance(raised.value, TokenRefused) and raised.value.status == 401
        assert outbox_statuses(store) == {"pending": 5}

        run(_push(store, server.base_url, token="ward-secret"))
        assert outbox_statuses(store) == {"sent": 5}
    finally:
        store.close()
        server.stop()


def test_an_entry_the_platform_refuses_is_set_aside_and_the_rest_go_on(
    fhir_server: FhirServerProcess, tmp_path: Path
) -> None:
    readings = [reading(n) for n in range(7)]
    bad = readings[3]
    store = open_store(tmp_path)
    try:

        def work(session: Any) -> None:
            for item in readings:
                resource = reading_to_fhir(item)
                if item is bad:
                    resource["valueQuantity"]["value"] = "one hundred"  # not a decimal
                queue_resource(
                    session,
                    resource_type="Observation",
                    identifier=item.identifier,
                    resource=resource,
                )

        store.writer.submit(work).result(timeout=10)
        result = run(_push(store, fhir_server.base_url))
        unsent = SqlOutbox(store).unsent()
    finally:
        store.close()

    assert result.sent == 6 and len(result.poisoned) == 1
    assert [row.status for row in unsent] == ["poisoned"]
    assert unsent[0].identifier == bad.identifier
    assert "valueQuantity" in (unsent[0].last_error or "")
    counts = count_by_identifier(
        fhir_server.base_url, "Observation", [item.identifier for item in readings]
    )
    assert counts.pop(bad.identifier) == 0
    assert set(counts.values()) == {1}


def test_a_refused_entry_is_found_by_bisecting_when_the_server_does_not_say(
    fhir_server: FhirServerProcess, proxy: FaultyProxy, tmp_path: Path
) -> None:
    readings = [reading(n) for n in range(8)]
    store = open_store(tmp_path)
    try:
        queue_readings(store, readings)
        vague = Canned(
            422,
            b'{"resourceType":"OperationOutcome","issue":[{"severity":'
            b'"error","code":"business-rule","diagnostics":"not today"}]}',
        )
        # Refused without naming an entry: all 8, rows 0-3, (0-1 pass),
        # rows 2-3, row 2 alone; row 2 is the culprit, the rest go through.
        proxy.then(vague)
        proxy.then(vague)
        proxy.then("forward")
        proxy.then(vague)
        proxy.then(vague)
        result = run(_push(store, proxy.base_url))
        unsent = SqlOutbox(store).unsent()
    finally:
        store.close()
    assert result.sent == 7
    assert [(row.identifier, row.status) for row in unsent] == [
        (readings[2].identifier, "poisoned")
    ]
    assert "not today" in (unsent[0].last_error or "")


# ---- TLS from a CA we do not trust ----


def _self_signed(folder: Path) -> tuple[Path, Path]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
            ),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


class TlsPlatform:
    """A TLS server on 127.0.0.1 that answers every request with an empty Bundle."""

    def __init__(self, cert: Path, key: Path) -> None:
        self._context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        self._context.load_cert_chain(cert, key)
        self._loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self.port = 0
        self._server: asyncio.Server | None = None

    def start(self) -> TlsPlatform:
        self._thread.start()
        assert self._ready.wait(10)
        return self

    def stop(self) -> None:
        async def close() -> None:
            assert self._server is not None
            self._server.close()
            others = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
            for task in others:
                task.cancel()
            await asyncio.gather(*others, return_exceptions=True)

        asyncio.run_coroutine_threadsafe(close(), self._loop).result(5)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(5)

    def _serve(self) -> None:
        async def open_server() -> None:
            self._server = await asyncio.start_server(
                self._answer, "127.0.0.1", 0, ssl=self._context
            )
            self.port = self._server.sockets[0].getsockname()[1]

        self._loop.run_until_complete(open_server())
        self._ready.set()
        self._loop.run_forever()
        self._loop.close()

    async def _answer(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter
    ) -> None:
        body = b'{"resourceType":"Bundle","type":"transaction-response","entry":[]}'
        try:
            await reader.readuntil(b"\r\n\r\n")
            writer.write(
                b"HTTP/1.1 200 OK\r\nContent-Type: application/fhir+json\r\n"
                b"Content-Length: %d\r\nConnection: close\r\n\r\n%s" % (len(body), body)
            )
            await writer.drain()
        except (
            ConnectionError,
            ssl.SSLError,
            asyncio.IncompleteReadError,
            asyncio.CancelledError,
        ):
            pass  # the client refused our certificate: that is the point
        finally:
            writer.close()


def test_a_certificate_from_an_unknown_ca_is_refused_and_nothing_is_lost(
    tmp_path: Path,
) -> None:
    cert, key = _self_signed(tmp_path)
    platform = TlsPlatform(cert, key).start()
    store = open_store(tmp_path)
    base_url = f"https://127.0.0.1:{platform.port}/fhir"
    try:
        queue_readings(store, [reading(1)])
        with pytest.raises(CertificateUntrusted) as raised:
            run(_push(store, base_url))
        assert isinstance(raised.value, PlatformUnreachable)
        assert outbox_statuses(store) == {"pending": 1}

        async def metadata_with_hospital_ca() -> int:
            async with client_for(base_url, ca_bundle=str(cert)) as client:
                return (await client.request("GET", "metadata")).status

        assert run(metadata_with_hospital_ca()) == 200, (
            "trusted with the hospital's CA bundle"
        )
    finally:
        store.close()
        platform.stop()
