"""dorsi.progress/v1: exact field names of SPEC §7 and chart data (its text and Markdown:
tests/formats/test_progress_text_of_the_document.py)."""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

from dorsi.core.progress.document import progress_to_document
from dorsi.core.progress.engine import Progress, compute_progress
from dorsi.core.progress.log import parse_log

START = date(2026, 1, 5)


def day(n: int) -> str:
    return (START + timedelta(days=n)).isoformat()


def build(**changes: Any) -> Progress:
    doc: dict[str, Any] = {
        "schema": "dorsi.log/v1",
        "assessment": {"date": day(0), "knee_to_wall": {"unit": "cm", "left": 7.0, "right": 10.0}},
        "plan_start": day(0),
        "today": day(14),
        "retests": [
            {"date": day(7), "unit": "cm", "left": 7.7, "right": 10.1},
            {"date": day(14), "unit": "cm", "left": 8.0, "right": None},
        ],
        "sessions": [{"date": day(n), "status": "done", "minutes": 10} for n in range(12)],
    }
    doc.update(changes)
    return compute_progress(parse_log(doc))


def test_document_has_the_spec_fields_with_values() -> None:
    doc = progress_to_document(build())
    assert doc["schema"] == "dorsi.progress/v1"
    assert (doc["today"], doc["plan_start"]) == (day(14), day(0))
    left = doc["left"]
    assert {
        k: left[k]
        for k in ("baseline_cm", "latest_cm", "change_cm", "real_change", "rate_cm_per_week")
    } == {
        "baseline_cm": 7.0,
        "latest_cm": 8.0,
        "change_cm": 1.0,
        "real_change": False,
        "rate_cm_per_week": 0.5,
    }
    assert left["projected_goal_date"] == {"value": day(42), "earliest": day(34), "latest": day(61)}
    assert doc["adherence"] == {"planned_days": 15, "done_days": 12, "ratio": 0.8, "streak": 0}
    assert doc["flags"] == []
    assert doc["measurement_error_cm"] == 1.5


def test_top_level_sides_and_the_sides_alias_are_the_same_objects() -> None:
    doc = progress_to_document(build())
    assert doc["sides"] == {"left": doc["left"], "right": doc["right"]}
    assert doc["right"]["latest_cm"] == 10.1
    assert doc["right"]["projected_goal_date"] is None


def test_a_side_not_measured_at_baseline_is_null_but_its_retests_are_charted() -> None:
    assessment = {"date": day(0), "knee_to_wall": {"unit": "cm", "left": 7.0}}
    doc = progress_to_document(build(assessment=assessment))
    assert doc["right"] is None
    assert doc["sides"]["right"] is None
    assert doc["series"]["right"] == [{"date": day(7), "cm": 10.1, "kind": "retest"}]
    assert doc["chart"]["baseline_band"]["right"] is None


def test_referral_and_flags_are_codes() -> None:
    sessions = [{"date": day(n), "status": "done", "pain_type": "sharp"} for n in range(3)]
    doc = progress_to_document(build(sessions=sessions))
    assert doc["referral"] == {"level": "consider", "reasons": ["repeated_sharp_pain"]}
    assert [n["code"] for n in doc["notes"]] == ["repeated_sharp_pain"]


def test_expected_ranges_are_labelled_with_source_and_grade() -> None:
    ranges = progress_to_document(build())["expected_ranges"]
    assert [(r["low_cm"], r["high_cm"], r["grade"]) for r in ranges] == [
        (2.0, 4.0, "expert-opinion"),
        (1.0, 1.0, "research"),
    ]
    assert ranges[0]["weeks"] == {"low": 4, "high": 6}
    assert ranges[1]["source"] == "Radford 2006"
    assert all(r["label"] for r in ranges)


def test_minutes_per_week_and_series() -> None:
    doc = progress_to_document(build())
    assert doc["minutes_per_week"] == {"last_7_days": 40.0, "average": 56.0}
    assert doc["series"]["left"] == [
        {"date": day(0), "cm": 7.0, "kind": "baseline"},
        {"date": day(7), "cm": 7.7, "kind": "retest"},
        {"date": day(14), "cm": 8.0, "kind": "retest"},
    ]


def test_chart_data_has_bands_noise_band_trend_and_projection() -> None:
    chart = progress_to_document(build())["chart"]
    assert [(b["low_cm"], b["high_cm"]) for b in chart["bands"]] == [
        (0.0, 9.0),
        (9.0, 10.0),
        (10.0, 13.0),
        (13.0, None),
    ]
    assert chart["baseline_band"]["left"] == {"low_cm": 5.5, "high_cm": 8.5}
    assert chart["trend"]["left"] == [{"date": day(0), "cm": 7.0}, {"date": day(14), "cm": 8.0}]
    assert chart["trend"]["right"] == []  # two measurements: no rate, no line
    assert chart["projection"]["left"]["points"] == [
        {"date": day(14), "cm": 8.0},
        {"date": day(42), "cm": 10.0},
    ]
    assert chart["projection"]["right"] is None


def test_document_is_plain_json() -> None:
    doc = progress_to_document(build())
    assert json.loads(json.dumps(doc)) == doc


def test_half_kneeling_log_uses_its_own_goal_and_bands() -> None:
    assessment = {
        "date": day(0),
        "knee_to_wall": {"variant": "half_kneeling", "unit": "in", "left": 4.0, "right": 4.0},
    }
    held = [{"date": day(n), "unit": "in", "left": 4.0, "right": 4.0} for n in (7, 14)]
    doc = progress_to_document(build(assessment=assessment, retests=held))
    assert doc["variant"] == "half_kneeling"
    assert doc["target_cm"] == 10.16
    assert [b["code"] for b in doc["chart"]["bands"]] == ["poor", "normal", "excellent"]
    assert doc["flags"] == ["goal_reached"]
