"""Serial scales: typed readings from MT-SICS, Toledo and Yaohua XK3190.

Public face:

- ``ScaleReading`` (value as Decimal or None, unit, kind, stability, range)
- ``StabilityJudge(min_readings, min_seconds, tolerance, clock)``
- ``make_driver(protocol, link, *, judge, silence_s, clock) -> ScaleDriver``
- ``ContinuousScale``, ``MtSicsScale`` (zero, tare, clear_tare, identify)
- ``ScaleHealth``, ``ScaleState``
- ``detect_scale(url, *, bauds, protocols, listen_s) -> DetectedScale``
- ``PROTOCOLS`` and the errors in ``devices.scale.errors``

Parsers and encoders per format live in ``mtsics``, ``toledo`` and ``xk3190``.
"""

from devices.scale.detect import COMMON_BAUDS, DetectedScale, detect_scale
from devices.scale.driver import (
    ContinuousScale,
    MtSicsScale,
    ScaleDriver,
    ScaleHealth,
    ScaleIdentity,
    ScaleState,
)
from devices.scale.protocols import PROTOCOLS, make_driver
from devices.scale.reading import Range, ScaleReading, Stability, WeightKind
from devices.scale.stability import StabilityJudge

__all__ = [
    "COMMON_BAUDS",
    "PROTOCOLS",
    "ContinuousScale",
    "DetectedScale",
    "MtSicsScale",
    "Range",
    "ScaleDriver",
    "ScaleHealth",
    "ScaleIdentity",
    "ScaleReading",
    "ScaleState",
    "Stability",
    "StabilityJudge",
    "WeightKind",
    "detect_scale",
    "make_driver",
]
