"""SyncEngine scheduling and status, over MockTransport and a real store file."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

from app.sync.backoff import Backoff
from app.sync.client import FhirClient, PlatformSettings
from app.sync.engine import SyncEngine, SyncStatus
from app.sync.pull import Puller
from tests.app.sync.helpers import open_store, queue_readings, reading, run, until

Handler = Callable[[httpx.Request], httpx.Response]


def _ok(request: httpx.Request) -> httpx.Response:
    if request.method == "POST":
        entries = request.read().count(b'"request"')
        body = {
            "resourceType": "Bundle",
            "type": "transaction-response",
            "entry": [
                {
                    "response": {
                        "status": "201 Created",
                        "location": f"Observation/o{n}/_history/1",
                    }
                }
                for n in range(entries)
            ],
        }
        return httpx.Response(200, json=body)
    return httpx.Response(200, json={"resourceType": "Bundle", "type": "searchset"})


def _engine(store: Any, handler: Handler, **options: Any) -> SyncEngine:
    client = FhirClient(
        PlatformSettings(
            base_url="https://platform.example/fhir", station_name="bed-1"
        ),
        transport=httpx.MockTransport(handler),
    )
    options.setdefault("puller", Puller(client, store, types=("Patient",)))
    options.setdefault("backoff", Backoff(base_s=0.01, cap_s=0.02))
    return SyncEngine(client, store, **options)


async def _started(engine: SyncEngine) -> None:
    first = asyncio.ensure_future(engine.wait_for_cycle())
    await engine.start()
    await asyncio.wait_for(first, 10)


def test_a_burst_of_local_writes_makes_one_cycle(tmp_path: Path) -> None:
    store = open_store(tmp_path)

    async def scenario() -> tuple[int, SyncStatus]:
        engine = _engine(store, _ok, interval_s=3600, debounce_s=0.05)
        try:
            await _started(engine)
            queue_readings(store, [reading(n) for n in range(3)])
            done = asyncio.ensure_future(engine.wait_for_cycle())
            for _ in range(5):
                engine.notify_local_write()
            await asyncio.wait_for(done, 10)
            return engine.cycles, engine.status
        finally:
            await engine.stop()

    try:
        cycles, status = run(scenario())
    finally:
        store.close()
    assert cycles == 2
    assert status.pending == 0 and status.reachable is True
    assert status.last_success_at is not None and status.watermarks == {}
    assert [exchange.method for exchange in status.recent][-2:] == ["POST", "GET"]


def test_sync_now_runs_a_cycle_without_waiting_for_the_interval(tmp_path: Path) -> None:
    store = open_store(tmp_path)

    async def scenario() -> int:
        engine = _engine(store, _ok, interval_s=3600)
        try:
            await _started(engine)
            done = asyncio.ensure_future(engine.wait_for_cycle())
            engine.sync_now()
            await asyncio.wait_for(done, 10)
            return engine.cycles
        finally:
            await engine.stop()

    try:
        assert run(scenario()) == 2
    finally:
        store.close()


@pytest.mark.parametrize(
    ("answer", "kind", "reachable"),
    [
        (lambda request: httpx.Response(401), "token", True),
        (
            lambda request: (_ for _ in ()).throw(
                httpx.ConnectError("no route", request=request)
            ),
            "network",
            False,
        ),
        (
            lambda request: httpx.Response(503, headers={"Retry-After": "1"}),
            "busy",
            True,
        ),
    ],
)
def test_a_failed_cycle_tells_what_kind_and_keeps_the_rows(
    tmp_path: Path, answer: Handler, kind: str, reachable: bool
) -> None:
    store = open_store(tmp_path)
    queue_readings(store, [reading(1), reading(2)])
    seen: list[SyncStatus] = []

    async def scenario() -> SyncStatus:
        engine = _engine(store, answer, interval_s=3600)
        engine.subscribe(seen.append)
        try:
            ok = await engine.cycle()
            assert not ok
            return engine.status
        finally:
            await engine.stop()

    try:
        status = run(scenario())
    finally:
        store.close()
    assert status.last_error_kind == kind
    assert status.reachable is reachable
    assert (status.unreachable_since is not None) is (not reachable)
    assert status.pending == 2 and status.oldest_pending_at is not None
    assert seen[-1] == status


@pytest.mark.allow_error_logs
def test_a_broken_subscriber_is_logged_and_the_sync_goes_on(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    queue_readings(store, [reading(1)])
    seen: list[SyncStatus] = []

    async def scenario() -> bool:
        engine = _engine(store, _ok, interval_s=3600)
        engine.subscribe(lambda status: 1 / 0)
        engine.subscribe(seen.append)
        try:
            return await engine.cycle()
        finally:
            await engine.stop()

    try:
        assert run(scenario())
    finally:
        store.close()
    assert seen[-1].pending == 0


def test_a_record_queued_at_the_station_is_sent_soon_without_a_call(
    tmp_path: Path,
) -> None:
    store = open_store(tmp_path)

    async def scenario() -> tuple[int, SyncStatus]:
        engine = _engine(store, _ok, interval_s=3600, debounce_s=0.05)
        try:
            await _started(engine)
            done = asyncio.ensure_future(engine.wait_for_cycle())
            # Queued the way every feature queues: a commit on the writer.
            await asyncio.to_thread(queue_readings, store, [reading(1)])
            await asyncio.wait_for(done, 10)
            return engine.cycles, engine.status
        finally:
            await engine.stop()

    try:
        cycles, status = run(scenario())
    finally:
        store.close()
    assert cycles == 2, "the write woke the engine long before its hour"
    assert status.pending == 0
    assert "POST" in [exchange.method for exchange in status.recent]


def test_local_writes_during_back_off_wait_for_the_next_try(tmp_path: Path) -> None:
    store = open_store(tmp_path)

    async def scenario() -> tuple[int, int]:
        engine = _engine(
            store,
            lambda request: httpx.Response(500),
            interval_s=3600,
            debounce_s=0.01,
            backoff=Backoff(base_s=600, cap_s=600, uniform=lambda low, high: high),
        )
        try:
            await _started(engine)
            for n in range(3):
                await asyncio.to_thread(queue_readings, store, [reading(n)])
            await until(lambda: engine.writes_held >= 1, 5, "a write held back")
            return engine.cycles, engine.writes_held
        finally:
            await engine.stop()

    try:
        cycles, held = run(scenario(), timeout_s=10)
    finally:
        store.close()
    assert cycles == 1, "an outage is not hammered every debounce"
    assert held >= 1


def test_sync_now_during_a_cycle_runs_one_more_right_after(tmp_path: Path) -> None:
    store = open_store(tmp_path)

    async def scenario() -> int:
        entered, release = asyncio.Event(), asyncio.Event()
        first_get = True

        async def handler(request: httpx.Request) -> httpx.Response:
            nonlocal first_get
            if request.method == "GET" and first_get:
                first_get = False
                entered.set()
                await release.wait()
            return _ok(request)

        engine = _engine(store, handler, interval_s=3600)
        try:
            await engine.start()
            await asyncio.wait_for(entered.wait(), 10)
            engine.sync_now()  # pressed while the first cycle runs
            second = asyncio.ensure_future(engine.wait_for_cycle())
            release.set()
            await asyncio.wait_for(second, 10)  # the first ends
            third = asyncio.ensure_future(engine.wait_for_cycle())
            await asyncio.wait_for(third, 10)  # and one more follows
            return engine.cycles
        finally:
            await engine.stop()

    try:
        assert run(scenario()) == 2
    finally:
        store.close()


def test_the_last_error_clears_after_a_good_cycle(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    answers = [httpx.Response(401)]

    def handler(request: httpx.Request) -> httpx.Response:
        return answers.pop() if answers else _ok(request)

    async def scenario() -> tuple[SyncStatus, SyncStatus]:
        engine = _engine(store, handler)
        try:
            await engine.cycle()
            failed = engine.status
            await engine.cycle()
            return failed, engine.status
        finally:
            await engine.stop()

    try:
        failed, recovered = run(scenario())
    finally:
        store.close()
    assert failed.last_error_kind == "token"
    assert recovered.last_error_kind is None
    assert recovered.reachable is True and recovered.last_success_at is not None


def test_the_counts_follow_the_outbox_during_back_off(tmp_path: Path) -> None:
    store = open_store(tmp_path)

    async def scenario() -> tuple[int, int]:
        engine = _engine(
            store,
            lambda request: httpx.Response(503),
            interval_s=3600,
            backoff=Backoff(base_s=600, cap_s=600, uniform=lambda low, high: high),
        )
        try:
            await _started(engine)
            await asyncio.to_thread(
                queue_readings, store, [reading(n) for n in range(3)]
            )
            await until(lambda: engine.status.pending == 3, 5, "the counts")
            return engine.status.pending, engine.cycles
        finally:
            await engine.stop()

    try:
        pending, cycles = run(scenario(), timeout_s=10)
    finally:
        store.close()
    assert (pending, cycles) == (3, 1), "counted without waiting for a cycle"
