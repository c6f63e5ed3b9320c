"""Triage of red flags (SPEC §2.7): urgency said first, a held report, safety after clearance."""

from __future__ import annotations

import re
from typing import Any

import pytest

from dorsi.core.assessment.document import report_to_document, report_to_markdown, report_to_text
from dorsi.core.assessment.engine import assess
from dorsi.core.assessment.parse import parse_assessment
from dorsi.core.assessment.report import Report
from dorsi.core.assessment.triage import SAFETY, TRIAGE, TRIAGE_CODES, safety_for, urgency_for
from dorsi.core.codes import Equipment, RedFlag, ReferralLevel, SafetyRule, Severity, Urgency
from dorsi.core.library.exercises import load_library

# Phrases that read as a program: training, extra work, exercises, doses (SPEC §2.7).
PROGRAM_STYLE = re.compile(
    r"targeted work|extra work|work every day|every day|daily|program|routine|exercise|"
    r"stretch(ing)? the|foam roll|mobiliz|calf raise|balance work|sets?\b|minutes a day|"
    r"rehabilitat|\btrain\b",
    re.IGNORECASE,
)


def run(left: float | None = 8.0, right: float | None = 11.0, **parts: Any) -> Report:
    doc: dict[str, Any] = {"knee_to_wall": {"left": left, "right": right}}
    doc.update(parts)
    return assess(parse_assessment(doc))


def test_calf_swelling_is_an_emergency_said_first() -> None:
    report = run(red_flags=["calf_swelling"])
    assert report.referral.level is ReferralLevel.BEFORE_STARTING
    assert report.referral.urgency is Urgency.EMERGENCY
    first = report.findings[0]
    assert first.code == "red_flags"
    assert first.severity is Severity.URGENT
    assert first.text.startswith("Seek medical care today")
    assert "emergency department" in first.text
    assert "blood clot" in first.text
    assert report.recommendations[0].code == "seek_care_today"
    assert report_to_text(report).splitlines()[1].startswith("Emergency: Seek medical care today")
    assert "**Emergency: Seek medical care today" in report_to_markdown(report)
    assert report_to_document(report)["referral"]["urgency"] == "emergency"


@pytest.mark.parametrize(
    ("flag", "urgency", "lead"),
    [
        ("calf_snap", Urgency.EMERGENCY, "Seek medical care today"),
        ("hot_swollen_joint", Urgency.EMERGENCY, "Seek medical care today"),
        ("recent_trauma", Urgency.URGENT, "See a doctor within the next few days"),
        ("diabetic_foot", Urgency.URGENT, "See a doctor or podiatrist within the next few days"),
        ("nerve_symptoms", Urgency.URGENT, "See a doctor within the next few days"),
        ("giving_way", Urgency.ROUTINE, "See a physiotherapist or doctor before you start"),
        ("night_pain", Urgency.ROUTINE, "See a physiotherapist or doctor before you start"),
        ("sharp_pain_on_test", Urgency.ROUTINE, "See a physiotherapist or doctor before you start"),
    ],
)
def test_each_red_flag_has_its_urgency_and_who_to_see(
    flag: str, urgency: Urgency, lead: str
) -> None:
    report = run(red_flags=[flag])
    assert report.referral.urgency is urgency
    assert report.findings[0].text.startswith(lead)
    assert report.recommendations[0].text.startswith(lead)


def test_the_highest_urgency_among_the_flags_leads() -> None:
    report = run(red_flags=["giving_way", "recent_trauma", "calf_snap"])
    assert report.referral.urgency is Urgency.EMERGENCY
    assert report.referral.reasons == ("giving_way", "recent_trauma", "calf_snap")
    text = report.findings[0].text
    assert text.index("snap") < text.index("recent injury") < text.index("giving way")


def test_no_red_flag_means_no_urgency() -> None:
    report = run(10.0, 11.0)
    assert report.referral.urgency is None
    assert urgency_for(()) is None
    assert report_to_document(report)["referral"]["urgency"] is None


def test_every_red_flag_has_a_triage_rule_with_a_source() -> None:
    assert set(TRIAGE) == set(RedFlag)
    for rule in TRIAGE.values():
        assert rule.sources
        assert rule.see


def test_recent_trauma_cites_the_ottawa_rules_and_four_steps() -> None:
    report = run(red_flags=["recent_trauma"])
    assert "Ottawa ankle rules" in report.findings[0].sources
    assert "4 steps" in report.findings[0].text


def test_red_flags_and_the_pain_stop_rule_cite_seed_001() -> None:
    flagged = run(red_flags=["giving_way"])
    assert flagged.findings[0].sources == ("seed:001_f97393740356f86d.txt",)
    stop = next(r for r in run(10.0, 10.0).recommendations if r.code == "stop_on_sharp_pain")
    assert stop.sources == ("seed:001_f97393740356f86d.txt",)


FULL: dict[str, Any] = {
    "profile": {
        "age": 45,
        "sports": ["running", "basketball", "weightlifting"],
        "sprains": {"left": 2},
        "desk_job": True,
        "shoe_drop_mm": 12,
        "equipment": ["band", "foam_roller"],
    },
    "wb_angle_deg": {"left": 30.0},
    "felt": {"left": "front_pinch", "right": "calf_stretch"},
    "three_position": {"right": {"straight_knee": "restricted", "bent_knee": "ok"}},
    "squat_screen": {"heels_rise": True, "better_with_heel_lift": True},
    "knee_pain": {"present": True, "less_with_heel_lift": True},
    "signs": ["tight_calves", "ankle_rolling", "knee_pain_on_stairs", "morning_heel_pain"],
}


@pytest.mark.parametrize("flag", [flag.value for flag in RedFlag])
def test_a_report_held_by_a_red_flag_reads_as_no_program(flag: str) -> None:
    report = run(8.0, 11.5, red_flags=[flag], **FULL)
    assert report.held
    for item in (*report.findings, *report.recommendations):
        if item.code in TRIAGE_CODES:
            continue
        assert not PROGRAM_STYLE.search(item.text), (item.code, item.text)
    texts = " ".join(item.text for item in (*report.findings, *report.recommendations))
    assert "It calls for targeted work every day" not in texts
    assert "It gets extra work in the program" not in texts
    assert "not fully rehabilitated" not in texts
    # measurements and categories are still there, as numbers
    assert report.findings[1].code == "significant_restriction"
    assert "8 cm" in report.findings[1].text


def test_a_fresh_injury_is_not_read_as_an_old_poorly_healed_sprain() -> None:
    report = run(8.0, 11.0, red_flags=["recent_trauma"], profile={"sprains": {"left": 1}})
    capsule = next(f for f in report.findings if f.code == "joint_capsule")
    assert "recent injury" in capsule.text
    assert "rehabilitat" not in capsule.text
    assert "recent_injury" in [f.code for f in report.findings]
    assert "past_sprains" not in [f.code for f in report.findings]


def test_with_a_red_flag_the_measurements_are_optional() -> None:
    report = assess(parse_assessment({"red_flags": ["calf_snap"]}))
    assert not report.measured
    assert report.sides.left is None
    assert report.sides.right is None
    assert report.findings[0].code == "red_flags"
    assert "measurement_error" not in [f.code for f in report.findings]
    doc = report_to_document(report)
    assert doc["sides"] == {"left": None, "right": None}


def test_without_a_red_flag_a_measurement_is_still_required() -> None:
    from dorsi.core.errors import ValidationError

    with pytest.raises(ValidationError) as caught:
        parse_assessment({"signs": ["tight_calves"]})
    assert caught.value.field == "knee_to_wall"


# --- safety after clearance ------------------------------------------------------------


def test_safety_adjustments_are_data_keyed_by_red_flag() -> None:
    assert set(SAFETY) == {
        RedFlag.DIABETIC_FOOT,
        RedFlag.NERVE_SYMPTOMS,
        RedFlag.RECENT_TRAUMA,
        RedFlag.GIVING_WAY,
    }
    assert SAFETY[RedFlag.DIABETIC_FOOT].rules == {
        SafetyRule.NO_BAREFOOT_ADVICE,
        SafetyRule.NO_BAND,
        SafetyRule.FOOT_CHECK_EACH_SESSION,
    }
    for item in SAFETY.values():
        assert item.why
        assert item.sources


def test_a_cleared_diabetic_foot_gets_hand_pressure_instead_of_a_band_and_a_foot_check() -> None:
    safety = safety_for([RedFlag.DIABETIC_FOOT])
    library = load_library()
    assert safety.no_barefoot_advice
    assert safety.no_band
    assert safety.foot_check_note is not None
    assert "feet" in safety.foot_check_note
    banded = safety.safe_version(library, "banded-ankle-mobilization", 6)
    assert banded is not None
    assert banded.id == "half-kneeling-lunge-talus-pressure"
    assert Equipment.BAND in safety.excluded_equipment(10)


def test_nerve_symptoms_exclude_every_band() -> None:
    safety = safety_for([RedFlag.NERVE_SYMPTOMS])
    library = load_library()
    assert not safety.allows(library.get("mini-band-lateral-walk"), 12)
    walk = safety.safe_version(library, "mini-band-lateral-walk", 12)
    assert walk is not None
    assert walk.id == "lateral-squat-walk"
    assert safety.foot_check_note is None


def test_recent_trauma_keeps_weeks_1_and_2_in_the_pain_free_range() -> None:
    safety = safety_for([RedFlag.RECENT_TRAUMA])
    library = load_library()
    assert safety.loaded_end_range_from_week == 3
    for week in (1, 2):
        assert not safety.allows(library.get("banded-ankle-mobilization"), week)
        assert not safety.allows(library.get("goblet-deep-squat-rock"), week)
        assert not safety.allows(library.get("single-leg-calf-raise"), week)
        assert safety.allows(library.get("knee-to-wall-circles"), week)
    assert safety.allows(library.get("single-leg-calf-raise"), 3)
    early = safety.safe_version(library, "single-leg-calf-raise", 1)
    assert early is not None
    assert early.id == "double-leg-calf-raise"


def test_giving_way_brings_balance_to_week_1() -> None:
    assert safety_for([RedFlag.GIVING_WAY]).balance_from_week == 1
    assert safety_for([RedFlag.NIGHT_PAIN]).balance_from_week is None


def test_flags_without_adjustments_change_nothing_after_clearance() -> None:
    safety = safety_for([RedFlag.CALF_SNAP, RedFlag.NIGHT_PAIN])
    assert safety.rules == frozenset()
    assert safety.loaded_end_range_from_week == 1
    assert safety.excluded_equipment(1) == frozenset()


def test_the_report_lists_the_safety_adjustments_as_codes() -> None:
    doc = report_to_document(run(red_flags=["diabetic_foot", "giving_way"]))
    assert doc["safety_after_clearance"] == [
        "balance_from_week_1",
        "foot_check_each_session",
        "no_band",
        "no_barefoot_advice",
    ]


def test_the_same_person_without_red_flags_gets_program_advice() -> None:
    report = run(8.0, 11.5, **FULL)
    assert not report.held
    texts = [item.text for item in (*report.findings, *report.recommendations)]
    assert any(PROGRAM_STYLE.search(text) for text in texts)
    assert "It calls for targeted work every day" in " ".join(texts)
