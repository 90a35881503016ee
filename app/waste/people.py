"""Who does a step: a member of staff as the waste domain sees them, and
what their role lets them do here.

The rights come from ``app.identity.roles``: a porter handles waste, a
storage keeper also receives it, only an administrator types a weight, and a
ward handover is confirmed by a nurse of the ward. Sign-in itself belongs to
``app.identity``.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.errors import NotAllowed
from app.identity.roles import Right, Role, has_right, parse_role

ADMIN_ROLE = Role.ADMIN.value
WARD_NURSE_ROLES = frozenset({Role.NURSE, Role.CHARGE_NURSE})


@dataclass(frozen=True)
class Person:
    staff_number: str
    name: str
    role: str

    def may(self, right: Right) -> bool:
        try:
            return has_right(parse_role(self.role), right)
        except ValueError:
            return False  # an unknown role has no rights

    @property
    def is_admin(self) -> bool:
        return self.may(Right.OVERRIDE_WEIGHT)

    @property
    def is_ward_nurse(self) -> bool:
        return self.role in {role.value for role in WARD_NURSE_ROLES}

    def label(self) -> str:
        """How the person appears in a record: name and staff number."""
        return f"{self.name} ({self.staff_number})"


def require(person: Person, right: Right) -> None:
    """NotAllowed naming the person, the role and the right when it is missing."""
    if not person.may(right):
        raise NotAllowed(
            f"{person.staff_number} ({person.role}) lacks the right {right.value}"
        )
