"""Repetition and heel-lift segmentation."""

from __future__ import annotations

import numpy as np

from dorsi.video import reps

FPS = 30.0


def squats(depths: list[float], period_s: float = 2.0, rest_s: float = 0.5) -> np.ndarray:
    rest = np.zeros(int(rest_s * FPS))
    parts = [rest]
    for depth in depths:
        i = np.arange(int(period_s * FPS))
        parts += [depth * 0.5 * (1 - np.cos(2 * np.pi * i / (period_s * FPS))), rest]
    return np.concatenate(parts)


def test_three_squats_are_three_reps_with_their_bottoms() -> None:
    signal = squats([0.8, 0.9, 0.7])
    found = reps.find_reps(signal, FPS, reps.MIN_SQUAT_DEPTH)
    assert len(found) == 3
    bottoms = [15 + 30 + k * 75 for k in range(3)]
    assert [r.bottom for r in found] == bottoms
    for r in found:
        assert r.start < r.bottom < r.end
    assert found[0].end <= found[1].start


def test_a_sway_is_not_a_rep() -> None:
    assert reps.find_reps(squats([0.1, 0.15]), FPS, reps.MIN_SQUAT_DEPTH) == []


def test_reps_survive_gaps_in_the_signal() -> None:
    signal = squats([0.8, 0.8])
    signal[40:44] = np.nan
    assert len(reps.find_reps(signal, FPS, reps.MIN_SQUAT_DEPTH)) == 2


def test_heel_lift_needs_a_clear_and_lasting_rise() -> None:
    lift = np.zeros(90)
    lift[10:12] = 0.2  # a two-frame blip: noise
    lift[40:70] = 0.1  # about 4 cm
    lifted = reps.heel_lifted(lift, FPS)
    assert not lifted[10:12].any()
    assert lifted[40:70].all()
    assert not lifted[70:].any()


def test_heel_lift_onset_is_traced_back_to_where_the_rise_began() -> None:
    lift = np.concatenate([np.zeros(20), np.linspace(0.0, 0.2, 21), np.full(20, 0.2)])
    lifted = reps.heel_lifted(lift, FPS)
    first = int(np.flatnonzero(lifted)[0])
    assert lift[first] > reps.HEEL_LIFT_START
    assert lift[first - 1] <= reps.HEEL_LIFT_START


def test_hysteresis_keeps_one_lift_in_one_piece() -> None:
    up, dip = reps.HEEL_LIFT_ON + 0.01, (reps.HEEL_LIFT_ON + reps.HEEL_LIFT_OFF) / 2
    lift = np.concatenate(
        [np.zeros(10), np.full(10, up), np.full(3, dip), np.full(10, up), np.zeros(10)]
    )
    assert len(reps.runs(reps.heel_lifted(lift, FPS))) == 1
