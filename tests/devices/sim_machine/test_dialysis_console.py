"""Fault commands for `careloop-sim dialysis --console` / `--fault`."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from devices.sim.dialysis_astm import AstmMachineEndpoint
from devices.sim.dialysis_console import ConsoleError, apply_command, fault_option
from devices.sim.dialysis_machine import MachineFault


@pytest.fixture
def machines(tmp_path: Path) -> Iterator[list[AstmMachineEndpoint]]:
    endpoints = [
        AstmMachineEndpoint.for_new_machine(serial, link_dir=tmp_path)
        for serial in ("SIM-A", "SIM-B")
    ]
    for endpoint in endpoints:
        endpoint.start()
    yield endpoints
    for endpoint in endpoints:
        endpoint.stop()


def test_a_command_without_a_serial_number_goes_to_every_machine(
    machines: list[AstmMachineEndpoint],
) -> None:
    answers = apply_command(machines, "drop 0.05")
    assert answers == [
        "SIM-A: dropping bytes with probability 0.05",
        "SIM-B: dropping bytes with probability 0.05",
    ]
    assert [m.faults.drop_byte_probability for m in machines] == [0.05, 0.05]


def test_a_serial_number_picks_one_machine(
    machines: list[AstmMachineEndpoint],
) -> None:
    apply_command(machines, "SIM-B silent on")
    apply_command(machines, "SIM-B lose-ack 2")
    assert [m.faults.silent for m in machines] == [False, True]
    assert [m.faults.lose_final_acks for m in machines] == [0, 2]


def test_machine_faults_reach_the_simulated_machine(
    machines: list[AstmMachineEndpoint],
) -> None:
    first = machines[:1]
    code = "MDC_HDIALY_UF_TARGET_VOL_TO_REMOVE"
    apply_command(first, f"misreport {code} 2600")
    settings = first[0].call(lambda m: m.current_settings())
    assert settings.values[code] == Decimal("2600")
    apply_command(first, "alarm air_in_line on")
    apply_command(first, "start")
    assert first[0].call(lambda m: m.mode).value == "TX"
    assert (
        MachineFault.AIR_IN_LINE.value
        in apply_command(first, "alarm air_in_line off")[0]
    )


@pytest.mark.parametrize(
    ("line", "says"),
    [
        ("", "empty"),
        ("explode", "unknown command 'explode'"),
        ("drop 2", "outside 0.0-1.0"),
        ("slow soon", "'soon' is not a number"),
        ("silent maybe", "on or off"),
        ("change MDC_HDIALY_UF_RATE_SETTING 99999", "MDC_HDIALY_UF_RATE_SETTING"),
        ("alarm smoke on", "unknown fault 'smoke'"),
        ("SIM-A", "no command"),
    ],
)
def test_a_bad_command_says_why_and_changes_nothing(
    machines: list[AstmMachineEndpoint], line: str, says: str
) -> None:
    with pytest.raises(ConsoleError, match=says):
        apply_command(machines, line)
    assert all(m.faults.drop_byte_probability == 0 for m in machines)


def test_fault_options_are_commands() -> None:
    assert fault_option("drop=0.05") == "drop 0.05"
    assert fault_option("contend") == "contend"
    assert fault_option("change=MDC_X,3") == "change MDC_X 3"
