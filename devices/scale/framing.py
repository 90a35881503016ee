"""Byte framers shared by the scale protocols: pure state machines, no I/O.

A framer takes bytes as they arrive, in any chunks, and returns whole
candidate frames plus how many bytes it had to skip to find them. Whether a
frame's check is good is the parser's business, not the framer's.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from devices.errors import FramingError, ProtocolError
from devices.scale.reading import ScaleReading


@dataclass(frozen=True)
class Skipped:
    """Bytes thrown away while looking for the start of a frame."""

    count: int


FramerOutput = bytes | Skipped


class StartByteFramer:
    """Fixed-length frames that begin with a known start byte.

    ``looks_whole`` checks the shape of a candidate (its end byte, fixed
    bits); a candidate that fails it loses only its start byte, and the
    search starts again one byte later, so a stray start byte inside
    garbage cannot swallow the real frame behind it.
    """

    def __init__(
        self, start: int, length: int, looks_whole: Callable[[bytes], bool]
    ) -> None:
        self._start = start
        self._length = length
        self._looks_whole = looks_whole
        self._buffer = bytearray()

    def feed(self, data: bytes) -> list[FramerOutput]:
        self._buffer += data
        out: list[FramerOutput] = []
        skipped = 0
        while True:
            at = self._buffer.find(self._start)
            if at < 0:
                skipped += len(self._buffer)
                self._buffer.clear()
                break
            skipped += at
            del self._buffer[:at]
            if len(self._buffer) < self._length:
                break
            candidate = bytes(self._buffer[: self._length])
            if self._looks_whole(candidate):
                if skipped:
                    out.append(Skipped(skipped))
                    skipped = 0
                out.append(candidate)
                del self._buffer[: self._length]
            else:
                skipped += 1
                del self._buffer[:1]
        if skipped:
            out.append(Skipped(skipped))
        return out


class LineFramer:
    """Lines ending in LF (CR before it is removed); over-long lines dropped."""

    def __init__(self, max_length: int = 128) -> None:
        self._max_length = max_length
        self._buffer = bytearray()

    def feed(self, data: bytes) -> list[FramerOutput]:
        self._buffer += data
        out: list[FramerOutput] = []
        while True:
            at = self._buffer.find(b"\n")
            if at < 0:
                break
            line = bytes(self._buffer[:at])
            del self._buffer[: at + 1]
            if len(line) > self._max_length:
                out.append(Skipped(len(line) + 1))
                continue
            out.append(line.removesuffix(b"\r"))
        if len(self._buffer) > self._max_length:
            out.append(Skipped(len(self._buffer)))
            self._buffer.clear()
        return out


Framer = StartByteFramer | LineFramer
DecodeEvent = ScaleReading | ProtocolError


class FrameDecoder:
    """A framer and a frame parser joined: bytes in, readings or errors out.

    Errors come back as values, not raised, so one bad frame never stops the
    stream; the driver decides what to report.
    """

    def __init__(
        self, protocol: str, framer: Framer, parse: Callable[[bytes], ScaleReading]
    ) -> None:
        self.protocol = protocol
        self._framer = framer
        self._parse = parse

    def feed(self, data: bytes) -> list[DecodeEvent]:
        events: list[DecodeEvent] = []
        for item in self._framer.feed(data):
            if isinstance(item, Skipped):
                events.append(FramingError(f"{item.count} bytes skipped"))
                continue
            try:
                events.append(self._parse(item))
            except ProtocolError as error:
                events.append(error)
        return events
