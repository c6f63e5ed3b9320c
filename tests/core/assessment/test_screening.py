"""SPEC §2.7: after a red flag the tests are not done now, so the measurement is optional."""

from __future__ import annotations

import pytest

from dorsi.core.assessment.document import report_to_document, report_to_markdown
from dorsi.core.assessment.engine import assess
from dorsi.core.assessment.parse import assessment_to_document, parse_assessment
from dorsi.core.codes import RedFlag, ReferralLevel, Unit
from dorsi.core.errors import ValidationError


@pytest.mark.parametrize("flag", list(RedFlag))
def test_a_red_flag_without_a_measurement_still_gives_a_report(flag: RedFlag) -> None:
    inp = parse_assessment({"schema": "dorsi.assessment/v1", "red_flags": [flag.value]})
    report = assess(inp)
    assert (report.sides.left, report.sides.right) == (None, None)
    assert report.asymmetry is None
    assert report.referral.level is ReferralLevel.BEFORE_STARTING
    assert flag.value in report.referral.reasons
    document = report_to_document(report)
    assert document["sides"] == {"left": None, "right": None}
    assert document["referral"]["level"] == "before_starting"
    assert report_to_markdown(report).count("not measured") == 2


def test_a_red_flag_with_an_empty_knee_to_wall_keeps_its_unit_and_round_trips() -> None:
    doc = {"knee_to_wall": {"unit": "in"}, "red_flags": ["giving_way"], "profile": {"age": 40}}
    inp = parse_assessment(doc)
    assert inp.unit is Unit.IN
    assert inp.left.knee_to_wall_cm is None
    assert parse_assessment(assessment_to_document(inp)) == inp


def test_a_measurement_given_with_a_red_flag_is_still_checked_and_reported() -> None:
    with pytest.raises(ValidationError) as error:
        parse_assessment({"knee_to_wall": {"left": 31}, "red_flags": ["night_pain"]})
    assert error.value.field == "knee_to_wall.left"
    report = assess(parse_assessment({"knee_to_wall": {"left": 8}, "red_flags": ["night_pain"]}))
    assert report.sides.left is not None
    assert report.sides.left.knee_to_wall_cm == 8


def test_without_a_red_flag_a_measurement_is_still_required() -> None:
    for doc in ({"red_flags": []}, {"knee_to_wall": {"unit": "cm"}, "red_flags": []}):
        with pytest.raises(ValidationError) as error:
            parse_assessment(doc)
        assert error.value.field == "knee_to_wall"


def test_a_draft_may_lack_the_measurement_but_every_answer_is_checked() -> None:
    assert parse_assessment({"red_flags": []}, draft=True).left.knee_to_wall_cm is None
    with pytest.raises(ValidationError) as error:
        parse_assessment({"profile": {"age": 4}}, draft=True)
    assert error.value.field == "profile.age"
    with pytest.raises(ValidationError) as error:
        parse_assessment({"red_flags": ["dizzy"]}, draft=True)
    assert error.value.field == "red_flags[0]"
