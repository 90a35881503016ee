"""Exceptions raised by the device floor.

    DeviceError                      anything a device or its link did wrong
    ├── PortUnavailable              the port cannot be opened (unplugged, busy)
    ├── LinkClosed                   used after close, or the peer went away
    ├── LinkTimeout                  no answer within the protocol's timer
    ├── WriteOutcomeUnknown          a write failed after it may have arrived
    └── ProtocolError                bytes that break the protocol's rules
        ├── ChecksumError            a frame whose check does not match
        ├── FramingError             a frame with a missing or bad terminator
        └── DeviceRejected           the device answered with an error reply

The UI maps these types, never their message text, to what a person reads.
"""

from __future__ import annotations


class DeviceError(Exception):
    """Base class of every error raised below the app floor."""


class PortUnavailable(DeviceError):
    """The port could not be opened: unplugged, missing, or held by another."""


class LinkClosed(DeviceError):
    """The link was used after it was closed, or the peer closed it."""


class LinkTimeout(DeviceError):
    """The device did not answer within the protocol's timer."""


class WriteOutcomeUnknown(DeviceError):
    """A write failed after its bytes may have reached the device (a lost
    final ACK, a time-out in mid-transfer): it may or may not have been
    applied. Read back before believing either; never treat as "not
    written". Deliberately not a LinkTimeout, whose handlers may assume
    nothing happened."""


class ProtocolError(DeviceError):
    """Bytes were received that break the protocol's rules."""


class ChecksumError(ProtocolError):
    """A frame arrived whose checksum does not match its content."""


class FramingError(ProtocolError):
    """A frame is truncated, over-long or missing its terminator."""


class DeviceRejected(ProtocolError):
    """The device answered a command with an error reply."""
