"""`dorsi assess` through the real entry point."""

from __future__ import annotations

import json
from pathlib import Path

import pytest


def test_assess_from_file_prints_report_json_with_spec_fields(
    dorsi, write_json, example_assessment
):
    path = write_json("a.json", example_assessment)
    result = dorsi("assess", "--input", str(path), "--format", "json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["schema"] == "dorsi.report/v1"
    assert report["sides"]["left"]["knee_to_wall_cm"] == pytest.approx(7.5)
    assert report["sides"]["left"]["category"] == "significant_restriction"
    assert report["sides"]["right"]["category"] == "adequate"
    assert report["asymmetry"]["level"] == "meaningful"
    assert report["asymmetry"]["more_restricted_side"] == "left"
    assert report["asymmetry"]["difference_cm"] == pytest.approx(3.0)
    assert "joint_capsule" in report["sides"]["left"]["limiting_factors"]
    assert report["sides"]["right"]["limiting_factors"][0] in {"gastrocnemius", "calf_soft_tissue"}
    assert report["squat"]["ankle_limits_squat"] is True
    assert report["knee_pain_linked_to_ankle"] is True
    assert report["referral"] == {
        "level": "consider",
        "reasons": ["knee_to_wall_below_9cm"],
        "urgency": None,
    }
    assert all({"code", "severity", "text", "sources"} <= set(f) for f in report["findings"])


def test_assess_writes_markdown_to_output_file(dorsi, write_json, example_assessment, tmp_path):
    path = write_json("a.json", example_assessment)
    out = tmp_path / "report.md"
    result = dorsi("assess", "--input", str(path), "--format", "markdown", "--output", str(out))
    assert result.returncode == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    assert "7.5" in text
    assert "significant" in text.lower()


def test_assess_text_output_shows_categories(dorsi, write_json, example_assessment):
    result = dorsi("assess", "--input", str(write_json("a.json", example_assessment)))
    assert result.returncode == 0, result.stderr
    assert "significant restriction" in result.stdout
    assert "Asymmetry: 3.0 cm" in result.stdout


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (lambda d: d["knee_to_wall"].update(left=31), "knee_to_wall.left"),
        (lambda d: d["knee_to_wall"].update(left="eight"), "knee_to_wall.left: must be a number"),
        (lambda d: d.update(schema="dorsi.plan/v1"), "schema"),
        (lambda d: d.update(red_flags=["dizzy"]), "red_flags[0]: unknown code 'dizzy'"),
        (lambda d: d["profile"].update(minutes_per_day=90), "profile.minutes_per_day"),
        (lambda d: d["felt"].update(left="burning"), "felt.left"),
    ],
)
def test_bad_assessment_input_is_one_line_and_exit_2(
    dorsi, write_json, example_assessment, tmp_path, mutate, expected
):
    mutate(example_assessment)
    out = tmp_path / "out.json"
    result = dorsi(
        "assess",
        "--input",
        str(write_json("bad.json", example_assessment)),
        "--format",
        "json",
        "--output",
        str(out),
    )
    assert result.returncode == 2
    assert expected in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr
    assert not out.exists()


def test_malformed_json_is_one_line_and_exit_2(dorsi, tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{"schema": "dorsi.assessment/v1", ', encoding="utf-8")
    result = dorsi("assess", "--input", str(path))
    assert result.returncode == 2
    assert "not valid JSON" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_missing_input_file_is_exit_2(dorsi, tmp_path):
    result = dorsi("assess", "--input", str(tmp_path / "nope.json"))
    assert result.returncode == 2
    assert "does not exist" in result.stderr


def test_unknown_format_is_exit_2(dorsi, write_json, example_assessment):
    result = dorsi(
        "assess", "--input", str(write_json("a.json", example_assessment)), "--format", "xml"
    )
    assert result.returncode == 2
    assert "--format: unknown value 'xml'" in result.stderr


def test_inches_are_converted_to_centimetres(dorsi, write_json):
    doc = {"schema": "dorsi.assessment/v1", "knee_to_wall": {"unit": "in", "left": 4, "right": 4.5}}
    result = dorsi("assess", "--input", str(write_json("in.json", doc)), "--format", "json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["sides"]["left"]["knee_to_wall_cm"] == pytest.approx(10.16)
    assert report["sides"]["right"]["knee_to_wall_cm"] == pytest.approx(11.43)


def _answers(*lines: str) -> str:
    return "\n".join(lines) + "\n"


NO_PROFILE = ("",) * 10  # every "About you" question left blank

INTERACTIVE_MINIMAL = _answers(
    "",  # safety check: nothing applies
    "2026-01-05",  # date of the test
    "standing",  # which test (its code works as well as its number)
    "1",  # unit: cm
    "30",  # left: out of range -> asked again
    "abc",  # not a number -> asked again
    "8.5",  # left
    "11",  # right
    "",  # the test did not hurt
    *NO_PROFILE,
    "n",  # angles
    "n",  # three-position
    "y",  # where you felt it
    "front_pinch",  # left
    "3",  # right: nothing in particular
    "n",  # squat screen
    "n",  # knee pain and signs
)


def test_interactive_assess_reasks_invalid_values_and_reports(dorsi, tmp_path):
    answers = INTERACTIVE_MINIMAL + _answers("n")  # no plan now
    result = dorsi(
        "assess",
        "--format",
        "json",
        "--output",
        str(tmp_path / "r.json"),
        stdin=answers,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "must be between 0 and 25\u00a0cm" in result.stdout
    assert "'abc' is not a number" in result.stdout
    report = json.loads((tmp_path / "r.json").read_text())
    assert report["sides"]["left"]["knee_to_wall_cm"] == pytest.approx(8.5)
    assert report["sides"]["left"]["category"] == "significant_restriction"
    assert "joint_capsule" in report["sides"]["left"]["limiting_factors"]
    assert report["asymmetry"]["level"] == "meaningful"


def test_interactive_assess_offers_plan_and_saves_files(dorsi, tmp_path: Path):
    answers = INTERACTIVE_MINIMAL + _answers("y", "2026-12-07", "assessment.json", "plan.ics")
    result = dorsi("assess", stdin=answers, cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    saved = json.loads((tmp_path / "assessment.json").read_text())
    assert saved["knee_to_wall"]["left"] == 8.5
    calendar = (tmp_path / "plan.ics").read_text()
    assert calendar.count("BEGIN:VEVENT") == 84
    assert "DTSTART:20261207T073000" in calendar  # the first session, 07:30 local time


def test_interactive_assess_interrupted_input_exits_2_without_traceback(dorsi, tmp_path):
    result = dorsi("assess", stdin="cm\nstanding\n", cwd=tmp_path)
    assert result.returncode == 2
    assert "interrupted" in result.stderr
    assert "Traceback" not in result.stderr


def test_interactive_assess_asks_the_questionnaire_in_its_order_and_words(dorsi, tmp_path):
    from dorsi.core.assessment.questionnaire import QUESTIONNAIRE

    result = dorsi(
        "assess", "--format", "json", stdin=INTERACTIVE_MINIMAL + _answers("n"), cwd=tmp_path
    )
    assert result.returncode == 0, result.stdout + result.stderr
    asked = ("safety", "knee_to_wall", "about", "felt")
    position = 0
    for section in QUESTIONNAIRE:
        position = result.stdout.index(section.title, position)
        if section.key not in asked:
            continue
        for question in section.questions:
            position = result.stdout.index(question.label, position)
            for option in question.options:
                assert option.label in result.stdout, option.label
    assert "Safety check" in result.stdout.split("Knee-to-wall test")[0]
    assert "How to do it: Knee-to-wall test (standing)" in result.stdout
    assert "giving_way" not in result.stdout


def test_interactive_assess_after_a_red_flag_skips_the_tests_and_still_reports(dorsi, tmp_path):
    answers = _answers(
        "6",  # swelling or warmth in the calf
        "",  # knee-to-wall: skipped (the default after a red flag)
        *NO_PROFILE,
        "",
        "",
        "",
        "",
        "",  # every other section skipped
    )
    out = tmp_path / "r.json"
    result = dorsi("assess", "--format", "json", "--output", str(out), stdin=answers, cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count("do not do the tests now") == 4  # each test section
    assert "No plan yet" in result.stdout
    report = json.loads(out.read_text())
    assert report["sides"] == {"left": None, "right": None}
    assert report["referral"]["level"] == "before_starting"
    assert report["referral"]["reasons"] == ["calf_swelling"]


def test_interactive_assess_with_a_red_flag_and_a_measurement_holds_the_plan(dorsi, tmp_path):
    answers = _answers(
        "1",  # the ankle suddenly giving way
        "y",  # knee-to-wall: the person already has a measurement
        "2026-01-05",
        "",
        "",
        "9",
        "",
        "",
        *NO_PROFILE,
        "",
        "",
        "",
        "",
        "",  # every other section skipped
        "n",  # not cleared by a professional yet: no plan is offered
        "",  # no assessment file saved
    )
    out = tmp_path / "r.json"
    result = dorsi("assess", "--format", "json", "--output", str(out), stdin=answers, cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Warning signs you reported: the ankle suddenly giving way." in result.stdout
    assert "Your plan waits until a professional has cleared you" in result.stdout
    assert "Build your 12-week plan" not in result.stdout
    report = json.loads(out.read_text())
    assert report["sides"]["left"]["knee_to_wall_cm"] == pytest.approx(9.0)
    assert report["referral"]["level"] == "before_starting"
