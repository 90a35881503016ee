"""A byte link over a TCP connection, for network gateways and terminal servers.

Same reader-thread shape as SerialLink, over a plain blocking socket. The
peer closing the connection counts as the link being lost. No TLS, no
reconnection (wrap it in ReconnectingLink), no protocol work.
"""

from __future__ import annotations

import contextlib
import select
import socket

from devices.errors import LinkClosed, PortUnavailable
from devices.transport._link import READ_POLL_S, ThreadedLink

CONNECT_TIMEOUT_S = 5.0
# A send the peer does not take within this time means the line is stuck.
WRITE_TIMEOUT_S = 5.0


class TcpLink(ThreadedLink):
    """A TCP client connection as a Link."""

    def __init__(
        self,
        host: str,
        port: int,
        *,
        name: str = "",
        connect_timeout_s: float = CONNECT_TIMEOUT_S,
    ) -> None:
        super().__init__(name or f"tcp:{host}:{port}")
        if not 0 < port < 65536:
            raise ValueError(f"TCP port must be 1-65535, got {port}")
        self.host = host
        self.port = port
        self._connect_timeout_s = connect_timeout_s
        self._socket: socket.socket | None = None

    def _connect(self) -> None:
        try:
            sock = socket.create_connection(
                (self.host, self.port), timeout=self._connect_timeout_s
            )
        except OSError as exc:
            raise PortUnavailable(
                f"{self.name}: cannot connect to {self.host}:{self.port}: {exc}"
            ) from exc
        sock.settimeout(WRITE_TIMEOUT_S)  # reads wait in select() instead
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self._socket = sock

    def _read_some(self) -> bytes:
        sock = self._socket
        if sock is None:
            raise OSError("socket is closed")
        readable, _, _ = select.select([sock], [], [], READ_POLL_S)
        if not readable:
            return b""
        data = sock.recv(4096)
        if not data:
            raise LinkClosed(f"{self.name}: the peer closed the connection")
        return data

    def _write_all(self, data: bytes) -> None:
        sock = self._socket
        if sock is None:
            raise OSError("socket is closed")
        sock.sendall(data)

    def _disconnect(self) -> None:
        sock, self._socket = self._socket, None
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()
