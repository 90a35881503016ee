"""Typed errors of the waste domain; each names the bag and what was wrong.

    ValidationError (app.errors)
    ├── WrongBagState        a step asked of a bag in the wrong state
    ├── UnknownBag           no bag with this code
    ├── BagAlreadyExists     a code registered twice
    ├── WeightNotUsable      no locked scale weight, or a weight of nothing
    ├── HandoverRefused      the two confirmations are missing or the same person
    ├── IntakeBlocked        intake weight outside tolerance and no reason given
    └── OutboundRefused      the manifest lacks a field or a bag
    NotAllowed (app.errors)
    └── OverrideRefused      a typed weight without an administrator or a reason

The UI maps these types to plain messages; it never parses the text.
"""

from __future__ import annotations

from app.errors import NotAllowed, ValidationError


class WrongBagState(ValidationError):
    def __init__(self, bag_code: str, state: str, wanted: tuple[str, ...]) -> None:
        self.bag_code = bag_code
        self.state = state
        self.wanted = wanted
        super().__init__(
            f"bag {bag_code} is {state}; this step needs {' or '.join(wanted)}"
        )


class UnknownBag(ValidationError):
    def __init__(self, bag_code: str) -> None:
        self.bag_code = bag_code
        super().__init__(f"no bag with code {bag_code!r}")


class BagAlreadyExists(ValidationError):
    def __init__(self, bag_code: str) -> None:
        self.bag_code = bag_code
        super().__init__(f"bag {bag_code} is already registered")


class WeightNotUsable(ValidationError):
    """No stable scale weight was locked, or it is zero or negative."""


class HandoverRefused(ValidationError):
    """The ward handover needs a ward nurse and a porter, two different people."""


class IntakeBlocked(ValidationError):
    def __init__(
        self, bag_code: str, collection_g: int, intake_g: int, allowed_g: int
    ) -> None:
        self.bag_code = bag_code
        self.collection_g = collection_g
        self.intake_g = intake_g
        self.allowed_g = allowed_g
        super().__init__(
            f"bag {bag_code}: intake {intake_g} g differs from collection "
            f"{collection_g} g by more than {allowed_g} g; a named person must "
            "record a reason"
        )


class OutboundRefused(ValidationError):
    """The outbound handover lacks a required field or has no bags."""


class OverrideRefused(NotAllowed):
    """A typed weight needs an administrator and a written reason."""
