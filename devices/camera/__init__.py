"""Frames for face check-in: a real camera, a video file or a folder of images.

Every source yields :class:`Frame` objects (a timestamp in seconds and a BGR
``numpy`` image) behind the one :class:`FrameSource` interface, so the app
and its tests run the same way on a machine with no camera. Pick a source
from configuration with :func:`open_frame_source` (``folder:/path``,
``video:/path.mp4``, ``camera:0``).

This package does no face work and imports neither the app nor Qt.
"""

from devices.camera.errors import CameraError, SourceClosed, SourceUnavailable
from devices.camera.factory import open_frame_source, parse_source_config
from devices.camera.folder import ImageFolderSource
from devices.camera.live import CameraSource
from devices.camera.source import Frame, FrameSource
from devices.camera.video import VideoFileSource

__all__ = [
    "CameraError",
    "CameraSource",
    "Frame",
    "FrameSource",
    "ImageFolderSource",
    "SourceClosed",
    "SourceUnavailable",
    "VideoFileSource",
    "open_frame_source",
    "parse_source_config",
]
