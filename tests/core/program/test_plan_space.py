"""A property over the whole dorsi.assessment/v1 input space (hypothesis): every optional part
present, null or absent, cm and inches, both variants, any red flag cleared or not. ``assess``
and ``build_plan`` never raise anything but a domain error; a plan never exceeds the time
budget, never names a missing exercise and never raises a dose faster than SPEC §4 allows."""

from __future__ import annotations

from datetime import date
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from dorsi.core.assessment.engine import assess
from dorsi.core.assessment.parse import parse_assessment
from dorsi.core.errors import DorsiError, ReferralRequired
from dorsi.core.library.exercises import load_library
from dorsi.core.program.build import build_plan
from dorsi.core.program.checks import check_plan
from dorsi.core.program.document import plan_to_document
from dorsi.core.program.parse import parse_plan
from dorsi.core.program.progression import ramp_violation
from dorsi.formats.plan_text import plan_to_markdown
from tests.core.assessment.test_assessment_space import documents

LIBRARY = load_library()
KNOWN = frozenset(LIBRARY.ids)
START = date(2026, 11, 2)


@settings(max_examples=150, deadline=None)
@given(doc=documents(), cleared=st.booleans())
def test_assess_and_build_plan_hold_every_plan_rule_over_the_input_space(
    doc: dict[str, Any], cleared: bool
) -> None:
    try:
        report = assess(parse_assessment(doc))
        plan = build_plan(report, start=START, library=LIBRARY, cleared_by_professional=cleared)
    except ReferralRequired:
        assert doc.get("red_flags")
        assert not cleared
        return
    except DorsiError:
        return
    minutes = plan.minutes_per_day
    assert all(day.minutes <= minutes for day in plan.days)
    named = {item.exercise for day in plan.days for item in day.items}
    for block in (plan.maintenance.before_training, plan.maintenance.other_days):
        named |= {item.exercise for item in block.items}
    assert named <= KNOWN
    assert ramp_violation(plan.weeks) is None
    check_plan(plan, library=LIBRARY)
    document = plan_to_document(plan)
    assert parse_plan(document, library=LIBRARY) is not None
    assert plan_to_markdown(plan)


def test_a_desk_worker_without_a_shoe_drop_gets_a_plan() -> None:
    doc = {"profile": {"desk_job": True}, "knee_to_wall": {"left": 10, "right": 10}}
    plan = build_plan(assess(parse_assessment(doc)), start=START, library=LIBRARY)
    assert "sit for much of the day" in plan.footwear.text
    assert plan_to_markdown(plan)
