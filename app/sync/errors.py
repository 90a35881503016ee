"""The sync errors with the details the UI and the outbox need.

Each class here is a subclass of one of the types in ``app.errors`` so that
the UI can keep mapping the base types to plain messages, while the push
loop reads the HTTP status, the server's OperationOutcome text, the failing
bundle entry and any ``Retry-After``.

    PlatformUnreachable
    ├── NoNetwork            refused, reset, DNS, cut mid-answer
    ├── PlatformTimeout      no answer within the time-out
    └── CertificateUntrusted the server's TLS certificate is not trusted
    PlatformRejected
    ├── RequestRejected      4xx for the content; outcome text, entry index
    └── TokenRefused
        └── CredentialsRefused  401/403, or the token endpoint said no
    PlatformFailed
    ├── ServerFailed         5xx
    ├── PlatformBusy         429 or 503 with the wait the server asked for
    └── NotFhir              a body that is not FHIR JSON
    Conflict
    └── VersionConflict      412: the record changed on the platform
"""

from __future__ import annotations

import re
from typing import Any

from app.errors import (
    Conflict,
    PlatformFailed,
    PlatformRejected,
    PlatformUnreachable,
    SyncError,
    TokenRefused,
)

__all__ = [
    "CertificateUntrusted",
    "CredentialsRefused",
    "NoNetwork",
    "NotFhir",
    "PlatformBusy",
    "PlatformTimeout",
    "RequestRejected",
    "ServerFailed",
    "VersionConflict",
    "error_kind",
    "outcome_text",
]


class NoNetwork(PlatformUnreachable):
    """The connection was refused, reset or cut."""


class PlatformTimeout(PlatformUnreachable):
    """The platform did not answer within the time-out."""


class CertificateUntrusted(PlatformUnreachable):
    """The platform's TLS certificate does not chain to the configured CA."""


class RequestRejected(PlatformRejected):
    """A 4xx for the content of a request."""

    def __init__(self, status: int, outcome: str, entry_index: int | None) -> None:
        self.status = status
        self.outcome = outcome
        self.entry_index = entry_index
        super().__init__(f"HTTP {status}: {outcome}")


class CredentialsRefused(TokenRefused):
    """401/403 from the platform, or the token endpoint refused the client."""

    def __init__(self, status: int, outcome: str) -> None:
        self.status = status
        self.outcome = outcome
        super().__init__(f"HTTP {status}: {outcome}")


class ServerFailed(PlatformFailed):
    """A 5xx answer."""

    def __init__(self, status: int, outcome: str) -> None:
        self.status = status
        self.outcome = outcome
        super().__init__(f"HTTP {status}: {outcome}")


class PlatformBusy(PlatformFailed):
    """429 or 503: come back after ``retry_after_s`` if the server said."""

    def __init__(self, status: int, retry_after_s: float | None) -> None:
        self.status = status
        self.retry_after_s = retry_after_s
        super().__init__(f"HTTP {status}: busy, retry after {retry_after_s} s")


class NotFhir(PlatformFailed):
    """The answer was not FHIR JSON (a proxy's HTML page, a truncated body)."""


class VersionConflict(Conflict):
    """412: someone else changed the record since the version we based ours on."""

    def __init__(self, resource_path: str, if_match: str | None) -> None:
        self.resource_path = resource_path
        self.if_match = if_match
        super().__init__(f"{resource_path} changed since {if_match}")


_ENTRY_PATTERNS = (
    re.compile(r"Bundle\.entry\[(\d+)\]"),
    re.compile(r"\bentry\s*\[?(\d+)\]?", re.IGNORECASE),
)


def outcome_text(body: Any) -> str:
    """The diagnostics of an OperationOutcome, one issue per line."""
    if not isinstance(body, dict) or body.get("resourceType") != "OperationOutcome":
        return ""
    lines = []
    for issue in body.get("issue") or []:
        text = issue.get("diagnostics") or (issue.get("details") or {}).get("text")
        lines.append(f"{issue.get('severity', '?')}: {text or issue.get('code', '')}")
    return "\n".join(lines)


def failing_entry(body: Any) -> int | None:
    """Which Bundle entry an OperationOutcome blames, if it says so.

    Servers say it in ``issue.expression`` (``Bundle.entry[3]``) or in the
    diagnostics text; when neither names one, the caller bisects.
    """
    if not isinstance(body, dict):
        return None
    for issue in body.get("issue") or []:
        texts = [*(issue.get("expression") or []), issue.get("diagnostics") or ""]
        for pattern in _ENTRY_PATTERNS:
            for text in texts:
                found = pattern.search(str(text))
                if found:
                    return int(found.group(1))
    return None


def error_kind(error: BaseException) -> str:
    """A short stable name for the kind of error, for status and tables."""
    kinds: list[tuple[type[BaseException], str]] = [
        (CertificateUntrusted, "certificate"),
        (PlatformTimeout, "timeout"),
        (PlatformUnreachable, "network"),
        (TokenRefused, "token"),
        (PlatformBusy, "busy"),
        (NotFhir, "not-fhir"),
        (PlatformFailed, "server"),
        (PlatformRejected, "rejected"),
        (Conflict, "conflict"),
        (SyncError, "sync"),
    ]
    for cls, kind in kinds:
        if isinstance(error, cls):
            return kind
    return "internal"
