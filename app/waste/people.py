"""Who does a step: a member of staff as the waste domain sees them.

The domain records staff numbers and names, never more. Rights are checked
here only where the waste rules need them (a typed weight needs an
administrator); sign-in itself belongs to ``app.identity``.
"""

from __future__ import annotations

from dataclasses import dataclass

ADMIN_ROLE = "admin"


@dataclass(frozen=True)
class Person:
    staff_number: str
    name: str
    role: str

    @property
    def is_admin(self) -> bool:
        return self.role == ADMIN_ROLE

    def label(self) -> str:
        """How the person appears in a record: name and staff number."""
        return f"{self.name} ({self.staff_number})"
