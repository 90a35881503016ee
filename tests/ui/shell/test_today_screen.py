"""The bedside Today screen over a real store fed by the real FHIR server."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app import jsonio
from app.demo.fhir_server import FhirServerProcess
from app.dialysis.today import todays_prescriptions
from app.sync import mapping
from app.sync.engine import SyncEngine
from tests.app.sync.helpers import client_for, open_store
from ui.shell import i18n
from ui.shell.home_screens import TodayScreen

pytestmark = pytest.mark.integration

ZONE = ZoneInfo("Asia/Shanghai")
UF_GOAL = "MDC_HDIALY_UF_TARGET_VOL_TO_REMOVE"
UF_RATE = "MDC_HDIALY_UF_RATE_SETTING"


def _post(base_url: str, resource: dict[str, Any]) -> dict[str, Any]:
    answer = httpx.post(
        f"{base_url}/{resource['resourceType']}",
        content=jsonio.dumps(resource),
        headers={"Content-Type": "application/fhir+json"},
    )
    assert answer.status_code < 300, answer.text
    body: dict[str, Any] = answer.json()
    return body


def _order(
    base_url: str, number: str, authored: datetime, uf_rate_unit: str = "mL/h"
) -> None:
    patient = _post(
        base_url,
        mapping.patient_to_fhir(mapping.PatientRecord(number, f"病人{number}")),
    )
    record = mapping.PrescriptionRecord(
        patient["id"],
        {UF_GOAL: Decimal("2.5"), UF_RATE: Decimal("1")},
        {UF_GOAL: "L", UF_RATE: uf_rate_unit},
        authored_at=authored,
    )
    _post(base_url, mapping.device_request_to_fhir(record))


@pytest.fixture
def english(qapp: QApplication) -> Any:
    i18n.install("en")
    yield
    i18n.install("en")


def test_new_orders_appear_after_a_pull_and_yesterdays_do_not(
    fresh_fhir_server: FhirServerProcess,
    tmp_path: Path,
    qtbot: QtBot,
    qt_async_loop: asyncio.AbstractEventLoop,
    english: None,
) -> None:
    url = fresh_fhir_server.base_url
    now = datetime.now(UTC)
    _order(url, "P1", now)
    _order(url, "P0", now - timedelta(days=1))  # the demo's first day

    store = open_store(tmp_path)
    engine = SyncEngine(client_for(url), store)

    def load() -> Any:
        with store.read_session() as session:
            return todays_prescriptions(session, ZONE)

    screen = TodayScreen(load)
    qtbot.addWidget(screen)
    screen.follow(engine)
    try:
        first = qt_async_loop.create_task(engine.cycle())
        qtbot.waitUntil(first.done, timeout=20_000)
        assert [screen.table.item(r, 0).text() for r in range(1)] == ["P1"]
        assert screen.table.rowCount() == 1, "yesterday's order is not today's"
        assert screen.table.item(0, 5).text() == "2500"

        _order(url, "P2", now, uf_rate_unit="L/hr")
        second = qt_async_loop.create_task(engine.cycle())
        qtbot.waitUntil(lambda: screen.table.rowCount() == 2, timeout=20_000)
        qtbot.waitUntil(second.done, timeout=20_000)
        reason = screen.table.item(1, 3).text()
        assert "Max UF rate" in reason and "L/hr" in reason
        assert screen.table.item(1, 5).text() != "2500", "no number when unusable"
        screen.resize(1100, 400)
        screen.grab().save(str(tmp_path / "today.png"))
    finally:
        closing = qt_async_loop.create_task(engine.stop())
        qtbot.waitUntil(closing.done, timeout=10_000)
        store.close()


def test_the_reason_reads_in_chinese(qapp: QApplication, qtbot: QtBot) -> None:
    from app.dialysis.today import PrescriptionRow, ProblemView

    row = PrescriptionRow(
        "病人",
        "P9",
        "HD",
        {},
        "active",
        (ProblemView("unknown-unit", "最大超滤率", "Max UF rate", "L/hr"),),
    )
    i18n.install("zh_CN")
    try:
        screen = TodayScreen(lambda: [row])
        qtbot.addWidget(screen)
        text = screen.table.item(0, 3).text()
    finally:
        i18n.install("en")
    assert "最大超滤率" in text and "L/hr" in text and "Not usable" not in text


def test_at_midnight_the_new_days_orders_replace_yesterdays(
    tmp_path: Path, qtbot: QtBot, english: None
) -> None:
    from app.store.models import Patient, Prescription

    before = datetime(2026, 12, 3, 15, 59, tzinfo=UTC)  # 23:59 in Shanghai
    after = datetime(2026, 12, 3, 16, 1, tzinfo=UTC)  # 00:01 the next day
    now = [before]
    store = open_store(tmp_path)

    def add(session: Any) -> None:
        for number, authored in (("D1", before), ("D2", after)):
            patient = Patient(hospital_number=number, name=f"病人{number}")
            session.add(patient)
            session.flush()
            session.add(
                Prescription(
                    fhir_id=f"rx-{number}",
                    patient_id=patient.id,
                    status="active",
                    settings_json='{"modality": "HD"}',
                    authored_at=authored,
                )
            )

    store.writer.submit(add).result(timeout=10)
    engine = SyncEngine(client_for("http://127.0.0.1:9/fhir"), store)

    def load() -> Any:
        with store.read_session() as session:
            return todays_prescriptions(session, ZONE, now[0])

    screen = TodayScreen(load, timezone="Asia/Shanghai", clock=lambda: now[0])
    qtbot.addWidget(screen)
    screen.follow(engine)
    try:
        assert screen.table.item(0, 0).text() == "D1"
        now[0] = after
        asyncio.run(engine.refresh_counts())  # the engine speaks each cycle
        assert screen.table.rowCount() == 1
        assert screen.table.item(0, 0).text() == "D2"
    finally:
        asyncio.run(engine.client.aclose())
        store.close()
