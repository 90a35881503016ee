"""docs/protocols/dialysis-astm.md against the code: the settings layout
table and the byte-by-byte example must say what the code does."""

from __future__ import annotations

import re
from pathlib import Path

from devices.dialysis.astm.framing import (
    ACK,
    ENQ,
    EOT,
    NAK,
    checksum,
    split_message,
)
from devices.dialysis.astm.lowlevel import (
    AstmLinkLayer,
    MessageReceived,
    Role,
    Transmit,
)
from devices.dialysis.astm.profile import SETTINGS_LAYOUT, parse_machine_message
from devices.dialysis.model import MachineAlarm
from devices.dialysis.vocabulary import SETTINGS

DOCUMENT = Path(__file__).resolve().parents[3] / "docs/protocols/dialysis-astm.md"


def _section(title: str) -> str:
    text = DOCUMENT.read_text(encoding="utf-8")
    start = text.index(title)
    end = text.find("\n## ", start + 1)
    return text[start : end if end >= 0 else len(text)]


def test_layout_2_covers_every_setting_of_the_vocabulary_once() -> None:
    assert sorted(SETTINGS_LAYOUT[1:]) == sorted(SETTINGS)
    assert len(set(SETTINGS_LAYOUT)) == len(SETTINGS_LAYOUT)


def test_the_documented_layout_table_is_the_codes() -> None:
    rows = re.findall(
        r"^\| (\d+) \| `(MDC_\w+)` \| `([^`]*)` \|$",
        _section("### Write settings"),
        re.MULTILINE,
    )
    assert [int(n) for n, _, _ in rows] == list(range(1, len(SETTINGS_LAYOUT) + 1))
    assert tuple(code for _, code, _ in rows) == SETTINGS_LAYOUT
    for _, code, unit in rows[1:]:
        assert SETTINGS[code].unit == unit


def test_the_byte_example_is_what_the_framing_sends() -> None:
    section = _section("## 10. A whole dialogue")
    block = section.split("```", 2)[1].strip("\n")
    message = "".join(line.removesuffix("<CR>") + "\r" for line in block.split("\n"))
    frames = split_message(message.encode("utf-8"))
    assert [len(f.encode()) for f in frames] == [247, 197]
    sums = [checksum(f.encode()[1:-4]).decode() for f in frames]
    assert sums == ["F1", "5F"]
    assert f"checksum `{sums[0]}`" in section and "`5F`" in section
    assert frames[0].text[-1:] == "静".encode()[:1]  # split inside a character


def test_the_documented_dialogue_gets_the_documented_answers() -> None:
    """Replay section 10 into the workstation's side: ACK, ACK, NAK, ACK,
    and the alarm text split inside 静 arrives whole."""
    section = _section("## 10. A whole dialogue")
    block = section.split("```", 2)[1].strip("\n")
    message = "".join(line.removesuffix("<CR>") + "\r" for line in block.split("\n"))
    first, second = (f.encode() for f in split_message(message.encode("utf-8")))
    damaged = second.replace(b"|182|", b"|183|")
    workstation = AstmLinkLayer(Role.COMPUTER)

    def answer(data: bytes, at: float) -> tuple[bytes, list[bytes]]:
        out = workstation.receive(data, at)
        sent = b"".join(o.data for o in out if isinstance(o, Transmit))
        return sent, [o.message for o in out if isinstance(o, MessageReceived)]

    assert answer(bytes([ENQ]), 0.0) == (bytes([ACK]), [])
    assert answer(first, 0.3) == (bytes([ACK]), [])
    assert answer(damaged, 0.5) == (bytes([NAK]), [])
    replies, received = answer(second, 0.7)
    assert replies == bytes([ACK]) and len(received) == 1
    assert answer(bytes([EOT]), 0.8) == (b"", [])

    report = parse_machine_message(received[0])
    alarm = report.events[0]
    assert isinstance(alarm, MachineAlarm)
    assert alarm.text.startswith("静脉压高 Venous pressure high")
    assert alarm.text.endswith("请检查静脉针与管路")
    assert [e.sequence for e in report.events] == [7, 1041, 1042]
