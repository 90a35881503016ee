"""One bag label used by the printer tests (and by the golden files)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import pytest

from devices.printer import WasteCategory, WasteLabel


def sample_label() -> WasteLabel:
    return WasteLabel(
        bag_id="MW-20261203-0042",
        hospital="市第一人民医院",
        department="血液净化中心",
        category=WasteCategory.INFECTIOUS,
        weight_kg=Decimal("4.14"),
        weighed_at=datetime(2026, 12, 3, 19, 30),
        porter="王五",
        special_notes="隔离病人，双层包装；含少量过期药物需注意分开处理并登记",
    )


@pytest.fixture
def label() -> WasteLabel:
    return sample_label()
