"""The admin Devices screen shows each bed's live machine link: connected
with the machine's identity, or disconnected with the reason."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.config import BedSettings, StationSettings
from app.dialysis.links import DialysisLinks
from devices.sim.dialysis_astm import AstmMachineEndpoint
from ui.admin.devices_screen import DevicesScreen
from ui.shell import i18n


@pytest.fixture
def machine(tmp_path: Path) -> Iterator[AstmMachineEndpoint]:
    endpoint = AstmMachineEndpoint.for_new_machine(
        "SN-UI-1", time_scale=30.0, seed=5, report_interval_s=0.5, link_dir=tmp_path
    )
    endpoint.start()
    yield endpoint
    endpoint.stop()


def test_each_bed_shows_its_live_link_and_machine(
    qtbot: QtBot,
    qt_async_loop: asyncio.AbstractEventLoop,
    machine: AstmMachineEndpoint,
    tmp_path: Path,
) -> None:
    i18n.install("zh_CN")
    beds = (
        BedSettings(name="1", machine_port=str(machine.path)),
        BedSettings(name="2", machine_port=str(tmp_path / "unplugged")),
    )
    settings = StationSettings(
        path=tmp_path / "s.toml", station_id="UI", name="ui", role="dialysis-centre",
        beds=beds,
    )  # fmt: skip
    links = DialysisLinks.from_settings(beds)
    links.start()
    screen = DevicesScreen(settings, [], links=links)
    qtbot.addWidget(screen)

    def cell(row: int, column: int) -> str:
        item = screen.machines.item(row, column)
        return item.text() if item is not None else ""

    try:
        qtbot.waitUntil(
            lambda: cell(0, 1) == "已连接" and "SN-UI-1" in cell(0, 2), timeout=15000
        )
        assert cell(0, 0) == "1 号床"
        assert cell(0, 3) == ""  # no reason shown while connected
        assert cell(1, 1) == "未连接"
        assert "unplugged" in cell(1, 3)
        assert cell(1, 2) == "尚未识别"

        machine.stop()  # the cable is pulled
        qtbot.waitUntil(lambda: cell(0, 1) == "未连接", timeout=10000)
        assert cell(0, 3)  # and why
    finally:
        stopping = qt_async_loop.create_task(links.stop())
        qtbot.waitUntil(stopping.done, timeout=10000)
        i18n.install("en")
