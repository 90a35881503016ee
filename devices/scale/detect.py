"""Finding what an unknown scale on a port speaks, and at what baud rate.

For each baud rate in turn the port is opened, an MT-SICS ``SI`` is sent, and
everything that comes back for a short while is fed to every continuous
decoder and to the MT-SICS reply parser at once. The first protocol that
decodes enough good frames (more for the ``=`` formats, which have no check)
wins; ties go to the formats with a check. A wrong baud rate only ever
yields garbage, which no decoder accepts.

The two ``=`` formats differ only in byte order. Format 1 ends with the sign
(``0`` or ``-``) and format 2 begins with it, so a frame whose least
significant digit is 0 (``=0000.840`` / ``=048.0000``) reads as a number
both ways, one of them wrong by digits. Such frames never choose: only a
frame that one order refuses (a non-zero last digit, a negative weight)
decides, and detection keeps listening for one up to ``decide_s``. If none
comes it raises ScaleFormatAmbiguous, asking for the format in the
configuration, rather than guess.

This does not change the scale's settings and keeps no port open.
"""

from __future__ import annotations

import asyncio
import logging
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from devices.errors import ChecksumError, ProtocolError
from devices.scale import mtsics, xk3190
from devices.scale.errors import ScaleFormatAmbiguous, ScaleNotFound
from devices.scale.framing import LineFramer, Skipped, StartByteFramer
from devices.scale.protocols import (
    CONTINUOUS,
    MTSICS,
    TOLEDO,
    XK3190_A9,
    XK3190_A12E,
    XK3190_EQ,
    XK3190_EQ2,
)
from devices.scale.reading import ScaleReading
from devices.transport import Link, SerialLink

log = logging.getLogger(__name__)

COMMON_BAUDS = (9600, 4800, 2400, 19200, 1200, 38400)
DEFAULT_LISTEN_S = 0.6
DEFAULT_DECIDE_S = 5.0  # more listening when only the "=" order is in doubt
# Formats with a check first; the "=" formats last and with more frames.
PREFERENCE = (TOLEDO, XK3190_A9, XK3190_A12E, MTSICS, XK3190_EQ, XK3190_EQ2)
FRAMES_NEEDED = {XK3190_EQ: 3, XK3190_EQ2: 3}

LinkFactory = Callable[[str, int], Link]


@dataclass(frozen=True)
class DetectedScale:
    protocol: str
    baudrate: int
    sample: ScaleReading | None  # a reading seen while listening (None for MT-SICS)


def serial_link(url: str, baudrate: int) -> Link:
    return SerialLink(url, baudrate=baudrate, name=f"{url}@{baudrate}")


class _EqualsOrder:
    """Which ``=`` format: only a frame that one byte order refuses decides."""

    ORDERS = ((XK3190_EQ, True), (XK3190_EQ2, False))

    def __init__(self) -> None:
        self.only: Counter[str] = Counter()
        self._framer = StartByteFramer(
            ord("="), xk3190.EQUALS_LENGTH, xk3190.equals_looks_whole
        )

    def feed(self, data: bytes) -> None:
        for frame in self._framer.feed(data):
            if isinstance(frame, Skipped):
                continue
            readers = [name for name, rev in self.ORDERS if _reads(frame, rev)]
            if len(readers) == 1:
                self.only[readers[0]] += 1

    def decided(self, name: str) -> bool:
        other = XK3190_EQ2 if name == XK3190_EQ else XK3190_EQ
        return self.only[name] > 0 and self.only[other] == 0


def _reads(frame: bytes, reversed_: bool) -> bool:
    try:
        xk3190.parse_equals(frame, reversed_=reversed_)
    except ProtocolError:
        return False
    return True


class _Listener:
    """Feeds every decoder with what the port sends; sets ``found``."""

    def __init__(self, protocols: Sequence[str]) -> None:
        self.decoders = {
            name: CONTINUOUS[name]() for name in protocols if name != MTSICS
        }
        self.listen_for_mtsics = MTSICS in protocols
        self.good: Counter[str] = Counter()
        self.bad: Counter[str] = Counter()
        self.samples: dict[str, ScaleReading] = {}
        self.equals_order = _EqualsOrder()
        self.found = asyncio.Event()
        self._lines = LineFramer(max_length=64)

    def connection_made(self, link: Link) -> None:
        pass

    def data_received(self, data: bytes) -> None:
        for name, decoder in self.decoders.items():
            for event in decoder.feed(data):
                if isinstance(event, ScaleReading):
                    self.good[name] += 1
                    self.samples[name] = event
                elif isinstance(event, ChecksumError):
                    self.bad[name] += 1
        if self.listen_for_mtsics:
            self._mtsics_lines(data)
        self.equals_order.feed(data)
        if self.winner() is not None:
            self.found.set()

    def connection_lost(self, exc: Exception | None) -> None:
        pass

    def _mtsics_lines(self, data: bytes) -> None:
        for line in self._lines.feed(data):
            if isinstance(line, Skipped):
                continue
            try:
                mtsics.parse_reply(line)
            except ProtocolError:
                continue
            self.good[MTSICS] += 1

    def winner(self) -> str | None:
        for name in PREFERENCE:
            if self._enough(name) and (
                name not in (XK3190_EQ, XK3190_EQ2) or self.equals_order.decided(name)
            ):
                return name
        return None

    def equals_in_doubt(self) -> bool:
        """Both ``=`` orders read the frames and none told them apart yet."""
        return self._enough(XK3190_EQ) and self._enough(XK3190_EQ2)

    def _enough(self, name: str) -> bool:
        needed = FRAMES_NEEDED.get(name, 1 if name == MTSICS else 2)
        return self.good[name] >= needed and self.bad[name] * 2 <= self.good[name]


async def detect_scale(
    url: str,
    *,
    bauds: Sequence[int] = COMMON_BAUDS,
    protocols: Sequence[str] = PREFERENCE,
    listen_s: float = DEFAULT_LISTEN_S,
    decide_s: float = DEFAULT_DECIDE_S,
    link_factory: LinkFactory = serial_link,
) -> DetectedScale:
    """Try each baud rate; the protocol and rate found, or ScaleNotFound.

    ScaleFormatAmbiguous (a ScaleNotFound) when an ``=`` scale answered but
    nothing in ``listen_s + decide_s`` told its two byte orders apart.
    PortUnavailable is raised as is: a port that cannot be opened is not a
    question of protocol.
    """
    for baudrate in bauds:
        found = await _try_baud(
            url, baudrate, protocols, (listen_s, decide_s), link_factory
        )
        if found is not None:
            log.info("%s: found %s at %d baud", url, found.protocol, baudrate)
            return found
    raise ScaleNotFound(
        f"{url}: no scale answered at {', '.join(map(str, bauds))} baud "
        f"({', '.join(protocols)})"
    )


async def _try_baud(
    url: str,
    baudrate: int,
    protocols: Sequence[str],
    times_s: tuple[float, float],
    link_factory: LinkFactory,
) -> DetectedScale | None:
    listen_s, decide_s = times_s
    listener = _Listener(protocols)
    link = link_factory(url, baudrate)
    await link.open(listener)
    try:
        if listener.listen_for_mtsics:
            await link.write(mtsics.encode_command("SI"))
        if not await _heard(listener, listen_s) and not (
            listener.equals_in_doubt() and await _heard(listener, decide_s)
        ):
            if listener.equals_in_doubt():
                raise ScaleFormatAmbiguous(
                    f"{url}: an XK3190 '=' scale at {baudrate} baud, but its "
                    "frames read both as format 1 and format 2 (reversed "
                    "digits); ambiguous: set the format in configuration "
                    f"(protocol = {XK3190_EQ!r} or {XK3190_EQ2!r})"
                )
            log.debug("%s: nothing recognisable at %d baud", url, baudrate)
            return None
    finally:
        await link.close()
    protocol = listener.winner()
    assert protocol is not None
    return DetectedScale(protocol, baudrate, listener.samples.get(protocol))


async def _heard(listener: _Listener, within_s: float) -> bool:
    try:
        await asyncio.wait_for(listener.found.wait(), within_s)
    except TimeoutError:
        return False
    return True
