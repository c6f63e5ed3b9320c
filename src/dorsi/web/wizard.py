"""The assessment wizard: one step per section of the core's questionnaire, then a review.

The draft lives in the session: for each step done, its answers keyed by dotted path
(``{"knee_to_wall": {"knee_to_wall.left": 9.5, ...}}``); a skipped step has no answers.
Every step is checked by nesting the answers so far into a dorsi.assessment/v1 document and
running the core's parse (through the service), so the wizard accepts exactly what the CLI
and the API accept, and a core error lands on the field it names.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from dorsi.core.assessment.answers import (
    Answers,
    assessment_document,
    range_problems,
    red_flagged,
    summary,
)
from dorsi.core.assessment.labels import RED_FLAG_STOP
from dorsi.core.assessment.questionnaire import QUESTIONNAIRE, measurement_due
from dorsi.core.assessment.questions import Section
from dorsi.core.errors import ValidationError
from dorsi.web.forms import QuestionForm, form_for
from dorsi.web.views.common import add_core_error

Draft = dict[str, dict[str, Any]]
# Angles measured on the phone page (views.measure), in the session until the angle step that
# shows them filled in is saved: ``{"wb_angle_deg.left": 34.5, ...}``.
PHONE_ANGLES_KEY = "phone_angles"


@dataclass(frozen=True)
class Step:
    name: str
    title: str
    section: Section | None = None  # None: the review
    form: type[QuestionForm] | None = None


STEPS: tuple[Step, ...] = (
    *(Step(section.key, section.title, section, form_for(section)) for section in QUESTIONNAIRE),
    Step("review", "Review and save"),
)


def step_named(name: str) -> Step | None:
    return next((step for step in STEPS if step.name == name), None)


def next_step(step: Step) -> Step:
    return STEPS[min(STEPS.index(step) + 1, len(STEPS) - 1)]


def previous_step(step: Step) -> Step | None:
    index = STEPS.index(step)
    return STEPS[index - 1] if index > 0 else None


def red_flag(draft: Draft) -> bool:
    return red_flagged(*draft.values())


def skippable(step: Step, draft: Draft) -> bool:
    """Optional sections, and after a red flag every test (SPEC §2.7)."""
    return step.section is not None and step.section.skippable(red_flag(draft))


def stop_notice(step: Step, draft: Draft) -> str:
    """What a test step says after a red flag: do not do the tests now."""
    physical = step.section is not None and step.section.physical_test
    return RED_FLAG_STOP if physical and red_flag(draft) else ""


def measurement_pending(step: Step) -> bool:
    """True while no knee-to-wall distance can be asked for yet (the steps before it)."""
    return step.section is None or not measurement_due(step.section)


def _answers(draft: Draft, *, upto: Step | None = None) -> list[Answers]:
    parts: list[Answers] = []
    for step in STEPS:
        if step.name in draft:
            parts.append(draft[step.name])
        if step is upto:
            break
    return parts


def document(draft: Draft, *, upto: Step | None = None) -> dict[str, Any]:
    """The dorsi.assessment/v1 document of the draft (steps up to ``upto`` included)."""
    return assessment_document(*_answers(draft, upto=upto))


def first_missing(draft: Draft) -> Step | None:
    """The first step that must be answered and is not yet (a skipped test counts as not
    answered once no red flag excuses it any more)."""
    for step in STEPS:
        if step.section is None or skippable(step, draft):
            continue
        if not draft.get(step.name):
            return step
    return None


def review(draft: Draft) -> list[dict[str, Any]]:
    """Each section's answers in words, for the review step."""
    sections = []
    for step in STEPS:
        if step.section is None:
            continue
        rows = summary(step.section, draft.get(step.name) or {})
        sections.append({"step": step, "rows": rows, "skipped": step.name in draft and not rows})
    return sections


def error_text(error: ValidationError) -> str:
    """A core error in a person's words: the question or section it is about, not its path."""
    for step in STEPS:
        for question in step.section.questions if step.section else ():
            if error.field == question.path:
                return f"{question.label} ({step.title}): {error.problem}"
            if question.path.startswith(error.field + "."):
                return f"{step.title}: {error.problem}"
    return error.problem


def field_problems(step: Step, answers: Answers) -> tuple[ValidationError, ...]:
    """Every out-of-range answer of the step, so the form shows all its errors at once."""
    return () if step.section is None else range_problems(step.section, answers)


def add_error_in_words(form: QuestionForm, error: ValidationError) -> None:
    """A core error on the field it names; one about a whole section says which, in words."""
    names = {error.field.replace(".", "__"), error.field.rsplit(".", 1)[-1]}
    if names & set(form.fields):
        add_core_error(form, error)
    else:
        problem = error.problem[:1].upper() + error.problem[1:]
        for step in STEPS:
            if step.section is not None and step.section.key == error.field:
                problem = f"{step.title}: {error.problem}"
        form.add_error(None, problem)
