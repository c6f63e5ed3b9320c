"""Video pages: upload → background task → status → result; files served to their owner only,
with HTTP Range for Safari; compare; delete; the JSON API."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django_tasks import TaskContext
from django_tasks_db.models import DBTaskResult

from dorsi.db.models import VideoAnalysis, VideoStatus
from dorsi.services.accounts import profile_get
from tests.video_fixtures import NOBODY_ESTIMATOR, analysis_dir, user_video_dir

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("video_settings")]
JUNK = b"this is not a video " * 100


def form(data: bytes, name: str = "squat.mp4", content_type: str = "video/mp4", **fields) -> dict:
    return {
        "file": SimpleUploadedFile(name, data, content_type=content_type),
        "mode": "squat",
        "side": "auto",
        "height_cm": "175",
    } | fields


def body(response) -> bytes:
    """Read (and so close) a response, streaming or not."""
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_upload_runs_the_analysis_and_shows_the_result(ana, user, clip_bytes) -> None:
    response = ana.post("/videos/", form(clip_bytes, name="my squat.mp4"))
    row = VideoAnalysis.objects.get(user=user)
    assert response["Location"] == f"/videos/{row.pk}/"
    assert row.status == VideoStatus.DONE
    page = ana.get(f"/videos/{row.pk}/").content.decode()
    best = row.summary["summary"]["max_tibia_angle_heel_down"]
    onset = row.summary["summary"]["first_heel_lift_onset"]
    assert f"{best['value_deg']:.1f}° ± 5°" in page
    assert f"at {onset['time_s']:.2f} s, tibia {onset['tibia_angle_deg']:.1f}°" in page
    assert "right (the side facing the camera)" in page
    assert "Lengths in cm, scaled from your height (175 cm)" in page
    assert '<span class="cards-only">Rep </span>1</th>' in page  # the one rep of the clip
    assert (
        f'<video class="analysis-video" controls playsinline preload="metadata" src="/videos/{row.pk}/files/annotated.mp4">'
        in page
    )
    assert f'src="/videos/{row.pk}/files/angles.png"' in page
    assert "my squat.mp4" in page
    assert "hx-get" not in page  # finished: no more polling


def test_the_form_offers_the_height_of_the_profile(ana, user) -> None:
    profile = profile_get(user=user)
    profile.height_cm = 181
    profile.save()
    response = ana.get("/videos/")
    assert response.context["form"]["height_cm"].value() == 181
    assert 'accept="video/*' in response.content.decode()


@pytest.mark.parametrize(
    ("data", "field", "words"),
    [
        ({"file": ""}, "file", "Choose a video file to upload."),
        (form(JUNK, name="notes.txt", content_type="text/plain"), "file", "not a video file"),
        (form(JUNK, content_type="text/html"), "file", "not as a video"),
        (form(b"x" * 3000), "file", "the limit is 0 MB"),
        (form(JUNK, height_cm="30"), "height_cm", "greater than or equal to 100"),
        (form(JUNK, mode="deadlift"), "mode", "Select a valid choice"),
    ],
)
def test_form_errors_store_nothing(ana, settings, video_settings, data, field, words) -> None:
    settings.DORSI_VIDEO_MAX_BYTES = 2048
    response = ana.post("/videos/", data)
    assert response.status_code == 200
    assert words in " ".join(response.context["form"].errors[field])
    assert words.replace("'", "&#x27;") in response.content.decode()
    assert not VideoAnalysis.objects.exists()
    assert not video_settings.exists()


def test_a_file_that_is_not_a_video_shows_the_video_error(ana, user) -> None:
    response = ana.post("/videos/", form(JUNK), follow=True)
    assert response.status_code == 200
    page = response.content.decode()
    assert "could not be analysed" in page
    assert "This file is not a readable video" in page
    assert '<span class="badge video-failed">Could not be analysed</span>' in page
    row = VideoAnalysis.objects.get(user=user)
    assert row.status == VideoStatus.FAILED
    assert not analysis_dir(row).exists()


def test_a_video_without_a_person_says_how_to_film(ana, user, clip_bytes, settings) -> None:
    settings.DORSI_VIDEO_ESTIMATOR = NOBODY_ESTIMATOR
    page = ana.post("/videos/", form(clip_bytes), follow=True).content.decode()
    assert "No person was found in the video. Film from the side" in page
    assert "both feet in the frame, in good light" in page


def test_the_page_polls_while_queued_and_reloads_when_the_worker_is_done(
    ana, user, clip_bytes, settings
) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}  # as in `make run`
    ana.post("/videos/", form(clip_bytes))
    row = VideoAnalysis.objects.get(user=user)
    assert row.status == VideoStatus.QUEUED
    page = ana.get(f"/videos/{row.pk}/").content.decode()
    assert f'hx-get="/videos/{row.pk}/status/" hx-trigger="every 2s"' in page
    assert '<meta http-equiv="refresh" content="5">' in page  # without JavaScript
    poll = ana.get(f"/videos/{row.pk}/status/", HTTP_HX_REQUEST="true")
    assert "queued" in poll.content.decode()
    assert "HX-Refresh" not in poll
    assert "worker may not be running" not in poll.content.decode()
    VideoAnalysis.objects.filter(pk=row.pk).update(created_at=row.created_at - timedelta(minutes=5))
    assert "worker may not be running" in ana.get(f"/videos/{row.pk}/status/").content.decode()
    # What `manage.py db_worker` does with the queued task (the worker itself closes the
    # database connection between tasks, which a test inside a transaction cannot allow).
    queued = DBTaskResult.objects.get(task_path="dorsi.services.videos.video_analyze")
    assert queued.args_kwargs == {"args": [row.pk], "kwargs": {}}
    queued.claim("test-worker")
    context = TaskContext(task_result=queued.task_result)
    assert queued.task.call(context, *queued.args_kwargs["args"]) == "done"
    row.refresh_from_db()
    assert row.status == VideoStatus.DONE
    poll = ana.get(f"/videos/{row.pk}/status/", HTTP_HX_REQUEST="true")
    assert poll["HX-Refresh"] == "true"


def test_an_analysis_running_for_hours_suggests_uploading_again(
    ana, user, clip_bytes, settings
) -> None:
    from django.utils import timezone

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    ana.post("/videos/", form(clip_bytes))
    row = VideoAnalysis.objects.get(user=user)
    VideoAnalysis.objects.filter(pk=row.pk).update(
        status=VideoStatus.RUNNING, progress=40, started_at=timezone.now() - timedelta(hours=2)
    )
    page = ana.get(f"/videos/{row.pk}/").content.decode()
    assert '<progress value="40" max="100">' in page
    assert "the task worker may have stopped" in page


def test_the_annotated_video_is_served_with_range_support(ana, user, finished_analysis) -> None:
    row = finished_analysis(user)
    url = f"/videos/{row.pk}/files/annotated.mp4"
    whole = (analysis_dir(row) / "annotated.mp4").read_bytes()
    size = len(whole)
    full = ana.get(url)
    assert (full.status_code, full["Content-Type"], full["Accept-Ranges"]) == (
        200,
        "video/mp4",
        "bytes",
    )
    assert body(full) == whole
    for header, start, end in (
        ("bytes=0-1", 0, 1),
        ("bytes=100-", 100, size - 1),
        ("bytes=-10", size - 10, size - 1),
        (f"bytes=5-{size + 50}", 5, size - 1),
    ):
        part = ana.get(url, HTTP_RANGE=header)
        assert part.status_code == 206, header
        assert part["Content-Range"] == f"bytes {start}-{end}/{size}"
        assert part["Content-Length"] == str(end - start + 1)
        assert part["Content-Type"] == "video/mp4"
        assert body(part) == whole[start : end + 1]
    beyond = ana.get(url, HTTP_RANGE=f"bytes={size}-")
    assert (beyond.status_code, beyond["Content-Range"]) == (416, f"bytes */{size}")
    several = ana.get(url, HTTP_RANGE="bytes=0-1,5-6")  # allowed to answer with the whole file
    assert several.status_code == 200
    assert body(several) == whole


def test_the_chart_and_the_data_files_have_their_content_types(
    ana, user, finished_analysis
) -> None:
    row = finished_analysis(user)
    chart = ana.get(f"/videos/{row.pk}/files/angles.png")
    assert chart["Content-Type"] == "image/png"
    assert body(chart)[:4] == b"\x89PNG"
    frames = ana.get(f"/videos/{row.pk}/files/frames.csv")
    assert frames["Content-Type"].startswith("text/csv")
    assert body(frames).startswith(b"frame,time_s,tibia_angle_deg")
    document = ana.get(f"/videos/{row.pk}/analysis.json").json()
    assert document["schema"] == "dorsi.video/v1"
    assert document["source"]["path"] == "squat.mp4"
    assert (
        ana.get(f"/videos/{row.pk}/files/source.mp4").status_code == 404
    )  # the upload is not served


def test_compare_shows_deltas_the_verdict_and_the_side_by_side_image(
    ana, user, finished_analysis
) -> None:
    first, second = finished_analysis(user, "before.mp4"), finished_analysis(user, "after.mp4")
    assert ana.get("/videos/").context["compare_form"] is not None
    response = ana.get("/videos/compare/", {"before": first.pk, "after": second.pk})
    page = response.content.decode()
    assert "Max tibia angle, heel down" in page
    assert "no real change" in page
    assert "±0.0°" in page
    image_url = f"/videos/compare/{first.pk}/{second.pk}/compare.png"
    assert image_url in page
    image = ana.get(image_url)
    assert image["Content-Type"] == "image/png"
    assert body(image)[:4] == b"\x89PNG"
    same = ana.get("/videos/compare/", {"before": first.pk, "after": first.pk})
    assert "pick two different analyses" in same.content.decode()


def test_delete_removes_the_analysis_and_its_files(ana, user, finished_analysis) -> None:
    row = finished_analysis(user)
    folder = analysis_dir(row)
    response = ana.post(f"/videos/{row.pk}/delete/", {"confirm": "on"})
    assert response["Location"] == "/videos/"
    assert not VideoAnalysis.objects.filter(pk=row.pk).exists()
    assert not folder.exists()
    assert ana.get(f"/videos/{row.pk}/").status_code == 404


def test_delete_without_the_confirmation_box_keeps_everything(ana, user, finished_analysis) -> None:
    row = finished_analysis(user)
    response = ana.post(f"/videos/{row.pk}/delete/", follow=True)
    assert "Nothing was deleted" in response.content.decode()
    assert VideoAnalysis.objects.filter(pk=row.pk).exists()
    assert (analysis_dir(row) / "annotated.mp4").exists()


def test_deleting_the_account_removes_the_video_files(ana, user, finished_analysis) -> None:
    finished_analysis(user)
    folder = user_video_dir(user.pk)
    assert folder.exists()
    response = ana.post("/accounts/delete/", {"confirm": "on", "username": user.username})
    assert response.status_code == 302
    assert not folder.exists()


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("get", "/videos/{id}/"),
        ("get", "/videos/{id}/status/"),
        ("get", "/videos/{id}/files/annotated.mp4"),
        ("get", "/videos/{id}/files/angles.png"),
        ("get", "/videos/{id}/files/frames.csv"),
        ("get", "/videos/{id}/analysis.json"),
        ("post", "/videos/{id}/delete/"),
        ("get", "/videos/compare/?before={mine}&after={id}"),
        ("get", "/videos/compare/?before={id}&after={mine}"),
        ("get", "/videos/compare/{mine}/{id}/compare.png"),
        ("get", "/videos/compare/{id}/{mine}/compare.png"),
        ("get", "/api/videos/{id}"),
    ],
)
def test_another_users_analysis_is_404_on_every_url(
    ana, client_of, user, other_user, finished_analysis, method, url
) -> None:
    theirs, mine = finished_analysis(other_user), finished_analysis(user)
    path = url.format(id=theirs.pk, mine=mine.pk)
    assert getattr(ana, method)(path).status_code == 404
    assert VideoAnalysis.objects.filter(pk=theirs.pk).exists()
    assert (analysis_dir(theirs) / "annotated.mp4").exists()
    ana.logout()
    owner = client_of(other_user)
    own_path = url.format(id=theirs.pk, mine=finished_analysis(other_user).pk)
    response = getattr(owner, method)(own_path)
    assert response.status_code in (200, 302), own_path  # the same URL works for its owner
    body(response)


def test_the_list_only_shows_the_users_own_analyses(
    ana, user, other_user, finished_analysis
) -> None:
    mine = finished_analysis(user)
    finished_analysis(other_user)
    assert list(ana.get("/videos/").context["analyses"]) == [mine]
    assert [item["id"] for item in ana.get("/api/videos").json()] == [mine.pk]


def test_the_api_returns_the_analysis_document(ana, user, finished_analysis) -> None:
    row = finished_analysis(user)
    listing = ana.get("/api/videos").json()
    assert listing[0]["status"] == "done"
    assert listing[0]["summary"]["summary"]["rep_count"] == 1
    document = ana.get(f"/api/videos/{row.pk}").json()
    assert document["schema"] == "dorsi.video/v1"
    assert document["mode"] == "squat"


def test_the_api_answers_409_for_a_failed_analysis(ana, user) -> None:
    ana.post("/videos/", form(JUNK))
    row = VideoAnalysis.objects.get(user=user)
    response = ana.get(f"/api/videos/{row.pk}")
    assert response.status_code == 409
    assert "not a readable video" in response.json()["detail"]


def test_the_nav_links_to_the_video_pages(ana) -> None:
    page = ana.get("/videos/").content.decode()
    assert '<a href="/videos/" aria-current="page">Video</a>' in page


def test_compare_starts_with_the_latest_video_after_the_one_before(
    ana, user, finished_analysis
) -> None:
    older, middle, newest = (finished_analysis(user, f"{n}.mp4") for n in ("a", "b", "c"))
    form = ana.get("/videos/compare/").context["form"]
    assert (form["before"].value(), form["after"].value()) == (middle.pk, newest.pk)
    form = ana.get("/videos/compare/", {"after": older.pk}).context["form"]
    assert form["after"].value() == str(older.pk)
    assert not form.is_bound


def test_a_coach_of_the_user_does_not_see_the_videos(
    client, user, other_user, finished_analysis
) -> None:
    """A coach reads videos only through the coach's pages: the athlete's own URLs stay private."""
    from dorsi.services.coaching import coach_invite_accept, coach_invite_create, role_set

    row = finished_analysis(user)
    role_set(user=other_user, role="coach")
    coach_invite_accept(coach=other_user, code=coach_invite_create(client=user).code)
    client.force_login(other_user)
    for url in (
        f"/videos/{row.pk}/",
        f"/videos/{row.pk}/files/annotated.mp4",
        f"/api/videos/{row.pk}",
    ):
        assert client.get(url).status_code == 404


def test_the_upload_form_opens_the_rear_camera_on_phones_and_draws_the_filming_guide(ana) -> None:
    page = ana.get("/videos/").content.decode()
    camera = re.search(r'<input type="file" name="file"[^>]*>', page)
    assert camera is not None
    assert 'capture="environment"' in camera.group(0)
    assert 'accept="video/*' in camera.group(0)
    existing = re.search(r'<input type="file" name="existing"[^>]*>', page)
    assert existing is not None
    assert "capture" not in existing.group(0)  # a clip already on the phone can be chosen too
    assert "How to film for the video analysis" in page  # the drawing's title
    for words in ("Side-on", "At hip height", "2–3 m away", "both feet"):
        assert words in page


def test_a_video_chosen_from_the_phone_instead_of_filmed_is_analysed(ana, user, clip_bytes) -> None:
    upload = SimpleUploadedFile("clip.mp4", clip_bytes, content_type="video/mp4")
    response = ana.post("/videos/", {"existing": upload, "mode": "squat", "side": "auto"})
    assert response.status_code == 302
    assert VideoAnalysis.objects.get(user=user).original_filename == "clip.mp4"
