"""Templates shared under the hospital key: bound to one person and one model;
the hospital key is never made by a station and never sits in the data folder."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import numpy as np
import pytest

from app.identity.sharing import SharedCipher, load_shared_key, shared_key_path
from app.identity.templates import (
    FaceTemplate,
    TemplateKeyUnavailable,
    TemplateKeyWrong,
)

MODEL = "sface-2021dec-int8bq"


def _template() -> FaceTemplate:
    vector = np.random.default_rng(6).normal(size=128).astype(np.float32)
    return FaceTemplate(vector / np.linalg.norm(vector), MODEL, "ab" * 32)


def test_a_blob_opens_for_its_own_staff_number_and_model() -> None:
    cipher = SharedCipher(secrets.token_bytes(32))
    template = _template()
    opened = cipher.decrypt("N301", MODEL, cipher.encrypt("N301", template))
    assert np.array_equal(opened.embedding, template.embedding)
    assert (opened.model_id, opened.model_sha256) == (MODEL, "ab" * 32)


def test_a_blob_moved_to_another_staff_number_does_not_open() -> None:
    cipher = SharedCipher(secrets.token_bytes(32))
    blob = cipher.encrypt("N301", _template())
    with pytest.raises(TemplateKeyWrong):
        cipher.decrypt("N302", MODEL, blob)


def test_a_blob_claimed_for_another_model_or_under_another_key_does_not_open() -> None:
    blob = SharedCipher(secrets.token_bytes(32)).encrypt("N301", _template())
    with pytest.raises(TemplateKeyWrong):
        SharedCipher(secrets.token_bytes(32)).decrypt("N301", MODEL, blob)


def test_the_hospital_key_is_never_made_and_never_in_the_data_folder(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    assert shared_key_path("", data) is None  # not configured: per station
    with pytest.raises(TemplateKeyUnavailable, match="inside the data folder"):
        shared_key_path(str(data / "hospital.key"), data)
    missing = tmp_path / "etc" / "hospital.key"
    with pytest.raises(TemplateKeyUnavailable, match="does not exist"):
        load_shared_key(missing)
    assert not missing.exists()


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX only")
def test_a_hospital_key_readable_by_others_is_refused(tmp_path: Path) -> None:
    key = tmp_path / "hospital.key"
    key.write_bytes(secrets.token_bytes(32))
    key.chmod(0o644)
    with pytest.raises(TemplateKeyUnavailable, match="readable by others"):
        load_shared_key(key)
    key.chmod(0o600)
    assert len(load_shared_key(key)) == 32
