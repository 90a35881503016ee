"""The enrolment dialog: consent first, quality-gated samples, save, delete."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.identity.enrolment import EnrolmentService, EnrolmentSettings
from app.identity.face import FacePipeline
from app.identity.templates import InMemoryTemplateRepository, TemplateCipher
from devices.camera import ImageFolderSource
from tests.ui.identity.conftest import AuditLog
from ui.identity import EnrolmentDialog
from ui.shell import i18n, style

CONSENT = "I agree that a face template (not a photo) is kept for check-in."


def _folder_of_one_person(faces_dir: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "camera"
    folder.mkdir()
    # A partial face first: the dialog must refuse it and say why.
    for index, name in enumerate(
        ["obama_partial_face.jpg", "obama.jpg", "obama2.jpg", "obama3.jpg"]
    ):
        shutil.copyfile(faces_dir / name, folder / f"{index}_{name}")
    return folder


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_consent_capture_save_and_delete(
    language: str,
    qtbot: QtBot,
    pipeline: FacePipeline,
    cipher: TemplateCipher,
    audit: AuditLog,
    faces_dir: Path,
    tmp_path: Path,
) -> None:
    i18n.install(language)
    try:
        _enrol_and_delete(pipeline, cipher, audit, faces_dir, tmp_path, qtbot, language)
    finally:
        i18n.install("en")


def _enrol_and_delete(
    pipeline: FacePipeline,
    cipher: TemplateCipher,
    audit: AuditLog,
    faces_dir: Path,
    tmp_path: Path,
    qtbot: QtBot,
    language: str,
) -> None:
    repository = InMemoryTemplateRepository()
    settings = EnrolmentSettings(samples_needed=3, min_interval_s=0.3)
    service = EnrolmentService(pipeline, repository, cipher, audit, settings)
    folder = _folder_of_one_person(faces_dir, tmp_path)
    dialog = EnrolmentDialog(
        [(4, "Staff 4"), (5, "Staff 5")],
        recorded_by_staff_id=1,
        consent_text=CONSENT,
        source_factory=lambda: ImageFolderSource(folder, frame_interval_s=0.5),
        service=service,
    )
    qtbot.addWidget(dialog)
    dialog.setStyleSheet(style.STYLE)
    dialog.show()

    assert not dialog.capture_button.isEnabled()  # no consent yet
    assert not dialog.save_button.isEnabled()
    dialog.agreed.setChecked(True)
    assert dialog.capture_button.isEnabled()
    dialog.capture_button.click()
    qtbot.waitUntil(dialog.save_button.isEnabled, timeout=30_000)
    assert dialog.progress.value() == 3
    folder = Path(os.environ.get("CARELOOP_SCREENSHOTS", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    assert dialog.grab().save(str(folder / f"face_enrolment_{language}.png"))

    with qtbot.waitSignal(dialog.enrolled, timeout=10_000) as enrolled:
        dialog.save_button.click()
    assert enrolled.args == [4]
    [stored] = repository.list_all()
    assert stored.staff_id == 4
    assert repository.consents[0].consent_text == CONSENT
    assert repository.consents[0].recorded_by_staff_id == 1

    qtbot.waitUntil(dialog.delete_button.isEnabled, timeout=10_000)
    with qtbot.waitSignal(dialog.deleted, timeout=10_000):
        dialog.delete_button.click()
    assert repository.list_all() == []
    assert [a for a, _, _ in audit.entries] == ["face.enrol", "face.delete"]
    dialog.reject()
