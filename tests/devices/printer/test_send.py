"""Labels sent over a real TCP socket and a real pseudo-terminal to the printer simulator."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest

from devices.errors import PortUnavailable
from devices.printer import (
    WasteLabel,
    layout_waste_label,
    render_tspl,
    render_zpl,
    serial_printer,
    tcp_printer,
)
from devices.sim.printer_sim import JobSplitter, PrinterSimulator, job_kind


@pytest.fixture
def printer(tmp_path: Path) -> Iterator[PrinterSimulator]:
    sim = PrinterSimulator(tmp_path / "jobs", idle_flush_s=0.3)
    yield sim
    sim.stop()


@pytest.mark.integration
def test_labels_sent_over_tcp_arrive_intact(
    printer: PrinterSimulator, label: WasteLabel
) -> None:
    host, port = printer.start_tcp()
    zpl = render_zpl(layout_waste_label(label))
    tspl = render_tspl(layout_waste_label(label))

    async def send_both() -> None:
        sender = tcp_printer(host, port)
        await sender.send(zpl)
        await sender.send(tspl)

    asyncio.run(asyncio.wait_for(send_both(), 10.0))
    jobs = printer.wait_for_jobs(2, timeout_s=5.0)

    assert [job.suffix for job in jobs] == [".zpl", ".tspl"]
    assert jobs[0].read_bytes() == zpl
    assert jobs[1].read_bytes() == tspl


@pytest.mark.integration
def test_a_label_sent_over_serial_arrives_intact(
    printer: PrinterSimulator, label: WasteLabel
) -> None:
    path = printer.start_pty()
    tspl = render_tspl(layout_waste_label(label))

    asyncio.run(asyncio.wait_for(serial_printer(path).send(tspl), 10.0))
    jobs = printer.wait_for_jobs(1, timeout_s=5.0)

    assert jobs[0].read_bytes() == tspl


def test_no_printer_listening_is_port_unavailable(printer: PrinterSimulator) -> None:
    _, port = printer.start_tcp()
    printer.stop()  # nobody listens on that port any more

    with pytest.raises(PortUnavailable):
        asyncio.run(tcp_printer("127.0.0.1", port).send(b"^XA^XZ"))


def test_splitter_cuts_zpl_and_tspl_jobs_in_any_chunks() -> None:
    stream = (
        b"^XA^FDone^FS^XZ\n"
        + b"SIZE 80 mm,60 mm\r\nCLS\r\nPRINT 1,1\r\n"
        + b"^XA^XZ\r\n"
    )
    for size in (1, 5, len(stream)):
        splitter = JobSplitter()
        jobs = [
            job
            for start in range(0, len(stream), size)
            for job in splitter.feed(stream[start : start + size])
        ]
        assert jobs == [
            b"^XA^FDone^FS^XZ\n",
            b"SIZE 80 mm,60 mm\r\nCLS\r\nPRINT 1,1\r\n",
            b"^XA^XZ\r\n",
        ]
        assert splitter.flush() is None


def test_splitter_keeps_an_unfinished_job_until_flushed() -> None:
    splitter = JobSplitter()

    assert splitter.feed(b"^XA^XZ") == []  # its line end may still come
    assert splitter.flush() == b"^XA^XZ"

    assert splitter.feed(b"SIZE 80 mm,60 mm\r\nCLS\r\n") == []
    assert splitter.flush() == b"SIZE 80 mm,60 mm\r\nCLS\r\n"


@pytest.mark.parametrize(
    ("job", "kind"),
    [(b"^XA^XZ", "zpl"), (b"SIZE 1 mm,1 mm\r\nPRINT 1\r\n", "tspl"), (b"\x1b@", "bin")],
)
def test_job_kind(job: bytes, kind: str) -> None:
    assert job_kind(job) == kind
