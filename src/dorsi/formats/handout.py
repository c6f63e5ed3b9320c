"""The printable home-program handout as a value: what the page (with its print stylesheet)
and the PDF both show, so they never disagree.

The athlete's weeks from the current one to the end (or the maintenance routine), each exercise
once with its figure, its usual dose, how to do it, the cues and the stop rule, and the link to
the plan's calendar.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from dorsi.core.codes import PlanMode
from dorsi.core.library.exercises import ExerciseLibrary
from dorsi.core.program.values import Plan, PlanDay, PlanItem
from dorsi.core.thresholds import DAYS_PER_WEEK, PLAN_WEEKS
from dorsi.formats.words import cite, plain, words

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


@dataclass(frozen=True)
class HandoutExercise:
    exercise: str  # library id, for the figure
    name: str
    dose: str
    steps: tuple[str, ...]
    cues: tuple[str, ...]
    feel: str
    stop_rules: tuple[str, ...]
    evidence: str = ""  # the exercise's grade in words, then its sources by name


@dataclass(frozen=True)
class HandoutLine:
    name: str
    dose: str
    days: str  # e.g. "Mon, Wed, Fri" or "every day"


@dataclass(frozen=True)
class HandoutWeek:
    title: str  # "Week 3 · foundation · 15–21 Jun"
    lines: tuple[HandoutLine, ...]


@dataclass(frozen=True)
class Handout:
    athlete: str
    coach: str
    made_on: date
    title: str
    minutes_per_day: int
    weeks: tuple[HandoutWeek, ...]
    exercises: tuple[HandoutExercise, ...]
    calendar_url: str
    notes: tuple[str, ...]  # the coach's notes still in force
    reasons: tuple[str, ...] = ()  # why the plan looks like this, each with its sources


def dose_words(item: PlanItem) -> str:
    amount = f"{item.reps} reps" if item.reps is not None else f"{item.seconds} s"
    text = f"{item.sets} set{'s' if item.sets != 1 else ''} × {amount}"
    if item.dose.lowering_s:
        text += f", {item.dose.lowering_s} s lowering"
    if item.side.value != "both":
        return text + f", {item.side.value} side only"
    return text + (" each side" if item.per_side else "")


def _short(when: date) -> str:
    months = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
    return f"{when.day} {months[when.month - 1]}"


def _lines(days: Iterable[PlanDay]) -> tuple[HandoutLine, ...]:
    """Each (exercise, dose) of a week once, with the weekdays it falls on."""
    days = list(days)
    found: dict[tuple[str, str], list[int]] = {}
    names: dict[tuple[str, str], str] = {}
    for day in days:
        for item in day.items:
            key = (item.exercise, dose_words(item))
            found.setdefault(key, []).append(day.date.weekday())
            names[key] = item.name
    out = []
    for key, weekdays in found.items():
        unique = sorted(set(weekdays))
        when = (
            "every day"
            if len(unique) == len(days) == DAYS_PER_WEEK
            else ", ".join(WEEKDAYS[n] for n in unique)
        )
        out.append(HandoutLine(name=names[key], dose=key[1], days=when))
    return tuple(out)


def _weeks(plan: Plan, today: date) -> tuple[HandoutWeek, ...]:
    if plan.mode is PlanMode.MAINTENANCE:
        out = []
        for title, block in (
            ("Before each lower-body training session", plan.maintenance.before_training),
            ("On the other days of the routine", plan.maintenance.other_days),
        ):
            if block.items:
                days = ", ".join(WEEKDAYS[list(type(d)).index(d)] for d in block.days)
                days = days or "your lower-body training days"
                lines = tuple(HandoutLine(i.name, dose_words(i), days) for i in block.items)
                out.append(HandoutWeek(title, lines))
        return tuple(out)
    first = min(max((today - plan.start).days // DAYS_PER_WEEK, 0), PLAN_WEEKS - 1)
    return tuple(
        HandoutWeek(
            f"Week {week.week} · {words(week.phase.value)} · "
            f"{_short(week.days[0].date)}–{_short(week.days[-1].date)}",
            _lines(week.days),
        )
        for week in plan.weeks[first:]
    )


def _exercises(
    weeks: tuple[HandoutWeek, ...], plan: Plan, library: ExerciseLibrary
) -> tuple[HandoutExercise, ...]:
    wanted = {line.name for week in weeks for line in week.lines}
    items = [*(i for d in plan.days for i in d.items), *plan.maintenance.before_training.items]
    items += plan.maintenance.other_days.items
    doses: dict[str, PlanItem] = {}
    for item in items:
        if item.name in wanted:
            doses.setdefault(item.exercise, item)
    out = []
    for exercise_id, item in doses.items():
        if exercise_id not in library:
            continue
        exercise = library.get(exercise_id)
        out.append(
            HandoutExercise(
                exercise=exercise_id,
                name=exercise.name,
                dose=dose_words(item),
                steps=exercise.steps_for(item.sets),
                cues=exercise.cues,
                feel=exercise.feel,
                stop_rules=exercise.stop_rules,
                evidence=f"{exercise.grade.words} ({cite(exercise.sources)})",
            )
        )
    return tuple(out)


def build_handout(
    plan: Plan,
    *,
    library: ExerciseLibrary,
    today: date,
    athlete: str,
    coach: str,
    calendar_url: str,
    notes: tuple[str, ...] = (),
) -> Handout:
    weeks = _weeks(plan, today)
    title = (
        "Maintenance routine"
        if plan.mode is PlanMode.MAINTENANCE
        else f"Home program, {_short(plan.start)} – {_short(plan.end)} {plan.end.year}"
    )
    return Handout(
        athlete=athlete,
        coach=coach,
        made_on=today,
        title=title,
        minutes_per_day=plan.minutes_per_day,
        weeks=weeks,
        exercises=_exercises(weeks, plan, library),
        calendar_url=calendar_url,
        notes=notes,
        reasons=tuple(_reason(a.text, a.sources) for a in plan.adaptations),
    )


def _reason(text: str, sources: tuple[str, ...]) -> str:
    named = cite(sources)
    return f"{plain(text)} ({named})" if named else plain(text)
