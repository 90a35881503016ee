"""ASTM E1381 / E1394 for dialysis machines: framing, link, records, driver.

Public face:

- ``AstmDialysisDriver(link, *, timers, request_timeout_s, ...)``: the
  DialysisDriver over a transport Link, plus ``write_and_verify``;
- ``check_settings`` and ``SettingOutOfRange``: the vocabulary check the
  driver applies before sending;
- ``AstmLinkLayer``, ``AstmTimers``, ``Role``: the E1381 state machine;
- ``framing`` and ``records`` modules for bytes and records;
- ``profile``: the Careloop dialysis profile (docs/protocols/dialysis-astm.md).
"""

from devices.dialysis.astm.driver import (
    AstmDialysisDriver,
    SettingOutOfRange,
    check_settings,
)
from devices.dialysis.astm.lowlevel import AstmLinkLayer, AstmTimers, Role

__all__ = [
    "AstmDialysisDriver",
    "AstmLinkLayer",
    "AstmTimers",
    "Role",
    "SettingOutOfRange",
    "check_settings",
]
