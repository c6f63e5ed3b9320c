"""A worker process's own state: its scratch folder on this host and whether it must stop.

Kept apart so that both the video analyses (which work in the scratch folder and hand back
when asked to stop) and the worker supervision (which removes dead workers' folders) can
use it without importing each other.
"""

from __future__ import annotations

import threading
from pathlib import Path

from django.conf import settings

_stop = threading.Event()


def stop_requested() -> bool:
    """True once this worker process was asked to stop (SIGTERM): long tasks hand back."""
    return _stop.is_set()


def request_stop() -> None:
    _stop.set()


def work_root() -> Path:
    """This host's scratch space for analyses in progress (never served, never backed up)."""
    return Path(settings.DORSI_WORK_DIR)


def work_dir(worker_id: str) -> Path:
    return work_root() / worker_id
