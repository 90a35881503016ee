"""HL7 v2 acknowledgements: ACK^R01 built by the receiver, read by a sender.

``build_ack`` answers one received message: AA when it was taken, AE or AR
with an ERR segment (HL7 table 0357 code, severity, a plain reason) when
not. ``read_ack`` is what a sender (the simulator) uses to learn the answer;
it parses with hl7apy like every other message we read.

No I/O, no framing: see ``mllp``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from hl7apy.consts import VALIDATION_LEVEL
from hl7apy.parser import parse_message

from devices.dialysis.hl7 import profile
from devices.errors import ProtocolError

RECEIVING_APPLICATION = "CARELOOP"

_ERROR_TEXT = {
    "100": "Segment sequence error",
    "101": "Required field missing",
    "102": "Data type error",
    "103": "Table value not found",
    "200": "Unsupported message type",
    "203": "Unsupported version id",
    "207": "Application internal error",
}


@dataclass(frozen=True)
class AckReply:
    code: str  # AA, AE or AR
    control_id: str  # MSA-2: the control id of the message answered
    reason: str = ""  # ERR-8 when the answer is negative

    @property
    def accepted(self) -> bool:
        return self.code in ("AA", "CA")


def build_ack(
    *,
    code: str,
    control_id: str,
    ack_control_id: str,
    sent_at: datetime,
    sender: str = "",
    error_code: str = "",
    reason: str = "",
) -> str:
    """The ER7 text of an ACK^R01 answering ``control_id`` with ``code``."""
    if code not in ("AA", "AE", "AR"):
        raise ValueError(f"ACK code must be AA, AE or AR, got {code!r}")
    segments = [
        "|".join(
            [
                "MSH",
                "^~\\&",
                RECEIVING_APPLICATION,
                RECEIVING_APPLICATION,
                sender,
                "",
                profile.format_dtm(sent_at),
                "",
                "ACK^R01^ACK",
                profile.escape(ack_control_id),
                "P",
                profile.HL7_VERSION,
            ]
        ),
        f"MSA|{code}|{profile.escape(control_id)}",
    ]
    if code != "AA":
        error_text = _ERROR_TEXT.get(error_code, "Application internal error")
        segments.append(
            f"ERR|||{error_code or '207'}^{error_text}^HL70357|E||||"
            f"{profile.escape(reason)}"
        )
    return "\r".join(segments) + "\r"


def read_ack(text: str) -> AckReply:
    """The answer an ACK carries; ProtocolError when it is not an ACK."""
    try:
        message = parse_message(
            text.replace("\n", "\r"),
            validation_level=VALIDATION_LEVEL.TOLERANT,
            find_groups=False,
        )
        msa = next(s for s in message.children if s.name == "MSA")
        code = str(msa.msa_1.to_er7())
        control_id = profile.unescape(str(msa.msa_2.to_er7()))
        errors = [s for s in message.children if s.name == "ERR"]
        reason = profile.unescape(str(errors[0].err_8.to_er7())) if errors else ""
    except Exception as error:  # whatever hl7apy raises, it is not an ACK
        raise ProtocolError(f"not an HL7 ACK ({type(error).__name__})") from error
    return AckReply(code=code, control_id=control_id, reason=reason)
