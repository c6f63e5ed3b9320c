"""Compare two of a user's finished video analyses with ``dorsi.video.compare``.

The engine reads the ``analysis.json`` files and, for the side-by-side image, the videos named
in them. The service hands it copies in a temporary folder: the documents from the media
storage and, for the image, the uploads fetched under the names the user gave them (never a
path read from a file), so the image is labelled with the user's file names and an imported
analysis (no video) simply has no image. The image is kept in the media storage.
"""

from __future__ import annotations

import contextlib
import json
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.contrib.auth.models import User

from dorsi.core.errors import ValidationError
from dorsi.db.models import VideoAnalysis, VideoStatus
from dorsi.services.media import media_download, media_exists, media_read, media_save
from dorsi.services.videos import (
    ANALYSIS_JSON,
    analysis_key,
    source_key,
    user_video_key,
    video_analysis_get,
)

COMPARE_PNG = "compare.png"


@dataclass(frozen=True)
class VideoComparison:
    before: VideoAnalysis
    after: VideoAnalysis
    metrics: tuple[Any, ...]  # dorsi.video.comparison.MetricDelta
    notes: tuple[str, ...]
    has_image: bool
    uncertainty_deg: float


def _pair(user: User, before_id: int, after_id: int) -> tuple[VideoAnalysis, VideoAnalysis]:
    before = video_analysis_get(user=user, id=before_id)
    after = video_analysis_get(user=user, id=after_id)
    if before.pk == after.pk:
        raise ValidationError("after", "pick two different analyses")
    for field, row in (("before", before), ("after", after)):
        if row.status != VideoStatus.DONE or not media_exists(_document_key(row)):
            raise ValidationError(field, f"{row.original_filename} has no result to compare")
    return before, after


def _document_key(row: VideoAnalysis) -> str:
    return f"{analysis_key(row)}/{ANALYSIS_JSON}"


@contextlib.contextmanager
def _documents(rows: tuple[VideoAnalysis, ...], *, videos: bool = False) -> Iterator[list[Path]]:
    """The documents in a temporary folder; with ``videos``, each upload fetched beside it."""
    with tempfile.TemporaryDirectory(prefix="dorsi-compare-") as tmp:
        paths = []
        for number, row in enumerate(rows):
            folder = Path(tmp) / str(number)
            folder.mkdir()
            document = json.loads(media_read(_document_key(row)).decode("utf-8"))
            video = folder / row.original_filename
            if videos:
                media_download(source_key(row), video)
            document["source"]["path"] = str(video)
            path = folder / ANALYSIS_JSON
            path.write_text(json.dumps(document), encoding="utf-8")
            paths.append(path)
        yield paths


def video_compare(*, user: User, before_id: int, after_id: int) -> VideoComparison:
    """Per-metric deltas; an angle change under the ±5° uncertainty is "no real change"."""
    from dorsi.video import UNCERTAINTY_DEG, compare

    rows = _pair(user, before_id, after_id)
    with _documents(rows) as (first, second):
        result = compare(first, second)
    return VideoComparison(
        before=rows[0],
        after=rows[1],
        metrics=result.metrics,
        notes=result.notes,
        has_image=all(media_exists(source_key(row)) for row in rows),
        uncertainty_deg=UNCERTAINTY_DEG,
    )


def video_compare_image(*, user: User, before_id: int, after_id: int) -> str:
    """The storage name of the side-by-side image at matching depth, made on first request and
    kept until either analysis is deleted. DoesNotExist when a video is missing (imported
    analyses)."""
    from dorsi.video import compare

    rows = _pair(user, before_id, after_id)
    target = f"{user_video_key(rows[0].user_id)}/compare/{rows[0].pk}-{rows[1].pk}/{COMPARE_PNG}"
    if media_exists(target):
        return target
    if not all(media_exists(source_key(row)) for row in rows):
        raise VideoAnalysis.DoesNotExist("a video of this comparison is not stored")
    with (
        _documents(rows, videos=True) as (first, second),
        tempfile.TemporaryDirectory(prefix="dorsi-compare-out-") as out,
    ):
        result = compare(first, second, out_dir=out)
        if result.image is None:
            raise VideoAnalysis.DoesNotExist("no side-by-side image")
        media_save(target, Path(result.image))
    return target
