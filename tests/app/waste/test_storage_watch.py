"""Storage-age alarms on the storage station's timer, with no screen open."""

from __future__ import annotations

import asyncio
import json
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select

from app.config import StationSettings, WasteLimits
from app.station import Station
from app.store.db import Store
from app.store.models import Alarm, OutboxEntry
from app.waste import Category, StorageAlarm, WasteService, Weight
from app.waste.rules import AgeLevel
from app.waste.storage_watch import StorageWatch
from tests.app.waste.conftest import KEEPER, NURSE, PORTER, TurnableClock

WAIT_S = 10.0


def _bag_in_storage(service: WasteService) -> str:
    bag = service.register_bag(
        category=Category.INFECTIOUS,
        department="内科一病区",
        weight=Weight.from_scale(2000),
        porter=PORTER,
    ).result()
    service.confirm_ward_handover(
        department="内科一病区", bag_codes=[bag.code], ward_nurse=NURSE, porter=PORTER
    ).result()
    service.receive_bag(
        bag_code=bag.code, weight=Weight.from_scale(2010), keeper=KEEPER
    ).result()
    return bag.code


def _alarms_and_flags(store: Store) -> tuple[list[tuple[str, str]], list[str]]:
    with store.read_session() as session:
        alarms = [(a.code, a.text) for a in session.scalars(select(Alarm))]
        flags = [
            json.loads(row.payload)["code"]["text"]
            for row in session.scalars(
                select(OutboxEntry).where(OutboxEntry.resource_type == "Flag")
            )
        ]
    return alarms, flags


def test_the_timer_raises_the_alarm_and_the_flag_without_any_screen(
    service: WasteService, store: Store, clock: TurnableClock
) -> None:
    code = _bag_in_storage(service)
    watch = StorageWatch(service, interval_s=0.05)
    heard: list[StorageAlarm] = []

    async def scenario() -> None:
        overdue = asyncio.Event()

        def listen(raised: list[StorageAlarm]) -> None:
            heard.extend(raised)
            if any(alarm.level is AgeLevel.OVERDUE for alarm in raised):
                overdue.set()

        watch.subscribe(listen)
        first = asyncio.ensure_future(watch.wait_for_check())
        watch.start()
        try:
            await asyncio.wait_for(first, WAIT_S)
            assert heard == []  # a fresh bag: nothing to say
            clock.advance(timedelta(hours=48, minutes=1))  # nobody touches a screen
            await asyncio.wait_for(overdue.wait(), WAIT_S)
        finally:
            await watch.stop()

    asyncio.run(scenario())
    alarms, flags = _alarms_and_flags(store)

    assert [(a.bag_code, a.level) for a in heard] == [(code, AgeLevel.OVERDUE)]
    assert alarms == [("waste.storage.overdue", code)]
    assert flags == [code]  # the platform Flag was queued with the alarm


def test_the_storage_station_watches_with_its_configured_limits(
    tmp_path: Path, clock: TurnableClock
) -> None:
    limits = WasteLimits(
        intake_tolerance_percent=5.0,
        intake_tolerance_g=80,
        storage_limit_hours=24.0,
        storage_warning_hours=4.0,
        storage_check_s=5,
    )
    station = Station(
        StationSettings(
            path=tmp_path / "station.toml",
            station_id="STORE-31",
            name="暂存间",
            role="waste-storage",
            data_dir=str(tmp_path / "data"),
            waste_limits=limits,
        ),
        clock=clock,
    )
    station.open_store()

    async def scenario() -> tuple[WasteService, StorageWatch, int]:
        await station.start()
        try:
            service: WasteService = station.services["waste"]
            watch: StorageWatch = station.services["storage_watch"]
            code = await asyncio.to_thread(_bag_in_storage, service)
            clock.advance(timedelta(hours=20, minutes=1))  # within 4 h of 24 h
            raised = await watch.check()
            assert [(a.bag_code, a.level) for a in raised] == [(code, AgeLevel.WARNING)]
            return service, watch, len(raised)
        finally:
            await station.stop()

    service, watch, raised = asyncio.run(scenario())

    assert raised == 1 and watch.checks >= 2  # its own first check, then ours
    assert watch.interval_s == 5
    assert service.clock is clock
    assert (service.tolerance.percent, service.tolerance.grams) == (Decimal(5), 80)
    assert service.storage.limit == timedelta(hours=24)
    assert service.storage.warn_before == timedelta(hours=4)
