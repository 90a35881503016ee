"""Sync with the hospital platform over FHIR R4: pull, outbox push, status.

Public face:

- `FhirClient`, `PlatformSettings`, `OAuthClientCredentials`: the client.
- `SyncEngine`, `SyncStatus`: the scheduler and what the UI shows.
- `queue_resource`: put a FHIR resource on the outbox in the record's
  transaction, decimals exact.
- `app.sync.mapping`: our records <-> FHIR resources.

Qt-free; the UI subscribes to `SyncEngine.subscribe`.
"""

from app.sync.client import FhirClient, OAuthClientCredentials, PlatformSettings
from app.sync.engine import SyncEngine, SyncStatus
from app.sync.local import queue_resource

__all__ = [
    "FhirClient",
    "OAuthClientCredentials",
    "PlatformSettings",
    "SyncEngine",
    "SyncStatus",
    "queue_resource",
]
