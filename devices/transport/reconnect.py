"""A link that re-opens itself after a cable pull or a re-enumerating adapter.

Wraps any Link made by a factory. When the inner link is lost it waits with
exponential back-off (0.5 s, 1 s, 2 s ... up to 30 s by default) and opens a
new inner link, as many times as it takes, until ``close()``. Each change of
state is reported to an optional ``on_state(state, reason)`` callback so the
driver above can show it.

Calls to the protocol:

- ``connection_made(self)`` after every successful open or re-open;
- ``connection_lost(exc)`` with the error each time the inner link is lost
  (reconnection goes on), and ``connection_lost(None)`` once on ``close()``.

It does not buffer writes while disconnected: ``write`` raises LinkClosed,
because only the protocol above knows whether a message may be resent.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable

from devices.errors import LinkClosed, PortUnavailable
from devices.transport._link import Link, LinkProtocol, TransportState

log = logging.getLogger(__name__)

FIRST_RETRY_S = 0.5
MAX_RETRY_S = 30.0

StateCallback = Callable[[TransportState, str], None]


class ReconnectingLink:
    """A Link that keeps its inner link open, re-opening it with back-off."""

    def __init__(
        self,
        factory: Callable[[], Link],
        *,
        name: str = "",
        first_retry_s: float = FIRST_RETRY_S,
        max_retry_s: float = MAX_RETRY_S,
        on_state: StateCallback | None = None,
    ) -> None:
        if first_retry_s <= 0 or max_retry_s < first_retry_s:
            raise ValueError(
                f"back-off must satisfy 0 < first ({first_retry_s}) <= max "
                f"({max_retry_s})"
            )
        self._factory = factory
        self._name = name
        self._first_retry_s = first_retry_s
        self._max_retry_s = max_retry_s
        self._on_state = on_state
        self._state = TransportState.CLOSED
        self._inner: Link | None = None
        self._protocol: LinkProtocol | None = None
        self._retry_task: asyncio.Task[None] | None = None
        self._closing = False
        self.reconnects = 0  # successful re-opens since open()

    @property
    def name(self) -> str:
        if self._name:
            return self._name
        return self._inner.name if self._inner is not None else "link"

    @property
    def state(self) -> TransportState:
        return self._state

    def retry_delay_s(self, attempt: int) -> float:
        """The wait before re-open attempt ``attempt`` (0 for the first)."""
        return float(min(self._max_retry_s, self._first_retry_s * 2**attempt))

    async def open(self, protocol: LinkProtocol) -> None:
        """Open now if possible; otherwise keep trying in the background.

        Never raises PortUnavailable: an absent adapter is a state
        (RECONNECTING), reported through ``on_state``.
        """
        if self._state not in (TransportState.CLOSED, TransportState.LOST):
            raise RuntimeError(f"{self.name}: link is already {self._state.value}")
        self._protocol = protocol
        self._closing = False
        self._set_state(TransportState.OPENING, "opening")
        try:
            await self._open_inner()
        except PortUnavailable as exc:
            self._start_retrying(str(exc))

    async def write(self, data: bytes) -> None:
        inner = self._inner
        if self._state is not TransportState.OPEN or inner is None:
            raise LinkClosed(f"{self.name}: the link is {self._state.value}")
        await inner.write(data)

    async def close(self) -> None:
        self._closing = True
        task, self._retry_task = self._retry_task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        inner, self._inner = self._inner, None
        if inner is not None:
            await inner.close()
        was_closed = self._state is TransportState.CLOSED
        self._set_state(TransportState.CLOSED, "closed")
        protocol, self._protocol = self._protocol, None
        if protocol is not None and not was_closed:
            protocol.connection_lost(None)

    # -- the inner link calls these -------------------------------------------

    def connection_made(self, link: Link) -> None:
        pass  # reported from _open_inner once the open has returned

    def data_received(self, data: bytes) -> None:
        if self._protocol is not None:
            self._protocol.data_received(data)

    def connection_lost(self, exc: Exception | None) -> None:
        if self._closing or exc is None:
            return
        self._inner = None
        if self._protocol is not None:
            self._protocol.connection_lost(exc)
        self._start_retrying(f"lost: {exc}")

    # -- re-opening ------------------------------------------------------------

    async def _open_inner(self) -> None:
        inner = self._factory()
        await inner.open(self)
        if self._closing:
            await inner.close()
            return
        self._inner = inner
        self._set_state(TransportState.OPEN, f"{inner.name} open")
        if self._protocol is not None:
            self._protocol.connection_made(self)

    def _start_retrying(self, reason: str) -> None:
        self._set_state(TransportState.RECONNECTING, reason)
        if self._retry_task is None or self._retry_task.done():
            self._retry_task = asyncio.get_running_loop().create_task(
                self._retry_forever(), name=f"{self.name}-reconnect"
            )

    async def _retry_forever(self) -> None:
        attempt = 0
        while not self._closing:
            await asyncio.sleep(self.retry_delay_s(attempt))
            attempt += 1
            try:
                await self._open_inner()
            except PortUnavailable as exc:
                log.info("%s: re-open attempt %d failed: %s", self.name, attempt, exc)
                continue
            self.reconnects += 1
            return

    def _set_state(self, state: TransportState, reason: str) -> None:
        if state is self._state:
            return
        self._state = state
        log.info("%s: %s (%s)", self.name, state.value, reason)
        if self._on_state is not None:
            self._on_state(state, reason)
