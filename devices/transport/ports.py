"""Serial ports present on this computer, for the admin screen.

A thin, typed layer over pyserial's ``list_ports``; it opens nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from serial.tools import list_ports as _pyserial_ports


@dataclass(frozen=True)
class PortInfo:
    device: str  # what to open, e.g. /dev/ttyUSB0 or COM3
    description: str  # e.g. "FT232R USB UART"
    hardware_id: str  # e.g. "USB VID:PID=0403:6001 SER=A50285BI"
    serial_number: str | None  # the adapter's own serial, stable across re-plugs


def list_ports() -> list[PortInfo]:
    """The serial ports the operating system knows, sorted by device name."""
    found = [
        PortInfo(
            device=port.device,
            description=port.description or "",
            hardware_id=port.hwid or "",
            serial_number=port.serial_number,
        )
        for port in _pyserial_ports.comports()
    ]
    return sorted(found, key=lambda port: port.device)
