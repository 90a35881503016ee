"""The ASTM E1381 (CLSI LIS01) data link as a pure state machine. No I/O.

One object per end of a line. It is fed bytes (``receive``), messages to
send (``send``) and the time (``tick``), always with ``now`` in seconds from
a monotonic clock, and answers with a list of outputs: bytes to transmit,
messages received, messages delivered or given up. It never reads a clock,
sleeps or touches a port, so every timer can be tested without waiting.

What it implements:

- establishment: ENQ, answered ACK (go ahead) or NAK (busy: wait 10 s);
  contention (ENQ answered by ENQ): the computer yields and does not bid for
  20 s, the instrument bids again after 1 s. The computer takes the
  instrument's first transfer after a contention; after that, while a
  message of its own waits, it answers the instrument's ENQ with NAK (busy),
  so that an instrument re-bidding right after each EOT cannot keep it off
  the line: its own bid goes out within 20 s of the contention;
- transfer: frames numbered 1..7, 0, 1 ... across one transfer, 240 bytes of
  text each, ETB continuation, ETX closing a message; a NAK, or any byte
  other than ACK or EOT where the reply to a frame belongs, makes the
  sender send the frame again at once; a frame sent and not accepted six
  times (E1381-02 6.5.1.2: the first sending and five retransmissions)
  makes the sender give up with EOT;
- termination: EOT returns the line to neutral; EOT in place of an ACK is a
  receiver interrupt: the message is finished, the line released, and the
  sender waits as for a busy receiver before bidding again;
- timers: 15 s for the reply to ENQ and to each frame, after which the
  sender sends EOT; 30 s without a frame, after which the receiver returns
  to neutral and discards the unfinished message;
- a receiver NAKs a frame with a bad checksum, a wrong frame number, a
  restricted character or a missing terminator; it ACKs and drops a frame
  repeated with the number it last accepted; it ignores bytes outside
  frames;
- resynchronisation: a frame cut short is not waited for. LF inside frame
  text means the terminator was lost: the frame is NAKed at once. STX, EOT
  or ENQ where frame text or the checksum trailer belongs ends the partial
  frame, and the byte is then taken for what it is: STX starts a new
  frame, EOT ends the transfer, ENQ is answered NAK (the frame cannot be
  whole; a sender that really bid anew takes the NAK as busy). A partial
  frame whose bytes stop for ``frame_silence_s`` (1 s; a whole frame takes
  0.26 s at 9600 baud) is NAKed too: a lost LF costs a second, not the
  sender's 15 s timer. This last timer is Careloop's, not the standard's.

What it deliberately does not do: records (``records.py``), meaning
(``profile.py``) or any decision about a message that could not be sent
beyond the ``requeue_failed`` policy given at construction.
"""

from __future__ import annotations

import enum
import logging
from collections import deque
from dataclasses import dataclass

from devices.dialysis.astm.framing import (
    ACK,
    ENQ,
    EOT,
    ETB,
    ETX,
    LF,
    MAX_FRAME,
    NAK,
    STX,
    Frame,
    parse_frame,
    split_message,
)
from devices.errors import ProtocolError

log = logging.getLogger(__name__)


class Role(enum.Enum):
    """Which side of the line: decides who yields on contention."""

    INSTRUMENT = "instrument"  # the dialysis machine
    COMPUTER = "computer"  # the workstation


@dataclass(frozen=True)
class AstmTimers:
    """The protocol's timers and limits; defaults are the standard's."""

    reply_s: float = 15.0  # ENQ reply, and each frame's ACK/NAK
    receive_s: float = 30.0  # receiver: longest wait for the next frame
    busy_s: float = 10.0  # after a NAK to our ENQ
    contention_instrument_s: float = 1.0
    contention_computer_s: float = 20.0
    retry_after_abort_s: float = 1.0  # before re-bidding a requeued message
    rebid_gap_s: float = 0.0  # pause after our own EOT before bidding again
    # E1381-02 6.5.1.2: abort when one frame "was sent and not accepted six
    # times": the first sending and five retransmissions.
    max_sendings: int = 6
    # Careloop's: a partial frame silent this long is NAKed (lost LF).
    frame_silence_s: float = 1.0

    def scaled(self, factor: float) -> AstmTimers:
        """The dialogue's times multiplied by ``factor`` (for tests on a real
        line); ``frame_silence_s`` stays as it is."""
        return AstmTimers(
            reply_s=self.reply_s * factor,
            receive_s=self.receive_s * factor,
            busy_s=self.busy_s * factor,
            contention_instrument_s=self.contention_instrument_s * factor,
            contention_computer_s=self.contention_computer_s * factor,
            retry_after_abort_s=self.retry_after_abort_s * factor,
            rebid_gap_s=self.rebid_gap_s * factor,
            max_sendings=self.max_sendings,
            # A character-level timer, tied to the line, not to the dialogue:
            # shrinking it would cut frames that a busy host delivers late.
            frame_silence_s=self.frame_silence_s,
        )


# -- outputs -------------------------------------------------------------------


@dataclass(frozen=True)
class Transmit:
    data: bytes


@dataclass(frozen=True)
class MessageReceived:
    message: bytes


@dataclass(frozen=True)
class MessageSent:
    ticket: int


@dataclass(frozen=True)
class MessageFailed:
    ticket: int
    reason: str
    # The message's last frame went out at least once: the other side may
    # hold the whole message although no ACK for it came back.
    maybe_delivered: bool = False


@dataclass(frozen=True)
class LinkNotice:
    """Something that speaks against the line's health (NAK, time-out ...)."""

    reason: str


Output = Transmit | MessageReceived | MessageSent | MessageFailed | LinkNotice

# Bytes that end a frame before its terminator: the frame was cut short.
_CUT_SHORT = frozenset({STX, EOT, ENQ})
_STOPS = bytes((ETX, ETB, LF, STX, EOT, ENQ))

# MessageFailed.reason when reset() drops a message because the line is gone.
LINE_LOST = "line lost"


class Phase(enum.Enum):
    NEUTRAL = "neutral"
    AWAIT_ENQ_REPLY = "await ENQ reply"
    AWAIT_FRAME_REPLY = "await frame reply"
    RECEIVING = "receiving"


@dataclass
class _Outgoing:
    ticket: int
    frames: list[bytes]  # text pieces; numbered when sent
    final_frame_sent: bool = False


class AstmLinkLayer:
    """One end of an ASTM E1381 line."""

    def __init__(
        self,
        role: Role,
        timers: AstmTimers | None = None,
        *,
        requeue_failed: bool = False,
        messages_per_transfer: int | None = None,
    ) -> None:
        self.role = role
        self.timers = timers or AstmTimers()
        self._requeue_failed = requeue_failed
        self._messages_per_transfer = messages_per_transfer
        self._queue: deque[_Outgoing] = deque()
        self._next_ticket = 1
        self.phase = Phase.NEUTRAL
        self._deadline: float | None = None
        self._bid_after = float("-inf")
        self._yield_once = False  # after contention: let the instrument send
        # sending
        self._frame_index = 0
        self._frame_number = 1
        self._retransmissions = 0
        self._sent_this_transfer = 0
        self._stop_after_message = False
        # receiving
        self._rx_expected = 1
        self._rx_last: int | None = None
        self._rx_parts: list[bytes] = []
        self._rx_frame: bytearray | None = None
        self._rx_terminator_at: int | None = None
        self._rx_frame_deadline: float | None = None

    # -- public --------------------------------------------------------------

    @property
    def pending(self) -> int:
        """Messages waiting to be sent or being sent."""
        return len(self._queue)

    def send(self, message: bytes, now: float) -> tuple[int, list[Output]]:
        """Queue ``message``; its ticket and what to do now.

        FramingError at once if the message holds a restricted byte.
        """
        frames = [frame.text for frame in split_message(message)]
        ticket = self._next_ticket
        self._next_ticket += 1
        self._queue.append(_Outgoing(ticket, frames))
        out: list[Output] = []
        self._maybe_bid(now, out)
        return ticket, out

    def cancel(self, ticket: int) -> bool:
        """Withdraw a queued message not yet begun; False if it is under way
        (a transfer cannot be recalled half-sent) or already gone."""
        for index, item in enumerate(self._queue):
            if item.ticket != ticket:
                continue
            if index == 0 and self.phase is not Phase.NEUTRAL:
                return False
            del self._queue[index]
            return True
        return False

    def receive(self, data: bytes, now: float) -> list[Output]:
        """Feed bytes from the line; never raises for any input."""
        out: list[Output] = []
        position = 0
        while position < len(data):
            if self._in_frame_text():
                position = self._take_text(data, position, now, out)
            else:
                self._on_byte(data[position], now, out)
                position += 1
        self._rx_frame_deadline = None
        if self.phase is Phase.RECEIVING and self._rx_frame is not None:
            self._rx_frame_deadline = now + self.timers.frame_silence_s
        self._maybe_bid(now, out)
        return out

    def _in_frame_text(self) -> bool:
        return (
            self.phase is Phase.RECEIVING
            and self._rx_frame is not None
            and self._rx_terminator_at is None
        )

    def _take_text(self, data: bytes, start: int, now: float, out: list[Output]) -> int:
        """Copy frame text up to its ETX/ETB in one step; where to go on from.

        Inside a frame every byte is text until ETX or ETB, except the ones
        that show the frame was cut short (``_CUT_SHORT``): LF (the
        terminator was lost) NAKs the frame at once; STX, EOT and ENQ end
        it and are then handled as themselves. Another restricted byte
        makes the frame fail its check and be NAKed at its end. Copying in
        one step rather than byte by byte saves most of the CPU a
        monitoring link costs."""
        frame = self._rx_frame
        assert frame is not None
        end = min(len(data), start + MAX_FRAME - len(frame))
        found = [i for i in (data.find(b, start, end) for b in _STOPS) if i >= 0]
        if found:
            at = min(found)
            frame += data[start:at]
            byte = data[at]
            if byte == LF:
                self._refuse_frame("LF inside frame text (ETX or ETB lost)", now, out)
                return at + 1
            if byte in _CUT_SHORT:
                self._cut_short(byte, now, out)
                return at  # handled again, outside the frame
            frame.append(byte)
            self._rx_terminator_at = len(frame) - 1
            return at + 1
        frame += data[start:end]
        if len(frame) >= MAX_FRAME:
            self._refuse_frame("no ETX or ETB within 247 bytes", now, out)
        return end

    def tick(self, now: float) -> list[Output]:
        """Let timers fire; call at ``next_deadline()`` or later."""
        out: list[Output] = []
        frame_deadline = self._rx_frame_deadline
        if frame_deadline is not None and now >= frame_deadline:
            self._rx_frame_deadline = None
            if self.phase is Phase.RECEIVING and self._rx_frame is not None:
                silence_s = self.timers.frame_silence_s
                self._refuse_frame(f"frame stopped for {silence_s} s", now, out)
        if self._deadline is not None and now >= self._deadline:
            self._deadline = None
            self._on_timeout(now, out)
        self._maybe_bid(now, out)
        return out

    def next_deadline(self) -> float | None:
        """When ``tick`` must next be called, or None if nothing waits."""
        if self._rx_frame_deadline is not None:
            return min(self._rx_frame_deadline, self._deadline or float("inf"))
        if self._deadline is not None:
            return self._deadline
        if self.phase is Phase.NEUTRAL and self._queue:
            return self._bid_after
        return None

    def reset(self) -> list[Output]:
        """The line was lost: back to neutral; unsent messages per policy."""
        out: list[Output] = []
        if self.phase in (Phase.AWAIT_ENQ_REPLY, Phase.AWAIT_FRAME_REPLY):
            self._give_up(LINE_LOST, out, send_eot=False)
        self._to_neutral()
        if not self._requeue_failed:
            while self._queue:
                item = self._queue.popleft()
                out.append(MessageFailed(item.ticket, LINE_LOST))
        self._bid_after = float("-inf")
        return out

    # -- bytes ---------------------------------------------------------------

    def _on_byte(self, byte: int, now: float, out: list[Output]) -> None:
        if self.phase is Phase.NEUTRAL:
            if byte == ENQ:
                self._answer_bid(now, out)
        elif self.phase is Phase.AWAIT_ENQ_REPLY:
            self._on_enq_reply(byte, now, out)
        elif self.phase is Phase.AWAIT_FRAME_REPLY:
            self._on_frame_reply(byte, now, out)
        else:
            self._on_receiving_byte(byte, now, out)

    def _on_enq_reply(self, byte: int, now: float, out: list[Output]) -> None:
        if byte == ACK:
            self._frame_number = 1
            self._sent_this_transfer = 0
            self._stop_after_message = False
            self._start_message(now, out)
        elif byte == NAK:
            out.append(LinkNotice("the other side is busy (NAK to ENQ)"))
            self._to_neutral()
            self._bid_after = now + self.timers.busy_s
        elif byte == ENQ:
            self._to_neutral()
            if self.role is Role.COMPUTER:
                wait_s = self.timers.contention_computer_s
                self._yield_once = True
            else:
                wait_s = self.timers.contention_instrument_s
            self._bid_after = now + wait_s
            out.append(
                LinkNotice(f"line contention: {self.role.value} waits {wait_s} s")
            )

    def _on_frame_reply(self, byte: int, now: float, out: list[Output]) -> None:
        if byte in (ACK, EOT):
            if byte == EOT:  # a receiver interrupt: finish this message, then stop
                self._stop_after_message = True
            self._frame_accepted(now, out)
            return
        # E1381-02 6.5.1.2: a NAK "or any character except an ACK or EOT"
        # is a NAK condition (a garbled ACK among them): resend at once.
        # If the receiver had in fact accepted the frame, it ACKs the
        # repeat and drops it.
        what = "NAKed" if byte == NAK else f"answered 0x{byte:02X} (taken as NAK)"
        self._retransmissions += 1
        sendings = self._retransmissions
        if sendings >= self.timers.max_sendings:
            self._give_up(f"frame refused {sendings} times", out, send_eot=True)
            self._bid_after = now + self.timers.retry_after_abort_s
            return
        out.append(LinkNotice(f"frame {what}, retransmission {sendings}"))
        self._send_frame(now, out)

    def _frame_accepted(self, now: float, out: list[Output]) -> None:
        self._retransmissions = 0
        self._frame_number = (self._frame_number + 1) % 8
        current = self._queue[0]
        self._frame_index += 1
        if self._frame_index < len(current.frames):
            self._send_frame(now, out)
            return
        self._queue.popleft()
        out.append(MessageSent(current.ticket))
        self._sent_this_transfer += 1
        limit = self._messages_per_transfer
        at_limit = limit is not None and self._sent_this_transfer >= limit
        if self._queue and not self._stop_after_message and not at_limit:
            self._start_message(now, out)
            return
        out.append(Transmit(bytes((EOT,))))
        self._to_neutral()
        if self._stop_after_message:  # the receiver asked us to stop: as busy
            self._bid_after = now + self.timers.busy_s
        else:
            self._bid_after = now + self.timers.rebid_gap_s

    def _start_message(self, now: float, out: list[Output]) -> None:
        self._frame_index = 0
        self._retransmissions = 0
        self.phase = Phase.AWAIT_FRAME_REPLY
        self._send_frame(now, out)

    def _send_frame(self, now: float, out: list[Output]) -> None:
        current = self._queue[0]
        final = self._frame_index == len(current.frames) - 1
        frame = Frame(self._frame_number, current.frames[self._frame_index], final)
        current.final_frame_sent = current.final_frame_sent or final
        out.append(Transmit(frame.encode()))
        self._deadline = now + self.timers.reply_s

    def _give_up(self, reason: str, out: list[Output], *, send_eot: bool) -> None:
        """Abort the transfer under way; the message is failed or requeued."""
        if send_eot:
            out.append(Transmit(bytes((EOT,))))
        out.append(LinkNotice(f"transfer aborted: {reason}"))
        if self._queue and self.phase is not Phase.NEUTRAL:
            if self._requeue_failed:
                log.info("message kept for a later transfer: %s", reason)
            else:
                item = self._queue.popleft()
                out.append(MessageFailed(item.ticket, reason, item.final_frame_sent))
        self._to_neutral()

    # -- receiving -------------------------------------------------------------

    def _answer_bid(self, now: float, out: list[Output]) -> None:
        """The other side's ENQ on a neutral line: ACK, or NAK if busy.

        The computer is busy while a message of its own waits, except for
        the first bid after a contention (the standard makes it yield):
        an instrument that bids again right after each of its EOTs would
        otherwise meet the computer's ENQ every time."""
        if self.role is Role.COMPUTER and self._queue and not self._yield_once:
            log.debug("ENQ answered NAK: a message of ours waits to go")
            out.append(Transmit(bytes((NAK,))))
            return
        self._yield_once = False
        self._accept_transfer(now, out)

    def _accept_transfer(self, now: float, out: list[Output]) -> None:
        out.append(Transmit(bytes((ACK,))))
        self.phase = Phase.RECEIVING
        self._rx_expected = 1
        self._rx_last = None
        self._rx_parts = []
        self._rx_frame = None
        self._rx_terminator_at = None
        self._deadline = now + self.timers.receive_s

    def _on_receiving_byte(self, byte: int, now: float, out: list[Output]) -> None:
        frame = self._rx_frame
        if frame is None:
            if byte == STX:
                self._rx_frame = bytearray((STX,))
                self._rx_terminator_at = None
            elif byte == EOT:
                self._end_transfer(out)
            # Anything else outside a frame is ignored, ENQ included: an ACK
            # to a stray ENQ would be taken by the sender for a frame's ACK.
            return

        # Frame text went through _take_text; these are C1 C2 CR LF.
        assert self._rx_terminator_at is not None
        if byte in _CUT_SHORT:
            self._cut_short(byte, now, out)
            self._on_receiving_byte(byte, now, out)
            return
        frame.append(byte)
        # A LF before its place means C1, C2 or CR was lost: check (and
        # NAK) now rather than wait for bytes that will not come.
        if len(frame) == self._rx_terminator_at + 5 or byte == LF:
            self._check_frame(bytes(frame), now, out)

    def _check_frame(self, raw: bytes, now: float, out: list[Output]) -> None:
        self._rx_frame = None
        try:
            frame = parse_frame(raw)
        except ProtocolError as exc:
            self._refuse_frame(str(exc), now, out)
            return
        self._deadline = now + self.timers.receive_s
        if frame.number == self._rx_expected:
            out.append(Transmit(bytes((ACK,))))
            self._rx_last = frame.number
            self._rx_expected = (frame.number + 1) % 8
            self._rx_parts.append(frame.text)
            if frame.final:
                out.append(MessageReceived(b"".join(self._rx_parts)))
                self._rx_parts = []
        elif frame.number == self._rx_last:
            out.append(Transmit(bytes((ACK,))))  # a repeat of what we have
        else:
            self._refuse_frame(
                f"frame number {frame.number}, expected {self._rx_expected}", now, out
            )

    def _cut_short(self, byte: int, now: float, out: list[Output]) -> None:
        """A control byte where frame text or its trailer belongs: the
        partial frame is dropped. ENQ is answered NAK here (the frame is
        lost either way); STX and EOT are then handled as themselves."""
        name = {STX: "STX", EOT: "EOT", ENQ: "ENQ"}[byte]
        if byte == ENQ:
            self._refuse_frame(f"{name} inside a frame", now, out)
            return
        self._rx_frame = None
        self._rx_terminator_at = None
        out.append(LinkNotice(f"frame cut short by {name}"))

    def _refuse_frame(self, reason: str, now: float, out: list[Output]) -> None:
        self._rx_frame = None
        self._rx_terminator_at = None
        self._deadline = now + self.timers.receive_s
        out.append(Transmit(bytes((NAK,))))
        out.append(LinkNotice(f"frame refused: {reason}"))

    def _end_transfer(self, out: list[Output]) -> None:
        self._drop_partial(out, "the transfer ended inside a message")
        self._to_neutral()

    def _drop_partial(self, out: list[Output], reason: str) -> None:
        if self._rx_parts:
            out.append(LinkNotice(f"unfinished message discarded: {reason}"))
        self._rx_parts = []

    # -- time --------------------------------------------------------------------

    def _on_timeout(self, now: float, out: list[Output]) -> None:
        if self.phase is Phase.AWAIT_ENQ_REPLY:
            self._give_up(
                f"no reply to ENQ within {self.timers.reply_s} s", out, send_eot=True
            )
            self._bid_after = now + self.timers.retry_after_abort_s
        elif self.phase is Phase.AWAIT_FRAME_REPLY:
            self._give_up(
                f"no reply to a frame within {self.timers.reply_s} s",
                out,
                send_eot=True,
            )
            self._bid_after = now + self.timers.retry_after_abort_s
        elif self.phase is Phase.RECEIVING:
            self._rx_frame = None
            self._drop_partial(out, f"no frame for {self.timers.receive_s} s")
            out.append(LinkNotice(f"receiver gave up after {self.timers.receive_s} s"))
            self._to_neutral()

    def _to_neutral(self) -> None:
        self.phase = Phase.NEUTRAL
        self._deadline = None
        self._rx_frame_deadline = None

    def _maybe_bid(self, now: float, out: list[Output]) -> None:
        if self.phase is Phase.NEUTRAL and self._queue and now >= self._bid_after:
            out.append(Transmit(bytes((ENQ,))))
            self.phase = Phase.AWAIT_ENQ_REPLY
            self._deadline = now + self.timers.reply_s
