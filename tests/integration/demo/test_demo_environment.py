"""Demo mode: a real platform, seeded; simulators on ptys; all stopped after."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from app.config import load
from app.demo.runner import DemoEnvironment
from app.station import Station
from app.store.models import Prescription, Staff

ROOT = Path(__file__).resolve().parents[3]
FHIR_VENV = ROOT / ".venv-fhir"


@pytest.mark.integration
def test_demo_starts_a_seeded_platform_and_simulators_and_stops_them(
    tmp_path: Path,
) -> None:
    if not (FHIR_VENV / "bin" / "sekmet").exists():
        pytest.fail(
            f"the demo platform is not installed at {FHIR_VENV}: run make fhir-venv"
        )
    demo = DemoEnvironment(root=tmp_path / "demo", fhir_venv=FHIR_VENV)
    try:
        config = demo.start()
        assert demo.server is not None
        base_url = demo.server.base_url

        settings = load(config)
        assert settings.platform.base_url == base_url
        assert [bed.name for bed in settings.beds] == ["1", "2"]
        assert all(Path(bed.machine_port).exists() for bed in settings.beds)
        answer = httpx.get(
            f"{base_url}/Practitioner", params={"_summary": "count"}, timeout=10
        )
        assert answer.json()["total"] >= 8

        store = Station(settings).open_store()
        try:
            with store.read_session() as session:
                staff = session.query(Staff).all()
                assert len(staff) >= 8 and all(s.pin_hash for s in staff)
                assert session.query(Prescription).count() >= 1
        finally:
            store.close()
    finally:
        simulators = list(demo.simulators)
        demo.stop()

    assert all(process.poll() is not None for process in simulators)
    with pytest.raises(httpx.TransportError):
        httpx.get(f"{base_url}/metadata", timeout=2)
