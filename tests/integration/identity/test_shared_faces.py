"""A face enrolled at one station is recognised at another, through the platform.

Two stations (two SQLite files) share the hospital key and one real FHIR
server: bed 3 enrols a nurse from a public photo and pushes; the waste cart
pulls and identifies her from another photo of her; bed 3 deletes the
template, the cart pulls and she is a stranger there again.
"""

from __future__ import annotations

import asyncio
import base64
import secrets
from collections.abc import Coroutine
from pathlib import Path
from typing import Any, TypeVar

import cv2
import httpx
import numpy as np
import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.config import PlatformSettings, StationSettings
from app.demo.fhir_server import FhirServerProcess
from app.identity.enrolment import EnrolmentSettings
from app.identity.face import MatchOutcome, MatchRule
from app.identity.sharing import (
    EXT_CIPHERTEXT,
    EXT_MODEL_ID,
    EXT_STATUS,
    SharedCipher,
)
from app.identity.station_face import FaceServices
from app.station import Station
from app.store.models import FaceTemplate, PullRejected, Staff
from app.sync.engine import SyncEngine

pytestmark = pytest.mark.integration

T = TypeVar("T")
FACES = Path(__file__).resolve().parents[3] / ".." / "shared" / "faces"
CONSENT = "I agree that my face template is kept for check-in at this hospital."
CYCLE_S = 30.0
NURSE, ADMIN = "N301", "A301"


@pytest.fixture
def faces_dir() -> Path:
    if not (FACES / "knn_examples").is_dir():
        pytest.skip(f"public face photos absent (expected at {FACES.resolve()})")
    return FACES


def _photo(faces_dir: Path, relative: str) -> np.ndarray:
    image = cv2.imread(str(faces_dir / relative), cv2.IMREAD_COLOR)
    assert image is not None, relative
    return image


def _station(
    tmp_path: Path,
    server: FhirServerProcess,
    station_id: str,
    faces_dir: Path,
    key: Path,
) -> Station:
    settings = StationSettings(
        path=tmp_path / station_id / "etc" / "station.toml",
        station_id=station_id,
        name=station_id,
        role="dialysis-bedside",
        data_dir=str(tmp_path / station_id / "data"),  # its own SQLite file
        platform=PlatformSettings(base_url=server.base_url, sync_interval_s=3600),
        camera=f"video:{faces_dir / 'short_hamilton_clip.mp4'}",
        face_shared_key_file=str(key),
    )
    station = Station(settings)
    store = station.open_store()

    def directory(session: Session) -> None:  # as pulled from the platform
        session.add(Staff(staff_number=NURSE, name="李护士", role="nurse"))
        session.add(Staff(staff_number=ADMIN, name="王管理", role="admin"))

    store.writer.submit(directory).result(timeout=10)
    return station


def _staff_id(station: Station, number: str) -> int:
    assert station.store is not None
    with station.store.read_session() as session:
        found = session.scalar(select(Staff.id).where(Staff.staff_number == number))
    assert found is not None
    return found


def _key(path: Path) -> Path:
    path.parent.mkdir(parents=True)
    path.write_bytes(secrets.token_bytes(32))
    path.chmod(0o600)
    return path


def _refused(station: Station) -> list[str]:
    assert station.store is not None
    with station.store.read_session() as session:
        return list(
            session.scalars(
                select(PullRejected.reason).where(PullRejected.resource_type == "Basic")
            )
        )


def _rows(station: Station) -> int:
    assert station.store is not None
    with station.store.read_session() as session:
        return session.scalar(select(func.count()).select_from(FaceTemplate)) or 0


async def _sync(station: Station) -> None:
    """A whole push-and-pull cycle of the station's own engine, begun now."""
    engine: SyncEngine = station.services["sync"]
    for _ in range(2):
        cycle = asyncio.ensure_future(engine.wait_for_cycle())
        engine.sync_now()
        await asyncio.wait_for(cycle, CYCLE_S)
    assert engine.status.pending == 0


def _identify(station: Station, image: np.ndarray) -> tuple[MatchOutcome, int | None]:
    face: FaceServices = station.services["face"]
    embedding = face.checkin.pipeline.analyse(image).embedding
    assert embedding is not None
    match = face.checkin.load_gallery().match(embedding, MatchRule())
    return match.outcome, match.staff_id


def _run(scenario: Coroutine[Any, Any, T]) -> T:
    return asyncio.run(asyncio.wait_for(scenario, 180))


def test_a_face_enrolled_at_one_station_is_recognised_at_another_until_deleted(
    fhir_server: FhirServerProcess, tmp_path: Path, faces_dir: Path
) -> None:
    key = _key(tmp_path / "it" / "hospital.key")  # the same file on both PCs
    bed = _station(tmp_path, fhir_server, "HD-03", faces_dir, key)
    cart = _station(tmp_path, fhir_server, "CART-03", faces_dir, key)
    # A PC given another hospital's key by mistake: it must match nobody.
    wrong = _station(
        tmp_path, fhir_server, "HD-09", faces_dir, _key(tmp_path / "x" / "other.key")
    )
    enrol_photo = _photo(faces_dir, "knn_examples/train/obama/obama.jpg")
    other_photo = _photo(faces_dir, "obama3.jpg")
    reenrol_photo = _photo(faces_dir, "knn_examples/train/obama/obama2.jpg")
    stranger = _photo(faces_dir, "knn_examples/train/biden/biden.jpg")

    async def scenario() -> dict[str, Any]:
        for station in (bed, cart, wrong):
            await station.start()
        try:
            return await rounds()
        finally:
            for station in (bed, cart, wrong):
                await station.stop()

    async def rounds() -> dict[str, Any]:
        seen: dict[str, Any] = {}
        at_bed: FaceServices = bed.services["face"]
        at_cart: FaceServices = cart.services["face"]
        assert at_bed.sharing is not None and at_cart.sharing is not None
        at_bed.enrolment.settings = EnrolmentSettings(samples_needed=1)
        nurse = _staff_id(bed, NURSE)
        verdict = await asyncio.to_thread(
            at_bed.enrolment.enrol_from_images,
            nurse,
            _staff_id(bed, ADMIN),
            CONSENT,
            [enrol_photo],
        )
        assert verdict.complete
        seen["cart_before"] = _identify(cart, other_photo)
        await _sync(bed)
        await _sync(cart)
        await _sync(cart)  # a second pull changes nothing
        seen["cart_rows"] = _rows(cart)
        seen["cart_after_push"] = _identify(cart, other_photo)
        seen["cart_nurse"] = _staff_id(cart, NURSE)
        seen["cart_stranger"] = _identify(cart, stranger)
        seen["platform"] = await _platform_templates(fhir_server)
        await _sync(wrong)
        seen["wrong_key"] = (_rows(wrong), _identify(wrong, other_photo))
        seen["wrong_key_refused"] = _refused(wrong)
        await asyncio.to_thread(  # re-enrolled from another photo at the bed
            at_bed.enrolment.enrol_from_images,
            nurse,
            _staff_id(bed, ADMIN),
            CONSENT,
            [reenrol_photo],
        )
        await _sync(bed)
        await _sync(cart)
        seen["cart_rows_after_reenrol"] = _rows(cart)
        seen["cart_after_reenrol"] = _identify(cart, other_photo)
        seen["platform_after_reenrol"] = await _platform_templates(fhir_server)
        await asyncio.to_thread(
            at_bed.enrolment.delete, nurse, _staff_id(bed, ADMIN), "requested"
        )
        await _sync(bed)
        await _sync(cart)
        seen["cart_after_delete"] = _identify(cart, other_photo)
        seen["cart_rows_after_delete"] = _rows(cart)
        seen["platform_after_delete"] = await _platform_templates(fhir_server)
        return seen

    try:
        seen = _run(scenario())
    finally:
        for station in (bed, cart, wrong):
            if station.store is not None:
                station.store.close()

    assert seen["cart_before"] == (MatchOutcome.UNKNOWN, None)
    assert seen["cart_rows"] == 1
    assert seen["cart_after_push"] == (MatchOutcome.MATCHED, seen["cart_nurse"])
    assert seen["cart_stranger"][0] is not MatchOutcome.MATCHED
    [shared] = seen["platform"]
    assert shared["status"] == "active" and shared["ciphertext"]
    # Sealed under the hospital key, bound to the nurse: only it opens it.
    opened = SharedCipher(key.read_bytes()).decrypt(
        NURSE, shared["model"], shared["ciphertext"]
    )
    assert opened.embedding.shape == (128,)
    assert seen["cart_rows_after_reenrol"] == 1  # replaced, not added
    assert seen["cart_after_reenrol"] == (MatchOutcome.MATCHED, seen["cart_nurse"])
    statuses = sorted(t["status"] for t in seen["platform_after_reenrol"])
    assert statuses == ["active", "deleted"]  # the first one superseded
    assert seen["wrong_key"] == (0, (MatchOutcome.UNKNOWN, None))
    [reason] = seen["wrong_key_refused"]
    assert "refused" in reason and "does not open" in reason
    assert seen["cart_after_delete"] == (MatchOutcome.UNKNOWN, None)
    assert seen["cart_rows_after_delete"] == 0
    # New versions, never a delete on the platform; no ciphertext left.
    assert [(t["status"], t["ciphertext"]) for t in seen["platform_after_delete"]] == [
        ("deleted", b""),
        ("deleted", b""),
    ]


async def _platform_templates(server: FhirServerProcess) -> list[dict[str, Any]]:
    async with httpx.AsyncClient(base_url=server.base_url) as client:
        answer = await client.get(
            "/Basic",
            params={"code": "urn:careloop:cs:resource-kind|face-template"},
        )
    answer.raise_for_status()
    found = []
    for entry in answer.json().get("entry") or []:
        extensions = {
            ext["url"]: ext for ext in entry["resource"].get("extension") or []
        }
        blob = extensions.get(EXT_CIPHERTEXT, {}).get("valueBase64Binary", "")
        found.append(
            {
                "status": extensions[EXT_STATUS]["valueCode"],
                "ciphertext": base64.b64decode(blob),
                "model": extensions[EXT_MODEL_ID]["valueString"],
            }
        )
    return found
