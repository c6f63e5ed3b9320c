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
