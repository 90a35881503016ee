"""Finding what an unknown scale on a port speaks, and at what baud rate.

For each baud rate in turn the port is opened, an MT-SICS ``SI`` is sent, and
everything that comes back for a short while is fed to every continuous
decoder and to the MT-SICS reply parser at once. The first protocol that
decodes enough good frames (more for the ``=`` formats, which have no check)
wins; ties go to the formats with a check. A wrong baud rate only ever
yields garbage, which no decoder accepts.

The two ``=`` formats differ only in byte order; while the scale shows a
positive weight both read as valid numbers, and format 1 is reported. Only a
negative weight (the sign's place) tells them apart for certain.

This does not change the scale's settings and keeps no port open.
"""

from __future__ import annotations

import asyncio
import logging
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from devices.errors import ChecksumError, ProtocolError
from devices.scale import mtsics
from devices.scale.errors import ScaleNotFound
from devices.scale.framing import LineFramer, Skipped
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
            needed = FRAMES_NEEDED.get(name, 1 if name == MTSICS else 2)
            if self.good[name] >= needed and self.bad[name] * 2 <= self.good[name]:
                return name
        return None


async def detect_scale(
    url: str,
    *,
    bauds: Sequence[int] = COMMON_BAUDS,
    protocols: Sequence[str] = PREFERENCE,
    listen_s: float = DEFAULT_LISTEN_S,
    link_factory: LinkFactory = serial_link,
) -> DetectedScale:
    """Try each baud rate; the protocol and rate found, or ScaleNotFound.

    PortUnavailable is raised as is: a port that cannot be opened is not a
    question of protocol.
    """
    for baudrate in bauds:
        found = await _try_baud(url, baudrate, protocols, listen_s, link_factory)
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
    listen_s: float,
    link_factory: LinkFactory,
) -> DetectedScale | None:
    listener = _Listener(protocols)
    link = link_factory(url, baudrate)
    await link.open(listener)
    try:
        if listener.listen_for_mtsics:
            await link.write(mtsics.encode_command("SI"))
        try:
            await asyncio.wait_for(listener.found.wait(), listen_s)
        except TimeoutError:
            log.debug("%s: nothing recognisable at %d baud", url, baudrate)
            return None
    finally:
        await link.close()
    protocol = listener.winner()
    assert protocol is not None
    return DetectedScale(protocol, baudrate, listener.samples.get(protocol))
