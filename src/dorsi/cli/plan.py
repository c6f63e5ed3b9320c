"""`dorsi plan`: the 12-week program from an assessment, as text, JSON, Markdown or a calendar.

Every format renders the core's ``Plan`` value: the JSON is ``plan_to_document``, the calendar
is the same iCalendar builder as the web feed (``dorsi.formats.ics``).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console
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
from dorsi.core.errors import ReferralRequired

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
    try:
        plan = build_plan_for(report, start=first_day, cleared=cleared)
    except ReferralRequired as error:
        fail(f"{error}; see a professional first, then run again with --cleared-by-professional")
    if chosen is Format.TEXT:
        emit(render_plan(plan, Format.MARKDOWN), output, render=lambda: print_plan(plan, Console()))
    else:
        emit(render_plan(plan, chosen), output)


def render_plan(plan: Plan, fmt: Format) -> str | bytes:
    from dorsi.core.program.document import plan_to_document, plan_to_markdown

    if fmt is Format.JSON:
        return dump_json(plan_to_document(plan))
    if fmt is Format.ICS:
        from dorsi.formats.ics import plan_to_ics

        # A new plan is in development: its calendar is the 12 weeks whatever ``today`` is.
        return plan_to_ics(plan, today=plan.start)
    return plan_to_markdown(plan)


def render_for_path(plan: Plan, path: Path) -> str | bytes:
    by_suffix = {".json": Format.JSON, ".ics": Format.ICS, ".md": Format.MARKDOWN}
    return render_plan(plan, by_suffix.get(path.suffix.lower(), Format.MARKDOWN))


def _session(day: PlanDay) -> str:
    kind = day.kind.value.replace("_", "-")
    return kind + (" ★ retest" if day.retest else "")


def print_plan(plan: Plan, console: Console) -> None:
    from dorsi.core.program.document import describe_item

    print_plan_summary(plan, console)
    for week in plan.weeks:
        table = Table(title=f"Week {week.week} — {week.phase.value}", expand=False)
        table.add_column("Date")
        table.add_column("Session")
        table.add_column("Min", justify="right")
        table.add_column("Exercises")
        for day in week.days:
            items = "\n".join(describe_item(item) for item in day.items)
            table.add_row(day.date.isoformat(), _session(day), f"{day.minutes:g}", items)
        console.print(table)


def print_plan_summary(plan: Plan, console: Console) -> None:
    console.print(f"[bold]12-week plan[/] from {plan.start.isoformat()}: {len(plan.days)} sessions")
    console.print("Retests: " + ", ".join(when.isoformat() for when in plan.retests))
    for adaptation in plan.adaptations:
        console.print(f"• {adaptation.text}")
