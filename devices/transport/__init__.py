"""Byte links to devices: serial ports, pyserial URLs and TCP connections.

Public face (keep it stable: the dialysis and scale drivers build on it):

- ``SerialLink(url, *, baudrate, bytesize, parity, stopbits, name)``
- ``TcpLink(host, port, *, name)``
- ``ReconnectingLink(factory, *, name, first_retry_s, max_retry_s, on_state)``
- ``Link`` and ``LinkProtocol`` (typing.Protocol), ``TransportState``
- ``list_ports() -> list[PortInfo]``

Every link: ``await open(protocol)``, ``await write(data)``, ``await close()``
and a ``state`` property. A reader thread only reads and hands bytes to the
asyncio loop with ``call_soon_threadsafe(protocol.data_received, data)``; all
protocol callbacks run on the loop's thread. Links carry bytes only: framing
and protocols live with the drivers.
"""

from devices.transport._link import Link, LinkProtocol, TransportState
from devices.transport.ports import PortInfo, list_ports
from devices.transport.reconnect import ReconnectingLink
from devices.transport.serial_link import SerialLink
from devices.transport.tcp_link import TcpLink

__all__ = [
    "Link",
    "LinkProtocol",
    "PortInfo",
    "ReconnectingLink",
    "SerialLink",
    "TcpLink",
    "TransportState",
    "list_ports",
]
