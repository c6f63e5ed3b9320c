"""`dorsi plan`: the 12-week program from an assessment, as text, JSON, Markdown or a calendar."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

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


def build_plan_for(report: Any, *, start: date, cleared: bool) -> Any:
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


def render_plan(plan: Any, fmt: Format) -> str | bytes:
    from dorsi.core.program.build import plan_to_document, plan_to_markdown

    if fmt is Format.JSON:
        return dump_json(plan_to_document(plan))
    if fmt is Format.ICS:
        return plan_ics(plan_to_document(plan))
    return str(plan_to_markdown(plan))


def plan_ics(plan_doc: dict[str, Any]) -> bytes:
    from dorsi.core.library.exercises import load_library
    from dorsi.formats.ics import plan_to_ics

    library = load_library()
    names = {exercise_id: library.get(exercise_id).name for exercise_id in library.ids}
    per_side = frozenset(e for e in library.ids if library.get(e).per_side)
    # DTSTAMP is the plan's start at midnight UTC so the same plan gives the same file.
    stamp = datetime.fromisoformat(plan_doc["start"]).replace(tzinfo=UTC)
    return plan_to_ics(plan_doc, stamp=stamp, names=names, per_side=per_side)


def render_for_path(plan: Any, path: Path) -> str | bytes:
    by_suffix = {".json": Format.JSON, ".ics": Format.ICS, ".md": Format.MARKDOWN}
    return render_plan(plan, by_suffix.get(path.suffix.lower(), Format.MARKDOWN))


def print_plan(plan: Any, console: Console) -> None:
    from dorsi.core.library.exercises import load_library
    from dorsi.core.program.build import plan_to_document
    from dorsi.formats.ics import describe_item

    doc = plan_to_document(plan)
    library = load_library()
    names = {e: library.get(e).name for e in library.ids}
    per_side = frozenset(e for e in library.ids if library.get(e).per_side)
    print_plan_summary(plan, console)
    for week in doc["weeks"]:
        table = Table(
            title=f"Week {week['week']} — {week['phase']}", show_lines=False, expand=False
        )
        table.add_column("Date")
        table.add_column("Session")
        table.add_column("Min", justify="right")
        table.add_column("Exercises")
        for day in week["days"]:
            items = "\n".join(describe_item(item, names, per_side) for item in day["items"])
            marker = " ★ retest" if day["date"] in doc["retests"] else ""
            table.add_row(day["date"], day["kind"] + marker, f"{day['minutes']:g}", items)
        console.print(table)


def print_plan_summary(plan: Any, console: Console) -> None:
    from dorsi.core.program.build import plan_to_document

    doc = plan_to_document(plan)
    console.print(
        f"[bold]12-week plan[/] from {doc['start']}: "
        f"{sum(len(w['days']) for w in doc['weeks'])} sessions"
    )
    console.print("Retests: " + ", ".join(doc["retests"]))
    for adaptation in doc.get("adaptations", []):
        console.print(f"• {adaptation.get('text', adaptation)}")
