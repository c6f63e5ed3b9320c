"""The worker keeps a refusal's message, and its own error output, with the real pose model."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.video import synthetic as syn


@pytest.mark.slow
@pytest.mark.django_db
def test_worker_refusal_keeps_its_message_and_the_error_output(
    user: object,
    video_settings: Path,
    settings: object,
    tmp_path: Path,
    capfd: pytest.CaptureFixture[str],
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from dorsi.db.models import VideoStatus
    from dorsi.services.videos import video_analysis_create

    settings.DORSI_VIDEO_ESTIMATOR = ""  # type: ignore[attr-defined]  # real MediaPipe, two halves
    data = syn.write_clip(tmp_path / "empty.mp4", 150, size=(320, 240)).read_bytes()
    upload = SimpleUploadedFile("empty.mp4", data, content_type="video/mp4")
    row = video_analysis_create(user=user, upload=upload, mode="squat")  # type: ignore[arg-type]
    assert row.status == VideoStatus.FAILED
    assert row.error.startswith("No person was found")
    os.write(2, b"worker stderr still open\n")
    assert "worker stderr still open" in capfd.readouterr().err
