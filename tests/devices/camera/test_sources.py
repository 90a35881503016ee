"""Frame sources on real files (images and a video written here) and a fake
capture for the camera's reader thread; no camera is needed."""

from __future__ import annotations

import logging
import queue
import threading
from pathlib import Path

import cv2
import numpy as np
import pytest

from devices.camera import (
    CameraError,
    CameraSource,
    Frame,
    FrameSource,
    ImageFolderSource,
    SourceClosed,
    SourceUnavailable,
    VideoFileSource,
    open_frame_source,
    parse_source_config,
)
from devices.errors import LinkTimeout

FACES = Path(__file__).resolve().parents[3] / ".." / "shared" / "faces"


def _grey(level: int, size: tuple[int, int] = (48, 64)) -> np.ndarray:
    return np.full((size[0], size[1], 3), level, dtype=np.uint8)


def _level(frame: Frame) -> int:
    return round(float(frame.image.mean()))


@pytest.fixture
def image_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "images"
    folder.mkdir()
    for name, level in (("b.png", 100), ("a.png", 50), ("c.jpg", 150)):
        cv2.imwrite(str(folder / name), _grey(level))
    (folder / "notes.txt").write_text("not an image")
    return folder


@pytest.fixture
def video_file(tmp_path: Path) -> Path:
    path = tmp_path / "clip.avi"
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), 10.0, (64, 48))
    for index in range(10):
        writer.write(_grey(20 * index + 10))
    writer.release()
    return path


# -- folder ---------------------------------------------------------------


def test_folder_plays_images_in_name_order_with_source_time(
    image_folder: Path,
) -> None:
    source = ImageFolderSource(image_folder, frame_interval_s=0.5, repeat_each=2)
    assert isinstance(source, FrameSource)
    with source:
        frames = list(source)
    assert [_level(f) for f in frames] == [50, 50, 100, 100, 150, 150]
    assert [f.timestamp_s for f in frames] == [0.0, 0.5, 1.0, 1.5, 2.0, 2.5]
    assert frames[0].image.dtype == np.uint8 and frames[0].image.shape == (48, 64, 3)


def test_folder_loops_when_asked(image_folder: Path) -> None:
    with ImageFolderSource(image_folder, loop=True) as source:
        levels = [_level(source.read()) for _ in range(7)]  # type: ignore[arg-type]
    assert levels == [50, 100, 150, 50, 100, 150, 50]


def test_folder_skips_an_undecodable_file_with_a_warning(
    image_folder: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (image_folder / "ab.jpg").write_bytes(b"not a jpeg")
    with caplog.at_level(logging.WARNING), ImageFolderSource(image_folder) as source:
        levels = [_level(f) for f in source]
    assert levels == [50, 100, 150]
    assert "cannot be decoded" in caplog.text


def test_folder_missing_or_empty_is_unavailable(tmp_path: Path) -> None:
    with pytest.raises(SourceUnavailable):
        ImageFolderSource(tmp_path / "absent").open()
    with pytest.raises(SourceUnavailable):
        ImageFolderSource(tmp_path).open()


def test_read_before_open_is_a_typed_error(image_folder: Path) -> None:
    with pytest.raises(SourceClosed):
        ImageFolderSource(image_folder).read()


# -- video ----------------------------------------------------------------


def test_video_unpaced_gives_every_frame_then_ends(video_file: Path) -> None:
    with VideoFileSource(video_file) as source:
        frames = list(source)
    assert len(frames) == 10
    assert [round(f.timestamp_s, 3) for f in frames[:3]] == [0.0, 0.1, 0.2]
    levels = [_level(f) for f in frames]
    assert levels == sorted(levels) and levels[0] < levels[-1]


def test_video_loops_with_time_still_increasing(video_file: Path) -> None:
    with VideoFileSource(video_file, loop=True) as source:
        frames = [source.read() for _ in range(25)]
    assert all(f is not None for f in frames)
    stamps = [f.timestamp_s for f in frames if f is not None]
    assert stamps == sorted(stamps) and stamps[-1] == pytest.approx(2.4)
    assert _level(frames[10]) == _level(frames[0])  # type: ignore[arg-type]


def test_video_paced_waits_for_due_frame_and_drops_late_ones(
    video_file: Path,
) -> None:
    now = [100.0]
    slept: list[float] = []
    source = VideoFileSource(
        video_file, paced=True, clock=lambda: now[0], sleep=slept.append
    )
    with source:
        first = source.read()
        second = source.read()  # due at 0.1 s, clock still at 0 s: must wait
        now[0] += 0.55  # the reader fell behind by several frames
        late = source.read()
    assert first is not None and second is not None and late is not None
    assert slept and slept[0] == pytest.approx(0.1)
    assert late.timestamp_s == pytest.approx(0.5)


def test_video_start_offset_and_missing_file(video_file: Path, tmp_path: Path) -> None:
    with VideoFileSource(video_file, start_s=0.5) as source:
        frames = list(source)
    assert len(frames) == 5 and frames[0].timestamp_s == pytest.approx(0.5)
    with pytest.raises(SourceUnavailable):
        VideoFileSource(tmp_path / "none.mp4").open()


def test_public_clip_opens_as_a_camera_stand_in() -> None:
    clip = FACES / "short_hamilton_clip.mp4"
    if not clip.is_file():
        pytest.skip(f"public test clip absent: {clip}")
    with VideoFileSource(clip) as source:
        frame = source.read()
    assert frame is not None and frame.image.shape == (360, 640, 3)


# -- camera ---------------------------------------------------------------


class FakeCapture:
    """Stands in for cv2.VideoCapture: the test pushes frames one by one."""

    def __init__(
        self,
        opened: bool = True,
        always_fail: bool = False,
        gate: threading.Event | None = None,
    ) -> None:
        self.opened = opened
        self.always_fail = always_fail
        self.gate = gate  # when given, a read does not return before it is set
        self.frames: queue.Queue[np.ndarray] = queue.Queue()
        self.released = threading.Event()
        self.props: dict[int, float] = {}
        # Announces every read: how many so far, and which one gave a frame.
        self.changed = threading.Condition()
        self.calls = 0
        self.last_frame_call = 0
        self.reading = False  # inside read() right now
        self.read_while_released = False

    def isOpened(self) -> bool:
        return self.opened

    def read(self) -> tuple[bool, np.ndarray | None]:
        if self.released.is_set():
            self.read_while_released = True
        with self.changed:
            self.calls += 1
            self.reading = True
        try:
            if self.gate is not None:
                self.gate.wait()
            if self.always_fail:
                return False, None
            try:
                image = self.frames.get(timeout=0.05)
            except queue.Empty:
                return False, None
            with self.changed:
                self.last_frame_call = self.calls
            return True, image
        finally:
            with self.changed:
                self.reading = False
                self.changed.notify_all()

    def set(self, prop_id: int, value: float) -> bool:
        self.props[prop_id] = value
        return True

    def release(self) -> None:
        self.released.set()


def test_camera_hands_out_the_newest_frame_only() -> None:
    fake = FakeCapture()
    source = CameraSource(3, capture_factory=lambda index: fake, read_timeout_s=0.3)
    with source:
        fake.frames.put(_grey(10))
        first = source.read()
        for level in (20, 30, 40):
            fake.frames.put(_grey(level))
        # The reader has taken all three and come back for more, so the
        # frame of level 40 has been published.
        with fake.changed:
            assert fake.changed.wait_for(
                lambda: fake.frames.empty() and fake.calls > fake.last_frame_call,
                timeout=2.0,
            )
        newest = source.read()
        # 20 and 30 were dropped: nothing older is handed out after 40.
        with pytest.raises(LinkTimeout):
            source.read()
    assert first is not None and _level(first) == 10
    assert newest is not None and _level(newest) == 40
    assert fake.released.is_set()
    assert fake.props[cv2.CAP_PROP_FRAME_WIDTH] == 640


def test_camera_is_released_only_after_its_reader_stops() -> None:
    # A driver read that hangs past the time-out: close returns, but the
    # capture is released by the reader once that read comes back.
    gate = threading.Event()
    stuck = FakeCapture(gate=gate)
    source = CameraSource(0, capture_factory=lambda i: stuck, read_timeout_s=0.2)
    source.open()
    with stuck.changed:
        assert stuck.changed.wait_for(lambda: stuck.reading, timeout=2.0)
    source.close()
    assert stuck.reading and not stuck.released.is_set()
    gate.set()
    assert stuck.released.wait(2.0)
    assert not stuck.read_while_released

    # A reader that stops in time is joined, then the capture released.
    fine = FakeCapture()
    with CameraSource(0, capture_factory=lambda i: fine) as camera:
        fine.frames.put(_grey(10))
        assert camera.read() is not None
    assert fine.released.is_set() and not fine.reading
    assert not fine.read_while_released


def test_camera_without_frames_times_out_and_lost_camera_is_reported() -> None:
    idle = FakeCapture()
    idle_camera = CameraSource(0, capture_factory=lambda i: idle, read_timeout_s=0.2)
    with idle_camera, pytest.raises(LinkTimeout):
        idle_camera.read()
    broken = FakeCapture(always_fail=True)
    broken_camera = CameraSource(0, capture_factory=lambda i: broken)
    with broken_camera, pytest.raises(SourceUnavailable):
        broken_camera.read()


def test_camera_that_does_not_open_is_unavailable() -> None:
    closed = FakeCapture(opened=False)
    with pytest.raises(SourceUnavailable):
        CameraSource(0, capture_factory=lambda i: closed).open()
    assert closed.released.is_set()


# -- factory --------------------------------------------------------------


def test_factory_builds_each_kind(image_folder: Path, video_file: Path) -> None:
    assert isinstance(open_frame_source(f"folder:{image_folder}"), ImageFolderSource)
    assert isinstance(open_frame_source(f"video:{video_file}"), VideoFileSource)
    assert isinstance(open_frame_source("camera:0"), CameraSource)
    assert parse_source_config(" Camera : 1 ") == ("camera", "1")


@pytest.mark.parametrize(
    "config", ["", "camera", "camera:", "usb:0", "camera:front", "camera:-1"]
)
def test_factory_rejects_bad_configuration(config: str) -> None:
    with pytest.raises(CameraError):
        open_frame_source(config)
