"""The coach's workspace through the pages: sign-up as a coach, invitations both ways, the
client list by need, the whole client, prescribing with a note the athlete sees, notes, the
handout and the exports; the athlete's sharing page."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import timedelta
from typing import Any

import pytest

from dorsi.db.models import CoachLink, PlanEdit, Profile, Retest
from tests.coach_support import log, make_coach, put_in_maintenance, share, swap_document
from tests.django_support import PASSWORD, TODAY

pytestmark = pytest.mark.django_db


@pytest.fixture
def coach(db: Any) -> Any:
    return make_coach("carla")


@pytest.fixture
def shared(user: Any, plan: Any, coach: Any) -> Any:
    share(user, coach)
    return user


def test_signing_up_as_a_coach_lands_on_the_athletes_list_not_the_wizard(client: Any) -> None:
    response = client.post(
        "/accounts/signup/",
        {"username": "physio", "email": "p@example.com", "password": PASSWORD, "role": "coach"},
    )
    assert response["Location"] == "/coach/"
    assert Profile.objects.get(user__username="physio").role == "coach"
    assert client.get("/")["Location"] == "/coach/"
    page = client.get("/coach/").content.decode()
    assert "Invite an athlete" in page
    assert ">Today<" not in page


def test_signing_up_as_an_athlete_still_starts_the_assessment(client: Any) -> None:
    response = client.post(
        "/accounts/signup/", {"username": "runner", "email": "", "password": PASSWORD}
    )
    assert response["Location"] == "/assessment/new/"
    assert Profile.objects.get(user__username="runner").role == "athlete"


def test_the_role_can_be_switched_in_the_profile(client: Any, user: Any) -> None:
    client.force_login(user)
    assert (
        "Switch to a coach or physiotherapist account"
        in client.get("/accounts/profile/").content.decode()
    )
    assert client.post("/accounts/role/", {"role": "coach"})["Location"] == "/coach/"
    assert client.post("/accounts/role/", {"role": "athlete"})["Location"] == "/"
    assert Profile.objects.get(user=user).role == "athlete"
    assert client.post("/accounts/role/", {"role": "boss"})["Location"] == "/accounts/profile/"


def test_a_coach_invitation_link_is_accepted_by_the_athlete(
    client: Any, user: Any, coach: Any
) -> None:
    client.force_login(coach)
    client.post("/coach/invite/")
    link = CoachLink.objects.get(coach=coach)
    assert f"/join/{link.code}/" in client.get("/coach/").content.decode()
    client.force_login(user)
    page = client.get(f"/join/{link.code}/").content.decode()
    assert "carla" in page
    assert "Every session you log" in page
    assert client.post(f"/join/{link.code}/")["Location"] == "/sharing/"
    sharing = client.get("/sharing/").content.decode()
    assert "carla" in sharing
    assert "Stop sharing now" in sharing
    assert "Your videos: the analyses" in sharing
    again = client.post(f"/join/{link.code}/", follow=True).content.decode()
    assert "unknown or already used" in again


def test_an_athletes_code_is_accepted_by_a_coach_once(
    client: Any, user: Any, coach: Any, other_user: Any
) -> None:
    client.force_login(user)
    client.post("/sharing/code/")
    code = CoachLink.objects.get(client=user).code
    client.force_login(other_user)  # an athlete account cannot follow anybody
    refused = client.post("/coach/accept/", {"code": code}, follow=True).content.decode()
    assert "switch your account to coach" in refused
    client.force_login(coach)
    client.post("/coach/accept/", {"code": code.lower()})
    assert client.get(f"/coach/clients/{user.pk}/").status_code == 200
    second = make_coach("dario")
    client.force_login(second)
    assert (
        "unknown or already used"
        in client.post("/coach/accept/", {"code": code}, follow=True).content.decode()
    )


def test_the_athlete_with_sharp_pain_rises_to_the_top_with_the_reason(
    client: Any, shared: Any, coach: Any, other_user: Any, assessment: Any
) -> None:
    from dorsi.services.plans import plan_create

    calm = other_user
    share(calm, coach)
    from dorsi.services.assessments import assessment_create
    from tests.django_support import assessment_document

    started = TODAY - timedelta(days=20)
    calm_assessment = assessment_create(
        user=calm, document=assessment_document(date=started.isoformat()), today=TODAY
    )
    plan_create(user=calm, assessment_id=calm_assessment.pk, start=started, today=TODAY)
    for n in range(21):
        log(calm, TODAY - timedelta(days=n))
    log(shared, TODAY, pain=6, pain_type="sharp", exercise="knee-to-wall-circles")
    client.force_login(coach)
    listing = client.get("/coach/").context["listing"]
    assert [row.username for row in listing.rows][0] == "ana"
    assert listing.rows[0].attention.headline.startswith("Sharp or pinching pain on 1 day")
    page = client.get("/coach/").content.decode()
    assert page.index("ana") < page.index("bruno")
    pain_only = client.get("/coach/?concern=sharp_pain").context["listing"]
    assert [row.username for row in pain_only.rows] == ["ana"]
    found = client.get("/coach/?q=BRU").context["listing"]
    assert [row.username for row in found.rows] == ["bruno"]


def test_the_client_overview_shows_findings_progress_and_sessions(
    client: Any, shared: Any, coach: Any
) -> None:
    log(shared, TODAY, pain=3, pain_type="dull", note="Left calf tight", swelling=True)
    client.force_login(coach)
    page = client.get(f"/coach/clients/{shared.pk}/").content.decode()
    assert "Swelling or heat logged on 1 day" in page
    assert "Left calf tight" in page
    assert "swelling or heat" in page
    assert "<svg" in page  # the bands and progress charts
    assessment = shared.assessments.first()
    detail = client.get(f"/coach/clients/{shared.pk}/assessments/{assessment.pk}/").content.decode()
    assert "Findings" in detail
    assert "Significant restriction" in detail


def test_the_client_overview_lists_the_clients_shin_angle_retests(
    client: Any, shared: Any, coach: Any
) -> None:
    from dorsi.services.tracking import angle_retest_record

    client.force_login(coach)
    assert (
        "Shin angle from videos" not in client.get(f"/coach/clients/{shared.pk}/").content.decode()
    )
    angle_retest_record(user=shared, when=TODAY, left=None, right=32.5, today=TODAY)
    page = client.get(f"/coach/clients/{shared.pk}/").content.decode()
    assert "Shin angle from videos" in page
    assert '<td data-label="Right">32.5°</td>' in page
    assert "± 5°" in page


def test_every_session_with_pain_effort_and_notes(client: Any, shared: Any, coach: Any) -> None:
    log(
        shared,
        TODAY - timedelta(days=1),
        pain=2,
        pain_type="stretch",
        efforts=[("knee-to-wall-circles", "too_easy")],
        note="Felt good",
    )
    log(shared, TODAY, status="skipped", minutes=0)
    client.force_login(coach)
    rows = client.get(f"/coach/clients/{shared.pk}/sessions/").context["rows"]
    assert [row.status for row in rows] == ["skipped", "done"]
    assert rows[1].efforts == "Knee-to-wall circles too easy"
    assert rows[1].note == "Felt good"


def test_swelling_and_efforts_show_on_the_sessions_page_and_the_day(
    client: Any, shared: Any, coach: Any
) -> None:
    log(
        shared,
        TODAY,
        swelling=True,
        efforts=[("knee-to-wall-circles", "too_hard")],
        note="Puffy after",
    )
    client.force_login(coach)
    for path in ("sessions/", f"days/{TODAY.isoformat()}/"):
        page = client.get(f"/coach/clients/{shared.pk}/{path}").content.decode()
        assert "swelling or heat" in page, path
        assert "Knee-to-wall circles too hard" in page, path
        assert "Puffy after" in page, path
    other_day = (TODAY - timedelta(days=1)).isoformat()
    assert (
        "Not logged."
        in client.get(f"/coach/clients/{shared.pk}/days/{other_day}/").content.decode()
    )


def test_a_swap_with_a_note_shows_on_the_athletes_today_and_session(
    client: Any, shared: Any, coach: Any
) -> None:
    client.force_login(coach)
    response = client.post(
        f"/coach/clients/{shared.pk}/plan/edits/",
        {
            "kind": "swap",
            "exercise": "knee-to-wall-circles",
            "replacement": "ankle-cars",
            "weeks": ["1", "2"],
            "sets": "1",  # sessions use their whole budget: the swap fits the circles' time
            "reps": "5",
            "note": "Circles pinch: try these instead",
        },
    )
    assert response.status_code == 302
    plan_page = client.get(f"/coach/clients/{shared.pk}/plan/").content.decode()
    assert "Swapped Knee-to-wall circles for Ankle controlled circles (CARs)" in plan_page
    assert "coach-changed" in plan_page
    client.force_login(shared)
    today = client.get("/").content.decode()
    assert "Changed by your coach" in today
    assert "Circles pinch: try these instead" in today
    assert "Ankle controlled circles (CARs)" in today
    session = client.get(f"/session/{TODAY.isoformat()}/").content.decode()
    assert "Circles pinch: try these instead" in session
    assert "Swapped Knee-to-wall circles" in client.get("/sharing/").content.decode()


def test_a_change_over_the_time_budget_is_refused_with_the_day_named(
    client: Any, shared: Any, coach: Any
) -> None:
    client.force_login(coach)
    response = client.post(
        f"/coach/clients/{shared.pk}/plan/edits/",
        {
            "kind": "dose",
            "exercise": "knee-to-wall-circles",
            "dates": TODAY.isoformat(),
            "sets": "6",
            "seconds": "120",
        },
    )
    assert response.status_code == 422
    page = response.content.decode()
    assert "Not changed." in page
    assert f"day 1 (week 1, {TODAY.isoformat()})" in page
    assert "over the plan" in page
    assert not PlanEdit.objects.exists()


def test_a_plan_in_maintenance_says_in_words_that_it_cannot_be_changed(
    client: Any, shared: Any, coach: Any
) -> None:
    put_in_maintenance(shared)
    client.force_login(coach)
    page = client.get(f"/coach/clients/{shared.pk}/plan/").content.decode()
    assert "a coach cannot change that routine" in page
    assert "Swap an exercise" not in page  # no form that could only be refused
    response = client.post(
        f"/coach/clients/{shared.pk}/plan/edits/",
        {"kind": "note", "weeks": ["1"], "note": "Easy week"},
    )
    assert response.status_code == 422
    refused = response.content.decode()
    assert "Not changed." in refused
    assert "go back to the development plan" in refused
    assert not PlanEdit.objects.exists()


def test_undo_brings_the_generated_plan_back(client: Any, shared: Any, coach: Any) -> None:
    from dorsi.services.coaching_plans import plan_edit_apply
    from dorsi.services.plans import plan_active

    before = plan_active(user=shared).plan.session_on(TODAY)
    record = plan_edit_apply(coach=coach, client=shared, document=swap_document(TODAY))
    assert plan_active(user=shared).plan.session_on(TODAY) != before
    client.force_login(coach)
    client.post(f"/coach/clients/{shared.pk}/plan/edits/{record.id}/revert/")
    assert plan_active(user=shared).plan.session_on(TODAY) == before
    history = client.get(f"/coach/clients/{shared.pk}/plan/").content.decode()
    assert "undone by carla" in history
    again = client.post(f"/coach/clients/{shared.pk}/plan/edits/{record.id}/revert/", follow=True)
    assert "already undone" in again.content.decode()


def test_the_library_is_filtered_by_purpose_and_the_athletes_equipment(
    client: Any, shared: Any, coach: Any
) -> None:
    client.force_login(coach)
    choices = client.get(f"/coach/clients/{shared.pk}/plan/?purpose=soleus").context["plan"].choices
    assert choices
    assert all("soleus" in exercise.purpose for exercise in choices)
    assert all(exercise.available({"band", "step", "wall", "none"}) for exercise in choices)


def test_a_clinic_retest_is_marked_as_such(client: Any, shared: Any, coach: Any) -> None:
    client.force_login(coach)
    response = client.post(
        f"/coach/clients/{shared.pk}/retest/",
        {"date": TODAY.isoformat(), "unit": "cm", "left": "8.5", "right": "11"},
    )
    assert response.status_code == 302
    row = Retest.objects.get(user=shared)
    assert (row.in_clinic, row.recorded_by, row.left_cm) == (True, coach, 8.5)
    assert "measured in the clinic" in client.get(f"/coach/clients/{shared.pk}/").content.decode()
    client.force_login(shared)
    assert "measured in the clinic" in client.get("/retest/").content.decode()
    client.force_login(coach)
    bad = client.post(
        f"/coach/clients/{shared.pk}/retest/",
        {"date": TODAY.isoformat(), "unit": "cm", "left": "40"},
    )
    assert "outside the valid range" in bad.content.decode()


def test_notes_go_both_ways_with_an_email_notice(
    client: Any, shared: Any, coach: Any, mailoutbox: Any, django_capture_on_commit_callbacks: Any
) -> None:
    client.force_login(coach)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/coach/clients/{shared.pk}/notes/", {"text": "Film your squat on Friday"})
    assert mailoutbox[-1].to == ["ana@example.com"]
    assert "Film your squat on Friday" in mailoutbox[-1].body
    link = CoachLink.objects.get(client=shared, coach=coach)
    client.force_login(shared)
    assert "Film your squat on Friday" in client.get(f"/sharing/{link.pk}/notes/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/sharing/{link.pk}/notes/", {"text": "Will do"})
    assert mailoutbox[-1].to == ["carla@example.com"]
    empty = client.post(f"/sharing/{link.pk}/notes/", {"text": "  "}).content.decode()
    assert "write the note" in empty


def test_the_handout_prints_and_downloads_as_a_pdf(client: Any, shared: Any, coach: Any) -> None:
    client.force_login(coach)
    page = client.get(f"/coach/clients/{shared.pk}/handout/").content.decode()
    assert "handout.css" in page
    assert "Week by week" in page
    assert "Stop rule:" in page
    assert "/calendar/" in page
    response = client.get(f"/coach/clients/{shared.pk}/handout.pdf")
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_the_coach_downloads_json_csv_and_fhir(client: Any, shared: Any, coach: Any) -> None:
    client.force_login(coach)
    bundle = json.loads(client.get(f"/coach/clients/{shared.pk}/export.json").content)
    assert bundle["schema"] == "dorsi.export/v1"
    archive = zipfile.ZipFile(
        io.BytesIO(client.get(f"/coach/clients/{shared.pk}/export-csv.zip").content)
    )
    assert "sessions.csv" in archive.namelist()


def test_the_coachs_exports_carry_swelling_efforts_and_the_note(
    client: Any, shared: Any, coach: Any
) -> None:
    log(shared, TODAY, swelling=True, efforts=[("ankle-cars", "too_easy")], note="Warm calf")
    client.force_login(coach)
    bundle = json.loads(client.get(f"/coach/clients/{shared.pk}/export.json").content)
    assert bundle["sessions"][-1] == {
        "date": TODAY.isoformat(),
        "status": "done",
        "minutes": 10,
        "pain": 0.0,
        "pain_type": "none",
        "swelling": True,
        "efforts": [{"exercise": "ankle-cars", "effort": "too_easy"}],
        "note": "Warm calf",
    }
    archive = zipfile.ZipFile(
        io.BytesIO(client.get(f"/coach/clients/{shared.pk}/export-csv.zip").content)
    )
    row = list(csv.DictReader(io.StringIO(archive.read("sessions.csv").decode())))[-1]
    assert (row["swelling"], json.loads(row["efforts"]), row["note"]) == (
        "True",
        [{"exercise": "ankle-cars", "effort": "too_easy"}],
        "Warm calf",
    )
    fhir = json.loads(client.get(f"/coach/clients/{shared.pk}/fhir.json").content)
    assert fhir["resourceType"] == "Bundle"
    assert {entry["resource"]["resourceType"] for entry in fhir["entry"]} == {
        "Patient",
        "Observation",
        "CarePlan",
    }


def test_a_coachs_own_menu_and_an_athletes_sharing_menu(client: Any, user: Any, coach: Any) -> None:
    client.force_login(coach)
    assert ">Athletes<" in client.get("/coach/").content.decode()
    client.force_login(user)
    page = client.get("/sharing/").content.decode()
    assert ">Today<" in page
    assert "Nobody: your data is yours alone." in page
    assert "Entries are kept for 400 days, then deleted." in page
    assert client.get("/coach/")["Location"] == "/sharing/"


def test_trying_codes_is_rate_limited(client: Any, user: Any, coach: Any) -> None:
    client.force_login(coach)
    for _ in range(10):
        client.post("/coach/accept/", {"code": "WRONGCODE1"})
    refused = client.post("/coach/accept/", {"code": "WRONGCODE1"}, follow=True).content.decode()
    assert "Too many attempts" in refused


def test_the_coachs_dose_and_minutes_are_text_inputs_that_refuse_a_fraction_in_words(
    client: Any, shared: Any, coach: Any
) -> None:
    client.force_login(coach)
    plan_page = client.get(f"/coach/clients/{shared.pk}/plan/").content.decode()
    for name in ("sets", "reps", "seconds", "lowering_s", "minutes_per_day"):
        assert f'name="{name}"' in plan_page
    assert 'type="number"' not in plan_page
    response = client.post(
        f"/coach/clients/{shared.pk}/plan/edits/",
        {
            "kind": "dose",
            "exercise": "knee-to-wall-circles",
            "dates": TODAY.isoformat(),
            "sets": "2,5",
            "reps": "7,5",
        },
    )
    assert response.status_code == 422
    page = response.content.decode()
    assert "Sets: Type a whole number here, such as 2 or 3 (not 2,5)." in page
    assert "Reps: Type a whole number here, such as 7 or 8 (not 7,5)." in page
    assert not PlanEdit.objects.exists()
    minutes = client.post(
        f"/coach/clients/{shared.pk}/plan/edits/", {"kind": "minutes", "minutes_per_day": "12,0"}
    )
    assert minutes.status_code == 302
    assert PlanEdit.objects.get().operation["minutes_per_day"] == 12
