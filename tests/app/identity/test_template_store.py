"""Templates in a real SQLite file through the store's writer thread."""

from __future__ import annotations

import json
import secrets
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np
import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.identity.checkin import CheckInService
from app.identity.enrolment import EnrolmentService, EnrolmentSettings
from app.identity.face import FacePipeline
from app.identity.sharing import (
    EXT_CIPHERTEXT,
    EXT_STATUS,
    SharedCipher,
    TemplateSharing,
)
from app.identity.template_store import SqlTemplateRepository
from app.identity.templates import TemplateCipher, TemplateKeyWrong, load_template_key
from app.store import Store
from app.store.models import OutboxEntry, Staff
from tests.app.identity.conftest import AuditLog

Photo = Callable[[str], np.ndarray]


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = Store(tmp_path / "station.db")

    def add_staff(session: Session) -> None:
        for number in (1, 2, 3):
            session.add(
                Staff(id=number, staff_number=f"S{number}", name="-", role="nurse")
            )

    opened.writer.submit(add_staff).result(timeout=10)
    yield opened
    opened.close()


def test_enrol_identify_and_delete_in_the_database(
    store: Store, pipeline: FacePipeline, photo: Photo, tmp_path: Path
) -> None:
    repository = SqlTemplateRepository(store)
    cipher = TemplateCipher(load_template_key(tmp_path / "face.key"))
    audit = AuditLog()
    enrolment = EnrolmentService(
        pipeline, repository, cipher, audit, EnrolmentSettings(samples_needed=1)
    )
    enrolment.enrol_from_images(2, 1, "consent text", [photo("obama.jpg")])
    enrolment.enrol_from_images(2, 1, "consent text, again", [photo("obama2.jpg")])
    enrolment.enrol_from_images(3, 1, "consent text", [photo("biden.jpg")])

    stored = repository.list_all()
    assert sorted(t.staff_id for t in stored) == [2, 3]  # re-enrolment replaced
    assert [c.consent_text for c in repository.consents_for(2)] == [
        "consent text",
        "consent text, again",
    ]
    gallery = CheckInService(pipeline, repository, cipher, audit).load_gallery()
    assert gallery.staff_ids == {2, 3}

    assert enrolment.staff_left(2) == 1
    assert [t.staff_id for t in repository.list_all()] == [3]
    assert len(repository.consents_for(2)) == 2  # what was agreed stays on record


def test_a_copied_database_does_not_reveal_templates(
    store: Store, pipeline: FacePipeline, photo: Photo, tmp_path: Path
) -> None:
    repository = SqlTemplateRepository(store)
    cipher = TemplateCipher(load_template_key(tmp_path / "face.key"))
    enrolment = EnrolmentService(
        pipeline, repository, cipher, AuditLog(), EnrolmentSettings(samples_needed=1)
    )
    enrolment.enrol_from_images(2, 1, "consent", [photo("obama.jpg")])
    embedding = pipeline.analyse(photo("obama.jpg")).embedding
    assert embedding is not None

    # Another PC: the same file, but its own key.
    with sqlite3.connect(store.path) as raw:
        [(staff_id, blob)] = raw.execute(
            "select staff_id, template_ciphertext from face_template"
        ).fetchall()
    assert embedding.tobytes()[:16] not in blob
    with pytest.raises(TemplateKeyWrong):
        TemplateCipher(secrets.token_bytes(32)).decrypt(staff_id, blob)
    assert np.allclose(cipher.decrypt(staff_id, blob).embedding, embedding, atol=1e-6)


def test_audit_hook_writes_verifiable_trail_rows(store: Store) -> None:
    from sqlalchemy import select

    from app.audit import trail
    from app.identity.template_store import store_audit_hook
    from app.store.models import AuditEntry

    audit = store_audit_hook(store, station_id="cart-1", actor="face-checkin")
    audit("face.checkin", "2", {"outcome": "recognised", "similarity": 0.71})
    audit("face.checkin", "", {"outcome": "not_recognised", "similarity": 0.12})
    store.writer.submit(lambda session: None).result(timeout=10)  # queue drained
    with store.read_session() as session:
        rows = list(session.scalars(select(AuditEntry).order_by(AuditEntry.id)))
        assert [(r.action, r.subject) for r in rows] == [
            ("face.checkin", "2"),
            ("face.checkin", ""),
        ]
        assert trail.verify(session) is None


def test_a_person_who_leaves_is_never_matched_and_their_template_is_deleted(
    store: Store, pipeline: FacePipeline, photo: Photo, tmp_path: Path
) -> None:
    from sqlalchemy import select

    from app.audit import trail
    from app.identity.station_face import FaceServices
    from app.store.models import AuditEntry

    repository = SqlTemplateRepository(store)
    cipher = TemplateCipher(load_template_key(tmp_path / "face.key"))
    enrolment = EnrolmentService(
        pipeline, repository, cipher, AuditLog(), EnrolmentSettings(samples_needed=1)
    )
    enrolment.enrol_from_images(2, 1, "consent", [photo("obama.jpg")])
    enrolment.enrol_from_images(3, 1, "consent", [photo("biden.jpg")])
    checkin = CheckInService(pipeline, repository, cipher, AuditLog())

    class Sync:  # the engine's subscribe contract: called now and on each status
        subscriber: Callable[[object], None]

        def subscribe(self, subscriber: Callable[[object], None]) -> Callable[[], None]:
            self.subscriber = subscriber
            subscriber(Status(0))
            return lambda: None

    class Status:
        def __init__(self, pull_changes: int) -> None:
            self.pull_changes = pull_changes

    face = FaceServices(
        checkin,
        enrolment,
        lambda: None,
        repository,
        store,
        "cart-1",  # type: ignore[arg-type, return-value]
    )
    sync = Sync()
    face.follow_directory(sync)

    def leave(session: Session) -> None:  # what the sync does to a departed person
        staff = session.get(Staff, 2)
        assert staff is not None
        staff.active = False

    store.writer.submit(leave).result(timeout=10)
    # Never matched again, even before the purge...
    assert checkin.load_gallery().staff_ids == {3}
    # ...and the pull that changed the directory deletes the template.
    sync.subscriber(Status(1))
    store.writer.submit(lambda session: None).result(timeout=10)  # queue drained
    with sqlite3.connect(store.path) as raw:
        left = raw.execute("select staff_id from face_template").fetchall()
    assert left == [(3,)]
    with store.read_session() as session:
        rows = list(session.scalars(select(AuditEntry).order_by(AuditEntry.id)))
        [deleted] = [r for r in rows if r.action == "face.delete"]
        assert (deleted.subject, deleted.actor) == ("2", "directory")
        assert '"why": "left_directory"' in deleted.detail_json
        assert trail.verify(session) is None
    assert repository.purge_departed("cart-1") == []  # nothing left to delete


def test_near_misses_lock_a_person_and_the_lock_survives_a_restart(
    store: Store, pipeline: FacePipeline, photo: Photo, tmp_path: Path
) -> None:
    import time

    import cv2
    from sqlalchemy import select

    from app.identity.checkin import CheckInOutcome, CheckInSettings
    from app.identity.face import MatchRule
    from app.identity.template_store import checkin_history, store_audit_hook
    from app.store.models import AuditEntry
    from devices.camera import Frame

    repository = SqlTemplateRepository(store)
    cipher = TemplateCipher(load_template_key(tmp_path / "face.key"))
    EnrolmentService(
        pipeline, repository, cipher, AuditLog(), EnrolmentSettings(samples_needed=1)
    ).enrol_from_images(2, 1, "consent", [photo("obama2.jpg")])
    # A threshold no photo reaches: Obama's other photo (about 0.7) is then a
    # near miss on him, a poor likeness being tried; Biden is near nobody.
    settings = CheckInSettings(
        rule=MatchRule(threshold=0.95), near_miss=0.3, failures_before_lockout=2
    )

    def service() -> CheckInService:
        return CheckInService(
            pipeline,
            repository,
            cipher,
            store_audit_hook(store, "cart-1", "face-checkin"),
            settings,
            history=checkin_history(store),
        )

    def attempt(checkin: CheckInService, name: str) -> CheckInOutcome:
        image = cv2.resize(photo(name), (384, 480))
        run = checkin.start()
        for i in range(20):
            update = run.feed(Frame(i / 5, image))
            if update.result is not None:
                return update.result.outcome
        raise AssertionError("no result")

    first = service()
    assert attempt(first, "biden.jpg") is CheckInOutcome.NOT_RECOGNISED
    assert attempt(first, "obama.jpg") is CheckInOutcome.NOT_RECOGNISED
    assert not first.is_locked(2)
    assert attempt(first, "obama.jpg") is CheckInOutcome.NOT_RECOGNISED
    assert first.is_locked(2)

    store.writer.submit(lambda session: None).result(timeout=10)  # queue drained
    with store.read_session() as session:
        rows = [
            (row.action, row.subject, row.detail_json)
            for row in session.scalars(select(AuditEntry).order_by(AuditEntry.id))
        ]
    assert [(a, s) for a, s, _ in rows] == [
        ("face.checkin", ""),
        ("face.checkin", ""),
        ("face.checkin", ""),
        ("face.locked", "2"),
    ]
    assert '"counted_against": null' in rows[0][2]
    assert '"counted_against": 2' in rows[1][2]

    # A restart: a new service rebuilds the lock from the audit trail...
    assert service().is_locked(2)
    # ...which ends when its time is up.
    later = CheckInService(
        pipeline,
        repository,
        cipher,
        store_audit_hook(store, "cart-1", "face-checkin"),
        settings,
        clock=lambda: time.time() + settings.lockout_s + 1,
        history=checkin_history(store),
    )
    assert not later.is_locked(2)


def test_only_someone_with_the_right_may_enrol_or_delete_faces(
    store: Store, pipeline: FacePipeline, photo: Photo, tmp_path: Path
) -> None:
    from app.errors import NotAllowed
    from app.identity.station_face import staff_may_enrol

    repository = SqlTemplateRepository(store)
    cipher = TemplateCipher(load_template_key(tmp_path / "face.key"))
    audit = AuditLog()
    enrolment = EnrolmentService(
        pipeline,
        repository,
        cipher,
        audit,
        EnrolmentSettings(samples_needed=1),
        may_enrol=staff_may_enrol(store),
    )
    # Staff 1 is a nurse: refused, audited, nothing stored.
    with pytest.raises(NotAllowed):
        enrolment.enrol_from_images(2, 1, "consent", [photo("obama.jpg")])
    assert repository.list_all() == []
    assert audit.entries[-1] == ("face.enrol", "", {"by": 1, "refused": "no_right"})

    def make_admin(session: Session) -> None:
        staff = session.get(Staff, 1)
        assert staff is not None
        staff.role = "admin"

    store.writer.submit(make_admin).result(timeout=10)
    enrolment.enrol_from_images(2, 1, "consent", [photo("obama.jpg")])
    assert [t.staff_id for t in repository.list_all()] == [2]
    with pytest.raises(NotAllowed):
        enrolment.delete(2, 3, "asked")  # a nurse may not delete it either
    assert enrolment.delete(2, 1, "asked") == 1


def test_a_template_of_another_model_shows_as_needing_re_enrolment(
    store: Store, pipeline: FacePipeline, photo: Photo, tmp_path: Path
) -> None:
    from app.identity.directory import staff_directory

    repository = SqlTemplateRepository(store)
    cipher = TemplateCipher(load_template_key(tmp_path / "face.key"))
    EnrolmentService(
        pipeline, repository, cipher, AuditLog(), EnrolmentSettings(samples_needed=1)
    ).enrol_from_images(2, 1, "consent", [photo("obama.jpg")])

    with store.read_session() as session:
        same = {r.staff_id: r for r in staff_directory(session, pipeline.model_sha256)}
        other = {r.staff_id: r for r in staff_directory(session, "0" * 64)}
    assert same[2].face_enrolled and not same[2].face_outdated
    assert not other[2].face_enrolled and other[2].face_outdated
    assert not other[3].face_enrolled and not other[3].face_outdated


def _outbox(store: Store) -> list[tuple[str, dict[str, object]]]:
    with store.read_session() as session:
        rows = session.scalars(select(OutboxEntry).order_by(OutboxEntry.id)).all()
        return [(row.identifier, json.loads(row.payload)) for row in rows]


def _status(resource: dict[str, object]) -> str:
    extensions = resource["extension"]
    assert isinstance(extensions, list)
    return str(next(e["valueCode"] for e in extensions if e["url"] == EXT_STATUS))


def test_without_a_hospital_key_nothing_leaves_the_station(
    store: Store, pipeline: FacePipeline, photo: Photo, cipher: TemplateCipher
) -> None:
    repository = SqlTemplateRepository(store)
    enrolment = EnrolmentService(
        pipeline, repository, cipher, AuditLog(), EnrolmentSettings(samples_needed=1)
    )
    enrolment.enrol_from_images(2, 1, "consent text", [photo("obama.jpg")])
    enrolment.delete(2, 1, "requested")
    assert _outbox(store) == []


def test_with_a_hospital_key_enrolment_re_enrolment_and_deletion_are_queued(
    store: Store, pipeline: FacePipeline, photo: Photo, cipher: TemplateCipher
) -> None:
    sharing = TemplateSharing(SharedCipher(secrets.token_bytes(32)), cipher, "HD-03")
    repository = SqlTemplateRepository(store, sharing=sharing)
    enrolment = EnrolmentService(
        pipeline, repository, cipher, AuditLog(), EnrolmentSettings(samples_needed=1)
    )
    enrolment.enrol_from_images(2, 1, "consent text", [photo("obama.jpg")])
    enrolment.enrol_from_images(2, 1, "consent, again", [photo("obama2.jpg")])
    enrolment.delete(2, 1, "requested")

    queued = _outbox(store)
    first, second = queued[0][0], queued[2][0]
    assert first != second
    # enrol; re-enrol = the old one deleted, then the new one; delete.
    assert [(i, _status(r)) for i, r in queued] == [
        (first, "active"),
        (first, "deleted"),
        (second, "active"),
        (second, "deleted"),
    ]
    for _, resource in queued:
        assert resource["resourceType"] == "Basic"
        assert resource["subject"] == {
            "identifier": {"system": "urn:careloop:sid:staff-number", "value": "S2"}
        }
        text = json.dumps(resource)
        assert "embedding" not in text and "image" not in text
    deleted = json.dumps(queued[3][1])
    assert EXT_CIPHERTEXT not in deleted and "consent" not in deleted
