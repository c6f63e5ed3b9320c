"""dorsi.report/v1: the exact shape of SPEC §7, plus Markdown and plain text."""

from __future__ import annotations

import json
from typing import Any

from dorsi.core.assessment.document import (
    report_to_document,
    report_to_markdown,
    report_to_text,
    summary_lines,
)
from dorsi.core.assessment.engine import assess
from dorsi.core.assessment.parse import parse_assessment
from dorsi.core.assessment.report import Report

SIDE_KEYS = {
    "knee_to_wall_cm",
    "category",
    "percentile",
    "angle_estimate_deg",
    "angle_flags",
    "limiting_factors",
}
ASYMMETRY_KEYS = {
    "difference_cm",
    "level",
    "more_restricted_side",
    "angle_difference_deg",
    "angle_level",
}


def report(**parts: Any) -> Report:
    doc: dict[str, Any] = {"date": "2025-03-01", "knee_to_wall": {"left": 8.5, "right": 11.0}}
    doc.update(parts)
    return assess(parse_assessment(doc))


def test_document_has_every_field_of_the_contract() -> None:
    doc = report_to_document(report())
    assert doc["schema"] == "dorsi.report/v1"
    assert doc["date"] == "2025-03-01"
    assert doc["variant"] == "standing"
    assert set(doc["sides"]) == {"left", "right"}
    assert set(doc["sides"]["left"]) >= SIDE_KEYS
    assert set(doc["asymmetry"]) >= ASYMMETRY_KEYS
    assert set(doc["squat"]) == {"ankle_limits_squat", "check_hips_and_thoracic"}
    assert "knee_pain_linked_to_ankle" in doc
    assert set(doc["referral"]) == {"level", "reasons", "urgency"}
    finding_keys = {"code", "severity", "text", "sources", "evidence"}
    assert all(set(f) == finding_keys for f in doc["findings"])
    assert all(set(r) == {"code", "text", "sources", "evidence"} for r in doc["recommendations"])
    assert all(
        set(entry) == {"label", "kind", "grade", "reference"} for entry in doc["sources"].values()
    )


def test_document_values_for_a_typical_report() -> None:
    doc = report_to_document(report(profile={"height_cm": 172}))
    left = doc["sides"]["left"]
    assert left["knee_to_wall_cm"] == 8.5
    assert left["category"] == "significant_restriction"
    assert left["percentile"] == 10.6
    assert set(left["angle_estimate_deg"]) == {"value", "low", "high"}
    assert left["angle_flags"] == ["below_lunge_norm"]
    assert doc["asymmetry"] == {
        "difference_cm": 2.5,
        "level": "meaningful",
        "more_restricted_side": "left",
        "angle_difference_deg": None,
        "angle_level": None,
    }
    assert doc["referral"] == {
        "level": "consider",
        "reasons": ["knee_to_wall_below_9cm"],
        "urgency": None,
    }
    assert doc["squat"] == {"ankle_limits_squat": False, "check_hips_and_thoracic": False}
    assert doc["knee_pain_linked_to_ankle"] is False
    assert doc["percentile_basis"].startswith("healthy-adult norms")


def test_a_side_not_measured_is_null_and_so_is_the_asymmetry() -> None:
    doc = report_to_document(report(knee_to_wall={"right": 12.0}))
    assert doc["sides"]["left"] is None
    assert doc["asymmetry"] is None


def test_no_date_gives_a_null_date() -> None:
    doc = report_to_document(assess(parse_assessment({"knee_to_wall": {"left": 10}})))
    assert doc["date"] is None


def test_inch_distances_keep_two_decimals_in_cm_and_show_the_inches() -> None:
    doc = report_to_document(report(knee_to_wall={"unit": "in", "left": 3.5, "right": 4.3}))
    left = doc["sides"]["left"]
    assert left["knee_to_wall_cm"] == 8.89
    assert left["knee_to_wall_in"] == 3.5
    assert doc["unit"] == "in"
    assert doc["asymmetry"]["difference_cm"] == 2.03
    assert doc["asymmetry"]["difference_in"] == 0.8
    assert doc["asymmetry"]["level"] == "meaningful"


def test_half_kneeling_document_has_no_percentile_and_no_estimate() -> None:
    doc = report_to_document(
        report(knee_to_wall={"variant": "half_kneeling", "unit": "in", "left": 3.0, "right": 4.5})
    )
    left = doc["sides"]["left"]
    assert left["category"] == "poor"
    assert left["percentile"] is None
    assert left["angle_estimate_deg"] is None
    assert doc["percentile_basis"] is None


def test_limiting_factor_reasons_are_included_per_side() -> None:
    doc = report_to_document(report(felt={"left": "front_pinch"}))
    left = doc["sides"]["left"]
    assert left["limiting_factors"] == ["joint_capsule"]
    [reason] = left["limiting_factor_reasons"]
    assert reason["code"] == "joint_capsule"
    assert "front" in reason["reason"]
    assert reason["sources"] == ["seed:002_26b6f1223667f3ec.txt"]


def test_angle_flags_basis_says_whether_the_angle_was_measured_or_estimated() -> None:
    doc = report_to_document(report(wb_angle_deg={"left": 33.0}))
    assert doc["sides"]["left"]["angle_flags_basis"] == "measured"
    assert doc["sides"]["left"]["wb_angle_deg"] == 33.0
    assert doc["sides"]["right"]["angle_flags_basis"] == "estimated"


def test_red_flag_codes_are_the_referral_reasons() -> None:
    doc = report_to_document(report(red_flags=["nerve_symptoms", "giving_way"]))
    assert doc["referral"] == {
        "level": "before_starting",
        "reasons": ["giving_way", "nerve_symptoms"],
        "urgency": "urgent",
    }


def test_ignored_fields_are_reported() -> None:
    doc = report_to_document(report(colour="blue"))
    assert doc["ignored_fields"] == ["colour"]


def test_document_is_json_serialisable() -> None:
    doc = report_to_document(
        report(
            squat_screen={"heels_rise": True},
            knee_pain={"present": True, "less_with_heel_lift": True},
        )
    )
    assert json.loads(json.dumps(doc)) == doc


def test_markdown_has_a_row_per_side_and_the_advice() -> None:
    text = report_to_markdown(report())
    assert text.startswith("# Dorsi assessment")
    assert "| left | 8.5\u00a0cm | significant restriction | 10.6 |" in text
    assert "| right | 11\u00a0cm | adequate |" in text
    assert "## What to do" in text
    assert "healthy-adult norms" in text


def test_markdown_marks_an_unmeasured_side() -> None:
    assert "| left | not measured |" in report_to_markdown(report(knee_to_wall={"right": 10.0}))


def test_plain_summary_lists_sides_asymmetry_and_referral() -> None:
    lines = summary_lines(report())
    assert lines[0] == "Dorsi assessment (standing knee-to-wall test), 2025-03-01"
    assert lines[1] == (
        "Worth considering: See a physiotherapist or doctor alongside the daily work, "
        "because of an ankle under 9\u00a0cm."
    )
    assert lines[2].startswith("Left: 8.5\u00a0cm; significant restriction; 11th percentile")
    assert "Asymmetry: meaningful (2.5\u00a0cm, left more restricted)" in lines
    assert lines[-1] == "Professional check: worth considering: an ankle under 9\u00a0cm"


def test_plain_text_includes_findings_with_sources() -> None:
    text = report_to_text(report())
    assert "Findings:" in text
    assert "What to do:" in text
    assert (
        "(Powden 2015, research evidence; Konor 2012, research evidence; "
        "Chisholm 2012, research evidence)"
    ) in text
    assert "seed:" not in text
