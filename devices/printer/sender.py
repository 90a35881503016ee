"""Sending a rendered label to a printer over a serial line or TCP port 9100.

A printer job is bytes (from `render_zpl` or `render_tspl`); sending opens
the link, writes the job, and closes the link, all under one time-out.
Whatever the printer says back (status bytes) is logged on the wire logger
and otherwise ignored: ZPL and TSPL printers do not acknowledge a job.

Rendering is not done here, and nothing is retried: only the caller knows
whether printing a label twice is acceptable.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

from devices.errors import LinkTimeout
from devices.transport import Link, SerialLink, TcpLink

log = logging.getLogger(__name__)

RAW_PRINT_PORT = 9100
DEFAULT_SEND_TIMEOUT_S = 10.0


class _PrinterSide:
    """The LinkProtocol of a printer link: it only notices loss."""

    def __init__(self) -> None:
        self.lost: Exception | None = None

    def connection_made(self, link: Link) -> None:
        pass

    def data_received(self, data: bytes) -> None:
        pass  # already on the wire logger; printers need no answer

    def connection_lost(self, exc: Exception | None) -> None:
        self.lost = exc


class LabelSender:
    """Sends jobs to one printer; a new link per job, made by ``link_factory``."""

    def __init__(
        self,
        link_factory: Callable[[], Link],
        *,
        timeout_s: float = DEFAULT_SEND_TIMEOUT_S,
    ) -> None:
        self._link_factory = link_factory
        self._timeout_s = timeout_s

    async def send(self, job: bytes) -> None:
        """Deliver ``job``; PortUnavailable, LinkClosed or LinkTimeout if not."""
        link = self._link_factory()
        try:
            await asyncio.wait_for(self._deliver(link, job), self._timeout_s)
        except TimeoutError:
            raise LinkTimeout(
                f"{link.name}: label not sent within {self._timeout_s:g} s"
            ) from None
        finally:
            await link.close()
        log.info("%s: label sent (%d bytes)", link.name, len(job))

    async def _deliver(self, link: Link, job: bytes) -> None:
        await link.open(_PrinterSide())
        await link.write(job)


def tcp_printer(host: str, port: int = RAW_PRINT_PORT) -> LabelSender:
    """A network printer's raw port (9100 unless told otherwise)."""
    return LabelSender(lambda: TcpLink(host, port, name=f"printer {host}:{port}"))


def serial_printer(url: str, baudrate: int = 9600) -> LabelSender:
    """A printer on a serial or USB-serial port (or any pyserial URL)."""
    return LabelSender(
        lambda: SerialLink(url, baudrate=baudrate, name=f"printer {url}")
    )
