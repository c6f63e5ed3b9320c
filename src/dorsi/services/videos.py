"""Video analyses: an upload, a background task running ``dorsi.video.analyze``, the results.

Each analysis has a private folder, ``DORSI_VIDEO_DIR/<user id>/<analysis id>/``, holding the
upload (``source.<ext>``, kept so that two analyses can be shown side by side) and, once done,
the report files of ``dorsi.video.analyze`` (written all or nothing). A failed analysis keeps
no file: its row keeps the VideoError message, which says what to change when filming.
"""

from __future__ import annotations

import json
import logging
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.core.files import File
from django.db import transaction
from django.db.models import F, QuerySet
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks import TaskContext, task

from dorsi.core.codes import Variant
from dorsi.core.errors import ValidationError
from dorsi.core.thresholds import HEIGHT_RANGE, category_for
from dorsi.db.models import Assessment, Retest, VideoAnalysis, VideoStatus
from dorsi.services.scratch import stop_requested, work_dir
from dorsi.video.model import Mode, SideChoice

logger = logging.getLogger(__name__)

# What phones and cameras record; anything else is refused before it is stored. Whether the
# file really is a readable video is for the analysis to find out (NotAVideo).
VIDEO_EXTENSIONS = (".mp4", ".mov", ".m4v", ".webm", ".mkv", ".avi", ".3gp")
# Browsers send video/* for these, or a generic type when they do not know the extension.
GENERIC_CONTENT_TYPES = ("", "application/octet-stream", "binary/octet-stream")

# The report files a user may download, with their content type; the upload is never served.
REPORT_FILES = {
    "annotated.mp4": "video/mp4",
    "angles.png": "image/png",
    "frames.csv": "text/csv; charset=utf-8",
}
ANALYSIS_JSON = "analysis.json"
GAVE_UP = (
    "The analysis was interrupted {attempts} times on our side (the server restarted while "
    "it ran). Upload the video again; if it keeps happening, try a shorter clip."
)
UNEXPECTED_FAILURE = (
    "The analysis stopped because of a problem on our side, not with your video. "
    "Try again later; if it happens again, try a shorter clip."
)


# Storage -------------------------------------------------------------------------------


def video_root() -> Path:
    return Path(settings.DORSI_VIDEO_DIR)


def user_video_dir(user_id: int) -> Path:
    return video_root() / str(int(user_id))


def analysis_dir(row: VideoAnalysis) -> Path:
    return user_video_dir(row.user_id) / str(int(row.pk))


def source_path(row: VideoAnalysis) -> Path:
    return analysis_dir(row) / ("source" + Path(row.original_filename).suffix.lower())


def remove_tree(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)


# Create and run ------------------------------------------------------------------------


def video_upload_check(*, name: str, size: int, content_type: str | None) -> str:
    """The file name without any client-side folder; ValidationError("file") when refused."""
    clean = Path(name.replace("\\", "/")).name[:255]
    suffix = Path(clean).suffix.lower()
    kinds = ", ".join(ext[1:].upper() for ext in VIDEO_EXTENSIONS)
    if suffix not in VIDEO_EXTENSIONS:
        raise ValidationError(
            "file", f"{clean or 'This file'} is not a video file Dorsi accepts ({kinds})."
        )
    kind = (content_type or "").split(";")[0].strip().lower()
    if not (kind.startswith("video/") or kind in GENERIC_CONTENT_TYPES):
        raise ValidationError("file", f"{clean} is sent as {kind}, not as a video ({kinds}).")
    if size <= 0:
        raise ValidationError("file", "The file is empty.")
    limit = settings.DORSI_VIDEO_MAX_BYTES
    if size > limit:
        raise ValidationError(
            "file",
            f"The file is {size / 2**20:.0f} MB; the limit is {limit / 2**20:.0f} MB. "
            "Trim the clip to the movement (10–30 seconds is plenty).",
        )
    return clean


def video_options_check(
    *, mode: str, side: str, height_cm: float | None
) -> tuple[Mode, SideChoice]:
    try:
        chosen_mode = Mode(mode)
    except ValueError:
        raise ValidationError("mode", f"unknown test {mode!r} (squat or knee-to-wall)") from None
    try:
        chosen_side = SideChoice(side)
    except ValueError:
        raise ValidationError("side", f"unknown side {side!r} (auto, left or right)") from None
    if height_cm is not None:
        HEIGHT_RANGE.check("height_cm", height_cm)
    return chosen_mode, chosen_side


def video_analysis_create(
    *,
    user: User,
    upload: File[bytes],
    mode: str,
    side: str = "auto",
    height_cm: float | None = None,
) -> VideoAnalysis:
    """Store the upload in the user's private folder and queue its analysis."""
    name = video_upload_check(
        name=upload.name or "",
        size=upload.size or 0,
        content_type=getattr(upload, "content_type", None),
    )
    chosen_mode, chosen_side = video_options_check(mode=mode, side=side, height_cm=height_cm)
    row = VideoAnalysis.objects.create(
        user=user,
        mode=chosen_mode.value,
        side=chosen_side.value,
        height_cm=height_cm,
        original_filename=name,
        size_bytes=upload.size,
    )
    folder = analysis_dir(row)
    try:
        remove_tree(folder)  # left over from a row whose id the database handed out again
        folder.mkdir(parents=True, mode=0o700)
        with source_path(row).open("wb") as handle:
            for chunk in upload.chunks():
                handle.write(chunk)
    except OSError:
        remove_tree(folder)
        row.delete()
        raise
    video_analyze.enqueue(row.pk)
    row.refresh_from_db()
    return row


def _estimator() -> Any:
    path = settings.DORSI_VIDEO_ESTIMATOR
    return import_string(path)() if path else None


class HandBack(Exception):
    """The worker is stopping: give the analysis back to the queue instead of finishing it."""


def _progress_saver(analysis_id: int) -> Callable[[Any], None]:
    """Store the percentage now and then (pose 0–80 %, drawing the video 80–100 %), and stop
    at once when the worker is asked to stop."""
    last = [0]

    def report(event: Any) -> None:
        if stop_requested():
            raise HandBack
        if not event.total:
            return
        share = min(event.done / event.total, 1.0)
        percent = round(80 * share) if event.stage == "pose" else 80 + round(19 * share)
        if percent >= last[0] + 5:
            last[0] = percent
            VideoAnalysis.objects.filter(pk=analysis_id, status=VideoStatus.RUNNING).update(
                progress=percent
            )

    return report


# Tasks run in the request (the immediate backend of the tests) have no worker id.
INLINE_WORKER = "inline"


@task(takes_context=True)
def video_analyze(context: TaskContext, analysis_id: int) -> str:
    """The background task: analyse an uploaded video (pose on every frame, then the annotated
    video): minutes on a long clip, so never inside a request. The worker's id marks the
    analysis as its own, so another worker can take it over if this one dies."""
    worker_ids = context.task_result.worker_ids
    return video_analysis_run(
        analysis_id=analysis_id, worker_id=worker_ids[-1] if worker_ids else INLINE_WORKER
    )


def video_analyses_recover(*, alive: set[str], max_attempts: int) -> tuple[list[int], list[int]]:
    """Analyses left running by workers that are not alive: back to the queue, or failed with
    a message once they were started ``max_attempts`` times. Returns (requeued, failed)."""
    requeued: list[int] = []
    failed: list[int] = []
    orphans = VideoAnalysis.objects.filter(status=VideoStatus.RUNNING).exclude(worker_id__in=alive)
    for analysis_id in orphans.values_list("pk", flat=True):
        with transaction.atomic():
            row = (
                VideoAnalysis.objects.select_for_update()
                .filter(pk=analysis_id, status=VideoStatus.RUNNING)
                .exclude(worker_id__in=alive)
                .first()
            )
            if row is None:  # another worker got there first
                continue
            if row.attempts >= max_attempts:
                _fail(row, GAVE_UP.format(attempts=row.attempts))
                failed.append(row.pk)
            else:
                video_analysis_requeue(row)
                requeued.append(row.pk)
    return requeued, failed


def video_analysis_requeue(row: VideoAnalysis, *, counts: bool = True) -> None:
    """Back to the queue with a new task (a stopped or dead worker's analysis). ``counts``
    False: the start does not count towards the limit (the worker was asked to stop)."""
    row.status = VideoStatus.QUEUED
    row.progress = 0
    row.worker_id = ""
    row.started_at = None
    if not counts:
        row.attempts = max(0, row.attempts - 1)
    row.save(update_fields=["status", "progress", "worker_id", "started_at", "attempts"])
    transaction.on_commit(lambda: video_analyze.enqueue(row.pk))


def _claim(analysis_id: int, worker_id: str) -> VideoAnalysis | None:
    claimed = VideoAnalysis.objects.filter(pk=analysis_id, status=VideoStatus.QUEUED).update(
        status=VideoStatus.RUNNING,
        started_at=timezone.now(),
        progress=0,
        worker_id=worker_id,
        attempts=F("attempts") + 1,
    )
    return VideoAnalysis.objects.get(pk=analysis_id) if claimed else None


def video_analysis_run(*, analysis_id: int, worker_id: str) -> str:
    """Run one queued analysis (called by the task). Never raises for a bad video.

    The work happens in this worker's own scratch folder; only a finished report moves into
    the analysis folder, so a worker killed half-way leaves nothing the user can see (the
    next sweep removes its scratch folder and queues the analysis again)."""
    from dorsi.video import VideoError, analyze

    row = _claim(analysis_id, worker_id)
    if row is None:  # deleted, or already taken by another worker
        return "skipped"
    scratch = work_dir(worker_id) / str(row.pk)
    estimator = None
    try:
        estimator = _estimator()
        result = analyze(
            source_path(row),
            mode=row.mode,
            side=row.side,
            height_cm=row.height_cm,
            out_dir=scratch,
            progress=_progress_saver(row.pk),
            estimator=estimator,
        )
    except (VideoError, ValidationError) as error:
        return _fail(row, str(error))
    except HandBack:
        return _hand_back(row)
    except Exception:  # a bug, not the user's video: log it, tell the user it is ours
        logger.exception("video analysis %s failed", row.pk)
        return _fail(row, UNEXPECTED_FAILURE)
    except BaseException:  # forced to stop (a second SIGTERM): someone else finishes it
        _hand_back(row)
        raise
    finally:
        if estimator is not None:
            estimator.close()
    return _finish(row, scratch, result.to_dict())


def _finish(row: VideoAnalysis, scratch: Path, document: dict[str, Any]) -> str:
    folder = analysis_dir(row)
    try:
        if folder.is_dir():
            for item in scratch.iterdir():
                shutil.move(str(item), folder / item.name)
    finally:
        remove_tree(scratch)
    done = VideoAnalysis.objects.filter(pk=row.pk, status=VideoStatus.RUNNING).update(
        status=VideoStatus.DONE,
        summary=summary_document(document),
        progress=100,
        finished_at=timezone.now(),
    )
    if not done:  # deleted while it ran: take its files with it
        remove_tree(folder)
        return "deleted"
    return VideoStatus.DONE


def _hand_back(row: VideoAnalysis) -> str:
    remove_tree(work_dir(row.worker_id) / str(row.pk))
    with transaction.atomic():
        current = VideoAnalysis.objects.select_for_update().filter(pk=row.pk).first()
        if current is not None and current.status == VideoStatus.RUNNING:
            video_analysis_requeue(current, counts=False)
    logger.warning("video analysis %s handed back: the worker is stopping", row.pk)
    return VideoStatus.QUEUED


def _fail(row: VideoAnalysis, message: str) -> str:
    remove_tree(work_dir(row.worker_id) / str(row.pk))
    remove_tree(analysis_dir(row))  # no report was written; drop the upload too
    VideoAnalysis.objects.filter(pk=row.pk).update(
        status=VideoStatus.FAILED, error=message or UNEXPECTED_FAILURE, finished_at=timezone.now()
    )
    return VideoStatus.FAILED


def summary_document(document: dict[str, Any]) -> dict[str, Any]:
    """What the pages show, from a dorsi.video/v1 document: no per-frame series, no paths."""
    series, source = document["series"], document["source"]

    def extreme(values: list[float | None], pick: Callable[[list[float]], float]) -> float | None:
        present = [v for v in values if v is not None]
        return pick(present) if present else None

    return {
        "mode": document["mode"],
        "side": document["side"],
        "side_reason": document["side_reason"],
        "facing": document["facing"],
        "scale": document["scale"],
        "summary": document["summary"],
        "reps": document["reps"],
        "warnings": document.get("warnings", []),
        "uncertainty_deg": document.get(
            "uncertainty_deg", document["summary"].get("uncertainty_deg")
        ),
        "deepest_hip_above_knee": extreme(series["hip_above_knee"], min),
        "max_knee_past_toes": extreme(series["knee_past_toes"], max),
        "max_trunk_lean_deg": extreme(series["trunk_lean_deg"], max),
        "source": {
            key: source[key] for key in ("fps", "frame_count", "width", "height", "duration_s")
        },
    }


# From the video to the knee-to-wall test -------------------------------------------------


def video_knee_to_wall_context(*, user: User, row: VideoAnalysis) -> dict[str, Any] | None:
    """For a finished knee-to-wall analysis: the video's distance estimate, the category it
    falls in on the standing scale, and the person's last knee-to-wall result for that leg
    (latest retest or assessment). None when the analysis has no distance estimate."""
    summary = row.summary or {}
    estimate = summary.get("summary", {}).get("knee_to_wall")
    if row.status != VideoStatus.DONE or not estimate:
        return None
    side = summary.get("side", "left")
    category = category_for(estimate["distance_cm"], Variant.STANDING)
    last: dict[str, Any] | None = None
    retest = (
        Retest.objects.filter(user=user, **{f"{side}_cm__isnull": False}).order_by("-date").first()
    )
    assessment = Assessment.objects.filter(user=user).first()
    if retest is not None:
        last = {"cm": getattr(retest, f"{side}_cm"), "date": retest.date, "what": "retest"}
    if assessment is not None:
        measured = (assessment.report.get("sides") or {}).get(side) or {}
        if measured.get("knee_to_wall_cm") is not None and (
            last is None or assessment.date > last["date"]
        ):
            last = {
                "cm": measured["knee_to_wall_cm"],
                "date": assessment.date,
                "what": "assessment",
            }
    return {
        "estimate": estimate,
        "side": side,
        "category": category.value,
        "last": last,
        "tibia_deg": (summary["summary"].get("weight_bearing_dorsiflexion") or {}).get("value_deg"),
    }


# Selectors and files -------------------------------------------------------------------


def video_analyses_list(*, user: User) -> QuerySet[VideoAnalysis]:
    return VideoAnalysis.objects.filter(user=user)


def video_analysis_get(*, user: User, id: int) -> VideoAnalysis:
    return VideoAnalysis.objects.get(user=user, pk=id)


def video_analysis_file(*, user: User, id: int, name: str) -> tuple[Path, str]:
    """A report file of the user's finished analysis and its content type (DoesNotExist if not)."""
    row = video_analysis_get(user=user, id=id)
    path = analysis_dir(row) / name
    if name not in REPORT_FILES or row.status != VideoStatus.DONE or not path.is_file():
        raise VideoAnalysis.DoesNotExist(f"no file {name!r} for this analysis")
    return path, REPORT_FILES[name]


def report_files_present(row: VideoAnalysis) -> set[str]:
    """Which downloadable files this analysis has (an imported one has none)."""
    if row.status != VideoStatus.DONE:
        return set()
    folder = analysis_dir(row)
    return {name for name in REPORT_FILES if (folder / name).is_file()}


def analysis_document(row: VideoAnalysis) -> dict[str, Any] | None:
    """The stored dorsi.video/v1 document, with the server's path replaced by the file's name."""
    path = analysis_dir(row) / ANALYSIS_JSON
    if row.status != VideoStatus.DONE or not path.is_file():
        return None
    document: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    document["source"]["path"] = row.original_filename
    return document


def video_analysis_document(*, user: User, id: int) -> dict[str, Any]:
    document = analysis_document(video_analysis_get(user=user, id=id))
    if document is None:
        raise VideoAnalysis.DoesNotExist("this analysis has no result")
    return document


# Delete --------------------------------------------------------------------------------


def video_analysis_delete(*, user: User, id: int) -> None:
    """Delete the analysis, its upload, its report files, any half-written report folder
    an older version left beside it, and the comparisons that used it."""
    row = video_analysis_get(user=user, id=id)
    folder = analysis_dir(row)
    row.delete()
    remove_tree(folder)
    for leftover in folder.parent.glob(f".{id}-*"):
        remove_tree(leftover)
    compare_root = user_video_dir(row.user_id) / "compare"
    if compare_root.is_dir():
        for pair in compare_root.iterdir():
            if str(id) in pair.name.split("-"):
                remove_tree(pair)


def video_files_delete_all(*, user_id: int) -> None:
    """Remove every video file of a user (account deletion)."""
    remove_tree(user_video_dir(user_id))
