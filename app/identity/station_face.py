"""Face check-in and enrolment for a station, built from its configuration.

Loading the models and the template key takes a second or more, so
``build_face_services`` is meant to run in a worker thread; the station
calls it only when the configuration names a camera.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from app.identity.checkin import CheckInService, FrameSourceFactory, open_frame_source
from app.identity.enrolment import EnrolmentService
from app.identity.face import load_default_pipeline
from app.identity.template_store import SqlTemplateRepository, store_audit_hook
from app.identity.templates import TemplateCipher, load_template_key
from app.store import Store

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class FaceServices:
    checkin: CheckInService
    enrolment: EnrolmentService
    open_camera: FrameSourceFactory  # opens the configured frame source


def build_face_services(
    store: Store, station_id: str, camera: str, key_file: Path
) -> FaceServices:
    pipeline = load_default_pipeline()
    cipher = TemplateCipher(load_template_key(key_file))
    repository = SqlTemplateRepository(store)
    checkin = CheckInService(
        pipeline,
        repository,
        cipher,
        store_audit_hook(store, station_id, "face-checkin"),
    )
    enrolment = EnrolmentService(
        pipeline,
        repository,
        cipher,
        store_audit_hook(store, station_id, "face-enrolment"),
    )
    log.info("face check-in ready on %s", camera.split(":", 1)[0])
    return FaceServices(checkin, enrolment, lambda: open_frame_source(camera))
