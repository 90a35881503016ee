"""ACK^R01 built by the receiver and read back by a sender."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hl7apy.parser import parse_message

from devices.dialysis.hl7.ack import build_ack, read_ack
from devices.errors import ProtocolError

AT = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)


def test_positive_ack_answers_the_control_id() -> None:
    text = build_ack(
        code="AA",
        control_id="GW000815",
        ack_control_id="ACK1",
        sent_at=AT,
        sender="ACME_HD_GW",
    )

    message = parse_message(text.replace("\r", "\r"), find_groups=False)
    assert message.msh.msh_9.to_er7() == "ACK^R01^ACK"
    assert message.msh.msh_5.to_er7() == "ACME_HD_GW"
    assert message.msh.msh_7.to_er7() == "20260301080000.000+0000"
    assert [s.name for s in message.children] == ["MSH", "MSA"]
    assert read_ack(text).accepted
    assert read_ack(text).control_id == "GW000815"


def test_negative_ack_carries_code_error_and_escaped_reason() -> None:
    text = build_ack(
        code="AE",
        control_id="GW|9",
        ack_control_id="ACK2",
        sent_at=AT,
        error_code="102",
        reason="OBX 4: value 'a|b' is not a number",
    )

    reply = read_ack(text)

    assert "ERR|||102^Data type error^HL70357|E" in text
    assert (reply.code, reply.control_id) == ("AE", "GW|9")
    assert reply.reason == "OBX 4: value 'a|b' is not a number"
    assert not reply.accepted


def test_only_aa_ae_ar_are_built() -> None:
    with pytest.raises(ValueError, match="CA"):
        build_ack(code="CA", control_id="x", ack_control_id="y", sent_at=AT)


def test_what_is_not_an_ack_is_a_protocol_error() -> None:
    with pytest.raises(ProtocolError):
        read_ack("MSH|^~\\&|X|||||||ORU^R01|1|P|2.6\r")
