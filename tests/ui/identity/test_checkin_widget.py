"""The check-in widget driven by the public clip as a fake camera.

The clip plays unpaced through the real frame source, the real pipeline and
the real check-in service in the widget's worker thread; the test waits on
the widget's signals, never on a sleep.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.identity.checkin import (
    CheckInOutcome,
    CheckInResult,
    CheckInService,
    CheckInSettings,
    Frame,
    FrameSource,
)
from app.identity.face import ChallengeStep, FacePipeline, LivenessLimits
from app.identity.templates import InMemoryTemplateRepository, TemplateCipher
from devices.camera import VideoFileSource
from tests.ui.identity.conftest import LIN, AuditLog
from ui.identity import CheckInWidget
from ui.shell import i18n, style

WAIT_MS = 60_000


def _service(
    pipeline: FacePipeline,
    repository: InMemoryTemplateRepository,
    cipher: TemplateCipher,
    audit: AuditLog,
    step: ChallengeStep,
) -> CheckInService:
    settings = CheckInSettings(liveness=LivenessLimits(step_time_limit_s=2.0))
    return CheckInService(
        pipeline, repository, cipher, audit, settings, plan_chooser=lambda: [step]
    )


def _clip(faces_dir: Path, start_s: float = 3.0) -> FrameSource:
    return VideoFileSource(faces_dir / "short_hamilton_clip.mp4", start_s=start_s)


def test_clip_drives_the_widget_from_preview_to_recognised(
    qtbot: QtBot,
    pipeline: FacePipeline,
    repository: InMemoryTemplateRepository,
    cipher: TemplateCipher,
    audit: AuditLog,
    faces_dir: Path,
) -> None:
    service = _service(pipeline, repository, cipher, audit, ChallengeStep.TURN_RIGHT)
    widget = CheckInWidget(lambda: _clip(faces_dir), service)
    qtbot.addWidget(widget)
    widget.show()
    prompts: list[str] = []
    widget.update_shown.connect(lambda _: prompts.append(widget.challenge.text()))

    with qtbot.waitSignal(widget.recognised, timeout=WAIT_MS) as recognised:
        widget.start()
        qtbot.waitUntil(
            lambda: (
                widget.preview.pixmap() is not None
                and not widget.preview.pixmap().isNull()
            ),
            timeout=WAIT_MS,
        )
    assert recognised.args == [str(LIN)]
    # Looking first (no prompt), then the prompt asked, until the result.
    assert prompts[0] == ""
    assert "Turn your head to your right" in prompts
    assert set(prompts) == {"", "Turn your head to your right"}
    assert not widget.is_running()
    assert widget.fallback_button.isVisible()
    # Not "welcome" yet: the sign-in screen opens the session (or says why not).
    assert widget.result_label.text() == "Recognised: signing you in…"
    assert audit.entries[-1][2]["outcome"] == "recognised"


def test_clip_asked_the_other_way_gives_a_result_without_a_session(
    qtbot: QtBot,
    pipeline: FacePipeline,
    repository: InMemoryTemplateRepository,
    cipher: TemplateCipher,
    audit: AuditLog,
    faces_dir: Path,
) -> None:
    service = _service(pipeline, repository, cipher, audit, ChallengeStep.TURN_LEFT)
    widget = CheckInWidget(lambda: _clip(faces_dir), service)
    qtbot.addWidget(widget)
    recognised: list[str] = []
    widget.recognised.connect(recognised.append)
    with qtbot.waitSignal(widget.finished, timeout=WAIT_MS) as finished:
        widget.start()
    [result] = finished.args
    assert isinstance(result, CheckInResult)
    assert result.outcome is CheckInOutcome.LIVENESS_FAILED
    assert recognised == []


class _BlankWall:
    """A camera that never ends and never sees a face; says when it is closed."""

    def __init__(self) -> None:
        self.closed = threading.Event()
        self._count = 0

    def open(self) -> None:
        self._count = 0

    def read(self) -> Frame:
        self._count += 1
        return Frame(self._count / 15, np.full((480, 640, 3), 90, dtype=np.uint8))

    def close(self) -> None:
        self.closed.set()


def test_fallback_button_stops_the_camera_and_asks_for_pin(
    qtbot: QtBot,
    pipeline: FacePipeline,
    repository: InMemoryTemplateRepository,
    cipher: TemplateCipher,
    audit: AuditLog,
) -> None:
    source = _BlankWall()
    settings = CheckInSettings(look_time_limit_s=3600.0)
    service = CheckInService(pipeline, repository, cipher, audit, settings)
    widget = CheckInWidget(lambda: source, service)
    qtbot.addWidget(widget)
    widget.show()
    assert widget.fallback_button.isVisible()
    widget.start()
    qtbot.waitUntil(lambda: widget.last_update is not None, timeout=WAIT_MS)
    assert widget.fallback_button.isVisible()
    with qtbot.waitSignal(widget.fallback_requested, timeout=5_000):
        widget.fallback_button.click()
    assert source.closed.wait(5.0)
    assert not widget.is_running()
    [(action, subject, detail)] = audit.entries
    assert (action, subject, detail["outcome"]) == ("face.checkin", "", "abandoned")


def test_camera_that_cannot_open_points_to_pin(
    qtbot: QtBot,
    pipeline: FacePipeline,
    repository: InMemoryTemplateRepository,
    cipher: TemplateCipher,
    audit: AuditLog,
    tmp_path: Path,
) -> None:
    service = _service(pipeline, repository, cipher, audit, ChallengeStep.TURN_LEFT)
    widget = CheckInWidget(lambda: VideoFileSource(tmp_path / "none.mp4"), service)
    qtbot.addWidget(widget)
    with qtbot.waitSignal(widget.unavailable, timeout=5_000):
        widget.start()
    assert "PIN" in widget.guidance.text()
    assert widget.preview.text() == "Camera off"
    assert not widget.is_running()


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_widget_renders_in_both_languages(
    qtbot: QtBot,
    qapp: QApplication,
    pipeline: FacePipeline,
    repository: InMemoryTemplateRepository,
    cipher: TemplateCipher,
    audit: AuditLog,
    faces_dir: Path,
    tmp_path: Path,
    language: str,
) -> None:
    """Two PNGs per language: during the challenge, and the result."""
    i18n.install(language)
    widget = None
    try:
        service = _service(pipeline, repository, cipher, audit, ChallengeStep.TURN_LEFT)
        widget = CheckInWidget(lambda: _clip(faces_dir), service)
        widget.setStyleSheet(style.STYLE)
        qtbot.addWidget(widget)
        widget.resize(480, 760)
        widget.show()
        folder = Path(os.environ.get("CARELOOP_SCREENSHOTS", tmp_path))
        folder.mkdir(parents=True, exist_ok=True)
        with qtbot.waitSignal(widget.finished, timeout=WAIT_MS):
            widget.start()
            qtbot.waitUntil(lambda: bool(widget.challenge.text()), timeout=WAIT_MS)
            _save(widget, folder / f"face_checkin_challenge_{language}.png")
        _save(widget, folder / f"face_checkin_result_{language}.png")
        expected = "使用工号密码或工牌" if language == "zh_CN" else "Use PIN or badge"
        assert widget.fallback_button.text() == expected
    finally:
        if widget is not None:
            widget.stop()
        i18n.install("en")


def _save(widget: CheckInWidget, target: Path) -> None:
    assert widget.grab().save(str(target))
    assert target.stat().st_size > 10_000


def test_shutdown_waits_for_the_camera_thread_to_end(
    qtbot: QtBot,
    qt_async_loop,
    pipeline: FacePipeline,
    repository: InMemoryTemplateRepository,
    cipher: TemplateCipher,
    audit: AuditLog,
) -> None:
    import asyncio

    from ui.runtime import stop_cameras

    source = _BlankWall()
    settings = CheckInSettings(look_time_limit_s=3600.0)
    service = CheckInService(pipeline, repository, cipher, audit, settings)

    class Window:  # what stop_cameras needs of the main window
        face_widget = CheckInWidget(lambda: source, service)

    qtbot.addWidget(Window.face_widget)
    Window.face_widget.start()
    qtbot.waitUntil(lambda: Window.face_widget.last_update is not None, timeout=WAIT_MS)
    assert Window.face_widget.is_running()

    task = asyncio.ensure_future(stop_cameras(Window, timeout_ms=10_000))  # type: ignore[arg-type]
    # Longer than stop_cameras' own bound, so a slow machine sees its answer.
    qtbot.waitUntil(task.done, timeout=15_000)
    # The thread has ended (waited for, not just asked to) and the source
    # was closed by it, before anything else shuts down.
    assert task.result() is True
    assert source.closed.is_set()
    assert not Window.face_widget.is_running()
