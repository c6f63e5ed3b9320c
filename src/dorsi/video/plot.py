"""angles.png: the angles over time, with reps shaded and heel-lift onsets marked."""

from __future__ import annotations

from pathlib import Path

from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from dorsi.video.model import UNCERTAINTY_DEG, Analysis, Value

# Figure and canvas are built directly (no pyplot), so nothing touches a global backend or
# opens a window, and this is safe inside a worker process.


def plot_angles(analysis: Analysis, path: Path) -> None:
    figure(analysis).savefig(path)


def figure(analysis: Analysis) -> Figure:
    s = analysis.series
    # Fixed margins rather than the constrained layout engine, which measured every tick
    # label again and cost as much as the drawing itself (0.3 → 0.2 s CPU for a 10 s clip).
    fig = Figure(figsize=(10, 6.5), dpi=100)
    FigureCanvasAgg(fig)
    fig.subplots_adjust(left=0.07, right=0.985, top=0.94, bottom=0.08, hspace=0.06)
    top, bottom = fig.subplots(2, 1, sharex=True, height_ratios=(3, 2))
    _line(top, s.time_s, s.tibia_angle_deg, "tibia from vertical", "tab:blue", band=True)
    _line(top, s.time_s, s.ankle_angle_deg, "ankle (shank vs foot)", "tab:orange")
    _line(top, s.time_s, s.trunk_lean_deg, "trunk lean", "tab:gray")
    top.set_ylabel("degrees")
    unit = "cm" if analysis.scale.unit.value == "cm" else "shank lengths"
    _line(bottom, s.time_s, s.hip_above_knee, "hip above knee", "tab:green")
    _line(bottom, s.time_s, s.heel_lift, "heel lift", "tab:red")
    _line(bottom, s.time_s, s.knee_past_toes, "knee past toes", "tab:purple")
    bottom.axhline(0.0, color="black", linewidth=0.6)
    bottom.set_ylabel(unit)
    bottom.set_xlabel("time (s)")
    for ax in (top, bottom):
        _mark_reps(ax, analysis)
        ax.grid(alpha=0.3)
        ax.legend(loc="upper right", fontsize=10)
    side = analysis.side.value
    top.set_title(
        f"{analysis.mode.value}, {side} side · reps: {len(analysis.reps)} · "
        f"shaded band: ±{UNCERTAINTY_DEG:g}°"
    )
    return fig


def _line(
    ax: Axes,
    t: tuple[float, ...],
    values: tuple[Value, ...],
    label: str,
    color: str,
    band: bool = False,
) -> None:
    y = [float("nan") if v is None else v for v in values]
    ax.plot(t, y, label=label, color=color, linewidth=1.4)
    if band:
        low = [v - UNCERTAINTY_DEG for v in y]
        high = [v + UNCERTAINTY_DEG for v in y]
        ax.fill_between(t, low, high, color=color, alpha=0.12, linewidth=0)


def _mark_reps(ax: Axes, analysis: Analysis) -> None:
    onsets = [r.heel_lift_onset.time_s for r in analysis.reps if r.heel_lift_onset is not None]
    first = analysis.summary.first_heel_lift_onset
    if first is not None and not onsets:
        onsets = [first.time_s]
    for i, rep in enumerate(analysis.reps):
        ax.axvspan(
            rep.start_s, rep.end_s, color="tab:cyan", alpha=0.08, label="rep" if i == 0 else None
        )
        ax.axvline(rep.start_s, color="tab:cyan", linewidth=0.8)
        ax.axvline(rep.end_s, color="tab:cyan", linewidth=0.8)
    for i, time_s in enumerate(onsets):
        label = "heel starts to lift" if i == 0 else None
        ax.axvline(time_s, color="tab:red", linestyle="--", linewidth=1.2, label=label)
