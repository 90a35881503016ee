"""Sync benchmarks against a real local FHIR server (`make bench`).

They print rates, ratios and percentiles; they assert only correctness
(nothing lost, nothing twice), never a time. Sizes can be scaled down with
environment variables when the server is slow:

    CARELOOP_BENCH_READINGS   readings to upload (10000)
    CARELOOP_BENCH_SINGLES    readings posted one request each (all of them)
    CARELOOP_BENCH_PATIENTS   patients for the first pull (5000)
    CARELOOP_BENCH_LABS       lab observations for the first pull (20000)
    CARELOOP_BENCH_STATIONS   simulated stations (50)
    CARELOOP_BENCH_SECONDS    how long the stations run (300: five minutes)
"""

from __future__ import annotations

import asyncio
import gc
import os
import random
import resource
import statistics
import time
import tracemalloc
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
import pytest

from app import jsonio
from app.demo.fhir_server import FhirServerProcess
from app.errors import SyncError
from app.store import Store
from app.sync import mapping
from app.sync.backoff import Backoff
from app.sync.errors import error_kind
from app.sync.local import SqlOutbox
from app.sync.pull import Puller
from app.sync.push import Pusher
from tests.app.sync.helpers import (
    client_for,
    count_by_identifier,
    outbox_statuses,
    queue_readings,
    reading,
)
from tests.fhir_server_fixture import fhir_venv


def _env(name: str, default: int) -> int:
    return int(os.environ.get(f"CARELOOP_BENCH_{name}", default))


@pytest.fixture
def server(tmp_path: Path) -> Iterator[FhirServerProcess]:
    process = FhirServerProcess(fhir_venv(), tmp_path / "fhir")
    process.start()
    try:
        yield process
    finally:
        process.stop()


def _fresh_server(folder: Path) -> FhirServerProcess:
    process = FhirServerProcess(fhir_venv(), folder)
    process.start()
    return process


def _raw_bundles(
    base_url: str, resources: list[dict[str, Any]], size: int
) -> list[str]:
    """Plain creates in transaction bundles of ``size``; returns the new ids."""
    ids: list[str] = []
    with httpx.Client(timeout=600) as http:
        for start in range(0, len(resources), size):
            chunk = resources[start : start + size]
            bundle = {
                "resourceType": "Bundle",
                "type": "transaction",
                "entry": [
                    {
                        "resource": item,
                        "request": {"method": "POST", "url": item["resourceType"]},
                    }
                    for item in chunk
                ],
            }
            answer = http.post(
                base_url,
                content=jsonio.dumps(bundle),
                headers={"Content-Type": "application/fhir+json"},
            )
            answer.raise_for_status()
            for entry in answer.json()["entry"]:
                ids.append(entry["response"]["location"].split("/")[-3])
    return ids


def _print(title: str, lines: list[str]) -> None:
    print(f"\n=== {title} ===")
    for line in lines:
        print("  " + line)


# ---- 1. upload of queued readings ----


async def _push_all(base_url: str, store: Store, bundle_size: int) -> Any:
    async with client_for(base_url, read_timeout_s=600) as client:
        return await Pusher(client, SqlOutbox(store), bundle_size=bundle_size).push()


@pytest.mark.timeout(3600)
def test_upload_of_queued_readings_against_the_servers_own_rates(
    tmp_path: Path,
) -> None:
    count = _env("READINGS", 10_000)
    # The same readings one request each, all of them unless scaled down.
    singles = min(_env("SINGLES", count), count)
    readings = [reading(n) for n in range(count)]
    lines: list[str] = []

    rates: dict[str, float] = {}
    for bundle_size in (100, 500):
        server = _fresh_server(tmp_path / f"ours-{bundle_size}")
        store = Store(tmp_path / f"station-{bundle_size}.sqlite")
        try:
            queue_readings(store, readings)

            started = time.perf_counter()
            result = asyncio.run(_push_all(server.base_url, store, bundle_size))
            elapsed = time.perf_counter() - started
            assert result.sent == count and outbox_statuses(store) == {"sent": count}
            counts = count_by_identifier(
                server.base_url, "Observation", [r.identifier for r in readings]
            )
            assert set(counts.values()) == {1}
        finally:
            store.close()
            server.stop()
        rates[f"outbox, bundles of {bundle_size}"] = count / elapsed
        lines.append(
            f"outbox push, conditional create, bundles of {bundle_size}: "
            f"{count} in {elapsed:.1f} s = {count / elapsed:.0f}/s"
        )

    resources = [mapping.reading_to_fhir(item) for item in readings]
    server = _fresh_server(tmp_path / "singles")
    try:
        started = time.perf_counter()
        with httpx.Client(timeout=60) as http:
            for item in resources[:singles]:
                http.post(
                    f"{server.base_url}/Observation",
                    content=jsonio.dumps(item),
                    headers={"Content-Type": "application/fhir+json"},
                ).raise_for_status()
        elapsed = time.perf_counter() - started
    finally:
        server.stop()
    rates["one POST each"] = singles / elapsed
    subset = (
        ""
        if singles == count
        else f" (a subset of the {count}: CARELOOP_BENCH_SINGLES={singles})"
    )
    lines.append(
        f"one plain POST each: {singles} in {elapsed:.1f} s = "
        f"{singles / elapsed:.0f}/s{subset}"
    )

    for bulk_size in (2000, count):
        server = _fresh_server(tmp_path / f"bulk-{bulk_size}")
        try:
            started = time.perf_counter()
            created = _raw_bundles(server.base_url, resources, bulk_size)
            elapsed = time.perf_counter() - started
            assert len(created) == count
        except httpx.HTTPError as error:
            lines.append(f"plain bundles of {bulk_size}: refused ({error})")
            continue
        finally:
            server.stop()
        rates[f"plain bundles of {bulk_size}"] = count / elapsed
        lines.append(
            f"plain transaction bundles of {bulk_size}, no conditions: "
            f"{count} in {elapsed:.1f} s = {count / elapsed:.0f}/s"
        )

    best_bulk = max(rate for name, rate in rates.items() if name.startswith("plain"))
    for name in ("outbox, bundles of 100", "outbox, bundles of 500"):
        lines.append(
            f"{name}: {rates[name] / rates['one POST each']:.1f}x one-POST-each, "
            f"{rates[name] / best_bulk:.2f}x the best plain bulk"
        )
    _print("upload of queued readings", lines)


# ---- 2. first pull ----


@pytest.mark.timeout(3600)
def test_first_pull_of_patients_and_lab_results(
    server: FhirServerProcess, tmp_path: Path
) -> None:
    patients, labs = _env("PATIENTS", 5_000), _env("LABS", 20_000)
    started = time.perf_counter()
    patient_ids = _raw_bundles(
        server.base_url,
        [
            mapping.patient_to_fhir(mapping.PatientRecord(f"B{n:06d}", f"病人{n}"))
            for n in range(patients)
        ],
        2000,
    )
    taken = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)
    lab_resources = [
        mapping.lab_to_fhir(
            mapping.LabRecord(
                patient_ids[n % patients],
                "2823-3",
                mapping.LOINC,
                Decimal(f"4.{n % 10}"),
                "mmol/L",
                taken,
            )
        )
        for n in range(labs)
    ]
    _raw_bundles(server.base_url, lab_resources, 2000)
    seeded_s = time.perf_counter() - started
    del lab_resources, patient_ids
    gc.collect()

    async def pull(store: Store) -> Any:
        async with client_for(server.base_url, read_timeout_s=600) as client:
            puller = Puller(
                client, store, types=("Patient", "Observation"), page_size=1000
            )
            return await puller.pull()

    timed_store = Store(tmp_path / "timed.sqlite")
    try:
        started = time.perf_counter()
        result = asyncio.run(pull(timed_store))
        elapsed = time.perf_counter() - started
    finally:
        timed_store.close()
    assert result.applied == {"Patient": patients, "Observation": labs}

    # Memory on a second first pull, into a new file, with tracemalloc on
    # (it slows Python down, so the time above is taken without it).
    traced_store = Store(tmp_path / "traced.sqlite")
    try:
        tracemalloc.start()
        asyncio.run(pull(traced_store))
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    finally:
        traced_store.close()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    _print(
        "first pull",
        [
            f"seeded {patients} patients + {labs} labs in {seeded_s:.1f} s",
            f"pulled {patients + labs} resources in {result.pages} pages of 1000: "
            f"{elapsed:.1f} s = {(patients + labs) / elapsed:.0f}/s",
            f"peak Python heap during the pull (tracemalloc): {peak / 2**20:.0f} MB; "
            f"peak RSS of the whole test process incl. seeding: {rss / 1024:.0f} MB",
        ],
    )


# ---- 3. many stations ----


class Station:
    def __init__(self, number: int, folder: Path, base_url: str) -> None:
        self.number = number
        self.store = Store(folder / f"station-{number}.sqlite")
        self.base_url = base_url
        self.made: list[str] = []
        self.push_s: list[float] = []
        self.errors: Counter[str] = Counter()

    async def run(self, until: float) -> None:
        rng = random.Random(self.number)
        backoff = Backoff(base_s=0.5, cap_s=10.0, uniform=rng.uniform)
        async with client_for(self.base_url, read_timeout_s=30) as client:
            pusher = Pusher(client, SqlOutbox(self.store), bundle_size=100)
            puller = Puller(client, self.store, types=("Patient",), page_size=200)
            while time.monotonic() < until:
                items = [
                    reading(n) for n in range(rng.randint(4, 12))
                ]  # a few beds' readings
                await asyncio.to_thread(queue_readings, self.store, items)
                self.made.extend(item.identifier for item in items)
                try:
                    started = time.perf_counter()
                    await pusher.push()
                    self.push_s.append(time.perf_counter() - started)
                    if rng.random() < 0.2:
                        await puller.pull()
                    backoff.reset()
                    await asyncio.sleep(rng.uniform(1.0, 3.0))  # the station's pace
                except SyncError as error:
                    self.errors[error_kind(error)] += 1
                    await asyncio.sleep(backoff.next_wait_s())

    async def flush(self) -> None:
        async with client_for(self.base_url, read_timeout_s=120) as client:
            await Pusher(client, SqlOutbox(self.store), bundle_size=100).push()


@pytest.mark.timeout(3600)
def test_many_stations_push_and_pull_against_one_server(
    server: FhirServerProcess, tmp_path: Path
) -> None:
    count, seconds = _env("STATIONS", 50), _env("SECONDS", 300)
    stations = [Station(n, tmp_path, server.base_url) for n in range(count)]

    async def all_stations() -> None:
        until = time.monotonic() + seconds
        await asyncio.gather(*(station.run(until) for station in stations))
        for station in stations:
            await station.flush()

    try:
        asyncio.run(all_stations())
        made = [identifier for station in stations for identifier in station.made]
        counts = count_by_identifier(server.base_url, "Observation", made)
        pending = sum(outbox_statuses(s.store).get("pending", 0) for s in stations)
    finally:
        for station in stations:
            station.store.close()
    latencies = sorted(t for station in stations for t in station.push_s)
    errors: Counter[str] = sum((s.errors for s in stations), Counter())
    duplicates = sum(n - 1 for n in counts.values() if n > 1)
    missing = sum(1 for n in counts.values() if n == 0)
    p95 = latencies[int(0.95 * (len(latencies) - 1))] if latencies else float("nan")
    _print(
        f"{count} stations for {seconds} s against one server",
        [
            f"records made {len(made)}, on the server once {sum(1 for n in counts.values() if n == 1)}, "
            f"duplicates {duplicates}, missing {missing}, still pending {pending}",
            f"pushes {len(latencies)}, p50 {statistics.median(latencies) * 1000:.0f} ms, "
            f"p95 {p95 * 1000:.0f} ms, max {latencies[-1] * 1000:.0f} ms",
            f"errors by kind: {dict(errors) or 'none'}",
        ],
    )
    assert duplicates == 0 and missing == 0 and pending == 0
