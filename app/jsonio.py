"""FHIR JSON text with exact decimals.

Clinical numbers travel as `Decimal`, never as floats, so ``1.25`` mmol/L is
written as ``1.25`` and read back as ``Decimal("1.25")``. The standard
library's encoder cannot write a Decimal as a bare JSON number, so decimals
are first written as marked strings and the marks are then removed. This
module does no FHIR validation.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from typing import Any

_MARK = "\u0000dec:"
_MARKED = re.compile(r'"\\u0000dec:(-?[0-9]+(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?)"')


def _mark_decimal(value: object) -> str:
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError(f"a FHIR decimal must be finite, got {value}")
        return f"{_MARK}{value}"
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def dumps(resource: Any) -> str:
    """Compact JSON text; Decimal values appear as JSON numbers, digit for digit."""
    text = json.dumps(
        resource, default=_mark_decimal, ensure_ascii=False, separators=(",", ":")
    )
    return _MARKED.sub(r"\1", text)


def loads(text: str | bytes) -> Any:
    """Parse JSON text; every number with a fraction or exponent becomes Decimal."""
    return json.loads(text, parse_float=Decimal)
