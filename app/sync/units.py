"""A pulled prescription's units, turned into ours exactly or refused.

The platform may order a setting in any UCUM unit (``L/h`` where we keep
``mL/h``). Each value is converted to the vocabulary's unit
(`devices.dialysis.vocabulary.SETTINGS`) by an exact decimal factor; a
unit we do not know, a missing unit, or a setting ordered as something
other than a quantity makes the whole prescription unusable, with a
`Problem` that names the setting, so the bedside shows why instead of a
number that may be wrong by a factor of a thousand.

The heparin order (MedicationRequest) is checked the same way against
international units.

It does no I/O and stores nothing; `app.sync.local` keeps what it returns.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, Inexact, localcontext
from typing import Any

from devices.dialysis.vocabulary import SETTINGS

D = Decimal

# Accepted UCUM units per canonical unit, with the exact factor to ours.
# Only units whose conversion is an exact multiplication are here: minutes
# from seconds (÷60) is not, so seconds are refused rather than rounded.
_FACTORS: dict[str, dict[str, Decimal]] = {
    "min": {"min": D(1), "h": D(60)},
    "mL/min": {"mL/min": D(1), "ml/min": D(1), "L/min": D(1000), "l/min": D(1000)},
    "mL": {"mL": D(1), "ml": D(1), "L": D(1000), "l": D(1000)},
    "mL/h": {"mL/h": D(1), "ml/h": D(1), "L/h": D(1000), "l/h": D(1000)},
    # mEq/L is not here on purpose: for calcium it is half a mmol.
    "mmol/L": {"mmol/L": D(1), "mmol/l": D(1), "mol/m3": D(1)},
    "Cel": {"Cel": D(1)},
    "mS/cm": {"mS/cm": D(1), "dS/m": D(1)},
    "[iU]": {"[iU]": D(1), "[IU]": D(1), "k[iU]": D(1000), "k[IU]": D(1000)},
    "[iU]/h": {"[iU]/h": D(1), "[IU]/h": D(1)},
}

# What a problem says, by kind (the UI words them in the person's language).
UNKNOWN_UNIT = "unknown-unit"
MISSING_UNIT = "missing-unit"
NOT_A_QUANTITY = "not-a-quantity"
NO_MODALITY = "no-modality"


@dataclass(frozen=True)
class Problem:
    """Why a prescription cannot be used: which setting, and what was wrong."""

    kind: str  # one of the constants above
    parameter: str  # vocabulary code, "modality", "heparin bolus", …
    detail: str = ""  # the unit or value type as received

    def as_json(self) -> dict[str, str]:
        return {"kind": self.kind, "parameter": self.parameter, "detail": self.detail}

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> Problem:
        return cls(
            str(raw.get("kind", "")),
            str(raw.get("parameter", "")),
            str(raw.get("detail", "")),
        )


def to_unit(value: Decimal, unit: str, canonical: str) -> Decimal | None:
    """`value` in `unit` expressed exactly in `canonical`; None if we cannot."""
    factor = _FACTORS.get(canonical, {}).get(unit)
    if factor is None:
        return None
    if factor == 1:
        return value  # already ours: kept digit for digit
    with localcontext() as context:
        context.traps[Inexact] = True
        try:
            return _plain(value * factor)
        except Inexact:
            return None


def _plain(value: Decimal) -> Decimal:
    """2.5 L -> 2500 mL, not 2500.0 (the zeros came from the factor)."""
    if value == value.to_integral_value():
        return value.quantize(D(1))
    return value.normalize()


def canonical_setting(
    code: str, value: Decimal, unit: str
) -> tuple[Decimal | None, Problem | None]:
    """One ordered setting in the vocabulary's unit, or the problem with it."""
    canonical = SETTINGS[code].unit
    if not unit:
        return None, Problem(MISSING_UNIT, code)
    converted = to_unit(value, unit, canonical)
    if converted is None:
        return None, Problem(UNKNOWN_UNIT, code, unit)
    return converted, None


def is_known_setting(code: str) -> bool:
    return code in SETTINGS
