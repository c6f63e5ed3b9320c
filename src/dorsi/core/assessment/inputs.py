"""The parsed dorsi.assessment/v1 input: the profile and what was measured on each side.

Distances are in centimetres and angles in degrees (inches are converted when parsing);
valid ranges live in ``dorsi.core.thresholds``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from typing import Generic, TypeVar

from dorsi.core.codes import (
    Equipment,
    Felt,
    Rating,
    RedFlag,
    Side,
    Sign,
    Sport,
    Unit,
    Variant,
    Weekday,
)
from dorsi.core.thresholds import DEFAULT_MINUTES_PER_DAY

T = TypeVar("T")


@dataclass(frozen=True)
class PerSide(Generic[T]):
    left: T
    right: T

    def get(self, side: Side) -> T:
        return self.left if side is Side.LEFT else self.right

    def swapped(self) -> PerSide[T]:
        return PerSide(left=self.right, right=self.left)


@dataclass(frozen=True)
class Profile:
    age: int | None = None
    height_cm: float | None = None
    sports: tuple[Sport, ...] = ()
    sprains: PerSide[int] = field(default_factory=lambda: PerSide(0, 0))
    training_days: tuple[Weekday, ...] = ()
    equipment: tuple[Equipment, ...] = ()
    minutes_per_day: int = DEFAULT_MINUTES_PER_DAY
    desk_job: bool | None = None
    shoe_drop_mm: float | None = None
    # Optional segment lengths that sharpen the distance -> angle estimate (SPEC §1).
    tibia_cm: float | None = None
    foot_cm: float | None = None

    def has_equipment(self, item: Equipment) -> bool:
        return item is Equipment.NONE or item in self.equipment


@dataclass(frozen=True)
class Goniometer:
    knee_straight_deg: float | None = None
    knee_bent_deg: float | None = None


@dataclass(frozen=True)
class ThreePosition:
    straight_knee: Rating | None = None
    bent_knee: Rating | None = None
    deep_squat: Rating | None = None


@dataclass(frozen=True)
class SquatScreen:
    heels_rise: bool | None = None
    torso_forward: bool | None = None
    knees_cave: bool | None = None
    reaches_parallel: bool | None = None
    better_with_heel_lift: bool | None = None

    @property
    def compromised(self) -> bool:
        """Any fault seen: heels rise, torso pitches, knees cave, or parallel not reached."""
        return bool(
            self.heels_rise
            or self.torso_forward
            or self.knees_cave
            or self.reaches_parallel is False
        )


@dataclass(frozen=True)
class KneePain:
    present: bool = False
    less_with_heel_lift: bool | None = None


@dataclass(frozen=True)
class SideInput:
    """Everything measured or reported for one ankle."""

    knee_to_wall_cm: float | None = None
    wb_angle_deg: float | None = None
    goniometer: Goniometer | None = None
    three_position: ThreePosition | None = None
    felt: Felt | None = None

    @property
    def measured(self) -> bool:
        return self.knee_to_wall_cm is not None


@dataclass(frozen=True)
class AssessmentInput:
    """A validated dorsi.assessment/v1 document."""

    left: SideInput
    right: SideInput
    variant: Variant = Variant.STANDING
    unit: Unit = Unit.CM
    date: date | None = None
    profile: Profile = field(default_factory=Profile)
    squat_screen: SquatScreen | None = None
    knee_pain: KneePain | None = None
    signs: frozenset[Sign] = frozenset()
    red_flags: frozenset[RedFlag] = frozenset()
    ignored_fields: tuple[str, ...] = ()

    def side(self, side: Side) -> SideInput:
        return self.left if side is Side.LEFT else self.right

    def swapped(self) -> AssessmentInput:
        """The same person with left and right exchanged (sprain history included)."""
        profile = replace(self.profile, sprains=self.profile.sprains.swapped())
        return replace(self, left=self.right, right=self.left, profile=profile)
