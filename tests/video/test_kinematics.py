"""Angles and distances on keypoints with known geometry: exact values."""

from __future__ import annotations

import math

import numpy as np
import pytest

from dorsi.video import kinematics as k


def pts(*xy: tuple[float, float]) -> np.ndarray:
    return np.array(xy, dtype=np.float64)


def shank(angle_deg: float, facing: int = 1, length: float = 40.0) -> tuple[np.ndarray, np.ndarray]:
    """Ankle at (100, 200) and the knee ``angle_deg`` forward of vertical (y grows downwards)."""
    a = math.radians(angle_deg)
    ankle = pts((100.0, 200.0))
    knee = pts((100.0 + facing * length * math.sin(a), 200.0 - length * math.cos(a)))
    return knee, ankle


@pytest.mark.parametrize("angle", [0.0, 12.5, 30.0, 45.0, -10.0])
@pytest.mark.parametrize("facing", [1, -1])
def test_tibia_angle_is_the_shank_inclination_forward_of_vertical(
    angle: float, facing: int
) -> None:
    knee, ankle = shank(angle, facing)
    assert k.tibia_angle_deg(knee, ankle, float(facing))[0] == pytest.approx(angle, abs=1e-9)


def test_tibia_angle_is_negative_when_the_knee_is_behind_the_ankle() -> None:
    knee, ankle = shank(-8.0)
    assert k.tibia_angle_deg(knee, ankle, 1.0)[0] == pytest.approx(-8.0)
    assert k.tibia_angle_deg(knee, ankle, -1.0)[0] == pytest.approx(8.0)


@pytest.mark.parametrize("angle", [0.0, 20.0, 35.0])
def test_ankle_angle_equals_tibia_angle_with_a_flat_foot(angle: float) -> None:
    knee, ankle = shank(angle)
    heel, toe = pts((92.0, 210.0)), pts((125.0, 210.0))
    assert k.ankle_angle_deg(knee, ankle, heel, toe)[0] == pytest.approx(angle, abs=1e-9)


def test_a_lifted_heel_takes_its_rotation_off_the_ankle_angle() -> None:
    knee, ankle = shank(35.0)
    lift = math.radians(10.0)
    toe = pts((125.0, 210.0))
    heel = toe - 30.0 * np.array([[math.cos(lift), math.sin(lift)]])
    assert k.ankle_angle_deg(knee, ankle, heel, toe)[0] == pytest.approx(25.0, abs=1e-9)


def test_ankle_angle_does_not_depend_on_facing() -> None:
    knee, ankle = shank(20.0, facing=-1)
    heel, toe = pts((108.0, 210.0)), pts((75.0, 210.0))
    assert k.ankle_angle_deg(knee, ankle, heel, toe)[0] == pytest.approx(20.0)


def test_trunk_lean_is_forward_positive() -> None:
    hip, shoulder = pts((100.0, 100.0)), pts((130.0, 100.0 - 30.0))
    assert k.trunk_lean_deg(shoulder, hip, 1.0)[0] == pytest.approx(45.0)
    assert k.trunk_lean_deg(shoulder, hip, -1.0)[0] == pytest.approx(-45.0)


def test_knee_past_toes_and_hip_above_knee_signs() -> None:
    knee, toe, hip = pts((130.0, 150.0)), pts((120.0, 210.0)), pts((90.0, 160.0))
    assert k.knee_past_toes_px(knee, toe, 1.0)[0] == pytest.approx(10.0)
    assert k.knee_past_toes_px(knee, toe, -1.0)[0] == pytest.approx(-10.0)
    assert k.hip_above_knee_px(hip, knee)[0] == pytest.approx(-10.0)  # below parallel


def test_heel_rise_is_heel_height_over_the_toe() -> None:
    assert k.heel_rise_px(pts((90.0, 204.0)), pts((120.0, 210.0)))[0] == pytest.approx(6.0)


def test_side_on_spread_is_small_and_face_on_spread_is_large() -> None:
    torso = np.array([60.0])
    assert k.horizontal_spread(pts((100.0, 0.0)), pts((103.0, 0.0)), torso)[0] == pytest.approx(
        0.05
    )
    assert k.horizontal_spread(pts((80.0, 0.0)), pts((119.0, 0.0)), torso)[0] == pytest.approx(0.65)


def test_facing_follows_the_feet() -> None:
    heels = pts((100.0, 0.0), (101.0, 0.0), (np.nan, np.nan))
    assert k.facing_sign(heels, heels + [[25.0, 0.0]]) == 1.0
    assert k.facing_sign(heels, heels - [[25.0, 0.0]]) == -1.0


def test_missing_points_give_missing_values_without_warnings() -> None:
    knee, ankle = pts((np.nan, np.nan)), pts((100.0, 200.0))
    assert np.isnan(k.tibia_angle_deg(knee, ankle, 1.0)[0])
    assert np.isnan(k.ankle_angle_deg(knee, ankle, ankle, ankle)[0])
