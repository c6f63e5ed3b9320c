"""Video analyses in the dorsi.export/v1 bundle (key ``videos``).

The export carries each finished analysis' metadata and its ``analysis.json``
(dorsi.video/v1, the server's file path replaced by the uploaded file's name); the video and
image files are not part of a JSON export. Importing adds the analyses the account does not
have yet (same upload time and file name) with their results but without those files; it
never deletes an analysis, so re-importing an export into the same account loses no video.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from django.contrib.auth.models import User
from django.utils import timezone

from dorsi.core.errors import ValidationError
from dorsi.db.models import VideoAnalysis, VideoStatus
from dorsi.services.common import parse_moment
from dorsi.services.media import media_delete_tree, media_save
from dorsi.services.videos import (
    ANALYSIS_JSON,
    analysis_document,
    analysis_key,
    summary_document,
    video_options_check,
)


def _stamp(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def videos_export(*, user: User) -> list[dict[str, Any]]:
    rows = VideoAnalysis.objects.filter(user=user, status=VideoStatus.DONE).order_by(
        "created_at", "id"
    )
    return [
        {
            "created_at": _stamp(row.created_at),
            "finished_at": _stamp(row.finished_at),
            "mode": row.mode,
            "side": row.side,
            "height_cm": row.height_cm,
            "original_filename": row.original_filename,
            "analysis": analysis_document(row),
        }
        for row in rows
    ]


@dataclass(frozen=True)
class VideoEntry:
    created_at: datetime
    finished_at: datetime | None
    mode: str
    side: str
    height_cm: float | None
    original_filename: str
    document: dict[str, Any]  # canonical dorsi.video/v1


def _entry(item: Any, where: str) -> VideoEntry | None:
    from dorsi.video import AnalysisFileError
    from dorsi.video.serialize import analysis_from_dict

    if not isinstance(item, dict):
        raise ValidationError(where, "must be an object")
    if item.get("analysis") is None:  # an analysis whose result file was lost: nothing to keep
        return None
    height = item.get("height_cm")
    if height is not None and (isinstance(height, bool) or not isinstance(height, int | float)):
        raise ValidationError(f"{where}.height_cm", "must be a number")
    mode, side = video_options_check(
        mode=str(item.get("mode")), side=str(item.get("side", "auto")), height_cm=height
    )
    name = item.get("original_filename")
    if not isinstance(name, str) or not name or len(name) > 255 or Path(name).name != name:
        raise ValidationError(f"{where}.original_filename", "must be a file name")
    try:
        analysis = analysis_from_dict(item["analysis"], where=f"{where}.analysis")
    except AnalysisFileError as error:
        raise ValidationError(f"{where}.analysis", str(error)) from None
    if analysis.mode is not mode:
        raise ValidationError(
            f"{where}.mode", f"is {mode.value!r} but the analysis is {analysis.mode.value!r}"
        )
    document = analysis.to_dict()
    document["source"]["path"] = name
    created = parse_moment(item.get("created_at"), f"{where}.created_at") or timezone.now()
    return VideoEntry(
        created,
        parse_moment(item.get("finished_at"), f"{where}.finished_at"),
        mode.value,
        side.value,
        height,
        name,
        json.loads(json.dumps(document)),
    )


def videos_import_check(items: Any) -> list[VideoEntry]:
    """Validate the ``videos`` of a bundle before anything is written."""
    if not isinstance(items, list):
        raise ValidationError("videos", "must be a list")
    entries = (_entry(item, f"videos[{number}]") for number, item in enumerate(items))
    return [entry for entry in entries if entry is not None]


def videos_import(*, user: User, entries: list[VideoEntry]) -> int:
    """Add the analyses the account does not have yet; their folders hold analysis.json only."""
    existing = set(
        VideoAnalysis.objects.filter(user=user).values_list("created_at", "original_filename")
    )
    written: list[str] = []
    try:
        for entry in entries:
            if (entry.created_at, entry.original_filename) in existing:
                continue
            row = VideoAnalysis.objects.create(
                user=user,
                status=VideoStatus.DONE,
                mode=entry.mode,
                side=entry.side,
                height_cm=entry.height_cm,
                original_filename=entry.original_filename,
                progress=100,
                summary=summary_document(entry.document),
                created_at=entry.created_at,
                finished_at=entry.finished_at,
            )
            existing.add((entry.created_at, entry.original_filename))
            folder = analysis_key(row)
            media_delete_tree(folder)
            written.append(folder)
            text = json.dumps(entry.document, indent=1, allow_nan=False, ensure_ascii=False)
            media_save(f"{folder}/{ANALYSIS_JSON}", (text + "\n").encode("utf-8"))
    except BaseException:
        for folder in written:  # the transaction around the import rolls the rows back
            media_delete_tree(folder)
        raise
    return len(written)
