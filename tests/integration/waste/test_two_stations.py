"""A cart and a storage room on two PCs: two stores, one real FHIR server.

The cart weighs and hands over bags and pushes its steps; the storage
station pulls them, re-weighs and takes the bags in; each station's trace
then shows the whole chain, and nothing is doubled when a station pulls its
own steps back or pulls twice.
"""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from concurrent.futures import Future
from pathlib import Path
from typing import Any, TypeVar

import pytest
from sqlalchemy import func, select

from app.config import PlatformSettings, StationSettings
from app.demo.fhir_server import FhirServerProcess
from app.station import Station
from app.store.models import WasteBag, WasteEvent
from app.sync.engine import SyncEngine
from app.waste import BagState, Category, Person, Step, WasteService, Weight
from app.waste.errors import IntakeBlocked

pytestmark = pytest.mark.integration

T = TypeVar("T")
PORTER = Person("P201", "王师傅", "porter")
NURSE = Person("N201", "李护士", "nurse")
KEEPER = Person("K201", "赵库管", "storage-keeper")
CYCLE_S = 30.0


def _station(
    tmp_path: Path, server: FhirServerProcess, station_id: str, role: str
) -> Station:
    settings = StationSettings(
        path=tmp_path / f"{station_id}.toml",
        station_id=station_id,
        name=station_id,
        role=role,
        data_dir=str(tmp_path / station_id),  # its own SQLite file
        platform=PlatformSettings(base_url=server.base_url, sync_interval_s=3600),
    )
    station = Station(settings)
    station.open_store()
    return station


async def _done(future: Future[T]) -> T:
    return await asyncio.wrap_future(future)


async def _sync(station: Station) -> None:
    """A whole push-and-pull cycle of the station's own engine, begun now.

    A cycle may already be running (the engine wakes on new outbox rows), so
    the first end seen may be its; the second cycle surely began after.
    """
    engine: SyncEngine = station.services["sync"]
    for _ in range(2):
        cycle = asyncio.ensure_future(engine.wait_for_cycle())
        engine.sync_now()
        await asyncio.wait_for(cycle, CYCLE_S)
    assert engine.status.pending == 0


def _count_events(station: Station) -> int:
    assert station.store is not None
    with station.store.read_session() as session:
        return session.scalar(select(func.count()).select_from(WasteEvent)) or 0


def _run(scenario: Coroutine[Any, Any, T]) -> T:
    return asyncio.run(asyncio.wait_for(scenario, 120))


def test_storage_takes_in_the_carts_bags_and_both_trace_the_whole_chain(
    fhir_server: FhirServerProcess, tmp_path: Path
) -> None:
    cart = _station(tmp_path, fhir_server, "CART-21", "waste-cart")
    storage = _station(tmp_path, fhir_server, "STORE-21", "waste-storage")
    assert cart.database_path != storage.database_path

    async def scenario() -> dict[str, Any]:
        await cart.start()
        await storage.start()
        try:
            return await rounds()
        finally:
            await cart.stop()
            await storage.stop()

    async def rounds() -> dict[str, Any]:
        at_cart: WasteService = cart.services["waste"]
        at_storage: WasteService = storage.services["waste"]
        sharps = await _done(
            at_cart.register_bag(
                category=Category.SHARPS,
                department="内科一病区",
                weight=Weight.from_scale(1250),
                porter=PORTER,
                notes="利器盒",
            )
        )
        infectious = await _done(
            at_cart.register_bag(
                category=Category.INFECTIOUS,
                department="内科一病区",
                weight=Weight.from_scale(3400),
                porter=PORTER,
            )
        )
        codes = [sharps.code, infectious.code]
        await _done(
            at_cart.confirm_ward_handover(
                department="内科一病区",
                bag_codes=codes,
                ward_nurse=NURSE,
                porter=PORTER,
            )
        )
        await _sync(cart)
        await _sync(storage)

        arrived = at_storage.find_bag(sharps.code)
        blocked = None
        try:
            await _done(
                at_storage.receive_bag(
                    bag_code=infectious.code,
                    weight=Weight.from_scale(3000),  # 400 g lighter than at the ward
                    keeper=KEEPER,
                )
            )
        except IntakeBlocked as error:
            blocked = error
        for code, grams in ((sharps.code, 1262), (infectious.code, 3395)):
            await _done(
                at_storage.receive_bag(
                    bag_code=code, weight=Weight.from_scale(grams), keeper=KEEPER
                )
            )
        await _sync(storage)  # its own intake steps come back with the pull
        await _sync(storage)
        events_at_storage = _count_events(storage)
        await _sync(cart)
        await _sync(cart)
        return {
            "codes": codes,
            "arrived": arrived,
            "blocked": blocked,
            "storage_trace": at_storage.trace(sharps.code),
            "cart_trace": at_cart.trace(sharps.code),
            "events_at_storage": events_at_storage,
            "events_at_storage_after": _count_events(storage),
            "events_at_cart": _count_events(cart),
            "cart_load": at_cart.cart_load(PORTER),
            "stock": at_storage.stock(),
        }

    try:
        seen = _run(scenario())
    finally:
        for station in (cart, storage):
            if station.store is not None:
                station.store.close()

    arrived = seen["arrived"]
    assert arrived is not None and arrived.state is BagState.COLLECTED
    assert (arrived.category, arrived.department, arrived.notes) == (
        Category.SHARPS,
        "内科一病区",
        "利器盒",
    )
    assert arrived.collection_weight_g == 1250
    assert seen["blocked"] is not None  # the pulled collection weight is compared

    for trace in (seen["storage_trace"], seen["cart_trace"]):
        assert [s.step for s in trace.steps] == [
            Step.REGISTERED,
            Step.COLLECTED,
            Step.INTAKE,
        ]
        registered, collected, intake = trace.steps
        assert (registered.weight_g, intake.weight_g) == (1250, 1262)
        assert collected.from_person == NURSE.label()
        assert collected.to_person == PORTER.label()
        assert intake.from_person == PORTER.label()
        assert intake.to_person == KEEPER.label()
        assert trace.bag.state is BagState.IN_STORAGE
        assert trace.bag.intake_weight_g == 1262

    # 2 bags x 3 steps at each station: nothing doubled by pulling back or twice.
    assert seen["events_at_storage"] == seen["events_at_storage_after"] == 6
    assert seen["events_at_cart"] == 6
    assert seen["cart_load"].bags == ()  # the cart knows the bags were taken in
    assert sorted(item.bag.code for item in seen["stock"]) == sorted(seen["codes"])


def test_a_pulled_bag_code_that_is_another_bag_here_is_not_merged(
    fhir_server: FhirServerProcess, tmp_path: Path
) -> None:
    cart = _station(tmp_path, fhir_server, "CART-22", "waste-cart")
    storage = _station(tmp_path, fhir_server, "STORE-22", "waste-storage")

    async def scenario() -> tuple[WasteBag | None, str]:
        await cart.start()
        await storage.start()
        try:
            at_cart: WasteService = cart.services["waste"]
            at_storage: WasteService = storage.services["waste"]
            local = await _done(
                at_storage.register_bag(
                    category=Category.CHEMICAL,
                    department="检验科",
                    weight=Weight.from_scale(800),
                    porter=PORTER,
                    bag_code="W22CLASH01",
                )
            )
            await _done(
                at_cart.register_bag(
                    category=Category.INFECTIOUS,
                    department="内科一病区",
                    weight=Weight.from_scale(2000),
                    porter=PORTER,
                    bag_code="W22CLASH01",  # the same printed code, another bag
                )
            )
            await _sync(cart)
            await _sync(storage)
            assert storage.store is not None
            with storage.store.read_session() as session:
                bag = session.scalar(
                    select(WasteBag).where(WasteBag.bag_code == "W22CLASH01")
                )
                if bag is not None:
                    session.expunge(bag)
            return bag, local.identifier
        finally:
            await cart.stop()
            await storage.stop()

    bag, identifier = _run(scenario())

    assert bag is not None
    assert (bag.identifier, bag.category, bag.collection_weight_g) == (
        identifier,
        Category.CHEMICAL.value,
        800,
    )
