"""dorsi.services.media on the local folder (the default): missing folders read as empty, a
range past the end stops at the end, and a refused upload leaves no row and no file."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from dorsi.db.models import VideoAnalysis
from dorsi.services import videos
from dorsi.services.media import (
    media_chunks,
    media_files,
    media_folders,
    media_local_path,
    media_save,
    media_walk,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("video_settings")]


def test_a_missing_folder_has_no_files_and_no_folders() -> None:
    assert media_files("videos/404") == set()
    assert media_folders("videos/404") == set()
    assert list(media_walk("videos/404")) == []


def test_a_range_past_the_end_stops_at_the_end(video_settings) -> None:
    media_save("videos/1/2/annotated.mp4", b"0123456789")
    assert b"".join(media_chunks("videos/1/2/annotated.mp4", 6, 100)) == b"6789"
    assert media_local_path("videos/1/2/annotated.mp4") == video_settings / "1/2/annotated.mp4"
    assert list(media_walk("videos")) == ["1/2/annotated.mp4"]


def test_an_upload_the_storage_refuses_leaves_no_row_and_no_file(user, monkeypatch) -> None:
    def refuse(name: str, content: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(videos, "media_save", refuse)
    upload = SimpleUploadedFile("squat.mp4", b"x" * 100, content_type="video/mp4")
    with pytest.raises(OSError, match="disk full"):
        videos.video_analysis_create(user=user, upload=upload, mode="squat")
    assert not VideoAnalysis.objects.exists()
    assert media_files(videos.user_video_key(user.pk)) == set()


def test_a_done_analysis_whose_document_is_gone_has_none(user, finished_analysis) -> None:
    row = finished_analysis(user)
    (media_local_path(videos.analysis_key(row)) / videos.ANALYSIS_JSON).unlink()
    assert videos.analysis_document(row) is None
