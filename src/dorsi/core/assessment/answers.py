"""Answers to the questionnaire: typed answers keyed by their dotted path, nested into the
dorsi.assessment/v1 document, read back from one, put in words, and read from typed text.

A shell keeps the answers of each section apart (a wizard step, a part of the interview) and
nests them all at the end; the core's ``parse_assessment`` then checks the document.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import date
from typing import Any

from dorsi.core import words as wording
from dorsi.core.assessment.parse import ASSESSMENT_SCHEMA
from dorsi.core.assessment.questions import Kind, Option, Question, Section
from dorsi.core.errors import ValidationError

Answer = str | int | float | bool | list[str] | None
Answers = Mapping[str, Answer]

RED_FLAGS_PATH = "red_flags"
UNIT_PATH = "knee_to_wall.unit"  # the unit of every distance whose range is given per unit


def nest(*answers: Answers) -> dict[str, Any]:
    """``{"knee_to_wall.left": 9.5}`` -> ``{"knee_to_wall": {"left": 9.5}}``.

    Unanswered questions (None) are left out. Lists at one path, such as the red flags asked
    in two sections, are joined in order without repeats; a later scalar replaces an earlier.
    """
    out: dict[str, Any] = {}
    for group in answers:
        for path, value in group.items():
            if value is None:
                continue
            *parents, leaf = path.split(".")
            node = out
            for part in parents:
                node = node.setdefault(part, {})
            earlier = node.get(leaf)
            if isinstance(value, list) and isinstance(earlier, list):
                node[leaf] = list(dict.fromkeys([*earlier, *value]))
            else:
                node[leaf] = value
    return out


def fragment(path: str, *answers: Answers) -> dict[str, Any]:
    """The object at ``path`` of the nested answers: the ``profile`` the settings page saves."""
    node: Any = nest(*answers)
    for part in path.split("."):
        node = node.get(part, {})
    return dict(node)


def assessment_document(*answers: Answers) -> dict[str, Any]:
    """The dorsi.assessment/v1 document of the answers (not yet checked: parse it)."""
    return {"schema": ASSESSMENT_SCHEMA} | nest(*answers)


def answers_in(document: Mapping[str, Any], section: Section) -> dict[str, Answer]:
    """The answers of ``section`` found in a document the core wrote (a stored profile under
    ``profile``): the starting values of a form. A list keeps only this question's codes."""
    out: dict[str, Answer] = {}
    for question in section.questions:
        value = _at(document, question.path)
        if value is None:
            continue
        if question.kind is Kind.CHOICES:
            codes = {option.code for option in question.options}
            value = [code for code in value if code in codes]
        out[question.path] = value
    return out


def _at(document: Mapping[str, Any], path: str) -> Any:
    node: Any = document
    for part in path.split("."):
        if not isinstance(node, Mapping):
            return None
        node = node.get(part)
    return node


def red_flagged(*answers: Answers) -> bool:
    """Whether any red flag was ticked: then the tests are not done now (SPEC §2.7)."""
    return any(group.get(RED_FLAGS_PATH) for group in answers)


def words(question: Question, value: Answer, *, unit: str | None = None) -> str:
    """An answer as a person reads it: labels for codes, Yes/No, a number with its unit,
    a date spelled out. ``unit``: the distance unit chosen in the questionnaire."""
    if question.kind is Kind.YES_NO:
        return "Yes" if value else "No"
    if question.kind is Kind.CHOICE:
        return question.label_of(str(value))
    if question.kind is Kind.CHOICES:
        codes = value if isinstance(value, list) else []
        return ", ".join(question.label_of(code) for code in codes) or "None"
    if question.kind is Kind.DATE:
        return wording.day_text(date.fromisoformat(str(value)))
    if not isinstance(value, int | float):
        return str(value)
    suffix = question.unit_for(unit) or ""
    return wording.quantity(float(value), suffix.strip())


def summary(section: Section, answers: Answers) -> tuple[tuple[str, str], ...]:
    """(label, answer in words) for each answered question of ``section``."""
    unit = answers.get(UNIT_PATH)
    rows = []
    for question in section.questions:
        value = answers.get(question.path)
        if isinstance(value, list):
            codes = {option.code for option in question.options}
            value = [code for code in value if code in codes]
        if value == [] and question.blank:
            rows.append((question.label, question.blank))
        if value is None or value == []:
            continue
        rows.append((question.label, words(question, value, unit=str(unit) if unit else None)))
    return tuple(rows)


def read_answer(question: Question, text: str, *, unit: str | None = None) -> Answer:
    """Typed text (the CLI) as an answer; blank is None (no choice: an empty list).
    ValidationError names the question's path and says what to type instead."""
    text = text.strip()
    if not text:
        return [] if question.kind is Kind.CHOICES else None
    if question.kind in (Kind.NUMBER, Kind.INTEGER):
        return _number(question, text, unit)
    if question.kind is Kind.YES_NO:
        answer = {"y": True, "yes": True, "n": False, "no": False}.get(text.lower())
        if answer is None:
            raise ValidationError(question.path, "answer y or n (blank to skip)")
        return answer
    if question.kind is Kind.DATE:
        try:
            return date.fromisoformat(text).isoformat()
        except ValueError:
            raise ValidationError(
                question.path, f"{text!r} is not a date (use YYYY-MM-DD)"
            ) from None
    if question.kind is Kind.CHOICE:
        return _option(question, text).code
    return list(
        dict.fromkeys(_option(question, part).code for part in text.split(",") if part.strip())
    )


def _number(question: Question, text: str, unit: str | None) -> int | float:
    try:
        value = float(wording.decimal_input(text))
    except ValueError:
        raise ValidationError(question.path, f"{text!r} is not a number") from None
    if not math.isfinite(value):
        raise ValidationError(question.path, f"{text!r} is not a number")
    if question.kind is Kind.INTEGER and value != int(value):
        raise ValidationError(question.path, "give a whole number")
    valid = question.range_for(unit)
    if valid is not None and not valid.contains(value):
        raise ValidationError(
            question.path,
            f"must be between {wording.number(valid.low)} and "
            f"{wording.quantity(valid.high, valid.unit)}",
        )
    return int(value) if question.kind is Kind.INTEGER else value


def _option(question: Question, text: str) -> Option:
    """An option by its number in the list, its label or its code (case does not matter)."""
    token = text.strip().lower()
    if token.isdigit() and 1 <= int(token) <= len(question.options):
        return question.options[int(token) - 1]
    for option in question.options:
        if token in (option.code, option.label.lower()):
            return option
    raise ValidationError(question.path, f"{text.strip()!r} is not one of the choices")


def range_problems(section: Section, answers: Answers) -> tuple[ValidationError, ...]:
    """Every answer of ``section`` outside its valid range, all at once: the document's parse
    stops at its first error, and a person fixing a form wants to see them all."""
    unit = answers.get(UNIT_PATH)
    problems = []
    for question in section.questions:
        value = answers.get(question.path)
        if isinstance(value, bool) or not isinstance(value, int | float):
            continue
        valid = question.range_for(str(unit) if unit else None)
        if valid is None:
            continue
        try:
            valid.check(question.path, value)
        except ValidationError as error:
            problems.append(error)
    return tuple(problems)
