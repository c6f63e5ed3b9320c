"""Forward kinematics of the side-view stick figure.

Lengths are fractions of standing height (Drillis & Contini 1966 segment ratios, as tabled
by Winter, *Biomechanics and Motor Control of Human Movement*). World coordinates: x points
the way the person faces, y points up, the floor is y = 0, one unit is the person's height.

Contact points (soles, a kneeling knee, a seated or supine hip, a wrist on the floor) sit
exactly on their surface; the renderer draws every surface half a stroke lower, so the
thick lines of the figure rest on it.

Angle conventions (degrees), all in the sagittal plane:
- ``trunk_deg``: hip->shoulder line from vertical, positive leaning forward (-90 is supine).
- ``neck_flexion_deg``: head relative to the trunk, positive chin towards the chest.
- ``hip_flexion_deg``: thigh relative to the trunk line, positive knee forward/up.
- ``knee_flexion_deg``: 0 is a straight knee; the shank folds back behind the thigh.
- ``ankle_dorsiflexion_deg``: 0 is the foot at right angles to the shank; negative is
  plantarflexion (on the toes).
- ``shoulder_flexion_deg``: arm relative to the trunk, 0 hanging, 90 forward, 180 overhead.
- ``elbow_flexion_deg``: 0 straight; the forearm folds forward.

Internally a segment direction ``phi`` is its angle from straight down, positive towards
+x, so a unit vector is ``(sin phi, -cos phi)``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

# Segment lengths as fractions of height (Drillis & Contini 1966).
ANKLE_HEIGHT = 0.039  # sole -> ankle joint centre
FOOT_LENGTH = 0.152  # heel -> toe tip
HEEL_BACK = 0.23 * FOOT_LENGTH  # ankle -> back of the heel, along the sole
TOE_FRONT = 0.77 * FOOT_LENGTH  # ankle -> toe tip, along the sole
SHANK = 0.246  # knee -> ankle (0.285 - 0.039)
THIGH = 0.245  # hip -> knee (0.530 - 0.285)
TRUNK = 0.288  # hip -> shoulder (0.818 - 0.530)
NECK = 0.052  # shoulder -> chin (0.870 - 0.818)
HEAD_RADIUS = 0.065  # chin -> crown is 0.130
UPPER_ARM = 0.186
FOREARM = 0.146
HAND = 0.07  # drawn stub; the real hand is 0.108


@dataclass(frozen=True)
class Point:
    x: float
    y: float

    def __add__(self, other: Point) -> Point:
        return Point(self.x + other.x, self.y + other.y)

    def __sub__(self, other: Point) -> Point:
        return Point(self.x - other.x, self.y - other.y)

    def scaled(self, factor: float) -> Point:
        return Point(self.x * factor, self.y * factor)

    def length(self) -> float:
        return math.hypot(self.x, self.y)


def direction(phi_deg: float) -> Point:
    """Unit vector of a segment at ``phi_deg`` from straight down (positive towards +x)."""
    phi = math.radians(phi_deg)
    return Point(math.sin(phi), -math.cos(phi))


def phi_of(vector: Point) -> float:
    """Inverse of :func:`direction`."""
    return math.degrees(math.atan2(vector.x, -vector.y))


def lerp(a: float, b: float, s: float) -> float:
    return a + (b - a) * s


@dataclass(frozen=True)
class LegAngles:
    hip_flexion_deg: float
    knee_flexion_deg: float
    ankle_dorsiflexion_deg: float

    def blend(self, other: LegAngles, s: float) -> LegAngles:
        return LegAngles(
            lerp(self.hip_flexion_deg, other.hip_flexion_deg, s),
            lerp(self.knee_flexion_deg, other.knee_flexion_deg, s),
            lerp(self.ankle_dorsiflexion_deg, other.ankle_dorsiflexion_deg, s),
        )


@dataclass(frozen=True)
class ArmAngles:
    shoulder_flexion_deg: float
    elbow_flexion_deg: float

    def blend(self, other: ArmAngles, s: float) -> ArmAngles:
        return ArmAngles(
            lerp(self.shoulder_flexion_deg, other.shoulder_flexion_deg, s),
            lerp(self.elbow_flexion_deg, other.elbow_flexion_deg, s),
        )


@dataclass(frozen=True)
class Pose:
    """One key pose. ``near`` is the limb closer to the viewer: the working or tested side.

    ``lift`` raises and ``shift`` moves the whole body (fractions of height), e.g. the
    flight of a hop or rolling along a foam roller.
    """

    trunk_deg: float
    neck_flexion_deg: float
    near_leg: LegAngles
    far_leg: LegAngles
    near_arm: ArmAngles
    far_arm: ArmAngles
    lift: float = 0.0
    shift: float = 0.0

    def blend(self, other: Pose, s: float) -> Pose:
        return Pose(
            trunk_deg=lerp(self.trunk_deg, other.trunk_deg, s),
            neck_flexion_deg=lerp(self.neck_flexion_deg, other.neck_flexion_deg, s),
            near_leg=self.near_leg.blend(other.near_leg, s),
            far_leg=self.far_leg.blend(other.far_leg, s),
            near_arm=self.near_arm.blend(other.near_arm, s),
            far_arm=self.far_arm.blend(other.far_arm, s),
            lift=lerp(self.lift, other.lift, s),
            shift=lerp(self.shift, other.shift, s),
        )


@dataclass(frozen=True)
class Leg:
    hip: Point
    knee: Point
    ankle: Point
    heel: Point
    toe: Point

    @property
    def foot_phi(self) -> float:
        return phi_of(self.toe - self.heel)

    def moved(self, offset: Point) -> Leg:
        return Leg(*(p + offset for p in (self.hip, self.knee, self.ankle, self.heel, self.toe)))


@dataclass(frozen=True)
class Arm:
    shoulder: Point
    elbow: Point
    wrist: Point
    hand: Point

    def moved(self, offset: Point) -> Arm:
        return Arm(*(p + offset for p in (self.shoulder, self.elbow, self.wrist, self.hand)))


@dataclass(frozen=True)
class Skeleton:
    """Joint positions of one frame, in world coordinates."""

    hip: Point
    shoulder: Point
    neck: Point  # top of the neck, where the head sits
    head: Point  # centre of the head circle
    near_leg: Leg
    far_leg: Leg
    near_arm: Arm
    far_arm: Arm

    def moved(self, offset: Point) -> Skeleton:
        return Skeleton(
            hip=self.hip + offset,
            shoulder=self.shoulder + offset,
            neck=self.neck + offset,
            head=self.head + offset,
            near_leg=self.near_leg.moved(offset),
            far_leg=self.far_leg.moved(offset),
            near_arm=self.near_arm.moved(offset),
            far_arm=self.far_arm.moved(offset),
        )

    def points(self) -> tuple[Point, ...]:
        legs = (self.near_leg, self.far_leg)
        arms = (self.near_arm, self.far_arm)
        return (
            self.hip,
            self.shoulder,
            self.neck,
            self.head,
            *(p for leg in legs for p in (leg.knee, leg.ankle, leg.heel, leg.toe)),
            *(p for arm in arms for p in (arm.elbow, arm.wrist, arm.hand)),
        )


def foot_points(ankle: Point, foot_phi: float) -> tuple[Point, Point]:
    """Heel and toe tip of a foot whose sole points along ``foot_phi``."""
    along = direction(foot_phi)
    down = Point(-math.cos(math.radians(foot_phi)), -math.sin(math.radians(foot_phi)))
    sole = ankle + down.scaled(ANKLE_HEIGHT)
    return sole - along.scaled(HEEL_BACK), sole + along.scaled(TOE_FRONT)


def leg_chain(hip: Point, thigh_phi: float, shank_phi: float, foot_phi: float) -> Leg:
    knee = hip + direction(thigh_phi).scaled(THIGH)
    ankle = knee + direction(shank_phi).scaled(SHANK)
    heel, toe = foot_points(ankle, foot_phi)
    return Leg(hip, knee, ankle, heel, toe)


def forward_leg(hip: Point, trunk_deg: float, angles: LegAngles) -> Leg:
    thigh_phi = angles.hip_flexion_deg - trunk_deg
    shank_phi = thigh_phi - angles.knee_flexion_deg
    foot_phi = shank_phi + 90.0 + angles.ankle_dorsiflexion_deg
    return leg_chain(hip, thigh_phi, shank_phi, foot_phi)


def arm_chain(shoulder: Point, upper_phi: float, fore_phi: float, hand_phi: float) -> Arm:
    elbow = shoulder + direction(upper_phi).scaled(UPPER_ARM)
    wrist = elbow + direction(fore_phi).scaled(FOREARM)
    return Arm(shoulder, elbow, wrist, wrist + direction(hand_phi).scaled(HAND))


def forward_arm(shoulder: Point, trunk_deg: float, angles: ArmAngles) -> Arm:
    upper_phi = angles.shoulder_flexion_deg - trunk_deg
    fore_phi = upper_phi + angles.elbow_flexion_deg
    return arm_chain(shoulder, upper_phi, fore_phi, fore_phi)


def forward(pose: Pose) -> Skeleton:
    """Joint positions with the hip joint at the origin."""
    hip = Point(0.0, 0.0)
    trunk_up = direction(180.0 - pose.trunk_deg)
    shoulder = hip + trunk_up.scaled(TRUNK)
    head_up = direction(180.0 - pose.trunk_deg - pose.neck_flexion_deg)
    neck = shoulder + head_up.scaled(NECK)
    return Skeleton(
        hip=hip,
        shoulder=shoulder,
        neck=neck,
        head=neck + head_up.scaled(HEAD_RADIUS),
        near_leg=forward_leg(hip, pose.trunk_deg, pose.near_leg),
        far_leg=forward_leg(hip, pose.trunk_deg, pose.far_leg),
        near_arm=forward_arm(shoulder, pose.trunk_deg, pose.near_arm),
        far_arm=forward_arm(shoulder, pose.trunk_deg, pose.far_arm),
    )


def two_link(root: Point, target: Point, first: float, second: float, bend: float) -> Point:
    """Middle joint of a two-segment limb reaching from ``root`` towards ``target``.

    ``bend`` +1 puts the middle joint ahead of the root->target line (a knee), -1 behind it
    (an elbow reaching down). An unreachable target straightens the limb towards it.
    """
    to_target = target - root
    reach = min(max(to_target.length(), abs(first - second) + 1e-9), first + second)
    cos_a = (first**2 + reach**2 - second**2) / (2 * first * reach)
    opening = math.degrees(math.acos(min(1.0, max(-1.0, cos_a))))
    return root + direction(phi_of(to_target) + bend * opening).scaled(first)
