"""The medical-waste domain: bags from the ward to the disposal company's truck.

Public face (everything else is an implementation detail):

- ``WasteService``: commands (register, ward handover, intake, outbound,
  storage alarms) each committed with its audit row and outbox Task in one
  writer transaction; queries (trace, cart load, stock, manifest).
- ``Category``, ``Person``, ``Weight``, ``ScaleWeightLock``: the values the
  commands take.
- ``IntakeTolerance``, ``StoragePolicy``: the station's configurable limits.
- Records: ``BagRecord``, ``Trace``, ``CartLoad``, ``StockItem``,
  ``Manifest``, ``OutboundHandover``.

No Qt, no device I/O: the scale's readings and the printer's link are handed
in by the station.
"""

from app.waste.categories import Category
from app.waste.errors import (
    BagAlreadyExists,
    HandoverRefused,
    IntakeBlocked,
    OutboundRefused,
    OverrideRefused,
    UnknownBag,
    WeightNotUsable,
    WrongBagState,
)
from app.waste.people import ADMIN_ROLE, Person
from app.waste.records import (
    BagRecord,
    BagState,
    CartLoad,
    CategoryTotal,
    Manifest,
    ManifestLine,
    OutboundHandover,
    Step,
    StockItem,
    StorageAlarm,
    Trace,
    TraceStep,
)
from app.waste.rules import AgeLevel, IntakeTolerance, StoragePolicy
from app.waste.service import Clock, WasteService, new_bag_code, system_clock
from app.waste.weighing import (
    LockState,
    Reading,
    ScaleWeightLock,
    Weight,
    WeightSource,
    grams_of,
)

__all__ = [
    "ADMIN_ROLE",
    "AgeLevel",
    "BagAlreadyExists",
    "BagRecord",
    "BagState",
    "CartLoad",
    "Category",
    "CategoryTotal",
    "Clock",
    "HandoverRefused",
    "IntakeBlocked",
    "IntakeTolerance",
    "LockState",
    "Manifest",
    "ManifestLine",
    "OutboundHandover",
    "OutboundRefused",
    "OverrideRefused",
    "Person",
    "Reading",
    "ScaleWeightLock",
    "Step",
    "StockItem",
    "StorageAlarm",
    "StoragePolicy",
    "Trace",
    "TraceStep",
    "UnknownBag",
    "WasteService",
    "Weight",
    "WeightNotUsable",
    "WeightSource",
    "WrongBagState",
    "grams_of",
    "new_bag_code",
    "system_clock",
]
