"""Rich rendering of the JSON documents (the CLI renders documents, never core internals)."""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping
from typing import Any

from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

SEVERITY_STYLE = {"urgent": "bold red", "warning": "yellow", "notice": "cyan", "info": "dim"}
REFERRAL_TEXT = {
    "none": "No referral needed.",
    "consider": "Consider seeing a physiotherapist or doctor.",
    "before_starting": "See a professional BEFORE starting the program.",
}


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
    row("Category", lambda s: str(s["category"]).replace("_", " "))
    row("Percentile*", lambda s: "—" if s.get("percentile") is None else f"{s['percentile']:.0f}")
    row("Shin angle (est.)", _angle)
    row("Angle flags", lambda s: ", ".join(s.get("angle_flags", [])) or "—")
    row("Limited by", lambda s: ", ".join(s.get("limiting_factors", [])) or "—")
    return table


def _angle(side: Mapping[str, Any]) -> str:
    estimate = side.get("angle_estimate_deg")
    if not estimate:
        return "—"
    return f"{estimate['value']:.0f}° ({estimate['low']:.0f}–{estimate['high']:.0f})"


def report_renderable(doc: Mapping[str, Any]) -> RenderableType:
    parts: list[RenderableType] = [
        _side_table(doc),
        Text("* against healthy-adult norms (Hoch & McKeon 2011)", style="dim"),
    ]
    asym = doc.get("asymmetry")
    if asym:
        worse = asym.get("more_restricted_side")
        text = f"Asymmetry: {asym['difference_cm']:.1f} cm — {asym['level']}"
        if worse:
            text += f" ({worse} side more restricted)"
        parts.append(Text(text))
    referral = doc["referral"]
    style = {"none": "green", "consider": "yellow", "before_starting": "bold red"}[
        referral["level"]
    ]
    reasons = f" Reasons: {', '.join(referral['reasons'])}." if referral["reasons"] else ""
    parts.append(Text(REFERRAL_TEXT[referral["level"]] + reasons, style=style))
    for finding in doc.get("findings", []):
        parts.append(
            Text.assemble(
                (f"[{finding['severity']}] ", SEVERITY_STYLE.get(finding["severity"], "")),
                finding["text"],
                (f"  ({'; '.join(finding['sources'])})", "dim"),
            )
        )
    if doc.get("recommendations"):
        parts.append(Text("What to do", style="bold"))
        for item in doc["recommendations"]:
            parts.append(Text(f"• {item['text']}"))
    return Panel(Group(*parts), title="Dorsi assessment", expand=False)


def print_report(doc: Mapping[str, Any]) -> None:
    Console(highlight=False).print(report_renderable(doc))


def plain_report(doc: Mapping[str, Any]) -> str:
    return plain(lambda: report_renderable(doc))
