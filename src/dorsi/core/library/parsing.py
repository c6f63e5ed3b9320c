"""Parsing and loud validation of the exercise library's TOML (SPEC §3).

Every problem raises :class:`ExerciseLibraryError` naming the exercise id and the field, so a
broken data file fails at start-up and in a test, never halfway through a session.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from enum import StrEnum
from typing import Any, TypeVar

from dorsi.core.codes import Equipment, Purpose
from dorsi.core.evidence import Grade
from dorsi.core.library.checks import check_exercise, check_library, check_unique
from dorsi.core.library.exercises import (
    ALWAYS_AVAILABLE,
    MIN_EXERCISES,
    REQUIRED_IDS,
    SCHEMA,
    Dose,
    Exercise,
    ExerciseLibrary,
    ExerciseLibraryError,
    PosePattern,
    Position,
)

_E = TypeVar("_E", bound=StrEnum)
_KEBAB = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_TEMPO = re.compile(r"\d{1,2}-\d{1,2}-\d{1,2}")
_FIELDS = frozenset(
    {
        "id",
        "name",
        "purpose",
        "position",
        "pose",
        "equipment",
        "dose",
        "per_side",
        "minutes",
        "instructions",
        "between_sets",
        "cues",
        "feel",
        "stop_rules",
        "regression",
        "progression",
        "substitute_without",
        "sources",
        "grade",
        "related_sources",
        "floor",
        "ceiling",
        "loaded_end_range",
    }
)
_DOSE_FIELDS = frozenset({"sets", "reps", "seconds", "tempo", "hold_s"})


class _Table:
    """Typed reads from one TOML table; every failure names the exercise and the field."""

    def __init__(self, exercise_id: str, data: Mapping[str, Any], prefix: str = "") -> None:
        self.exercise_id, self.data, self.prefix = exercise_id, data, prefix

    def fail(self, key: str, problem: str) -> ExerciseLibraryError:
        return ExerciseLibraryError(self.exercise_id, self.prefix + key, problem)

    def only(self, allowed: frozenset[str]) -> None:
        for key in self.data:
            if key not in allowed:
                raise self.fail(key, "unknown field")

    def value(self, key: str, kind: type | tuple[type, ...], what: str) -> Any:
        if key not in self.data:
            raise self.fail(key, "is required")
        value = self.data[key]
        if isinstance(value, bool) and bool not in (kind if isinstance(kind, tuple) else (kind,)):
            raise self.fail(key, f"must be {what}, got a boolean")
        if not isinstance(value, kind):
            raise self.fail(key, f"must be {what}, got {type(value).__name__}")
        return value

    def text(self, key: str) -> str:
        value: str = self.value(key, str, "a string").strip()
        if not value:
            raise self.fail(key, "must not be empty")
        return value

    def texts(self, key: str) -> tuple[str, ...]:
        items: list[Any] = self.value(key, list, "a list of strings")
        if not items or not all(isinstance(item, str) and item.strip() for item in items):
            raise self.fail(key, "must be a non-empty list of non-empty strings")
        return tuple(item.strip() for item in items)

    def flag(self, key: str) -> bool:
        """An optional true/false field, false when absent."""
        return bool(self.value(key, bool, "true or false")) if key in self.data else False

    def optional_count(self, key: str) -> int | None:
        return self.count(key) if key in self.data else None

    def count(self, key: str) -> int:
        value: int = self.value(key, int, "a whole number")
        if value <= 0:
            raise self.fail(key, f"must be positive, got {value}")
        return value

    def code(self, key: str, enum: type[_E]) -> _E:
        return self._parse_code(key, self.text(key), enum)

    def codes(self, key: str, enum: type[_E]) -> tuple[_E, ...]:
        parsed = tuple(self._parse_code(key, item, enum) for item in self.texts(key))
        if len(set(parsed)) != len(parsed):
            raise self.fail(key, "lists a code twice")
        return parsed

    def _parse_code(self, key: str, value: str, enum: type[_E]) -> _E:
        try:
            return enum(value)
        except ValueError:
            allowed = ", ".join(member.value for member in enum)
            raise self.fail(key, f"unknown code {value!r} (expected one of: {allowed})") from None

    def ref(self, key: str) -> str | None:
        value: str = self.value(key, str, 'an exercise id or ""').strip()
        if value and not _KEBAB.fullmatch(value):
            raise self.fail(key, f"{value!r} is not a kebab-case exercise id")
        return value or None


def parse_library(
    text: str,
    *,
    required_ids: Iterable[str] = REQUIRED_IDS,
    min_exercises: int = MIN_EXERCISES,
) -> ExerciseLibrary:
    """Parse and validate library TOML; raises ExerciseLibraryError on the first problem."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ExerciseLibraryError("", "toml", str(error)) from None
    if data.get("schema") != SCHEMA:
        raise ExerciseLibraryError("", "schema", f"is {data.get('schema')!r}, expected {SCHEMA!r}")
    tables = data.get("exercise")
    if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
        raise ExerciseLibraryError("", "exercise", "must be an array of [[exercise]] tables")
    exercises = tuple(_parse_exercise(index, table) for index, table in enumerate(tables))
    check_unique(exercises)
    library = ExerciseLibrary(exercises)
    check_library(library, tuple(required_ids), min_exercises)
    return library


def _parse_exercise(index: int, data: Mapping[str, Any]) -> Exercise:
    table = _Table(f"#{index + 1}", data)
    exercise_id = table.text("id")
    if not _KEBAB.fullmatch(exercise_id):
        raise table.fail("id", f"{exercise_id!r} is not kebab-case (lowercase words joined by '-')")
    table = _Table(exercise_id, data)
    table.only(_FIELDS)
    equipment = table.codes("equipment", Equipment)
    exercise = Exercise(
        id=exercise_id,
        name=table.text("name"),
        purpose=table.codes("purpose", Purpose),
        position=table.code("position", Position),
        pose=table.code("pose", PosePattern),
        equipment=equipment,
        dose=_parse_dose(table),
        per_side=table.value("per_side", bool, "true or false"),
        minutes=float(table.value("minutes", (int, float), "a number")),
        instructions=table.texts("instructions"),
        cues=table.texts("cues"),
        feel=table.text("feel"),
        stop_rules=table.texts("stop_rules"),
        regression=table.ref("regression"),
        progression=table.ref("progression"),
        substitute_without=_parse_substitutes(table, equipment),
        sources=table.texts("sources"),
        grade=table.code("grade", Grade),
        related_sources=table.texts("related_sources") if "related_sources" in data else (),
        floor=table.flag("floor"),
        ceiling=table.flag("ceiling"),
        loaded_end_range=table.flag("loaded_end_range"),
        between_sets=table.texts("between_sets") if "between_sets" in data else (),
    )
    check_exercise(exercise)
    return exercise


def _parse_dose(parent: _Table) -> Dose:
    table = _Table(parent.exercise_id, parent.value("dose", dict, "a table"), "dose.")
    table.only(_DOSE_FIELDS)
    reps, seconds = table.optional_count("reps"), table.optional_count("seconds")
    if (reps is None) == (seconds is None):
        raise table.fail("reps", "give either reps or seconds, not both or neither")
    tempo = table.text("tempo") if "tempo" in table.data else None
    if tempo is not None and not _TEMPO.fullmatch(tempo):
        raise table.fail("tempo", f"{tempo!r} is not lowering-pause-lifting seconds like '3-0-1'")
    hold_s = table.optional_count("hold_s")
    if reps is None and (tempo or hold_s):
        raise table.fail("tempo" if tempo else "hold_s", "only applies to a dose in reps")
    return Dose(sets=table.count("sets"), reps=reps, seconds=seconds, tempo=tempo, hold_s=hold_s)


def _parse_substitutes(
    table: _Table, equipment: tuple[Equipment, ...]
) -> tuple[tuple[Equipment, str], ...]:
    raw: Mapping[str, Any] = {}
    if "substitute_without" in table.data:
        raw = table.value("substitute_without", dict, "a table")
    sub = _Table(table.exercise_id, raw, "substitute_without.")
    pairs = tuple((sub._parse_code(key, key, Equipment), sub.ref(key)) for key in raw)
    for code, target in pairs:
        if code not in equipment or code in ALWAYS_AVAILABLE:
            raise sub.fail(code, "is not equipment this exercise needs")
        if target is None:
            raise sub.fail(code, "must name an exercise id")
    uncovered = sorted(frozenset(equipment) - ALWAYS_AVAILABLE - {code for code, _ in pairs})
    if uncovered:
        raise table.fail(
            f"substitute_without.{uncovered[0]}", "is required: say what to do without it"
        )
    return tuple((code, target) for code, target in pairs if target is not None)
