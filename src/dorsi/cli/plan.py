"""`dorsi plan`: the 12-week program from an assessment, as text, JSON, Markdown or a calendar.

Every format renders the core's ``Plan`` value: the JSON is ``plan_to_document``, the calendar
is the same iCalendar builder as the web feed (``dorsi.formats.ics``).
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from dorsi.cli.common import (
    Format,
    bad_input_exits,
    dump_json,
    emit,
    fail,
    parse_choice,
    parse_day,
    read_json,
)
from dorsi.core import words as wording
from dorsi.core.codes import PlanMode
from dorsi.core.errors import ReferralRequired
from dorsi.core.program.calendar_text import day_kind_name, week_label
from dorsi.formats.words import cite, plain

if TYPE_CHECKING:
    from dorsi.core.assessment.report import Report
    from dorsi.core.program.values import Plan, PlanDay


def build_plan_for(report: Report, *, start: date, cleared: bool) -> Plan:
    from dorsi.core.library.exercises import load_library
    from dorsi.core.program.build import build_plan

    return build_plan(report, start=start, library=load_library(), cleared_by_professional=cleared)


def run_plan(assessment: Path, *, start: str, fmt: str, output: Path | None, cleared: bool) -> None:
    from dorsi.core.assessment.engine import assess
    from dorsi.core.assessment.parse import parse_assessment

    chosen = parse_choice("--format", fmt, Format)
    first_day = parse_day("--start", start)
    document = read_json(assessment, what="--assessment")
    with bad_input_exits():
        report = assess(parse_assessment(document))
    triage = triage_for(report, cleared=cleared)
    try:
        plan = build_plan_for(report, start=first_day, cleared=cleared)
    except ReferralRequired:
        for line in triage:
            print(line, file=sys.stderr)
        fail(
            "no plan yet; once a professional has cleared you, run again with "
            "--cleared-by-professional"
        )
    if chosen is Format.TEXT:
        emit(
            render_plan(plan, Format.MARKDOWN, triage),
            output,
            render=lambda: print_plan(plan, Console(highlight=False), triage),
        )
    else:
        emit(render_plan(plan, chosen, triage), output)


def triage_for(report: Report, *, cleared: bool) -> tuple[str, ...]:
    """The report's triage lines (empty without a referral), said before the plan."""
    from dorsi.core.assessment.document import report_to_document
    from dorsi.formats.triage import triage_of

    triage = triage_of(report_to_document(report), cleared=cleared)
    return () if triage is None else triage.lines


def render_plan(plan: Plan, fmt: Format, triage: tuple[str, ...] = ()) -> str | bytes:
    from dorsi.core.program.document import plan_to_document
    from dorsi.formats.plan_text import plan_to_markdown

    if fmt is Format.JSON:
        return dump_json(plan_to_document(plan))
    if fmt is Format.ICS:
        from dorsi.formats.ics import plan_to_ics

        # A new plan is in development: its calendar is the 12 weeks whatever ``today`` is.
        return plan_to_ics(plan, today=plan.start)
    return plan_to_markdown(plan, triage=triage)


def render_for_path(plan: Plan, path: Path, triage: tuple[str, ...] = ()) -> str | bytes:
    by_suffix = {".json": Format.JSON, ".ics": Format.ICS, ".md": Format.MARKDOWN}
    return render_plan(plan, by_suffix.get(path.suffix.lower(), Format.MARKDOWN), triage)


def _session(day: PlanDay) -> str:
    return day_kind_name(day.kind.value) + (" ★ retest" if day.retest else "")


def print_plan(plan: Plan, console: Console, triage: tuple[str, ...] = ()) -> None:
    from dorsi.core.program.document import describe_item

    for line in triage:
        console.print(escape(line))
    print_plan_summary(plan, console)
    for week in plan.weeks:
        label = week_label(week.week, week.phase)
        table = Table(title=label.title, caption=label.retest_reason or None, expand=False)
        table.add_column("Date")
        table.add_column("Session")
        table.add_column("Min", justify="right")
        table.add_column("Exercises")
        for day in week.days:
            items = "\n".join(plain(describe_item(item)) for item in day.items)
            when = wording.day_text(day.date, weekday=True)
            table.add_row(when, _session(day), wording.number(day.minutes), items)
        console.print(table)


def _title(plan: Plan) -> str:
    return "12-week maintenance plan" if plan.mode is PlanMode.MAINTENANCE else "12-week plan"


def sessions_count(plan: Plan) -> str:
    """ "84 sessions", or for a plan with rest days "60 sessions and 24 rest days"."""
    sessions, rest = len(plan.session_days), len(plan.days) - len(plan.session_days)
    text = f"{sessions} session{'s' if sessions != 1 else ''}"
    return text + (f" and {rest} rest day{'s' if rest != 1 else ''}" if rest else "")


def print_plan_summary(plan: Plan, console: Console) -> None:
    start = wording.day_text(plan.start)
    console.print(f"[bold]{_title(plan)}[/] from {start}: {sessions_count(plan)}")
    console.print("Retests: " + ", ".join(wording.day_text(when) for when in plan.retests))
    for adaptation in plan.adaptations:
        named = cite(adaptation.sources)
        console.print(escape(f"• {plain(adaptation.text)}" + (f" ({named})" if named else "")))
    console.print("Full references: dorsi sources")
