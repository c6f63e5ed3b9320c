"""Figures people tell apart: the balance and hop exercises that looked alike now differ in
their key poses by more than a threshold, carry their own motion marks, and the hand that
presses on the talus (or turns the shin) is drawn where it presses."""

from __future__ import annotations

import itertools

import pytest

from dorsi.draw.figures import STEPS, figure_spec, figure_svg, spec_frames
from dorsi.draw.kinematics import Point, Skeleton
from dorsi.draw.props_base import body_point

LOOK_ALIKES = ("tandem-stance", "pogo-hops", "lateral-hop-and-stick")
# Mean distance between the same joints of two key poses, in body heights: 0.1 is about 17 cm
# on a 1.75 m person. The three figures were 0.03 to 0.08 apart before they were redrawn.
DISTINCT_FROM = 0.1
HANDS_ON = {
    "half-kneeling-lunge-talus-pressure": "near_talus",
    "half-kneeling-lunge-tibial-rotation": "near_shin_top",
}


def _joints(body: Skeleton) -> list[Point]:
    origin = body.near_leg.toe  # poses compared where they stand
    points = [
        body.hip,
        body.shoulder,
        body.head,
        body.near_leg.knee,
        body.far_leg.knee,
        body.near_leg.ankle,
        body.far_leg.ankle,
        body.near_leg.toe,
        body.far_leg.toe,
        body.near_arm.elbow,
        body.far_arm.elbow,
        body.near_arm.wrist,
        body.far_arm.wrist,
    ]
    return [p - origin for p in points]


def pose_distance(a: Skeleton, b: Skeleton) -> float:
    pairs = zip(_joints(a), _joints(b), strict=True)
    return sum((p - q).length() for p, q in pairs) / len(_joints(a))


def _key_poses(key: str) -> list[Skeleton]:
    spec = figure_spec(key)
    frames = spec_frames(spec)
    return [frames[i * STEPS] for i in range(len(spec.keys))]


def closest_key_poses(a: str, b: str) -> float:
    """How close the two figures ever come: every key pose of one against its nearest key pose
    of the other, the smallest of those distances."""
    poses_a, poses_b = _key_poses(a), _key_poses(b)
    return min(pose_distance(p, q) for p in poses_a for q in poses_b)


@pytest.mark.parametrize(("a", "b"), list(itertools.combinations(LOOK_ALIKES, 2)))
def test_tandem_stance_pogo_hops_and_lateral_hop_have_distinct_poses(a: str, b: str) -> None:
    assert closest_key_poses(a, b) >= DISTINCT_FROM


def test_the_pose_distance_is_zero_for_a_pose_and_itself_and_grows_with_a_bent_knee() -> None:
    standing, squat = _key_poses("deep_squat")[0], _key_poses("deep_squat")[-1]
    assert pose_distance(standing, standing) == 0
    assert pose_distance(standing, squat) > DISTINCT_FROM


def test_the_hops_carry_motion_marks_and_the_still_stance_none() -> None:
    pogo, lateral, tandem = (figure_svg(key) for key in LOOK_ALIKES[1:] + LOOK_ALIKES[:1])
    assert pogo.count('stroke="#d97706"') >= 1
    assert "stroke-dasharray" in lateral  # the sideways arrow into the page
    assert 'stroke="#d97706"' not in tandem
    assert len(_key_poses("lateral-hop-and-stick")) == 3  # take off, in the air, the stick


@pytest.mark.parametrize(("key", "spot"), HANDS_ON.items())
def test_the_hand_is_drawn_on_the_spot_it_presses_in_every_frame(key: str, spot: str) -> None:
    svg = figure_svg(key)
    assert svg.count('class="dorsi-hand"') == 2  # the animation and the still version
    for body in spec_frames(figure_spec(key)):
        assert (body.near_arm.hand - body_point(body, spot)).length() < 0.02


def test_the_talus_pressure_shows_the_push_towards_the_heel_and_the_plain_lunge_no_hand() -> None:
    assert svg_has_press_arrow(figure_svg("half-kneeling-lunge-talus-pressure"))
    assert "dorsi-hand" not in figure_svg("half-kneeling-lunge")
    assert not svg_has_press_arrow(figure_svg("half-kneeling-lunge-tibial-rotation"))


def svg_has_press_arrow(svg: str) -> bool:
    return '<polyline fill="none" stroke="#d97706"' in svg
