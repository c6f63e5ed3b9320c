"""Putting key poses on the floor and in-betweening them into animation frames.

The anchor is the contact that stays put (a foot, the seat, the back). Other contacts
(the far foot, the far knee, the hands) are kept on the floor by bending that limb
(two-link inverse kinematics), so poses in the data only need to be close: a lunge never
floats its back foot and a squat never sinks a heel through the floor while in motion.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

from dorsi.draw.kinematics import (
    FOOT_LENGTH,
    FOREARM,
    HAND,
    SHANK,
    THIGH,
    UPPER_ARM,
    Arm,
    Leg,
    Point,
    Pose,
    Skeleton,
    arm_chain,
    direction,
    forward,
    leg_chain,
    lerp,
    phi_of,
    two_link,
)


class Anchor(StrEnum):
    NEAR_FOOT = "near_foot"
    FAR_FOOT = "far_foot"
    BOTH_FEET = "both_feet"
    KNEE_FOOT = "knee_foot"
    HANDS_FEET = "hands_feet"
    SEATED = "seated"
    SUPINE = "supine"


class Contact(StrEnum):
    NEAR_FOOT = "near_foot"  # only where the near foot is not the anchor (seated, supine)
    FAR_FOOT = "far_foot"
    FAR_KNEE = "far_knee"
    HANDS = "hands"


ANCHOR_CONTACTS: dict[Anchor, frozenset[Contact]] = {
    Anchor.BOTH_FEET: frozenset({Contact.FAR_FOOT}),
    Anchor.KNEE_FOOT: frozenset({Contact.FAR_KNEE}),
    Anchor.HANDS_FEET: frozenset({Contact.FAR_FOOT, Contact.HANDS}),
}


@dataclass(frozen=True)
class Stage:
    """Where the anchor rests: ``floor`` is the top of what the feet stand on (a step),
    ``seat`` the top of what the person sits on; ``forefoot`` keeps the anchor foot
    pivoting on the ball even when its heel drops below it (heels off a step edge)."""

    anchor: Anchor
    floor: float = 0.0
    seat: float = 0.0
    forefoot: bool = False


@dataclass(frozen=True)
class KeyPose:
    pose: Pose
    contacts: frozenset[Contact]


def lowest(leg: Leg) -> Point:
    return leg.toe if leg.toe.y <= leg.heel.y else leg.heel


def sole_contact(leg: Leg, stage: Stage) -> Point:
    """The point of a foot that bears on the floor (the ball on a step edge)."""
    return leg.toe if stage.forefoot else lowest(leg)


def _foot_offset(leg: Leg, base: Point, forefoot: bool) -> Point:
    """Offset that puts the foot on ``base``: the ball stays at ``base.x`` while the heel
    is up, the heel stays a foot length behind it while the toes are up."""
    if forefoot or leg.toe.y <= leg.heel.y:
        return base - leg.toe
    return Point(base.x - FOOT_LENGTH, base.y) - leg.heel


def place(body: Skeleton, pose: Pose, stage: Stage) -> Skeleton:
    """Move a hip-rooted skeleton so its anchor rests where the stage says."""
    if stage.anchor is Anchor.SEATED:
        return body.moved(Point(pose.shift, stage.seat + pose.lift) - body.hip)
    if stage.anchor is Anchor.SUPINE:
        return body.moved(Point(pose.shift, stage.floor + pose.lift) - body.hip)
    foot = body.far_leg if stage.anchor is Anchor.FAR_FOOT else body.near_leg
    base = Point(pose.shift, stage.floor + pose.lift)
    return body.moved(_foot_offset(foot, base, stage.forefoot))


@dataclass(frozen=True)
class _Targets:
    """Where each contact limb should reach in one key pose."""

    near_ankle: Point
    far_ankle: Point
    far_knee_y: float
    near_wrist: Point
    far_wrist: Point


def _grounded(leg: Leg, stage: Stage, down: bool) -> Point:
    """Where the ankle goes to put this foot on the floor (unchanged when not ``down``)."""
    if not down:
        return leg.ankle
    return Point(leg.ankle.x, leg.ankle.y + stage.floor - sole_contact(leg, stage).y)


def _targets(key: KeyPose, stage: Stage) -> _Targets:
    body = place(forward(key.pose), key.pose, stage)
    far = body.far_leg
    knee_y = stage.floor if Contact.FAR_KNEE in key.contacts else far.knee.y
    wrists = [body.near_arm.wrist, body.far_arm.wrist]
    if Contact.HANDS in key.contacts:
        wrists = [Point(w.x, stage.floor) for w in wrists]
    return _Targets(
        _grounded(body.near_leg, stage, Contact.NEAR_FOOT in key.contacts),
        _grounded(far, stage, Contact.FAR_FOOT in key.contacts),
        knee_y,
        wrists[0],
        wrists[1],
    )


def _lerp_point(a: Point, b: Point, s: float) -> Point:
    return Point(lerp(a.x, b.x, s), lerp(a.y, b.y, s))


def _reach_foot(leg: Leg, ankle: Point) -> Leg:
    knee = two_link(leg.hip, ankle, THIGH, SHANK, bend=1.0)
    return leg_chain(leg.hip, phi_of(knee - leg.hip), phi_of(ankle - knee), leg.foot_phi)


def _kneel(leg: Leg, knee_y: float) -> Leg:
    """Swing the thigh about the hip until the knee is at ``knee_y``; shank and foot keep
    their direction."""
    drop = min(abs(leg.hip.y - knee_y), THIGH)
    side = 1.0 if leg.knee.x >= leg.hip.x else -1.0
    knee = Point(leg.hip.x + side * math.sqrt(THIGH**2 - drop**2), leg.hip.y - drop)
    return leg_chain(leg.hip, phi_of(knee - leg.hip), phi_of(leg.ankle - leg.knee), leg.foot_phi)


def _reach_hand(arm: Arm, wrist: Point, hand_phi: float = 90.0, bend: float = -1.0) -> Arm:
    elbow = two_link(arm.shoulder, wrist, UPPER_ARM, FOREARM, bend=bend)
    return arm_chain(arm.shoulder, phi_of(elbow - arm.shoulder), phi_of(wrist - elbow), hand_phi)


def _on_wall(arm: Arm, wall_x: float, reach: float) -> Arm:
    """Wrist on the wall, palm flat, fingers up; the elbow bends on the side that keeps it
    off the wall."""
    wrist = Point(wall_x - reach, arm.wrist.y)
    down = _reach_hand(arm, wrist, 180.0, bend=-1.0)
    return down if down.elbow.x <= wrist.x else _reach_hand(arm, wrist, 180.0, bend=1.0)


def hands_on_wall(frames: Sequence[Skeleton], wall_x: float, *, reach: float) -> list[Skeleton]:
    """Bend the arms so the wrists rest on a wall whose surface is at ``wall_x``; ``reach``
    is how far the wrist centre stays from the surface."""
    return [
        replace(
            b,
            near_arm=_on_wall(b.near_arm, wall_x, reach),
            far_arm=_on_wall(b.far_arm, wall_x, reach),
        )
        for b in frames
    ]


HAND_ON_PHI = -25.0  # the hand points down and back onto the spot, the wrist above it


def hand_on(frames: Sequence[Skeleton], spots: Sequence[Point]) -> list[Skeleton]:
    """Bend the near arm so the hand rests on a spot of the body in every frame (pressing on
    the talus, turning the shin): the tip of the hand on the spot, the elbow behind."""
    to_wrist = direction(HAND_ON_PHI).scaled(-HAND)
    return [
        replace(b, near_arm=_reach_hand(b.near_arm, spot + to_wrist, HAND_ON_PHI, bend=-1.0))
        for b, spot in zip(frames, spots, strict=True)
    ]


def _step(leg: Leg, a: Point, b: Point, s: float, stage: Stage, down: bool) -> Leg:
    """Reach the ankle target in between two key poses; a foot down in both stays down as
    it is oriented in this frame (not as in the key poses)."""
    target = _lerp_point(a, b, s)
    if down:
        target = Point(target.x, leg.ankle.y + stage.floor - sole_contact(leg, stage).y)
    return _reach_foot(leg, target)


def frame(a: KeyPose, b: KeyPose, s: float, stage: Stage) -> Skeleton:
    """The skeleton a fraction ``s`` of the way from key pose ``a`` to ``b``."""
    pose = a.pose.blend(b.pose, s)
    body = place(forward(pose), pose, stage)
    ta, tb = _targets(a, stage), _targets(b, stage)
    near_leg, far_leg = body.near_leg, body.far_leg
    near_arm, far_arm = body.near_arm, body.far_arm
    either = a.contacts | b.contacts
    if Contact.NEAR_FOOT in either:
        near_leg = _step(
            near_leg,
            ta.near_ankle,
            tb.near_ankle,
            s,
            stage,
            Contact.NEAR_FOOT in a.contacts & b.contacts,
        )
    if Contact.FAR_FOOT in either:
        far_leg = _step(
            far_leg,
            ta.far_ankle,
            tb.far_ankle,
            s,
            stage,
            Contact.FAR_FOOT in a.contacts & b.contacts,
        )
    if Contact.FAR_KNEE in either:
        far_leg = _kneel(far_leg, lerp(ta.far_knee_y, tb.far_knee_y, s))
    if Contact.HANDS in either:
        near_arm = _reach_hand(near_arm, _lerp_point(ta.near_wrist, tb.near_wrist, s))
        far_arm = _reach_hand(far_arm, _lerp_point(ta.far_wrist, tb.far_wrist, s))
    return Skeleton(
        hip=body.hip,
        shoulder=body.shoulder,
        neck=body.neck,
        head=body.head,
        near_leg=near_leg,
        far_leg=far_leg,
        near_arm=near_arm,
        far_arm=far_arm,
    )


def ease(j: int, steps: int) -> float:
    """Slow in, slow out: SMIL then interpolates linearly between closely spaced frames."""
    return (1.0 - math.cos(math.pi * j / steps)) / 2.0


def frames(keys: Sequence[KeyPose], stage: Stage, *, steps: int, loop: bool) -> list[Skeleton]:
    """Frames through the key poses and back to the first.

    ``loop`` goes round (first -> ... -> last -> first, for circles); otherwise the movement
    is reversed (start -> end -> start). The first frame is repeated at the end.
    """
    route = [*keys, keys[0]] if loop else [*keys, *reversed(keys[:-1])]
    out = [frame(route[0], route[0], 0.0, stage)]
    for a, b in zip(route, route[1:], strict=False):
        out.extend(frame(a, b, ease(j, steps), stage) for j in range(1, steps + 1))
    return out
