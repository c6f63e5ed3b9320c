"""compare.png: one frame of each video, at matching depth, next to each other."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import numpy.typing as npt

from dorsi.video import media
from dorsi.video.annotate import draw_overlay
from dorsi.video.export import rep_numbers
from dorsi.video.model import Analysis

Image = npt.NDArray[np.uint8]
PANEL_HEIGHT = 720
LABEL_HEIGHT = 40


def write_side_by_side(
    before: Analysis, after: Analysis, frames: tuple[int, int], path: Path
) -> None:
    # Both panels get the same height so they line up; a smaller video is scaled up.
    height = min(PANEL_HEIGHT, max(before.source.height, after.source.height)) // 2 * 2
    panels = [
        _panel(before, frames[0], "Before", height),
        _panel(after, frames[1], "After", height),
    ]
    gap = np.full((panels[0].shape[0], 8, 3), 255, dtype=np.uint8)
    joined = np.hstack([panels[0], gap, panels[1]])
    if not cv2.imwrite(str(path), cv2.cvtColor(joined, cv2.COLOR_RGB2BGR)):
        raise OSError(f"could not write {path}")


def _panel(analysis: Analysis, frame_index: int, title: str, height: int) -> Image:
    src = analysis.source
    width = max(2, round(src.width * height / src.height) // 2 * 2)
    image = _decode_frame(analysis, frame_index, (width, height))
    draw_overlay(
        image, analysis, frame_index, width / src.width, rep_numbers(analysis)[frame_index]
    )
    label = np.full((LABEL_HEIGHT, width, 3), 255, dtype=np.uint8)
    time_s = analysis.series.time_s[frame_index]
    text = f"{title}: {Path(src.path).name}  t={time_s:.2f}s"
    cv2.putText(label, text, (8, 27), cv2.FONT_HERSHEY_SIMPLEX, 0.6, (20, 20, 20), 1, cv2.LINE_AA)
    return np.vstack([label, image])


def _decode_frame(analysis: Analysis, index: int, size: tuple[int, int]) -> Image:
    src = analysis.source
    for frame in media.iter_frames(Path(src.path), size=size, rotation=src.rotation_deg):
        if frame.index == index:
            return np.array(frame.image, copy=True)
    return np.zeros((size[1], size[0], 3), dtype=np.uint8)
