"""Mettler Toledo MT-SICS, command mode: commands out, one reply line back.

    S      stable weight          S S     100.00 g   | S I | S + | S -
    SI     weight now             S S     100.00 g   | S D      12.30 g
           (and SIR)                                 | S I | S + | S -
    Z      zero once stable       Z A | Z I | Z + | Z -
    ZI     zero now               ZI S | ZI D | ZI I | ZI + | ZI -
    T      tare once stable       T S     100.00 g   | T I | T + | T -
    TI     tare now               TI S  ... g | TI D  ... g | TI I | TI + | TI -
    TA     tare memory            TA A     100.00 g  | TA I | TA L
    TAC    clear tare             TAC A | TAC I | TAC L
    @      reset                  I4 A "B021002593"
    I0-I4  identification         I4 A "B021002593" | I4 I
    any    error replies          ES | ET | EL

The reply names the command it answers, except that the weight-now commands
(`SI`, `SIR`) answer as `S` and a reset answers with the serial number (`I4`),
as the MT-SICS reference manual shows. `D` (dynamic) only ever answers a
command that takes the weight as it is now; `L` is a logical error (a
parameter the balance will not accept).

Parsing and building lines only; no I/O. The rejections a driver raises for
each status are decided here, so the simulator and the driver agree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from devices.errors import DeviceRejected, FramingError
from devices.scale.errors import (
    CommandNotExecutable,
    LogicRejected,
    OutOfRange,
    SyntaxRejected,
    TransmissionRejected,
)
from devices.scale.reading import Range, ScaleReading, Stability, WeightKind

PROTOCOL = "mtsics"
WEIGHT_COMMANDS = frozenset({"S", "T", "TI", "TA"})  # reply ids with a weight
ERROR_REPLIES: dict[str, type[DeviceRejected]] = {
    "ES": SyntaxRejected,
    "ET": TransmissionRejected,
    "EL": LogicRejected,
}
WEIGHT_FIELD = 10  # the weight is right-aligned in ten characters

# command -> (the identifier its reply starts with, the statuses it may carry)
_REPLIES: dict[str, tuple[str, str]] = {
    "S": ("S", "SI+-"),
    "SI": ("S", "SDI+-"),
    "SIR": ("S", "SDI+-"),
    "Z": ("Z", "AI+-"),
    "ZI": ("ZI", "SDI+-"),
    "T": ("T", "SI+-"),
    "TI": ("TI", "SDI+-"),
    "TA": ("TA", "AIL"),
    "TAC": ("TAC", "AIL"),
    "@": ("I4", "A"),
    **{f"I{n}": (f"I{n}", "ABIL") for n in range(5)},
}

_LINE = re.compile(
    r"(?P<command>[A-Z@][A-Z0-9]*)(?: +(?P<status>[SDIABL+\-]))?(?P<rest> .*)?"
)
_WEIGHT = re.compile(r" *(?P<value>-?\d+(?:\.\d+)?) +(?P<unit>[A-Za-z%]{1,3}) *")
_QUOTED = re.compile(r'"([^"]*)"')


@dataclass(frozen=True)
class Reply:
    """One MT-SICS reply line, split into its fields."""

    command: str
    status: str  # "" for ES, ET, EL
    weight: Decimal | None = None
    unit: str = ""
    texts: tuple[str, ...] = ()

    @property
    def is_error(self) -> bool:
        return self.command in ERROR_REPLIES and not self.status


def encode_command(command: str) -> bytes:
    if not re.fullmatch(r"[A-Z@][A-Z0-9]*( [^\r\n]*)?", command):
        raise ValueError(f"not an MT-SICS command: {command!r}")
    return command.encode("ascii") + b"\r\n"


def parse_reply(line: bytes) -> Reply:
    """One line without CR LF; FramingError if it is not MT-SICS."""
    try:
        text = line.decode("ascii")
    except UnicodeDecodeError:
        raise FramingError(f"MT-SICS reply is not ASCII: {line!r}") from None
    match = _LINE.fullmatch(text)
    if match is None:
        raise FramingError(f"not an MT-SICS reply: {line!r}")
    command, status = match["command"], match["status"] or ""
    rest = match["rest"] or ""

    if not status:
        if command in ERROR_REPLIES and not rest:
            return Reply(command, "")
        raise FramingError(f"MT-SICS reply without status: {line!r}")
    if command in WEIGHT_COMMANDS and (
        status in "SD" or (command, status) == ("TA", "A")
    ):
        weight = _WEIGHT.fullmatch(rest)
        if weight is None:
            raise FramingError(f"MT-SICS weight field invalid: {line!r}")
        return Reply(command, status, Decimal(weight["value"]), weight["unit"])
    if rest.strip() and not _QUOTED.search(rest):
        raise FramingError(f"MT-SICS reply has unexpected fields: {line!r}")
    return Reply(command, status, texts=tuple(_QUOTED.findall(rest)))


def reply_id(command: str) -> str:
    """The identifier a reply to `command` starts with (`SI` is answered `S`)."""
    word = command.split(" ")[0]
    return _REPLIES.get(word, (word, ""))[0]


def raise_for_reply(reply: Reply, command: str) -> None:
    """Raise the typed rejection a reply stands for; return if it is a success.

    FramingError if the reply does not answer `command` or carries a status
    the manual does not give for it (a `D` to `S` would be a weight the
    balance never called stable).
    """
    word = command.split(" ")[0]
    if reply.is_error:
        raise ERROR_REPLIES[reply.command](f"{command}: scale replied {reply.command}")
    expected, statuses = _REPLIES.get(word, (word, ""))
    if reply.command != expected:
        raise FramingError(f"reply {reply.command!r} while waiting for {command!r}")
    if statuses and reply.status not in statuses:
        raise FramingError(f"{command}: status {reply.status!r} is not a reply to it")
    if reply.status == "I":
        raise CommandNotExecutable(f"{command}: not executable now")
    if reply.status == "L":
        raise LogicRejected(f"{command}: parameter not accepted")
    if reply.status in "+-" and expected != "S":
        where = "above" if reply.status == "+" else "below"
        raise OutOfRange(f"{command}: weight {where} the allowed range")


def reading_from_reply(
    reply: Reply, kind: WeightKind = WeightKind.GROSS
) -> ScaleReading:
    """A weight reply (after `raise_for_reply`) as a reading."""
    if reply.status == "+":
        return ScaleReading(None, reply.unit, kind, Stability.UNKNOWN, Range.OVERLOAD)
    if reply.status == "-":
        return ScaleReading(None, reply.unit, kind, Stability.UNKNOWN, Range.UNDERLOAD)
    if reply.weight is None or reply.status not in "SD":
        raise FramingError(f"{reply.command} {reply.status} carries no weight")
    stability = Stability.STABLE if reply.status == "S" else Stability.MOTION
    return ScaleReading(reply.weight, reply.unit, kind, stability)


def encode_weight_reply(
    command: str, status: str, value: Decimal, unit: str = "kg", decimals: int = 3
) -> bytes:
    """The reply a balance sends to `command` (`SI` -> ``S D    1.000 kg``)."""
    field = f"{value:.{decimals}f}".rjust(WEIGHT_FIELD)
    return f"{reply_id(command)} {status} {field} {unit}\r\n".encode("ascii")


def encode_status_reply(command: str, status: str = "") -> bytes:
    """A status-only reply to `command`; no status for ES, ET and EL."""
    line = f"{reply_id(command)} {status}" if status else command
    return line.encode("ascii") + b"\r\n"


def encode_text_reply(command: str, *texts: str) -> bytes:
    """The reply to `command` carrying quoted texts (`@` -> ``I4 A "..."``)."""
    quoted = " ".join(f'"{text}"' for text in texts)
    return f"{reply_id(command)} A {quoted}\r\n".encode("ascii")
