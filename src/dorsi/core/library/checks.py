"""The library's rules beyond field types (SPEC §3), checked once when the data is loaded.

Each failure raises :class:`ExerciseLibraryError` naming the exercise and the field.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from dorsi.core.codes import Equipment
from dorsi.core.evidence import by_tag, is_known, strongest
from dorsi.core.library.exercises import Exercise, ExerciseLibrary, ExerciseLibraryError

_SHARP_OR_PINCH = re.compile(r"sharp|pinch", re.IGNORECASE)
_PINCH = re.compile(r"pinch", re.IGNORECASE)
_FRONT_OF_ANKLE = re.compile(r"front (?:of the )?ankle", re.IGNORECASE)
# The prescription (sets, reps, seconds; the plan may change them) gives the numbers, so an
# instruction never counts reps, steps or circles, nor speaks of sets (that is between_sets).
_COUNT_WORDS = (
    r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty|thirty)"
)
_COUNTED = re.compile(
    rf"\b{_COUNT_WORDS}\s+(?:times|circles|steps|reps|one way|each way|in one direction)\b"
    r"|\brepeat\s+\d|\b(?:a|each|every|one|the|first|second|third|next|last)\s+set\b",
    re.IGNORECASE,
)


def check_exercise(exercise: Exercise) -> None:
    def fail(key: str, problem: str) -> ExerciseLibraryError:
        return ExerciseLibraryError(exercise.id, key, problem)

    if Equipment.NONE in exercise.equipment and len(exercise.equipment) > 1:
        raise fail("equipment", "'none' cannot be combined with other equipment")
    for step in exercise.instructions:
        if _COUNTED.search(step):
            raise fail(
                "instructions",
                f"{step!r} counts what the prescription gives (move set changes to between_sets)",
            )
    if not any(_SHARP_OR_PINCH.search(rule) for rule in exercise.stop_rules):
        raise fail("stop_rules", "must include a rule to stop on sharp or pinching pain")
    # Telling people to feel something at the front of the ankle while the stop rule says a
    # pinch there means stop would leave them unsure which one they feel.
    if any(_PINCH.search(rule) for rule in exercise.stop_rules) and _FRONT_OF_ANKLE.search(
        exercise.feel
    ):
        raise fail(
            "feel", "describes a feeling at the front of the ankle, where a pinch means stop"
        )
    _check_sources(exercise, fail)
    if not 0 < exercise.minutes <= 30:
        raise fail("minutes", f"must be more than 0 and at most 30, got {exercise.minutes:g}")
    work_s = exercise.dose.work_s()
    sides = 2 if exercise.per_side else 1
    if work_s is not None and work_s * sides > exercise.minutes * 60:
        raise fail(
            "minutes",
            f"{exercise.minutes:g} min is less than the dose itself ({work_s * sides} s of work)",
        )


def _check_sources(exercise: Exercise, fail: Callable[[str, str], ExerciseLibraryError]) -> None:
    for key, tags in (("sources", exercise.sources), ("related_sources", exercise.related_sources)):
        for tag in tags:
            if not is_known(tag):
                raise fail(key, f"{tag!r} is not a known source (see dorsi.core.evidence)")
    for tag in exercise.related_sources:
        if tag in exercise.sources:
            raise fail("related_sources", f"{tag!r} is listed as a source already")
    best = strongest(exercise.sources)
    if exercise.grade.rank > best.rank:
        grades = ", ".join(f"{tag}: {by_tag(tag).grade}" for tag in exercise.sources)
        raise fail("grade", f"{exercise.grade} is stronger than its own sources ({grades})")


def check_library(library: ExerciseLibrary, required_ids: tuple[str, ...], minimum: int) -> None:
    for exercise in library:
        _check_links(library, exercise)
        _check_family_ends(exercise)
    _check_no_loops(library)
    _check_coverage(library, required_ids, minimum)


def check_unique(exercises: tuple[Exercise, ...]) -> None:
    seen: set[str] = set()
    for exercise in exercises:
        if exercise.id in seen:
            raise ExerciseLibraryError(exercise.id, "id", "is used by more than one exercise")
        seen.add(exercise.id)


def _check_family_ends(exercise: Exercise) -> None:
    """Every exercise has an easier and a harder version, or says it is the floor or ceiling."""
    for key, step, end in (
        ("regression", exercise.regression, "floor"),
        ("progression", exercise.progression, "ceiling"),
    ):
        marked = getattr(exercise, end)
        if step is None and not marked:
            raise ExerciseLibraryError(
                exercise.id, key, f"is empty: name one, or mark the exercise {end} = true"
            )
        if step is not None and marked:
            raise ExerciseLibraryError(exercise.id, end, f"is true but the {key} is {step!r}")


def _check_links(library: ExerciseLibrary, exercise: Exercise) -> None:
    def fail(key: str, problem: str) -> ExerciseLibraryError:
        return ExerciseLibraryError(exercise.id, key, problem)

    for key, target in (("regression", exercise.regression), ("progression", exercise.progression)):
        if target is not None and target not in library:
            raise fail(key, f"points to {target!r}, which is not in the library")
    for code, target in exercise.substitute_without:
        key = f"substitute_without.{code}"
        if target not in library:
            raise fail(key, f"points to {target!r}, which is not in the library")
        substitute = library.get(target)
        if code in substitute.needs:
            raise fail(key, f"{target!r} needs {code} as well")
        if not set(substitute.purpose) & set(exercise.purpose):
            raise fail(key, f"{target!r} shares no purpose with {exercise.id!r}")


def _check_no_loops(library: ExerciseLibrary) -> None:
    """Regression and progression chains must end; substitutes must never lead back."""
    for key in ("regression", "progression", "substitute_without"):
        for exercise in library:
            path = _find_loop(library, exercise.id, key, ())
            if path:
                raise ExerciseLibraryError(exercise.id, key, "leads in a loop: " + " → ".join(path))


def _find_loop(
    library: ExerciseLibrary, exercise_id: str, key: str, path: tuple[str, ...]
) -> tuple[str, ...]:
    if exercise_id in path:
        return (*path, exercise_id)
    exercise = library.get(exercise_id)
    if key == "substitute_without":
        nexts = [target for _, target in exercise.substitute_without]
    else:
        nexts = [step] if (step := getattr(exercise, key)) else []
    for next_id in nexts:
        loop = _find_loop(library, next_id, key, (*path, exercise_id))
        if loop:
            return loop
    return ()


def _check_coverage(library: ExerciseLibrary, required_ids: tuple[str, ...], minimum: int) -> None:
    for exercise_id in required_ids:
        if exercise_id not in library:
            raise ExerciseLibraryError(exercise_id, "id", "this required exercise is missing")
    if len(library) < minimum:
        problem = f"needs at least {minimum} exercises, found {len(library)}"
        raise ExerciseLibraryError("", "exercise", problem)
