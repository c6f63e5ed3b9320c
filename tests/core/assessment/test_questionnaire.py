"""The questionnaire as data: order, wording, ranges, and the helpers both shells use."""

from __future__ import annotations

from typing import Any

import pytest

from dorsi.core import thresholds
from dorsi.core.assessment.answers import (
    Answer,
    answers_in,
    assessment_document,
    fragment,
    nest,
    read_answer,
    red_flagged,
    summary,
    words,
)
from dorsi.core.assessment.howto import HOWTOS, howto_named
from dorsi.core.assessment.parse import assessment_to_document, parse_assessment
from dorsi.core.assessment.questionnaire import (
    ABOUT,
    KNEE_TO_WALL,
    QUESTIONNAIRE,
    SAFETY,
    measurement_due,
    section_named,
)
from dorsi.core.assessment.questions import Kind, Question
from dorsi.core.assessment.texts import RED_FLAG_LABELS
from dorsi.core.codes import RedFlag
from dorsi.core.errors import ValidationError

QUESTIONS = [(section, q) for section in QUESTIONNAIRE for q in section.questions]


def question(path: str) -> Question:
    return next(q for _, q in QUESTIONS if q.path == path)


def test_screening_comes_first_and_before_every_physical_test() -> None:
    assert QUESTIONNAIRE[0] is SAFETY
    assert not SAFETY.physical_test
    assert not SAFETY.skippable(red_flag=False)
    physical = [section.key for section in QUESTIONNAIRE if section.physical_test]
    assert physical == ["knee_to_wall", "angles", "three_position", "squat"]


def test_every_red_flag_is_asked_once_in_the_reports_words() -> None:
    asked = [
        (section.key, option)
        for section, q in QUESTIONS
        if q.path == "red_flags"
        for option in q.options
    ]
    assert sorted(option.code for _, option in asked) == sorted(flag.value for flag in RedFlag)
    for _, option in asked:
        text = RED_FLAG_LABELS[RedFlag(option.code)]
        assert option.label == text[:1].upper() + text[1:]
    # Pain during the test can only be known once it is done: it is asked right after it.
    assert [key for key, o in asked if o.code == "sharp_pain_on_test"] == ["knee_to_wall"]


def test_after_a_red_flag_only_the_physical_tests_become_skippable() -> None:
    assert not KNEE_TO_WALL.skippable(red_flag=False)
    assert KNEE_TO_WALL.skippable(red_flag=True)
    assert not ABOUT.skippable(red_flag=True)
    assert red_flagged({"red_flags": []}, {"red_flags": ["calf_snap"]})
    assert not red_flagged({"red_flags": []}, {"knee_to_wall.left": 9.0})


def test_the_measurement_is_due_from_the_knee_to_wall_section_on() -> None:
    assert [measurement_due(section) for section in QUESTIONNAIRE][:3] == [False, True, True]


def test_paths_are_unique_except_the_shared_red_flag_list() -> None:
    paths = [q.path for _, q in QUESTIONS]
    assert {p for p in paths if paths.count(p) > 1} == {"red_flags"}
    assert section_named("felt") is not None
    assert section_named("nope") is None


def test_every_number_is_checked_against_a_range_of_the_thresholds() -> None:
    ranges = {id(value) for value in vars(thresholds).values()}
    ranges |= {id(value) for value in thresholds.KNEE_TO_WALL_RANGE.values()}
    numbers = [q for _, q in QUESTIONS if q.kind in (Kind.NUMBER, Kind.INTEGER)]
    assert len(numbers) == 14
    for q in numbers:
        valid = q.range_for("cm")
        assert valid is not None, q.path
        assert id(valid) in ranges, q.path
    assert question("knee_to_wall.left").range_for("in") is thresholds.KNEE_TO_WALL_RANGE["in"]


def _sample(q: Question) -> Answer:
    if q.kind is Kind.DATE:
        return "2026-01-05"
    if q.kind is Kind.YES_NO:
        return True
    if q.kind is Kind.CHOICE:
        return q.default if isinstance(q.default, str) else q.options[0].code
    if q.kind is Kind.CHOICES:
        return [q.options[0].code]
    valid = q.range_for("cm")
    assert valid is not None
    return int(valid.high) if q.kind is Kind.INTEGER else valid.high


def test_every_answer_lands_where_the_core_reads_it_and_comes_back() -> None:
    parts = [{q.path: _sample(q) for q in section.questions} for section in QUESTIONNAIRE]
    inp = parse_assessment(assessment_document(*parts))
    assert inp.ignored_fields == ()
    stored = assessment_to_document(inp)
    for section, part in zip(QUESTIONNAIRE, parts, strict=True):
        assert answers_in(stored, section) == part, section.key


def test_nest_joins_lists_at_one_path_and_drops_unanswered() -> None:
    document = nest(
        {"red_flags": ["giving_way"], "profile.age": None, "profile.height_cm": 180.0},
        {"red_flags": ["sharp_pain_on_test", "giving_way"], "knee_to_wall.left": 9.5},
    )
    assert document == {
        "red_flags": ["giving_way", "sharp_pain_on_test"],
        "profile": {"height_cm": 180.0},
        "knee_to_wall": {"left": 9.5},
    }
    assert fragment("profile", {"profile.age": 40, "profile.sprains.left": 1}) == {
        "age": 40,
        "sprains": {"left": 1},
    }
    assert assessment_document({})["schema"] == "dorsi.assessment/v1"


@pytest.mark.parametrize(
    ("path", "value", "unit", "expected"),
    [
        ("date", "2026-01-05", None, "5 January 2026"),
        ("knee_to_wall.variant", "half_kneeling", None, "Half-kneeling"),
        ("knee_to_wall.left", 7.5, "cm", "7.5\u00a0cm"),
        ("knee_to_wall.left", 3.0, "in", "3\u00a0in"),
        ("profile.height_cm", 178.0, None, "178\u00a0cm"),
        ("profile.age", 34, None, "34\u00a0years"),
        ("profile.sprains.left", 2, None, "2"),
        ("profile.sports", ["running", "soccer"], None, "Running, Soccer (football)"),
        ("profile.training_days", ["mon", "thu"], None, "Monday, Thursday"),
        ("profile.desk_job", False, None, "No"),
        ("wb_angle_deg.left", 35.0, None, "35°"),
        ("three_position.left.deep_squat", "ok", None, "OK"),
        ("felt.right", "front_pinch", None, "A block or pinch at the front of the ankle"),
    ],
)
def test_answers_read_in_words_not_codes(path: str, value: Any, unit: Any, expected: str) -> None:
    assert words(question(path), value, unit=unit) == expected


def test_a_summary_lists_the_answered_questions_and_what_nothing_means() -> None:
    rows = summary(
        KNEE_TO_WALL,
        {"knee_to_wall.unit": "in", "knee_to_wall.left": 4.0, "red_flags": []},
    )
    assert rows == (
        ("Unit", "inches"),
        ("Left foot: big toe to wall", "4\u00a0in"),
        ("Did the test hurt?", "No"),
    )
    assert summary(SAFETY, {"red_flags": ["calf_snap"]}) == (
        ("Tick anything that applies to you now", "A snap felt in the calf"),
    )
    assert summary(ABOUT, {"profile.sports": []}) == ()


@pytest.mark.parametrize(
    ("path", "text", "unit", "expected"),
    [
        ("knee_to_wall.left", "9,5", "cm", 9.5),
        ("knee_to_wall.left", "", "cm", None),
        ("profile.age", "41", None, 41),
        ("profile.desk_job", "Y", None, True),
        ("profile.desk_job", "no", None, False),
        ("knee_to_wall.variant", "2", None, "half_kneeling"),
        ("knee_to_wall.variant", "half-kneeling", None, "half_kneeling"),
        ("knee_to_wall.unit", "cm", None, "cm"),
        ("profile.sports", "1, 3,1", None, ["running", "soccer"]),
        ("profile.sports", "", None, []),
        ("date", "2026-01-05", None, "2026-01-05"),
    ],
)
def test_typed_text_is_read_as_an_answer(path: str, text: str, unit: Any, expected: Any) -> None:
    assert read_answer(question(path), text, unit=unit) == expected


@pytest.mark.parametrize(
    ("path", "text", "unit", "problem"),
    [
        ("knee_to_wall.left", "30", "cm", "must be between 0 and 25\u00a0cm"),
        ("knee_to_wall.left", "11", "in", "must be between 0 and 10\u00a0in"),
        ("knee_to_wall.left", "abc", "cm", "'abc' is not a number"),
        ("knee_to_wall.left", "nan", "cm", "'nan' is not a number"),
        ("profile.age", "40.5", None, "give a whole number"),
        ("profile.desk_job", "maybe", None, "answer y or n"),
        ("knee_to_wall.variant", "9", None, "'9' is not one of the choices"),
        ("profile.sports", "running, chess", None, "'chess' is not one of the choices"),
        ("date", "5/1/2026", None, "is not a date (use YYYY-MM-DD)"),
    ],
)
def test_bad_typed_text_names_the_question_and_what_to_type(
    path: str, text: str, unit: Any, problem: str
) -> None:
    with pytest.raises(ValidationError) as error:
        read_answer(question(path), text, unit=unit)
    assert error.value.field == path
    assert problem in error.value.problem


def test_every_test_has_its_steps_stop_rule_and_drawings() -> None:
    assert [howto.key for howto in HOWTOS] == [
        "knee_to_wall",
        "knee_to_wall_half_kneeling",
        "wb_angle",
        "goniometer",
        "three_position",
        "squat_screen",
    ]
    for howto in HOWTOS:
        assert len(howto.steps) >= 3, howto.key
        assert "sharp" in howto.stop_rule
        assert howto.figures, howto.key
    shown = {h.key for section in QUESTIONNAIRE for h in section.howtos}
    assert shown == {howto.key for howto in HOWTOS}
    assert howto_named("squat_screen") is not None
    assert howto_named("nope") is None


def test_the_how_to_numbers_come_from_the_thresholds() -> None:
    squat = howto_named("squat_screen")
    lunge = howto_named("wb_angle")
    assert squat is not None
    assert lunge is not None
    assert f"{thresholds.SQUAT_TEST_HEEL_LIFT_CM:g} cm lift" in squat.summary
    assert any(f"{thresholds.INCLINOMETER_BELOW_KNEE_CM:g} cm" in step for step in lunge.steps)


def test_range_problems_names_every_answer_out_of_range_at_once() -> None:
    from dorsi.core.assessment.answers import range_problems
    from dorsi.core.assessment.questionnaire import KNEE_TO_WALL

    answers = {"knee_to_wall.unit": "cm", "knee_to_wall.left": -2.0, "knee_to_wall.right": 40.0}
    problems = range_problems(KNEE_TO_WALL, answers)
    assert [p.field for p in problems] == ["knee_to_wall.left", "knee_to_wall.right"]
    assert problems[0].problem.startswith("\u22122\u00a0cm is outside")
    inches = {"knee_to_wall.unit": "in", "knee_to_wall.left": 9.0, "knee_to_wall.right": 11.0}
    assert [p.field for p in range_problems(KNEE_TO_WALL, inches)] == ["knee_to_wall.right"]
    assert range_problems(KNEE_TO_WALL, {"knee_to_wall.left": 7.5}) == ()
