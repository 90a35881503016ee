"""Alembic environment for the station's SQLite file.

Run programmatically by ``app.store.db`` (there is no alembic.ini); the
connection comes in through ``config.attributes["connection"]``.
"""

from __future__ import annotations

from alembic import context

from app.store.models import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite needs table rebuilds for most ALTERs
)
with context.begin_transaction():
    context.run_migrations()
