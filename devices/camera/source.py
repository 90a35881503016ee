"""The frame source interface shared by cameras, video files and folders.

A source is opened, read frame by frame and closed. ``read`` returns ``None``
at the end of a finite source (a video that does not loop, a folder read
through); a live camera never ends but may time out. Timestamps are seconds
on one monotonic scale per source, so that time limits (a liveness
challenge) can be judged from the frames themselves.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from types import TracebackType
from typing import Any, Protocol, runtime_checkable

import numpy as np
import numpy.typing as npt

BgrImage = npt.NDArray[np.uint8]


def as_bgr(image: npt.NDArray[Any]) -> BgrImage:
    """OpenCV's loosely typed image as our 8-bit BGR array (no copy if 8-bit)."""
    return np.asarray(image, dtype=np.uint8)


@dataclass(frozen=True)
class Frame:
    """One picture: when it was taken (seconds) and its BGR pixels (H×W×3)."""

    timestamp_s: float
    image: BgrImage


@runtime_checkable
class FrameSource(Protocol):
    """Anything that yields frames: open, read until ``None``, close."""

    def open(self) -> None: ...

    def read(self) -> Frame | None: ...

    def close(self) -> None: ...


class FrameSourceBase:
    """Context-manager and iteration helpers over ``open``/``read``/``close``."""

    def open(self) -> None:
        raise NotImplementedError

    def read(self) -> Frame | None:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    def __enter__(self) -> FrameSourceBase:
        self.open()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __iter__(self) -> Iterator[Frame]:
        while (frame := self.read()) is not None:
            yield frame
