"""AstmDialysisDriver against an in-memory scripted machine."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from decimal import Decimal
from typing import TypeVar

import pytest

from devices.dialysis.astm import AstmDialysisDriver, SettingOutOfRange
from devices.dialysis.astm.profile import (
    Request,
    RequestKind,
    build_reply,
    build_report,
)
from devices.dialysis.model import (
    LinkEvent,
    LinkState,
    MachineEvent,
    MachineSettings,
    MessageRejected,
    Reading,
    SequenceGap,
)
from devices.errors import (
    DeviceRejected,
    LinkClosed,
    LinkTimeout,
    WriteOutcomeUnknown,
)
from devices.sim.dialysis_machine import DEFAULT_SETTINGS
from tests.devices.astm.fakes import AT, IDENTITY, MemoryLink, transfer

T = TypeVar("T")


def run(scenario: Callable[[], Awaitable[T]]) -> T:
    return asyncio.run(asyncio.wait_for(scenario(), 10.0))  # type: ignore[arg-type]


def _reading(sequence: int, value: str = "150") -> Reading:
    return Reading("MDC_HDIALY_BLD_PRESS_VEN", Decimal(value), "mm[Hg]", AT, sequence)


async def _next_events(driver: AstmDialysisDriver, count: int) -> list[MachineEvent]:
    stream = driver.events()
    return [await anext(stream) for _ in range(count)]


@pytest.mark.parametrize(
    ("code", "value", "shown"),
    [
        ("MDC_HDIALY_BLD_PUMP_BLOOD_FLOW_RATE_SETTING", Decimal("601"), "601"),
        ("MDC_HDIALY_BLD_PUMP_BLOOD_FLOW_RATE_SETTING", Decimal("49"), "49"),
        ("MDC_HDIALY_DIALYSATE_CONC_K_SETTING", Decimal("2.05"), "2.05"),
        ("MDC_HDIALY_DIALYSATE_TEMP_SETTING", Decimal("NaN"), "NaN"),
        ("MDC_HDIALY_NO_SUCH_SETTING", Decimal("1"), "NO_SUCH"),
    ],
)
def test_out_of_range_setting_is_refused_before_a_byte_is_sent(
    code: str, value: Decimal, shown: str
) -> None:
    async def scenario() -> None:
        link = MemoryLink()
        driver = AstmDialysisDriver(link)
        await driver.open()
        settings = MachineSettings(values={**DEFAULT_SETTINGS.values, code: value})
        with pytest.raises(SettingOutOfRange, match=shown):
            await driver.write_settings(settings)
        assert link.written == b""
        await driver.close()

    run(scenario)


def test_unknown_modality_is_refused_before_sending() -> None:
    async def scenario() -> None:
        link = MemoryLink()
        driver = AstmDialysisDriver(link)
        await driver.open()
        with pytest.raises(SettingOutOfRange, match="'XX'"):
            await driver.write_settings(MachineSettings(values={}, modality="XX"))
        assert link.written == b""
        await driver.close()

    run(scenario)


def test_identify_and_write_go_through_the_link() -> None:
    async def scenario() -> None:
        link = MemoryLink()
        driver = AstmDialysisDriver(link)
        await driver.open()
        assert await driver.identify() == IDENTITY
        await driver.write_settings(DEFAULT_SETTINGS)
        assert link.requests[-1].settings == DEFAULT_SETTINGS
        assert driver.link_state is LinkState.CONNECTED
        await driver.close()
        assert driver.link_state is LinkState.DISCONNECTED

    run(scenario)


def test_machine_refusal_is_device_rejected_with_its_reason() -> None:
    async def scenario() -> None:
        link = MemoryLink(
            lambda r: build_reply(r.control_id, IDENTITY, AT, refusal="UF goal 99999")
        )
        driver = AstmDialysisDriver(link)
        await driver.open()
        with pytest.raises(DeviceRejected, match="UF goal 99999"):
            await driver.write_settings(DEFAULT_SETTINGS)
        await driver.close()

    run(scenario)


def test_a_late_reply_is_never_taken_for_the_next_request() -> None:
    async def scenario() -> None:
        held: list[bytes] = []

        def hold_first(request: Request) -> bytes | None:
            if not held:  # answer the first request only much later
                stale = MachineSettings({}, modality="HF")
                held.append(
                    build_reply(request.control_id, IDENTITY, AT, settings=stale)
                )
                return None
            return build_reply(
                request.control_id, IDENTITY, AT, settings=DEFAULT_SETTINGS
            )

        link = MemoryLink(hold_first)
        driver = AstmDialysisDriver(link, request_timeout_s=0.2)
        await driver.open()
        with pytest.raises(LinkTimeout, match="read settings"):
            await driver.read_settings()
        driver.data_received(transfer(held[0]))  # the stale answer turns up now
        assert await driver.read_settings() == DEFAULT_SETTINGS
        await driver.close()

    run(scenario)


def test_gap_is_reported_and_repeats_dropped_never_invented() -> None:
    async def scenario() -> None:
        link = MemoryLink()
        driver = AstmDialysisDriver(link)
        await driver.open()
        await driver.start_monitoring()
        first = await _next_events(driver, 1)
        assert isinstance(first[0], LinkEvent)
        for sequences in ([1, 2], [2, 5], [6]):
            report = build_report(IDENTITY, [_reading(n) for n in sequences], AT)
            link.deliver(transfer(report))
        events = await _next_events(driver, 5)
        assert events == [
            _reading(1),
            _reading(2),
            SequenceGap(3, 4, at=events[2].at),  # type: ignore[union-attr]
            _reading(5),
            _reading(6),
        ]
        await driver.close()

    run(scenario)


def test_requests_on_a_closed_link_say_so() -> None:
    async def scenario() -> None:
        driver = AstmDialysisDriver(MemoryLink())
        with pytest.raises(LinkClosed, match="not connected"):
            await driver.identify()

    run(scenario)


def test_write_and_verify_reports_each_difference() -> None:
    async def scenario() -> None:
        running = dict(DEFAULT_SETTINGS.values)
        running["MDC_HDIALY_UF_TARGET_VOL_TO_REMOVE"] = Decimal("2500")
        running["MDC_HDIALY_DIALYSATE_CONC_K_SETTING"] = Decimal("3.0")

        def machine(request: Request) -> bytes:
            if request.kind is RequestKind.READ_SETTINGS:
                return build_reply(
                    request.control_id, IDENTITY, AT,
                    settings=MachineSettings(running, modality="HD"),
                )  # fmt: skip
            return build_reply(request.control_id, IDENTITY, AT)

        driver = AstmDialysisDriver(MemoryLink(machine))
        await driver.open()
        check = await driver.write_and_verify(DEFAULT_SETTINGS)
        assert not check.ok
        assert [(d.code, d.written, d.read_back) for d in check.differences] == [
            ("MDC_HDIALY_DIALYSATE_CONC_K_SETTING", Decimal("2.0"), Decimal("3.0")),
            ("MDC_HDIALY_UF_TARGET_VOL_TO_REMOVE", Decimal("2000"), Decimal("2500")),
        ]
        await driver.close()

    run(scenario)


def test_a_machine_that_restarts_its_numbering_is_not_silenced() -> None:
    """Numbers going back with new readings are a restart, not repeats."""

    async def scenario() -> None:
        link = MemoryLink()
        driver = AstmDialysisDriver(link)
        await driver.open()
        await driver.start_monitoring()
        await _next_events(driver, 1)  # connected
        before = [_reading(n) for n in (40, 41)]
        after = [_reading(n, "90") for n in (1, 2)]
        for readings in (before, before[1:], after):
            link.deliver(transfer(build_report(IDENTITY, readings, AT)))
        events = await _next_events(driver, 5)
        assert events[:2] == before
        assert isinstance(events[2], LinkEvent)
        assert "restarted" in events[2].reason
        assert events[3:] == after
        await driver.close()

    run(scenario)


def test_a_reading_in_another_unit_is_refused_whole_and_shown() -> None:
    """98.6 [degF] as dialysate temperature is never delivered as a reading;
    the refusal is a typed event and its running numbers come back as a gap."""

    async def scenario() -> None:
        link = MemoryLink()
        driver = AstmDialysisDriver(link)
        await driver.open()
        await driver.start_monitoring()
        fahrenheit = Reading(
            "MDC_HDIALY_DIALYSATE_TEMP", Decimal("98.6"), "[degF]", AT, 2
        )
        for readings in ([_reading(1)], [fahrenheit, _reading(3)], [_reading(4)]):
            link.deliver(transfer(build_report(IDENTITY, readings, AT)))
        events = await _next_events(driver, 6)
        kinds = [type(e).__name__ for e in events]
        assert kinds == [
            "LinkEvent",  # connected
            "Reading",  # 1
            "LinkEvent",  # degraded: message refused
            "MessageRejected",
            "SequenceGap",  # 2-3 never delivered, never invented
            "Reading",  # 4
        ]
        rejected = events[3]
        assert isinstance(rejected, MessageRejected)
        assert "MDC_HDIALY_DIALYSATE_TEMP" in rejected.reason
        assert "[degF]" in rejected.reason and "'Cel'" in rejected.reason
        assert events[4] == SequenceGap(2, 3, at=events[4].at)  # type: ignore[union-attr]
        assert not any(isinstance(e, Reading) and e.unit == "[degF]" for e in events)
        await driver.close()

    run(scenario)


def test_a_write_left_unanswered_is_outcome_unknown_never_not_written() -> None:
    async def scenario() -> None:
        def applies_but_never_answers_writes(request: Request) -> bytes | None:
            if request.kind is RequestKind.WRITE_SETTINGS:
                return None  # frames ACKed, settings applied, reply lost
            return build_reply(
                request.control_id, IDENTITY, AT, settings=DEFAULT_SETTINGS
            )

        driver = AstmDialysisDriver(
            MemoryLink(applies_but_never_answers_writes), request_timeout_s=0.2
        )
        await driver.open()
        with pytest.raises(WriteOutcomeUnknown, match="read them back"):
            await driver.write_settings(DEFAULT_SETTINGS)
        check = await driver.write_and_verify(DEFAULT_SETTINGS)
        assert check.write_outcome_unknown  # said, not hidden
        assert check.read_back == DEFAULT_SETTINGS  # what the machine holds
        assert check.ok
        await driver.close()

    run(scenario)


def test_a_query_left_unanswered_stays_a_plain_timeout() -> None:
    async def scenario() -> None:
        driver = AstmDialysisDriver(MemoryLink(lambda r: None), request_timeout_s=0.2)
        await driver.open()
        with pytest.raises(LinkTimeout):
            await driver.read_settings()
        await driver.close()

    run(scenario)
