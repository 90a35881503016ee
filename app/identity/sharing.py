"""Face templates shared between the stations of one hospital, through the platform.

Without sharing, a template opens only at the station that enrolled it (its
key is that station's own). With ``[camera] shared_key_file`` set on every
station to the same hospital-wide key file (placed there by the installer or
IT, checked like the station's key: outside the data folder, owner only),
each enrolment, re-enrolment and deletion also goes to the platform, and
every station pulls them back and matches them like its own.

What goes to the platform, exactly: one FHIR ``Basic`` per enrolment, coded
``urn:careloop:cs:resource-kind|face-template``, with

- our ``urn:uuid`` identifier and the enrolment time (``created``);
- ``subject``: the Practitioner, by staff-number identifier only;
- the template's ciphertext (base64): the 128-float embedding and the model's
  id and hash, sealed with AES-256-GCM under the hospital key, with the staff
  number and the model id as associated data, so a ciphertext moved onto
  another person (or claimed for another model) does not open;
- the model id and hash in clear, and the consent record: who recorded it
  (staff number), when, and the text shown.

Never an image, never the key: the platform holds ciphertext it cannot open.
For privacy that means the platform (and whoever can read it, and its
backups) learns that a person has a face template, when and by whom it was
recorded and the consent text, but not the template itself; anyone holding
the hospital key *and* a copy of the platform's data can open every
template, so the key file must be guarded like the station's own key, and a
key known to be lost means re-enrolling everyone under a new key (there is
no re-keying yet). Each station keeps pulled templates re-encrypted under
its own station key, as it keeps its own.

Deletion (on request, or replaced by a re-enrolment) is a new version of the
same ``Basic`` that carries no ciphertext and ``template-status`` =
``deleted``; nothing is deleted on the platform, so every station sees the
deletion when it pulls, and the platform's history still holds the earlier
version's ciphertext (sealed). A template whose subject has left the
directory is not kept; one that does not open (wrong key, moved blob,
altered data) is refused with its reason in the log, kept aside by the sync,
and never matched.

Not done: when a person leaves the directory every station deletes its own
copy, but no station writes the deleted version to the platform (each would
race the others), so that person's last ciphertext stays ``active`` there
until someone deletes it at a station; and a Basic deleted outright on the
platform (rather than given a deleted version) is never seen by the pull.
"""

from __future__ import annotations

import base64
import logging
import secrets
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app.audit import trail
from app.identity.enrolment import ACTION_DELETE, ACTION_ENROL
from app.identity.templates import (
    KEY_BYTES,
    NONCE_BYTES,
    FaceTemplate,
    TemplateCipher,
    TemplateCorrupt,
    TemplateError,
    TemplateKeyUnavailable,
    TemplateKeyWrong,
    outside_data_dir,
    pack_template,
    read_key_file,
    unpack_template,
)
from app.store.models import FaceConsent, Staff
from app.store.models import FaceTemplate as FaceTemplateRow
from app.sync import mapping
from app.sync.local import Applier, NotYet, queue_resource

log = logging.getLogger(__name__)

KIND_SYSTEM = "urn:careloop:cs:resource-kind"
KIND_CODE = "face-template"
EXT = "urn:careloop:ext:face-template"
EXT_CIPHERTEXT = f"{EXT}:ciphertext"
EXT_MODEL_ID = f"{EXT}:model-id"
EXT_MODEL_SHA256 = f"{EXT}:model-sha256"
EXT_STATUS = f"{EXT}:status"
EXT_CONSENT = f"{EXT}:consent"
ACTIVE, DELETED = "active", "deleted"
SHARED_MAGIC = b"CLFS1"  # Careloop face template, shared, format 1


class SharedCipher:
    """Seals templates under the hospital key, bound to staff number and model."""

    def __init__(self, key: bytes) -> None:
        if len(key) != KEY_BYTES:
            raise TemplateKeyUnavailable(f"key must be {KEY_BYTES} bytes")
        self._aead = AESGCM(key)

    def encrypt(self, staff_number: str, template: FaceTemplate) -> bytes:
        nonce = secrets.token_bytes(NONCE_BYTES)
        associated = _associated(staff_number, template.model_id)
        return (
            SHARED_MAGIC
            + nonce
            + self._aead.encrypt(nonce, pack_template(template), associated)
        )

    def decrypt(self, staff_number: str, model_id: str, blob: bytes) -> FaceTemplate:
        if not blob.startswith(SHARED_MAGIC):
            raise TemplateCorrupt("not a shared face template (bad header)")
        body = blob[len(SHARED_MAGIC) :]
        nonce, sealed = body[:NONCE_BYTES], body[NONCE_BYTES:]
        try:
            plain = self._aead.decrypt(
                nonce, sealed, _associated(staff_number, model_id)
            )
        except InvalidTag:
            raise TemplateKeyWrong(
                "shared face template does not open: another hospital key, "
                "another person or model, or altered data"
            ) from None
        template = unpack_template(plain)
        if template.model_id != model_id:
            raise TemplateCorrupt("shared face template names another model")
        return template


def _associated(staff_number: str, model_id: str) -> bytes:
    return (
        b"careloop-shared-face-template|staff-number="
        + staff_number.encode()
        + b"|model="
        + model_id.encode()
    )


def shared_key_path(configured: str, data_dir: Path) -> Path | None:
    """The hospital key's path (``[camera] shared_key_file``), or None."""
    if not configured:
        return None
    return outside_data_dir(Path(configured), data_dir, "shared_key_file")


def load_shared_key(path: Path) -> bytes:
    """The hospital key: never made here (IT places the same file everywhere)."""
    return read_key_file(path)


@dataclass(frozen=True)
class ConsentOut:
    recorded_by_staff_number: str
    recorded_at: datetime
    text: str


def template_resource(
    identifier: str,
    staff_number: str,
    created: datetime,
    ciphertext: bytes | None,
    model_id: str,
    model_sha256: str,
    consent: ConsentOut | None,
) -> dict[str, Any]:
    """The ``Basic`` for one enrolment; without ciphertext it says deleted."""
    extensions: list[dict[str, Any]] = [
        {"url": EXT_STATUS, "valueCode": ACTIVE if ciphertext else DELETED},
        {"url": EXT_MODEL_ID, "valueString": model_id},
        {"url": EXT_MODEL_SHA256, "valueString": model_sha256},
    ]
    if ciphertext:
        extensions.append(
            {
                "url": EXT_CIPHERTEXT,
                "valueBase64Binary": base64.b64encode(ciphertext).decode("ascii"),
            }
        )
    if ciphertext and consent is not None:
        extensions.append(
            {
                "url": EXT_CONSENT,
                "extension": [
                    {
                        "url": "recordedBy",
                        "valueIdentifier": {
                            "system": mapping.STAFF_NUMBER,
                            "value": consent.recorded_by_staff_number,
                        },
                    },
                    {
                        "url": "recordedAt",
                        "valueDateTime": mapping.instant(consent.recorded_at),
                    },
                    {"url": "text", "valueString": consent.text},
                ],
            }
        )
    return {
        "resourceType": "Basic",
        "identifier": [{"system": mapping.URN, "value": identifier}],
        "code": {"coding": [{"system": KIND_SYSTEM, "code": KIND_CODE}]},
        "subject": {
            "identifier": {"system": mapping.STAFF_NUMBER, "value": staff_number}
        },
        "created": mapping.instant(created).split("T")[0],
        "extension": extensions,
    }


def _created_extension(created: datetime) -> dict[str, Any]:
    return {"url": f"{EXT}:enrolled-at", "valueDateTime": mapping.instant(created)}


class TemplateSharing:
    """Writes enrolments and deletions to the outbox, in the caller's
    transaction, and applies pulled ones; holds the hospital key."""

    def __init__(self, shared: SharedCipher, local: TemplateCipher, station_id: str):
        self._shared = shared
        self._local = local
        self._station_id = station_id

    # -- out -----------------------------------------------------------------

    def share_enrolment(
        self,
        session: Session,
        row: FaceTemplateRow,
        template: FaceTemplate,
        consent: FaceConsent,
    ) -> None:
        """Give ``row`` an identifier and queue its ``Basic`` (same commit)."""
        staff = session.get(Staff, row.staff_id)
        recorder = session.get(Staff, consent.recorded_by_staff_id)
        if staff is None:
            raise TemplateError(f"staff id {row.staff_id} is not in the directory")
        row.identifier = f"urn:uuid:{uuid.uuid4()}"
        created = _aware(row.created_at)
        resource = template_resource(
            row.identifier,
            staff.staff_number,
            created,
            self._shared.encrypt(staff.staff_number, template),
            template.model_id,
            template.model_sha256,
            ConsentOut(
                recorder.staff_number if recorder is not None else "",
                _aware(consent.recorded_at),
                consent.consent_text,
            ),
        )
        resource["extension"].append(_created_extension(created))
        queue_resource(
            session, resource_type="Basic", identifier=row.identifier, resource=resource
        )

    def share_deletion(self, session: Session, row: FaceTemplateRow) -> None:
        """Queue the deleted version of a shared row about to be deleted."""
        if row.identifier is None:
            return  # enrolled before sharing was configured: never shared
        staff = session.get(Staff, row.staff_id)
        resource = template_resource(
            row.identifier,
            staff.staff_number if staff is not None else "",
            _aware(row.created_at),
            None,
            row.model_id,
            row.model_sha256,
            None,
        )
        resource["extension"].append(_created_extension(_aware(row.created_at)))
        queue_resource(
            session,
            resource_type="Basic",
            identifier=row.identifier,
            resource=resource,
            fhir_id=row.fhir_id,  # pulled here: PUT by the platform's id
        )

    # -- in ------------------------------------------------------------------

    def apply(self, session: Session, resource: dict[str, Any]) -> bool:
        """Apply one pulled ``Basic``; True when the local templates changed."""
        if mapping.first_code(resource.get("code"), KIND_SYSTEM) != KIND_CODE:
            return False
        identifier = mapping.identifier_value(resource, mapping.URN)
        if not identifier:
            raise mapping.MappingError("face template without our identifier")
        fhir_id, version = str(resource.get("id") or ""), mapping.version_of(resource)
        row = session.scalar(
            select(FaceTemplateRow).where(FaceTemplateRow.identifier == identifier)
        )
        if row is not None and row.fhir_version == version and version:
            return False  # applied before
        staff_number = str(
            ((resource.get("subject") or {}).get("identifier") or {}).get("value", "")
        )
        staff = session.scalar(select(Staff).where(Staff.staff_number == staff_number))
        if staff is None:
            raise NotYet(f"Practitioner {staff_number}")
        extensions = _extensions(resource)
        if extensions.get(EXT_STATUS) == DELETED or not staff.active:
            return self._delete(session, row, staff, identifier, fhir_id)
        model_id = str(extensions.get(EXT_MODEL_ID, ""))
        try:
            blob = base64.b64decode(str(extensions[EXT_CIPHERTEXT]), validate=True)
            template = self._shared.decrypt(staff_number, model_id, blob)
        except (KeyError, ValueError, TemplateError) as error:
            reason = f"face template {identifier} refused: {error}"
            raise mapping.MappingError(reason) from None
        if row is not None:  # ours, come back: note where it lives
            row.fhir_id, row.fhir_version = fhir_id, version
            return False
        created = mapping.parse_instant(str(extensions.get(f"{EXT}:enrolled-at")))
        created = created.astimezone(UTC)
        newer = session.scalar(
            select(FaceTemplateRow.id).where(
                FaceTemplateRow.staff_id == staff.id,
                FaceTemplateRow.created_at > created,
            )
        )
        if newer is not None:
            return False  # an older enrolment: the newer one stays
        session.execute(
            delete(FaceTemplateRow).where(FaceTemplateRow.staff_id == staff.id)
        )
        session.add(
            FaceTemplateRow(
                staff_id=staff.id,
                template_ciphertext=self._local.encrypt(staff.id, template),
                model_id=template.model_id,
                model_sha256=template.model_sha256,
                consent_id=_consent(session, staff, extensions),
                created_at=created,
                identifier=identifier,
                fhir_id=fhir_id,
                fhir_version=version,
            )
        )
        trail.append(
            session,
            station_id=self._station_id,
            actor="platform",
            action=ACTION_ENROL,
            subject=str(staff.id),
            detail={"shared": identifier, "model_id": template.model_id},
        )
        return True

    def _delete(
        self,
        session: Session,
        row: FaceTemplateRow | None,
        staff: Staff,
        identifier: str,
        fhir_id: str,
    ) -> bool:
        if row is None:
            return False
        session.delete(row)
        why = "left_directory" if not staff.active else "deleted_on_platform"
        trail.append(
            session,
            station_id=self._station_id,
            actor="platform",
            action=ACTION_DELETE,
            subject=str(staff.id),
            detail={"removed": 1, "why": why, "shared": identifier},
        )
        log.info("shared face template deleted here (%s, %s)", why, fhir_id)
        return True


def _extensions(resource: Mapping[str, Any]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for extension in resource.get("extension") or []:
        url = str(extension.get("url", ""))
        if url == EXT_CONSENT:
            found[url] = {
                str(part.get("url")): part for part in extension.get("extension") or []
            }
            continue
        for key, value in extension.items():
            if key.startswith("value"):
                found[url] = value
    return found


def _consent(session: Session, staff: Staff, extensions: dict[str, Any]) -> int | None:
    """The pulled consent, kept here as the enrolling station kept it."""
    parts = extensions.get(EXT_CONSENT) or {}
    by = ((parts.get("recordedBy") or {}).get("valueIdentifier") or {}).get("value")
    recorder = session.scalar(select(Staff).where(Staff.staff_number == str(by)))
    text = (parts.get("text") or {}).get("valueString")
    at = (parts.get("recordedAt") or {}).get("valueDateTime")
    if recorder is None or not text or not at:
        return None
    row = FaceConsent(
        staff_id=staff.id,
        recorded_by_staff_id=recorder.id,
        recorded_at=mapping.parse_instant(str(at)),
        consent_text=str(text),
    )
    session.add(row)
    session.flush()
    return row.id


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


class Puller(Protocol):
    def add_type(
        self,
        resource_type: str,
        applier: Applier,
        params: Mapping[str, str] | None = None,
    ) -> None: ...


def register_face_pull(puller: Puller, sharing: TemplateSharing) -> None:
    """Have the station's sync pull shared face templates and apply them."""
    puller.add_type("Basic", sharing.apply, {"code": f"{KIND_SYSTEM}|{KIND_CODE}"})
