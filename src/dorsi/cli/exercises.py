"""`dorsi exercises`: browse the exercise library (SPEC §3).

Rich is imported inside the text renderers, so JSON output and ``--help`` stay light.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from dorsi.cli.common import Format, bad_input_exits, dump_json, parse_choice
from dorsi.core.codes import Equipment, Purpose
from dorsi.core.library.exercises import Exercise, ExerciseLibrary, load_library
from dorsi.formats.words import cite, words

if TYPE_CHECKING:
    from rich.console import RenderableType

exercises_app = typer.Typer(
    name="exercises",
    help="Browse the exercise library: doses, steps, cues, stop rules and sources.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

_FORMATS = (Format.TEXT, Format.JSON)
_PURPOSES = ", ".join(code.value for code in Purpose)
_EQUIPMENT = ", ".join(code.value for code in Equipment)


@exercises_app.command("list")
def list_exercises(
    purpose: Annotated[
        str | None, typer.Option("--purpose", "-p", help=f"Only this purpose: {_PURPOSES}.")
    ] = None,
    equipment: Annotated[
        list[str] | None,
        typer.Option(
            "--equipment",
            "-e",
            help=f"Only what you can do with this equipment (repeat for several; a wall and the "
            f"floor are assumed): {_EQUIPMENT}.",
        ),
    ] = None,
    format: Annotated[str, typer.Option("--format", "-f", help="text or json.")] = "text",
) -> None:
    """List the exercises, optionally by purpose and by the equipment you own."""
    fmt = parse_choice("format", format, Format, _FORMATS)
    wanted = None if purpose is None else parse_choice("purpose", purpose, Purpose)
    owned = None
    if equipment:
        owned = frozenset(parse_choice("equipment", code, Equipment) for code in equipment)
    with bad_input_exits():
        library = load_library()
    exercises = library.filter(purpose=wanted, equipment=owned)
    if fmt is Format.JSON:
        typer.echo(dump_json([exercise.to_dict() for exercise in exercises]), nl=False)
    else:
        _print_table(exercises)


@exercises_app.command("show")
def show_exercise(
    exercise_id: Annotated[
        str, typer.Argument(metavar="ID", help="Exercise id, e.g. knee-to-wall-circles.")
    ],
    format: Annotated[str, typer.Option("--format", "-f", help="text or json.")] = "text",
) -> None:
    """Show one exercise: dose, steps, cues, what to feel, when to stop, easier/harder, sources."""
    fmt = parse_choice("format", format, Format, _FORMATS)
    with bad_input_exits():
        library = load_library()
        exercise = library.get(exercise_id)
    if fmt is Format.JSON:
        typer.echo(dump_json(exercise.to_dict()), nl=False)
    else:
        _print_panel(exercise, library)


def _print_table(exercises: tuple[Exercise, ...]) -> None:
    from rich import box
    from rich.console import Console
    from rich.table import Table

    console = Console()
    if not exercises:
        console.print("No exercise matches these filters.")
        return
    # Names only fit on a wide terminal; the id is descriptive enough on a narrow one.
    with_names = console.width >= 140
    table = Table(title="Dorsi exercise library", box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("ID", no_wrap=True, style="bold")
    if with_names:
        table.add_column("Name")
    table.add_column("Dose")
    table.add_column("Min", justify="right")
    table.add_column("Equipment")
    table.add_column("Purpose", overflow="fold")
    for exercise in exercises:
        cells = [exercise.id, exercise.name] if with_names else [exercise.id]
        cells += [
            exercise.dose_text(),
            f"{exercise.minutes:g}",
            ", ".join(words(code) for code in exercise.equipment),
            ", ".join(words(code) for code in exercise.purpose),
        ]
        table.add_row(*cells)
    console.print(table)
    console.print(f"{len(exercises)} exercises. Details: dorsi exercises show ID")


def _print_panel(exercise: Exercise, library: ExerciseLibrary) -> None:
    from rich.console import Console, Group
    from rich.panel import Panel
    from rich.text import Text

    def section(title: str, lines: list[str]) -> Text:
        text = Text(title, style="bold")
        for line in lines:
            text.append("\n" + line)
        return text

    def named(exercise_id: str | None) -> str:
        return "none" if exercise_id is None else f"{library.get(exercise_id).name} ({exercise_id})"

    summary = [
        f"Purpose: {', '.join(words(code) for code in exercise.purpose)}",
        f"Position: {exercise.position.replace('_', ' ')}",
        f"Equipment: {', '.join(words(code) for code in exercise.equipment)}",
        f"Dose: {exercise.dose_text()}, about {exercise.minutes:g} min",
    ]
    options = [f"Easier: {named(exercise.regression)}", f"Harder: {named(exercise.progression)}"]
    options += [f"Without {code}: {named(target)}" for code, target in exercise.substitute_without]
    parts: list[RenderableType] = [
        Text("\n".join(summary)),
        section("Steps", [f"{n}. {step}" for n, step in enumerate(exercise.steps, 1)]),
        section("Cues", [f"• {cue}" for cue in exercise.cues]),
        section("What you should feel", [exercise.feel]),
        section("Stop if", [f"• {rule}" for rule in exercise.stop_rules]),
        section("Options", options),
        section(
            "Why",
            [
                f"Evidence for this exercise: {exercise.grade.words}",
                f"Sources: {cite(exercise.sources)} (full references: dorsi sources)",
            ],
        ),
    ]
    body = Group(*(item for part in parts for item in (part, Text(""))))
    Console().print(Panel(body, title=f"{exercise.name} ({exercise.id})", title_align="left"))
