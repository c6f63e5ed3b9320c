"""Triage first and sources by name on the pages (SPEC §2.7, intro, §7; issue 8)."""

from __future__ import annotations

from typing import Any

import pytest

from dorsi.db.models import Assessment
from tests.django_support import TODAY, assessment_document
from tests.leaks import visible_text

pytestmark = pytest.mark.django_db


def _held(user: Any, *flags: str) -> Assessment:
    from dorsi.services.assessments import assessment_create

    return assessment_create(
        user=user, document=assessment_document(red_flags=list(flags)), today=TODAY
    )


def _text(client: Any, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return visible_text(response.content.decode())


def test_the_report_says_the_emergency_before_anything_else(ana: Any, user: Any) -> None:
    row = _held(user, "giving_way", "calf_swelling")
    text = _text(ana, f"/assessments/{row.pk}/")
    body = text[text.index("Your results") :]
    lines = body.splitlines()
    assert lines[2] == "Emergency"
    assert lines[3].startswith("Seek medical care today")
    assert body.index("blood clot") < body.index("suggests an unstable ankle")
    assert body.index("Emergency") < body.index("Left ankle")


def test_a_held_report_reads_as_no_program(ana: Any, user: Any) -> None:
    row = _held(user, "recent_trauma")
    text = _text(ana, f"/assessments/{row.pk}/")
    assert "Urgent" in text
    assert "See a doctor within the next few days" in text
    for program_words in ("Build my 12-week plan", "targeted work every day", "extra work"):
        assert program_words not in text, program_words
    assert "Your plan waits until a professional has cleared you" in text


@pytest.mark.parametrize(
    ("flag", "heading", "who"),
    [
        ("hot_swollen_joint", "Emergency", "urgent care or an emergency department"),
        ("diabetic_foot", "Urgent", "a doctor or podiatrist"),
        ("night_pain", "Before you start", "a physiotherapist or doctor"),
    ],
)
def test_the_plan_page_and_today_say_the_same_triage_as_the_report(
    ana: Any, user: Any, flag: str, heading: str, who: str
) -> None:
    row = _held(user, flag)
    report = _text(ana, f"/assessments/{row.pk}/")
    plan = _text(ana, "/plan/")
    today = _text(ana, "/")
    for text in (report, plan, today):
        start = text.index(heading + "\n")
        assert who in text[start:]
        assert "Your plan waits" in text[start:]
    assert "Build" not in plan
    assert "12-week" not in plan


def test_after_clearance_the_plan_page_says_what_stays_safer(ana: Any, user: Any) -> None:
    from dorsi.services.assessments import assessment_confirm_cleared
    from dorsi.services.plans import plan_create

    row = _held(user, "diabetic_foot")
    assessment_confirm_cleared(user=user, assessment_id=row.pk)
    plan_create(user=user, assessment_id=row.pk, start=TODAY)
    text = _text(ana, "/plan/")
    assert text.index("Urgent") < text.index("How it is tailored to you")
    assert "no barefoot advice" in text
    assert "Your plan waits" not in text


def test_a_referral_to_consider_is_said_in_words_on_the_report(ana: Any, assessment: Any) -> None:
    text = _text(ana, f"/assessments/{assessment.pk}/")
    assert "Worth considering" in text
    assert "because of an ankle under 9\u00a0cm" in text


def test_findings_name_their_sources_with_the_grade_in_words(ana: Any, assessment: Any) -> None:
    text = _text(ana, f"/assessments/{assessment.pk}/")
    assert (
        "Ankle Mobility: The Hidden Problem Behind Your Squat, Running, and Knee Pain, "
        "expert opinion; Hoch & McKeon 2011, research evidence"
    ) in text
    assert "Possible factors" not in text or "(possible)" in text


def test_the_sources_page_lists_every_source_with_its_reference(client: Any) -> None:
    from dorsi.core.evidence import ALL_SOURCES

    text = _text(client, "/sources/")
    for source in ALL_SOURCES:
        assert source.label in text
        assert source.reference in text
    assert "Clinical guideline" in text
    assert "Research evidence" in text


def test_every_page_links_to_the_sources_page(client: Any) -> None:
    assert 'href="/sources/"' in client.get("/exercises/").content.decode()


def test_an_exercise_shows_its_grade_and_sources_in_words(client: Any) -> None:
    text = _text(client, "/exercises/ankle-cars/")
    assert "Evidence for this exercise: expert opinion" in text
    assert "Unlock Ankle Mobility for Instant Pain Relief, expert opinion" in text
    assert "warm-up, motor control, joint capsule" in text
