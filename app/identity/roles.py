"""Roles and the rights they carry, whatever station a person stands at.

A porter sees no patient data; a nurse cannot edit a physician's
prescription (nobody at the station can: prescriptions are read-only here);
only admins configure devices or enrol faces.
"""

from __future__ import annotations

import enum


class Role(enum.Enum):
    NURSE = "nurse"
    CHARGE_NURSE = "charge-nurse"
    PORTER = "porter"
    STORAGE_KEEPER = "storage-keeper"
    ADMIN = "admin"


class Right(enum.Enum):
    SEE_PATIENTS = "see-patients"
    CONFIRM_PRESCRIPTION = "confirm-prescription"
    RUN_TREATMENT = "run-treatment"
    HANDLE_WASTE = "handle-waste"
    RECEIVE_WASTE = "receive-waste"
    OVERRIDE_WEIGHT = "override-weight"
    CONFIGURE_DEVICES = "configure-devices"
    ENROL_FACES = "enrol-faces"
    UNLOCK_ANY = "unlock-any"  # a supervisor may unlock another's screen
    VIEW_AUDIT = "view-audit"


RIGHTS: dict[Role, frozenset[Right]] = {
    Role.NURSE: frozenset(
        {
            Right.SEE_PATIENTS,
            Right.CONFIRM_PRESCRIPTION,
            Right.RUN_TREATMENT,
            Right.HANDLE_WASTE,
        }
    ),
    Role.CHARGE_NURSE: frozenset(
        {
            Right.SEE_PATIENTS,
            Right.CONFIRM_PRESCRIPTION,
            Right.RUN_TREATMENT,
            Right.HANDLE_WASTE,
            Right.UNLOCK_ANY,
            Right.VIEW_AUDIT,
        }
    ),
    Role.PORTER: frozenset({Right.HANDLE_WASTE}),
    Role.STORAGE_KEEPER: frozenset({Right.HANDLE_WASTE, Right.RECEIVE_WASTE}),
    Role.ADMIN: frozenset(
        {
            Right.CONFIGURE_DEVICES,
            Right.ENROL_FACES,
            Right.OVERRIDE_WEIGHT,
            Right.UNLOCK_ANY,
            Right.VIEW_AUDIT,
        }
    ),
}


def parse_role(value: str) -> Role:
    try:
        return Role(value)
    except ValueError:
        known = ", ".join(r.value for r in Role)
        raise ValueError(f"unknown role {value!r}; known roles: {known}") from None


def has_right(role: Role, right: Right) -> bool:
    return right in RIGHTS[role]
