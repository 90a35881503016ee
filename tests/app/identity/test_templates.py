"""Templates at rest: AES-GCM, key outside the database, typed failures."""

from __future__ import annotations

import os
import secrets
import stat
from pathlib import Path

import numpy as np
import pytest

from app.identity.templates import (
    FaceTemplate,
    TemplateCipher,
    TemplateCorrupt,
    TemplateKeyUnavailable,
    TemplateKeyWrong,
    load_key_file,
    load_template_key,
    template_key_path,
)

SHA = "fb143eea07838aa532d1c95df5f69899974ea0140e1fba05e94204be13ed74ee"


def _template() -> FaceTemplate:
    vector = np.random.default_rng(3).normal(size=128).astype(np.float32)
    return FaceTemplate(vector / np.linalg.norm(vector), "sface-2021dec-int8bq", SHA)


def test_round_trip_keeps_floats_model_and_hash() -> None:
    cipher = TemplateCipher(secrets.token_bytes(32))
    template = _template()
    sealed = cipher.encrypt(42, template)
    opened = cipher.decrypt(42, sealed)
    assert np.array_equal(opened.embedding, template.embedding)
    assert opened.embedding.dtype == np.float32
    assert (opened.model_id, opened.model_sha256) == (template.model_id, SHA)
    # The ciphertext shows neither the floats nor the model's name.
    assert template.embedding.tobytes()[:16] not in sealed
    assert b"sface" not in sealed


def test_unreadable_without_the_key_or_on_another_row() -> None:
    sealed = TemplateCipher(secrets.token_bytes(32)).encrypt(42, _template())
    with pytest.raises(TemplateKeyWrong):
        TemplateCipher(secrets.token_bytes(32)).decrypt(42, sealed)
    owner = TemplateCipher(secrets.token_bytes(32))
    sealed = owner.encrypt(42, _template())
    with pytest.raises(TemplateKeyWrong):
        owner.decrypt(43, sealed)  # copied onto another person's row
    altered = bytearray(sealed)
    altered[-1] ^= 1
    with pytest.raises(TemplateKeyWrong):
        owner.decrypt(42, bytes(altered))
    with pytest.raises(TemplateCorrupt):
        owner.decrypt(42, b"something else")


def test_key_file_is_created_private_and_reused(tmp_path: Path) -> None:
    path = tmp_path / "keys" / "face.key"
    key = load_template_key(path)
    assert len(key) == 32
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert load_key_file(path) == key


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_key_file_readable_by_others_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "face.key"
    load_key_file(path)
    path.chmod(0o644)
    with pytest.raises(TemplateKeyUnavailable, match="readable by others"):
        load_key_file(path)


def test_key_file_of_wrong_length_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "face.key"
    path.write_bytes(b"short")
    path.chmod(0o600)
    with pytest.raises(TemplateKeyUnavailable):
        load_key_file(path)


@pytest.mark.skipif(os.name != "posix", reason="file owners are POSIX")
def test_key_file_owned_by_another_account_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "face.key"
    key = load_key_file(path)
    assert load_key_file(path, owner_uid=os.geteuid()) == key
    with pytest.raises(TemplateKeyUnavailable, match="owned by uid"):
        load_key_file(path, owner_uid=os.geteuid() + 1)


def test_the_key_never_sits_in_the_data_folder(tmp_path: Path) -> None:
    config = tmp_path / "etc" / "station.toml"
    data = tmp_path / "data"
    # Default: beside the configuration file, not beside the database.
    assert (
        template_key_path(config, "", data) == tmp_path / "etc" / "face-templates.key"
    )
    assert template_key_path(config, "/srv/keys/face.key", data) == Path(
        "/srv/keys/face.key"
    )
    for inside in (str(data / "face.key"), str(data / "keys" / "face.key")):
        with pytest.raises(TemplateKeyUnavailable, match="key_file"):
            template_key_path(config, inside, data)
    # A configuration kept in the data folder needs key_file set elsewhere.
    with pytest.raises(TemplateKeyUnavailable, match="inside the data folder"):
        template_key_path(data / "station.toml", "", data)
