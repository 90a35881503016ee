"""What the monitoring side remembers between messages, and how it answers.

``decode_report`` turns one MLLP payload into an ``ObservationReport`` or
the ``MessageRejected`` that explains why not; it is slow (hl7apy) and pure,
so a driver may run it off the event loop. ``Hl7Receiver.take`` then applies
the outcome in arrival order: it keeps the machine's identity, settings and
mode, numbers readings the machine did not number, drops a resent message
(same control id) and any reading numbered at or below the last one taken
instead of recording it twice, reports a gap in the machine's numbering as a
``SequenceGap`` (never filling it), and builds the ACK to send back.

No I/O here and no clock of its own: the driver owns sockets and time.
"""

from __future__ import annotations

import dataclasses
import logging
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timezone

from devices.dialysis.hl7 import ack, oru
from devices.dialysis.hl7.errors import MessageRejected
from devices.dialysis.model import (
    MachineAlarm,
    MachineEvent,
    MachineIdentity,
    MachineMode,
    MachineSettings,
    Reading,
    SequenceGap,
)

log = logging.getLogger(__name__)

# How many accepted control ids are remembered to recognise a resend.
_REMEMBERED_CONTROL_IDS = 256


def decode_report(
    payload: bytes, *, encoding: str = "utf-8", default_zone: timezone = UTC
) -> oru.ObservationReport | MessageRejected:
    """One MLLP payload read as ORU^R01, or the rejection; never raises."""
    try:
        text = payload.decode(encoding)
    except UnicodeDecodeError:
        return MessageRejected(
            "AR", oru.DATA_TYPE_ERROR, f"message is not {encoding} text"
        )
    try:
        return oru.parse_report(text.lstrip(), default_zone=default_zone)
    except MessageRejected as rejected:
        return rejected
    except Exception as error:  # a parser bug must not take the link down
        return MessageRejected(
            "AE",
            oru.APPLICATION_ERROR,
            f"unexpected {type(error).__name__} reading message",
        )


@dataclass
class Taken:
    """The outcome of one message: what to deliver, what to answer."""

    events: list[MachineEvent] = field(default_factory=list)
    ack_text: str = ""
    accepted: bool = True
    reason: str = ""


class Hl7Receiver:
    """The monitoring state of one machine's HL7 stream."""

    def __init__(self, *, clock: Callable[[], datetime], name: str = "hl7") -> None:
        self._clock = clock
        self._name = name
        self._identity_fields: dict[str, str] = {}
        self._device_id: str | None = None
        self._settings: MachineSettings | None = None
        self._mode: MachineMode | None = None
        self._last_reading: int | None = None
        self._last_alarm: int | None = None
        self._own_reading_number = 0
        self._own_alarm_number = 0
        self._accepted_ids: deque[str] = deque(maxlen=_REMEMBERED_CONTROL_IDS)
        self._acks_sent = 0
        self.messages_accepted = 0
        self.messages_rejected = 0
        self.deliver = True  # False: keep track, hand out no readings/alarms

    @property
    def identity(self) -> MachineIdentity | None:
        """What the machine said about itself; None before a serial is known."""
        fields = self._identity_fields
        serial = fields.get("serial_number") or self._device_id
        if not serial:
            return None
        return MachineIdentity(
            manufacturer=fields.get("manufacturer", ""),
            model=fields.get("model", ""),
            serial_number=serial,
            software_version=fields.get("software_version", ""),
        )

    @property
    def settings(self) -> MachineSettings | None:
        return self._settings

    @property
    def mode(self) -> MachineMode | None:
        return self._mode

    def take(self, outcome: oru.ObservationReport | MessageRejected) -> Taken:
        """Apply one decoded message and build its ACK."""
        if isinstance(outcome, MessageRejected):
            return self._reject(outcome)
        report = outcome
        if self._is_resend(report):
            log.info(
                "%s: message %s received again; answered, not recorded",
                self._name,
                report.control_id,
            )
            return Taken(ack_text=self._ack("AA", report))
        self._accepted_ids.append(report.control_id)
        self.messages_accepted += 1
        taken = Taken(ack_text=self._ack("AA", report))
        self._remember(report, taken.events)
        self._number_alarms(report.alarms, report.alarms_numbered, taken.events)
        self._number_readings(report.readings, report.machine_numbered, taken.events)
        return taken

    def _is_resend(self, report: oru.ObservationReport) -> bool:
        """Seen before: same control id, and no reading numbered past ours.

        A sender that restarted may reuse a control id for a new message;
        its numbered readings then run past what we have, and it is taken.
        """
        if report.control_id not in self._accepted_ids:
            return False
        last = self._last_reading
        new_readings = (
            report.machine_numbered
            and bool(report.readings)
            and last is not None
            and report.readings[-1].sequence > last
        )
        if new_readings:
            log.warning(
                "%s: control id %s reused for new readings",
                self._name,
                report.control_id,
            )
        return not new_readings

    def _reject(self, rejected: MessageRejected) -> Taken:
        self.messages_rejected += 1
        log.warning(
            "%s: message %s answered %s: %s",
            self._name,
            rejected.control_id or "(no control id)",
            rejected.ack_code,
            rejected.reason,
        )
        text = ack.build_ack(
            code=rejected.ack_code,
            control_id=rejected.control_id,
            ack_control_id=self._next_ack_id(),
            sent_at=self._clock(),
            error_code=rejected.error_code,
            reason=rejected.reason,
        )
        return Taken(ack_text=text, accepted=False, reason=rejected.reason)

    def _ack(self, code: str, report: oru.ObservationReport) -> str:
        return ack.build_ack(
            code=code,
            control_id=report.control_id,
            ack_control_id=self._next_ack_id(),
            sent_at=self._clock(),
            sender=report.sending_application,
        )

    def _next_ack_id(self) -> str:
        self._acks_sent += 1
        return f"ACK{self._acks_sent}"

    def _remember(
        self, report: oru.ObservationReport, events: list[MachineEvent]
    ) -> None:
        self._identity_fields.update(report.identity)
        if report.device_id:
            self._device_id = report.device_id
        if report.settings or report.modality is not None:
            values = dict(self._settings.values) if self._settings else {}
            values.update(report.settings)
            modality = report.modality or (
                self._settings.modality if self._settings else "HD"
            )
            self._settings = MachineSettings(values=values, modality=modality)
        if report.mode is not None and report.mode is not self._mode:
            self._mode = report.mode
            events.append(report.mode)

    def _number_readings(
        self, readings: list[Reading], numbered: bool, events: list[MachineEvent]
    ) -> None:
        if not numbered:
            readings = [self._own_number(reading) for reading in readings]
        duplicates = 0
        for reading in readings:
            if not self._fits_numbering(reading.sequence, events):
                duplicates += 1
                continue
            self._last_reading = reading.sequence
            if self.deliver:
                events.append(reading)
        if duplicates:
            log.info(
                "%s: %d readings already received were not recorded again",
                self._name,
                duplicates,
            )

    def _own_number(self, reading: Reading) -> Reading:
        self._own_reading_number += 1
        return dataclasses.replace(reading, sequence=self._own_reading_number)

    def _fits_numbering(self, number: int, events: list[MachineEvent]) -> bool:
        """Whether a reading numbered ``number`` is new; reports a gap before it.

        Number 1 below what we have means the machine restarted its count;
        any other number at or below it is a reading we already have.
        """
        last = self._last_reading
        if last is None or number == last + 1:
            return True
        if number <= last:
            if number != 1:
                return False
            log.warning(
                "%s: machine restarted reading numbers (was at %d)", self._name, last
            )
            return True
        log.warning(
            "%s: readings %d-%d never arrived", self._name, last + 1, number - 1
        )
        if self.deliver:
            events.append(SequenceGap(last + 1, number - 1, self._clock()))
        return True

    def _number_alarms(
        self, alarms: list[MachineAlarm], numbered: bool, events: list[MachineEvent]
    ) -> None:
        for alarm in alarms:
            if not numbered:
                self._own_alarm_number += 1
                alarm = dataclasses.replace(alarm, sequence=self._own_alarm_number)
            elif self._last_alarm is not None and alarm.sequence > self._last_alarm + 1:
                log.warning(
                    "%s: alarm messages %d-%d never arrived",
                    self._name,
                    self._last_alarm + 1,
                    alarm.sequence - 1,
                )
            self._last_alarm = alarm.sequence
            if self.deliver:
                events.append(alarm)
