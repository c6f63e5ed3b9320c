"""The assessment wizard: steps, skipping, core validation on the right field, saving."""

from __future__ import annotations

import pytest

from dorsi.db.models import Assessment
from tests.web.conftest import WIZARD_ANSWERS

pytestmark = pytest.mark.django_db


def test_the_wizard_starts_at_the_knee_to_wall_step_with_its_drawing(ana) -> None:
    response = ana.get("/assessment/new/", follow=True)
    assert response.redirect_chain[-1][0] == "/assessment/new/knee_to_wall/"
    assert b"<svg" in response.content
    assert b"How to do the test" in response.content


def test_a_later_step_before_the_required_ones_sends_back(ana) -> None:
    ana.get("/assessment/new/?restart=1")
    response = ana.get("/assessment/new/squat/")
    assert response.status_code == 302
    assert response["Location"] == "/assessment/new/knee_to_wall/"


def test_out_of_range_distance_shows_the_core_message_on_the_field(ana) -> None:
    ana.get("/assessment/new/?restart=1")
    data = dict(WIZARD_ANSWERS["knee_to_wall"], date="2026-01-05", knee_to_wall__left="31")
    response = ana.post("/assessment/new/knee_to_wall/", data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "outside the valid range 0 to 25 cm" in errors["knee_to_wall__left"][0]
    assert Assessment.objects.count() == 0


def test_inch_range_is_checked_in_inches(ana) -> None:
    ana.get("/assessment/new/?restart=1")
    data = dict(
        WIZARD_ANSWERS["knee_to_wall"],
        date="2026-01-05",
        knee_to_wall__unit="in",
        knee_to_wall__left="12",
    )
    response = ana.post("/assessment/new/knee_to_wall/", data)
    assert "0 to 10 in" in response.context["form"].errors["knee_to_wall__left"][0]


def test_no_side_measured_is_a_form_error(ana) -> None:
    ana.get("/assessment/new/?restart=1")
    data = dict(
        WIZARD_ANSWERS["knee_to_wall"],
        date="2026-01-05",
        knee_to_wall__left="",
        knee_to_wall__right="",
    )
    response = ana.post("/assessment/new/knee_to_wall/", data)
    assert response.status_code == 200
    assert "left or right" in str(response.context["form"].errors)


def test_profile_error_lands_on_the_profile_field(ana) -> None:
    ana.get("/assessment/new/?restart=1")
    ana.post(
        "/assessment/new/knee_to_wall/", dict(WIZARD_ANSWERS["knee_to_wall"], date="2026-01-05")
    )
    response = ana.post("/assessment/new/about/", dict(WIZARD_ANSWERS["about"], profile__age="4"))
    assert response.status_code == 200
    assert "profile__age" in response.context["form"].errors


def test_goniometer_out_of_range_is_refused(ana) -> None:
    ana.get("/assessment/new/?restart=1")
    ana.post(
        "/assessment/new/knee_to_wall/", dict(WIZARD_ANSWERS["knee_to_wall"], date="2026-01-05")
    )
    ana.post("/assessment/new/about/", WIZARD_ANSWERS["about"])
    response = ana.post("/assessment/new/angles/", {"goniometer_deg__left__knee_bent": "75"})
    assert "goniometer_deg__left__knee_bent" in response.context["form"].errors


def test_htmx_steps_return_only_the_wizard_fragment(ana) -> None:
    ana.get("/assessment/new/?restart=1")
    response = ana.get("/assessment/new/knee_to_wall/", headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert b"<html" not in response.content
    assert b'id="wizard"' in response.content
    assert response["HX-Push-Url"] == "/assessment/new/knee_to_wall/"


def test_complete_wizard_saves_the_assessment_and_shows_the_result(
    ana, user, complete_wizard
) -> None:
    response = complete_wizard(ana)
    row = Assessment.objects.get(user=user)
    assert response["Location"] == f"/assessments/{row.pk}/"
    assert row.input["felt"] == {"left": "front_pinch", "right": "calf_stretch"}
    assert "wb_angle_deg" not in row.input  # skipped
    assert row.input["squat_screen"]["reaches_parallel"] is False
    page = ana.get(response["Location"])
    text = page.content.decode()
    assert "Significant restriction" in text
    assert "Joint capsule" in text
    assert "percentile" in text
    assert "Sources:" in text
    assert "<svg" in text  # the bands chart
    assert "Build my 12-week plan" in text


def test_review_lists_answers_and_skipped_sections(ana, complete_wizard) -> None:
    ana.get("/assessment/new/?restart=1")
    for step, answers in WIZARD_ANSWERS.items():
        if answers is None:
            ana.post(f"/assessment/new/{step}/", {"action": "skip"})
        else:
            data = dict(answers)
            if "date" in data:
                data["date"] = "2026-01-05"
            ana.post(f"/assessment/new/{step}/", data)
    page = ana.get("/assessment/new/review/").content.decode()
    assert "Skipped" in page
    assert "front pinch" in page


def test_red_flag_blocks_the_plan_until_the_user_confirms_clearance(
    ana, user, complete_wizard
) -> None:
    response = complete_wizard(ana, red_flags={"red_flags": ["nerve_symptoms"]})
    row = Assessment.objects.get(user=user)
    page = ana.get(response["Location"]).content.decode()
    assert "See a professional before starting" in page
    assert "Build my 12-week plan" not in page
    blocked = ana.post("/plan/build/", {"assessment": row.pk, "start": row.date.isoformat()})
    assert blocked["Location"] == f"/assessments/{row.pk}/"
    assert not user.plans.exists()
    ana.post(f"/assessments/{row.pk}/cleared/", {"confirm": "yes"})
    assert "Build my 12-week plan" in ana.get(f"/assessments/{row.pk}/").content.decode()
    assert (
        ana.post("/plan/build/", {"assessment": row.pk, "start": row.date.isoformat()})["Location"]
        == "/plan/"
    )
    assert user.plans.filter(is_active=True).exists()


def test_unknown_step_is_404(ana) -> None:
    assert ana.get("/assessment/new/nope/").status_code == 404
