"""The medical-waste bag label: its content and its one layout, in millimetres.

`WasteLabel` says what a bag's label must show; `layout_waste_label` turns
it into a `LabelLayout`, a list of placed elements (texts already broken
into lines, codes, boxes, the warning mark). ZPL, TSPL and the on-screen
preview all draw that same layout, so what a porter sees is what prints.

No I/O and no printer language here; see `zpl` and `tspl`.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from devices.printer.errors import LabelError

_BAG_ID = re.compile(r"[A-Za-z0-9._-]{1,20}")  # 20 keeps Code 128 on the label


class WasteCategory(enum.Enum):
    """The five national categories (医疗废物分类目录, 2021)."""

    INFECTIOUS = ("infectious", "感染性", "Infectious")
    SHARPS = ("sharps", "损伤性", "Sharps")
    PATHOLOGICAL = ("pathological", "病理性", "Pathological")
    PHARMACEUTICAL = ("pharmaceutical", "药物性", "Pharmaceutical")
    CHEMICAL = ("chemical", "化学性", "Chemical")

    def __init__(self, code: str, zh: str, en: str) -> None:
        self.code = code
        self.zh = zh
        self.en = en


@dataclass(frozen=True)
class WasteLabel:
    """What one bag's label says.

    ``weighed_at`` is printed as given: pass it already in the station's
    time zone. ``weight_typed`` marks a weight typed in under an
    administrator's override; the label then says so.
    """

    bag_id: str
    hospital: str
    department: str
    category: WasteCategory
    weight_kg: Decimal
    weighed_at: datetime
    porter: str
    special_notes: str = ""
    weight_typed: bool = False

    def __post_init__(self) -> None:
        if not _BAG_ID.fullmatch(self.bag_id):
            raise LabelError(
                f"bag id must be 1-20 of A-Z a-z 0-9 . _ -, got {self.bag_id!r}"
            )
        if self.weight_kg < 0:
            raise LabelError(f"weight must not be negative, got {self.weight_kg}")


# --- placed elements (all positions and sizes in millimetres) ------------------


@dataclass(frozen=True)
class Text:
    """One line of text; ``height_mm`` is the character cell height.

    ``inverse`` text is drawn white on the black box beneath it.
    """

    x_mm: float
    y_mm: float
    height_mm: float
    text: str
    inverse: bool = False


@dataclass(frozen=True)
class QrCode:
    x_mm: float
    y_mm: float
    module_mm: float
    data: str


@dataclass(frozen=True)
class Code128:
    x_mm: float
    y_mm: float
    height_mm: float
    module_mm: float  # narrow bar width
    data: str


@dataclass(frozen=True)
class Pictogram:
    """The warning pictogram (`devices.printer.pictogram`), ``size_mm`` square."""

    x_mm: float
    y_mm: float
    size_mm: float


@dataclass(frozen=True)
class Box:
    x_mm: float
    y_mm: float
    width_mm: float
    height_mm: float
    line_mm: float
    filled: bool = False


Element = Text | QrCode | Code128 | Box | Pictogram


@dataclass(frozen=True)
class LabelLayout:
    width_mm: float
    height_mm: float
    gap_mm: float
    elements: tuple[Element, ...]

    def texts(self) -> Iterator[Text]:
        return (e for e in self.elements if isinstance(e, Text))


# --- the one layout ------------------------------------------------------------

WIDTH_MM, HEIGHT_MM, GAP_MM = 80.0, 60.0, 2.0
LINE_MM = 3.0  # 24 dots at 203 dpi: the printers' built-in CJK font size
MARGIN_MM = 2.0
TEXT_COLUMN_MM = 54.0  # left of the QR code
NOTE_LINES = 2


def text_width_mm(text: str, height_mm: float) -> float:
    """Estimated printed width: CJK characters square, others half as wide."""
    return sum(height_mm if ord(c) > 0x2E7F else height_mm / 2 for c in text)


def break_lines(text: str, height_mm: float, width_mm: float, most: int) -> list[str]:
    """Break ``text`` into at most ``most`` lines; the last one ends in … if cut."""
    lines: list[str] = []
    current = ""
    for char in text.replace("\n", " "):
        if text_width_mm(current + char, height_mm) > width_mm:
            lines.append(current)
            current = char.lstrip()
        else:
            current += char
    if current:
        lines.append(current)
    if len(lines) > most:
        last = lines[most - 1]
        while last and text_width_mm(last + "…", height_mm) > width_mm:
            last = last[:-1]
        lines = [*lines[: most - 1], last + "…"]
    return lines


def format_weight(label: WasteLabel) -> str:
    weight = f"{label.weight_kg:.2f} kg"
    return f"{weight} (手工录入 typed)" if label.weight_typed else weight


def layout_waste_label(label: WasteLabel) -> LabelLayout:
    """Place every part of ``label`` on an 80 × 60 mm label.

    The warning mark: the pictogram (warning triangle and biohazard symbol,
    a bitmap in every printer language) and a black band with the warning
    in white beside it.
    """
    elements: list[Element] = [
        Pictogram(MARGIN_MM, 1.0, 8.0),
        Box(11.0, 1.0, WIDTH_MM - MARGIN_MM - 11.0, 8.0, 8.0, filled=True),
        Text(12.5, 2.0, 6.0, "警告！医疗废物", inverse=True),
        Text(57.0, 3.5, LINE_MM, "MEDICAL WASTE", inverse=True),
    ]
    fields = [
        f"医院：{label.hospital}",
        f"科室：{label.department}",
        f"类别：{label.category.zh} {label.category.en}",
        f"重量：{format_weight(label)}",
        f"时间：{label.weighed_at:%Y-%m-%d %H:%M}",
        f"收集人：{label.porter}",
    ]
    y = 11.0
    for field in fields:
        line = break_lines(field, LINE_MM, TEXT_COLUMN_MM, 1)[0]
        elements.append(Text(MARGIN_MM + 1, y, LINE_MM, line))
        y += LINE_MM + 1.5
    notes = f"备注：{label.special_notes or '无'}"
    for line in break_lines(notes, LINE_MM, TEXT_COLUMN_MM, NOTE_LINES):
        elements.append(Text(MARGIN_MM + 1, y, LINE_MM, line))
        y += LINE_MM + 1.0

    elements += [
        QrCode(58.0, 12.0, 0.75, label.bag_id),
        Code128(MARGIN_MM + 1, 47.0, 6.0, 0.25, label.bag_id),
        Text(MARGIN_MM + 1, 54.0, LINE_MM, f"袋号 Bag ID：{label.bag_id}"),
        Box(MARGIN_MM, 10.0, WIDTH_MM - 2 * MARGIN_MM, 36.0, 0.25),
    ]
    return LabelLayout(
        WIDTH_MM, HEIGHT_MM, GAP_MM, tuple(e for e in elements if _shown(e))
    )


def _shown(element: Element) -> bool:
    return not (isinstance(element, Text) and not element.text)
