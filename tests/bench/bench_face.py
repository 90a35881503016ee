"""Face check-in benchmarks: prints numbers, asserts no timing.

Run with ``make bench`` (or pytest tests/bench/bench_face.py -s -o addopts="").
Needs the public photos and clip in ../shared/faces; skips without them.

- per-frame detect + embed on a 640×480 frame (median, p95)
- 1:N match among 2,000 templates, and decrypting 2,000 templates
- end-to-end check-in, first frame to result, on the public clip
- resident memory with the check-in widget running on a paced video
- same-person and different-person similarities on the public photos
"""

from __future__ import annotations

import hashlib
import itertools
import resource
import secrets
import statistics
import time
from pathlib import Path

import cv2
import numpy as np
import pytest

from app.identity.checkin import CheckInService, CheckInSettings
from app.identity.enrolment import EnrolmentService, EnrolmentSettings
from app.identity.face import (
    ChallengeStep,
    FacePipeline,
    Gallery,
    MatchRule,
    load_default_pipeline,
)
from app.identity.templates import (
    FaceTemplate,
    InMemoryTemplateRepository,
    StoredTemplate,
    TemplateCipher,
)
from devices.camera import Frame, VideoFileSource

FACES = Path(__file__).resolve().parents[2] / ".." / "shared" / "faces"
CLIP = FACES / "short_hamilton_clip.mp4"


@pytest.fixture(scope="module")
def faces_dir() -> Path:
    if not CLIP.is_file():
        pytest.skip(f"public face photos absent (expected at {FACES.resolve()})")
    return FACES


@pytest.fixture(scope="module")
def pipeline() -> FacePipeline:
    return load_default_pipeline()


def _ms(samples: list[float], unit: str = "ms") -> str:
    scale = {"ms": 1e3, "us": 1e6}[unit]
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
    return (
        f"median {statistics.median(ordered) * scale:.1f} {unit}, "
        f"p95 {p95 * scale:.1f} {unit}, n={len(ordered)}"
    )


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _clip_frames(first_s: float, last_s: float) -> list[Frame]:
    with VideoFileSource(CLIP, start_s=first_s) as clip:
        return [f for f in clip if f.timestamp_s <= last_s]


def test_per_frame_detect_and_embed_640x480(
    faces_dir: Path, pipeline: FacePipeline
) -> None:
    frames = [cv2.resize(f.image, (640, 480)) for f in _clip_frames(3.0, 7.0)]
    detect, embed, whole = [], [], []
    for image in frames[:5]:  # warm-up
        pipeline.analyse(image)
    for image in frames:
        start = time.perf_counter()
        faces = pipeline.detector.detect(image)
        detected = time.perf_counter()
        if len(faces) == 1:
            pipeline.embedder.embed(image, faces[0])
            embed.append(time.perf_counter() - detected)
        detect.append(detected - start)
        start = time.perf_counter()
        pipeline.analyse(image)
        whole.append(time.perf_counter() - start)
    print(f"\n[face] detect (YuNet) 640x480: {_ms(detect)}")
    print(f"[face] embed (SFace align+feature): {_ms(embed)}")
    print(f"[face] analyse = detect + gates + embed: {_ms(whole)}")


def test_one_to_n_match_among_2000(pipeline: FacePipeline) -> None:
    rng = np.random.default_rng(11)
    vectors = rng.normal(size=(2000, 128)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    gallery = Gallery(list(range(1, 2001)), vectors)
    probe = vectors[777]
    rule = MatchRule()
    timings = []
    for _ in range(2000):
        start = time.perf_counter()
        gallery.match(probe, rule)
        timings.append(time.perf_counter() - start)
    print(f"\n[face] 1:N match among 2000 templates: {_ms(timings, 'us')}")

    cipher = TemplateCipher(secrets.token_bytes(32))
    repository = InMemoryTemplateRepository()
    for staff_id, vector in enumerate(vectors, start=1):
        template = FaceTemplate(vector, pipeline.model_id, pipeline.model_sha256)
        repository.templates[staff_id] = StoredTemplate(
            staff_id, cipher.encrypt(staff_id, template), *_model(pipeline)
        )
    service = CheckInService(pipeline, repository, cipher, lambda *a: None)
    loads = []
    for _ in range(5):
        start = time.perf_counter()
        loaded = service.load_gallery()
        loads.append(time.perf_counter() - start)
    assert len(loaded) == 2000
    print(f"[face] decrypt 2000 templates into a gallery: {_ms(loads)}")


def _model(pipeline: FacePipeline) -> tuple[str, str]:
    return pipeline.model_id, pipeline.model_sha256


def _enrolled_lin(
    pipeline: FacePipeline, faces_dir: Path
) -> tuple[InMemoryTemplateRepository, TemplateCipher]:
    repository = InMemoryTemplateRepository()
    cipher = TemplateCipher(secrets.token_bytes(32))
    enrolment = EnrolmentService(
        pipeline, repository, cipher, lambda *a: None, EnrolmentSettings(1)
    )
    image = cv2.imread(str(faces_dir / "lin-manuel-miranda.png"))
    enrolment.enrol_from_images(7, 1, "consent", [image])
    return repository, cipher


def test_end_to_end_check_in_time(faces_dir: Path, pipeline: FacePipeline) -> None:
    repository, cipher = _enrolled_lin(pipeline, faces_dir)
    frames = _clip_frames(3.0, 8.0)
    for liveness in (False, True):
        settings = CheckInSettings(liveness_required=liveness)
        service = CheckInService(
            pipeline,
            repository,
            cipher,
            lambda *a: None,
            settings,
            plan_chooser=lambda: [ChallengeStep.TURN_RIGHT],
        )
        walls, videos, counts = [], [], []
        for _ in range(5):
            start = time.perf_counter()
            attempt = service.start()
            for count, frame in enumerate(frames, start=1):  # noqa: B007
                if attempt.feed(frame).result is not None:
                    break
            walls.append(time.perf_counter() - start)
            videos.append(frame.timestamp_s - frames[0].timestamp_s)
            counts.append(count)
            assert attempt.result is not None and attempt.result.recognised
        label = "with turn challenge" if liveness else "match only (3 frames agree)"
        print(
            f"\n[face] end-to-end {label}: compute {_ms(walls)}; "
            f"{counts[0]} frames = {videos[0]:.2f} s of camera time at 30 fps "
            "(the person's movement dominates a real check-in)"
        )


def test_resident_memory_with_camera_running(
    faces_dir: Path, pipeline: FacePipeline, qtbot: object
) -> None:
    from pytestqt.qtbot import QtBot

    from ui.identity import CheckInWidget

    assert isinstance(qtbot, QtBot)
    before = _rss_mb()
    repository, cipher = _enrolled_lin(pipeline, faces_dir)
    # Never decide, so the widget keeps detecting and embedding every frame.
    settings = CheckInSettings(frames_to_agree=10**9, frames_to_refuse=10**9)
    service = CheckInService(
        pipeline,
        repository,
        cipher,
        lambda *a: None,
        settings,
        plan_chooser=lambda: [ChallengeStep.TURN_LEFT],
    )
    reads = itertools.count()

    class CountingClip(VideoFileSource):
        def read(self) -> Frame | None:
            next(reads)
            return super().read()

    widget = CheckInWidget(lambda: CountingClip(CLIP, loop=True, paced=True), service)
    qtbot.addWidget(widget)
    widget.show()
    widget.start()
    seen: list[int] = []
    qtbot.waitUntil(lambda: seen.append(next(reads)) or seen[-1] > 150, timeout=60_000)
    during = _rss_mb()
    widget.stop()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"\n[face] resident memory: {before:.0f} MB before the widget starts, "
        f"{during:.0f} MB with the paced video camera and check-in running "
        f"(~{seen[-1]} frames), peak {peak:.0f} MB"
    )


PERSON = {
    "alex-lacamoire.png": "alex",
    "biden.jpg": "biden",
    "lin-manuel-miranda.png": "lin",
    "obama.jpg": "obama",
    "obama2.jpg": "obama",
    "obama3.jpg": "obama",
    "knn_examples/test/alex_lacamoire1.jpg": "alex",
    "knn_examples/test/johnsnow_test1.jpg": "kit",
    "knn_examples/test/obama1.jpg": "obama",
}
TRAIN = {"alex_lacamoire": "alex", "biden": "biden", "kit_harington": "kit"}
TRAIN |= {"obama": "obama", "rose_leslie": "rose"}


def _labelled_photos(faces_dir: Path) -> dict[str, str]:
    labelled = dict(PERSON)
    for folder, person in TRAIN.items():
        for path in sorted((faces_dir / "knn_examples" / "train" / folder).iterdir()):
            labelled[str(path.relative_to(faces_dir))] = person
    unique: dict[str, str] = {}
    seen: set[str] = set()
    for relative, person in labelled.items():  # drop byte-identical copies
        digest = hashlib.sha256((faces_dir / relative).read_bytes()).hexdigest()
        if digest not in seen:
            seen.add(digest)
            unique[relative] = person
    return unique


def _describe(name: str, values: list[float]) -> str:
    ordered = sorted(values)
    quartiles = statistics.quantiles(ordered, n=4) if len(ordered) > 1 else ordered
    histogram = np.histogram(ordered, bins=np.arange(-0.3, 1.01, 0.1))[0]
    return (
        f"[face] {name}: n={len(ordered)} min {ordered[0]:.3f} "
        f"q1 {quartiles[0]:.3f} median {statistics.median(ordered):.3f} "
        f"max {ordered[-1]:.3f}; histogram from -0.3 by 0.1: {histogram.tolist()}"
    )


def test_similarity_distribution_on_public_photos(
    faces_dir: Path, pipeline: FacePipeline
) -> None:
    embeddings: dict[str, tuple[str, np.ndarray]] = {}
    for relative, person in _labelled_photos(faces_dir).items():
        embedding = pipeline.analyse(cv2.imread(str(faces_dir / relative))).embedding
        assert embedding is not None, relative
        embeddings[relative] = (person, embedding)
    same: list[float] = []
    different: list[float] = []
    for (_, (p1, e1)), (_, (p2, e2)) in itertools.combinations(embeddings.items(), 2):
        (same if p1 == p2 else different).append(float(e1 @ e2))
    threshold = MatchRule().threshold
    print(
        f"\n[face] {len(embeddings)} unique photos of {len(set(PERSON.values()) | set(TRAIN.values()))} people"
    )
    print(_describe("same person", same))
    print(_describe("different people", different))
    print(
        f"[face] at threshold {threshold}: {sum(s < threshold for s in same)} "
        f"same-person pairs refused, {sum(d >= threshold for d in different)} "
        "different-person pairs accepted"
    )

    lin = embeddings["lin-manuel-miranda.png"][1]
    clip: list[float] = []
    for frame in _clip_frames(3.0, 7.0):
        analysis = pipeline.analyse(frame.image)
        if analysis.embedding is not None:
            clip.append(float(lin @ analysis.embedding))
    print(_describe("clip frames vs his enrolment photo (webcam-like)", clip))
    print(
        f"[face] clip frames at threshold {threshold}: "
        f"{sum(c >= threshold for c in clip)} of {len(clip)} frames accepted"
    )
