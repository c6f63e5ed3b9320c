"""parse_assessment: dorsi.assessment/v1\u00a0in, validated values out, clear errors otherwise."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from dorsi.core.assessment.parse import assessment_to_document, parse_assessment
from dorsi.core.codes import Felt, Rating, RedFlag, Sign, Sport, Unit, Variant
from dorsi.core.errors import ValidationError


def bad(doc: Any) -> ValidationError:
    with pytest.raises(ValidationError) as error:
        parse_assessment(doc)
    return error.value


def test_minimal_document_needs_only_one_knee_to_wall_side() -> None:
    inp = parse_assessment({"knee_to_wall": {"right": 10.5}})
    assert inp.left.knee_to_wall_cm is None
    assert inp.right.knee_to_wall_cm == 10.5
    assert inp.variant is Variant.STANDING
    assert inp.unit is Unit.CM
    assert inp.profile.minutes_per_day == 10


def test_missing_knee_to_wall_is_named() -> None:
    assert bad({"profile": {}}).field == "knee_to_wall"


def test_knee_to_wall_without_any_side_is_refused() -> None:
    assert bad({"knee_to_wall": {"unit": "cm"}}).field == "knee_to_wall"


def test_a_different_schema_is_refused() -> None:
    assert bad({"schema": "dorsi.report/v1", "knee_to_wall": {"left": 9}}).field == "schema"


def test_a_document_that_is_not_an_object_is_refused() -> None:
    assert bad([1, 2]).field == "document"


def test_inches_are_stored_as_cm() -> None:
    inp = parse_assessment({"knee_to_wall": {"unit": "in", "left": 4.0}})
    assert inp.left.knee_to_wall_cm == pytest.approx(10.16)
    assert inp.unit is Unit.IN


def test_the_range_error_names_field_and_range() -> None:
    error = bad({"knee_to_wall": {"unit": "in", "left": 10.5}})
    assert error.field == "knee_to_wall.left"
    assert "0 to 10\u00a0in" in error.problem


@pytest.mark.parametrize(
    ("doc", "field"),
    [
        ({"knee_to_wall": {"left": "ten"}}, "knee_to_wall.left"),
        ({"knee_to_wall": {"left": True}}, "knee_to_wall.left"),
        ({"knee_to_wall": {"left": float("nan")}}, "knee_to_wall.left"),
        ({"knee_to_wall": {"left": 9, "variant": "lying"}}, "knee_to_wall.variant"),
        ({"knee_to_wall": {"left": 9}, "felt": {"left": "ouch"}}, "felt.left"),
        ({"knee_to_wall": {"left": 9}, "signs": ["limp"]}, "signs[0]"),
        (
            {"knee_to_wall": {"left": 9}, "profile": {"sprains": {"left": 1.5}}},
            "profile.sprains.left",
        ),
        ({"knee_to_wall": {"left": 9}, "profile": {"height_cm": 250}}, "profile.height_cm"),
        (
            {"knee_to_wall": {"left": 9}, "profile": {"minutes_per_day": 4}},
            "profile.minutes_per_day",
        ),
        ({"knee_to_wall": {"left": 9}, "date": "01/02/2025"}, "date"),
        (
            {"knee_to_wall": {"left": 9}, "squat_screen": {"heels_rise": "yes"}},
            "squat_screen.heels_rise",
        ),
    ],
)
def test_bad_values_name_their_field(doc: dict[str, Any], field: str) -> None:
    assert bad(doc).field == field


def test_a_full_document_is_read_into_typed_values() -> None:
    inp = parse_assessment(
        {
            "date": "2025-02-03",
            "profile": {
                "age": 35,
                "height_cm": 178,
                "sports": ["running", "soccer", "running"],
                "sprains": {"left": 2},
                "desk_job": True,
                "shoe_drop_mm": 10,
            },
            "knee_to_wall": {"left": 9.5, "right": 12},
            "wb_angle_deg": {"left": 35},
            "goniometer_deg": {"right": {"knee_straight": 8, "knee_bent": 25}},
            "three_position": {"left": {"straight_knee": "restricted", "bent_knee": "ok"}},
            "felt": {"left": "front_pinch"},
            "signs": ["tight_calves"],
            "red_flags": ["night_pain"],
        }
    )
    assert inp.date == date(2025, 2, 3)
    assert inp.profile.sports == (Sport.RUNNING, Sport.SOCCER)
    assert inp.profile.sprains.left == 2
    assert inp.profile.sprains.right == 0
    assert inp.left.wb_angle_deg == 35.0
    assert inp.right.goniometer is not None
    assert inp.right.goniometer.knee_bent_deg == 25.0
    assert inp.left.three_position is not None
    assert inp.left.three_position.straight_knee is Rating.RESTRICTED
    assert inp.left.felt is Felt.FRONT_PINCH
    assert inp.signs == frozenset({Sign.TIGHT_CALVES})
    assert inp.red_flags == frozenset({RedFlag.NIGHT_PAIN})


def test_unknown_keys_are_recorded_not_fatal() -> None:
    inp = parse_assessment({"knee_to_wall": {"left": 9, "note": "x"}, "mood": "good"})
    assert inp.ignored_fields == ("knee_to_wall.note", "mood")


def test_document_round_trips_in_its_own_unit() -> None:
    doc = {
        "date": "2025-02-03",
        "knee_to_wall": {"unit": "in", "left": 3.9, "right": 4.6},
        "wb_angle_deg": {"left": 33.0},
        "felt": {"right": "calf_stretch"},
        "squat_screen": {"heels_rise": True},
        "signs": ["ankle_rolling"],
    }
    again = assessment_to_document(parse_assessment(doc))
    assert again["knee_to_wall"] == {"variant": "standing", "unit": "in", "left": 3.9, "right": 4.6}
    assert parse_assessment(again) == parse_assessment(doc)


def test_swapped_exchanges_sides_and_sprain_history() -> None:
    inp = parse_assessment(
        {"knee_to_wall": {"left": 8, "right": 12}, "profile": {"sprains": {"left": 3}}}
    )
    mirror = inp.swapped()
    assert (mirror.left.knee_to_wall_cm, mirror.right.knee_to_wall_cm) == (12, 8)
    assert (mirror.profile.sprains.left, mirror.profile.sprains.right) == (0, 3)
