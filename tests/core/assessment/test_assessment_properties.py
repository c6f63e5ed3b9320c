"""Properties of the engine over generated dorsi.assessment/v1 documents (hypothesis)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dorsi.core.assessment.document import report_to_document
from dorsi.core.assessment.engine import assess
from dorsi.core.assessment.parse import assessment_to_document, parse_assessment
from dorsi.core.codes import Felt, Rating, RedFlag, Side, Sign, Sport, Unit
from dorsi.core.errors import ValidationError
from dorsi.core.thresholds import category_for
from dorsi.core.units import from_cm, to_cm


def _num(low: float, high: float) -> st.SearchStrategy[float]:
    return st.floats(min_value=low, max_value=high, allow_nan=False, allow_infinity=False)


def _maybe(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(st.none(), strategy)


def _codes(enum: Any) -> st.SearchStrategy[list[str]]:
    return st.lists(st.sampled_from([m.value for m in enum]), unique=True, max_size=4)


@st.composite
def side_parts(draw: st.DrawFn) -> dict[str, Any]:
    rating = st.sampled_from([r.value for r in Rating])
    return {
        "angle": draw(_maybe(_num(-20, 70))),
        "gonio": draw(
            _maybe(
                st.fixed_dictionaries(
                    {"knee_straight": _maybe(_num(-30, 60)), "knee_bent": _maybe(_num(-30, 60))}
                )
            )
        ),
        "three": draw(
            _maybe(
                st.fixed_dictionaries(
                    {
                        "straight_knee": _maybe(rating),
                        "bent_knee": _maybe(rating),
                        "deep_squat": _maybe(rating),
                    }
                )
            )
        ),
        "felt": draw(_maybe(st.sampled_from([f.value for f in Felt]))),
    }


@st.composite
def documents(draw: st.DrawFn) -> dict[str, Any]:
    unit = draw(st.sampled_from(["cm", "in"]))
    top = 25.0 if unit == "cm" else 10.0
    left, right = draw(_maybe(_num(0, top))), draw(_maybe(_num(0, top)))
    if left is None and right is None:
        left = draw(_num(0, top))
    sides = {"left": draw(side_parts()), "right": draw(side_parts())}
    doc: dict[str, Any] = {
        "schema": "dorsi.assessment/v1",
        "profile": {
            "height_cm": draw(_maybe(_num(100, 230))),
            "sports": draw(_codes(Sport)),
            "sprains": {"left": draw(st.integers(0, 50)), "right": draw(st.integers(0, 50))},
            "desk_job": draw(_maybe(st.booleans())),
            "shoe_drop_mm": draw(_maybe(_num(0, 40))),
        },
        "knee_to_wall": {
            "variant": draw(st.sampled_from(["standing", "half_kneeling"])),
            "unit": unit,
            "left": left,
            "right": right,
        },
        "squat_screen": draw(
            _maybe(
                st.fixed_dictionaries(
                    {
                        key: _maybe(st.booleans())
                        for key in (
                            "heels_rise",
                            "torso_forward",
                            "knees_cave",
                            "reaches_parallel",
                            "better_with_heel_lift",
                        )
                    }
                )
            )
        ),
        "knee_pain": draw(
            _maybe(
                st.fixed_dictionaries(
                    {"present": st.booleans(), "less_with_heel_lift": _maybe(st.booleans())}
                )
            )
        ),
        "signs": draw(_codes(Sign)),
        "red_flags": draw(st.one_of(st.just([]), _codes(RedFlag))),
    }
    for key, part in (
        ("wb_angle_deg", "angle"),
        ("goniometer_deg", "gonio"),
        ("three_position", "three"),
        ("felt", "felt"),
    ):
        doc[key] = {side: sides[side][part] for side in ("left", "right")}
    return doc


def swapped(doc: dict[str, Any]) -> dict[str, Any]:
    out = json.loads(json.dumps(doc))
    for key in ("knee_to_wall", "wb_angle_deg", "goniometer_deg", "three_position", "felt"):
        part = out[key]
        part["left"], part["right"] = part["right"], part["left"]
    sprains = out["profile"]["sprains"]
    sprains["left"], sprains["right"] = sprains["right"], sprains["left"]
    return out


@settings(max_examples=150, deadline=None)
@given(doc=documents())
def test_every_valid_input_gives_a_json_ready_report(doc: dict[str, Any]) -> None:
    report = assess(parse_assessment(doc))
    out = report_to_document(report)
    assert json.loads(json.dumps(out)) == out
    assert out["referral"]["level"] in {"none", "consider", "before_starting"}
    measured = {s for s in ("left", "right") if doc["knee_to_wall"][s] is not None}
    assert {s for s in ("left", "right") if out["sides"][s] is not None} == measured


@settings(max_examples=150, deadline=None)
@given(doc=documents())
def test_swapping_left_and_right_swaps_the_results(doc: dict[str, Any]) -> None:
    plain = report_to_document(assess(parse_assessment(doc)))
    mirror = report_to_document(assess(parse_assessment(swapped(doc))))
    assert mirror["sides"]["left"] == plain["sides"]["right"]
    assert mirror["sides"]["right"] == plain["sides"]["left"]
    for key in ("squat", "knee_pain_linked_to_ankle", "referral", "limiting_factors"):
        assert mirror[key] == plain[key]
    if plain["asymmetry"] is None:
        assert mirror["asymmetry"] is None
        return
    other = {"left": "right", "right": "left", None: None}
    assert (
        mirror["asymmetry"]["more_restricted_side"]
        == other[plain["asymmetry"]["more_restricted_side"]]
    )
    for key in ("difference_cm", "level", "angle_difference_deg", "angle_level"):
        assert mirror["asymmetry"][key] == plain["asymmetry"][key]


@pytest.mark.parametrize(
    ("patch", "field"),
    [
        ({"knee_to_wall": {"left": 25.01}}, "knee_to_wall.left"),
        ({"knee_to_wall": {"right": -0.1}}, "knee_to_wall.right"),
        ({"knee_to_wall": {"unit": "in", "left": 10.01}}, "knee_to_wall.left"),
        ({"wb_angle_deg": {"left": 70.1}}, "wb_angle_deg.left"),
        ({"wb_angle_deg": {"right": -20.1}}, "wb_angle_deg.right"),
        ({"goniometer_deg": {"left": {"knee_bent": 60.5}}}, "goniometer_deg.left.knee_bent"),
        (
            {"goniometer_deg": {"right": {"knee_straight": -31}}},
            "goniometer_deg.right.knee_straight",
        ),
    ],
)
def test_values_outside_the_valid_ranges_name_their_field(
    patch: dict[str, Any], field: str
) -> None:
    doc: dict[str, Any] = {"knee_to_wall": {"left": 10.0, "right": 10.0}}
    for key, value in patch.items():
        doc[key] = {**doc.get(key, {}), **value}
    with pytest.raises(ValidationError) as error:
        parse_assessment(doc)
    assert error.value.field == field


@given(
    value=st.one_of(_num(25.0001, 1e6), _num(-1e6, -0.0001)),
    side=st.sampled_from(list(Side)),
)
def test_any_distance_outside_0_to_25_cm_is_rejected(value: float, side: Side) -> None:
    with pytest.raises(ValidationError) as error:
        parse_assessment({"knee_to_wall": {side.value: value}})
    assert error.value.field == f"knee_to_wall.{side.value}"


@given(value=st.one_of(_num(70.0001, 1e4), _num(-1e4, -20.0001)))
def test_any_lunge_angle_outside_the_range_is_rejected(value: float) -> None:
    with pytest.raises(ValidationError):
        parse_assessment({"knee_to_wall": {"left": 10}, "wb_angle_deg": {"left": value}})


@given(cm=_num(0, 25))
def test_cm_to_inches_and_back_is_lossless(cm: float) -> None:
    assert to_cm(from_cm(cm, Unit.IN), Unit.IN) == pytest.approx(cm, abs=1e-9)


@given(inches=_num(0, 9.84))
def test_inch_documents_round_trip_through_the_parser(inches: float) -> None:
    inp = parse_assessment({"knee_to_wall": {"unit": "in", "left": inches}})
    again = assessment_to_document(inp)
    assert again["knee_to_wall"]["left"] == pytest.approx(inches, abs=1e-4)
    report = assess(inp)
    left = report.sides.left
    assert left is not None
    assert left.category is category_for(inches * 2.54, inp.variant)
