"""The E1381 dialogue between two link layers on a simulated clock."""

from __future__ import annotations

from devices.dialysis.astm.framing import ACK, ENQ, EOT, ETX, NAK, STX, build_frame
from devices.dialysis.astm.lowlevel import (
    AstmLinkLayer,
    AstmTimers,
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


def test_six_retransmissions_then_eot_and_failure() -> None:
    def spoil_every_frame(role: Role, data: bytes) -> list[bytes]:
        return [data[:-4] + b"ZZ\r\n"] if data[0] == STX else [data]

    wire = Wire(meddler=spoil_every_frame)
    ticket = wire.send(wire.computer, MESSAGE)
    wire.run()
    frames = [d for _, d in wire.computer.transmitted if d[0] == STX]
    assert len(frames) == 7  # the first sending and 6 retransmissions
    assert wire.computer.transmitted[-1][1] == bytes([EOT])
    assert wire.computer.failed == [(ticket, "frame refused 7 times")]
    assert wire.instrument.received == []


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
    assert timers.max_retransmissions == 6
    assert timers.scaled(0.1).reply_s == 1.5


def test_reset_fails_computer_messages_and_keeps_instrument_ones() -> None:
    computer = AstmLinkLayer(Role.COMPUTER)
    computer.send(MESSAGE, 0.0)
    assert computer.reset() and computer.pending == 0
    instrument = AstmLinkLayer(Role.INSTRUMENT, requeue_failed=True)
    instrument.send(MESSAGE, 0.0)
    instrument.reset()
    assert instrument.pending == 1 and instrument.phase is Phase.NEUTRAL
    assert ETX  # framing constants imported for readers of this file
