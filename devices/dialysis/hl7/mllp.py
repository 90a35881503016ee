"""MLLP framing: ``VT message FS CR``, as HL7 v2 travels over TCP or serial.

A pure framer: bytes in, whole messages out, no I/O and no decoding. It
accepts reads split anywhere and skips whatever lies between frames (line
noise, a half frame left by a cable pull), so one bad read never poisons the
next message. What it skipped is counted, so a driver can report a noisy
line instead of hiding it.

It does not look inside a message: HL7 parsing lives in ``oru``.
"""

from __future__ import annotations

import logging

START_BLOCK = b"\x0b"  # VT
END_BLOCK = b"\x1c"  # FS
CARRIAGE_RETURN = b"\x0d"

# No dialysis report comes near this; a frame this long is a runaway line.
DEFAULT_MAX_MESSAGE_BYTES = 1 << 20

wire_log = logging.getLogger("devices.dialysis.hl7.wire")


def wrap(message: bytes) -> bytes:
    """One MLLP frame around ``message``; ValueError if it holds VT or FS."""
    if START_BLOCK in message or END_BLOCK in message:
        raise ValueError("an MLLP message may not contain VT (0x0B) or FS (0x1C)")
    return START_BLOCK + message + END_BLOCK + CARRIAGE_RETURN


class MllpFramer:
    """Turns a byte stream into MLLP message payloads.

    ``feed`` returns the payloads completed by the bytes given, in order.
    Rules for what is not a clean frame:

    - bytes before a VT are skipped;
    - a VT inside a frame starts the frame again (the earlier part is skipped:
      the sender gave up on it);
    - FS not followed by CR ends nothing: the frame is skipped;
    - a frame longer than ``max_message_bytes`` is skipped.
    """

    def __init__(self, max_message_bytes: int = DEFAULT_MAX_MESSAGE_BYTES) -> None:
        self._max_message_bytes = max_message_bytes
        self._buffer = bytearray()
        self._in_frame = False
        self._saw_end_block = False
        self.skipped_bytes = 0

    def feed(self, data: bytes) -> list[bytes]:
        if data:
            wire_log.debug("mllp in %r", data)
        messages: list[bytes] = []
        position = 0
        while position < len(data):
            if not self._in_frame:
                position = self._skip_to_start(data, position)
            elif self._saw_end_block:
                position = self._close_frame(data, position, messages)
            else:
                position = self._collect(data, position)
        return messages

    def reset(self) -> None:
        """Forget a half-received frame (the connection was lost)."""
        if self._in_frame:
            self.skipped_bytes += len(self._buffer) + 1 + int(self._saw_end_block)
        self._start_outside()

    @property
    def mid_frame(self) -> bool:
        """True while a frame has been started and not yet ended."""
        return self._in_frame

    def _skip_to_start(self, data: bytes, position: int) -> int:
        start = data.find(START_BLOCK, position)
        if start < 0:
            self.skipped_bytes += len(data) - position
            return len(data)
        self.skipped_bytes += start - position
        self._in_frame = True
        return start + 1

    def _collect(self, data: bytes, position: int) -> int:
        """Take message bytes up to the next VT or FS."""
        end = _next_block_character(data, position)
        self._buffer += data[position:end]
        if len(self._buffer) > self._max_message_bytes:
            self.reset()
            return end  # look at the block character again, outside a frame
        if end == len(data):
            return end
        if data[end] == START_BLOCK[0]:
            self.reset()
            self._in_frame = True
        else:
            self._saw_end_block = True
        return end + 1

    def _close_frame(self, data: bytes, position: int, messages: list[bytes]) -> int:
        """After FS: CR ends the frame; anything else abandons it."""
        if data[position] != CARRIAGE_RETURN[0]:
            self.reset()
            return position  # a VT here starts the next frame
        messages.append(bytes(self._buffer))
        self._start_outside()
        return position + 1

    def _start_outside(self) -> None:
        self._buffer.clear()
        self._in_frame = False
        self._saw_end_block = False


def _next_block_character(data: bytes, position: int) -> int:
    """Index of the next VT or FS at or after ``position``, else len(data)."""
    found = [
        index
        for index in (data.find(START_BLOCK, position), data.find(END_BLOCK, position))
        if index >= 0
    ]
    return min(found, default=len(data))
