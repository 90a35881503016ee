"""Errors particular to scales, each under the device floor's tree.

LinkTimeout
└── ScaleSilent              nothing at all came from the scale in time
ProtocolError
├── ScaleUnreadable          bytes came, but no frame with a good check
└── UnsupportedFrame         a good frame in a setting we do not read (units)
DeviceRejected               MT-SICS error and status replies
├── CommandNotExecutable     "I": busy, or no stable weight in time
├── OutOfRange               "+"/"-" to zero or tare: outside the range
├── SyntaxRejected           "ES": the scale did not know the command
├── TransmissionRejected     "ET": parity or length error on the line
└── LogicRejected            "EL": the scale cannot execute it
DeviceError
└── ScaleNotFound            no protocol and baud rate answered on a port
    └── ScaleFormatAmbiguous   frames fit two formats; configure which
"""

from __future__ import annotations

from devices.errors import DeviceError, DeviceRejected, LinkTimeout, ProtocolError


class ScaleSilent(LinkTimeout):
    """The scale sent nothing within the configured silence time."""


class ScaleUnreadable(ProtocolError):
    """Bytes arrived but none of them made a frame with a good check."""


class UnsupportedFrame(ProtocolError):
    """A well-formed frame whose setting we do not read: refused, never a weight.

    Toledo's unit extensions (g, t, oz, ...) and its expanded (x10) display
    change what the digits mean; the indicator must be set to kg or lb.
    """


class CommandNotExecutable(DeviceRejected):
    """The scale could not execute the command now (busy, not stable)."""


class OutOfRange(DeviceRejected):
    """Zero or tare refused because the weight is outside the allowed range."""


class SyntaxRejected(DeviceRejected):
    """The scale did not recognise the command (MT-SICS ``ES``)."""


class TransmissionRejected(DeviceRejected):
    """The scale saw a parity or length error in the command (``ET``)."""


class LogicRejected(DeviceRejected):
    """The scale cannot execute the command (``EL``)."""


class ScaleNotFound(DeviceError):
    """No scale protocol answered at any of the baud rates tried."""


class ScaleFormatAmbiguous(ScaleNotFound):
    """Frames read as two formats with different weights; none was chosen.

    The XK3190 ``=`` formats 1 and 2 differ only in byte order; until a frame
    tells them apart the format must be set in the station configuration.
    """


class WeightNotStable(LinkTimeout):
    """The scale kept answering but no stable, in-range weight came in time."""
