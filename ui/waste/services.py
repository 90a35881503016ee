"""What the waste screens need from the station, handed in at construction.

The screens never build a service themselves and never reach for a global:
the shell (or a test) assembles one ``WasteScreenServices`` and passes it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import tzinfo
from pathlib import Path

import platformdirs

from app.config import DisposalDriver, DisposalVehicle
from app.waste import Person, WasteService
from app.waste.labels import LabelPrinter
from app.waste.scale_feed import ScaleFeed


@dataclass
class WasteScreenServices:
    waste: WasteService
    scale: ScaleFeed
    printer: LabelPrinter
    signed_in: Callable[[], Person | None]
    wards: Sequence[str]
    hospital: str
    zone: tzinfo
    disposal_company: str = ""
    # The company's known vehicles and drivers, offered as touch targets and
    # picked by a scan of their code; a scan starting with the prefix is the
    # company's manifest number.
    vehicles: Sequence[DisposalVehicle] = field(default_factory=tuple)
    drivers: Sequence[DisposalDriver] = field(default_factory=tuple)
    manifest_barcode_prefix: str = ""
    discrepancy_reasons: Sequence[str] = field(default_factory=tuple)
    manifest_folder: Path = field(
        default_factory=lambda: platformdirs.user_data_path("careloop") / "manifests"
    )
