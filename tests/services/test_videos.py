"""Video analyses: upload → task (immediate backend) → results and files; failures keep nothing;
delete, account deletion, compare, and the ``videos`` of the export bundle."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from dorsi.core.errors import ValidationError
from dorsi.db.models import VideoAnalysis, VideoStatus
from dorsi.services.accounts import user_delete
from dorsi.services.exports import comparable, export_bundle, export_import
from dorsi.services.media import media_local_path
from dorsi.services.video_compare import video_compare, video_compare_image
from dorsi.services.videos import (
    UNEXPECTED_FAILURE,
    video_analysis_create,
    video_analysis_delete,
    video_analysis_document,
    video_analysis_get,
    video_analysis_run,
)
from tests.video_fixtures import (
    BROKEN_ESTIMATOR,
    NOBODY_ESTIMATOR,
    STOPPING_ESTIMATOR,
    analysis_dir,
    source_path,
    user_video_dir,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("video_settings")]
JUNK = b"<html>not a video</html>" * 50


def upload(
    data: bytes, name: str = "squat.mp4", content_type: str = "video/mp4"
) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


def analyse(user, clip_bytes: bytes, **options) -> VideoAnalysis:
    options = {"mode": "squat", "height_cm": 175.0} | options
    return video_analysis_create(
        user=user, upload=upload(clip_bytes, options.pop("name", "squat.mp4")), **options
    )


def test_an_upload_is_analysed_into_the_users_private_folder(
    user, clip_bytes, video_settings
) -> None:
    row = analyse(user, clip_bytes, name="IMG_0042.MOV")
    assert row.status == VideoStatus.DONE
    folder = video_settings / str(user.pk) / str(row.pk)
    assert analysis_dir(row) == folder
    assert sorted(p.name for p in folder.iterdir()) == [
        "analysis.json",
        "angles.png",
        "annotated.mp4",
        "frames.csv",
        "source.mov",
    ]
    assert not [p for p in folder.parent.iterdir() if p.name.startswith(".")]  # no staging left
    summary = row.summary["summary"]
    # The heel leaves the floor at 25° of tibia angle in this clip.
    assert summary["max_tibia_angle_heel_down"]["value_deg"] == pytest.approx(25.0, abs=1.0)
    assert summary["first_heel_lift_onset"]["tibia_angle_deg"] == pytest.approx(25.0, abs=3.5)
    assert summary["rep_count"] == 1
    assert row.summary["side"] == "right"
    assert row.summary["side_reason"] == "facing_camera"
    assert row.summary["scale"]["unit"] == "cm"
    assert row.summary["deepest_hip_above_knee"] is not None
    assert row.progress == 100
    assert row.finished_at >= row.started_at >= row.created_at
    document = video_analysis_document(user=user, id=row.pk)  # no server path in it
    assert document["schema"] == "dorsi.video/v1"
    assert document["source"]["path"] == "IMG_0042.MOV"
    assert len(document["series"]["tibia_angle_deg"]) == document["source"]["frame_count"]


@pytest.mark.parametrize(
    ("name", "content_type", "size", "words"),
    [
        ("notes.txt", "text/plain", 10, "not a video file"),
        ("squat.mp4", "text/html", 10, "not as a video"),
        ("squat.mp4", "video/mp4", 0, "empty"),
        ("squat.mp4", "video/mp4", 2048, "limit is 0 MB"),
        (
            "squat.mov",
            "application/octet-stream",
            2048,
            "limit",
        ),  # generic type: the extension decides
    ],
)
def test_refused_uploads_store_nothing(
    user, settings, video_settings, name, content_type, size, words
) -> None:
    settings.DORSI_VIDEO_MAX_BYTES = 1024
    with pytest.raises(ValidationError, match=words) as caught:
        video_analysis_create(
            user=user, upload=upload(b"x" * size, name, content_type), mode="squat"
        )
    assert caught.value.field == "file"
    assert not VideoAnalysis.objects.exists()
    assert not video_settings.exists()


@pytest.mark.parametrize(
    ("options", "field"),
    [
        ({"mode": "deadlift"}, "mode"),
        ({"side": "both"}, "side"),
        ({"height_cm": 300.0}, "height_cm"),
    ],
)
def test_bad_options_are_refused(user, clip_bytes, options, field) -> None:
    with pytest.raises(ValidationError) as caught:
        analyse(user, clip_bytes, **options)
    assert caught.value.field == field
    assert not VideoAnalysis.objects.exists()


def test_a_file_that_is_not_a_video_fails_with_the_video_error_and_keeps_no_file(user) -> None:
    row = video_analysis_create(user=user, upload=upload(JUNK), mode="squat")
    assert row.status == VideoStatus.FAILED
    assert "not a readable video" in row.error
    assert row.summary is None
    assert not analysis_dir(row).exists()


def test_nobody_in_the_video_fails_with_what_to_change(user, clip_bytes, settings) -> None:
    settings.DORSI_VIDEO_ESTIMATOR = NOBODY_ESTIMATOR
    row = analyse(user, clip_bytes)
    assert row.status == VideoStatus.FAILED
    assert row.error.startswith("No person was found in the video.")
    assert "Film from the side" in row.error
    assert not analysis_dir(row).exists()


def test_a_bug_fails_the_analysis_with_a_message_not_a_crash(
    user, clip_bytes, settings, caplog
) -> None:
    settings.DORSI_VIDEO_ESTIMATOR = BROKEN_ESTIMATOR
    row = analyse(user, clip_bytes)
    assert row.status == VideoStatus.FAILED
    assert row.error == UNEXPECTED_FAILURE
    assert "pose model failed to load" in caplog.text  # logged for the maintainers
    assert not analysis_dir(row).exists()


def test_a_worker_forced_to_stop_mid_analysis_hands_it_back_to_the_queue(
    user, clip_bytes, settings
) -> None:
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}
    }  # stays queued
    row = analyse(user, clip_bytes)
    assert row.status == VideoStatus.QUEUED
    assert source_path(row).exists()
    settings.DORSI_VIDEO_ESTIMATOR = STOPPING_ESTIMATOR
    with pytest.raises(SystemExit):
        video_analysis_run(analysis_id=row.pk, worker_id="w1")
    row.refresh_from_db()
    assert (row.status, row.attempts, row.worker_id) == (VideoStatus.QUEUED, 0, "")
    assert source_path(row).exists()  # the upload waits for the next worker


def test_running_an_analysis_twice_does_nothing_the_second_time(user) -> None:
    row = video_analysis_create(user=user, upload=upload(JUNK), mode="squat")
    assert video_analysis_run(analysis_id=row.pk, worker_id="w1") == "skipped"
    assert video_analysis_run(analysis_id=999_999, worker_id="w1") == "skipped"


def test_compare_then_delete_removes_the_row_and_every_file(user, clip_bytes) -> None:
    first, second = analyse(user, clip_bytes), analyse(user, clip_bytes, height_cm=180.0)
    result = video_compare(user=user, before_id=first.pk, after_id=second.pk)
    tibia = next(m for m in result.metrics if m.metric == "max tibia angle, heel down")
    assert (tibia.delta, tibia.verdict) == (0, "no real change")
    assert result.has_image
    image = media_local_path(video_compare_image(user=user, before_id=first.pk, after_id=second.pk))
    assert image is not None
    assert image.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    video_analysis_delete(user=user, id=first.pk)
    assert not VideoAnalysis.objects.filter(pk=first.pk).exists()
    assert not analysis_dir(first).exists()
    assert not image.exists()  # the comparison showed frames of the deleted video
    assert sorted(p.name for p in analysis_dir(second).iterdir())[-1] == "source.mp4"


def test_another_users_analysis_is_not_found(user, other_user, finished_analysis) -> None:
    row, mine = finished_analysis(other_user), finished_analysis(user)
    for call in (video_analysis_get, video_analysis_document, video_analysis_delete):
        with pytest.raises(VideoAnalysis.DoesNotExist):
            call(user=user, id=row.pk)
    for before, after in ((mine.pk, row.pk), (row.pk, mine.pk)):
        with pytest.raises(VideoAnalysis.DoesNotExist):
            video_compare(user=user, before_id=before, after_id=after)
        with pytest.raises(VideoAnalysis.DoesNotExist):
            video_compare_image(user=user, before_id=before, after_id=after)
    assert (analysis_dir(row) / "annotated.mp4").exists()


def test_account_deletion_removes_the_video_files(user, finished_analysis) -> None:
    row = finished_analysis(user)
    folder = user_video_dir(user.pk)
    assert (folder / str(row.pk) / "annotated.mp4").exists()
    user_delete(user=user)
    assert not folder.exists()
    assert not VideoAnalysis.objects.exists()


def test_compare_needs_two_different_finished_analyses(user, finished_analysis) -> None:
    row = finished_analysis(user)
    failed = video_analysis_create(user=user, upload=upload(JUNK), mode="squat")
    with pytest.raises(ValidationError, match="two different"):
        video_compare(user=user, before_id=row.pk, after_id=row.pk)
    with pytest.raises(ValidationError, match="no result") as caught:
        video_compare(user=user, before_id=row.pk, after_id=failed.pk)
    assert caught.value.field == "after"


def test_export_carries_the_video_documents_and_round_trips(user, other_user, clip_bytes) -> None:
    row = analyse(user, clip_bytes, name="before.mp4")
    video_analysis_create(user=user, upload=upload(JUNK), mode="squat")  # failed: not exported
    first = export_bundle(user=user)
    assert [v["original_filename"] for v in first["videos"]] == ["before.mp4"]
    assert first["videos"][0]["analysis"]["schema"] == "dorsi.video/v1"
    assert first["videos"][0]["analysis"]["source"]["path"] == "before.mp4"
    counts = export_import(user=other_user, bundle=json.loads(json.dumps(first)))
    assert counts["videos"] == 1
    assert comparable(export_bundle(user=other_user)) == comparable(first)
    copy = VideoAnalysis.objects.get(user=other_user)
    assert copy.summary == row.summary
    assert sorted(p.name for p in analysis_dir(copy).iterdir()) == [
        "analysis.json"
    ]  # no video files
    # Importing it into the same account again adds nothing and keeps the video files.
    assert export_import(user=user, bundle=first)["videos"] == 0
    assert list(VideoAnalysis.objects.filter(user=user, status=VideoStatus.DONE)) == [row]
    assert (analysis_dir(row) / "annotated.mp4").exists()


def test_an_imported_analysis_compares_without_an_image(
    user, other_user, finished_analysis
) -> None:
    finished_analysis(user)
    export_import(user=other_user, bundle=export_bundle(user=user))
    imported = VideoAnalysis.objects.get(user=other_user)
    fresh = finished_analysis(other_user)
    result = video_compare(user=other_user, before_id=imported.pk, after_id=fresh.pk)
    assert not result.has_image
    assert result.metrics[0].verdict == "no real change"
    with pytest.raises(VideoAnalysis.DoesNotExist):
        video_compare_image(user=other_user, before_id=imported.pk, after_id=fresh.pk)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"analysis": {"schema": "dorsi.video/v1"}}, "videos[0].analysis"),
        ({"original_filename": "../../etc/passwd"}, "videos[0].original_filename"),
        ({"mode": "knee-to-wall"}, "videos[0].mode"),
        ({"height_cm": "tall"}, "videos[0].height_cm"),
    ],
)
def test_a_bad_video_entry_stops_the_import_before_anything_changes(
    user, other_user, finished_analysis, video_settings, change, field
) -> None:
    finished_analysis(user)
    bundle = export_bundle(user=user)
    bundle["videos"][0] |= change
    with pytest.raises(ValidationError) as caught:
        export_import(user=other_user, bundle=bundle)
    assert caught.value.field == field
    assert not VideoAnalysis.objects.filter(user=other_user).exists()
    assert not Path(video_settings / str(other_user.pk)).exists()
