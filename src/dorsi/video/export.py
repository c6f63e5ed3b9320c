"""Report files of an analysis, written all together or not at all."""

from __future__ import annotations

import contextlib
import csv
import json
import shutil
import tempfile
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from dorsi.video.model import Analysis, Progress

ANALYSIS_JSON = "analysis.json"
FRAMES_CSV = "frames.csv"
ANGLES_PNG = "angles.png"
ANNOTATED_MP4 = "annotated.mp4"


def write_outputs(
    analysis: Analysis, out_dir: Path, *, progress: Callable[[Progress], None] | None = None
) -> list[Path]:
    """Write the four report files into ``out_dir`` and return their paths."""
    from dorsi.video.annotate import render_annotated
    from dorsi.video.plot import plot_angles

    with staging(out_dir) as tmp, ThreadPoolExecutor(max_workers=1) as pool:
        # The plot (about 0.1 s of Python, mostly holding the GIL) is drawn while the video
        # renders: its decoder and encoder run in native code that lets go of the GIL.
        files = pool.submit(_write_files, analysis, tmp, plot_angles)
        render_annotated(analysis, tmp / ANNOTATED_MP4, progress=progress)
        files.result()
        names = sorted(p.name for p in tmp.iterdir())
    return [out_dir / name for name in names]


def _write_files(
    analysis: Analysis, tmp: Path, plot_angles: Callable[[Analysis, Path], None]
) -> None:
    write_json(analysis, tmp / ANALYSIS_JSON)
    write_csv(analysis, tmp / FRAMES_CSV)
    plot_angles(analysis, tmp / ANGLES_PNG)


@contextlib.contextmanager
def staging(out_dir: Path) -> Iterator[Path]:
    """A temporary folder beside ``out_dir``; its files move into ``out_dir`` only if the block
    finishes, so a failure never leaves half a report behind."""
    out_dir = out_dir.resolve()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}-", dir=out_dir.parent))
    try:
        yield tmp
        if out_dir.exists():
            for item in tmp.iterdir():
                item.replace(out_dir / item.name)
        else:
            tmp.replace(out_dir)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def write_json(analysis: Analysis, path: Path) -> None:
    # allow_nan=False: a NaN slipping through would make the file unreadable to browsers.
    text = json.dumps(analysis.to_dict(), indent=1, allow_nan=False, ensure_ascii=False)
    path.write_text(text + "\n", encoding="utf-8")


def csv_header(analysis: Analysis) -> list[str]:
    unit = analysis.scale.unit.value
    return [
        "frame",
        "time_s",
        "tibia_angle_deg",
        "ankle_angle_deg",
        f"heel_lift_{unit}",
        "heel_down",
        f"knee_past_toes_{unit}",
        f"hip_above_knee_{unit}",
        "trunk_lean_deg",
        "confidence",
        "rep",
        "side_view",
        "leg",
    ]


def write_csv(analysis: Analysis, path: Path) -> None:
    s = analysis.series
    rep_of = rep_numbers(analysis)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(csv_header(analysis))
        for i, t in enumerate(s.time_s):
            down = s.heel_down[i]
            writer.writerow(
                [
                    i,
                    f"{t:.4f}",
                    _cell(s.tibia_angle_deg[i]),
                    _cell(s.ankle_angle_deg[i]),
                    _cell(s.heel_lift[i]),
                    "" if down is None else int(down),
                    _cell(s.knee_past_toes[i]),
                    _cell(s.hip_above_knee[i]),
                    _cell(s.trunk_lean_deg[i]),
                    _cell(s.confidence[i]),
                    rep_of[i] or "",
                    int(s.side_view[i]) if s.side_view else "",
                    (s.leg[i] or "") if s.leg else "",
                ]
            )


def rep_numbers(analysis: Analysis) -> list[int]:
    """Rep number per frame, 0 outside reps."""
    numbers = [0] * len(analysis.series.time_s)
    for rep in analysis.reps:
        for frame in range(rep.start_frame, rep.end_frame + 1):
            numbers[frame] = rep.number
    return numbers


def _cell(value: float | None) -> str:
    return "" if value is None else repr(value)
