"""Exactly once: lost answers, a killed station, a killed server, an outage.

Every test counts on the real server by our identifier: each record must be
there exactly once, and the outbox must say every row was sent.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from app.demo.fhir_server import FhirServerProcess
from app.store import Store
from app.sync.backoff import Backoff
from app.sync.engine import SyncEngine, SyncStatus
from app.sync.errors import NoNetwork
from app.sync.local import SqlOutbox
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
from tests.faults.sync.proxy import DROP, HOLD, FaultyProxy

pytestmark = pytest.mark.integration

PROJECT_ROOT = Path(__file__).resolve().parents[3]


def _is_bundle(method: str, path: str) -> bool:
    return method == "POST" and path.rstrip("/").endswith("/fhir")


async def _push(store: Store, base_url: str, bundle_size: int) -> Any:
    async with client_for(base_url) as client:
        return await Pusher(client, SqlOutbox(store), bundle_size=bundle_size).push()


def test_a_lost_answer_is_resent_and_makes_no_twin(
    fresh_fhir_server: FhirServerProcess, tmp_path: Path
) -> None:
    readings = [reading(n) for n in range(30)]
    identifiers = [item.identifier for item in readings]
    store = open_store(tmp_path)
    proxy = FaultyProxy(fresh_fhir_server.port).start()
    try:
        queue_readings(store, readings)
        proxy.then(DROP, when=_is_bundle)
        with pytest.raises(NoNetwork):
            run(_push(store, proxy.base_url, 10))

        on_server = count_by_identifier(
            fresh_fhir_server.base_url, "Observation", identifiers
        )
        assert [on_server[i] for i in identifiers[:10]] == [1] * 10, (
            "the server committed"
        )
        assert outbox_statuses(store) == {"pending": 30}, "but the station never heard"

        result = run(_push(store, proxy.base_url, 10))
    finally:
        proxy.stop()
        store.close()

    assert result.sent == 30
    counts = count_by_identifier(fresh_fhir_server.base_url, "Observation", identifiers)
    assert set(counts.values()) == {1}


def test_a_station_killed_mid_push_ends_with_every_record_once(
    fresh_fhir_server: FhirServerProcess, tmp_path: Path
) -> None:
    readings = [reading(n) for n in range(60)]
    identifiers = [item.identifier for item in readings]
    database = tmp_path / "station.sqlite"
    store = Store(database)
    queue_readings(store, readings)
    store.close()

    proxy = FaultyProxy(fresh_fhir_server.port).start()
    try:
        # The second bundle is committed by the server, and its answer held
        # back until the station process is dead.
        proxy.then("forward", when=_is_bundle)
        proxy.then(HOLD, when=_is_bundle)
        worker = _worker(database, proxy.base_url)
        try:
            assert proxy.held.wait(60), "the worker never reached its second bundle"
            os.kill(worker.pid, signal.SIGKILL)
        finally:
            worker.wait(30)
        assert worker.returncode == -signal.SIGKILL
    finally:
        proxy.stop()

    counts = count_by_identifier(fresh_fhir_server.base_url, "Observation", identifiers)
    assert sum(counts.values()) == 20, "two bundles reached the server before the kill"

    restarted = _worker(database, fresh_fhir_server.base_url)
    assert restarted.wait(120) == 0, (tmp_path / "worker.stderr").read_text()

    counts = count_by_identifier(fresh_fhir_server.base_url, "Observation", identifiers)
    assert set(counts.values()) == {1}
    store = Store(database)
    try:
        assert outbox_statuses(store) == {"sent": 60}
    finally:
        store.close()


def _worker(database: Path, base_url: str) -> subprocess.Popen[bytes]:
    with (database.parent / "worker.stderr").open("ab") as stderr:
        return subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.faults.sync.push_worker",
                str(database),
                base_url,
                "10",
            ],
            cwd=PROJECT_ROOT,
            stderr=stderr,
        )


def test_a_server_killed_mid_transaction_keeps_nothing_and_the_resend_lands_once(
    fresh_fhir_server: FhirServerProcess, tmp_path: Path
) -> None:
    readings = [reading(n) for n in range(1500)]
    identifiers = [item.identifier for item in readings]
    store = open_store(tmp_path)
    proxy = FaultyProxy(fresh_fhir_server.port).start()
    try:
        queue_readings(store, readings)

        async def push_and_kill() -> None:
            pushing = asyncio.ensure_future(_push(store, proxy.base_url, 1500))
            sent = await asyncio.get_running_loop().run_in_executor(
                None, proxy.upstream_sent.wait, 30
            )
            assert sent
            fresh_fhir_server.kill()
            with pytest.raises(NoNetwork):
                await pushing

        run(push_and_kill())
        fresh_fhir_server.start()
        kept = count_by_identifier(
            fresh_fhir_server.base_url, "Observation", identifiers
        )
        assert sum(kept.values()) == 0, (
            "killed mid-transaction, the server keeps nothing"
        )
        assert outbox_statuses(store) == {"pending": 1500}

        result = run(_push(store, fresh_fhir_server.base_url, 500))
    finally:
        proxy.stop()
        store.close()

    assert result.sent == 1500
    counts = count_by_identifier(fresh_fhir_server.base_url, "Observation", identifiers)
    assert set(counts.values()) == {1}


def test_records_made_during_an_outage_all_arrive_in_order(tmp_path: Path) -> None:
    from tests.fhir_server_fixture import fhir_venv

    server = FhirServerProcess(fhir_venv(), tmp_path / "fhir")  # down for now
    store = open_store(tmp_path)
    made: list[str] = []

    async def scenario() -> SyncStatus:
        client = client_for(server.base_url, connect_timeout_s=1.0)
        engine = SyncEngine(
            client,
            store,
            interval_s=60.0,
            debounce_s=0.05,
            bundle_size=7,
            backoff=Backoff(base_s=0.05, cap_s=0.3),
            puller=Puller(client, store, types=()),
        )
        statuses: asyncio.Queue[SyncStatus] = asyncio.Queue()
        engine.subscribe(statuses.put_nowait)
        await engine.start()
        try:
            # First half: the platform is down while the ward goes on working.
            for batch in range(5):
                items = [reading(batch * 10 + n) for n in range(10)]
                await asyncio.to_thread(queue_readings, store, items)
                made.extend(item.identifier for item in items)
                engine.notify_local_write()
            down = await _status_where(
                statuses, lambda s: s.unreachable_since is not None
            )
            assert down.reachable is False and down.last_error_kind == "network"
            await engine.refresh_counts()
            waiting = await _status_where(statuses, lambda s: s.pending == 50)
            assert waiting.oldest_pending_at is not None

            # Second half: the platform comes back.
            await asyncio.to_thread(server.start)
            return await _status_where(
                statuses, lambda s: s.pending == 0 and s.reachable is True, 60
            )
        finally:
            await engine.stop()

    try:
        final = run(scenario(), timeout_s=90)
        assert final.unreachable_since is None and final.last_success_at is not None
        order = _server_order(server.base_url)
    finally:
        server.stop()
        store.close()
    assert order == made


async def _status_where(
    statuses: asyncio.Queue[SyncStatus], wanted: Any, timeout_s: float = 30
) -> SyncStatus:
    async def first() -> SyncStatus:
        while True:
            status = await statuses.get()
            if wanted(status):
                return status

    return await asyncio.wait_for(first(), timeout_s)


def _server_order(base_url: str) -> list[str]:
    import httpx

    page = httpx.get(
        f"{base_url}/Observation", params={"_sort": "_lastUpdated", "_count": "1000"}
    ).json()
    return [
        entry["resource"]["identifier"][0]["value"] for entry in page.get("entry", [])
    ]
