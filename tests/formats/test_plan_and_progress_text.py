"""The plan's Markdown and the progress text a person reads: triage first, sources by name,
codes in words (SPEC intro, §2.7, §7)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from dorsi.core.assessment.engine import assess
from dorsi.core.assessment.parse import parse_assessment
from dorsi.core.library.exercises import load_library
from dorsi.core.program.build import build_plan
from dorsi.core.progress.document import progress_to_document
from dorsi.core.progress.engine import compute_progress
from dorsi.core.progress.log import parse_log
from dorsi.formats.plan_text import plan_to_markdown
from dorsi.formats.progress_text import progress_markdown, progress_text
from tests.leaks import leaks

LOG = json.loads((Path(__file__).parents[2] / "examples" / "log.json").read_text("utf-8"))


def _progress(**changes: Any) -> dict[str, Any]:
    return progress_to_document(compute_progress(parse_log(LOG | changes)))


def test_the_plan_markdown_starts_with_the_triage_and_names_its_sources() -> None:
    report = assess(parse_assessment({"knee_to_wall": {"left": 8.0, "right": 8.5}}))
    plan = build_plan(report, start=date(2026, 6, 1), library=load_library())
    text = plan_to_markdown(plan, triage=("Urgent: See a doctor.", "- A sign: see a doctor."))
    lines = text.splitlines()
    assert lines[2] == "**Urgent: See a doctor.**"
    assert lines[4] == "- A sign: see a doctor."
    assert "expert opinion" in text
    assert "## Week 1 — foundation" in text
    assert not leaks(text)


def test_progress_text_names_flags_and_sources_in_words() -> None:
    doc = _progress()
    text = progress_text(doc)
    assert "Flags: asymmetry resolved" in text
    assert "(Powden 2015, research evidence)" in text
    assert "the trend says it may already be reached: retest" in text
    markdown = progress_markdown(doc)
    assert "- **Asymmetry resolved**" in markdown
    for written in (text, markdown):
        assert not leaks(written)


def test_progress_text_with_one_side_and_too_few_retests() -> None:
    baseline = LOG["assessment"] | {"knee_to_wall": {"unit": "cm", "left": 7.6}}
    doc = _progress(
        assessment=baseline,
        retests=[{"date": "2026-09-21", "unit": "cm", "left": 8.1}],
    )
    text = progress_text(doc)
    assert "Right: not measured at baseline" in text
    assert "rate: needs 3 measurements" in text
    markdown = progress_markdown(doc)
    assert "| right | not measured |" in markdown
    assert "- **Plateau**" in markdown
    assert "worth considering (no real change after weeks of regular work)" in markdown
    assert not leaks(text + markdown)


def test_the_plan_markdown_counts_real_sessions() -> None:
    start = date(2026, 11, 2)
    kinds = set()
    for left, right in ((14.0, 14.0), (8.0, 8.5)):
        report = assess(parse_assessment({"knee_to_wall": {"left": left, "right": right}}))
        plan = build_plan(report, start=start, library=load_library())
        sessions = sum(1 for day in plan.days if day.items)
        text = plan_to_markdown(plan)
        kinds.add(sessions == len(plan.days))
        if sessions == len(plan.days):
            assert f"One session every day ({sessions} days)" in text
        else:
            rest = len(plan.days) - sessions
            assert f"{sessions} sessions over {len(plan.days)} days (rest on the other {rest})" in (
                text
            )
            assert "One session every day" not in text
    assert kinds == {True, False}  # a plan with rest days and one without


def test_the_plan_markdown_names_day_kinds_as_the_calendar_page_does() -> None:
    from dorsi.core.program.calendar_text import DAY_KIND_NAMES

    document = {"profile": {"minutes_per_day": 5}, "knee_to_wall": {"left": 8, "right": 8}}
    plan = build_plan(
        assess(parse_assessment(document)), start=date(2026, 6, 1), library=load_library()
    )
    text = plan_to_markdown(plan)
    kinds = {day.kind for week in plan.weeks for day in week.days}
    for kind in kinds:
        assert f"— {DAY_KIND_NAMES[kind]}, " in text
    assert "— standalone," not in text  # the code, where the kind is named
