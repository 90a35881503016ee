"""Emit Qt signals without tripping PySide6 6.12.0's reference-count bug.

In PySide6 6.12.0 ``SignalInstance.emit`` returns ``True`` without owning a
reference to it, so every emit takes one reference from ``True``; on Python
3.11, where ``True`` is not immortal, the process aborts after some
thousands of emits ("bool_dealloc: deallocating True or False"). The camera
preview emits one signal per frame, so it would bring the station down
within minutes. 6.11.3 does not have the bug.

``emit`` gives the reference back when, and only when, a probe at import
shows the bug. TODO: drop this module once pyproject pins a PySide6 without
the bug (or Python >= 3.12, where ``True`` is immortal); it only guards the
signals this package emits, not the rest of the application.
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QObject, Signal, SignalInstance

PROBE_EMITS = 16


class _Probe(QObject):
    ping = Signal()


def _emit_steals_a_reference() -> bool:
    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(PROBE_EMITS):
        probe.ping.emit()
    lost = before - sys.getrefcount(True)
    if lost > PROBE_EMITS // 2:
        for _ in range(lost):  # give back what the probe itself took
            ctypes.pythonapi.Py_IncRef(ctypes.py_object(True))
        return True
    return False


EMIT_STEALS = _emit_steals_a_reference()


def emit(signal: SignalInstance, *args: object) -> None:
    """``signal.emit(*args)``, repairing the returned bool's count if needed."""
    returned: object = signal.emit(*args)  # type: ignore[func-returns-value]
    if EMIT_STEALS:
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(returned))
