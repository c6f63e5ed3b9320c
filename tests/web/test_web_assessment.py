"""The assessment wizard: steps, skipping, core validation on the right field, saving."""

from __future__ import annotations

import pytest

from dorsi.db.models import Assessment
from tests.web.conftest import WIZARD_ANSWERS

pytestmark = pytest.mark.django_db


def _through_safety(client, flags: list[str] | None = None) -> None:
    client.get("/assessment/new/?restart=1")
    client.post("/assessment/new/safety/", {"red_flags": flags or []})


def test_the_wizard_starts_with_the_safety_check(ana) -> None:
    response = ana.get("/assessment/new/", follow=True)
    assert response.redirect_chain[-1][0] == "/assessment/new/safety/"
    page = response.content.decode()
    assert "Safety check" in page
    assert "Swelling or warmth in the calf" in page
    assert "Skip this section" not in page  # screening is never skipped


def test_the_knee_to_wall_step_shows_its_drawing_and_the_full_how_to(ana) -> None:
    _through_safety(ana)
    page = ana.get("/assessment/new/knee_to_wall/").content.decode()
    assert "<svg" in page
    assert "How to do it: Knee-to-wall test (standing)" in page
    assert "Take the best of three tries" in page
    assert "Stop at once if you feel sharp or pinching pain" in page
    assert "Skip this section" not in page


def test_no_test_step_before_the_safety_check(ana) -> None:
    ana.get("/assessment/new/?restart=1")
    response = ana.get("/assessment/new/knee_to_wall/")
    assert response.status_code == 302
    assert response["Location"] == "/assessment/new/safety/"


def test_a_later_step_before_the_required_ones_sends_back(ana) -> None:
    _through_safety(ana)
    response = ana.get("/assessment/new/squat/")
    assert response.status_code == 302
    assert response["Location"] == "/assessment/new/knee_to_wall/"


def test_after_a_red_flag_the_tests_are_not_done_now_and_may_be_skipped(ana, user) -> None:
    _through_safety(ana, ["calf_swelling"])
    page = ana.get("/assessment/new/knee_to_wall/").content.decode()
    assert "do not do the tests now" in page
    assert "Skip this section" in page
    assert ana.post("/assessment/new/knee_to_wall/", {"action": "skip"}).status_code == 302
    ana.post("/assessment/new/about/", WIZARD_ANSWERS["about"])
    for step in ("angles", "three_position", "felt", "squat", "knee"):
        assert ana.post(f"/assessment/new/{step}/", {"action": "skip"}).status_code == 302
    response = ana.post("/assessment/new/review/")
    row = Assessment.objects.get(user=user)
    assert response["Location"] == f"/assessments/{row.pk}/"
    assert row.referral_level == "before_starting"
    assert row.report["sides"] == {"left": None, "right": None}
    page = ana.get(response["Location"]).content.decode()
    assert "Emergency</h2>" in page
    assert "Seek medical care today" in page
    assert page.count("Not measured.") == 2


def test_without_a_red_flag_the_knee_to_wall_test_cannot_be_skipped(ana) -> None:
    _through_safety(ana)
    response = ana.post("/assessment/new/knee_to_wall/", {"action": "skip"})
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()


def test_out_of_range_distance_shows_the_core_message_on_the_field(ana) -> None:
    _through_safety(ana)
    data = dict(WIZARD_ANSWERS["knee_to_wall"], date="2026-01-05", knee_to_wall__left="31")
    response = ana.post("/assessment/new/knee_to_wall/", data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "outside the valid range 0 to 25\u00a0cm" in errors["knee_to_wall__left"][0]
    assert Assessment.objects.count() == 0


def test_inch_range_is_checked_in_inches(ana) -> None:
    _through_safety(ana)
    data = dict(
        WIZARD_ANSWERS["knee_to_wall"],
        date="2026-01-05",
        knee_to_wall__unit="in",
        knee_to_wall__left="12",
    )
    response = ana.post("/assessment/new/knee_to_wall/", data)
    assert "0 to 10\u00a0in" in response.context["form"].errors["knee_to_wall__left"][0]


def test_no_side_measured_is_a_form_error(ana) -> None:
    _through_safety(ana)
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
    _through_safety(ana)
    ana.post(
        "/assessment/new/knee_to_wall/", dict(WIZARD_ANSWERS["knee_to_wall"], date="2026-01-05")
    )
    response = ana.post("/assessment/new/about/", dict(WIZARD_ANSWERS["about"], profile__age="4"))
    assert response.status_code == 200
    assert "profile__age" in response.context["form"].errors


def test_goniometer_out_of_range_is_refused(ana) -> None:
    _through_safety(ana)
    ana.post(
        "/assessment/new/knee_to_wall/", dict(WIZARD_ANSWERS["knee_to_wall"], date="2026-01-05")
    )
    ana.post("/assessment/new/about/", WIZARD_ANSWERS["about"])
    response = ana.post("/assessment/new/angles/", {"goniometer_deg__left__knee_bent": "75"})
    assert "goniometer_deg__left__knee_bent" in response.context["form"].errors


def test_htmx_steps_return_only_the_wizard_fragment(ana) -> None:
    ana.get("/assessment/new/?restart=1")
    response = ana.get("/assessment/new/safety/", headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert b"<html" not in response.content
    assert b'id="wizard"' in response.content
    assert response["HX-Push-Url"] == "/assessment/new/safety/"


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


def test_review_shows_the_answers_in_words(ana) -> None:
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
    for words in (
        "5 January 2026",
        "Standing (recommended)",
        "7.5\u00a0cm",
        "178\u00a0cm",
        "34\u00a0years",
        "Running, Basketball",
        "Monday, Thursday",
        "Resistance band, Step or stair",
        "A block or pinch at the front of the ankle",
        "Restricted",
    ):
        assert words in page, words
    for code in ("standing", "front_pinch", "178.0", ">ok<", "restricted", "heels_lift"):
        assert code not in page, code


def test_red_flag_blocks_the_plan_until_the_user_confirms_clearance(
    ana, user, complete_wizard
) -> None:
    response = complete_wizard(ana, safety={"red_flags": ["nerve_symptoms"]})
    row = Assessment.objects.get(user=user)
    page = ana.get(response["Location"]).content.decode()
    assert "Urgent</h2>" in page
    assert "See a doctor within the next few days" in page
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


def test_pages_work_with_an_assessment_that_measured_nothing(ana, user) -> None:
    from dorsi.services.assessments import assessment_create

    row = assessment_create(
        user=user, document={"schema": "dorsi.assessment/v1", "red_flags": ["night_pain"]}
    )
    for url in ("/", "/assessments/", f"/assessments/{row.pk}/", "/progress/", "/plan/"):
        response = ana.get(url)
        assert response.status_code == 200, url
    listing = ana.get("/assessments/").content.decode()
    assert listing.count("–") >= 2  # neither side has a distance
    ana.post(f"/assessments/{row.pk}/cleared/", {"confirm": "yes"})
    page = ana.get(f"/assessments/{row.pk}/").content.decode()
    assert "take the assessment again" in page  # as the CLI: no plan without a measurement
    assert "Build my 12-week plan" not in page


def test_a_review_error_names_the_section_not_a_field_path(ana, user) -> None:
    _through_safety(ana, ["giving_way"])
    no_distance = dict(WIZARD_ANSWERS["knee_to_wall"], date="2026-01-05", knee_to_wall__left="")
    no_distance["knee_to_wall__right"] = ""
    # No side measured: allowed while a red flag is ticked.
    assert ana.post("/assessment/new/knee_to_wall/", no_distance).status_code == 302
    ana.post("/assessment/new/about/", WIZARD_ANSWERS["about"])
    ana.post("/assessment/new/safety/", {"red_flags": []})  # the red flag is taken back
    response = ana.post("/assessment/new/review/")
    assert response.status_code == 200
    error = response.content.decode().split('class="field-error" role="alert">')[1]
    assert error.startswith("Knee-to-wall test: needs a value for left or right (or both)</p>")
    assert not Assessment.objects.filter(user=user).exists()
