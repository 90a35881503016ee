"""SerialLink, TcpLink and ReconnectingLink against real ports and sockets."""

from __future__ import annotations

import asyncio
import os
import socket
import threading

import pytest

from devices.errors import LinkClosed, PortUnavailable
from devices.sim.pty import open_pty_pair
from devices.transport import (
    ReconnectingLink,
    SerialLink,
    TcpLink,
    TransportState,
    list_ports,
)
from tests.devices.transport.conftest import RecordingProtocol


def test_loop_url_echoes_bytes_and_reads_on_the_loop_thread() -> None:
    async def scenario() -> None:
        link = SerialLink("loop://", name="loop")
        protocol = RecordingProtocol()
        await link.open(protocol)
        assert link.state is TransportState.OPEN
        await link.write(b"\x05hello\x04")
        await protocol.wait_for(lambda: bytes(protocol.received) == b"\x05hello\x04")
        assert protocol.threads == {threading.get_ident()}
        await link.close()
        assert link.state is TransportState.CLOSED
        assert protocol.lost == [None]

    asyncio.run(scenario())


def test_write_after_close_says_the_link_is_closed() -> None:
    async def scenario() -> None:
        link = SerialLink("loop://")
        await link.open(RecordingProtocol())
        await link.close()
        await link.close()  # twice is harmless
        with pytest.raises(LinkClosed, match="closed"):
            await link.write(b"x")

    asyncio.run(scenario())


def test_missing_port_is_port_unavailable_naming_the_port() -> None:
    async def scenario() -> None:
        link = SerialLink("/dev/does-not-exist-careloop")
        with pytest.raises(PortUnavailable, match="does-not-exist-careloop"):
            await link.open(RecordingProtocol())
        assert link.state is TransportState.CLOSED

    asyncio.run(scenario())


def test_bad_settings_are_refused_with_the_value() -> None:
    with pytest.raises(ValueError, match="-5"):
        SerialLink("loop://", baudrate=-5)
    with pytest.raises(ValueError, match="'X'"):
        SerialLink("loop://", parity="X")
    with pytest.raises(ValueError, match="70000"):
        TcpLink("127.0.0.1", 70000)


def test_pty_both_ways_and_hang_up_is_reported_as_lost() -> None:
    async def scenario() -> None:
        pair = open_pty_pair()
        link = SerialLink(pair.device_path, baudrate=9600)
        protocol = RecordingProtocol()
        await link.open(protocol)
        os.write(pair.controller_fd, b"from machine")
        await protocol.wait_for(lambda: bytes(protocol.received) == b"from machine")
        await link.write(b"to machine")
        got = b""
        while len(got) < len(b"to machine"):
            got += await asyncio.to_thread(os.read, pair.controller_fd, 64)
        assert got == b"to machine"

        pair.close()  # the cable is pulled: the driver's reads fail
        await protocol.wait_for(lambda: bool(protocol.lost))
        assert link.state is TransportState.LOST
        assert protocol.lost[0] is not None
        await link.close()

    asyncio.run(scenario())


def _listener() -> socket.socket:
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    return server


def test_tcp_link_talks_and_notices_the_peer_closing() -> None:
    async def scenario() -> None:
        server = _listener()
        port = server.getsockname()[1]
        link = TcpLink("127.0.0.1", port)
        protocol = RecordingProtocol()
        await link.open(protocol)
        peer, _ = await asyncio.to_thread(server.accept)
        await link.write(b"ping")
        assert await asyncio.to_thread(peer.recv, 16) == b"ping"
        peer.sendall(b"pong")
        await protocol.wait_for(lambda: bytes(protocol.received) == b"pong")
        peer.close()
        await protocol.wait_for(lambda: bool(protocol.lost))
        assert isinstance(protocol.lost[0], LinkClosed)
        assert link.state is TransportState.LOST
        await link.close()
        server.close()

    asyncio.run(scenario())


def test_tcp_connection_refused_is_port_unavailable() -> None:
    async def scenario() -> None:
        server = _listener()
        port = server.getsockname()[1]
        server.close()
        with pytest.raises(PortUnavailable, match=str(port)):
            await TcpLink("127.0.0.1", port).open(RecordingProtocol())

    asyncio.run(scenario())


def test_reconnecting_link_reopens_after_the_peer_goes_and_comes_back() -> None:
    """A gateway restarts: the link is lost, retried with back-off, re-opened."""

    async def scenario() -> None:
        server = _listener()
        port = server.getsockname()[1]
        states: list[tuple[TransportState, str]] = []
        link = ReconnectingLink(
            lambda: TcpLink("127.0.0.1", port),
            first_retry_s=0.05,
            max_retry_s=0.2,
            on_state=lambda state, reason: states.append((state, reason)),
        )
        protocol = RecordingProtocol()
        await link.open(protocol)
        peer, _ = await asyncio.to_thread(server.accept)
        assert protocol.made == 1

        peer.close()
        await protocol.wait_for(lambda: bool(protocol.lost))
        assert link.state in (TransportState.RECONNECTING, TransportState.OPEN)
        peer, _ = await asyncio.to_thread(server.accept)
        await protocol.wait_for(lambda: protocol.made == 2)
        assert link.state is TransportState.OPEN
        assert link.reconnects == 1

        peer.sendall(b"again")
        await protocol.wait_for(lambda: bytes(protocol.received) == b"again")
        await link.close()
        assert protocol.lost[-1] is None
        assert [s for s, _ in states] == [
            TransportState.OPENING,
            TransportState.OPEN,
            TransportState.RECONNECTING,
            TransportState.OPEN,
            TransportState.CLOSED,
        ]
        assert "lost" in states[2][1]
        peer.close()
        server.close()

    asyncio.run(scenario())


def test_reconnecting_link_waits_for_an_absent_port_and_backs_off() -> None:
    async def scenario() -> None:
        states: list[TransportState] = []
        link = ReconnectingLink(
            lambda: SerialLink("/dev/no-such-adapter-careloop"),
            first_retry_s=0.5,
            max_retry_s=4.0,
            on_state=lambda state, reason: states.append(state),
        )
        assert [link.retry_delay_s(n) for n in range(5)] == [0.5, 1, 2, 4, 4]
        await link.open(RecordingProtocol())
        assert link.state is TransportState.RECONNECTING
        with pytest.raises(LinkClosed):
            await link.write(b"x")
        await link.close()
        assert states[-1] is TransportState.CLOSED

    asyncio.run(scenario())


def test_list_ports_gives_typed_entries() -> None:
    ports = list_ports()
    assert all(isinstance(port.device, str) and port.device for port in ports)
    assert [p.device for p in ports] == sorted(p.device for p in ports)


def test_socket_url_reaches_a_terminal_server() -> None:
    """pyserial's socket:// URL, as for a serial-over-LAN box."""

    async def scenario() -> None:
        server = _listener()
        port = server.getsockname()[1]
        link = SerialLink(f"socket://127.0.0.1:{port}", name="terminal server")
        protocol = RecordingProtocol()
        await link.open(protocol)
        peer, _ = await asyncio.to_thread(server.accept)
        await link.write(b"\x05")
        assert await asyncio.to_thread(peer.recv, 4) == b"\x05"
        peer.sendall(b"\x06")
        await protocol.wait_for(lambda: bytes(protocol.received) == b"\x06")
        await link.close()
        peer.close()
        server.close()

    asyncio.run(scenario())
