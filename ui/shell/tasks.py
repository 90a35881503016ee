"""Running coroutines from Qt slots without losing their exceptions.

``spawn`` starts a coroutine (or awaits a future) on the running asyncio
loop (qasync's, in the app) and calls back on the GUI thread: ``on_done``
with the result, ``on_error`` with the exception, which by default goes to
the one error handler that logs it and tells the person.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # asyncio itself is imported after the first paint
    import asyncio

_running: set[asyncio.Future[Any]] = set()


def spawn(
    work: Awaitable[Any],
    *,
    on_done: Callable[[Any], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
) -> asyncio.Future[Any]:
    import asyncio

    future = asyncio.ensure_future(work)
    _running.add(future)

    def finished(done: asyncio.Future[Any]) -> None:
        _running.discard(done)
        if done.cancelled():
            return
        error = done.exception()
        if error is not None:
            from ui.shell.errors import show_error  # after the first paint

            (on_error or show_error)(error)
        elif on_done is not None:
            on_done(done.result())

    future.add_done_callback(finished)
    return future
