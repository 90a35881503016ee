"""Hypothesis: garbage never breaks a receiver, splitting and corruption
never change a message."""

from __future__ import annotations

import asyncio
import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from devices.dialysis.astm import AstmDialysisDriver
from devices.dialysis.astm.framing import STX
from devices.dialysis.astm.lowlevel import AstmLinkLayer, AstmTimers, Role
from devices.dialysis.astm.profile import build_report
from devices.dialysis.model import LinkEvent, MachineEvent, Reading, SequenceGap
from tests.devices.astm.fakes import AT, IDENTITY, MemoryLink, transfer
from tests.devices.astm.test_driver import _reading
from tests.devices.astm.wire import Wire

# Message text as records carry it: no restricted bytes, CR between records.
record_text = st.binary(min_size=1, max_size=900).map(
    lambda b: bytes(x for x in b if x >= 0x20 or x == 0x0D) or b"L|1|N\r"
)


@settings(max_examples=300)
@given(st.lists(st.binary(max_size=300), max_size=8), st.sampled_from(list(Role)))
def test_arbitrary_bytes_never_raise_from_the_link_layer(
    chunks: list[bytes], role: Role
) -> None:
    layer = AstmLinkLayer(role)
    layer.send(b"H|\\^&\rL|1|N\r", 0.0)  # in every phase, not only neutral
    now = 0.0
    for chunk in chunks:
        now += 0.5
        layer.receive(chunk, now)
        layer.tick(now)
    layer.tick(now + 100.0)


@settings(max_examples=150, deadline=None)
@given(st.lists(record_text, min_size=1, max_size=4), st.randoms(use_true_random=False))
def test_any_message_survives_random_splitting_into_reads(
    messages: list[bytes], rnd: random.Random
) -> None:
    def split(role: Role, data: bytes) -> list[bytes]:
        cuts = sorted(rnd.sample(range(1, len(data)), min(len(data) - 1, 5)))
        return [data[a:b] for a, b in zip([0, *cuts], [*cuts, len(data)], strict=True)]

    wire = Wire(meddler=split)
    for message in messages:
        wire.send(wire.instrument, message)
    wire.run()
    assert wire.computer.received == messages


@settings(max_examples=150, deadline=None)
@given(
    st.lists(record_text, min_size=1, max_size=4),
    st.lists(st.booleans(), min_size=1, max_size=60),
    st.randoms(use_true_random=False),
)
def test_random_corruption_is_recovered_by_retransmission_intact(
    messages: list[bytes], spoil: list[bool], rnd: random.Random
) -> None:
    """One byte of a frame is changed at random, as often as ``spoil`` says;
    every message still arrives once, whole and in order."""
    draws = iter(spoil)

    def corrupt(role: Role, data: bytes) -> list[bytes]:
        if data[0] != STX or not next(draws, False):
            return [data]
        at = rnd.randrange(len(data))
        changed = bytearray(data)
        changed[at] = (changed[at] + rnd.randrange(1, 256)) % 256
        return [bytes(changed)]

    wire = Wire(requeue_failed=True, meddler=corrupt)
    for message in messages:
        wire.send(wire.instrument, message)
    wire.run(until_s=100_000)
    assert wire.computer.received == messages
    assert wire.instrument.layer.pending == 0


@st.composite
def _machine_output(draw: st.DrawFn) -> list[bytes]:
    """Reports numbered as a machine numbers them (always up), some sent
    twice (an ACK lost), with garbage between them."""
    chunks: list[bytes] = []
    next_number = draw(st.integers(1, 1000))
    for size in draw(st.lists(st.integers(1, 4), max_size=5)):
        numbers = range(next_number, next_number + size)
        next_number += size
        report = transfer(build_report(IDENTITY, [_reading(n) for n in numbers], AT))
        chunks.extend([report] * draw(st.integers(1, 2)))
        chunks.extend(draw(st.lists(st.binary(max_size=120), max_size=2)))
    return chunks


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(st.one_of(_machine_output(), st.lists(st.binary(max_size=300), max_size=4)))
def test_arbitrary_bytes_never_leak_an_exception_out_of_the_driver(
    chunks: list[bytes],
) -> None:
    """Garbage and valid reports mixed: no exception and no ERROR log (the
    harness fails the test on one); readings that come through are the ones
    sent, never repeated, and the driver still answers afterwards."""

    async def scenario() -> list[MachineEvent]:
        link = MemoryLink()
        timers = AstmTimers().scaled(0.02)
        driver = AstmDialysisDriver(link, timers=timers, request_timeout_s=5.0)
        await driver.open()
        for chunk in chunks:
            driver.data_received(chunk)
        driver.data_received(b"\x04")  # whatever was half-sent is over
        await driver.start_monitoring()
        assert (await driver.identify()) == IDENTITY
        seen: list[MachineEvent] = []
        while not driver._events.empty():
            seen.append(driver._events.get_nowait())
        await driver.close()
        return seen

    seen = asyncio.run(asyncio.wait_for(scenario(), 10.0))
    readings = [e for e in seen if isinstance(e, Reading)]
    assert all(r.code == "MDC_HDIALY_BLD_PRESS_VEN" for r in readings)
    sequences = [r.sequence for r in readings]
    assert readings == [_reading(n) for n in sequences]  # never altered
    assert sequences == sorted(set(sequences))  # none twice, none out of order
    assert all(isinstance(e, LinkEvent | Reading | SequenceGap) for e in seen)
