"""face sharing: a template shared through the platform keeps its identity

A face template enrolled with the hospital-wide key travels to the platform
as a FHIR ``Basic`` (ciphertext only). Locally the row keeps that
resource's ``urn:uuid`` identifier and, once seen on the platform, its id and
version, so a pulled template is applied once per version and a deletion
reaches the right row. Rows of a station without sharing leave them empty.

Revision ID: 0005_face_sharing
Revises: 0004_audit_head
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_face_sharing"
down_revision = "0004_audit_head"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("face_template", schema=None) as batch_op:
        batch_op.add_column(sa.Column("identifier", sa.String(64), nullable=True))
        batch_op.add_column(sa.Column("fhir_id", sa.String(64), nullable=True))
        batch_op.add_column(sa.Column("fhir_version", sa.String(64), nullable=True))
        batch_op.create_index(
            "ix_face_template_identifier", ["identifier"], unique=True
        )


def downgrade() -> None:
    with op.batch_alter_table("face_template", schema=None) as batch_op:
        batch_op.drop_index("ix_face_template_identifier")
        batch_op.drop_column("fhir_version")
        batch_op.drop_column("fhir_id")
        batch_op.drop_column("identifier")
