"""Task workers that die do not take work with them.

Every worker writes a heartbeat row every few seconds. A worker whose heartbeat is older than
``DORSI_WORKER_STALE_S`` is dead (killed, its host gone): what it was running is handed to the other
workers — a video analysis goes back to the queue, up to ``MAX_ATTEMPTS`` starts, then fails
with a message — and its task row is closed. Each worker sweeps when it starts and then every
half that time, so recovery needs no separate process and works across hosts that share the
database. A worker asked to stop (SIGTERM) hands its analysis back at once instead. The same
sweep enforces the access log's retention (``DORSI_ACCESS_LOG_DAYS``, a few batches at a time).
"""

from __future__ import annotations

import logging
import os
import shutil
import socket
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import close_old_connections
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from dorsi.db.models import WorkerHeartbeat
from dorsi.services.coaching import access_log_prune
from dorsi.services.scratch import work_dir, work_root
from dorsi.services.videos import video_analyses_recover

logger = logging.getLogger("dorsi.workers")

MAX_ATTEMPTS = 3


def beat_every() -> timedelta:
    return timedelta(seconds=settings.DORSI_WORKER_BEAT_S)


def stale_after() -> timedelta:
    return timedelta(seconds=settings.DORSI_WORKER_STALE_S)


def sweep_every() -> timedelta:
    return stale_after() / 2


@dataclass(frozen=True)
class Recovery:
    requeued: tuple[int, ...]
    failed: tuple[int, ...]
    tasks_closed: int
    folders_removed: int
    access_log_pruned: int = 0


def worker_beat(*, worker_id: str, now: datetime | None = None) -> None:
    moment = now or timezone.now()
    updated = WorkerHeartbeat.objects.filter(worker_id=worker_id).update(seen_at=moment)
    if not updated:
        WorkerHeartbeat.objects.create(
            worker_id=worker_id,
            host=socket.gethostname(),
            pid=os.getpid(),
            started_at=moment,
            seen_at=moment,
        )


def worker_forget(*, worker_id: str) -> None:
    """A clean exit: the worker is gone and holds nothing."""
    WorkerHeartbeat.objects.filter(worker_id=worker_id).delete()
    shutil.rmtree(work_dir(worker_id), ignore_errors=True)


def workers_alive(*, now: datetime | None = None) -> set[str]:
    """Workers with a recent heartbeat, less those of this host whose process is gone."""
    since = (now or timezone.now()) - stale_after()
    here = socket.gethostname()
    alive = set()
    rows = WorkerHeartbeat.objects.filter(seen_at__gte=since).values_list(
        "worker_id", "host", "pid"
    )
    for worker_id, host, pid in rows:
        if host != here or _process_exists(pid):
            alive.add(worker_id)
    return alive


def _process_exists(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process: it exists
        return True
    return True


def recover_interrupted(*, now: datetime | None = None) -> Recovery:
    """Hand back what dead workers left running; remove this host's folders of dead workers."""
    moment = now or timezone.now()
    alive = workers_alive(now=moment)
    requeued, failed = video_analyses_recover(alive=alive, max_attempts=MAX_ATTEMPTS)
    closed = _close_tasks(alive, moment)
    removed = _remove_dead_folders(alive)
    WorkerHeartbeat.objects.filter(seen_at__lt=moment - stale_after() * 10).delete()
    pruned = access_log_prune(now=moment)  # the access log's retention, a batch or a few
    if requeued or failed or closed:
        logger.warning(
            "recovered from a stopped worker: %d analyses queued again, %d failed, %d tasks closed",
            len(requeued),
            len(failed),
            closed,
        )
    return Recovery(tuple(requeued), tuple(failed), closed, removed, pruned)


def _close_tasks(alive: set[str], moment: datetime) -> int:
    """Task rows a dead worker left running would stay "running" for ever: close them."""
    closed = 0
    for task in DBTaskResult.objects.running():
        if task.worker_ids and task.worker_ids[-1] in alive:
            continue
        if task.started_at is not None and moment - task.started_at < stale_after():
            continue  # just claimed; its worker may not have beaten yet
        task.status = TaskResultStatus.FAILED
        task.finished_at = moment
        task.exception_class_path = "dorsi.services.workers.WorkerLost"
        task.traceback = "The worker running this task stopped without finishing it."
        task.save(update_fields=["status", "finished_at", "exception_class_path", "traceback"])
        closed += 1
    return closed


def _remove_dead_folders(alive: set[str]) -> int:
    root = work_root()
    if not root.is_dir():
        return 0
    removed = 0
    for folder in root.iterdir():
        if folder.is_dir() and folder.name not in alive:
            shutil.rmtree(folder, ignore_errors=True)
            removed += 1
    return removed


class Heartbeat:
    """A daemon thread that beats and sweeps for one worker process."""

    def __init__(self, worker_id: str) -> None:
        self.worker_id = worker_id
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="dorsi-heartbeat", daemon=True)

    def start(self) -> None:
        worker_beat(worker_id=self.worker_id)
        recover_interrupted()
        self._thread.start()

    def stop(self) -> None:
        self._done.set()
        self._thread.join(timeout=5)

    def _loop(self) -> None:
        last_sweep = timezone.now()
        while not self._done.wait(beat_every().total_seconds()):
            try:
                worker_beat(worker_id=self.worker_id)
                if timezone.now() - last_sweep >= sweep_every():
                    recover_interrupted()
                    last_sweep = timezone.now()
            except Exception:  # the database may be briefly away: try again next beat
                logger.exception("worker heartbeat failed")
            finally:
                close_old_connections()
