"""What an analysis returns: frozen dataclasses, plain Python only (no numpy), JSON-ready.

Lengths are either centimetres or multiples of the shank length (knee joint to ankle joint);
``Scale.unit`` says which. Angles are degrees. Missing values (person not seen) are ``None``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import Any

from dorsi.core.codes import Side

SCHEMA = "dorsi.video/v1"
# Error of 2-D pose estimation against motion capture for sagittal ankle/knee angles is in the
# 3–6° range; the product rounds it to ±5° and never calls a smaller change real (SPEC §6).
UNCERTAINTY_DEG = 5.0


class Mode(StrEnum):
    SQUAT = "squat"
    KNEE_TO_WALL = "knee-to-wall"


class SideChoice(StrEnum):
    AUTO = "auto"
    LEFT = "left"
    RIGHT = "right"


class SideReason(StrEnum):
    USER = "user"
    FACING_CAMERA = "facing_camera"
    FRONT_LEG = "front_leg"


# Why that leg was measured, in words (the command line and the result page).
SIDE_REASON_WORDS = {
    SideReason.USER: "you chose it",
    SideReason.FACING_CAMERA: "the side facing the camera",
    SideReason.FRONT_LEG: "the front leg",
}
# Said where no frame showed the heel clearly enough to call it up or down.
HEEL_NOT_JUDGED = "not judged: the heel was hidden, stepping or filmed off side-on"


class LengthUnit(StrEnum):
    CM = "cm"
    SHANK = "shank_lengths"


class ScaleSource(StrEnum):
    HEIGHT = "height_cm"
    SHANK = "shank_cm"
    NONE = "none"


@dataclass(frozen=True)
class Progress:
    """Reported while a video is processed; ``stage`` is ``"pose"`` or ``"render"``."""

    stage: str
    done: int
    total: int | None


@dataclass(frozen=True)
class SourceInfo:
    path: str
    fps: float
    frame_count: int
    width: int  # after rotation, as the video is shown
    height: int
    rotation_deg: int
    duration_s: float
    codec: str
    start_time_s: float = 0.0  # timestamp of the first frame in the file


@dataclass(frozen=True)
class Scale:
    unit: LengthUnit
    source: ScaleSource
    shank_px: float  # median projected shank length in source pixels
    shank_cm: float | None


Value = float | None
XY = tuple[float, float] | None


@dataclass(frozen=True)
class FrameSeries:
    """One entry per decoded frame. Signs: positive = knee/trunk forward, heel up, hip above knee."""

    time_s: tuple[float, ...]
    tibia_angle_deg: tuple[Value, ...]
    ankle_angle_deg: tuple[Value, ...]  # 0 = shank at right angle to the foot, + = dorsiflexion
    heel_lift: tuple[Value, ...]
    heel_down: tuple[bool | None, ...]
    knee_past_toes: tuple[Value, ...]
    hip_above_knee: tuple[Value, ...]
    trunk_lean_deg: tuple[Value, ...]
    confidence: tuple[Value, ...]  # lowest landmark visibility of the measured leg, 0–1
    # False where the frame is outside the side view (left out of every figure); empty in
    # documents written before the warnings channel.
    side_view: tuple[bool, ...] = ()
    leg: tuple[str | None, ...] = ()  # the leg measured in each frame ("left"/"right")


@dataclass(frozen=True)
class LegPoints:
    """Cleaned landmark positions of the measured side, in source pixels (for drawing)."""

    shoulder: tuple[XY, ...]
    hip: tuple[XY, ...]
    knee: tuple[XY, ...]
    ankle: tuple[XY, ...]
    heel: tuple[XY, ...]
    toe: tuple[XY, ...]


@dataclass(frozen=True)
class AngleAt:
    frame: int
    time_s: float
    value_deg: float


@dataclass(frozen=True)
class DeepestPoint:
    frame: int
    time_s: float
    hip_above_knee: Value
    tibia_angle_deg: Value
    heel_lift: Value


@dataclass(frozen=True)
class HeelLiftOnset:
    frame: int
    time_s: float
    tibia_angle_deg: Value
    hip_above_knee: Value  # depth at which the heel came up


@dataclass(frozen=True)
class Rep:
    number: int
    start_frame: int
    end_frame: int
    start_s: float
    end_s: float
    deepest: DeepestPoint
    max_tibia_angle_heel_down: AngleAt | None
    heel_lift_onset: HeelLiftOnset | None
    leg: str | None = None  # the leg measured in this rep (the front one in a split stance)


@dataclass(frozen=True)
class KneeToWallEstimate:
    """Knee-to-wall distance read off the video at the largest heel-down shin angle: how far
    the front of the knee reaches past the toes, in cm, with a range (tibia ±5°, scale)."""

    frame: int
    time_s: float
    distance_cm: float
    low_cm: float
    high_cm: float
    scaled_from: str  # "height_cm", "shank_cm" or "typical_adult"


@dataclass(frozen=True)
class Summary:
    rep_count: int
    max_tibia_angle_heel_down: AngleAt | None
    max_ankle_angle: AngleAt | None
    first_heel_lift_onset: HeelLiftOnset | None
    # Knee-to-wall mode: the largest tibia angle with the heel down (weight-bearing estimate).
    weight_bearing_dorsiflexion: AngleAt | None
    uncertainty_deg: float = UNCERTAINTY_DEG
    knee_to_wall: KneeToWallEstimate | None = None


@dataclass(frozen=True)
class Notice:
    """A warning kept with a result: what is less certain, and what to change next time."""

    code: str  # "oblique", "not_side_on_part", "feet_hidden", "low_light", "few_at_depth", ...
    message: str


@dataclass(frozen=True)
class Settings:
    """How the series were cleaned, so a result can be reproduced."""

    filter_cutoff_hz: float
    min_visibility: float
    heel_lift_threshold: float
    inference_width: int
    inference_height: int


@dataclass(frozen=True)
class Analysis:
    mode: Mode
    source: SourceInfo
    side: Side
    side_reason: SideReason
    facing: str  # "left" or "right": the direction the athlete faces in the image
    scale: Scale
    series: FrameSeries
    points: LegPoints
    reps: tuple[Rep, ...]
    summary: Summary
    settings: Settings
    warnings: tuple[Notice, ...] = ()
    schema: str = SCHEMA

    def to_dict(self) -> dict[str, Any]:
        """The ``dorsi.video/v1`` document (enums become their string values)."""
        data = asdict(self)
        data["uncertainty_deg"] = UNCERTAINTY_DEG
        return {"schema": data.pop("schema"), **data}
