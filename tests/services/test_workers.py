"""Workers that die do not take work with them (dorsi.services.workers): their analyses go
back to the queue (or fail after three starts), their task rows close, their scratch folders
go; a worker asked to stop hands back at once."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from dorsi.db.models import VideoAnalysis, VideoStatus, WorkerHeartbeat
from dorsi.services import scratch
from dorsi.services.videos import (
    GAVE_UP,
    video_analysis_create,
    video_analysis_delete,
    video_analysis_run,
)
from dorsi.services.workers import (
    recover_interrupted,
    worker_beat,
    worker_forget,
    workers_alive,
)
from tests.video_fixtures import analysis_dir, source_path

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("video_settings")]
QUEUE_ONLY = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


@pytest.fixture
def work(settings, tmp_path: Path) -> Path:
    settings.DORSI_WORK_DIR = tmp_path / "work"
    return tmp_path / "work"


def _running(user, clip_bytes: bytes, *, worker_id: str, attempts: int = 1) -> VideoAnalysis:
    upload = SimpleUploadedFile("squat.mp4", clip_bytes, content_type="video/mp4")
    row = video_analysis_create(user=user, upload=upload, mode="squat")
    VideoAnalysis.objects.filter(pk=row.pk).update(
        status=VideoStatus.RUNNING, worker_id=worker_id, attempts=attempts, progress=40
    )
    row.refresh_from_db()
    return row


def _beat(worker_id: str, seconds_ago: float, *, host: str = "another-host") -> None:
    when = timezone.now() - timedelta(seconds=seconds_ago)
    WorkerHeartbeat.objects.create(worker_id=worker_id, host=host, pid=1, seen_at=when)


def test_a_worker_is_alive_while_it_beats_and_dead_after_the_stale_time(settings) -> None:
    settings.DORSI_WORKER_STALE_S = 30
    _beat("fresh", 5)
    _beat("silent", 31)
    assert workers_alive() == {"fresh"}


def test_a_worker_of_this_host_whose_process_is_gone_is_dead_at_once() -> None:
    import socket

    WorkerHeartbeat.objects.create(
        worker_id="gone", host=socket.gethostname(), pid=2**22 + 7, seen_at=timezone.now()
    )
    worker_beat(worker_id="me")
    assert workers_alive() == {"me"}


def test_a_dead_workers_analysis_is_queued_again_and_then_finished(
    user, clip_bytes, settings, work, django_capture_on_commit_callbacks
) -> None:
    _beat("dead", 120)
    row = _running(user, clip_bytes, worker_id="dead")
    with django_capture_on_commit_callbacks(execute=True):
        report = recover_interrupted()  # the immediate backend runs the new task at once
    assert report.requeued == (row.pk,)
    row.refresh_from_db()
    assert (row.status, row.attempts) == (VideoStatus.DONE, 2)
    assert (analysis_dir(row) / "annotated.mp4").exists()


def test_a_live_workers_analysis_is_left_alone(user, clip_bytes, settings, work) -> None:
    settings.TASKS = QUEUE_ONLY
    worker_beat(worker_id="busy")
    row = _running(user, clip_bytes, worker_id="busy")
    assert recover_interrupted().requeued == ()
    row.refresh_from_db()
    assert row.status == VideoStatus.RUNNING


def test_after_three_starts_the_analysis_fails_with_a_message(
    user, clip_bytes, settings, work
) -> None:
    settings.TASKS = QUEUE_ONLY
    row = _running(user, clip_bytes, worker_id="dead", attempts=3)
    assert recover_interrupted().failed == (row.pk,)
    row.refresh_from_db()
    assert (row.status, row.error) == (VideoStatus.FAILED, GAVE_UP.format(attempts=3))
    assert not source_path(row).exists()


def test_a_dead_workers_task_row_is_closed(settings) -> None:
    started = timezone.now() - timedelta(minutes=5)
    DBTaskResult.objects.create(
        status=TaskResultStatus.RUNNING,
        args_kwargs={"args": [1], "kwargs": {}},
        task_path="dorsi.services.videos.video_analyze",
        backend_name="default",
        run_after=started,
        started_at=started,
        worker_ids=["dead"],
    )
    assert recover_interrupted().tasks_closed == 1
    task = DBTaskResult.objects.get()
    assert task.status == TaskResultStatus.FAILED
    assert "stopped without finishing" in task.traceback


def test_the_sweep_prunes_the_access_log_past_its_retention(user) -> None:
    from dorsi.db.models import CoachAccess

    for days in (401, 399):
        CoachAccess.objects.create(
            client=user, coach_name="carla", what="list", at=timezone.now() - timedelta(days=days)
        )
    assert recover_interrupted().access_log_pruned == 1
    assert CoachAccess.objects.count() == 1


def test_dead_workers_scratch_folders_go_and_live_ones_stay(work) -> None:
    worker_beat(worker_id="alive")
    (work / "alive" / "7").mkdir(parents=True)
    (work / "dead" / "8").mkdir(parents=True)
    assert recover_interrupted().folders_removed == 1
    assert sorted(p.name for p in work.iterdir()) == ["alive"]


def test_a_clean_exit_forgets_the_worker_and_its_folder(work) -> None:
    worker_beat(worker_id="leaving")
    (work / "leaving" / "3").mkdir(parents=True)
    worker_forget(worker_id="leaving")
    assert not WorkerHeartbeat.objects.exists()
    assert not (work / "leaving").exists()


def test_a_stop_request_hands_the_analysis_back_without_counting_the_start(
    user, clip_bytes, settings, work, monkeypatch
) -> None:
    settings.TASKS = QUEUE_ONLY
    upload = SimpleUploadedFile("squat.mp4", clip_bytes, content_type="video/mp4")
    row = video_analysis_create(user=user, upload=upload, mode="squat")
    monkeypatch.setattr(scratch, "_stop", _AlwaysSet())
    assert video_analysis_run(analysis_id=row.pk, worker_id="w1") == VideoStatus.QUEUED
    row.refresh_from_db()
    assert (row.status, row.attempts, row.progress) == (VideoStatus.QUEUED, 0, 0)
    assert not (work / "w1" / str(row.pk)).exists()
    assert source_path(row).exists()


def test_deleting_an_analysis_removes_every_folder_it_ever_had(user, clip_bytes, settings) -> None:
    settings.TASKS = QUEUE_ONLY
    upload = SimpleUploadedFile("squat.mp4", clip_bytes, content_type="video/mp4")
    row = video_analysis_create(user=user, upload=upload, mode="squat")
    leftover = analysis_dir(row).parent / f".{row.pk}-abc123"  # an older version's staging
    leftover.mkdir()
    video_analysis_delete(user=user, id=row.pk)
    assert not analysis_dir(row).exists()
    assert not leftover.exists()


class _AlwaysSet:
    def is_set(self) -> bool:
        return True
