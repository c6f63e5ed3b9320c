"""`dorsi plan` through the real entry point."""

from __future__ import annotations

import json
from datetime import date, timedelta


def test_plan_json_has_84_days_and_spec_retests(dorsi, write_json, example_assessment):
    path = write_json("a.json", example_assessment)
    result = dorsi("plan", "--assessment", str(path), "--start", "2026-11-02", "--format", "json")
    assert result.returncode == 0, result.stderr
    plan = json.loads(result.stdout)
    assert plan["schema"] == "dorsi.plan/v1"
    assert plan["start"] == "2026-11-02"
    days = [day for week in plan["weeks"] for day in week["days"]]
    assert len(days) == 84
    assert [w["phase"] for w in plan["weeks"]] == ["foundation"] * 4 + ["mobilization"] * 4 + [
        "integration"
    ] * 4
    start = date(2026, 11, 2)
    assert plan["retests"] == [
        (start + timedelta(days=n - 1)).isoformat() for n in (21, 35, 42, 49, 56, 63, 84)
    ]
    assert all(day["minutes"] <= 10 for day in days)
    monday = days[0]
    assert monday["kind"] == "warm_up"  # training day in the example profile


def test_plan_ics_has_one_event_per_session(dorsi, write_json, example_assessment, tmp_path):
    out = tmp_path / "plan.ics"
    result = dorsi(
        "plan",
        "--assessment",
        str(write_json("a.json", example_assessment)),
        "--start",
        "2026-11-02",
        "--format",
        "ics",
        "--output",
        str(out),
    )
    assert result.returncode == 0, result.stderr
    text = out.read_text()
    assert text.startswith("BEGIN:VCALENDAR")
    assert text.count("BEGIN:VEVENT") == 84
    assert text.count("BEGIN:VALARM") == 84
    assert "knee-to-wall retest" in text


def test_plan_refuses_red_flags_unless_cleared(dorsi, write_json, example_assessment, tmp_path):
    example_assessment["red_flags"] = ["night_pain", "calf_swelling"]
    path = write_json("a.json", example_assessment)
    out = tmp_path / "plan.json"
    refused = dorsi(
        "plan", "--assessment", str(path), "--start", "2026-11-02", "--output", str(out)
    )
    assert refused.returncode == 2
    lines = refused.stderr.strip().splitlines()
    assert lines[0].startswith("Emergency: Seek medical care today")
    assert "Swelling or warmth in the calf" in refused.stderr
    assert "Pain at night or at rest" in refused.stderr
    assert "night_pain" not in refused.stderr
    assert lines[-1].startswith("error: no plan yet")
    assert not out.exists()
    cleared = dorsi(
        "plan",
        "--assessment",
        str(path),
        "--start",
        "2026-11-02",
        "--format",
        "json",
        "--cleared-by-professional",
    )
    assert cleared.returncode == 0, cleared.stderr
    assert json.loads(cleared.stdout)["schema"] == "dorsi.plan/v1"


def test_plan_bad_start_date_is_exit_2(dorsi, write_json, example_assessment):
    result = dorsi(
        "plan",
        "--assessment",
        str(write_json("a.json", example_assessment)),
        "--start",
        "02/11/2026",
    )
    assert result.returncode == 2
    assert "--start: '02/11/2026' is not a date" in result.stderr


def test_plan_text_and_markdown_render(dorsi, write_json, example_assessment):
    path = str(write_json("a.json", example_assessment))
    text = dorsi("plan", "--assessment", path, "--start", "2026-11-02")
    assert text.returncode == 0, text.stderr
    assert "Week 12" in text.stdout
    assert "Week 5 · Mobilization" in text.stdout
    assert "from 2 November 2026" in text.stdout  # the web's date style
    assert "weekly during the mobilization block" in " ".join(text.stdout.split())
    markdown = dorsi("plan", "--assessment", path, "--start", "2026-11-02", "--format", "markdown")
    assert markdown.returncode == 0, markdown.stderr
    assert "2026-11-02" in markdown.stdout


def test_a_maintenance_plan_counts_its_sessions_not_its_rest_days(
    dorsi, write_json, example_assessment
):
    example_assessment["knee_to_wall"] = {"unit": "cm", "left": 14.0, "right": 14.0}
    path = write_json("a.json", example_assessment)
    start = ("--assessment", str(path), "--start", "2026-11-02")
    document = json.loads(dorsi("plan", *start, "--format", "json").stdout)
    assert document["mode"] == "maintenance"
    days = [day for week in document["weeks"] for day in week["days"]]
    sessions = sum(1 for day in days if day["kind"] != "rest" and day["items"])
    rest = len(days) - sessions
    assert 0 < rest < len(days)
    result = dorsi("plan", *start)
    assert result.returncode == 0, result.stderr
    first = result.stdout.splitlines()[0]
    assert first.endswith(f": {sessions} sessions and {rest} rest days")
    assert first.startswith("12-week maintenance plan from ")
    assert f"{len(days)} sessions" not in result.stdout
