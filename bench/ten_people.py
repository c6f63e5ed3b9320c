"""The ten people of issue 8, as a sports physiotherapist would try Dorsi with them, and what
the plan does for each now.

The fixtures (``PEOPLE``) are dorsi.assessment/v1 documents; tests/core/program/test_ten_people.py
asserts the SPEC behaviour for each. Printed: one row per person with the session length, the
number of distinct exercises, what weeks 1 and 9 hold, maintenance and the referral, then the
number of distinct exercises over the ten plans.

    .venv/bin/python bench/ten_people.py
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

START = date(2026, 11, 2)  # a Monday


@dataclass(frozen=True)
class Person:
    key: str
    who: str
    document: dict[str, Any]
    cleared: bool = False  # build the plan as if a professional cleared the red flags


def _doc(**parts: Any) -> dict[str, Any]:
    return {"schema": "dorsi.assessment/v1", "date": START.isoformat(), **parts}


PEOPLE: tuple[Person, ...] = (
    Person(
        "runner_after_sprain",
        "45-year-old runner after a right ankle sprain",
        _doc(
            profile={
                "age": 45,
                "sports": ["running"],
                "sprains": {"left": 0, "right": 2},
                "training_days": ["tue", "sat"],
                "equipment": ["wall", "band", "step"],
                "minutes_per_day": 10,
            },
            knee_to_wall={"unit": "cm", "left": 11.0, "right": 8.0},
            felt={"right": "front_pinch"},
        ),
    ),
    Person(
        "basketball_34",
        "basketball player at 34 degrees",
        _doc(
            profile={
                "age": 24,
                "sports": ["basketball"],
                "training_days": ["tue", "thu", "sat"],
                "equipment": ["wall", "band", "step", "mini_band"],
                "minutes_per_day": 12,
            },
            knee_to_wall={"unit": "cm", "left": 9.4, "right": 9.6},
            wb_angle_deg={"left": 34.0, "right": 34.0},
        ),
    ),
    Person(
        "footballer_16",
        "16-year-old footballer, knee pain on stairs",
        _doc(
            profile={
                "age": 16,
                "sports": ["soccer"],
                "training_days": ["mon", "wed", "fri"],
                "equipment": ["wall", "band"],
                "minutes_per_day": 10,
            },
            knee_to_wall={"unit": "cm", "left": 9.0, "right": 9.5},
            signs=["knee_pain_on_stairs"],
        ),
    ),
    Person(
        "older_knee_pain",
        "65-year-old with knee pain who cannot reach parallel",
        _doc(
            profile={
                "age": 65,
                "sports": ["general"],
                "equipment": ["wall", "step"],
                "minutes_per_day": 15,
            },
            knee_to_wall={"unit": "cm", "left": 7.5, "right": 8.0},
            squat_screen={"knees_cave": True, "reaches_parallel": False, "heels_rise": True},
            knee_pain={"present": True, "less_with_heel_lift": False},
        ),
    ),
    Person(
        "red_flags",
        "diabetic foot with lost feeling (then cleared)",
        _doc(
            profile={"age": 58, "equipment": ["wall", "band", "step"], "minutes_per_day": 10},
            knee_to_wall={"unit": "cm", "left": 8.0, "right": 8.5},
            red_flags=["diabetic_foot"],
        ),
        cleared=True,
    ),
    Person(
        "capsule",
        "capsule-limited ankle (front pinch, all three positions restricted)",
        _doc(
            profile={"age": 35, "equipment": ["wall", "band"], "minutes_per_day": 10},
            knee_to_wall={"unit": "cm", "left": 7.0, "right": 7.5},
            felt={"left": "front_pinch", "right": "front_pinch"},
            three_position={
                side: {
                    "straight_knee": "restricted",
                    "bent_knee": "restricted",
                    "deep_squat": "restricted",
                }
                for side in ("left", "right")
            },
        ),
    ),
    Person(
        "powerlifter",
        "powerlifter, calves free, squat limited",
        _doc(
            profile={
                "age": 29,
                "sports": ["powerlifting"],
                "training_days": ["mon", "wed", "fri"],
                "equipment": ["wall", "band", "weight", "plates"],
                "minutes_per_day": 10,
            },
            knee_to_wall={"unit": "cm", "left": 9.5, "right": 10.0},
            three_position={
                side: {"straight_knee": "ok", "bent_knee": "ok", "deep_squat": "restricted"}
                for side in ("left", "right")
            },
        ),
    ),
    Person(
        "inches",
        "measures in inches",
        _doc(
            profile={"age": 31, "equipment": ["wall", "band", "step"], "minutes_per_day": 10},
            knee_to_wall={"unit": "in", "left": 3.5, "right": 3.6},
        ),
    ),
    Person(
        "five_minutes",
        "five minutes a day, no equipment",
        _doc(
            profile={"age": 38, "equipment": ["none"], "minutes_per_day": 5},
            knee_to_wall={"unit": "cm", "left": 8.5, "right": 9.0},
        ),
    ),
    Person(
        "at_goal",
        "already at 14 cm",
        _doc(
            profile={"age": 28, "sports": ["general"], "equipment": ["wall", "band", "step"]},
            knee_to_wall={"unit": "cm", "left": 14.0, "right": 14.0},
        ),
    ),
)


def by_key(key: str) -> Person:
    return next(person for person in PEOPLE if person.key == key)


def report_for(person: Person) -> Any:
    from dorsi.core.assessment.engine import assess
    from dorsi.core.assessment.parse import parse_assessment

    return assess(parse_assessment(person.document))


def plan_for(person: Person) -> Any:
    from dorsi.core.library.exercises import load_library
    from dorsi.core.program.build import build_plan

    return build_plan(
        report_for(person),
        start=START,
        library=load_library(),
        cleared_by_professional=person.cleared,
    )


def _week_ids(plan: Any, week: int) -> list[str]:
    return sorted({item.exercise for day in plan.weeks[week - 1].days for item in day.items})


def _sessions(plan: Any) -> str:
    lengths = sorted(
        {day.minutes for day in plan.days if day.kind.value != "warm_up" and day.items}
    )
    if not lengths:
        return "-"
    return f"{lengths[0]:g}" if len(lengths) == 1 else f"{lengths[0]:g}-{lengths[-1]:g}"


CALF = frozenset(
    {
        "eccentric-calf-lowering",
        "single-leg-calf-raise",
        "single-leg-floor-calf-raise",
        "weighted-single-leg-calf-raise",
    }
)


def _calf_ramp(plan: Any) -> str:
    """The largest loaded calf dose of each week from week 4 to week 9."""
    out = []
    for week in plan.weeks[3:9]:
        doses = [i for d in week.days for i in d.items if i.exercise in CALF]
        if not doses:
            out.append("-")
            continue
        top = max(doses, key=lambda i: i.sets * (i.reps or 0))
        out.append(f"{top.sets}x{top.reps}")
    return " ".join(out)


def row(person: Person) -> dict[str, str]:
    report = report_for(person)
    referral = report.referral.level.value
    urgency = getattr(report.referral, "urgency", None)
    if urgency is not None:
        referral += f"/{urgency.value}"
    if report.referral.reasons:
        referral += " (" + ", ".join(report.referral.reasons) + ")"
    if person.cleared:
        referral += ", cleared"
    plan = plan_for(person)
    mode = getattr(plan, "mode", None)
    maintenance = "from day 1" if mode is not None and mode.value == "maintenance" else "after goal"
    return {
        "person": person.who,
        "minutes": _sessions(plan),
        "exercises": str(len({item.exercise for day in plan.days for item in day.items})),
        "week 1": ", ".join(_week_ids(plan, 1)),
        "week 9": ", ".join(_week_ids(plan, 9)),
        "calf dose weeks 4-9": _calf_ramp(plan),
        "maintenance": maintenance,
        "referral": referral,
    }


def distinct_exercises() -> int:
    return len(
        {item.exercise for person in PEOPLE for day in plan_for(person).days for item in day.items}
    )


def _lines() -> Iterator[str]:
    rows = [row(person) for person in PEOPLE]
    columns = list(rows[0])
    yield "| " + " | ".join(columns) + " |"
    yield "|" + "---|" * len(columns)
    for entry in rows:
        yield "| " + " | ".join(entry[c] for c in columns) + " |"
    yield ""
    yield f"Distinct exercises over the ten plans: {distinct_exercises()}"


def main() -> None:
    for line in _lines():
        print(line)


if __name__ == "__main__":
    main()
