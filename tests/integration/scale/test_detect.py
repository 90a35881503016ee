"""Auto-detection finds each simulator's protocol and baud rate over a pty.

The simulators answer correctly only when the driver's termios speed on the
pseudo-terminal equals their line rate; otherwise they send garbage.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from devices.scale import detect_scale
from devices.scale.errors import ScaleFormatAmbiguous, ScaleNotFound
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


@pytest.mark.parametrize("protocol", ["xk3190-eq", "xk3190-eq2"])
def test_a_positive_weight_tells_the_two_equals_formats_apart(
    protocol: str, simulator: Callable[..., ScaleSimulator]
) -> None:
    # Settled, no noise: 12.351 kg ends in 1, which only one byte order reads.
    sim = simulator(protocol, line_baud=4800, interval_s=0.05, settle_s=0.0)
    sim.place(12.351)

    found = run(detect_scale(sim.where, bauds=(9600, 4800), listen_s=0.5))

    assert (found.protocol, found.baudrate) == (protocol, 4800)
    assert found.sample is not None and float(found.sample.value or 0) == 12.351


@pytest.mark.parametrize("protocol", ["xk3190-eq", "xk3190-eq2"])
def test_equals_frames_that_read_both_ways_are_not_guessed(
    protocol: str, simulator: Callable[..., ScaleSimulator]
) -> None:
    # 0.840 kg: "=048.0000" / "=0000.840" read as 0.840 or 48.0000 either way.
    sim = simulator(protocol, line_baud=9600, interval_s=0.05, settle_s=0.0)
    sim.place(0.84)

    with pytest.raises(ScaleFormatAmbiguous, match="set the format in configuration"):
        run(detect_scale(sim.where, bauds=(9600,), listen_s=0.4, decide_s=0.6))
