"""Choose a frame source from one configuration string.

    folder:/path/to/images     ImageFolderSource (loops)
    video:/path/to/clip.mp4    VideoFileSource (loops, paced like a camera)
    camera:0                   CameraSource on device index 0

The station configuration holds the string; tests build sources directly
when they need other options (an unpaced video, no looping).
"""

from __future__ import annotations

from pathlib import Path

from devices.camera.errors import CameraError
from devices.camera.folder import ImageFolderSource
from devices.camera.live import CameraSource
from devices.camera.source import FrameSourceBase
from devices.camera.video import VideoFileSource

KINDS = ("folder", "video", "camera")


def parse_source_config(config: str) -> tuple[str, str]:
    """Split ``kind:value`` and check the kind; the value is not checked here."""
    kind, sep, value = config.partition(":")
    kind = kind.strip().lower()
    if not sep or kind not in KINDS or not value.strip():
        raise CameraError(
            f"frame source {config!r}: expected one of "
            "'folder:/path', 'video:/path', 'camera:<index>'"
        )
    return kind, value.strip()


def open_frame_source(config: str) -> FrameSourceBase:
    """Build (not yet open) the frame source a configuration string names."""
    kind, value = parse_source_config(config)
    if kind == "folder":
        return ImageFolderSource(Path(value), loop=True)
    if kind == "video":
        return VideoFileSource(Path(value), loop=True, paced=True)
    try:
        index = int(value)
    except ValueError:
        raise CameraError(
            f"frame source {config!r}: camera index must be a whole number"
        ) from None
    if index < 0:
        raise CameraError(f"frame source {config!r}: camera index must be >= 0")
    return CameraSource(index)
