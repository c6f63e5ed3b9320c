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


def local_media_storage(root: Path) -> dict[str, Any]:
    """The default storage setting of the tests: a folder of their own on this machine."""
    return {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": root, "allow_overwrite": True},
    }


@pytest.fixture
def video_settings(settings: Any, tmp_path: Path) -> Path:
    """Each test gets its own media folder and the squat fake; returns its video folder."""
    settings.STORAGES = settings.STORAGES | {"default": local_media_storage(tmp_path / "media")}
    settings.DORSI_VIDEO_ESTIMATOR = SQUAT_ESTIMATOR
    return tmp_path / "media" / "videos"


# Where the media storage keeps an analysis' files on this machine (the local storage).
def analysis_dir(row: Any) -> Path:
    from dorsi.services.media import media_local_path
    from dorsi.services.videos import analysis_key

    path = media_local_path(analysis_key(row))
    assert path is not None
    return path


def source_path(row: Any) -> Path:
    from dorsi.services.videos import source_name

    return analysis_dir(row) / source_name(row)


def user_video_dir(user_id: int) -> Path:
    from dorsi.services.media import media_local_path
    from dorsi.services.videos import user_video_key

    path = media_local_path(user_video_key(user_id))
    assert path is not None
    return path


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


class _Paced(_Slow):
    """The squat fake at a pace the test sets while the workers run: seconds per frame in
    the file named by DORSI_TEST_PACE_FILE, read once per analysis (the cross-host test)."""

    def __init__(self, pause_s: float) -> None:
        super().__init__()
        self.pause_s = pause_s

    def estimate(self, image: Any, **kwargs: Any) -> Any:
        import time

        time.sleep(self.pause_s)
        return self.inner.estimate(image, **kwargs)


def paced_squat_estimator() -> _Paced:
    import os

    pace = Path(os.environ["DORSI_TEST_PACE_FILE"])
    return _Paced(float(pace.read_text().strip() or 0) if pace.is_file() else 0.0)


# The object store: moto's S3 server on loopback, one per test session, a fresh bucket per test.
S3_KEYS = {"access_key": "dorsi-test", "secret_key": "dorsi-test-secret"}
_S3: dict[str, Any] = {}


def _s3_endpoint() -> str:
    if "endpoint" not in _S3:
        from moto.server import ThreadedMotoServer

        server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
        server.start()
        host, port = server.get_host_and_port()
        _S3["server"], _S3["endpoint"] = server, f"http://{host}:{port}"
    return str(_S3["endpoint"])


@pytest.fixture
def s3_media(settings: Any, request: pytest.FixtureRequest) -> Any:
    """Media in an S3 bucket of their own (moto's server), as DORSI_MEDIA_STORAGE=s3 sets it
    up; returns the bucket (boto3) to look at what is stored."""
    import boto3

    from dorsi.web.settings import media_storage

    endpoint = _s3_endpoint()
    bucket_name = "dorsi-" + "".join(c for c in request.node.name.lower() if c.isalnum())[:40]
    s3 = boto3.resource(
        "s3",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id=S3_KEYS["access_key"],
        aws_secret_access_key=S3_KEYS["secret_key"],
    )
    bucket = s3.create_bucket(Bucket=bucket_name)
    storage = media_storage(
        {
            "DORSI_MEDIA_STORAGE": "s3",
            "DORSI_S3_BUCKET": bucket_name,
            "DORSI_S3_ENDPOINT_URL": endpoint,
            "DORSI_S3_REGION": "us-east-1",
        },
        Path(),
    )
    storage["OPTIONS"] |= S3_KEYS
    settings.STORAGES = settings.STORAGES | {"default": storage}
    settings.DORSI_VIDEO_ESTIMATOR = SQUAT_ESTIMATOR
    yield bucket
    bucket.objects.all().delete()
    bucket.delete()


def s3_keys(bucket: Any) -> set[str]:
    return {item.key for item in bucket.objects.all()}
