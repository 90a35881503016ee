"""Read models of the waste domain: plain frozen dataclasses for screens.

Built from ORM rows inside a read or write session and handed out, so no
screen ever holds a session or a lazy attribute.
"""

from __future__ import annotations

import enum
import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from app.store.models import WasteBag, WasteEvent
from app.waste.categories import Category
from app.waste.people import Person
from app.waste.rules import AgeLevel


class BagState(enum.Enum):
    REGISTERED = "registered"  # weighed and labelled at the ward
    COLLECTED = "collected"  # handed from the ward nurse to the porter
    IN_STORAGE = "in_storage"  # received and re-weighed at the storage room
    HANDED_OUT = "handed_out"  # given to the licensed disposal company


class Step(enum.Enum):
    REGISTERED = "registered"
    COLLECTED = "collected"
    INTAKE = "intake"
    OUTBOUND = "outbound"


@dataclass(frozen=True)
class BagRecord:
    code: str
    identifier: str
    category: Category
    department: str
    produced_at: datetime
    state: BagState
    collection_weight_g: int | None
    intake_weight_g: int | None
    weight_typed: bool
    notes: str

    @classmethod
    def of(cls, row: WasteBag) -> BagRecord:
        return cls(
            code=row.bag_code,
            identifier=row.identifier,
            category=Category.parse(row.category),
            department=row.department,
            produced_at=row.produced_at,
            state=BagState(row.state),
            collection_weight_g=row.collection_weight_g,
            intake_weight_g=row.intake_weight_g,
            weight_typed=row.weight_typed,
            notes=row.notes,
        )


@dataclass(frozen=True)
class TraceStep:
    step: Step
    at: datetime
    from_person: str
    to_person: str
    location: str
    weight_g: int | None
    weight_typed: bool
    detail: dict[str, Any]

    @classmethod
    def of(cls, row: WasteEvent) -> TraceStep:
        detail: dict[str, Any] = json.loads(row.detail_json)
        return cls(
            step=Step(row.kind),
            at=row.at,
            from_person=row.from_person,
            to_person=row.to_person,
            location=row.location,
            weight_g=row.weight_g,
            weight_typed=detail.get("weight_source") == "typed",
            detail=detail,
        )


@dataclass(frozen=True)
class Trace:
    """A bag's whole chain from the ward to the truck, oldest step first."""

    bag: BagRecord
    steps: tuple[TraceStep, ...]


@dataclass(frozen=True)
class CategoryTotal:
    category: Category
    bags: int
    grams: int


def totals_by_category(
    pairs: list[tuple[Category, int | None]],
) -> tuple[CategoryTotal, ...]:
    """Count and weight per category, in the national order of categories."""
    totals = {category: [0, 0] for category in Category}
    for category, grams in pairs:
        totals[category][0] += 1
        totals[category][1] += grams or 0
    return tuple(
        CategoryTotal(category, count, grams)
        for category, (count, grams) in totals.items()
        if count
    )


@dataclass(frozen=True)
class CartLoad:
    porter: str
    bags: tuple[BagRecord, ...]
    by_category: tuple[CategoryTotal, ...]

    @property
    def total_g(self) -> int:
        return sum(total.grams for total in self.by_category)


@dataclass(frozen=True)
class StockItem:
    bag: BagRecord
    stored_at: datetime
    age_fraction: float  # share of the storage limit used
    level: AgeLevel


@dataclass(frozen=True)
class StorageAlarm:
    bag_code: str
    level: AgeLevel
    stored_at: datetime
    raised_at: datetime


@dataclass(frozen=True)
class OutboundHandover:
    """What the storage keeper and the disposal company's driver agree on."""

    manifest_number: str
    company: str
    vehicle: str
    driver: str
    keeper: Person
    bag_codes: tuple[str, ...]
    # Empty: the station's configured ones (医疗废物管理条例 art. 12).
    disposal_method: str = ""
    destination: str = ""


@dataclass(frozen=True)
class ManifestLine:
    bag_code: str
    category: Category
    department: str
    weight_g: int
    weight_typed: bool


@dataclass(frozen=True)
class Manifest:
    """The transfer manifest (转移联单) for one outbound handover."""

    number: str
    company: str
    vehicle: str
    driver: str
    keeper: str
    station_id: str
    handed_out_at: datetime
    lines: tuple[ManifestLine, ...]
    by_category: tuple[CategoryTotal, ...] = field(default=())
    producing_unit: str = ""  # the hospital (empty only on old records)
    disposal_method: str = ""
    destination: str = ""

    @property
    def total_g(self) -> int:
        return sum(line.weight_g for line in self.lines)

    @property
    def any_typed(self) -> bool:
        return any(line.weight_typed for line in self.lines)
