"""Signing in and out, and the screen lock, by staff number and PIN.

PINs are kept only as Argon2 hashes. Verifying a hash takes tens of
milliseconds on purpose, so every check runs off the caller's thread (the
async methods hand it to an executor); the GUI thread never waits on it.

Wrong staff number and wrong PIN get the same answer, and a staff number
that fails too often is locked out for a while. Every attempt, right or
wrong, is an audit row. Face and badge sign-in come in through
``sign_in_verified`` once another part has established who the person is.
"""

from __future__ import annotations

import asyncio
import json
import logging
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from app import audit
from app.errors import (
    LockedOut,
    NoRole,
    NotAllowed,
    StaffNotActive,
    UnknownBadge,
    ValidationError,
    WrongCredentials,
)
from app.identity.roles import Right, Role, has_right, parse_role
from app.store import Store
from app.store.models import AuditEntry, Staff

log = logging.getLogger(__name__)

MAX_FAILURES = 5
LOCKOUT = timedelta(minutes=5)
PIN_LENGTHS = range(4, 13)

# Parameters sized for a 2-core station: ~50 ms a check, 32 MiB.
_hasher = PasswordHasher(time_cost=2, memory_cost=32 * 1024, parallelism=1)


def hash_pin(pin: str) -> str:
    if not pin.isdigit() or len(pin) not in PIN_LENGTHS:
        raise ValidationError("a PIN is 4 to 12 digits")
    return _hasher.hash(pin)


_stand_in: list[str] = []


def _stand_in_hash() -> str:
    """A hash of no one's PIN, made once, to check unknown numbers against."""
    if not _stand_in:
        _stand_in.append(_hasher.hash(secrets.token_hex(16)))
    return _stand_in[0]


def pin_matches(pin_hash: str | None, pin: str) -> bool:
    """Does ``pin`` match? Takes the same Argon2 time when there is no hash.

    An unknown staff number (or one with no PIN) is checked against a stand-in
    hash, so the answer's timing does not tell which staff numbers exist.
    """
    try:
        matched = _hasher.verify(pin_hash or _stand_in_hash(), pin)
    except (VerificationError, InvalidHashError):
        return False
    return matched and bool(pin_hash)


@dataclass(frozen=True)
class Person:
    staff_id: int
    staff_number: str
    name: str
    role: Role

    def can(self, right: Right) -> bool:
        return has_right(self.role, right)


@dataclass
class _Failures:
    count: int = 0
    locked_until: datetime | None = None


@dataclass
class SignInService:
    """Who is signed in at this station, and whether the screen is locked."""

    store: Store
    station_id: str
    clock: Callable[[], datetime] = lambda: datetime.now(UTC)
    person: Person | None = None
    locked: bool = False
    # Who last opened the lock, when it was not the holder (a supervisor).
    # Work then continues under the holder's name; the UI says so.
    unlocked_by: Person | None = None
    _failures: dict[str, _Failures] = field(default_factory=dict)

    async def sign_in(self, staff_number: str, pin: str) -> Person:
        person = await self._check_pin(staff_number, pin, "sign-in")
        self.person = person
        self.locked = False
        self.unlocked_by = None
        return person

    async def sign_in_verified(self, staff_id: int, method: str) -> Person:
        """Sign in a person another check (face, badge) has identified.

        A person no longer active in the directory is refused with
        :class:`StaffNotActive`, and the refusal is audited.
        """
        try:
            person = await self.store.writer.run(
                lambda s: self._person_by_id(s, staff_id)
            )
        except NoRole:
            await self._audit(
                f"staff-id:{staff_id}",
                "sign-in",
                {"method": method, "ok": False, "why": "no_role"},
            )
            raise
        except WrongCredentials:
            await self._audit(
                f"staff-id:{staff_id}",
                "sign-in",
                {"method": method, "ok": False, "why": "not_active"},
            )
            raise StaffNotActive(f"staff id {staff_id} is not active") from None
        await self._audit(
            person.staff_number, "sign-in", {"method": method, "ok": True}
        )
        self.person = person
        self.locked = False
        self.unlocked_by = None
        return person

    async def sign_in_badge(self, badge_id: str) -> Person:
        """Sign in the active person whose badge this is; every scan is audited."""
        with self.store.read_session() as session:
            staff = session.scalar(select(Staff).where(Staff.badge_id == badge_id))
            active = staff is not None and staff.active
            number = staff.staff_number if staff is not None else ""
            role = _role_or_none(staff.role) if staff is not None else None
            person = (
                Person(staff.id, staff.staff_number, staff.name, role)
                if staff is not None and active and role is not None
                else None
            )
        if active and role is None:
            await self._audit(
                number, "sign-in", {"method": "badge", "ok": False, "why": "no_role"}
            )
            raise NoRole(f"{number} has no role this station knows")
        actor = person.staff_number if person is not None else "unknown-badge"
        await self._audit(
            actor, "sign-in", {"method": "badge", "ok": person is not None}
        )
        if person is None:
            raise UnknownBadge("this badge belongs to no active staff member")
        self.person = person
        self.locked = False
        self.unlocked_by = None
        return person

    async def sign_out(self) -> None:
        if self.person is not None:
            await self._audit(self.person.staff_number, "sign-out", {})
        self.person = None
        self.locked = False
        self.unlocked_by = None

    async def lock(self, reason: str) -> None:
        if self.person is None or self.locked:
            return
        self.locked = True
        await self._audit(self.person.staff_number, "lock", {"reason": reason})

    async def unlock(self, staff_number: str, pin: str) -> Person:
        """Unlock for the signed-in person, or for a supervisor.

        A supervisor opens the holder's session: work continues under the
        holder's name (the signed-in person does not change), the supervisor
        is kept in ``unlocked_by`` for the UI to show, and the audit row
        names both. Returns the holder.
        """
        if self.person is None:
            raise NotAllowed("nobody is signed in")
        person = await self._check_pin(staff_number, pin, "unlock")
        holder = self.person
        if person.staff_id != holder.staff_id:
            if not person.can(Right.UNLOCK_ANY):
                await self._audit(
                    staff_number, "unlock-refused", {"holder": holder.staff_number}
                )
                raise NotAllowed(
                    f"{staff_number} may not unlock another person's screen"
                )
            await self._audit(
                staff_number, "unlock-for-holder", {"holder": holder.staff_number}
            )
        self.unlocked_by = person if person.staff_id != holder.staff_id else None
        self.locked = False
        return holder

    async def set_pin(self, staff_number: str, pin: str, actor: str) -> None:
        """Set a person's PIN (admin enrolment or first use)."""
        pin_hash = await asyncio.get_running_loop().run_in_executor(None, hash_pin, pin)

        def write(session: Session) -> None:
            staff = self._staff_by_number(session, staff_number)
            staff.pin_hash = pin_hash
            audit.append(
                session,
                station_id=self.station_id,
                actor=actor,
                action="set-pin",
                subject=f"staff/{staff.id}",
            )

        await self.store.writer.run(write)

    async def _check_pin(self, staff_number: str, pin: str, action: str) -> Person:
        now = self.clock()
        if staff_number not in self._failures:
            self._failures[staff_number] = self._failures_on_record(staff_number, now)
        failures = self._failures[staff_number]
        if failures.locked_until is not None and now < failures.locked_until:
            raise LockedOut(
                f"{staff_number} locked until {failures.locked_until:%H:%M}"
            )

        with self.store.read_session() as session:
            staff = session.scalar(
                select(Staff).where(Staff.staff_number == staff_number)
            )
            pin_hash = staff.pin_hash if staff is not None and staff.active else None
            role = _role_or_none(staff.role) if staff is not None else None
            person = (
                Person(staff.id, staff.staff_number, staff.name, role)
                if staff is not None and role is not None
                else None
            )
        loop = asyncio.get_running_loop()
        ok = await loop.run_in_executor(None, pin_matches, pin_hash, pin)

        if ok and person is None:  # the right PIN, but no role to sign in with
            await self._audit(
                staff_number, action, {"method": "pin", "ok": False, "why": "no_role"}
            )
            log.warning("staff number refused: no known role in the directory")
            raise NoRole(f"{staff_number} has no role this station knows")
        await self._audit(staff_number, action, {"method": "pin", "ok": ok})
        if not ok or person is None:
            failures.count += 1
            if failures.count >= MAX_FAILURES:
                failures.locked_until = now + LOCKOUT
                failures.count = 0
                log.warning("staff number locked out after %d failures", MAX_FAILURES)
            raise WrongCredentials("unknown staff number or wrong PIN")
        self._failures.pop(staff_number, None)
        return person

    def _failures_on_record(self, staff_number: str, now: datetime) -> _Failures:
        """Recent failures from the audit trail, so a restart keeps a lockout."""
        with self.store.read_session() as session:
            rows = session.scalars(
                select(AuditEntry)
                .where(
                    AuditEntry.actor == staff_number,
                    AuditEntry.action.in_(("sign-in", "unlock")),
                    AuditEntry.station_id == self.station_id,
                )
                .order_by(AuditEntry.id.desc())
                .limit(4 * MAX_FAILURES)
            ).all()
            outcomes = [(row.at, json.loads(row.detail_json)) for row in rows]
        failed_at = []
        for at, detail in outcomes:  # newest first, up to the last success
            if detail.get("method") != "pin":
                continue
            if detail.get("ok") is not False or detail.get("why"):
                break
            failed_at.append(at)
        replayed = _Failures()  # the same rule as _check_pin, oldest first
        for at in reversed(failed_at):
            replayed.count += 1
            if replayed.count >= MAX_FAILURES:
                replayed.locked_until = at + LOCKOUT
                replayed.count = 0
        if replayed.locked_until is not None and now >= replayed.locked_until:
            replayed.locked_until = None
        return replayed

    async def _audit(self, actor: str, action: str, detail: dict[str, object]) -> None:
        def write(session: Session) -> None:
            audit.append(
                session,
                station_id=self.station_id,
                actor=actor,
                action=action,
                subject="station",
                detail=detail,
                at=self.clock(),
            )

        await self.store.writer.run(write)

    @staticmethod
    def _staff_by_number(session: Session, staff_number: str) -> Staff:
        staff = session.scalar(select(Staff).where(Staff.staff_number == staff_number))
        if staff is None:
            raise ValidationError(f"no staff member with number {staff_number}")
        return staff

    @staticmethod
    def _person_by_id(session: Session, staff_id: int) -> Person:
        staff = session.get(Staff, staff_id)
        if staff is None or not staff.active:
            raise WrongCredentials(f"staff id {staff_id} is not an active staff member")
        return _person(staff)


def _role_or_none(value: str | None) -> Role | None:
    try:
        return parse_role(value or "")
    except ValueError:
        return None


def _person(staff: Staff) -> Person:
    """The person behind a staff row; NoRole when it has no known role."""
    role = _role_or_none(staff.role)
    if role is None:
        raise NoRole(f"{staff.staff_number} has no role this station knows")
    return Person(staff.id, staff.staff_number, staff.name, role)
