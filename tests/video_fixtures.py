"""Video analysis in the web tests: the fake pose estimator (the only fake allowed) and tiny
clips generated at run time, both from tests/video/synthetic.py.

``DORSI_VIDEO_ESTIMATOR`` points at one of the factories below. The clips carry their frame
number in the image, so the fake answers by frame whatever order the frames come in.

A real analysis costs about half a second (mostly drawing the chart), so only the tests about
the upload and the task run one; the others start from ``finished_analysis``: the report of
one real run per session, imported through the export service, with its video files copied in.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.video import synthetic as syn

FPS = 20
# Stand, one smooth squat to a 35° tibia, stand; the heel starts to rise past 25°.
POSTURES = syn.squat_postures(FPS, 1, heel_lift_from=25.0)
SCRIPT = syn.script_for(POSTURES)
SQUAT_ESTIMATOR = "tests.video_fixtures.squat_estimator"
NOBODY_ESTIMATOR = "tests.video_fixtures.nobody_estimator"
BROKEN_ESTIMATOR = "tests.video_fixtures.broken_estimator"
STOPPING_ESTIMATOR = "tests.video_fixtures.stopping_estimator"


def squat_estimator() -> syn.FakeEstimator:
    return syn.FakeEstimator(SCRIPT, read_code=True)


def nobody_estimator() -> syn.FakeEstimator:
    """Nobody in any frame: the analysis fails with NoPersonFound."""
    return syn.FakeEstimator([[]])


def broken_estimator() -> syn.FakeEstimator:
    """A bug in the backend (not a VideoError): the estimator cannot even be made."""
    raise RuntimeError("pose model failed to load")


def stopping_estimator() -> syn.FakeEstimator:
    """The worker is told to stop while it makes the pose model (``sys.exit`` in db_worker)."""
    raise SystemExit(1)


def squat_clip(folder: Path, name: str = "squat.mp4") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return syn.write_clip(
        folder / name, len(POSTURES), fps=FPS, code=True, draw=syn.stick_figure(SCRIPT)
    )


@pytest.fixture
def video_settings(settings: Any, tmp_path: Path) -> Path:
    """Each test gets its own video folder and the squat fake; returns the folder."""
    settings.DORSI_VIDEO_DIR = tmp_path / "videos"
    settings.DORSI_VIDEO_ESTIMATOR = SQUAT_ESTIMATOR
    return tmp_path / "videos"


# The session fixtures below are imported by two conftests (services and web), which makes
# two fixture definitions; this memo lets a run of both suites make each file once.
_MADE: dict[str, Path] = {}


@pytest.fixture(scope="session")
def clip_bytes(engine_report: Path) -> bytes:
    return (engine_report / "squat.mp4").read_bytes()


@pytest.fixture(scope="session")
def engine_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One real run of dorsi.video.analyze (with the fake) on the squat clip: clip + report/."""
    from dorsi.video import analyze

    if "report" not in _MADE:
        folder = tmp_path_factory.mktemp("engine-report")
        clip = squat_clip(folder)
        analyze(
            clip,
            mode="squat",
            height_cm=175,
            estimator=squat_estimator(),
            out_dir=folder / "report",
        )
        _MADE["report"] = folder
    return _MADE["report"]


@pytest.fixture
def finished_analysis(video_settings: Path, engine_report: Path) -> Callable[..., Any]:
    """A done analysis of ``user`` with every file of a real one, without running the engine."""
    from django.utils import timezone

    from dorsi.db.models import VideoAnalysis
    from dorsi.services.video_export import videos_import, videos_import_check
    from dorsi.services.videos import analysis_dir, source_path

    def make(user: Any, name: str = "squat.mp4") -> VideoAnalysis:
        document = json.loads((engine_report / "report" / "analysis.json").read_text())
        entry = {
            "created_at": timezone.now().isoformat(),
            "mode": "squat",
            "side": "auto",
            "height_cm": 175.0,
            "original_filename": name,
            "analysis": document,
        }
        assert videos_import(user=user, entries=videos_import_check([entry])) == 1
        row = VideoAnalysis.objects.filter(user=user).latest("id")
        for file in ("annotated.mp4", "angles.png", "frames.csv"):
            shutil.copy(engine_report / "report" / file, analysis_dir(row) / file)
        shutil.copy(engine_report / "squat.mp4", source_path(row))
        return row

    return make


class _Slow:
    """The squat fake, slowed to about 10 frames a second: long enough to stop a worker in
    the middle of an analysis (the supervision tests)."""

    def __init__(self) -> None:
        self.inner = squat_estimator()

    def estimate(self, image: Any, **kwargs: Any) -> Any:
        import time

        time.sleep(0.1)
        return self.inner.estimate(image, **kwargs)

    def close(self) -> None:
        self.inner.close()


def slow_squat_estimator() -> _Slow:
    return _Slow()
