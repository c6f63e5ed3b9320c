"""The home-program handout: its weeks and exercises, and the PDF's first page rendered to
pixels (pypdfium2) is not blank."""

from __future__ import annotations

from datetime import date
from functools import cache

import pypdfium2

from dorsi.core.assessment.engine import assess
from dorsi.core.assessment.parse import parse_assessment
from dorsi.core.codes import PlanMode
from dorsi.core.library.exercises import load_library
from dorsi.core.program.build import build_plan
from dorsi.core.program.values import Plan
from dorsi.formats.handout import Handout, build_handout
from dorsi.formats.handout_pdf import handout_pdf

LIBRARY = load_library()
START = date(2026, 6, 1)


@cache
def _plan() -> Plan:
    document = {"knee_to_wall": {"left": 7.5, "right": 10.5}, "profile": {"equipment": ["band"]}}
    return build_plan(assess(parse_assessment(document)), start=START, library=LIBRARY)


def _handout(today: date = date(2026, 6, 17), plan: Plan | None = None) -> Handout:
    return build_handout(
        plan or _plan(),
        library=LIBRARY,
        today=today,
        athlete="ana",
        coach="carla",
        calendar_url="https://example.org/calendar/abc.ics",
        notes=("Keep the heel down",),
    )


def test_the_handout_holds_the_weeks_from_the_current_one() -> None:
    handout = _handout()
    assert handout.weeks[0].title == "Week 3 · foundation · 15 Jun–21 Jun"
    assert handout.weeks[-1].title.startswith("Week 12 · integration")
    assert len(handout.weeks) == 10
    assert handout.title == "Home program, 1 Jun – 23 Aug 2026"
    before = _handout(today=date(2026, 5, 20))
    assert before.weeks[0].title.startswith("Week 1 ")


def test_each_exercise_comes_once_with_dose_steps_cues_and_stop_rule() -> None:
    handout = _handout()
    names = [exercise.name for exercise in handout.exercises]
    assert len(names) == len(set(names))
    listed = {line.name for week in handout.weeks for line in week.lines}
    assert set(names) == listed
    circles = next(e for e in handout.exercises if e.exercise == "knee-to-wall-circles")
    sets = int(circles.dose.split(" set")[0])  # the steps follow the handed-out dose
    assert circles.steps == LIBRARY.get("knee-to-wall-circles").steps_for(sets)
    assert ("next set" in " ".join(circles.steps)) == (sets > 1)
    assert circles.stop_rules
    assert "×" in circles.dose


def test_a_maintenance_plan_hands_out_its_routine() -> None:
    handout = _handout(plan=_plan().with_mode(PlanMode.MAINTENANCE))
    assert handout.title == "Maintenance routine"
    assert [week.title for week in handout.weeks] == [
        "Before each lower-body training session",
        "On the other days of the routine",
    ]
    # no training days: the 5-minute routine on three days a week, strength on two others
    assert {line.days for line in handout.weeks[0].lines} == {"Mon, Wed, Fri"}
    assert {line.days for line in handout.weeks[1].lines} == {"Tue, Sat"}


def test_the_pdfs_first_page_renders_and_is_not_blank() -> None:
    pdf = pypdfium2.PdfDocument(handout_pdf(_handout()))
    try:
        assert len(pdf) >= 2
        page = pdf[0]
        image = page.render(scale=0.5).to_pil().convert("L")
        histogram = image.histogram()
        dark = sum(histogram[:128])
        assert dark > 0.01 * image.width * image.height  # text and figures, not a white page
        text = page.get_textpage().get_text_range()
        assert "Home program" in text
        assert "Keep the heel down" in text
        page.close()
    finally:
        pdf.close()


def test_the_handout_says_why_with_sources_by_name_and_each_exercise_its_evidence() -> None:
    handout = _handout()
    assert handout.reasons
    assert any("Ankle Mobility: The Hidden Problem" in reason for reason in handout.reasons)
    assert all(
        exercise.evidence.startswith(("expert opinion", "research evidence", "clinical guideline"))
        for exercise in handout.exercises
    )


def test_the_handout_pdf_text_shows_no_code() -> None:
    from tests.leaks import leaks

    document = pypdfium2.PdfDocument(handout_pdf(_handout()))
    text = "\n".join(page.get_textpage().get_text_range() for page in document)
    assert "Why the plan looks like this" in text
    assert "Evidence: " in text
    found = leaks(text.replace("\r", ""))
    assert not found, "\n".join(found)
