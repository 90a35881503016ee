"""waste records: kept, never deleted; stock by state

Waste bags and their steps must stay on record for at least three years
(医疗废物管理条例 art. 12), so the database itself refuses to delete a bag or
a step, or to rewrite a step once written. A bag's state index serves the
storage stock and cart-load screens.

Revision ID: 0002_waste
Revises: 0001
"""

from __future__ import annotations

from alembic import op

revision = "0002_waste"
down_revision = "0001"
branch_labels = None
depends_on = None

_TRIGGERS = {
    "waste_bag_never_deleted": (
        "BEFORE DELETE ON waste_bag",
        "waste bags are kept, never deleted",
    ),
    "waste_event_never_deleted": (
        "BEFORE DELETE ON waste_event",
        "waste steps are kept, never deleted",
    ),
    "waste_event_never_changed": (
        "BEFORE UPDATE ON waste_event",
        "waste steps are never rewritten",
    ),
}


def upgrade() -> None:
    with op.batch_alter_table("waste_bag", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_waste_bag_state"), ["state"], unique=False)
    for name, (when, message) in _TRIGGERS.items():
        op.execute(
            f"CREATE TRIGGER {name} {when} FOR EACH ROW "
            f"BEGIN SELECT RAISE(ABORT, '{message}'); END"
        )


def downgrade() -> None:
    for name in _TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    with op.batch_alter_table("waste_bag", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_waste_bag_state"))
