"""The five national categories of medical waste (医疗废物分类目录, 2021).

Each category carries its Chinese name as printed on labels, the colour the
screens use for it, and its national hazardous-waste code (class HW01). This module holds facts only: no rules about bags and no Qt.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


@dataclass(frozen=True)
class CategoryFacts:
    chinese_name: str
    english_name: str
    colour_hex: str  # button and label band colour
    text_colour_hex: str  # readable text on that colour
    waste_code: str  # 8-digit national code, class HW01


class Category(enum.Enum):
    """A waste category; the value is what is stored and sent."""

    INFECTIOUS = "infectious"
    SHARPS = "sharps"
    PATHOLOGICAL = "pathological"
    PHARMACEUTICAL = "pharmaceutical"
    CHEMICAL = "chemical"

    @property
    def facts(self) -> CategoryFacts:
        return _FACTS[self]

    @property
    def chinese_name(self) -> str:
        return _FACTS[self].chinese_name

    @property
    def colour_hex(self) -> str:
        return _FACTS[self].colour_hex

    @classmethod
    def parse(cls, value: str) -> Category:
        """The category stored as ``value``; ValueError naming it otherwise."""
        try:
            return cls(value)
        except ValueError:
            raise ValueError(f"unknown waste category {value!r}") from None


# The codes follow the National Hazardous Waste List (国家危险废物名录, 2021),
# class HW01: 841-004-01 is 化学性废物 and 841-005-01 is 药物性废物. The
# classification catalogue names pharmaceutical before chemical, so the codes
# do not run in the catalogue's order.
#
# The national packaging colour (HJ 421) is yellow for every category, so the
# bag itself does not tell them apart. The screen's buttons keep infectious
# waste in bag yellow and give the others distinct shades, always with the
# Chinese name on the button: colour helps, the name decides.
_FACTS: dict[Category, CategoryFacts] = {
    Category.INFECTIOUS: CategoryFacts(
        "感染性", "infectious", "#F5C400", "#000000", "841-001-01"
    ),
    Category.SHARPS: CategoryFacts(
        "损伤性", "sharps", "#E07B00", "#000000", "841-002-01"
    ),
    Category.PATHOLOGICAL: CategoryFacts(
        "病理性", "pathological", "#B8860B", "#FFFFFF", "841-003-01"
    ),
    Category.PHARMACEUTICAL: CategoryFacts(
        "药物性", "pharmaceutical", "#2E7D32", "#FFFFFF", "841-005-01"
    ),
    Category.CHEMICAL: CategoryFacts(
        "化学性", "chemical", "#1565C0", "#FFFFFF", "841-004-01"
    ),
}
