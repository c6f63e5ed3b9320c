"""Video analyses: an upload, a background task running ``dorsi.video.analyze``, the results.

Each analysis has a private folder in the media storage (``dorsi.services.media``: the data
folder or an object store), ``videos/<user id>/<analysis id>/``, holding the upload
(``source.<ext>``, kept so that two analyses can be shown side by side) and, once done, the
report files of ``dorsi.video.analyze``. A worker on any host fetches the upload into its own
scratch folder, analyses there and stores the report files back; they count only once the row
says done. A failed analysis keeps no file: its row keeps the VideoError message, which says
what to change when filming.
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
from dorsi.services.media import (
    media_delete_tree,
    media_download,
    media_exists,
    media_files,
    media_folders,
    media_read,
    media_save,
)
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


VIDEO_ROOT = "videos"


def user_video_key(user_id: int) -> str:
    """The storage folder of all of a user's videos."""
    return f"{VIDEO_ROOT}/{int(user_id)}"


def analysis_key(row: VideoAnalysis) -> str:
    """The storage folder of one analysis (its upload and report files)."""
    return f"{user_video_key(row.user_id)}/{int(row.pk)}"


def source_name(row: VideoAnalysis) -> str:
    return "source" + Path(row.original_filename).suffix.lower()


def source_key(row: VideoAnalysis) -> str:
    return f"{analysis_key(row)}/{source_name(row)}"


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
    folder = analysis_key(row)
    try:
        media_delete_tree(folder)  # left over from a row whose id the database handed out again
        upload.seek(0)
        media_save(source_key(row), upload)
    except Exception:
        media_delete_tree(folder)
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

    The work happens in this worker's own scratch folder on its own host: the upload is
    fetched from the media storage into it, and only a finished report is stored back, so a
    worker killed half-way leaves nothing the user can see (the next sweep, on any host,
    queues the analysis again; the dead worker's host removes its scratch folder)."""
    from dorsi.video import VideoError, analyze

    row = _claim(analysis_id, worker_id)
    if row is None:  # deleted, or already taken by another worker
        return "skipped"
    scratch = work_dir(worker_id) / str(row.pk)
    estimator = None
    try:
        remove_tree(scratch)
        video = scratch / "input" / source_name(row)
        try:
            media_download(source_key(row), video)
        except FileNotFoundError:
            raise VideoError("The uploaded video is no longer stored: upload it again.") from None
        estimator = _estimator()
        result = analyze(
            video,
            mode=row.mode,
            side=row.side,
            height_cm=row.height_cm,
            out_dir=scratch / "report",
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
    try:
        return _finish(row, scratch, result.to_dict())
    except Exception:  # the media storage refused the report (full disk, store unreachable)
        logger.exception("video analysis %s: the report could not be stored", row.pk)
        return _fail(row, UNEXPECTED_FAILURE)


def _finish(row: VideoAnalysis, scratch: Path, document: dict[str, Any]) -> str:
    folder = analysis_key(row)
    try:
        if media_exists(source_key(row)):  # not deleted while it ran
            report = scratch / "report"
            # analysis.json last: the report files are all stored before the row says done.
            items = sorted(report.iterdir(), key=lambda item: item.name == ANALYSIS_JSON)
            for item in items:
                if item.is_file():
                    media_save(f"{folder}/{item.name}", item)
    finally:
        remove_tree(scratch)
    done = VideoAnalysis.objects.filter(pk=row.pk, status=VideoStatus.RUNNING).update(
        status=VideoStatus.DONE,
        summary=summary_document(document),
        progress=100,
        finished_at=timezone.now(),
    )
    if not done:  # deleted while it ran: take its files with it
        media_delete_tree(folder)
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
    media_delete_tree(analysis_key(row))  # no report was written; drop the upload too
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
        "heel_judged": any(down is not None for down in series["heel_down"]),
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


def video_analysis_file(*, user: User, id: int, name: str) -> tuple[str, str]:
    """The storage name of a report file of the user's finished analysis and its content
    type (DoesNotExist if there is none)."""
    row = video_analysis_get(user=user, id=id)
    key = f"{analysis_key(row)}/{name}"
    if name not in REPORT_FILES or row.status != VideoStatus.DONE or not media_exists(key):
        raise VideoAnalysis.DoesNotExist(f"no file {name!r} for this analysis")
    return key, REPORT_FILES[name]


def report_files_present(row: VideoAnalysis) -> set[str]:
    """Which downloadable files this analysis has (an imported one has none)."""
    if row.status != VideoStatus.DONE:
        return set()
    return set(REPORT_FILES) & media_files(analysis_key(row))


def analysis_document(row: VideoAnalysis) -> dict[str, Any] | None:
    """The stored dorsi.video/v1 document, with the server's path replaced by the file's name."""
    if row.status != VideoStatus.DONE:
        return None
    try:
        text = media_read(f"{analysis_key(row)}/{ANALYSIS_JSON}")
    except FileNotFoundError:
        return None
    document: dict[str, Any] = json.loads(text.decode("utf-8"))
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
    folder = analysis_key(row)
    row.delete()
    media_delete_tree(folder)
    user_folder = user_video_key(row.user_id)
    for leftover in media_folders(user_folder):
        if leftover.startswith(f".{id}-"):
            media_delete_tree(f"{user_folder}/{leftover}")
    compare_root = f"{user_folder}/compare"
    for pair in media_folders(compare_root):
        if str(id) in pair.split("-"):
            media_delete_tree(f"{compare_root}/{pair}")


def video_files_delete_all(*, user_id: int) -> None:
    """Remove every video file of a user (account deletion)."""
    media_delete_tree(user_video_key(user_id))
