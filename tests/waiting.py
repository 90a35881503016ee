"""Waiting on a condition outside any event loop, with a time-out.

For conditions no signal announces (a file another process writes, a port
that appears): the condition is checked every ``poll_s`` until it holds or
the time-out passes, and the failure message says what never happened.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable


def wait_until(
    condition: Callable[[], bool], timeout_s: float, what: str, poll_s: float = 0.02
) -> None:
    deadline = time.monotonic() + timeout_s
    pause = threading.Event()
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"waited {timeout_s} s for {what}")
        pause.wait(poll_s)
