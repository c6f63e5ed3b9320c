"""``manage.py dorsi_worker``: django-tasks-db's worker, plus what Dorsi needs to run unattended.

- A heartbeat row every few seconds, and a sweep (at start, then regularly) that hands what
  dead workers left running to the living (see ``dorsi.services.workers``).
- SIGTERM: the running video analysis hands itself back to the queue at once, instead of
  the launcher having to wait minutes for it or kill it half-way.
Options are db_worker's.
"""

from __future__ import annotations

from types import FrameType
from typing import Any

from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand
from django_tasks_db.management.commands.db_worker import Worker

from dorsi.services.scratch import request_stop
from dorsi.services.workers import Heartbeat, worker_forget


class DorsiWorker(Worker):
    def shutdown(self, signum: int, frame: FrameType | None) -> None:
        request_stop()  # the running analysis sees it at its next frame and hands back
        super().shutdown(signum, frame)


class Command(DbWorkerCommand):
    help = "Run Dorsi's background task worker (heartbeat, recovery, hand back on SIGTERM)."

    def handle(self, *args: Any, **options: Any) -> None:
        self.configure_logging(options["verbosity"])
        worker = DorsiWorker(
            queue_names=options["queue_name"].split(","),
            interval=options["interval"],
            batch=options["batch"],
            backend_name=options["backend_name"],
            startup_delay=options["startup_delay"],
            max_tasks=options["max_tasks"],
            worker_id=options["worker_id"],
            excluded_queue_names=[q for q in options["exclude_queues"].split(",") if q],
        )
        heartbeat = Heartbeat(worker.worker_id)
        heartbeat.start()
        self.stdout.write(f"Dorsi worker {worker.worker_id} started")
        worker.configure_signals()
        try:
            worker.run()
        finally:
            heartbeat.stop()
            worker_forget(worker_id=worker.worker_id)
