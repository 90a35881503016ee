"""ASTM E1394 (CLSI LIS02) records: delimiters, escapes, parsing, encoding.

A message is records separated by CR, the first an ``H`` header whose second
field declares the delimiters (field, repeat, component, escape; usually
``|\\^&``). A record is fields; a field is repeats; a repeat is components.
Delimiters inside data travel as escapes: ``&F&`` ``&S&`` ``&R&`` ``&E&``.

Fields are numbered as the standard numbers them: field 1 is the record
type, so ``record.component(5, 4)`` is the fourth component of field 5.

No I/O and no meaning: which field carries what for a dialysis machine is
``profile.py``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from devices.errors import ProtocolError

ENCODING = "utf-8"


class RecordError(ProtocolError):
    """A message whose records cannot be read (no header, bad delimiters)."""


@dataclass(frozen=True)
class Delimiters:
    field: str = "|"
    repeat: str = "\\"
    component: str = "^"
    escape: str = "&"

    @classmethod
    def from_header(cls, line: str) -> Delimiters:
        """The delimiters an ``H`` record declares in its first five bytes."""
        if len(line) < 5 or line[0] != "H":
            raise RecordError(f"a message starts with an H record: {line[:20]!r}")
        chosen = cls(field=line[1], repeat=line[2], component=line[3], escape=line[4])
        if len(set(chosen.declared())) != 4 or any(
            c.isalnum() or c in "\r\n" for c in chosen.declared()
        ):
            raise RecordError(f"H record declares unusable delimiters {line[1:5]!r}")
        return chosen

    def declared(self) -> str:
        return self.field + self.repeat + self.component + self.escape

    def escape_text(self, text: str) -> str:
        """``text`` with every delimiter written as its escape sequence."""
        e = self.escape
        out = text.replace(e, f"{e}E{e}")
        out = out.replace(self.field, f"{e}F{e}")
        out = out.replace(self.repeat, f"{e}R{e}")
        out = out.replace(self.component, f"{e}S{e}")
        return out

    def unescape_text(self, text: str) -> str:
        """The inverse of ``escape_text``; unknown sequences are kept as sent."""
        e = self.escape
        if e not in text:
            return text
        meaning = {"F": self.field, "R": self.repeat, "S": self.component, "E": e}
        out: list[str] = []
        i = 0
        while i < len(text):
            if text[i] == e and i + 2 < len(text) and text[i + 2] == e:
                letter = text[i + 1]
                if letter in meaning:
                    out.append(meaning[letter])
                    i += 3
                    continue
            out.append(text[i])
            i += 1
        return "".join(out)


STANDARD = Delimiters()

Components = tuple[str, ...]
Field = tuple[Components, ...]  # repeats


def _clean(text: str) -> str:
    """Record text may not hold CR (it ends a record) or control bytes."""
    return "".join(" " if ord(c) < 0x20 or c == "\x7f" else c for c in text)


@dataclass(frozen=True)
class Record:
    """One record; ``fields[0]`` is field 1, the record type."""

    fields: tuple[Field, ...]

    @classmethod
    def of(cls, record_type: str, *fields: str | Sequence[str]) -> Record:
        """Build from plain values: a str is one component, a sequence many."""
        built: list[Field] = [((record_type,),)]
        for value in fields:
            components = (value,) if isinstance(value, str) else tuple(value)
            built.append((components,))
        return cls(tuple(built))

    @property
    def type(self) -> str:
        return self.component(1)

    def components(self, number: int, repeat: int = 1) -> Components:
        """Components of field ``number`` (1-based); () if absent."""
        if number < 1 or number > len(self.fields):
            return ()
        repeats = self.fields[number - 1]
        if repeat < 1 or repeat > len(repeats):
            return ()
        return repeats[repeat - 1]

    def component(self, number: int, component: int = 1) -> str:
        """One component of field ``number`` (both 1-based); "" if absent."""
        parts = self.components(number)
        if component < 1 or component > len(parts):
            return ""
        return parts[component - 1]

    def repeats(self, number: int) -> Field:
        if number < 1 or number > len(self.fields):
            return ()
        return self.fields[number - 1]

    def encode(self, delimiters: Delimiters = STANDARD) -> str:
        d = delimiters
        rendered: list[str] = []
        for index, field in enumerate(self.fields):
            if index == 1 and self.type == "H":
                continue  # the delimiter declaration is written below
            rendered.append(
                d.repeat.join(
                    d.component.join(d.escape_text(_clean(c)) for c in repeat)
                    for repeat in field
                )
            )
        # "H|\^&" is the type, then the field, repeat, component and escape
        # delimiters: the declaration is not an ordinary field.
        if self.type == "H":
            rest = d.field.join(rendered[1:]).rstrip(d.field)
            return "H" + d.declared() + (d.field + rest if rest else "")
        return d.field.join(rendered).rstrip(d.field) or rendered[0]


def parse_record(line: str, delimiters: Delimiters) -> Record:
    """One record line (without its CR) under ``delimiters``."""
    d = delimiters
    if not line:
        raise RecordError("empty record")
    raw_fields = line.split(d.field)
    fields: list[Field] = []
    for index, raw in enumerate(raw_fields):
        if index == 1 and raw_fields[0] == "H":
            fields.append(((raw,),))  # the delimiter declaration, kept as sent
            continue
        fields.append(
            tuple(
                tuple(d.unescape_text(c) for c in repeat.split(d.component))
                for repeat in raw.split(d.repeat)
            )
        )
    return Record(tuple(fields))


def encode_message(
    records: Sequence[Record], delimiters: Delimiters = STANDARD
) -> bytes:
    """Records as message bytes, each ending in CR; the first must be H."""
    if not records or records[0].type != "H":
        raise ValueError("a message starts with an H record")
    return "".join(r.encode(delimiters) + "\r" for r in records).encode(ENCODING)


def parse_message(message: bytes) -> list[Record]:
    """Records of one message; RecordError if it has no readable header.

    Bytes that are not UTF-8 become U+FFFD rather than failing the message.
    """
    text = message.decode(ENCODING, errors="replace")
    lines = [line for line in text.replace("\n", "\r").split("\r") if line]
    if not lines:
        raise RecordError("empty message")
    delimiters = Delimiters.from_header(lines[0])
    return [parse_record(line, delimiters) for line in lines]
