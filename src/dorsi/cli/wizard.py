"""The interactive assessment: short test instructions, re-asks on invalid values, skippable parts."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Any, TypeVar

from rich.console import Console
from rich.panel import Panel
from rich.prompt import Confirm, Prompt

from dorsi.cli.common import fail
from dorsi.core import thresholds as m
from dorsi.core.codes import (
    Equipment,
    Felt,
    Rating,
    RedFlag,
    Side,
    Sign,
    Sport,
    Unit,
    Variant,
    Weekday,
)

E = TypeVar("E", bound=StrEnum)
console = Console(highlight=False)

KTW_HELP = (
    "Knee-to-wall test: stand facing a wall, bare feet, the big toe a few centimetres from it. "
    "Keep the heel down and push the knee forward over the second toe until it touches the wall. "
    "Slide the foot back until the knee only just touches with the heel still down. "
    "Measure big toe to wall; take the best of three tries."
)
HALF_KNEELING_HELP = (
    "Half-kneeling variant: kneel on one knee, the front foot flat, and drive the front knee "
    "toward the wall with the heel down. Measure big toe to wall."
)
THREE_POSITION_HELP = (
    "Three positions, each side: (1) wall calf stretch with the back knee straight, "
    "(2) the same with the knee bent, (3) a deep squat hold with the heels down. "
    "Answer 'restricted' if the ankle stops you early or feels very tight, else 'ok'."
)


def _ask(prompt: str, default: str | None = None) -> str:
    try:
        if default is None:
            return Prompt.ask(prompt, console=console, default="", show_default=False).strip()
        return Prompt.ask(prompt, console=console, default=default).strip()
    except (EOFError, KeyboardInterrupt):
        console.print()
        fail("the assessment was interrupted before it was complete; nothing was saved")


def _confirm(prompt: str, default: bool) -> bool:
    try:
        return Confirm.ask(prompt, console=console, default=default)
    except (EOFError, KeyboardInterrupt):
        console.print()
        fail("the assessment was interrupted before it was complete; nothing was saved")


def ask_number(
    prompt: str, valid: m.Range, *, optional: bool = True, whole: bool = False
) -> float | None:
    """Ask until the answer is a number inside ``valid`` (blank skips when optional)."""
    while True:
        answer = _ask(prompt + (" (blank to skip)" if optional else ""))
        if not answer and optional:
            return None
        try:
            value = float(answer.replace(",", "."))
        except ValueError:
            console.print(f"  [red]✗[/] {answer!r} is not a number")
            continue
        if whole and value != int(value):
            console.print("  [red]✗[/] give a whole number")
            continue
        if not valid.contains(value):
            console.print(
                f"  [red]✗[/] must be between {valid.low:g} and {valid.high:g} {valid.unit}"
            )
            continue
        return value


def ask_code(
    prompt: str, enum: type[E], *, optional: bool = True, default: E | None = None
) -> E | None:
    choices = "/".join(member.value for member in enum)
    while True:
        answer = _ask(f"{prompt} [{choices}]", None if default is None else default.value)
        if not answer and (optional or default is not None):
            return default
        try:
            return enum(answer.lower())
        except ValueError:
            console.print(f"  [red]✗[/] choose one of: {choices}")


def ask_codes(prompt: str, enum: type[E]) -> list[str]:
    """A comma-separated list of codes; unknown ones are refused and asked again."""
    choices = ", ".join(member.value for member in enum)
    while True:
        answer = _ask(f"{prompt}\n  options: {choices}\n  comma-separated")
        codes = [part.strip().lower() for part in answer.split(",") if part.strip()]
        unknown = [code for code in codes if code not in {member.value for member in enum}]
        if not unknown:
            return list(dict.fromkeys(codes))
        console.print(f"  [red]✗[/] unknown: {', '.join(unknown)}")


def ask_yes_no(prompt: str) -> bool | None:
    """Yes, no, or blank for 'not checked'."""
    while True:
        answer = _ask(f"{prompt} [y/n]").lower()
        if not answer:
            return None
        if answer in {"y", "yes"}:
            return True
        if answer in {"n", "no"}:
            return False
        console.print("  [red]✗[/] answer y or n (blank to skip)")


def interview() -> dict[str, Any]:
    """Walk through the assessment and return a dorsi.assessment/v1 document."""
    console.print(
        Panel.fit(
            "Dorsi ankle assessment — about 5 minutes.\nOptional parts can be skipped; "
            "a blank answer skips a value.",
            title="Dorsi",
        )
    )
    doc: dict[str, Any] = {"schema": "dorsi.assessment/v1"}
    unit = ask_code("Units for distances", Unit, default=Unit.CM) or Unit.CM
    doc["knee_to_wall"] = _knee_to_wall(unit)
    if _confirm(
        "Add your profile (age, sports, training days, equipment)? It tailors the plan", True
    ):
        doc["profile"] = _profile()
    _optional_sections(doc)
    doc["red_flags"] = _red_flags()
    return doc


def _knee_to_wall(unit: Unit) -> dict[str, Any]:
    variant = (
        ask_code("Which knee-to-wall test", Variant, default=Variant.STANDING) or Variant.STANDING
    )
    console.print(KTW_HELP if variant is Variant.STANDING else HALF_KNEELING_HELP)
    valid = m.KNEE_TO_WALL_RANGE[unit]
    while True:
        values = {
            side.value: ask_number(f"{side.value.title()} side: distance in {unit.value}", valid)
            for side in Side
        }
        if any(value is not None for value in values.values()):
            return {"variant": variant.value, "unit": unit.value, **values}
        console.print("  [red]✗[/] measure at least one side")


def _profile() -> dict[str, Any]:
    profile: dict[str, Any] = {
        "age": _int(ask_number("Age in years", m.AGE_RANGE, whole=True)),
        "height_cm": ask_number("Height in cm", m.HEIGHT_RANGE),
        "sports": ask_codes("Your sports", Sport),
        "sprains": {
            side.value: _int(
                ask_number(f"Past sprains of the {side.value} ankle", m.SPRAIN_RANGE, whole=True)
            )
            or 0
            for side in Side
        },
        "training_days": ask_codes("Lower-body training days", Weekday),
        "equipment": ask_codes("Equipment you have", Equipment),
        "minutes_per_day": _int(
            ask_number(
                "Minutes per day for ankle work (default 10)", m.MINUTES_PER_DAY_RANGE, whole=True
            )
        )
        or 10,
        "desk_job": ask_yes_no("Do you sit at a desk most of the day?"),
        "shoe_drop_mm": ask_number("Heel-to-toe drop of your usual shoes in mm", m.SHOE_DROP_RANGE),
    }
    return {key: value for key, value in profile.items() if value is not None}


def _int(value: float | None) -> int | None:
    return None if value is None else int(value)


def _optional_sections(doc: dict[str, Any]) -> None:
    if _confirm("Did you measure the shin angle in the lunge (phone inclinometer)?", False):
        doc["wb_angle_deg"] = {
            s.value: ask_number(f"{s.value.title()} shin angle in degrees", m.WB_ANGLE_RANGE)
            for s in Side
        }
    if _confirm("Do you have goniometer measurements (lying down, knee straight and bent)?", False):
        doc["goniometer_deg"] = {
            s.value: {
                "knee_straight": ask_number(
                    f"{s.value.title()} knee straight, degrees", m.GONIOMETER_RANGE
                ),
                "knee_bent": ask_number(
                    f"{s.value.title()} knee bent, degrees", m.GONIOMETER_RANGE
                ),
            }
            for s in Side
        }
    if _confirm("Do the three-position test? (helps tell calf from joint)", True):
        console.print(THREE_POSITION_HELP)
        doc["three_position"] = {
            s.value: {
                key: _val(ask_code(f"{s.value.title()} — {label}", Rating))
                for key, label in (
                    ("straight_knee", "straight-knee stretch"),
                    ("bent_knee", "bent-knee stretch"),
                    ("deep_squat", "deep squat hold"),
                )
            }
            for s in Side
        }
    if _confirm("Tell where you felt the limit in the knee-to-wall test?", True):
        doc["felt"] = {
            s.value: _val(ask_code(f"{s.value.title()}: what stopped you", Felt)) for s in Side
        }
    if _confirm("Do the overhead squat screen (film or mirror, side view)?", False):
        doc["squat_screen"] = {
            key: ask_yes_no(question)
            for key, question in (
                ("heels_rise", "Do your heels rise?"),
                ("torso_forward", "Does the torso pitch forward?"),
                ("knees_cave", "Do the knees cave in?"),
                ("reaches_parallel", "Do you reach parallel?"),
                ("better_with_heel_lift", "Is it better with a 2 cm plate under the heels?"),
            )
        }
    if _confirm("Do you have knee pain?", False):
        doc["knee_pain"] = {
            "present": True,
            "less_with_heel_lift": ask_yes_no("Is it less with heels raised 2–3 cm?"),
        }
    if _confirm("Check the common signs of stiff ankles?", True):
        doc["signs"] = ask_codes("Which of these apply (blank for none)", Sign)


def _val(code: StrEnum | None) -> str | None:
    return None if code is None else code.value


def _red_flags() -> list[str]:
    console.print(
        "[bold]Safety check.[/] Any of: sudden giving way, night or rest pain, tingling/numbness or "
        "foot drop, a recent injury with a pop, marked swelling or unable to take 4 steps, a hot "
        "swollen joint with fever, calf swelling or warmth, a snap in the calf, a diabetic foot "
        "wound or loss of feeling, sharp pain during the test?"
    )
    if not _confirm("Does any of these apply to you?", False):
        return []
    return ask_codes("Which ones", RedFlag)


def offer_plan(document: dict[str, Any], report: Any) -> None:
    """After the report: build the plan now, and save the files the user wants."""
    from dorsi.cli.plan import build_plan_for, print_plan_summary
    from dorsi.core.codes import ReferralLevel
    from dorsi.core.errors import ReferralRequired

    if not _confirm("Build your 12-week plan now?", True):
        return
    start = _ask_start()
    cleared = False
    if report.referral.level is ReferralLevel.BEFORE_STARTING:
        console.print("[yellow]Red flags: " + ", ".join(report.referral.reasons) + "[/]")
        cleared = _confirm("Has a professional examined you and cleared you to start?", False)
    try:
        plan = build_plan_for(report, start=start, cleared=cleared)
    except ReferralRequired as error:
        console.print(f"[yellow]No plan yet:[/] {error}")
        return
    print_plan_summary(plan, console)
    _offer_saves(document, plan)


def _ask_start() -> date:
    while True:
        answer = _ask("Start date (YYYY-MM-DD)", date.today().isoformat())  # noqa: DTZ011
        try:
            return date.fromisoformat(answer)
        except ValueError:
            console.print("  [red]✗[/] use YYYY-MM-DD")


def _offer_saves(document: dict[str, Any], plan: Any) -> None:
    from dorsi.cli.common import dump_json, write_atomically
    from dorsi.cli.plan import render_for_path

    path = _ask("Save your assessment as JSON (for `dorsi plan --assessment`)? file name")
    if path:
        write_atomically(Path(path), dump_json(document))
        console.print(f"Saved {path}")
    path = _ask("Save the plan? file name ending .json, .md or .ics (calendar)")
    if path:
        write_atomically(Path(path), render_for_path(plan, Path(path)))
        console.print(f"Saved {path}")
