"""The exercise library: the packaged data and the loader's validation (SPEC §3)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from dorsi.core.codes import Equipment, Purpose
from dorsi.core.errors import DorsiError, ValidationError
from dorsi.core.evidence import Grade
from dorsi.core.library.exercises import (
    ALWAYS_AVAILABLE,
    MIN_EXERCISES,
    REQUIRED_IDS,
    SPEC_REQUIRED_IDS,
    Dose,
    ExerciseLibrary,
    ExerciseLibraryError,
    PosePattern,
    load_library,
)
from dorsi.core.library.parsing import parse_library

SHARP = "Stop if you feel sharp or pinching pain."


# --- small TOML documents for the validation tests ---------------------------------------------


def _toml(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value)  # a JSON string is a valid TOML basic string
    if isinstance(value, list):
        return "[" + ", ".join(_toml(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{key} = {_toml(item)}" for key, item in value.items()) + " }"
    raise TypeError(value)


def exercise(exercise_id: str = "a", **changes: Any) -> dict[str, Any]:
    """A valid exercise table; ``changes`` override fields, a value of None removes one."""
    table: dict[str, Any] = {
        "id": exercise_id,
        "name": f"Exercise {exercise_id}",
        "purpose": ["soleus"],
        "position": "standing",
        "pose": "standing_lunge_wall",
        "equipment": ["wall"],
        "dose": {"sets": 2, "seconds": 30},
        "per_side": True,
        "minutes": 2,
        "instructions": ["Do it."],
        "cues": ["Heel down."],
        "feel": "A stretch.",
        "stop_rules": [SHARP],
        "regression": "",
        "progression": "",
        "sources": ["seed:000_dce03341e02d3671.txt"],
        "grade": "expert-opinion",
    }
    table.update(changes)
    # An exercise with no easier or harder version must say it is its family's floor or ceiling.
    for link, end in (("regression", "floor"), ("progression", "ceiling")):
        if table.get(link) == "" and end not in changes:
            table[end] = True
    return {key: value for key, value in table.items() if value is not None}


def document(*tables: dict[str, Any], schema: str = "dorsi.exercises/v1") -> str:
    blocks = [f"schema = {_toml(schema)}"]
    for table in tables:
        blocks.append("[[exercise]]\n" + "\n".join(f"{k} = {_toml(v)}" for k, v in table.items()))
    return "\n\n".join(blocks) + "\n"


def parse_small(*tables: dict[str, Any]) -> ExerciseLibrary:
    return parse_library(document(*tables), required_ids=(), min_exercises=1)


def rejection(*tables: dict[str, Any]) -> ExerciseLibraryError:
    with pytest.raises(ExerciseLibraryError) as caught:
        parse_small(*tables)
    return caught.value


# --- validation: every failure names the exercise and the field --------------------------------


def test_a_valid_small_document_parses_into_typed_values():
    library = parse_small(
        exercise("a", equipment=["band", "wall"], substitute_without={"band": "b"}), exercise("b")
    )
    a = library.get("a")
    assert a.equipment == (Equipment.BAND, Equipment.WALL)
    assert a.purpose == (Purpose.SOLEUS,)
    assert a.dose == Dose(sets=2, seconds=30)
    assert a.regression is None
    assert a.substitute_without == ((Equipment.BAND, "b"),)
    assert a.grade is Grade.EXPERT_OPINION


def test_unknown_purpose_code_names_exercise_and_field():
    error = rejection(exercise("calf-thing", purpose=["soleus", "calves"]))
    assert (error.exercise_id, error.field) == ("calf-thing", "purpose")
    assert "unknown code 'calves'" in error.problem
    assert "gastrocnemius" in error.problem  # lists the allowed codes


def test_unknown_equipment_code_is_rejected():
    error = rejection(exercise("a", equipment=["kettlebell"]))
    assert (error.exercise_id, error.field) == ("a", "equipment")
    assert "'kettlebell'" in error.problem


@pytest.mark.parametrize(
    "missing", ["name", "feel", "stop_rules", "grade", "pose", "minutes", "dose"]
)
def test_missing_required_field_is_named(missing):
    error = rejection(exercise("a", **{missing: None}))
    assert (error.exercise_id, error.field, error.problem) == ("a", missing, "is required")


def test_missing_dose_sets_is_named_with_its_path():
    error = rejection(exercise("a", dose={"reps": 10}))
    assert (error.field, error.problem) == ("dose.sets", "is required")


@pytest.mark.parametrize(
    ("changes", "field", "expected"),
    [
        ({"dose": {"sets": "3", "reps": 10}}, "dose.sets", "must be a whole number, got str"),
        (
            {"dose": {"sets": True, "reps": 10}},
            "dose.sets",
            "must be a whole number, got a boolean",
        ),
        ({"per_side": "yes"}, "per_side", "must be true or false, got str"),
        ({"minutes": True}, "minutes", "must be a number, got a boolean"),
        ({"instructions": "Do it."}, "instructions", "must be a list of strings, got str"),
        ({"cues": []}, "cues", "must be a non-empty list of non-empty strings"),
        ({"name": "  "}, "name", "must not be empty"),
        ({"dose": {"sets": 0, "reps": 10}}, "dose.sets", "must be positive, got 0"),
    ],
)
def test_wrong_types_and_values_are_rejected(changes, field, expected):
    error = rejection(exercise("a", **changes))
    assert (error.exercise_id, error.field, error.problem) == ("a", field, expected)


def test_dose_needs_exactly_one_of_reps_and_seconds():
    both = rejection(exercise("a", dose={"sets": 2, "reps": 10, "seconds": 30}))
    neither = rejection(exercise("a", dose={"sets": 2}))
    assert both.field == neither.field == "dose.reps"
    assert "either reps or seconds" in both.problem


def test_tempo_must_read_lowering_pause_lifting():
    error = rejection(exercise("a", dose={"sets": 3, "reps": 15, "tempo": "slow"}))
    assert error.field == "dose.tempo"
    assert "'3-0-1'" in error.problem


def test_tempo_on_a_timed_dose_is_rejected():
    error = rejection(exercise("a", dose={"sets": 2, "seconds": 30, "tempo": "3-0-1"}))
    assert (error.field, error.problem) == ("dose.tempo", "only applies to a dose in reps")


def test_misspelt_field_is_rejected_not_ignored():
    error = rejection(exercise("a", progresion="b"))
    assert (error.exercise_id, error.field, error.problem) == ("a", "progresion", "unknown field")


def test_non_kebab_id_is_rejected_by_position():
    error = rejection(exercise("Knee_To_Wall"))
    assert (error.exercise_id, error.field) == ("#1", "id")
    assert "'Knee_To_Wall' is not kebab-case" in error.problem


def test_duplicate_id_is_rejected():
    error = rejection(exercise("a"), exercise("b"), exercise("a"))
    assert (error.exercise_id, error.field) == ("a", "id")
    assert "more than one" in error.problem


@pytest.mark.parametrize("field", ["regression", "progression"])
def test_link_to_a_missing_exercise_is_rejected(field):
    error = rejection(exercise("a", **{field: "ghost"}))
    assert (error.exercise_id, error.field) == ("a", field)
    assert "'ghost', which is not in the library" in error.problem


def test_substitute_pointing_to_a_missing_exercise_is_rejected():
    error = rejection(exercise("a", equipment=["band"], substitute_without={"band": "ghost"}))
    assert (error.exercise_id, error.field) == ("a", "substitute_without.band")


def test_equipment_without_a_substitute_is_rejected():
    error = rejection(exercise("a", equipment=["foam_roller"]))
    assert (error.exercise_id, error.field) == ("a", "substitute_without.foam_roller")
    assert "is required" in error.problem


def test_substitute_that_needs_the_same_equipment_is_rejected():
    error = rejection(
        exercise("a", equipment=["band"], substitute_without={"band": "b"}),
        exercise("b", equipment=["band"], substitute_without={"band": "a"}),
    )
    assert (error.exercise_id, error.field) == ("a", "substitute_without.band")
    assert "'b' needs band as well" in error.problem


def test_substitute_must_share_a_purpose():
    error = rejection(
        exercise("a", equipment=["band"], substitute_without={"band": "b"}),
        exercise("b", purpose=["stability"]),
    )
    assert error.field == "substitute_without.band"
    assert "shares no purpose" in error.problem


def test_substitute_for_equipment_the_exercise_does_not_need_is_rejected():
    error = rejection(exercise("a", substitute_without={"step": "b"}), exercise("b"))
    assert (error.field, error.problem) == (
        "substitute_without.step",
        "is not equipment this exercise needs",
    )


def test_regression_loop_is_rejected_with_the_path():
    error = rejection(exercise("a", regression="b"), exercise("b", regression="a"))
    assert (error.exercise_id, error.field) == ("a", "regression")
    assert error.problem == "leads in a loop: a → b → a"


def test_exercise_that_progresses_to_itself_is_rejected():
    error = rejection(exercise("a", progression="a"))
    assert (error.exercise_id, error.field) == ("a", "progression")


def test_substitute_loop_is_rejected():
    error = rejection(
        exercise("a", equipment=["band"], substitute_without={"band": "b"}),
        exercise("b", equipment=["step"], substitute_without={"step": "a"}),
    )
    assert error.field == "substitute_without"
    assert "loop" in error.problem


def test_stop_rules_must_cover_sharp_or_pinching_pain():
    error = rejection(exercise("a", stop_rules=["Stop if it feels wrong."]))
    assert (error.exercise_id, error.field) == ("a", "stop_rules")
    assert "sharp or pinching" in error.problem


def test_minutes_shorter_than_the_dose_are_rejected():
    # 2 sets x 60 s on each side is 4 minutes of work.
    error = rejection(exercise("a", dose={"sets": 2, "seconds": 60}, minutes=3))
    assert (error.exercise_id, error.field) == ("a", "minutes")
    assert "240 s of work" in error.problem


def test_unknown_source_format_is_rejected():
    error = rejection(exercise("a", sources=["some blog"]))
    assert error.field == "sources"


def test_required_exercise_missing_is_named():
    with pytest.raises(ExerciseLibraryError) as caught:
        parse_library(
            document(exercise("a")), required_ids=("knee-to-wall-circles",), min_exercises=1
        )
    assert (caught.value.exercise_id, caught.value.field) == ("knee-to-wall-circles", "id")
    assert "required" in caught.value.problem


def test_fewer_than_35_exercises_is_rejected():
    with pytest.raises(ExerciseLibraryError) as caught:
        parse_library(document(exercise("a"), exercise("b")), required_ids=())
    assert caught.value.field == "exercise"
    assert caught.value.problem == "needs at least 35 exercises, found 2"


def test_broken_toml_and_wrong_schema_are_library_errors():
    with pytest.raises(ExerciseLibraryError) as broken:
        parse_library("[[exercise]\nid = ")
    with pytest.raises(ExerciseLibraryError) as schema:
        parse_library(document(exercise("a"), schema="dorsi.exercises/v0"))
    assert broken.value.field == "toml"
    assert schema.value.field == "schema"
    assert isinstance(schema.value, DorsiError)


def test_error_message_names_exercise_and_field():
    error = rejection(exercise("knee-thing", purpose=["calves"]))
    assert str(error).startswith("exercise 'knee-thing': purpose: unknown code 'calves'")


# --- the packaged library ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def library() -> ExerciseLibrary:
    return load_library()


def test_packaged_library_loads_with_at_least_40_exercises(library):
    assert len(library) >= 40 > MIN_EXERCISES
    assert len(set(library.ids)) == len(library)


def test_every_spec_and_program_id_is_present(library):
    assert set(SPEC_REQUIRED_IDS) <= set(REQUIRED_IDS)
    assert [i for i in REQUIRED_IDS if i not in library] == []


def test_load_library_is_cached(library):
    assert load_library() is library


def test_spec_doses_of_the_core_exercises(library):
    circles = library.get("knee-to-wall-circles")
    assert circles.per_side
    assert circles.dose.work_s() == 120
    banded = library.get("banded-ankle-mobilization")
    assert banded.per_side
    assert banded.dose.work_s() == 120
    for stretch in ("gastrocnemius-wall-stretch", "soleus-wall-stretch"):
        dose = library.get(stretch).dose
        assert dose.work_s() == 60
        assert library.get(stretch).per_side
    rock = library.get("deep-squat-rock")
    assert rock.dose.reps is not None
    assert 20 <= rock.dose.reps <= 30
    raise_ = library.get("single-leg-calf-raise")
    assert (raise_.dose.sets, raise_.dose.reps, raise_.dose.lowering_s) == (3, 15, 3)
    assert raise_.dose_text() == "3 × 15, 3 s lowering per side"


def test_per_side_flag_shows_in_the_dose_text(library):
    assert library.get("knee-to-wall-circles").dose_text() == "2 × 60 s per side"
    assert library.get("deep-squat-rock").per_side is False
    assert library.get("deep-squat-rock").dose_text() == "1 × 25"
    assert library.get("short-foot-arch-activation").dose_text() == "2 × 8, 5 s hold per side"


@pytest.mark.parametrize("key", ["regression", "progression"])
def test_every_chain_ends_without_a_cycle(library, key):
    for start in library:
        seen = [start.id]
        step = getattr(start, key)
        while step is not None:
            assert step not in seen, f"{key} loop: {seen + [step]}"
            seen.append(step)
            step = getattr(library.get(step), key)


def test_regressions_the_program_relies_on(library):
    assert library.regression_of("single-leg-calf-raise").id == "double-leg-calf-raise"
    assert library.regression_of("deep-squat-rock").id == "deep-squat-hold"
    assert library.regression_of("single-leg-balance-alphabet").id == "single-leg-balance"
    assert library.regression_of("ankle-pumps") is None  # the easiest drill has none
    assert library.progression_of("half-kneeling-lunge").id == "half-kneeling-lunge-3-way"


def test_banded_mobilization_without_band_becomes_talus_pressure_lunge(library):
    assert library.substitute("banded-ankle-mobilization", frozenset()).id == (
        "half-kneeling-lunge-talus-pressure"
    )
    assert library.substitute("banded-ankle-mobilization", {Equipment.BAND}).id == (
        "banded-ankle-mobilization"
    )


def test_substitute_follows_the_missing_item(library):
    weighted = "weighted-single-leg-calf-raise"
    assert library.substitute(weighted, {Equipment.STEP}).id == "single-leg-calf-raise"
    assert library.substitute(weighted, {Equipment.WEIGHT}).id == "single-leg-floor-calf-raise"
    assert (
        library.substitute("foam-roll-calves", {Equipment.BALL}).id == "massage-ball-calf-release"
    )
    assert library.substitute("foam-roll-calves", frozenset()).id == "calf-self-massage"


def test_every_exercise_has_a_doable_substitute_with_no_equipment(library):
    for exercise in library:
        substitute = library.substitute(exercise.id, frozenset())
        assert substitute.available(frozenset()), exercise.id
        assert set(substitute.equipment) <= ALWAYS_AVAILABLE


def test_wall_and_floor_count_as_always_available(library):
    assert library.get("knee-to-wall-circles").available(frozenset())
    assert not library.get("foam-roll-calves").available({Equipment.BAND})


def test_filter_by_purpose(library):
    soleus = library.filter(purpose=Purpose.SOLEUS)
    assert soleus
    assert all(Purpose.SOLEUS in e.purpose for e in soleus)
    assert "soleus-wall-stretch" in {e.id for e in soleus}
    assert "gastrocnemius-wall-stretch" not in {e.id for e in soleus}


def test_filter_by_equipment_keeps_what_is_usable_with_it(library):
    with_band = {e.id for e in library.filter(equipment=Equipment.BAND)}
    assert {"banded-ankle-mobilization", "knee-to-wall-circles", "deep-squat-rock"} <= with_band
    assert "foam-roll-calves" not in with_band
    assert "single-leg-calf-raise" not in with_band  # needs a step
    with_two = {e.id for e in library.filter(equipment={Equipment.STEP, Equipment.WEIGHT})}
    assert "weighted-single-leg-calf-raise" in with_two


def test_filters_combine(library):
    found = library.filter(purpose=Purpose.JOINT_CAPSULE, equipment=frozenset())
    ids = {e.id for e in found}
    assert "half-kneeling-lunge-talus-pressure" in ids
    assert "banded-ankle-mobilization" not in ids
    assert all(e.available(frozenset()) for e in found)


def test_unknown_id_is_a_validation_error_on_the_exercise_field(library):
    with pytest.raises(ValidationError) as caught:
        library.get("knee-to-wal-circles")
    assert caught.value.field == "exercise"
    assert caught.value.problem == (
        "unknown exercise id 'knee-to-wal-circles' (did you mean 'knee-to-wall-circles'?)"
    )


def test_pose_codes_are_exactly_the_renderers_list():
    assert [p.value for p in PosePattern] == [
        "standing_lunge_wall",
        "half_kneeling_lunge",
        "deep_squat",
        "calf_raise",
        "wall_calf_stretch_straight",
        "wall_calf_stretch_bent",
        "step_stretch",
        "downward_dog",
        "foam_roll",
        "seated",
        "single_leg_stand",
        "lateral_walk",
        "walking_lunge",
        "supine",
        "hop",
    ]


def test_every_exercise_carries_sources_and_a_grade(library):
    for exercise in library:
        assert exercise.sources, exercise.id
        assert isinstance(exercise.grade, Grade)
    assert "Radford 2006" in library.get("gastrocnemius-wall-stretch").sources


def test_to_dict_is_json_ready(library):
    data = library.get("single-leg-calf-raise").to_dict()
    assert json.loads(json.dumps(data)) == data
    assert data["dose"] == {
        "sets": 3,
        "reps": 15,
        "seconds": None,
        "tempo": "3-0-1",
        "lowering_s": 3,
        "hold_s": None,
    }
    assert data["regression"] == "double-leg-calf-raise"
    assert data["substitute_without"] == {"step": "single-leg-floor-calf-raise"}
    assert data["purpose"][0] == "strength"


# --- families, evidence and wording (issue 8) ---------------------------------------------------


NEW_SEED_002_IDS = (
    "foam-roll-shins",
    "massage-stick-calves",
    "side-lunge-to-pyramid",
    "toe-balance-forward-bend",
)


def test_the_new_seed_002_exercises_are_required_and_present(library):
    assert set(NEW_SEED_002_IDS) <= set(SPEC_REQUIRED_IDS)
    for exercise_id in NEW_SEED_002_IDS:
        exercise = library.get(exercise_id)
        assert "seed:002_26b6f1223667f3ec.txt" in exercise.sources
        assert len(exercise.instructions) >= 3


def test_every_exercise_has_a_regression_and_a_progression_or_is_a_marked_end(library):
    for exercise in library:
        assert (exercise.regression is None) == exercise.floor, exercise.id
        assert (exercise.progression is None) == exercise.ceiling, exercise.id
    floors = {e.id for e in library if e.floor}
    assert {"ankle-pumps", "tandem-stance", "seated-calf-raise"} <= floors
    assert "knee-circles" in floors


def test_a_missing_regression_must_be_marked_floor():
    error = rejection(exercise("a", floor=False))
    assert (error.exercise_id, error.field) == ("a", "regression")
    assert "floor = true" in error.problem


def test_a_missing_progression_must_be_marked_ceiling():
    error = rejection(exercise("a", ceiling=False))
    assert (error.exercise_id, error.field) == ("a", "progression")


def test_a_floor_with_a_regression_is_rejected():
    error = rejection(exercise("a", regression="b", floor=True), exercise("b"))
    assert (error.exercise_id, error.field) == ("a", "floor")


def test_a_source_must_be_a_known_tag():
    error = rejection(exercise("a", sources=["Smith 2020"]))
    assert error.field == "sources"
    assert "not a known source" in error.problem


def test_a_grade_stronger_than_its_own_sources_is_rejected():
    error = rejection(exercise("a", grade="research"))
    assert (error.exercise_id, error.field) == ("a", "grade")
    error = rejection(exercise("a", grade="research", related_sources=["Vicenzino 2006"]))
    assert error.field == "grade"  # related research never raises the grade


def test_banded_mobilization_is_expert_opinion_with_clinician_studies_as_related(library):
    banded = library.get("banded-ankle-mobilization")
    assert banded.grade is Grade.EXPERT_OPINION
    assert "Vicenzino 2006" not in banded.sources
    assert set(banded.related_sources) == {"Vicenzino 2006", "Terada 2013"}
    assert banded.to_dict()["related_sources"] == ["Vicenzino 2006", "Terada 2013"]


def test_feel_at_the_front_of_the_ankle_is_rejected_where_a_pinch_means_stop():
    error = rejection(exercise("a", feel="A stretch in the front of the ankle."))
    assert (error.exercise_id, error.field) == ("a", "feel")


def test_no_feel_in_the_library_points_at_the_front_of_the_ankle(library):
    for exercise in library:
        assert "front of the ankle" not in exercise.feel, exercise.id
    assert "calf" in library.get("knee-to-wall-circles").feel


def test_no_exercise_tells_people_to_go_barefoot(library):
    for exercise in library:
        text = " ".join((*exercise.instructions, *exercise.cues, exercise.feel)).lower()
        assert "barefoot" not in text, exercise.id
        assert "bare feet" not in text, exercise.id


def test_a_massage_stick_falls_back_to_hand_massage(library):
    assert library.substitute("massage-stick-calves", frozenset()).id == "calf-self-massage"
    assert library.substitute("foam-roll-shins", {Equipment.MASSAGE_STICK}).id == (
        "massage-stick-calves"
    )


def test_loaded_end_range_marks_the_exercises_kept_out_early_after_an_injury(library):
    loaded = {e.id for e in library if e.loaded_end_range}
    assert {"deep-squat-rock", "single-leg-calf-raise", "banded-ankle-mobilization"} <= loaded
    assert not ({"knee-to-wall-circles", "ankle-cars", "double-leg-calf-raise"} & loaded)


# --- Instructions follow the prescription ------------------------------------------------------


@pytest.mark.parametrize(
    "step",
    [
        "Trace circles: ten one way, ten the other.",
        "Do fifteen circles in one direction.",
        "Drive the knee forward five times.",
        "For the second set, move the foot back.",
        "Switch legs after each set.",
        "Rock back; repeat 20 to 30 times.",
    ],
)
def test_instructions_never_count_what_the_prescription_gives(step):
    with pytest.raises(ExerciseLibraryError, match="counts what the prescription gives"):
        parse_small(exercise(instructions=[step]))


def test_set_up_is_not_a_count_of_sets():
    parsed = parse_small(exercise(instructions=["Set up as before.", "Set a weight on the thigh."]))
    assert parsed.get("a").instructions == ("Set up as before.", "Set a weight on the thigh.")


def test_between_sets_steps_show_only_when_another_set_follows():
    parsed = parse_small(exercise(between_sets=["Move the foot back for the next set."])).get("a")
    assert parsed.steps_for(1) == ("Do it.",)
    assert parsed.steps_for(2) == ("Do it.", "Move the foot back for the next set.")
    assert parsed.to_dict()["between_sets"] == ["Move the foot back for the next set."]


def test_knee_to_wall_circles_text_fits_one_set_of_sixty_seconds(library):
    steps = " ".join(library.get("knee-to-wall-circles").steps_for(1))
    assert "set" not in steps.lower().replace("step", "")
    assert "ten" not in steps.split()


def test_the_librarys_own_steps_follow_its_own_dose(library):
    for exercise in library:
        assert exercise.steps == exercise.steps_for(exercise.dose.sets)
