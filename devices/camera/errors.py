"""Errors of the frame sources, under the device floor's tree.

DeviceError
├── PortUnavailable
│   └── SourceUnavailable    camera, video or folder cannot be opened
├── LinkClosed
│   └── SourceClosed         read from a source that is closed
└── CameraError              a bad source configuration string
"""

from __future__ import annotations

from devices.errors import DeviceError, LinkClosed, PortUnavailable


class CameraError(DeviceError):
    """A frame source was configured wrongly; the message names the value."""


class SourceUnavailable(PortUnavailable):
    """The camera, video file or image folder cannot be opened."""


class SourceClosed(LinkClosed):
    """A frame was asked of a source that is not open."""
