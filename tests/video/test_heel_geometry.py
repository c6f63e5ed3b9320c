"""Heel lift from the foot's own geometry (SPEC §6), not from a percentile of the clip."""

from __future__ import annotations

import numpy as np

from dorsi.video import measure, reps

FPS = 30.0
SHANK = 100.0


def foot(frames: int) -> dict[str, np.ndarray]:
    """A flat foot facing right: toe on the floor at y=500, heel 80 px behind, ankle above."""
    return {
        "toe": np.tile([300.0, 500.0], (frames, 1)),
        "heel": np.tile([220.0, 495.0], (frames, 1)),
        "ankle": np.tile([240.0, 475.0], (frames, 1)),
    }


def deep_squat_tibia(frames: int) -> np.ndarray:
    """Mostly at the bottom (30°), with a few standing frames first: the clip's own percentile
    would call the bottom the flat foot and the standing frames lifted."""
    tibia = np.full(frames, 30.0)
    tibia[:10] = 2.0
    return tibia


def test_flat_heel_at_the_bottom_of_a_deep_squat_is_never_up() -> None:
    p = foot(90)
    tibia = deep_squat_tibia(90)
    p["heel"][10:, 1] -= 0.06 * SHANK  # the pose model lifts the heel landmark, not the ankle
    lift, rise = measure.foot_heel_lift(p, tibia, SHANK, (640, 640))
    assert not reps.heel_lifted(lift, FPS, rise).any()


def test_heel_and_ankle_rising_over_the_toe_is_a_lift() -> None:
    p = foot(90)
    tibia = deep_squat_tibia(90)
    p["heel"][40:70, 1] -= 0.15 * SHANK
    p["ankle"][40:70, 1] -= 0.75 * 0.15 * SHANK
    lift, rise = measure.foot_heel_lift(p, tibia, SHANK, (640, 640))
    lifted = reps.heel_lifted(lift, FPS, rise)
    assert lifted[40:70].all()
    assert not lifted[:40].any()
    assert not lifted[70:].any()


def test_a_heel_outside_the_picture_is_neither_up_nor_down() -> None:
    p = foot(40)
    p["heel"][20:, 1] = 700.0  # below the bottom edge of a 640-px-high frame
    lift, _ = measure.foot_heel_lift(p, np.zeros(40), SHANK, (640, 640))
    assert np.isfinite(lift[:20]).all()
    assert np.isnan(lift[20:]).all()


def test_without_standing_frames_the_flat_foot_is_the_low_end_of_the_clip() -> None:
    p = foot(60)
    p["heel"][30:, 1] -= 0.2 * SHANK
    p["ankle"][30:, 1] -= 0.15 * SHANK
    lift, rise = measure.foot_heel_lift(p, np.full(60, 25.0), SHANK, None)
    assert reps.heel_lifted(lift, FPS, rise)[35:].all()


def test_a_toe_landmark_sinking_at_the_bottom_is_no_heel_lift() -> None:
    """At the bottom of a deep squat the pose model draws the toe lower (dev03: 0.06 shank
    lengths) with the foot flat: the heel rises over the toe, but not in the picture."""
    p = foot(90)
    tibia = deep_squat_tibia(90)
    p["toe"][40:70, 1] += 0.12 * SHANK
    lift, rise = measure.foot_heel_lift(p, tibia, SHANK, (640, 640))
    assert not reps.heel_lifted(lift, FPS, rise).any()


def test_a_heel_rising_as_the_foot_steps_away_is_not_judged() -> None:
    """A foot leaves the floor heel first: the heel rise before the toe moves is a step."""
    p = foot(90)
    tibia = deep_squat_tibia(90)
    p["heel"][40:50, 1] -= np.linspace(0, 0.2, 10) * SHANK
    p["ankle"][40:50, 1] -= np.linspace(0, 0.15, 10) * SHANK
    p["heel"][50:, 1] -= 0.2 * SHANK
    p["ankle"][50:, 1] -= 0.15 * SHANK
    for name in ("heel", "ankle", "toe"):  # then the whole foot moves forward, 3 shanks a second
        p[name][50:, 0] += np.arange(1, 41) * 0.1 * SHANK
    lift, rise = measure.foot_heel_lift(p, tibia, SHANK, None)
    assert np.isnan(lift[44:]).all()
    assert not reps.heel_lifted(lift, FPS, rise).any()
    assert np.isfinite(lift[:35]).all()
