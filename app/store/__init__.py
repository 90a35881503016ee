"""The station's local SQLite cache: models, migrations, the one writer.

Public face: ``Store`` (open, migrate, write, read), ``move_aside``,
``enqueue`` (outbox row in the record's transaction) and the models.
"""

from app.store.db import Store, move_aside
from app.store.outbox import enqueue

__all__ = ["Store", "enqueue", "move_aside"]
