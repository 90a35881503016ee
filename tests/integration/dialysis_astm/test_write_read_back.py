"""Settings written to the simulated machine over a real pseudo-terminal,
read back, compared."""

from __future__ import annotations

from decimal import Decimal

import pytest

from devices.dialysis.astm import SettingOutOfRange
from devices.dialysis.model import MachineMode, MachineSettings
from devices.sim.dialysis_astm import AstmMachineEndpoint
from devices.sim.dialysis_machine import DEFAULT_SETTINGS, SimulatedMachine
from devices.transport import TcpLink
from tests.integration.dialysis_astm.conftest import (
    make_driver,
    reconnecting_serial,
    run,
)

PRESCRIPTION = MachineSettings(
    values={
        **DEFAULT_SETTINGS.values,
        "MDC_HDIALY_BLD_PUMP_BLOOD_FLOW_RATE_SETTING": Decimal("300"),
        "MDC_HDIALY_UF_TARGET_VOL_TO_REMOVE": Decimal("2400"),
        "MDC_HDIALY_UF_RATE_SETTING": Decimal("600"),
        "MDC_HDIALY_DIALYSATE_CONC_CA_SETTING": Decimal("1.25"),
        "MDC_HDIALY_DIALYSATE_TEMP_SETTING": Decimal("36.0"),
    },
    modality="HDF",
)

pytestmark = pytest.mark.integration


def test_write_read_back_equal(endpoint: AstmMachineEndpoint) -> None:
    """A write never starts treatment; the nurse does, at the machine, only
    after the read-back matched."""

    async def scenario() -> None:
        driver = make_driver(reconnecting_serial(endpoint))
        await driver.open()
        identity = await driver.identify()
        assert identity.serial_number == "SN-IT-1"
        check = await driver.write_and_verify(PRESCRIPTION)
        assert check.ok, check.differences
        assert check.read_back == PRESCRIPTION
        assert not check.write_outcome_unknown
        assert endpoint.call(lambda m: m.current_settings()) == PRESCRIPTION
        assert await driver.read_mode() is MachineMode.PREPARATION
        endpoint.press_start()
        assert await driver.read_mode() is MachineMode.TREATMENT
        await driver.close()

    run(scenario())


def test_read_back_difference_is_reported_field_by_field(
    endpoint: AstmMachineEndpoint,
) -> None:
    temperature = "MDC_HDIALY_DIALYSATE_TEMP_SETTING"
    uf_goal = "MDC_HDIALY_UF_TARGET_VOL_TO_REMOVE"

    def misbehave(machine: SimulatedMachine) -> None:
        machine.misreport_setting(temperature, Decimal("37.5"))
        machine.change_setting_behind_back(uf_goal, Decimal("3000"))

    async def scenario() -> None:
        driver = make_driver(reconnecting_serial(endpoint))
        await driver.open()
        assert (await driver.write_and_verify(PRESCRIPTION)).ok
        endpoint.call(misbehave)
        read_back = await driver.read_settings()
        found = [
            (d.code, d.written, d.read_back)
            for d in PRESCRIPTION.differences(read_back)
        ]
        assert found == [
            (temperature, Decimal("36.0"), Decimal("37.5")),
            (uf_goal, Decimal("2400"), Decimal("3000")),
        ]
        await driver.close()

    run(scenario())


def test_out_of_range_never_reaches_the_machine(endpoint: AstmMachineEndpoint) -> None:
    async def scenario() -> None:
        driver = make_driver(reconnecting_serial(endpoint))
        await driver.open()
        await driver.identify()
        requests_before = endpoint.counters.requests
        bad = MachineSettings(
            values={"MDC_HDIALY_UF_RATE_SETTING": Decimal("4500")}, modality="HD"
        )
        with pytest.raises(SettingOutOfRange, match="4500"):
            await driver.write_settings(bad)
        assert endpoint.counters.requests == requests_before
        assert await driver.read_settings() == DEFAULT_SETTINGS
        await driver.close()

    run(scenario())


def test_write_read_back_over_tcp(tmp_path: object) -> None:
    machine = AstmMachineEndpoint.for_new_machine("SN-TCP", tcp_port=0)
    machine.start()
    try:

        async def scenario() -> None:
            assert machine.tcp_port is not None
            driver = make_driver(TcpLink("127.0.0.1", machine.tcp_port))
            await driver.open()
            assert (await driver.write_and_verify(PRESCRIPTION)).ok
            await driver.close()

        run(scenario())
    finally:
        machine.stop()
