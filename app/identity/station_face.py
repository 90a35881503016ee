"""Face check-in and enrolment for a station, built from its configuration.

Loading the models and the template key takes a second or more, so
``build_face_services`` is meant to run in a worker thread; the station
calls it only when the configuration names a camera. It deletes the
templates of people who left the directory before anything is matched, and
``follow_directory`` does so again after every pull that changed records.
With a hospital key configured, templates are shared through the platform
(``app.identity.sharing``) and the station pulls the others' back.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from app.config import FaceMatching
from app.identity.checkin import (
    CheckInService,
    CheckInSettings,
    FrameSourceFactory,
    open_frame_source,
)
from app.identity.enrolment import EnrolmentService
from app.identity.face import MatchRule, load_default_pipeline
from app.identity.roles import Right, has_right, parse_role
from app.identity.sharing import SharedCipher, TemplateSharing, load_shared_key
from app.identity.template_store import (
    SqlTemplateRepository,
    checkin_history,
    purge_departed,
    store_audit_hook,
)
from app.identity.templates import TemplateCipher, load_template_key, move_key_out
from app.store import Store
from app.store.models import Staff

log = logging.getLogger(__name__)


class _StatusLike(Protocol):
    pull_changes: int


class _SyncLike(Protocol):
    def subscribe(self, subscriber: Callable[[Any], None]) -> Callable[[], None]: ...


def staff_may_enrol(store: Store) -> Callable[[int], bool]:
    """Whether a staff member is active and their role may enrol faces."""

    def may_enrol(staff_id: int) -> bool:
        with store.read_session() as session:
            staff = session.get(Staff, staff_id)
            if staff is None or not staff.active:
                return False
            try:
                return has_right(parse_role(staff.role), Right.ENROL_FACES)
            except ValueError:  # no role, or one we do not know
                return False

    return may_enrol


def checkin_settings(matching: FaceMatching) -> CheckInSettings:
    """Check-in settings with the station's calibrated matching."""
    return CheckInSettings(
        rule=MatchRule(matching.threshold, matching.margin),
        frames_to_agree=matching.frames_to_agree,
    )


@dataclass(frozen=True)
class FaceServices:
    checkin: CheckInService
    enrolment: EnrolmentService
    open_camera: FrameSourceFactory  # opens the configured frame source
    repository: SqlTemplateRepository
    store: Store
    station_id: str
    # Set when a hospital key is configured: templates go through the platform.
    sharing: TemplateSharing | None = None

    def follow_directory(self, sync: _SyncLike) -> Callable[[], None]:
        """After each pull that changed records, delete departed staff's
        templates (queued on the writer, not waited for); returns an
        unsubscribe."""
        seen = [-1]

        def on_status(status: _StatusLike) -> None:
            if status.pull_changes == seen[0]:
                return
            first = seen[0] < 0
            seen[0] = status.pull_changes
            if first:
                return  # build_face_services has just purged
            future = self.store.writer.submit(
                lambda session: purge_departed(session, self.station_id)
            )
            future.add_done_callback(_report_failed_purge)

        return sync.subscribe(on_status)


def _report_failed_purge(future: Future[list[int]]) -> None:
    error = future.exception()
    if error is not None:
        log.error("departed staff's face templates not deleted: %s", type(error))


def build_face_services(
    store: Store,
    station_id: str,
    camera: str,
    key_file: Path,
    matching: FaceMatching | None = None,
    old_key_file: Path | None = None,
    shared_key_file: Path | None = None,
) -> FaceServices:
    """Face services over the station's store; ``old_key_file`` is where an
    earlier version kept the key (in the data folder), moved to ``key_file``.
    With ``shared_key_file`` (the hospital key, which must exist), templates
    are shared with the other stations through the platform."""
    if old_key_file is not None:
        move_key_out(old_key_file, key_file)
    pipeline = load_default_pipeline()
    cipher = TemplateCipher(load_template_key(key_file))
    sharing = None
    if shared_key_file is not None:
        shared = SharedCipher(load_shared_key(shared_key_file))
        sharing = TemplateSharing(shared, cipher, station_id)
    repository = SqlTemplateRepository(store, sharing=sharing)
    checkin = CheckInService(
        pipeline,
        repository,
        cipher,
        store_audit_hook(store, station_id, "face-checkin"),
        checkin_settings(matching or FaceMatching()),
        history=checkin_history(store),
    )
    enrolment = EnrolmentService(
        pipeline,
        repository,
        cipher,
        store_audit_hook(store, station_id, "face-enrolment"),
        may_enrol=staff_may_enrol(store),
    )
    repository.purge_departed(station_id)
    log.info("face check-in ready on %s", camera.split(":", 1)[0])
    return FaceServices(
        checkin,
        enrolment,
        lambda: open_frame_source(camera),
        repository,
        store,
        station_id,
        sharing,
    )
