"""The E1381 dialogue between two link layers on a simulated clock."""

from __future__ import annotations

from devices.dialysis.astm.framing import ACK, ENQ, EOT, ETX, NAK, STX, build_frame
from devices.dialysis.astm.lowlevel import (
    AstmLinkLayer,
    AstmTimers,
    MessageFailed,
    MessageReceived,
    Phase,
    Role,
    Transmit,
)
from tests.devices.astm.wire import Wire

MESSAGE = b"H|\\^&\rP|1\rL|1|N\r"


def _bytes(outputs: list[object]) -> bytes:
    return b"".join(o.data for o in outputs if isinstance(o, Transmit))


def test_one_message_goes_enq_frame_eot() -> None:
    wire = Wire()
    ticket = wire.send(wire.instrument, MESSAGE)
    wire.run()
    assert wire.computer.received == [MESSAGE]
    assert wire.instrument.sent == [ticket]
    sent = [data for _, data in wire.instrument.transmitted]
    assert sent == [bytes([ENQ]), build_frame(1, MESSAGE, final=True), bytes([EOT])]
    answered = [data for _, data in wire.computer.transmitted]
    assert answered == [bytes([ACK]), bytes([ACK])]
    assert wire.computer.layer.phase is Phase.NEUTRAL


def test_long_message_crosses_frame_number_wrap_and_arrives_whole() -> None:
    message = b"".join(b"R|%d|%s\r" % (n, b"v" * 60) for n in range(40))  # ~2.7 kB
    wire = Wire()
    wire.send(wire.computer, message)
    wire.send(wire.computer, MESSAGE)  # same transfer, numbers run on
    wire.run()
    assert wire.instrument.received == [message, MESSAGE]
    numbers = [d[1] - 0x30 for _, d in wire.computer.transmitted if d[0] == STX]
    assert numbers[:10] == [1, 2, 3, 4, 5, 6, 7, 0, 1, 2]
    assert numbers == [(n + 1) % 8 for n in range(len(numbers))]


def test_bytes_outside_frames_are_ignored() -> None:
    layer = AstmLinkLayer(Role.COMPUTER)
    assert layer.receive(b"noise\r\n\x06\x15\x04", 0.0) == []  # neutral: nothing
    out = layer.receive(b"\x05", 0.0)
    assert _bytes(out) == bytes([ACK])
    frame = build_frame(1, MESSAGE, final=True)
    out = layer.receive(b"garbage\x06\x15between" + frame + b"\xff\xfe", 1.0)
    assert [o for o in out if isinstance(o, MessageReceived)] == [
        MessageReceived(MESSAGE)
    ]
    assert _bytes(out) == bytes([ACK])


def test_bad_checksum_is_naked_then_the_retransmission_accepted() -> None:
    spoiled = {"done": False}

    def spoil_first_frame(role: Role, data: bytes) -> list[bytes]:
        if data[0] == STX and not spoiled["done"]:
            spoiled["done"] = True
            return [data[:3] + b"#" + data[4:]]
        return [data]

    wire = Wire(meddler=spoil_first_frame)
    wire.send(wire.instrument, MESSAGE)
    wire.run()
    assert wire.computer.received == [MESSAGE]
    assert [d for _, d in wire.computer.transmitted] == [b"\x06", b"\x15", b"\x06"]
    assert any("checksum" in n for n in wire.computer.notices)
    assert any("retransmission 1" in n for n in wire.instrument.notices)


def test_a_frame_sent_and_refused_six_times_aborts_the_transfer() -> None:
    # E1381-02 6.5.1.2: abort once a frame "was sent and not accepted six
    # times": the first sending and five retransmissions, not seven sendings.
    def spoil_every_frame(role: Role, data: bytes) -> list[bytes]:
        return [data[:-4] + b"ZZ\r\n"] if data[0] == STX else [data]

    wire = Wire(meddler=spoil_every_frame)
    ticket = wire.send(wire.computer, MESSAGE)
    wire.run()
    frames = [d for _, d in wire.computer.transmitted if d[0] == STX]
    assert len(frames) == 6
    assert wire.computer.transmitted[-1][1] == bytes([EOT])
    assert wire.computer.failed == [(ticket, "frame refused 6 times")]
    assert wire.instrument.received == []


def test_a_failed_message_whose_last_frame_went_out_may_have_arrived() -> None:
    layer = AstmLinkLayer(Role.COMPUTER)
    ticket, _ = layer.send(MESSAGE, 0.0)
    layer.receive(bytes([ACK]), 0.1)  # the one frame (ETX) is out
    failed = [o for o in layer.tick(15.1) if isinstance(o, MessageFailed)]
    assert failed == [MessageFailed(ticket, failed[0].reason, maybe_delivered=True)]
    # Given up at the ENQ: nothing of the message left.
    other, _ = layer.send(MESSAGE, 20.0)
    failed = [o for o in layer.tick(35.0) if isinstance(o, MessageFailed)]
    assert [(f.ticket, f.maybe_delivered) for f in failed] == [(other, False)]


def test_a_garbled_reply_to_a_frame_is_a_nak_and_the_frame_goes_again_at_once() -> None:
    layer = AstmLinkLayer(Role.INSTRUMENT)
    layer.send(MESSAGE, 0.0)
    first = _bytes(layer.receive(bytes([ACK]), 0.1))
    assert first == build_frame(1, MESSAGE, final=True)
    out = layer.receive(b"\x7f", 0.2)  # noise where the ACK belongs
    assert _bytes(out) == first  # at once, not after the 15 s timer
    assert any("taken as NAK" in getattr(o, "reason", "") for o in out)


def test_a_garbled_final_ack_costs_a_repeat_not_the_message() -> None:
    acks_seen = {"n": 0}

    def garble_second_ack(role: Role, data: bytes) -> list[bytes]:
        if role is Role.INSTRUMENT and data == bytes([ACK]):
            acks_seen["n"] += 1
            if acks_seen["n"] == 2:  # the ACK to the (only, final) frame
                return [b"\xfe"]
        return [data]

    wire = Wire(meddler=garble_second_ack)
    ticket = wire.send(wire.computer, MESSAGE)
    wire.run()
    assert wire.instrument.received == [MESSAGE]  # the repeat was dropped
    assert wire.computer.sent == [ticket] and wire.computer.failed == []
    frames = [(t, d) for t, d in wire.computer.transmitted if d[0] == STX]
    assert len(frames) == 2 and frames[1][0] < 1.0  # resent at once


def test_no_reply_to_enq_gives_up_after_exactly_15_s() -> None:
    layer = AstmLinkLayer(Role.COMPUTER)
    ticket, out = layer.send(MESSAGE, 100.0)
    assert _bytes(out) == bytes([ENQ])
    assert layer.next_deadline() == 115.0
    assert layer.tick(114.999) == []
    out = layer.tick(115.0)
    assert _bytes(out) == bytes([EOT])
    assert any(getattr(o, "ticket", None) == ticket for o in out)
    assert layer.phase is Phase.NEUTRAL and layer.pending == 0


def test_no_reply_to_a_frame_gives_up_after_15_s() -> None:
    layer = AstmLinkLayer(Role.INSTRUMENT, requeue_failed=True)
    layer.send(MESSAGE, 0.0)
    out = layer.receive(bytes([ACK]), 2.0)
    assert _bytes(out)[0] == STX
    assert layer.tick(16.9) == []
    assert _bytes(layer.tick(17.0)) == bytes([EOT])
    assert layer.pending == 1  # kept, and bid for again after the pause
    assert _bytes(layer.tick(18.0)) == bytes([ENQ])


def test_receiver_gives_up_after_30_s_without_a_frame_and_drops_the_part() -> None:
    layer = AstmLinkLayer(Role.COMPUTER)
    layer.receive(bytes([ENQ]), 0.0)
    first = build_frame(1, b"H|\\^&\rP|1\r", final=False)
    out = layer.receive(first, 5.0)
    assert _bytes(out) == bytes([ACK])
    assert layer.next_deadline() == 35.0
    assert layer.tick(34.9) == []
    out = layer.tick(35.0)
    assert layer.phase is Phase.NEUTRAL
    assert not any(isinstance(o, MessageReceived) for o in out)
    # A new transfer starts clean: the half message never surfaces.
    layer.receive(bytes([ENQ]), 40.0)
    out = layer.receive(build_frame(1, MESSAGE, final=True), 41.0)
    assert [o for o in out if isinstance(o, MessageReceived)] == [
        MessageReceived(MESSAGE)
    ]


def test_eot_inside_a_message_discards_the_part() -> None:
    layer = AstmLinkLayer(Role.COMPUTER)
    layer.receive(bytes([ENQ]), 0.0)
    layer.receive(build_frame(1, b"H|\\^&\r", final=False), 0.1)
    out = layer.receive(bytes([EOT]), 0.2)
    assert not any(isinstance(o, MessageReceived) for o in out)
    assert layer.phase is Phase.NEUTRAL


def test_wrong_frame_number_is_naked_and_a_repeat_is_acked_once() -> None:
    layer = AstmLinkLayer(Role.COMPUTER)
    layer.receive(bytes([ENQ]), 0.0)
    assert _bytes(layer.receive(build_frame(2, MESSAGE, final=True), 0.1)) == bytes(
        [NAK]
    )
    first = build_frame(1, b"H|\\^&\r", final=False)
    assert _bytes(layer.receive(first, 0.2)) == bytes([ACK])
    out = layer.receive(first, 0.3)  # our ACK was taken for a NAK: a repeat
    assert _bytes(out) == bytes([ACK])
    out = layer.receive(build_frame(2, b"L|1|N\r", final=True), 0.4)
    assert [o for o in out if isinstance(o, MessageReceived)] == [
        MessageReceived(b"H|\\^&\rL|1|N\r")
    ]


def test_contention_computer_yields_20_s_instrument_retries_after_1_s() -> None:
    wire = Wire()
    computer_msg = b"H|\\^&|7\rQ|1\rL|1|N\r"
    instrument_msg = b"H|\\^&\rP|1\rL|1|N\r"
    # Both bid at t=0 before either hears the other.
    _, c_out = wire.computer.layer.send(computer_msg, 0.0)
    _, i_out = wire.instrument.layer.send(instrument_msg, 0.0)
    assert _bytes(c_out) == _bytes(i_out) == bytes([ENQ])
    wire.process(wire.computer, wire.computer.layer.receive(bytes([ENQ]), 0.0))
    wire.process(wire.instrument, wire.instrument.layer.receive(bytes([ENQ]), 0.0))
    assert wire.computer.layer.phase is Phase.NEUTRAL
    assert wire.computer.layer.next_deadline() == 20.0
    assert wire.instrument.layer.next_deadline() == 1.0
    wire.run()
    assert wire.computer.received == [instrument_msg]
    assert wire.instrument.received == [computer_msg]
    assert wire.computer.received_at[0] >= 1.0  # the instrument waited 1 s
    assert wire.instrument.received_at[0] >= 20.0  # the computer waited 20 s
    # (the crossing ENQs at t=0 went around the wire; the next is at 20 s)
    enq_times = [t for t, d in wire.computer.transmitted if d == bytes([ENQ])]
    assert enq_times == [20.0]


def test_nak_to_enq_means_busy_wait_10_s() -> None:
    layer = AstmLinkLayer(Role.COMPUTER)
    layer.send(MESSAGE, 0.0)
    assert layer.receive(bytes([NAK]), 0.5) != []
    assert layer.next_deadline() == 10.5
    assert layer.tick(10.4) == []
    assert _bytes(layer.tick(10.5)) == bytes([ENQ])


def test_eot_for_ack_is_a_receiver_interrupt() -> None:
    layer = AstmLinkLayer(Role.INSTRUMENT)
    layer.send(MESSAGE, 0.0)
    layer.send(MESSAGE, 0.0)
    layer.receive(bytes([ACK]), 0.1)
    out = layer.receive(bytes([EOT]), 0.2)  # accepted, but please stop
    assert _bytes(out) == bytes([EOT])
    assert layer.pending == 1
    assert layer.next_deadline() == 10.2  # waits as for a busy receiver


def test_cancel_withdraws_a_queued_message_but_not_one_under_way() -> None:
    layer = AstmLinkLayer(Role.COMPUTER)
    first, _ = layer.send(MESSAGE, 0.0)
    second, _ = layer.send(MESSAGE, 0.0)
    assert layer.cancel(second)
    assert not layer.cancel(first)  # its ENQ is out
    assert not layer.cancel(999)


def test_standard_timers_are_the_defaults() -> None:
    timers = AstmTimers()
    assert (timers.reply_s, timers.receive_s) == (15.0, 30.0)
    assert (timers.contention_instrument_s, timers.contention_computer_s) == (1.0, 20.0)
    assert timers.max_sendings == 6
    assert timers.scaled(0.1).reply_s == 1.5
    assert timers.scaled(0.1).frame_silence_s == 1.0  # tied to the line


def test_reset_fails_computer_messages_and_keeps_instrument_ones() -> None:
    computer = AstmLinkLayer(Role.COMPUTER)
    computer.send(MESSAGE, 0.0)
    assert computer.reset() and computer.pending == 0
    instrument = AstmLinkLayer(Role.INSTRUMENT, requeue_failed=True)
    instrument.send(MESSAGE, 0.0)
    instrument.reset()
    assert instrument.pending == 1 and instrument.phase is Phase.NEUTRAL


# -- resynchronisation: a frame cut short is not waited for -----------------


def _receiving() -> AstmLinkLayer:
    layer = AstmLinkLayer(Role.COMPUTER)
    assert _bytes(layer.receive(bytes([ENQ]), 0.0)) == bytes([ACK])
    return layer


def test_a_lost_etx_is_naked_at_the_lf_not_after_30_s() -> None:
    layer = _receiving()
    frame = build_frame(1, MESSAGE, final=True)
    without_etx = frame.replace(bytes([ETX]), b"")
    out = layer.receive(without_etx, 1.0)
    assert _bytes(out) == bytes([NAK])
    out = layer.receive(frame, 1.1)  # the sender resends at once
    assert [o for o in out if isinstance(o, MessageReceived)] == [
        MessageReceived(MESSAGE)
    ]


def test_a_lost_checksum_byte_is_naked_at_the_lf() -> None:
    layer = _receiving()
    frame = build_frame(1, MESSAGE, final=True)
    out = layer.receive(frame[:-4] + frame[-3:], 1.0)  # C1 lost
    assert _bytes(out) == bytes([NAK])


def test_eot_after_a_lost_lf_ends_the_transfer_at_once() -> None:
    layer = _receiving()
    frame = build_frame(1, MESSAGE, final=True)
    assert layer.receive(frame[:-1], 1.0) == []  # LF lost: the trailer waits
    out = layer.receive(bytes([EOT]), 16.0)  # the sender gave up after 15 s
    assert not any(isinstance(o, MessageReceived) for o in out)
    assert layer.phase is Phase.NEUTRAL  # not waiting for the 30 s timer
    assert _bytes(layer.receive(bytes([ENQ]), 17.0)) == bytes([ACK])
    out = layer.receive(frame, 17.1)
    assert [o for o in out if isinstance(o, MessageReceived)] == [
        MessageReceived(MESSAGE)
    ]


def test_a_lost_lf_is_naked_after_one_second_of_silence() -> None:
    layer = _receiving()
    frame = build_frame(1, MESSAGE, final=True)
    assert layer.receive(frame[:-1], 1.0) == []  # LF lost: the trailer waits
    assert layer.next_deadline() == 2.0  # not the 15 s sender or 30 s receiver
    assert layer.tick(1.9) == []
    assert _bytes(layer.tick(2.0)) == bytes([NAK])
    out = layer.receive(frame, 2.1)  # resent at once, accepted
    assert [o for o in out if isinstance(o, MessageReceived)] == [
        MessageReceived(MESSAGE)
    ]


def test_a_frame_arriving_in_pieces_is_not_cut() -> None:
    layer = _receiving()
    frame = build_frame(1, MESSAGE, final=True)
    for at, start in ((1.0, 0), (1.9, 5), (2.8, 10)):
        assert layer.tick(at) == []
        out = layer.receive(frame[start : start + 5], at)
    out = layer.receive(frame[15:], 3.7)
    assert _bytes(out) == bytes([ACK])
    assert layer.next_deadline() == 33.7  # back to the receiver's 30 s


def test_eot_inside_frame_text_ends_the_transfer() -> None:
    layer = _receiving()
    frame = build_frame(1, MESSAGE, final=True)
    layer.receive(frame[:8] + bytes([EOT]), 1.0)
    assert layer.phase is Phase.NEUTRAL


def test_stx_inside_a_frame_starts_a_new_frame() -> None:
    layer = _receiving()
    frame = build_frame(1, MESSAGE, final=True)
    out = layer.receive(frame[:9] + frame, 1.0)  # the first copy was cut
    assert [o for o in out if isinstance(o, MessageReceived)] == [
        MessageReceived(MESSAGE)
    ]
    assert _bytes(out) == bytes([ACK])


def test_enq_inside_a_frame_is_answered_nak_at_once() -> None:
    layer = _receiving()
    frame = build_frame(1, MESSAGE, final=True)
    assert _bytes(layer.receive(frame[:6] + bytes([ENQ]), 1.0)) == bytes([NAK])
    assert _bytes(layer.receive(frame[6:], 1.1)) == b""  # rest: outside a frame
    out = layer.receive(frame, 1.2)
    assert [o for o in out if isinstance(o, MessageReceived)] == [
        MessageReceived(MESSAGE)
    ]


# -- contention: a machine re-bidding after each EOT cannot lock us out -----


def test_computer_with_a_waiting_message_answers_enq_with_nak() -> None:
    layer = AstmLinkLayer(Role.COMPUTER)
    layer.send(MESSAGE, 0.0)
    layer.receive(bytes([ENQ]), 0.0)  # contention: we yield for 20 s
    assert layer.next_deadline() == 20.0
    # The instrument's next bid is taken (the yield the standard asks) ...
    assert _bytes(layer.receive(bytes([ENQ]), 1.0)) == bytes([ACK])
    out = layer.receive(build_frame(1, MESSAGE, final=True) + bytes([EOT]), 1.1)
    assert MessageReceived(MESSAGE) in out
    # ... but its bid right after its EOT is refused as busy: it must now
    # wait 10 s, and our bid at 20 s finds the line free.
    assert _bytes(layer.receive(bytes([ENQ]), 1.2)) == bytes([NAK])
    assert _bytes(layer.receive(bytes([ENQ]), 11.3)) == bytes([NAK])
    assert _bytes(layer.tick(20.0)) == bytes([ENQ])


def test_computer_with_nothing_to_send_accepts_every_bid() -> None:
    layer = AstmLinkLayer(Role.COMPUTER)
    for at in (0.0, 1.0, 2.0):
        assert _bytes(layer.receive(bytes([ENQ]), at)) == bytes([ACK])
        layer.receive(build_frame(1, MESSAGE, final=True) + bytes([EOT]), at + 0.1)
