"""A synthetic athlete with known angles, the fake pose estimator, and clip writers.

The athlete is planar (side view): every angle is set directly, so the measured values can be
checked exactly. ``FakeEstimator`` is the only fake used by the video tests.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from fractions import Fraction
from pathlib import Path

import av
import cv2
import numpy as np

from dorsi.core.codes import Side
from dorsi.video.pose import Box, Landmark, PoseCandidate

L = Landmark


@dataclass(frozen=True)
class Body:
    """Segment lengths in pixels and where the athlete stands."""

    shank: float = 50.0
    thigh: float = 50.0
    trunk: float = 60.0
    foot: float = 26.0  # heel to toe tip
    toe_x: float = 190.0  # toe tip of the measured (near) foot, on the floor
    floor_y: float = 210.0
    facing: int = 1  # +1 faces image right, -1 faces image left
    near: str = "right"  # side nearer the camera
    far_leg_ahead: float = 0.0  # split stance: far foot this many px ahead of the near foot


@dataclass(frozen=True)
class Posture:
    tibia_deg: float = 0.0  # shank from vertical, + forward
    thigh_deg: float = 0.0  # thigh from vertical, + hip behind the knee
    trunk_deg: float = 10.0  # trunk from vertical, + forward
    heel_deg: float = 0.0  # foot rotation about the toe, + heel up


@dataclass(frozen=True)
class Joints:
    shoulder: tuple[float, float]
    hip: tuple[float, float]
    knee: tuple[float, float]
    ankle: tuple[float, float]
    heel: tuple[float, float]
    toe: tuple[float, float]


def _ahead(
    p: tuple[float, float], length: float, angle_deg: float, facing: int
) -> tuple[float, float]:
    """Point ``length`` from ``p`` along a segment tilted ``angle_deg`` forward from vertical-up."""
    a = math.radians(angle_deg)
    return p[0] + facing * length * math.sin(a), p[1] - length * math.cos(a)


def leg_joints(body: Body, posture: Posture, toe_x: float) -> Joints:
    f = body.facing
    toe = (toe_x, body.floor_y)
    b = math.radians(posture.heel_deg)
    heel = (toe[0] - f * body.foot * math.cos(b), toe[1] - body.foot * math.sin(b))
    # The ankle joint sits a quarter foot ahead of the heel and a quarter foot above the sole,
    # and turns with the foot when the heel lifts.
    up, fwd = 0.27 * body.foot, 0.25 * body.foot
    ankle = (
        heel[0] + f * (fwd * math.cos(b) + up * math.sin(b)),
        heel[1] - (up * math.cos(b) - fwd * math.sin(b)),
    )
    knee = _ahead(ankle, body.shank, posture.tibia_deg, f)
    hip = _ahead(knee, body.thigh, -posture.thigh_deg, f)
    shoulder = _ahead(hip, body.trunk, posture.trunk_deg, f)
    return Joints(shoulder, hip, knee, ankle, heel, toe)


def landmarks(
    body: Body, near: Posture, far: Posture | None = None, visibility: float = 0.95
) -> np.ndarray:
    """A (33, 4) BlazePose array for one athlete; the far leg defaults to the near leg's pose."""
    out = np.zeros((33, 4))
    sides = {"near": body.near, "far": "left" if body.near == "right" else "right"}
    for which, posture, toe_x, z in (
        ("near", near, body.toe_x, -15.0),
        ("far", far or near, body.toe_x + body.facing * body.far_leg_ahead, 15.0),
    ):
        j = leg_joints(body, posture, toe_x)
        if which == "far":  # one pelvis and one trunk: hips and shoulders overlap side-on
            near_j = leg_joints(body, near, body.toe_x)
            j = replace(j, hip=near_j.hip, shoulder=near_j.shoulder)
        prefix = sides[which].upper()
        for name in ("shoulder", "hip", "knee", "ankle", "heel", "toe"):
            x, y = getattr(j, name)
            out[L[f"{prefix}_{name.upper()}"]] = (
                x + (2.0 if which == "far" else 0.0),
                y,
                z,
                visibility,
            )
    head = leg_joints(body, near, body.toe_x).shoulder
    for index in range(11):  # face landmarks: just above the shoulders
        out[index] = (head[0] + body.facing * 8.0, head[1] - 20.0, 0.0, visibility)
    for index in range(13, 23):  # arms and hands hang by the hips
        out[index] = (*leg_joints(body, near, body.toe_x).hip, 0.0, visibility)
    return out


def squat_postures(
    fps: float,
    reps: int,
    *,
    period_s: float = 2.0,
    rest_s: float = 0.6,
    max_tibia: float = 35.0,
    heel_lift_from: float | None = None,
    heel_max_deg: float = 15.0,
) -> list[Posture]:
    """Stand, then ``reps`` smooth squats. Past ``heel_lift_from`` (tibia degrees) the heel
    rises; the tibia keeps the shape of the squat either way."""
    postures = [Posture()] * round(rest_s * fps)
    for _ in range(reps):
        for i in range(round(period_s * fps)):
            depth = 0.5 * (1 - math.cos(2 * math.pi * i / (period_s * fps)))
            tibia = max_tibia * depth
            heel = 0.0
            if heel_lift_from is not None and tibia > heel_lift_from:
                heel = heel_max_deg * (tibia - heel_lift_from) / (max_tibia - heel_lift_from)
            postures.append(
                Posture(
                    tibia_deg=tibia, thigh_deg=110 * depth, trunk_deg=10 + 30 * depth, heel_deg=heel
                )
            )
        postures += [Posture()] * round(rest_s * fps)
    return postures


@dataclass
class FakeEstimator:
    """Returns scripted people per frame; ``region`` searches return the people inside it."""

    script: Sequence[Sequence[np.ndarray]]
    # Frames where the backend follows only the last person listed (as a single-person model
    # does when it drifts onto someone else); a region search still finds everyone inside it.
    drift_frames: frozenset[int] = frozenset()
    # Read the frame number printed in the image (clips written with ``code=True``) instead of
    # counting calls: then several estimators can each take a part of the video.
    read_code: bool = False
    calls: int = 0
    region_calls: int = 0
    closed: bool = False
    _frame: int = field(default=0, repr=False)

    def estimate(self, image: np.ndarray, *, region: Box | None = None) -> list[PoseCandidate]:
        index = read_frame_code(image) if self.read_code else self._frame - (region is not None)
        people = self.script[min(index, len(self.script) - 1)]
        if region is not None:
            self.region_calls += 1
            return [
                PoseCandidate(p) for p in people if _inside(PoseCandidate(p).hip_center, region)
            ]
        self.calls += 1
        self._frame += 1
        if index in self.drift_frames:
            people = people[-1:]
        return [PoseCandidate(p.copy()) for p in people]

    def close(self) -> None:
        self.closed = True


CODE_BITS = 12
CODE_BLOCK = 8


def draw_frame_code(image: np.ndarray, index: int) -> None:
    """The frame number as black and white blocks along the top-left edge."""
    for bit in range(CODE_BITS):
        x = bit * CODE_BLOCK
        image[:CODE_BLOCK, x : x + CODE_BLOCK] = 250 if index >> bit & 1 else 5


def read_frame_code(image: np.ndarray) -> int:
    centre = CODE_BLOCK // 2
    return sum(
        1 << bit
        for bit in range(CODE_BITS)
        if image[centre, bit * CODE_BLOCK + centre].mean() > 128
    )


def _inside(point: tuple[float, float], box: Box) -> bool:
    return box[0] <= point[0] <= box[2] and box[1] <= point[1] <= box[3]


def script_for(
    postures: Sequence[Posture], body: Body | None = None, **kwargs: object
) -> list[list[np.ndarray]]:
    body = body or Body()
    return [[landmarks(body, p, **kwargs)] for p in postures]  # type: ignore[arg-type]


def with_noise(
    script: Sequence[Sequence[np.ndarray]], sd_px: float, seed: int = 0
) -> list[list[np.ndarray]]:
    rng = np.random.default_rng(seed)
    noisy = []
    for people in script:
        row = []
        for p in people:
            q = p.copy()
            q[:, :2] += rng.normal(0.0, sd_px, size=(33, 2))
            row.append(q)
        noisy.append(row)
    return noisy


def write_clip(
    path: Path,
    frames: int,
    *,
    fps: int = 30,
    size: tuple[int, int] = (320, 240),
    brightness: int = 140,
    draw: Callable[[np.ndarray, int], None] | None = None,
    rotation: int = 0,
    code: bool = False,
) -> Path:
    """An H.264 clip of a plain background (optionally with something drawn on each frame)."""
    with av.open(str(path), "w") as container:
        stream = container.add_stream("libx264", rate=Fraction(fps))
        stream.width, stream.height = size
        stream.pix_fmt = "yuv420p"
        stream.options = {"preset": "ultrafast"}
        if rotation:
            stream.set_display_rotation(rotation)
        for i in range(frames):
            image = np.full((size[1], size[0], 3), brightness, dtype=np.uint8)
            if draw is not None:
                draw(image, i)
            if code:
                draw_frame_code(image, i)
            for packet in stream.encode(av.VideoFrame.from_ndarray(image, format="rgb24")):
                container.mux(packet)
        for packet in stream.encode(None):
            container.mux(packet)
    return path


def stick_figure(script: Sequence[Sequence[np.ndarray]]) -> Callable[[np.ndarray, int], None]:
    """Draws the scripted people, so annotated output can be checked by eye."""

    def draw(image: np.ndarray, i: int) -> None:
        for p in script[min(i, len(script) - 1)]:
            for a, b in (
                (L.RIGHT_SHOULDER, L.RIGHT_HIP),
                (L.RIGHT_HIP, L.RIGHT_KNEE),
                (L.RIGHT_KNEE, L.RIGHT_ANKLE),
                (L.RIGHT_HEEL, L.RIGHT_TOE),
            ):
                pa = (int(p[a, 0]), int(p[a, 1]))
                pb = (int(p[b, 0]), int(p[b, 1]))
                cv2.line(image, pa, pb, (30, 30, 30), 3)

    return draw


def shifted(script: Sequence[Sequence[np.ndarray]], dx: float) -> list[list[np.ndarray]]:
    out = []
    for people in script:
        row = []
        for p in people:
            q = p.copy()
            q[:, 0] += dx
            row.append(q)
        out.append(row)
    return out


__all__ = [
    "Body",
    "FakeEstimator",
    "Posture",
    "Side",
    "landmarks",
    "replace",
    "script_for",
    "squat_postures",
]
