"""A property over the whole dorsi.assessment/v1 input space (hypothesis): every optional part
present, null or absent, both units, both variants, any red flags. ``assess`` never raises
anything but a domain error; with a red flag nothing but the triage reads as a program; every
report cites its sources by known tags, with a grade, and no text shows a code."""

from __future__ import annotations

import json
import re
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from dorsi.core.assessment.document import report_to_document, report_to_markdown, report_to_text
from dorsi.core.assessment.engine import assess
from dorsi.core.assessment.parse import parse_assessment
from dorsi.core.assessment.triage import TRIAGE_CODES
from dorsi.core.codes import (
    Equipment,
    Felt,
    Rating,
    RedFlag,
    Sign,
    Sport,
    Urgency,
    Weekday,
)
from dorsi.core.errors import DorsiError
from dorsi.core.evidence import by_tag

from .test_triage import PROGRAM_STYLE

ABSENT = object()
CODE_LIKE = re.compile(r"\b[a-z]+_[a-z_]+\b|seed:|\.txt\b")


def _num(low: float, high: float) -> st.SearchStrategy[float]:
    return st.floats(min_value=low, max_value=high, allow_nan=False, allow_infinity=False)


def _part(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """A value, null, or the key left out altogether."""
    return st.one_of(st.just(ABSENT), st.none(), strategy)


def _codes(enum: Any) -> st.SearchStrategy[list[str]]:
    return st.lists(st.sampled_from([m.value for m in enum]), unique=True)


def _object(fields: dict[str, st.SearchStrategy[Any]]) -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries({key: _part(value) for key, value in fields.items()}).map(
        lambda d: {k: v for k, v in d.items() if v is not ABSENT}
    )


RATING = st.sampled_from([r.value for r in Rating])
PER_SIDE = {
    "wb_angle_deg": _num(-20, 70),
    "goniometer_deg": _object({"knee_straight": _num(-30, 60), "knee_bent": _num(-30, 60)}),
    "three_position": _object({"straight_knee": RATING, "bent_knee": RATING, "deep_squat": RATING}),
    "felt": st.sampled_from([f.value for f in Felt]),
}
PROFILE = _object(
    {
        "age": st.integers(10, 100),
        "height_cm": _num(100, 230),
        "sports": _codes(Sport),
        "sprains": _object({"left": st.integers(0, 50), "right": st.integers(0, 50)}),
        "training_days": _codes(Weekday),
        "equipment": _codes(Equipment),
        "minutes_per_day": st.integers(5, 60),
        "desk_job": st.booleans(),
        "shoe_drop_mm": _num(0, 40),
        "tibia_cm": _num(25, 60),
        "foot_cm": _num(15, 35),
    }
)
SCREEN = _object(
    {
        key: st.booleans()
        for key in (
            "heels_rise",
            "torso_forward",
            "knees_cave",
            "reaches_parallel",
            "better_with_heel_lift",
        )
    }
)
KNEE = _object({"present": st.booleans(), "less_with_heel_lift": st.booleans()})


@st.composite
def documents(draw: st.DrawFn) -> dict[str, Any]:
    unit = draw(st.sampled_from(["cm", "in"]))
    top = 25.0 if unit == "cm" else 10.0
    doc: dict[str, Any] = {"schema": "dorsi.assessment/v1"}
    red_flags = draw(st.one_of(st.just([]), _codes(RedFlag)))
    if red_flags or draw(st.booleans()):
        doc["red_flags"] = red_flags
    sides = {side: draw(_part(_num(0, top))) for side in ("left", "right")}
    knee_to_wall = {"variant": draw(st.sampled_from(["standing", "half_kneeling"])), "unit": unit}
    knee_to_wall |= {side: value for side, value in sides.items() if value is not ABSENT}
    if not red_flags and all(knee_to_wall.get(side) is None for side in ("left", "right")):
        knee_to_wall["left"] = draw(_num(0, top))  # without red flags one side is required
    if not red_flags or draw(st.booleans()):
        doc["knee_to_wall"] = knee_to_wall
    for key, strategy in PER_SIDE.items():
        value = draw(_part(_object({"left": strategy, "right": strategy})))
        if value is not ABSENT:
            doc[key] = value
    for key, strategy in (
        ("date", st.dates().map(str)),
        ("profile", PROFILE),
        ("squat_screen", SCREEN),
        ("knee_pain", KNEE),
        ("signs", _codes(Sign)),
    ):
        value = draw(_part(strategy))
        if value is not ABSENT:
            doc[key] = value
    return doc


@settings(max_examples=150, deadline=None)
@given(doc=documents())
def test_assess_never_raises_anything_but_a_domain_error(doc: dict[str, Any]) -> None:
    try:
        report = assess(parse_assessment(doc))
    except DorsiError:
        return
    out = report_to_document(report)
    assert json.loads(json.dumps(out)) == out
    assert report_to_text(report)
    assert report_to_markdown(report)


@settings(max_examples=150, deadline=None)
@given(doc=documents())
def test_with_a_red_flag_only_the_triage_reads_as_a_program(doc: dict[str, Any]) -> None:
    try:
        report = assess(parse_assessment(doc))
    except DorsiError:
        return
    flags = doc.get("red_flags") or []
    assert (report.referral.urgency is None) == (not flags)
    if not flags:
        return
    assert report.findings[0].code == "red_flags"
    assert report.recommendations[0].code in TRIAGE_CODES
    urgency = max((Urgency(rule) for rule in _urgencies(flags)), key=lambda u: u.rank)
    assert report.referral.urgency is urgency
    for item in (*report.findings, *report.recommendations):
        if item.code not in TRIAGE_CODES:
            assert not PROGRAM_STYLE.search(item.text), (item.code, item.text)


def _urgencies(flags: list[str]) -> list[str]:
    from dorsi.core.assessment.triage import TRIAGE

    return [TRIAGE[RedFlag(flag)].urgency.value for flag in flags]


@settings(max_examples=100, deadline=None)
@given(doc=documents())
def test_every_report_cites_known_sources_with_grades_and_shows_no_code(
    doc: dict[str, Any],
) -> None:
    try:
        report = assess(parse_assessment(doc))
    except DorsiError:
        return
    out = report_to_document(report)
    for entry in (*out["findings"], *out["recommendations"]):
        assert entry["sources"]
        assert entry["evidence"] == by_tag(entry["sources"][0]).grade.value
        assert set(entry["sources"]) <= set(out["sources"])
        assert not CODE_LIKE.search(entry["text"]), entry["text"]
    for text in (report_to_text(report), report_to_markdown(report)):
        assert "seed:" not in text
        assert ".txt" not in text
