"""`dorsi video analyze` and `dorsi video compare`.

numpy, OpenCV, PyAV, MediaPipe and matplotlib are imported inside the commands, so this module
(and `dorsi --help`) stays fast to import.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TaskID,
    TextColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from rich.text import Text

from dorsi.cli.common import fail
from dorsi.core.errors import DorsiError
from dorsi.video.model import HEEL_NOT_JUDGED, SIDE_REASON_WORDS, Mode, SideChoice

if TYPE_CHECKING:
    from dorsi.video.comparison import Comparison
    from dorsi.video.model import Analysis
    from dorsi.video.model import Progress as VideoProgress

video_app = typer.Typer(
    help="Analyse side-view squat and knee-to-wall videos.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
STAGES = {"pose": "Finding the joints", "render": "Drawing the video"}


class FramesPerSecond(ProgressColumn):
    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text("" if speed is None else f"{speed:5.1f} fps", style="progress.data.speed")


@video_app.command("analyze")
def analyze_command(
    file: Annotated[Path, typer.Argument(help="The video (MP4, MOV, ...), filmed from the side.")],
    mode: Annotated[Mode, typer.Option("--mode", "-m", help="What the video shows.")],
    side: Annotated[
        SideChoice,
        typer.Option(
            "--side",
            help="Leg to measure; auto = nearer the camera (squat) or front leg (knee-to-wall).",
        ),
    ] = SideChoice.AUTO,
    height_cm: Annotated[
        float | None, typer.Option("--height-cm", help="Athlete's height, to report lengths in cm.")
    ] = None,
    shank_cm: Annotated[
        float | None,
        typer.Option("--shank-cm", help="Knee-joint to ankle-joint length, if measured (cm)."),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out", "-o", help="Folder for the results (default: <video name>-analysis)."
        ),
    ] = None,
) -> None:
    """Measure tibia and ankle angles, heel lift, depth and reps; write a report folder."""
    from dorsi.video import analyze

    out_dir = out if out is not None else Path(f"{file.stem}-analysis")
    err = Console(stderr=True)
    try:
        with _progress_bar(err) as report:
            result = analyze(
                file,
                mode=mode,
                side=side,
                height_cm=height_cm,
                shank_cm=shank_cm,
                out_dir=out_dir,
                progress=report,
            )
    except DorsiError as error:
        fail(str(error))
    Console().print(_summary_table(result, out_dir))
    for notice in result.warnings:
        err.print(f"[yellow]Warning:[/yellow] {notice.message}", highlight=False)


class _progress_bar:
    """A Rich progress bar (one task per stage) fed by the analysis' progress callback."""

    def __init__(self, console: Console) -> None:
        self._bar = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            FramesPerSecond(),
            TimeRemainingColumn(),
            console=console,
            transient=True,
        )
        self._tasks: dict[str, TaskID] = {}

    def __enter__(self) -> _progress_bar:
        self._bar.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._bar.stop()

    def __call__(self, event: VideoProgress) -> None:
        task = self._tasks.get(event.stage)
        if task is None:
            task = self._bar.add_task(STAGES.get(event.stage, event.stage), total=event.total)
            self._tasks[event.stage] = task
        self._bar.update(task, completed=event.done, total=event.total)


def _fmt(value: float | None, unit: str = "°") -> str:
    if value is None:
        return "–"
    return f"{value:.0f}{unit}" if unit == "°" else f"{value:.2f} {unit}"


def _summary_table(a: Analysis, out_dir: Path) -> Table:
    s = a.summary
    unit = "cm" if a.scale.unit.value == "cm" else "× shank"
    table = Table(
        title=(
            f"{a.mode.value} · {a.side.value} leg ({SIDE_REASON_WORDS[a.side_reason]}) · "
            f"±{s.uncertainty_deg:g}°"
        )
    )
    table.add_column("measure")
    table.add_column("value", justify="right")
    table.add_row("reps found", str(s.rep_count))
    best = s.max_tibia_angle_heel_down
    table.add_row(
        "largest tibia angle, heel down",
        "–" if best is None else f"{_fmt(best.value_deg)} at {best.time_s:.2f} s",
    )
    if s.weight_bearing_dorsiflexion is not None:
        table.add_row(
            "weight-bearing dorsiflexion (estimate)", _fmt(s.weight_bearing_dorsiflexion.value_deg)
        )
    if s.knee_to_wall is not None:
        k = s.knee_to_wall
        table.add_row(
            "knee-to-wall distance (estimate)",
            f"≈ {k.distance_cm:.0f} cm ({k.low_cm:.0f}–{k.high_cm:.0f} cm)",
        )
    onset = s.first_heel_lift_onset
    if onset is None:
        judged = any(down is not None for down in a.series.heel_down)
        table.add_row("heel lift", "heel stayed down" if judged else HEEL_NOT_JUDGED)
    else:
        table.add_row(
            "heel lift starts", f"{onset.time_s:.2f} s at tibia {_fmt(onset.tibia_angle_deg)}"
        )
        table.add_row("hip above knee at heel lift", _fmt(onset.hip_above_knee, unit))
    for rep in a.reps:
        d = rep.deepest
        table.add_row(
            f"rep {rep.number} deepest" + (f" ({rep.leg} leg)" if rep.leg else ""),
            f"hip {_fmt(d.hip_above_knee, unit)} over knee, tibia {_fmt(d.tibia_angle_deg)}",
        )
    table.caption = f"Results in {out_dir}/ (analysis.json, frames.csv, angles.png, annotated.mp4)"
    return table


@video_app.command("compare")
def compare_command(
    before: Annotated[Path, typer.Argument(help="analysis.json of the earlier video.")],
    after: Annotated[Path, typer.Argument(help="analysis.json of the later video.")],
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Folder for compare.json and compare.png.")
    ] = None,
) -> None:
    """Show what changed between two analyses; changes under 5° are no real change."""
    from dorsi.video import compare

    out_dir = out if out is not None else Path("video-compare")
    try:
        result = compare(before, after, out_dir=out_dir)
    except DorsiError as error:
        fail(str(error))
    console = Console()
    console.print(_compare_table(result))
    for note in result.notes:
        console.print(f"note: {note}", soft_wrap=True)
    if result.image is not None:
        console.print(f"Side-by-side image: {result.image}", soft_wrap=True)


def _compare_table(result: Comparison) -> Table:
    table = Table(title="Change between the two videos (angles ±5°)")
    for name, justify in (
        ("measure", "left"),
        ("before", "right"),
        ("after", "right"),
        ("change", "right"),
        ("verdict", "left"),
    ):
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    for m in result.metrics:
        unit = "°" if m.unit == "deg" else m.unit
        table.add_row(
            m.metric,
            _fmt(m.before, unit),
            _fmt(m.after, unit),
            "–"
            if m.delta is None
            else f"{m.delta:+.1f}{unit}"
            if unit == "°"
            else f"{m.delta:+.2f} {unit}",
            m.verdict or "–",
        )
    return table
