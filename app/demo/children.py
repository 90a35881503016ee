"""Processes the demo starts die with it, however careloop ends.

A clean window close stops the FHIR server and the simulators. A SIGKILL, a
crash or a closed terminal gives careloop no chance to, and the children
would keep ports and pseudo-terminals busy. On Linux the kernel can send a
child a signal when its parent dies (``prctl(PR_SET_PDEATHSIG)``), set in the
child between fork and exec; that is what ``die_with_parent`` returns.

Two limits: the signal follows the *thread* that started the child, so start
tethered children from a thread that lives as long as the process (the
demo's main thread); and elsewhere than Linux nothing is set.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
from collections.abc import Callable
from typing import Any

_PR_SET_PDEATHSIG = 1


def _find_prctl() -> Any:
    if not sys.platform.startswith("linux"):
        return None
    try:
        # Looked up here, in the parent: the child must not load libraries
        # between fork and exec.
        return ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None


_prctl = _find_prctl()


def die_with_parent() -> Callable[[], None] | None:
    """A ``preexec_fn`` that makes the child get SIGTERM when we die, or None."""
    if _prctl is None:
        return None
    parent = os.getpid()

    def tether() -> None:
        _prctl(_PR_SET_PDEATHSIG, int(signal.SIGTERM), 0, 0, 0)
        if os.getppid() != parent:  # we died before the line above took effect
            os._exit(1)

    return tether
