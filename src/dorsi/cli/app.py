"""The `dorsi` command line. Heavy libraries are imported inside the commands that need them
so that `dorsi --help` and `dorsi assess --input` start fast."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from dorsi import __version__

app = typer.Typer(
    name="dorsi",
    help="Measure, restore and keep ankle dorsiflexion.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"dorsi {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """Dorsi: knee-to-wall assessment, a 12-week program, progress tracking and video analysis."""


@app.command()
def assess(
    input: Annotated[
        Path | None,
        typer.Option("--input", "-i", help="A dorsi.assessment/v1 JSON file (no questions asked)."),
    ] = None,
    format: Annotated[str, typer.Option("--format", "-f", help="text, json or markdown.")] = "text",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the report to this file.")
    ] = None,
) -> None:
    """Assess your ankles: interactive step by step, or from a JSON file with --input."""
    from dorsi.cli.assess import run_assess

    run_assess(input_path=input, fmt=format, output=output)


@app.command()
def plan(
    assessment: Annotated[
        Path, typer.Option("--assessment", "-a", help="A dorsi.assessment/v1 JSON file.")
    ],
    start: Annotated[str, typer.Option("--start", help="First day of the program, YYYY-MM-DD.")],
    format: Annotated[
        str, typer.Option("--format", "-f", help="text, json, markdown or ics.")
    ] = "text",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the plan to this file.")
    ] = None,
    cleared_by_professional: Annotated[
        bool,
        typer.Option(
            "--cleared-by-professional",
            help="A professional has cleared you despite the red flags.",
        ),
    ] = False,
) -> None:
    """Build the 12-week program (dorsi.plan/v1) from an assessment."""
    from dorsi.cli.plan import run_plan

    run_plan(assessment, start=start, fmt=format, output=output, cleared=cleared_by_professional)


@app.command()
def progress(
    input: Annotated[
        Path | None, typer.Option("--input", "-i", help="A dorsi.log/v1 JSON file.")
    ] = None,
    user: Annotated[
        str | None, typer.Option("--user", "-u", help="Read the log of this web user.")
    ] = None,
    format: Annotated[str, typer.Option("--format", "-f", help="text, json or markdown.")] = "text",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the result to this file.")
    ] = None,
    chart: Annotated[
        Path | None, typer.Option("--chart", help="Draw the progress chart (.png or .svg).")
    ] = None,
) -> None:
    """Progress since baseline (dorsi.progress/v1) from a log file or a web user's data."""
    from dorsi.cli.progress import run_progress

    run_progress(input_path=input, user=user, fmt=format, output=output, chart=chart)


@app.command()
def sources(
    format: Annotated[str, typer.Option("--format", "-f", help="text or json.")] = "text",
) -> None:
    """Every source Dorsi cites, with its grade in words and its full reference."""
    from dorsi.cli.common import Format, dump_json, emit, parse_choice
    from dorsi.formats.sources import sources_to_document, sources_to_text

    chosen = parse_choice("--format", format, Format, (Format.TEXT, Format.JSON))
    emit(dump_json(sources_to_document()) if chosen is Format.JSON else sources_to_text(), None)


def _register_subcommands() -> None:
    from dorsi.cli.exercises import exercises_app

    app.add_typer(exercises_app, name="exercises", help="Browse the exercise library.")
    from dorsi.cli.video import video_app

    app.add_typer(video_app, name="video", help="Analyse side-view squat and knee-to-wall videos.")
    from dorsi.cli.tracking import tracking_app

    app.add_typer(tracking_app, name=None)  # `dorsi log` and `dorsi retest` at the top level
    from dorsi.cli.backup import backup_app

    app.add_typer(backup_app, name=None)  # `dorsi backup` and `dorsi restore`


_register_subcommands()


def main() -> None:
    app()
