"""Fixtures for the waste domain: a real SQLite store, a clock the test turns."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app.store.db import Store
from app.waste import Person, WasteService


class TurnableClock:
    """A clock that moves only when the test moves it."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, delta: timedelta) -> None:
        self.now += delta


PORTER = Person("P001", "王师傅", "porter")
NURSE = Person("N001", "李护士", "nurse")
KEEPER = Person("K001", "赵库管", "storage-keeper")
ADMIN = Person("A001", "陈管理", "admin")
HOSPITAL = "市第一人民医院"
DISPOSAL_METHOD = "高温蒸汽处理"
DESTINATION = "市医疗废物集中处置中心"


@pytest.fixture
def clock() -> TurnableClock:
    return TurnableClock(datetime(2026, 12, 3, 8, 0, tzinfo=UTC))


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    store = Store(tmp_path / "station.db")
    try:
        yield store
    finally:
        store.close()


@pytest.fixture
def service(store: Store, clock: TurnableClock) -> WasteService:
    return WasteService(
        store,
        "cart-1",
        clock=clock,
        producing_unit=HOSPITAL,
        disposal_method=DISPOSAL_METHOD,
        disposal_destination=DESTINATION,
    )
