"""The scale protocols by name, and a driver for each: one place to look up.

Names are the ones a station configuration and ``careloop-sim scale
--protocol`` use: ``mtsics``, ``toledo``, ``xk3190-a9``, ``xk3190-eq``
(reversed "=" format 1), ``xk3190-eq2`` (format 2), ``xk3190-a12e``.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from devices.scale import mtsics, toledo, xk3190
from devices.scale.driver import (
    DEFAULT_SILENCE_S,
    ContinuousScale,
    MtSicsScale,
    ScaleDriver,
)
from devices.scale.framing import FrameDecoder
from devices.scale.stability import StabilityJudge
from devices.transport import Link

MTSICS = mtsics.PROTOCOL
TOLEDO = toledo.PROTOCOL
XK3190_A9 = xk3190.A9
XK3190_EQ = xk3190.EQUALS
XK3190_EQ2 = xk3190.EQUALS_FORWARD
XK3190_A12E = xk3190.A12E

CONTINUOUS: dict[str, Callable[[], FrameDecoder]] = {
    TOLEDO: toledo.decoder,
    XK3190_A9: xk3190.a9_decoder,
    XK3190_A12E: xk3190.a12e_decoder,
    XK3190_EQ: lambda: xk3190.equals_decoder(reversed_=True),
    XK3190_EQ2: lambda: xk3190.equals_decoder(reversed_=False),
}
PROTOCOLS = (MTSICS, *CONTINUOUS)
# Formats that send no unit: their decoder takes the unit the scale is set to.
UNITLESS: dict[str, Callable[[str], FrameDecoder]] = {
    XK3190_A9: xk3190.a9_decoder,
    XK3190_EQ: lambda unit: xk3190.equals_decoder(unit, reversed_=True),
    XK3190_EQ2: lambda unit: xk3190.equals_decoder(unit, reversed_=False),
}


def make_driver(
    protocol: str,
    link: Link,
    *,
    judge: StabilityJudge | None = None,
    unit: str = "kg",
    silence_s: float = DEFAULT_SILENCE_S,
    clock: Callable[[], float] = time.monotonic,
) -> ScaleDriver:
    """A driver for ``protocol`` over ``link`` (not yet opened).

    ``unit`` is the unit of a format that sends none (A9, "="); formats that
    send their unit ignore it. ``judge`` decides stability for formats
    without a stability flag.
    """
    if protocol == MTSICS:
        return MtSicsScale(link, reply_timeout_s=silence_s / 2, clock=clock)
    try:
        decoder = (
            UNITLESS[protocol](unit) if protocol in UNITLESS else CONTINUOUS[protocol]()
        )
    except KeyError:
        raise ValueError(
            f"unknown scale protocol {protocol!r}; one of {', '.join(PROTOCOLS)}"
        ) from None
    return ContinuousScale(link, decoder, judge=judge, silence_s=silence_s, clock=clock)
