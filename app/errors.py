"""Exceptions raised by the app floor.

    CareloopError                    base of every app-floor error
    ├── ConfigError                  the station configuration is wrong
    │   └── ConfigMissing            no configuration file where one is looked for
    ├── StoreError                   the local database cannot be used
    │   ├── StoreNotSqlite           the file is not an SQLite database
    │   ├── StoreCorrupt             SQLite, but damaged (pages, schema)
    │   ├── StoreUnavailable         cannot be opened or written: read-only
    │   │                            folder, no permission, full disk, I/O
    │   ├── StoreMissing             no database file where one must exist
    │   └── StoreTooNew              written by a newer Careloop schema
    ├── ValidationError              a value breaks a domain rule
    ├── AuthError                    sign-in or rights refused
    │   ├── WrongCredentials         unknown staff number or wrong PIN
    │   │   └── UnknownBadge         a badge of no active staff member
    │   ├── StaffNotActive           identified (face), but no longer an
    │   │                            active member of the staff directory
    │   ├── LockedOut                too many failures, try later
    │   └── NotAllowed               the role does not have this right
    │       └── NoRole               the person has no (known) role yet
    ├── AuditBroken                  the audit chain does not verify
    └── SyncError                    talking to the platform failed
        ├── PlatformUnreachable      no network, DNS, TLS or time-out
        ├── PlatformRejected         4xx for the content of a request
        │   └── TokenRefused         401/403: the credentials were refused
        ├── PlatformFailed           5xx or a body that is not FHIR JSON
        └── Conflict                 412: someone else changed the record

The UI maps these types, never their message text, to a plain message in the
person's language.
"""

from __future__ import annotations


class CareloopError(Exception):
    """Base class of every error raised on the app floor."""


class ConfigError(CareloopError):
    """The station configuration file is wrong.

    The message names the file, the line where known, the key and what was
    expected, so an IT engineer can fix it without reading code.
    """

    def __init__(
        self, path: str, key: str, expected: str, line: int | None = None
    ) -> None:
        self.path = path
        self.key = key
        self.expected = expected
        self.line = line
        where = f"{path}, line {line}" if line is not None else path
        super().__init__(f"{where}: {key}: {expected}")


class ConfigMissing(ConfigError):
    """No configuration file exists at any of the places looked at."""


class StoreError(CareloopError):
    """The local database cannot be opened or used."""


class StoreNotSqlite(StoreError):
    """The database file exists but is not an SQLite database."""


class StoreCorrupt(StoreError):
    """The file is SQLite but damaged: malformed pages or a broken schema."""


class StoreUnavailable(StoreError):
    """The file or its folder cannot be opened or written.

    A read-only or missing folder, no permission, a full disk, an I/O error or
    another program holding the file. Moving the file aside does not help;
    fixing the machine and trying again does.
    """


class StoreMissing(StoreError):
    """No database file exists where one must (e.g. for ``audit verify``)."""


class StoreTooNew(StoreError):
    """The database was written by a newer Careloop schema than this one."""


class ValidationError(CareloopError):
    """A value breaks a domain rule; the message names the value."""


class AuthError(CareloopError):
    """Sign-in or a right was refused."""


class WrongCredentials(AuthError):
    """Unknown staff number or wrong PIN (deliberately not told apart)."""


class UnknownBadge(WrongCredentials):
    """A scanned badge belongs to no active staff member."""


class StaffNotActive(AuthError):
    """A face identified a person who has left the staff directory."""


class LockedOut(AuthError):
    """Too many failed attempts for this staff number; try again later."""


class NotAllowed(AuthError):
    """The signed-in person's role does not carry this right."""


class NoRole(NotAllowed):
    """The person is in the directory but has no role this station knows.

    A Practitioner pulled without a PractitionerRole, for instance: the PIN
    may be right, but without a role there are no rights to sign in with.
    """


class AuditBroken(CareloopError):
    """The audit chain does not verify; `row_id` is the first broken link."""

    def __init__(self, row_id: int, reason: str) -> None:
        self.row_id = row_id
        self.reason = reason
        super().__init__(f"audit row {row_id}: {reason}")


class SyncError(CareloopError):
    """Talking to the hospital platform failed."""


class PlatformUnreachable(SyncError):
    """No network, a refused connection, a TLS failure or a time-out."""


class PlatformRejected(SyncError):
    """The platform refused a request for its content (4xx)."""


class TokenRefused(PlatformRejected):
    """The platform refused the credentials (401 or 403)."""


class PlatformFailed(SyncError):
    """The platform failed (5xx) or answered with something not FHIR JSON."""


class Conflict(SyncError):
    """A conditional update found the record changed by someone else (412)."""
