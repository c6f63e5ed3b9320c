"""dorsi.progress/v1 -> a PNG or SVG chart with matplotlib (imported only here)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

SIDE_STYLE = {"left": ("#1f6feb", "o", "-"), "right": ("#d1242f", "s", "--")}
BAND_COLOURS = {
    "significant_restriction": "#f8d7da",
    "moderate_restriction": "#fff3cd",
    "adequate": "#d1e7dd",
    "excellent": "#cfe2ff",
}


def _dates(points: list[Mapping[str, Any]]) -> list[date]:
    return [date.fromisoformat(point["date"]) for point in points]


def draw_progress_chart(doc: Mapping[str, Any], path: Path) -> None:
    """Knee-to-wall per side over time, the category bands, the ±1.5 cm band and the projection."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt

    figure, axes = plt.subplots(figsize=(9, 5), dpi=110)
    try:
        chart = doc["chart"]
        top = max([b["high_cm"] or 0 for b in chart["bands"]] + _all_values(doc)) + 2.0
        for band in chart["bands"]:
            high = band["high_cm"] if band["high_cm"] is not None else top
            axes.axhspan(
                band["low_cm"], high, color=BAND_COLOURS.get(band["code"], "#eee"), zorder=0
            )
            axes.text(
                1.005,
                (band["low_cm"] + high) / 2,
                band["code"].replace("_", " "),
                transform=axes.get_yaxis_transform(),
                va="center",
                fontsize=8,
                color="#555",
            )
        for side, (colour, marker, dash) in SIDE_STYLE.items():
            _draw_side(axes, doc, side, colour=colour, marker=marker, dash=dash)
        axes.set_ylim(0, top)
        axes.set_ylabel("knee-to-wall (cm)")
        axes.set_title(f"Dorsi progress — {doc['plan_start']} to {doc['today']}")
        axes.grid(alpha=0.3)
        axes.legend(loc="upper left", fontsize=8)
        figure.autofmt_xdate()
        figure.tight_layout()
        figure.savefig(path, format=path.suffix.lstrip(".").lower())
    finally:
        plt.close(figure)


def _all_values(doc: Mapping[str, Any]) -> list[float]:
    return [point["cm"] for points in doc["series"].values() for point in points]


def _draw_side(
    axes: Any, doc: Mapping[str, Any], side: str, *, colour: str, marker: str, dash: str
) -> None:
    points = doc["series"].get(side) or []
    if not points:
        return
    band = doc["chart"]["baseline_band"].get(side)
    if band:
        axes.fill_between(
            [_dates(points)[0], date.fromisoformat(doc["today"])],
            band["low_cm"],
            band["high_cm"],
            color=colour,
            alpha=0.08,
            hatch="//" if side == "right" else None,
            label=f"{side}: baseline ±{doc['measurement_error_cm']} cm (not a real change)",
        )
    axes.plot(
        _dates(points),
        [p["cm"] for p in points],
        color=colour,
        marker=marker,
        linestyle=dash,
        label=f"{side} side",
    )
    projection = doc["chart"]["projection"].get(side)
    if projection:
        line = projection["points"]
        axes.plot(
            _dates(line),
            [p["cm"] for p in line],
            color=colour,
            linestyle=":",
            linewidth=1.5,
            label=f"{side}: projection to {doc['chart']['target_cm']:g} cm",
        )
        if projection.get("earliest") and projection.get("latest"):
            axes.axvspan(
                date.fromisoformat(projection["earliest"]),
                date.fromisoformat(projection["latest"]),
                color=colour,
                alpha=0.06,
            )
