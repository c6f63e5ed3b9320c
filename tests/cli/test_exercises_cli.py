"""`dorsi exercises list|show` through Typer's test runner."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from dorsi.cli.exercises import exercises_app
from dorsi.core.codes import Purpose
from dorsi.core.library.exercises import load_library

WIDE = {"COLUMNS": "200"}


@pytest.fixture
def run():
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(exercises_app, list(args), env=WIDE)

    return invoke


def test_list_text_shows_every_exercise_with_its_dose(run):
    result = run("list")
    assert result.exit_code == 0, result.stderr
    for exercise_id in load_library().ids:
        assert exercise_id in result.stdout
    assert "Knee-to-wall circles" in result.stdout
    assert "3 × 15, 3 s lowering per side" in result.stdout
    assert f"{len(load_library())} exercises" in result.stdout


def test_list_json_filtered_by_purpose_matches_the_library(run):
    result = run("list", "--purpose", "soleus", "--format", "json")
    assert result.exit_code == 0, result.stderr
    items = json.loads(result.stdout)
    assert [item["id"] for item in items] == [
        e.id for e in load_library().filter(purpose=Purpose.SOLEUS)
    ]
    assert all("soleus" in item["purpose"] for item in items)
    stretch = next(item for item in items if item["id"] == "soleus-wall-stretch")
    assert stretch["dose"]["seconds"] == 30
    assert stretch["per_side"] is True


def test_list_by_equipment_keeps_only_what_you_can_do(run):
    result = run("list", "--equipment", "band", "--equipment", "foam_roller", "--format", "json")
    assert result.exit_code == 0, result.stderr
    ids = {item["id"] for item in json.loads(result.stdout)}
    assert {"banded-ankle-mobilization", "foam-roll-calves", "knee-to-wall-circles"} <= ids
    assert "single-leg-calf-raise" not in ids  # needs a step
    assert "mini-band-lateral-walk" not in ids  # needs a mini band


def test_list_combines_purpose_and_equipment_filters(run):
    result = run("list", "--purpose", "soft_tissue", "--equipment", "mini_band")
    assert result.exit_code == 0
    # Soft-tissue work with only a mini band: the hands-only massage still qualifies.
    assert "calf-self-massage" in result.stdout
    assert "foam-roll-calves" not in result.stdout


def test_show_text_has_dose_steps_stop_rules_options_and_sources(run):
    result = run("show", "knee-to-wall-circles")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "Knee-to-wall circles (knee-to-wall-circles)" in out
    assert "Dose: 2 × 60 s per side, about 4 min" in out
    assert "1. Face a wall" in out
    assert "Stop if you feel sharp or pinching pain" in out
    assert "Easier: Knee-to-wall rocks (knee-to-wall-rock)" in out
    assert "Harder: Banded ankle mobilization (banded-ankle-mobilization)" in out
    assert (
        "Sources: Ankle Mobility: The Hidden Problem Behind Your Squat, Running, and Knee Pain, "
        "expert opinion"
    ) in " ".join(out.split()).replace("│ ", "")
    assert "seed:" not in out
    assert "Evidence for this exercise: expert opinion" in out


def test_show_text_names_the_substitute_for_missing_equipment(run):
    result = run("show", "banded-ankle-mobilization")
    assert result.exit_code == 0, result.stderr
    assert (
        "Without band: Half-kneeling lunge with hand pressure on the talus "
        "(half-kneeling-lunge-talus-pressure)"
    ) in result.stdout
    assert "Evidence for this exercise: expert opinion" in result.stdout


def test_show_json_is_the_exercise_dict(run):
    result = run("show", "single-leg-calf-raise", "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data == load_library().get("single-leg-calf-raise").to_dict()
    assert (data["dose"]["sets"], data["dose"]["reps"], data["dose"]["lowering_s"]) == (3, 15, 3)
    assert data["regression"] == "double-leg-calf-raise"


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("list", "--purpose", "calves"), "error: purpose: unknown value 'calves'"),
        (("list", "--equipment", "kettlebell"), "error: equipment: unknown value 'kettlebell'"),
        (
            ("list", "--format", "yaml"),
            "error: format: unknown value 'yaml' (expected one of: text, json)",
        ),
        (
            ("show", "ankle-car"),
            "error: exercise: unknown exercise id 'ankle-car' (did you mean 'ankle-cars'?)",
        ),
        (("show", "knee-to-wall-circles", "--format", "ics"), "error: format: unknown value 'ics'"),
    ],
)
def test_bad_input_is_one_line_on_stderr_with_exit_code_2(run, args, expected):
    result = run(*args)
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(expected)
    assert "Traceback" not in result.output
