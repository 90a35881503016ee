"""An in-memory link with a scripted ASTM machine behind it, for driver
unit tests that need no pseudo-terminal."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC, datetime

from devices.dialysis.astm.framing import split_message
from devices.dialysis.astm.lowlevel import (
    AstmLinkLayer,
    MessageReceived,
    Output,
    Role,
    Transmit,
)
from devices.dialysis.astm.profile import Request, build_reply, parse_request
from devices.dialysis.model import MachineIdentity
from devices.transport import LinkProtocol, TransportState

AT = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)
IDENTITY = MachineIdentity("Acme", "HD-9", "SN-7", "1.0")

# request -> reply message bytes, or None to stay silent
Script = Callable[[Request], bytes | None]


def answer_plainly(request: Request) -> bytes:
    return build_reply(request.control_id, IDENTITY, AT)


def transfer(message: bytes) -> bytes:
    """What an instrument sends for one message when every frame is ACKed."""
    frames = b"".join(f.encode() for f in split_message(message))
    return b"\x05" + frames + b"\x04"


class MemoryLink:
    """A Link whose far end is an ASTM instrument layer run by a script."""

    def __init__(self, script: Script = answer_plainly) -> None:
        self.name = "memory"
        self.script = script
        self.written = bytearray()
        self.requests: list[Request] = []
        self.protocol: LinkProtocol | None = None
        self._state = TransportState.CLOSED
        self.machine = AstmLinkLayer(Role.INSTRUMENT)

    @property
    def state(self) -> TransportState:
        return self._state

    async def open(self, protocol: LinkProtocol) -> None:
        self.protocol = protocol
        self._state = TransportState.OPEN
        protocol.connection_made(self)

    async def write(self, data: bytes) -> None:
        self.written += data
        self._apply(self.machine.receive(data, asyncio.get_running_loop().time()))

    async def close(self) -> None:
        self._state = TransportState.CLOSED
        if self.protocol is not None:
            self.protocol.connection_lost(None)

    def deliver(self, data: bytes) -> None:
        """Bytes from the machine side, straight to the driver."""
        assert self.protocol is not None
        asyncio.get_running_loop().call_soon(self.protocol.data_received, data)

    def _apply(self, outputs: list[Output]) -> None:
        for output in outputs:
            if isinstance(output, Transmit):
                self.deliver(output.data)
            elif isinstance(output, MessageReceived):
                request = parse_request(output.message)
                self.requests.append(request)
                reply = self.script(request)
                if reply is not None:
                    now = asyncio.get_running_loop().time()
                    _, more = self.machine.send(reply, now)
                    self._apply(more)
