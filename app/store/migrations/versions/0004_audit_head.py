"""audit head: an anchor for the end of the chain; audit rows are append-only

The hash chain alone cannot see rows removed from its end: what is left still
links. ``audit_head`` is one row outside the chain holding how many audit rows
were ever written, the last id and the last hash. Triggers keep it moving with
every insert, in the insert's own transaction, so no code path can forget it.
Further triggers refuse to UPDATE or DELETE an audit row, to delete the head,
to move the head other than forward by one row, or to add a row that does not
link to the head.

Revision ID: 0004_audit_head
Revises: 0003_sync_pull
"""

from __future__ import annotations

from alembic import op

revision = "0004_audit_head"
down_revision = "0003_sync_pull"
branch_labels = None
depends_on = None

GENESIS = "0" * 64

_TRIGGERS = {
    "audit_links_to_head": f"""
        BEFORE INSERT ON audit
        WHEN NEW.prev_hash IS NOT coalesce(
            (SELECT last_hash FROM audit_head WHERE id = 1), '{GENESIS}')
        BEGIN SELECT RAISE(ABORT, 'an audit row must link to the last one'); END""",
    "audit_head_follows_insert": """
        AFTER INSERT ON audit
        BEGIN
            UPDATE audit_head
            SET row_count = row_count + 1, last_id = NEW.id, last_hash = NEW.row_hash
            WHERE id = 1;
        END""",
    "audit_no_update": """
        BEFORE UPDATE ON audit
        BEGIN SELECT RAISE(ABORT, 'audit rows are never changed'); END""",
    "audit_no_delete": """
        BEFORE DELETE ON audit
        BEGIN SELECT RAISE(ABORT, 'audit rows are never deleted'); END""",
    "audit_head_no_delete": """
        BEFORE DELETE ON audit_head
        BEGIN SELECT RAISE(ABORT, 'the audit head is never deleted'); END""",
    "audit_head_only_forward": """
        BEFORE UPDATE ON audit_head
        WHEN NEW.id IS NOT OLD.id
            OR NEW.row_count IS NOT OLD.row_count + 1
            OR NEW.last_id <= OLD.last_id
            OR NEW.last_hash IS NOT (SELECT row_hash FROM audit WHERE id = NEW.last_id)
        BEGIN SELECT RAISE(ABORT, 'the audit head only moves with a new row'); END""",
}


def upgrade() -> None:
    op.execute(
        """
        CREATE TABLE audit_head (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            row_count INTEGER NOT NULL,
            last_id INTEGER NOT NULL,
            last_hash VARCHAR(64) NOT NULL
        )"""
    )
    # Anchor the trail as it stands; rows removed before this are not seen.
    op.execute(
        f"""
        INSERT INTO audit_head (id, row_count, last_id, last_hash)
        SELECT 1, count(*), coalesce(max(id), 0),
               coalesce((SELECT row_hash FROM audit ORDER BY id DESC LIMIT 1),
                        '{GENESIS}')
        FROM audit"""
    )
    for name, body in _TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {body}")


def downgrade() -> None:
    for name in reversed(_TRIGGERS):
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP TABLE audit_head")
