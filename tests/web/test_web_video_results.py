"""The video result page: warnings, the leg measured per rep, and in knee-to-wall mode the
distance estimate explained in plain words with an offer to save it as a retest."""

from __future__ import annotations

import pytest

from dorsi.db.models import Retest, VideoStatus

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("video_settings")]

OBLIQUE = "Filmed about 20° off side-on: the shin's lean reads smaller than it is."
ESTIMATE = {
    "frame": 30,
    "time_s": 1.0,
    "distance_cm": 9.4,
    "low_cm": 6.1,
    "high_cm": 12.7,
    "scaled_from": "height_cm",
}


def knee_to_wall_row(row, *, side: str = "left"):  # type: ignore[no-untyped-def]
    summary = dict(row.summary)
    summary["mode"] = "knee-to-wall"
    summary["side"] = side
    summary["warnings"] = [{"code": "oblique", "message": OBLIQUE}]
    summary["summary"] = dict(summary["summary"]) | {
        "knee_to_wall": ESTIMATE,
        "weight_bearing_dorsiflexion": {"frame": 30, "time_s": 1.0, "value_deg": 33.5},
    }
    summary["reps"] = [dict(r) | {"leg": side} for r in summary["reps"]]
    row.summary, row.mode = summary, "knee-to-wall"
    row.save()
    return row


def test_the_result_page_shows_the_warnings_and_the_leg_of_each_rep(
    ana, user, finished_analysis
) -> None:
    row = knee_to_wall_row(finished_analysis(user), side="right")
    page = ana.get(f"/videos/{row.pk}/").content.decode()
    assert "Read with care" in page
    assert "Filmed about 20° off side-on" in page
    assert "<th>Leg</th>" in page
    assert '<td data-label="Leg">right</td>' in page


def test_a_squat_result_without_warnings_shows_no_warning_box(ana, user, finished_analysis) -> None:
    row = finished_analysis(user)
    assert row.summary["warnings"] == []
    page = ana.get(f"/videos/{row.pk}/").content.decode()
    assert "Read with care" not in page
    assert "knee-to-wall test</strong>" not in page


def test_knee_to_wall_mode_explains_the_distance_against_the_last_result(
    ana, user, assessment, finished_analysis
) -> None:
    row = knee_to_wall_row(finished_analysis(user))
    page = ana.get(f"/videos/{row.pk}/").content.decode()
    assert "≈ 9 cm (6–13 cm)" in page
    assert "about 9 cm past your toes (somewhere between 6 and 13 cm)" in page
    assert "scaled from your height" in page
    assert "moderate restriction" in page  # 9.4 cm on the standing scale
    assert "± 5°" in page
    assert "Your last left knee-to-wall result (assessment, 17 Jun 2026) was 7.5 cm" in page
    assert "1.9 cm more" in page
    assert "Save 9.4 cm as today's left retest" in page


def test_without_a_result_the_page_says_there_is_nothing_to_compare(
    ana, user, finished_analysis
) -> None:
    row = knee_to_wall_row(finished_analysis(user))
    page = ana.get(f"/videos/{row.pk}/").content.decode()
    assert "You have no left knee-to-wall result yet to compare with." in page


def test_the_distance_can_be_saved_as_a_retest_of_the_measured_leg(
    ana, user, assessment, finished_analysis
) -> None:
    row = knee_to_wall_row(finished_analysis(user), side="right")
    response = ana.post(f"/videos/{row.pk}/retest/")
    assert response.status_code == 302
    assert response["Location"] == "/progress/"
    saved = Retest.objects.get(user=user)
    assert (saved.left_cm, saved.right_cm) == (None, 9.4)
    page = ana.get(f"/videos/{row.pk}/").content.decode()
    assert "Your last right knee-to-wall result (retest" in page


def test_saving_without_an_assessment_says_why_and_saves_nothing(
    ana, user, finished_analysis
) -> None:
    row = knee_to_wall_row(finished_analysis(user))
    response = ana.post(f"/videos/{row.pk}/retest/", follow=True)
    assert "Not saved: take the assessment first" in response.content.decode()
    assert not Retest.objects.filter(user=user).exists()


def test_a_squat_analysis_has_no_distance_to_save(ana, user, assessment, finished_analysis) -> None:
    row = finished_analysis(user)
    assert row.status == VideoStatus.DONE
    response = ana.post(f"/videos/{row.pk}/retest/", follow=True)
    assert "no knee-to-wall distance to save" in response.content.decode()
    assert not Retest.objects.exists()


def test_another_users_analysis_cannot_be_saved_as_a_retest(
    ana, other_user, finished_analysis
) -> None:
    row = knee_to_wall_row(finished_analysis(other_user))
    assert ana.post(f"/videos/{row.pk}/retest/").status_code == 404


def test_the_shin_angle_can_be_saved_as_an_angle_retest_and_shows_on_progress(
    ana, user, assessment, finished_analysis
) -> None:
    from dorsi.db.models import AngleRetest

    row = knee_to_wall_row(finished_analysis(user), side="right")
    page = ana.get(f"/videos/{row.pk}/").content.decode()
    assert "Save the shin angle, 33.5°, as today's right angle retest" in page
    response = ana.post(f"/videos/{row.pk}/retest/", {"what": "angle"}, follow=True)
    text = response.content.decode()
    assert "Saved a right shin angle of 33.5° (± 5°) as today&#x27;s retest." in text
    saved = AngleRetest.objects.get(user=user)
    assert (saved.left_deg, saved.right_deg, saved.source) == (None, 33.5, "video")
    assert not Retest.objects.filter(user=user).exists()  # the distance is a separate choice
    assert "Shin angle from your videos" in text
    assert "33.5° ± 5°" in text
    # The other leg's video the same day fills in the other side of the same day's retest.
    other = knee_to_wall_row(finished_analysis(user), side="left")
    ana.post(f"/videos/{other.pk}/retest/", {"what": "angle"})
    saved.refresh_from_db()
    assert (saved.left_deg, saved.right_deg) == (33.5, 33.5)


def test_an_angle_change_under_the_uncertainty_is_not_called_real(ana, user, assessment) -> None:
    from datetime import timedelta

    from django.utils import timezone

    from dorsi.services.tracking import angle_retest_record

    today = timezone.localdate()
    angle_retest_record(user=user, when=today - timedelta(days=28), left=30.0, right=31.0)
    angle_retest_record(user=user, when=today, left=36.5, right=34.0)
    page = ana.get("/progress/").content.decode()
    assert "Left shin angle since" in page
    assert "+6.5° — a real change." in page
    assert "+3° — within the video's uncertainty, not yet a real change." in page


def test_an_angle_outside_the_valid_range_or_in_the_future_is_refused(user) -> None:
    from datetime import timedelta

    from django.utils import timezone

    from dorsi.core.errors import ValidationError
    from dorsi.db.models import AngleRetest
    from dorsi.services.tracking import angle_retest_record

    today = timezone.localdate()
    with pytest.raises(ValidationError, match="between -20 and 70"):
        angle_retest_record(user=user, when=today, left=85.0, right=None)
    with pytest.raises(ValidationError, match="future"):
        angle_retest_record(user=user, when=today + timedelta(days=1), left=30.0, right=None)
    with pytest.raises(ValidationError, match="at least one side"):
        angle_retest_record(user=user, when=today, left=None, right=None)
    assert not AngleRetest.objects.exists()


def test_a_video_where_the_heel_was_never_judged_does_not_say_it_stayed_down(
    ana, user, finished_analysis
) -> None:
    row = finished_analysis(user)
    summary = dict(row.summary) | {"heel_judged": False}
    summary["summary"] = dict(summary["summary"]) | {
        "first_heel_lift_onset": None,
        "max_tibia_angle_heel_down": None,
    }
    summary["reps"] = [
        dict(r) | {"heel_lift_onset": None, "max_tibia_angle_heel_down": None}
        for r in summary["reps"]
    ]
    row.summary = summary
    row.save()
    page = ana.get(f"/videos/{row.pk}/").content.decode()
    assert "not judged: the heel was hidden, stepping or filmed off side-on" in page
    assert "stayed down" not in page
