"""The core writes words, never codes (SPEC intro): every text of a plan a person reads (the
adaptations, the item notes, the goal, heel, pace, footwear and maintenance texts) carries no
snake_case code and no seed file name, for the ten people of issue 8 and over a Hypothesis
sample of the assessment input space. The shells' ``plain()`` guard is not needed for it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from dorsi.core.assessment.engine import assess
from dorsi.core.assessment.parse import parse_assessment
from dorsi.core.errors import DorsiError
from dorsi.core.library.exercises import load_library
from dorsi.core.program.build import build_plan
from dorsi.core.program.values import Plan
from tests.core.assessment.test_assessment_space import documents
from tests.core.program.test_ten_people import BENCH
from tests.leaks import leaks

LIBRARY = load_library()
START = date(2026, 11, 2)


def plan_texts(plan: Plan) -> Iterator[tuple[str, str]]:
    """(where, text) for every sentence of ``plan`` a person reads."""
    for adaptation in plan.adaptations:
        yield f"adaptation {adaptation.code}", adaptation.text
    yield from (
        ("goal", plan.goal.text),
        ("heel elevation", plan.heel_elevation.text),
        ("expected rate", plan.expected_rate.text),
        ("footwear", plan.footwear.text),
        ("maintenance", plan.maintenance.text),
    )
    blocks = (plan.maintenance.before_training, plan.maintenance.other_days)
    items = [item for day in plan.days for item in day.items]
    items += [item for block in blocks for item in block.items]
    for item in items:
        yield f"item {item.exercise}", item.name
        if item.note:
            yield f"note of {item.exercise}", item.note


def _leaks(plan: Plan) -> list[str]:
    return [f"{where}: {found}" for where, text in plan_texts(plan) for found in leaks(text)]


def test_the_core_writes_no_code_in_the_plans_of_the_ten_people() -> None:
    for person in BENCH.PEOPLE:
        assert not _leaks(BENCH.plan_for(person)), person.key


def test_a_consider_referral_adaptation_names_its_reason_in_words() -> None:
    plan = BENCH.plan_for(BENCH.by_key("capsule"))  # 7 cm: under the 9 cm line
    (text,) = [a.text for a in plan.adaptations if a.code == "consider_professional"]
    assert "an ankle under 9\u00a0cm" in text
    assert "knee_to_wall_below_9cm" not in text


def test_a_cleared_referral_adaptation_names_the_red_flags_in_words() -> None:
    plan = BENCH.plan_for(BENCH.by_key("red_flags"))
    (text,) = [a.text for a in plan.adaptations if a.code == "cleared_by_professional"]
    assert "diabetic_foot" not in text
    assert "diabet" in text.lower()


@settings(max_examples=120, deadline=None)
@given(doc=documents(), cleared=st.booleans())
def test_the_core_writes_no_code_in_any_plan_text_over_the_input_space(
    doc: dict[str, Any], cleared: bool
) -> None:
    try:
        report = assess(parse_assessment(doc))
        plan = build_plan(report, start=START, library=LIBRARY, cleared_by_professional=cleared)
    except DorsiError:
        return
    assert not _leaks(plan)
