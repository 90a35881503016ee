"""Demo mode: a real platform and real simulated devices on this machine.

``DemoEnvironment.start`` starts the FHIR server from its own virtual
environment on 127.0.0.1, seeds it with demo staff, patients, devices and
today's prescriptions, starts the device simulators on pseudo-terminals,
writes a station configuration pointing at all of them, pulls the staff
directory once and gives every demo person the demo PIN. ``stop`` ends all
it started. Nothing here is used outside demo mode.
"""

from __future__ import annotations

import asyncio
import logging
import os
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from app.demo.children import die_with_parent
from app.demo.fhir_server import FhirServerProcess

log = logging.getLogger(__name__)

DEMO_PIN = "1234"
ROLES = ("dialysis-bedside", "dialysis-centre", "waste-cart", "waste-storage")
CONNECT = re.compile(r"connect to (\S+)")
PRINTER = re.compile(r"send jobs to (\S+);")
MACHINE = re.compile(r"^(\S+) astm (\S+) -> ")
DEMO_BEDS = 2


@dataclass
class DemoEnvironment:
    root: Path
    fhir_venv: Path
    role: str = "dialysis-bedside"
    server: FhirServerProcess | None = None
    simulators: list[subprocess.Popen[str]] = field(default_factory=list)

    def start(self) -> Path:
        """Start everything; returns the demo station's configuration file."""
        if self.role not in ROLES:
            raise ValueError(
                f"demo role must be one of {', '.join(ROLES)}, got {self.role!r}"
            )
        self.root.mkdir(parents=True, exist_ok=True)
        # The demo's children die with it, even on SIGKILL (app.demo.children).
        self.server = FhirServerProcess(
            self.fhir_venv, self.root / "fhir", die_with_parent=True
        )
        self.server.start()
        log.info("demo platform at %s", self.server.base_url)

        from app.demo.seed import seed_demo

        seed_demo(self.server.base_url)
        devices = self._start_simulators()
        config = self._write_config(self.server.base_url, devices)
        asyncio.run(self._prepare_station(config))
        return config

    def stop(self) -> None:
        for simulator in self.simulators:
            simulator.terminate()
        for simulator in self.simulators:
            try:
                simulator.wait(timeout=5)
            except subprocess.TimeoutExpired:
                simulator.kill()
                simulator.wait()
            if simulator.stdout is not None:
                simulator.stdout.close()
        self.simulators.clear()
        if self.server is not None:
            self.server.stop()
            self.server = None

    # ---- simulators -------------------------------------------------------
    def _simulator(
        self, *arguments: str, pattern: re.Pattern[str] = CONNECT, count: int = 1
    ) -> list[str]:
        """Start `careloop-sim ARGS`; the ports it says to connect to."""
        command = [sys.executable, "-m", "devices.sim.cli", *arguments]
        process = subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            text=True,
            env=dict(os.environ),
            preexec_fn=die_with_parent(),
        )
        self.simulators.append(process)
        assert process.stdout is not None
        found: list[str] = []
        for _ in range(20 * count):
            line = process.stdout.readline()
            if not line:
                break
            match = pattern.search(line)
            if match:
                found.append(match.group(match.lastindex or 0))
                if len(found) == count:
                    return found
        log.warning(
            "simulator %s said where to connect %d times, not %d",
            arguments[0],
            len(found),
            count,
        )
        return found

    def _start_simulators(self) -> dict[str, str]:
        devices: dict[str, str] = {}
        if self.role.startswith("waste"):
            scale = self._simulator("scale", "--protocol", "mtsics", "--weight", "0")
            if scale:
                devices["scale"] = scale[0]
            printer_out = self.root / "printed"
            printer = self._simulator(
                "printer", "--tcp", "0", "--out", str(printer_out), pattern=PRINTER
            )
            if printer:
                devices["printer"] = f"tcp://{printer[0]}"
        else:
            machines = self._simulator(
                "dialysis",
                "-n",
                str(DEMO_BEDS),
                "--time-scale",
                "30",
                pattern=MACHINE,
                count=DEMO_BEDS,
            )
            for number, path in enumerate(machines, start=1):
                devices[f"bed {number}"] = path
        return devices

    # ---- configuration and first pull -------------------------------------
    def _write_config(self, base_url: str, devices: dict[str, str]) -> Path:
        waste = self.role.startswith("waste")
        lines = [
            "# Written by careloop --demo; every address points at this machine.",
            "schema_version = 1",
            "",
            "[station]",
            f'id = "DEMO-{self.role.upper()}"',
            f'name = "{"医废收集车 1 号" if waste else "血透中心 演示机位"}"',
            f'role = "{self.role}"',
            'hospital = "演示医院"',
            f'data_dir = "{self.root / "station"}"',
            "demo = true",
            "",
            "[platform]",
            f'base_url = "{base_url}"',
            "sync_interval_s = 15",
        ]
        for key, port in devices.items():
            if key.startswith("bed "):
                lines += [
                    "",
                    "[[beds]]",
                    f'name = "{key[4:]}"',
                    f'machine_port = "{port}"',
                    'machine_protocol = "astm"',
                ]
        if waste:
            lines += [
                "",
                "[waste]",
                'wards = ["心内科", "呼吸内科", "血液透析中心", "手术室"]',
                'disposal_company = "绿洁医疗废物处置有限公司"',
                'disposal_method = "高温蒸汽处理"',
                'disposal_destination = "市医疗废物集中处置中心"',
                'manifest_barcode_prefix = "LJ"',
                "",
                "[[waste.vehicles]]",
                'plate = "沪A·D3021"',
                'code = "VH-D3021"',
                "",
                "[[waste.vehicles]]",
                'plate = "沪A·D5187"',
                'code = "VH-D5187"',
                "",
                "[[waste.drivers]]",
                'name = "张建国"',
                'badge = "DRV-0012"',
                "",
                "[[waste.drivers]]",
                'name = "李卫东"',
                'badge = "DRV-0027"',
            ]
        if "scale" in devices:
            lines += [
                "",
                "[scale]",
                f'port = "{devices["scale"]}"',
                'protocol = "mtsics"',
            ]
        if "printer" in devices:
            lines += [
                "",
                "[printer]",
                f'port = "{devices["printer"]}"',
                'language = "zpl"',
            ]
        path = self.root / "station.toml"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return path

    async def _prepare_station(self, config: Path) -> None:
        """Pull the staff directory once and give demo staff the demo PIN."""
        from sqlalchemy import select
        from sqlalchemy.orm import Session

        from app.config import load
        from app.demo.sample import badge_of
        from app.identity.signin import hash_pin
        from app.station import Station
        from app.store.models import Staff
        from app.sync.engine import build_engine

        station = Station(load(config))
        store = station.open_store()
        try:
            engine = build_engine(station)
            await engine.puller.pull()
            await engine.client.aclose()
            pin_hash = hash_pin(DEMO_PIN)

            def give_pins(session: Session) -> int:
                rows = session.scalars(
                    select(Staff).where(Staff.pin_hash.is_(None))
                ).all()
                for staff in rows:
                    staff.pin_hash = pin_hash
                    staff.badge_id = staff.badge_id or badge_of(staff.staff_number)
                return len(rows)

            given = await store.writer.run(give_pins)
            log.info("demo: %d staff members got the demo PIN", given)
        finally:
            store.close()
