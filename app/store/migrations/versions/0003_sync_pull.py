"""sync pull: what a prescription was ordered in, why it is unusable; kept rejects

A pulled prescription keeps every parameter as the platform sent it
(``parameters_json``) and, when a unit or a value cannot be used safely,
why (``unusable_json``). A pulled resource that could not be mapped is kept
whole in ``pull_rejected`` with its reason, so it can be shown and tried
again when the mapping or the configuration changes, instead of being lost
behind the watermark.

Revision ID: 0003_sync_pull
Revises: 0002_waste
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_sync_pull"
down_revision = "0002_waste"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("prescription", schema=None) as batch_op:
        batch_op.add_column(sa.Column("parameters_json", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("unusable_json", sa.Text(), nullable=True))
    op.create_table(
        "pull_rejected",
        sa.Column("resource_type", sa.String(length=32), nullable=False),
        sa.Column("fhir_id", sa.String(length=64), nullable=False),
        sa.Column("fhir_version", sa.String(length=64), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("resource_json", sa.Text(), nullable=False),
        sa.Column("first_seen_at", sa.DateTime(), nullable=False),
        sa.Column("last_tried_at", sa.DateTime(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("resource_type", "fhir_id"),
    )


def downgrade() -> None:
    op.drop_table("pull_rejected")
    with op.batch_alter_table("prescription", schema=None) as batch_op:
        batch_op.drop_column("unusable_json")
        batch_op.drop_column("parameters_json")
