"""Warnings kept with a result (SPEC §6): each says what is less certain and what to change."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from dorsi.video import quality
from dorsi.video.model import Notice

Array = npt.NDArray[np.float64]
Mask = npt.NDArray[np.bool_]

TURN = "Next time, turn the camera 90° to the side, phone at hip height."
# Left-out stretches shorter than this are not worth a warning (a blink of the view estimate).
MIN_LEFT_OUT_S = 0.5
# At least this many frames near the deepest point with the heel seen, or the bottom figures
# rest on too little.
MIN_FRAMES_AT_DEPTH = 5


def spans_s(mask: Mask, time_s: Array) -> list[tuple[float, float]]:
    edges = np.diff(np.concatenate(([0], mask.astype(np.int8), [0])))
    starts, stops = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
    return [(float(time_s[a]), float(time_s[b - 1])) for a, b in zip(starts, stops, strict=True)]


def view_notices(
    usable: Mask, found: Mask, angle: Array, time_s: Array, fps: float
) -> list[Notice]:
    out: list[Notice] = []
    side = usable & found & np.isfinite(angle)
    if side.any():
        typical = float(np.median(angle[side]))
        if typical > quality.SIDE_ON_DEG:
            out.append(
                Notice(
                    "oblique",
                    f"Filmed about {5 * round(typical / 5):.0f}° off side-on: the shin's lean "
                    "reads smaller than it is, so treat the angles as a rough guide, and the heel "
                    "is not judged up or down from this angle. " + TURN,
                )
            )
    left_out = found & ~usable
    if left_out.sum() >= MIN_LEFT_OUT_S * fps:
        where = ", ".join(f"{a:.1f}–{b:.1f} s" for a, b in spans_s(left_out, time_s))
        out.append(
            Notice(
                "not_side_on_part",
                f"Part of the video is not side-on ({where}); those frames are left out of "
                "every figure. " + TURN,
            )
        )
    return out


def feet_notice(share: float) -> list[Notice]:
    if share <= quality.FEET_OUT_WARN_SHARE:
        return []
    return [
        Notice(
            "feet_hidden",
            f"The foot is at or past the edge of the picture in {100 * share:.0f}% of the frames; "
            "there the heel is neither called up nor down. Next time, step back so both feet "
            "stay in the frame.",
        )
    ]


def light_notice(brightness: Array) -> list[Notice]:
    finite = brightness[np.isfinite(brightness)]
    if finite.size and float(np.median(finite)) < quality.DARK_LUMA:
        return [
            Notice(
                "low_light",
                "The video is dark, so the joints are found less reliably. Next time, film "
                "in good light with the light behind the camera.",
            )
        ]
    return []


def leg_notice(implausible: Mask, fps: float) -> list[Notice]:
    if implausible.sum() < MIN_LEFT_OUT_S * fps:
        return []
    return [
        Notice(
            "shank_implausible",
            f"In {implausible.sum()} frames the shin leaned past "
            f"{quality.MAX_SHANK_LEAN_DEG:.0f}° (the rear leg, or a leg the pose model mixed "
            "up); those frames are not measured.",
        )
    ]


def depth_notice(reps: int, mode_is_squat: bool, tibia: Array, heel_seen: Mask) -> list[Notice]:
    if mode_is_squat and reps == 0:
        return [
            Notice(
                "no_reps",
                "No squat reps were found: a rep goes down until the hip is near knee height "
                "and comes back up. Walking in or out of the picture is not a rep.",
            )
        ]
    finite = np.isfinite(tibia) & heel_seen
    if not finite.any():
        return []
    deep = finite & (tibia >= float(np.max(tibia[finite])) - 3.0)
    if deep.sum() < MIN_FRAMES_AT_DEPTH:
        return [
            Notice(
                "few_at_depth",
                "Only a few frames near the deepest point show the heel clearly, so the "
                "largest angles rest on little. Next time, hold the bottom for a second.",
            )
        ]
    return []
