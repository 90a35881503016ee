"""HL7 v2 ORU^R01 over MLLP: read-only monitoring of dialysis machines.

Public face: ``Hl7DialysisDriver`` (the ``DialysisDriver`` for machines and
gateways that report the IHE PCD-01 way), the pure pieces it is built from
(``MllpFramer``, ``parse_report``, ``build_ack``, ``build_report``) and its
errors. The profile (which OBX carries what) is written in ``profile``.
Everything else in the package is an implementation detail.
"""

from devices.dialysis.hl7.ack import AckReply, build_ack, read_ack
from devices.dialysis.hl7.driver import Hl7DialysisDriver
from devices.dialysis.hl7.errors import (
    MessageRejected,
    NotYetReported,
    ReadOnlyProtocol,
)
from devices.dialysis.hl7.mllp import MllpFramer, wrap
from devices.dialysis.hl7.oru import ObservationReport, parse_report
from devices.dialysis.hl7.pcd01 import MachineReport, build_report

__all__ = [
    "AckReply",
    "Hl7DialysisDriver",
    "MachineReport",
    "MessageRejected",
    "MllpFramer",
    "NotYetReported",
    "ObservationReport",
    "ReadOnlyProtocol",
    "build_ack",
    "build_report",
    "parse_report",
    "read_ack",
    "wrap",
]
