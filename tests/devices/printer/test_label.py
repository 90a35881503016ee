"""The label layout, and its ZPL and TSPL renderings against golden files."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from pathlib import Path

import pytest

from devices.printer import (
    Code128,
    LabelEncodingError,
    LabelError,
    QrCode,
    TsplOptions,
    WasteCategory,
    WasteLabel,
    layout_waste_label,
    render_tspl,
    render_zpl,
)
from devices.printer.label import Box, Pictogram, break_lines, text_width_mm
from devices.printer.pictogram import packed_rows, warning_rows
from devices.printer.zpl import escape_field

GOLDEN = Path(__file__).parent / "golden"


def test_zpl_matches_the_golden_file(label: WasteLabel) -> None:
    assert render_zpl(layout_waste_label(label)) == (GOLDEN / "label.zpl").read_bytes()


def test_tspl_matches_the_golden_bytes(label: WasteLabel) -> None:
    assert (
        render_tspl(layout_waste_label(label)) == (GOLDEN / "label.tspl").read_bytes()
    )


def test_tspl_sends_chinese_in_gbk(label: WasteLabel) -> None:
    job = render_tspl(layout_waste_label(label))

    assert "感染性".encode("gbk") in job
    assert "感染性".encode() not in job
    assert job.startswith(b"SIZE 80 mm,60 mm\r\nGAP 2 mm,0 mm\r\n")
    assert job.endswith(b"PRINT 1,1\r\n")


def test_zpl_is_utf8_with_qr_and_code128(label: WasteLabel) -> None:
    job = render_zpl(layout_waste_label(label))

    assert job.startswith(b"^XA\n^CI28\n")
    assert b"^BQN,2,6^FH^FDQA,MW-20261203-0042^FS" in job
    assert b"^BCN,48,N,N,N^FH^FDMW-20261203-0042^FS" in job
    assert "感染性 Infectious".encode() in job


def test_layout_holds_every_required_field(label: WasteLabel) -> None:
    layout = layout_waste_label(label)
    text = "\n".join(t.text for t in layout.texts())

    for part in (
        "市第一人民医院",
        "血液净化中心",
        "感染性",
        "Infectious",
        "4.14 kg",
        "2026-12-03 19:30",
        "王五",
        "隔离病人",
        "医疗废物",
        "MW-20261203-0042",
    ):
        assert part in text
    codes = [e for e in layout.elements if isinstance(e, QrCode | Code128)]
    assert {c.data for c in codes} == {"MW-20261203-0042"}


def test_every_element_lies_on_the_label(label: WasteLabel) -> None:
    layout = layout_waste_label(label)

    for element in layout.elements:
        assert 0 <= element.x_mm < layout.width_mm
        assert 0 <= element.y_mm < layout.height_mm
    for text in layout.texts():
        assert text.x_mm + text_width_mm(text.text, text.height_mm) <= layout.width_mm


def test_long_notes_are_cut_to_two_lines_with_an_ellipsis() -> None:
    lines = break_lines("备注：" + "很长的说明" * 20, 3.0, 54.0, 2)

    assert len(lines) == 2
    assert lines[-1].endswith("…")
    assert all(text_width_mm(line, 3.0) <= 54.0 for line in lines)


@pytest.mark.parametrize("category", list(WasteCategory))
def test_each_category_prints_in_gbk(
    label: WasteLabel, category: WasteCategory
) -> None:
    job = render_tspl(layout_waste_label(dataclasses.replace(label, category=category)))

    assert f"{category.zh} {category.en}".encode("gbk") in job


def test_a_typed_weight_is_flagged_on_the_label(label: WasteLabel) -> None:
    typed = dataclasses.replace(label, weight_typed=True)
    texts = [t.text for t in layout_waste_label(typed).texts()]

    assert any("手工录入" in t for t in texts)


@pytest.mark.parametrize("bag_id", ["", "bag id with spaces", "袋1", "X" * 21, "A^B"])
def test_bad_bag_ids_are_refused(label: WasteLabel, bag_id: str) -> None:
    with pytest.raises(LabelError):
        dataclasses.replace(label, bag_id=bag_id)


def test_negative_weight_is_refused(label: WasteLabel) -> None:
    with pytest.raises(LabelError):
        dataclasses.replace(label, weight_kg=Decimal("-0.1"))


def test_text_outside_gbk_is_a_typed_error(label: WasteLabel) -> None:
    emoji = dataclasses.replace(label, porter="王五 🙂")

    with pytest.raises(LabelEncodingError, match="GBK"):
        render_tspl(layout_waste_label(emoji))
    render_zpl(layout_waste_label(emoji))  # UTF-8 carries it


def test_zpl_control_characters_in_text_are_escaped() -> None:
    assert escape_field("a^b~c_d") == "a_5Eb_7Ec_5Fd"


def test_tspl_quotes_inside_text_are_escaped(label: WasteLabel) -> None:
    quoted = dataclasses.replace(label, special_notes='含"锐器"')

    assert b'\\["]' in render_tspl(layout_waste_label(quoted))


def test_300_dpi_scales_positions(label: WasteLabel) -> None:
    job = render_tspl(layout_waste_label(label), TsplOptions(dots_per_mm=12))

    assert b"QRCODE 696,144,M,9,A,0," in job


def _pictogram_of(label: WasteLabel) -> Pictogram:
    layout = layout_waste_label(label)
    [pictogram] = [e for e in layout.elements if isinstance(e, Pictogram)]
    return pictogram


def test_the_warning_pictogram_is_one_bitmap_in_zpl_and_tspl(
    label: WasteLabel,
) -> None:
    pictogram = _pictogram_of(label)
    size = round(pictogram.size_mm * 8)
    black_is_one = b"".join(packed_rows(warning_rows(size), black_bit=1))
    layout = layout_waste_label(label)

    zpl = render_zpl(layout).decode("utf-8")
    hex_data = zpl.split(f"^GFA,{size * size // 8},{size * size // 8},{size // 8},")[1]
    assert bytes.fromhex(hex_data.split("^FS")[0]) == black_is_one

    tspl = render_tspl(layout)
    head = b"BITMAP 16,8,%d,%d,0," % (size // 8, size)
    data = tspl.split(head)[1][: len(black_is_one)]
    assert data == bytes(~b & 0xFF for b in black_is_one)  # TSPL: 0 is black
    assert tspl.split(head)[1][len(black_is_one) :].startswith(b"\r\n")


def test_the_pictogram_is_a_symmetric_warning_triangle() -> None:
    rows = warning_rows(64)

    assert all(row == row[::-1] for row in rows)  # mirror-symmetric
    assert rows[-1] == (True,) * 64  # the triangle's base
    assert rows[1][31] and not rows[1][0]  # its apex, centred
    centre = rows[round(64 * 0.7)]  # through the symbol, below the middle
    assert sum(centre[16:48]) > 4  # the symbol is drawn inside


def test_the_pictogram_stays_clear_of_the_black_band(label: WasteLabel) -> None:
    # TSPL blackens a band with REVERSE: over the pictogram it would invert it.
    pictogram = _pictogram_of(label)
    for box in layout_waste_label(label).elements:
        if isinstance(box, Box) and box.filled:
            assert pictogram.x_mm + pictogram.size_mm <= box.x_mm
