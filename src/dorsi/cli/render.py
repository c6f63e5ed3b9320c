"""Rich rendering of the JSON documents (the CLI renders documents, never core internals)."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from dorsi.formats.words import cite, words

SEVERITY_STYLE = {"urgent": "bold red", "warning": "yellow", "notice": "cyan", "info": "dim"}
URGENCY_STYLE = {"emergency": "bold red", "urgent": "bold red", "routine": "bold yellow"}


def plain(render: Callable[[], RenderableType], width: int = 100) -> str:
    """The renderable as plain text (for --output files)."""
    buffer = io.StringIO()
    Console(file=buffer, width=width, no_color=True, highlight=False, emoji=False).print(render())
    return buffer.getvalue()


def _cm(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f} cm"


def _side_table(doc: Mapping[str, Any]) -> Table:
    table = Table(title="Knee-to-wall", expand=False)
    table.add_column("")
    for side in ("left", "right"):
        table.add_column(side.title())
    sides = doc["sides"]

    def row(label: str, get: Callable[[Mapping[str, Any]], str]) -> None:
        table.add_row(
            label, *(get(sides[s]) if sides.get(s) else "not measured" for s in ("left", "right"))
        )

    row("Distance", lambda s: _cm(s["knee_to_wall_cm"]))
    row("Category", lambda s: words(s["category"]))
    row("Percentile*", lambda s: "—" if s.get("percentile") is None else f"{s['percentile']:.0f}")
    row("Shin angle (est.)", _angle)
    row("Angle", lambda s: ", ".join(words(f) for f in s.get("angle_flags", [])) or "—")
    row("Probably limited by", lambda s: _factors(s.get("limiting_factors", [])))
    if any((sides.get(s) or {}).get("possible_factors") for s in ("left", "right")):
        row("Possible factors", lambda s: _factors(p["code"] for p in s["possible_factors"]))
    return table


def _factors(codes: Iterable[str]) -> str:
    return ", ".join(words(code) for code in codes) or "—"


def _angle(side: Mapping[str, Any]) -> str:
    estimate = side.get("angle_estimate_deg")
    if not estimate:
        return "—"
    return f"{estimate['value']:.0f}° ({estimate['low']:.0f}–{estimate['high']:.0f})"


def _triage(doc: Mapping[str, Any]) -> list[RenderableType]:
    """Said first: how urgent, whom to see and how soon (the web's triage, in the terminal)."""
    from dorsi.formats.triage import triage_of

    triage = triage_of(doc)
    if triage is None:
        return []
    style = URGENCY_STYLE.get(triage.urgency.value if triage.urgency else "", "yellow")
    lines = triage.lines
    return [Text(lines[0], style=style), *(Text(line) for line in lines[1:]), Text("")]


def report_renderable(doc: Mapping[str, Any]) -> RenderableType:
    known = doc.get("sources")
    parts: list[RenderableType] = [
        *_triage(doc),
        _side_table(doc),
        Text(f"* against {doc.get('percentile_basis') or 'healthy-adult norms'}", style="dim"),
    ]
    asym = doc.get("asymmetry")
    if asym:
        worse = asym.get("more_restricted_side")
        text = f"Asymmetry: {asym['difference_cm']:.1f} cm — {words(asym['level'])}"
        if worse:
            text += f" ({worse} side more restricted)"
        parts.append(Text(text))
    for finding in doc.get("findings", []):
        parts.append(
            Text.assemble(
                (f"[{words(finding['severity'])}] ", SEVERITY_STYLE.get(finding["severity"], "")),
                finding["text"],
                (f"  ({cite(finding['sources'], known)})", "dim"),
            )
        )
    if doc.get("recommendations"):
        parts.append(Text("What to do", style="bold"))
        for item in doc["recommendations"]:
            parts.append(
                Text.assemble(f"• {item['text']}", (f"  ({cite(item['sources'], known)})", "dim"))
            )
    parts.append(Text("Full references: dorsi sources", style="dim"))
    return Panel(Group(*parts), title="Dorsi assessment", expand=False)


def print_report(doc: Mapping[str, Any]) -> None:
    Console(highlight=False).print(report_renderable(doc))


def plain_report(doc: Mapping[str, Any]) -> str:
    return plain(lambda: report_renderable(doc))
