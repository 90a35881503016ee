"""Auto-detection finds each simulator's protocol and baud rate over a pty.

The simulators answer correctly only when the driver's termios speed on the
pseudo-terminal equals their line rate; otherwise they send garbage.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from devices.scale import detect_scale
from devices.scale.errors import ScaleNotFound
from devices.sim.scale_sim import Fault, ScaleSimulator
from tests.integration.scale.conftest import run

pytestmark = pytest.mark.integration

BAUDS = (9600, 4800, 2400, 19200, 1200)


@pytest.mark.parametrize(
    ("protocol", "line_baud"),
    [
        ("toledo", 4800),
        ("xk3190-a9", 2400),
        ("xk3190-a12e", 19200),
        ("mtsics", 4800),
        ("xk3190-eq", 9600),
        ("xk3190-eq2", 2400),
    ],
)
def test_detects_protocol_and_baud(
    protocol: str, line_baud: int, simulator: Callable[..., ScaleSimulator]
) -> None:
    sim = simulator(protocol, line_baud=line_baud, interval_s=0.08)
    sim.place(-0.25)  # a negative weight tells the two "=" formats apart

    found = run(detect_scale(sim.where, bauds=BAUDS, listen_s=0.5))

    assert (found.protocol, found.baudrate) == (protocol, line_baud)


def test_a_silent_port_is_not_a_scale(simulator: Callable[..., ScaleSimulator]) -> None:
    sim = simulator("toledo", fault=Fault.SILENT)

    with pytest.raises(ScaleNotFound):
        run(detect_scale(sim.where, bauds=(9600, 2400), listen_s=0.3))
