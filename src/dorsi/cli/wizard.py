"""The interactive assessment: the core's questionnaire asked in the terminal, section by
section, with the same questions, order and words as the web wizard. Invalid values are asked
again; a blank answer skips a value; optional sections (and, after a red flag, the tests) can
be skipped as a whole."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.panel import Panel
from rich.prompt import Confirm, Prompt

from dorsi.cli.common import dump_json, fail, write_atomically
from dorsi.cli.plan import build_plan_for, print_plan_summary, render_for_path, triage_for
from dorsi.core.assessment.answers import (
    UNIT_PATH,
    Answer,
    Answers,
    assessment_document,
    read_answer,
    red_flagged,
)
from dorsi.core.assessment.howto import HowTo
from dorsi.core.assessment.labels import RED_FLAG_STOP
from dorsi.core.assessment.parse import parse_assessment
from dorsi.core.assessment.questionnaire import QUESTIONNAIRE, measurement_due
from dorsi.core.assessment.questions import Kind, Option, Question, Section
from dorsi.core.assessment.report import Report
from dorsi.core.assessment.texts import RED_FLAG_LABELS
from dorsi.core.assessment.triage import HELD
from dorsi.core.codes import RedFlag, ReferralLevel
from dorsi.core.errors import ReferralRequired, ValidationError

console = Console(highlight=False)
INTERRUPTED = "the assessment was interrupted before it was complete; nothing was saved"


def _ask(prompt: str, default: str | None = None) -> str:
    try:
        if default is None:
            return Prompt.ask(prompt, console=console, default="", show_default=False).strip()
        return Prompt.ask(prompt, console=console, default=default).strip()
    except (EOFError, KeyboardInterrupt):
        console.print()
        fail(INTERRUPTED)


def _confirm(prompt: str, default: bool) -> bool:
    try:
        return Confirm.ask(prompt, console=console, default=default)
    except (EOFError, KeyboardInterrupt):
        console.print()
        fail(INTERRUPTED)


def interview(*, today: date | None = None) -> dict[str, Any]:
    """Walk through the questionnaire and return a dorsi.assessment/v1 document."""
    console.print(
        Panel.fit(
            "Dorsi ankle assessment — about 10 minutes.\nA blank answer skips a value; "
            "optional sections can be skipped.",
            title="Dorsi",
        )
    )
    day = today or date.today()  # noqa: DTZ011 (the person's own date, as the web wizard's)
    parts: list[Answers] = []
    for section in QUESTIONNAIRE:
        parts.append(_section(section, parts, day))
    return assessment_document(*parts)


def _section(section: Section, earlier: list[Answers], today: date) -> Answers:
    """Ask one section until the core accepts the answers so far; {} when skipped."""
    flagged = red_flagged(*earlier)
    console.print(f"\n[bold]{escape(section.title)}[/]")
    if flagged and section.physical_test:
        console.print(f"[yellow]{escape(RED_FLAG_STOP)}[/]")
    console.print(escape(section.intro))
    if section.skippable(flagged) and not _confirm("Fill in this section?", not flagged):
        return {}
    for howto in section.howtos:
        _print_howto(howto)
    while True:
        answers: dict[str, Answer] = {}
        shown: tuple[Option, ...] = ()
        for question in section.questions:
            if question.options and question.options != shown:  # once for a run of questions
                for number, option in enumerate(question.options, start=1):
                    console.print(f"  {number}. {escape(option.label)}")
                shown = question.options
            unit = answers.get(UNIT_PATH)
            answers[question.path] = _question(question, str(unit) if unit else None, today)
        document = assessment_document(*earlier, answers)
        try:
            parse_assessment(document, draft=not measurement_due(section))
        except ValidationError as error:
            console.print(f"  [red]✗[/] {escape(section.title)}: {escape(error.problem)}")
            continue
        return answers


def _print_howto(howto: HowTo) -> None:
    console.print(f"[bold]How to do it: {escape(howto.title)}[/]")
    for number, line in enumerate(howto.steps, start=1):
        console.print(f"  {number}. {escape(line)}")
    for note in howto.notes:
        console.print(f"  {escape(note)}")
    console.print(f"  [yellow]{escape(howto.stop_rule)}[/]")


def _question(question: Question, unit: str | None, today: date) -> Answer:
    """Ask until the answer reads (and is in range); blank skips unless it is required."""
    default = today.isoformat() if question.kind is Kind.DATE else _shown(question)
    while True:
        text = _ask(_prompt(question, unit), default)
        try:
            value = read_answer(question, text, unit=unit)
        except ValidationError as error:
            console.print(f"  [red]✗[/] {escape(error.problem)}")
            continue
        if value is None and question.required:
            console.print("  [red]✗[/] an answer is needed here")
            continue
        return value


def _shown(question: Question) -> str | None:
    """The default as the person types it: an option's number, or the value."""
    if question.default is None:
        return None
    codes = [option.code for option in question.options]
    if question.default in codes:
        return str(codes.index(str(question.default)) + 1)
    return str(question.default)


def _prompt(question: Question, unit: str | None) -> str:
    label = escape(question.label)
    suffix = question.unit_for(unit)
    hints = {
        Kind.NUMBER: f"{suffix}, blank to skip" if suffix else "blank to skip",
        Kind.INTEGER: f"{suffix}, blank to skip" if suffix else "blank to skip",
        Kind.YES_NO: "y or n, blank to skip",
        Kind.CHOICE: "a number" if question.required else "a number, blank to skip",
        Kind.CHOICES: "numbers separated by commas, blank for none",
        Kind.DATE: "YYYY-MM-DD",
    }
    return f"{label} ({escape(hints[question.kind])})"


def offer_plan(document: dict[str, Any], report: Report) -> None:
    """After the report: build the plan now, and save the files the user wants."""
    if report.sides.left is None and report.sides.right is None:
        console.print(
            "No plan yet: it is built from the knee-to-wall test. Once a professional has "
            "cleared you, run the assessment again with your measurement."
        )
        return
    cleared = False
    if report.referral.level is ReferralLevel.BEFORE_STARTING:
        # Held (SPEC §2.7): no plan is offered until the person says a professional cleared them.
        console.print(f"[yellow]Warning signs you reported: {escape(_flags(report))}.[/]")
        cleared = _confirm("Has a professional examined you and cleared you to start?", False)
        if not cleared:
            console.print(HELD)
            _offer_saves(document, None)
            return
    if not _confirm("Build your 12-week plan now?", True):
        return
    start = _ask_start()
    try:
        plan = build_plan_for(report, start=start, cleared=cleared)
    except ReferralRequired as error:  # pragma: no cover (cleared above)
        console.print(f"[yellow]No plan yet:[/] {escape(str(error))}")
        return
    triage = triage_for(report, cleared=cleared)
    for line in triage:
        console.print(escape(line))
    print_plan_summary(plan, console)
    _offer_saves(document, plan, triage)


def _flags(report: Report) -> str:
    codes = {flag.value: flag for flag in RedFlag}
    return ", ".join(RED_FLAG_LABELS[codes[r]] for r in report.referral.reasons if r in codes)


def _ask_start() -> date:
    while True:
        answer = _ask("Start date (YYYY-MM-DD)", date.today().isoformat())  # noqa: DTZ011
        try:
            return date.fromisoformat(answer)
        except ValueError:
            console.print("  [red]✗[/] use YYYY-MM-DD")


def _offer_saves(document: dict[str, Any], plan: Any, triage: tuple[str, ...] = ()) -> None:
    path = _ask("Save your assessment as JSON (for `dorsi plan --assessment`)? file name")
    if path:
        write_atomically(Path(path), dump_json(document))
        console.print(f"Saved {path}")
    if plan is None:
        return
    path = _ask("Save the plan? file name ending .json, .md or .ics (calendar)")
    if path:
        write_atomically(Path(path), render_for_path(plan, Path(path), triage))
        console.print(f"Saved {path}")
