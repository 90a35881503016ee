"""Two ASTM link layers joined by a simulated wire on a simulated clock.

No threads, no ports, no waiting: bytes in flight are delivered one
transmission at a time, and when nothing is in flight the clock jumps to
the next deadline. A test can split, corrupt or lose transmissions.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

from devices.dialysis.astm.lowlevel import (
    AstmLinkLayer,
    AstmTimers,
    LinkNotice,
    MessageFailed,
    MessageReceived,
    MessageSent,
    Output,
    Role,
    Transmit,
)


@dataclass
class Side:
    layer: AstmLinkLayer
    received: list[bytes] = field(default_factory=list)
    sent: list[int] = field(default_factory=list)
    failed: list[tuple[int, str]] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    transmitted: list[tuple[float, bytes]] = field(default_factory=list)
    received_at: list[float] = field(default_factory=list)


# (sender's role, bytes) -> list of byte chunks to deliver (may be empty)
Meddler = Callable[[Role, bytes], list[bytes]]


class Wire:
    def __init__(
        self,
        timers: AstmTimers | None = None,
        *,
        requeue_failed: bool = False,
        meddler: Meddler | None = None,
    ) -> None:
        self.now = 0.0
        self.computer = Side(
            AstmLinkLayer(Role.COMPUTER, timers, requeue_failed=requeue_failed)
        )
        self.instrument = Side(
            AstmLinkLayer(Role.INSTRUMENT, timers, requeue_failed=requeue_failed)
        )
        self.meddler = meddler
        self.in_flight: deque[tuple[Side, bytes]] = deque()

    def other(self, side: Side) -> Side:
        return self.instrument if side is self.computer else self.computer

    def send(self, side: Side, message: bytes) -> int:
        ticket, outputs = side.layer.send(message, self.now)
        self.process(side, outputs)
        return ticket

    def inject(self, to: Side, data: bytes) -> None:
        """Bytes arriving at ``to`` from nowhere (noise, a test's hand)."""
        self.process(to, to.layer.receive(data, self.now))

    def process(self, side: Side, outputs: list[Output]) -> None:
        for output in outputs:
            if isinstance(output, Transmit):
                side.transmitted.append((self.now, output.data))
                chunks = [output.data]
                if self.meddler is not None:
                    chunks = self.meddler(side.layer.role, output.data)
                for chunk in chunks:
                    self.in_flight.append((self.other(side), chunk))
            elif isinstance(output, MessageReceived):
                side.received.append(output.message)
                side.received_at.append(self.now)
            elif isinstance(output, MessageSent):
                side.sent.append(output.ticket)
            elif isinstance(output, MessageFailed):
                side.failed.append((output.ticket, output.reason))
            elif isinstance(output, LinkNotice):
                side.notices.append(output.reason)

    def run(self, until_s: float = 1000.0, max_steps: int = 100_000) -> None:
        """Deliver and let time pass until nothing is left to do."""
        for _ in range(max_steps):
            if self.in_flight:
                to, data = self.in_flight.popleft()
                self.process(to, to.layer.receive(data, self.now))
                continue
            deadlines = [
                d
                for d in (
                    self.computer.layer.next_deadline(),
                    self.instrument.layer.next_deadline(),
                )
                if d is not None
            ]
            if not deadlines:
                return
            self.now = max(self.now, min(deadlines))
            if self.now > until_s:
                return
            for side in (self.computer, self.instrument):
                self.process(side, side.layer.tick(self.now))
        raise AssertionError("the wire did not settle")
