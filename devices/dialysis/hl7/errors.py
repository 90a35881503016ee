"""Errors of the HL7 monitoring path, below ``devices.errors``.

DeviceError
├── ReadOnlyProtocol        settings cannot be written over HL7 monitoring
├── NotYetReported          the machine has not (yet) reported this
└── ProtocolError
    └── MessageRejected     an HL7 message we answer with AE or AR
"""

from __future__ import annotations

from devices.errors import DeviceError, ProtocolError


class ReadOnlyProtocol(DeviceError):
    """HL7 ORU^R01 monitoring only listens: nothing can be written to the
    machine this way. Write settings through a bidirectional protocol."""


class NotYetReported(DeviceError):
    """The machine has not reported what was asked for (identity, settings,
    mode) in the messages received so far."""


class MessageRejected(ProtocolError):
    """A message that breaks the profile; answered with a negative ACK.

    ``ack_code`` is ``AR`` (rejected: not a message we take at all: wrong
    type, version, no control id, not HL7) or ``AE`` (error in the content:
    a bad value, unit, time or code). ``error_code`` is the HL7 table 0357
    code for ERR-3; ``reason`` is a sentence for the log and for ERR-8 and
    never holds patient data.
    """

    def __init__(
        self, ack_code: str, error_code: str, reason: str, control_id: str = ""
    ) -> None:
        self.ack_code = ack_code
        self.error_code = error_code
        self.reason = reason
        self.control_id = control_id
        super().__init__(f"{ack_code} ({error_code}): {reason}")
