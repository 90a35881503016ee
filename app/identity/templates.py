"""Face templates at rest: authenticated encryption with a key kept outside
the database, and the storage interface the services write through.

A template is the embedding (float32), the embedding model's id and the
model file's SHA-256; never an image. It is sealed with AES-256-GCM; the
staff id is bound in as associated data, so a ciphertext copied onto another
person's row does not decrypt. The key lives in a key file, created with
mode 0600 and refused when it is readable by others or not owned by the
account the station runs as (POSIX). The station puts it beside its
configuration file (``/etc/careloop`` or ``%ProgramData%\\Careloop``) or
where ``[camera] key_file`` says, never in the data folder with the
database, so a database or a whole data folder copied to another PC is
useless without the key.

What this does not do: there is no OS keyring support (the ``keyring``
package is not a dependency), and on Windows neither the owner nor the
access list of the key file is checked; the installer's folder rights
protect it there.

This module does no face work and knows no SQL; ``template_store`` holds the
SQLAlchemy implementation of :class:`TemplateRepository`.
"""

from __future__ import annotations

import logging
import os
import secrets
import stat
import struct
import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

import numpy as np
import numpy.typing as npt
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from app.errors import CareloopError

logger = logging.getLogger(__name__)

KEY_BYTES = 32
NONCE_BYTES = 12
MAGIC = b"CLFT1"  # Careloop face template, format 1
KEY_FILE_NAME = "face-templates.key"


class TemplateError(CareloopError):
    """A face template cannot be sealed or opened."""


class TemplateKeyWrong(TemplateError):
    """Decryption failed: wrong key, altered ciphertext, or another person's row."""


class TemplateCorrupt(TemplateError):
    """The bytes are not a Careloop face template at all."""


class TemplateKeyUnavailable(TemplateError):
    """The key file cannot be created or read, or it is readable by others."""


@dataclass(frozen=True)
class FaceTemplate:
    """What is kept of a face: the embedding and which model made it."""

    embedding: npt.NDArray[np.float32]
    model_id: str
    model_sha256: str


class TemplateCipher:
    """Seals and opens templates with one AES-256-GCM key."""

    def __init__(self, key: bytes) -> None:
        if len(key) != KEY_BYTES:
            raise TemplateKeyUnavailable(f"key must be {KEY_BYTES} bytes")
        self._aead = AESGCM(key)

    def encrypt(self, staff_id: int, template: FaceTemplate) -> bytes:
        nonce = secrets.token_bytes(NONCE_BYTES)
        sealed = self._aead.encrypt(nonce, _pack(template), _associated(staff_id))
        return MAGIC + nonce + sealed

    def decrypt(self, staff_id: int, ciphertext: bytes) -> FaceTemplate:
        if not ciphertext.startswith(MAGIC):
            raise TemplateCorrupt("not a face template (bad header)")
        body = ciphertext[len(MAGIC) :]
        nonce, sealed = body[:NONCE_BYTES], body[NONCE_BYTES:]
        try:
            plain = self._aead.decrypt(nonce, sealed, _associated(staff_id))
        except InvalidTag:
            raise TemplateKeyWrong(
                "face template does not open: wrong key or altered data"
            ) from None
        return _unpack(plain)


def _associated(staff_id: int) -> bytes:
    return b"careloop-face-template|staff=" + str(staff_id).encode()


def _pack(template: FaceTemplate) -> bytes:
    model_id = template.model_id.encode()
    digest = bytes.fromhex(template.model_sha256)
    vector = np.asarray(template.embedding, dtype="<f4")
    header = struct.pack("<BB32sH", len(model_id), 0, digest, vector.size)
    return header + model_id + vector.tobytes()


def pack_template(template: FaceTemplate) -> bytes:
    """The template's plain bytes, before sealing (also used for sharing)."""
    return _pack(template)


def unpack_template(plain: bytes) -> FaceTemplate:
    """The template from opened bytes; TemplateCorrupt when malformed."""
    return _unpack(plain)


def _unpack(plain: bytes) -> FaceTemplate:
    header_size = struct.calcsize("<BB32sH")
    try:
        id_len, _, digest, size = struct.unpack_from("<BB32sH", plain)
        model_id = plain[header_size : header_size + id_len].decode()
        vector = np.frombuffer(plain, dtype="<f4", offset=header_size + id_len)
    except (struct.error, UnicodeDecodeError, ValueError) as exc:
        raise TemplateCorrupt(f"face template cannot be unpacked: {exc}") from None
    if vector.size != size:
        raise TemplateCorrupt(f"face template holds {vector.size} of {size} floats")
    return FaceTemplate(vector.astype(np.float32), model_id, digest.hex())


# -- the key ---------------------------------------------------------------


def load_key_file(path: Path, owner_uid: int | None = None) -> bytes:
    """Read the key file, creating it (mode 0600) with a fresh key if absent.

    On POSIX the file must be readable by its owner only, and the owner must
    be ``owner_uid`` (default: the account this process runs as).
    """
    if not path.exists():
        return _create_key_file(path)
    return read_key_file(path, owner_uid)


def read_key_file(path: Path, owner_uid: int | None = None) -> bytes:
    """Read an existing key file with the checks of :func:`load_key_file`."""
    if not path.is_file():
        raise TemplateKeyUnavailable(f"key file {path} does not exist")
    if os.name == "posix":
        info = path.stat()
        if info.st_mode & (stat.S_IRWXG | stat.S_IRWXO):
            raise TemplateKeyUnavailable(
                f"key file {path} is readable by others; expected mode 0600"
            )
        expected = os.geteuid() if owner_uid is None else owner_uid
        if info.st_uid != expected:
            raise TemplateKeyUnavailable(
                f"key file {path} is owned by uid {info.st_uid}, not by the "
                f"station's account (uid {expected})"
            )
    key = path.read_bytes()
    if len(key) != KEY_BYTES:
        raise TemplateKeyUnavailable(f"key file {path} is not a {KEY_BYTES}-byte key")
    return key


def _create_key_file(path: Path) -> bytes:
    key = secrets.token_bytes(KEY_BYTES)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process made it first: use theirs
        return load_key_file(path)
    except OSError as exc:
        raise TemplateKeyUnavailable(
            f"key file {path} cannot be created: {exc}"
        ) from None
    with os.fdopen(fd, "wb") as stream:
        stream.write(key)
        stream.flush()
        os.fsync(stream.fileno())
    logger.info("created a new face template key file")
    return key


def load_template_key(key_file: Path) -> bytes:
    """The template key, from its key file (made if absent)."""
    return load_key_file(key_file)


def move_key_out(old: Path, new: Path) -> bool:
    """Move a key file an earlier version kept in the data folder to ``new``.

    Before the key moved out of the data folder it was made there; without
    this, those templates could no longer be opened. Done only when ``new``
    does not exist yet; the copy is made 0600 before the old file goes.
    """
    if new.exists() or not old.is_file():
        return False
    key = load_key_file(old)
    new.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(new, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except OSError as exc:
        raise TemplateKeyUnavailable(
            f"key file {new} cannot be created: {exc}"
        ) from None
    with os.fdopen(fd, "wb") as stream:
        stream.write(key)
        stream.flush()
        os.fsync(stream.fileno())
    old.unlink()
    logger.info("face template key moved out of the data folder")
    return True


def outside_data_dir(path: Path, data_dir: Path, setting: str) -> Path:
    """``path``, refused when it lies inside the data folder."""
    resolved, data = path.resolve(), data_dir.resolve()
    if resolved == data or data in resolved.parents:
        raise TemplateKeyUnavailable(
            f"the face template key would be {path}, inside the data folder "
            f"{data_dir}; set [camera] {setting} to a path outside it"
        )
    return path


def template_key_path(config_file: Path, configured: str, data_dir: Path) -> Path:
    """Where the station's template key lives.

    ``configured`` (``[camera] key_file``) if given, else beside the
    configuration file. Either way never inside the data folder: a copied
    data folder must not carry the key that opens its templates.
    """
    path = Path(configured) if configured else config_file.parent / KEY_FILE_NAME
    return outside_data_dir(path, data_dir, "key_file")


# -- storage interface -------------------------------------------------------


@dataclass(frozen=True)
class ConsentRecord:
    """Consent given at enrolment: whose face, who recorded it, when, what text."""

    staff_id: int
    recorded_by_staff_id: int
    consent_text: str
    recorded_at: datetime = field(default_factory=lambda: datetime.now(UTC))


@dataclass(frozen=True)
class StoredTemplate:
    """One row as stored: ciphertext plus the model's id and hash in clear."""

    staff_id: int
    ciphertext: bytes
    model_id: str
    model_sha256: str
    created_at: datetime = field(default_factory=lambda: datetime.now(UTC))


class TemplateRepository(Protocol):
    """Where enrolled templates live (a database in the product)."""

    def add(
        self,
        consent: ConsentRecord,
        template: StoredTemplate,
        plain: FaceTemplate | None = None,
    ) -> None:
        """Store consent and template together, replacing the person's old
        templates (re-enrolment), all or nothing. ``plain`` is the template
        before sealing, for a repository that also shares it (sealed under
        the hospital key) in the same transaction."""

    def list_all(self) -> list[StoredTemplate]: ...

    def delete_for_staff(self, staff_id: int) -> int:
        """Delete every template of one person; returns how many went."""


class InMemoryTemplateRepository:
    """A repository in a dict, for unit tests and demos."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.templates: dict[int, StoredTemplate] = {}
        self.consents: list[ConsentRecord] = []

    def add(
        self,
        consent: ConsentRecord,
        template: StoredTemplate,
        plain: FaceTemplate | None = None,
    ) -> None:
        with self._lock:
            self.consents.append(consent)
            self.templates[template.staff_id] = template

    def list_all(self) -> list[StoredTemplate]:
        with self._lock:
            return list(self.templates.values())

    def delete_for_staff(self, staff_id: int) -> int:
        with self._lock:
            return 1 if self.templates.pop(staff_id, None) is not None else 0
