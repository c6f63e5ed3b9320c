"""The first pass in two halves at once gives the same result as one pass in order."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from dorsi.video import Progress
from dorsi.video.firstpass import MIN_PARALLEL_S
from dorsi.video.pipeline import analyze
from tests.video import synthetic as syn

POSTURES = syn.squat_postures(30, 3, heel_lift_from=25.0)  # 8.4 s: long enough to split


@pytest.fixture(scope="module")
def coded_clip(blank_clip: Callable[..., Path]) -> Path:
    assert len(POSTURES) / 30 >= MIN_PARALLEL_S
    return blank_clip(len(POSTURES), code=True)


def factory(
    script: list[list[np.ndarray]], made: list[syn.FakeEstimator]
) -> Callable[[], syn.FakeEstimator]:
    def make() -> syn.FakeEstimator:
        made.append(syn.FakeEstimator(script, read_code=True))
        return made[-1]

    return make


def test_frame_codes_survive_compression(coded_clip: Path) -> None:
    from dorsi.video import media

    source = media.probe(coded_clip)
    codes = [
        syn.read_frame_code(f.image)
        for f in media.iter_frames(coded_clip, size=(320, 240), rotation=0)
    ]
    assert codes == list(range(source.frame_count))


def test_two_halves_give_the_same_analysis_as_one_pass(coded_clip: Path) -> None:
    script = syn.script_for(POSTURES)
    made: list[syn.FakeEstimator] = []
    events: list[Progress] = []
    split = analyze(
        coded_clip,
        mode="squat",
        estimator_factory=factory(script, made),
        progress=events.append,
        pose_stride=1,
    )
    in_order = analyze(coded_clip, mode="squat", estimator=syn.FakeEstimator(script))
    assert len(made) == 2
    assert all(e.closed for e in made)
    assert sum(e.calls for e in made) == len(POSTURES)  # every frame once, none twice
    assert split.series == in_order.series
    assert split.reps == in_order.reps
    assert events[-1].done == len(POSTURES)


def test_a_different_person_at_the_seam_makes_the_second_half_continue_the_first(
    coded_clip: Path,
) -> None:
    athlete = syn.script_for(POSTURES)
    half = len(POSTURES) // 2
    # Around the middle a bigger stranger stands nearer the camera: the second half alone
    # would lock onto them; continued from the first half it keeps the athlete.
    bigger = syn.script_for(
        [syn.Posture(tibia_deg=5.0)] * len(POSTURES),
        syn.Body(shank=70, thigh=70, trunk=84, toe_x=60),
    )
    script = [
        [athlete[i][0], bigger[i][0]] if half - 5 <= i < half + 20 else [athlete[i][0]]
        for i in range(len(POSTURES))
    ]
    made: list[syn.FakeEstimator] = []
    result = analyze(
        coded_clip, mode="squat", estimator_factory=factory(script, made), pose_stride=1
    )
    truth = np.array([p.tibia_deg for p in POSTURES])
    got = np.array([np.nan if v is None else v for v in result.series.tibia_angle_deg])
    assert np.nanmax(np.abs(got - truth)) < 0.1
    assert sum(e.calls for e in made) > len(POSTURES)  # the second half was done again


def test_pose_at_a_lower_rate_keeps_the_bottoms_and_the_heel_calls(coded_clip: Path) -> None:
    """Pose on every other frame while steady, every frame near the bottoms: the tibia at each
    rep's bottom within 1° and the same heel calls as pose on every frame, with fewer calls."""
    script = syn.with_noise(syn.script_for(POSTURES), 1.0, seed=3)
    strided: list[syn.FakeEstimator] = []
    every: list[syn.FakeEstimator] = []
    fast = analyze(coded_clip, mode="squat", estimator_factory=factory(script, strided))
    full = analyze(
        coded_clip, mode="squat", estimator_factory=factory(script, every), pose_stride=1
    )
    assert sum(e.calls for e in strided) < 0.85 * sum(e.calls for e in every)
    assert len(fast.reps) == len(full.reps) == 3
    for a, b in zip(fast.reps, full.reps, strict=True):
        assert a.deepest.tibia_angle_deg is not None
        assert b.deepest.tibia_angle_deg is not None
        assert abs(a.deepest.tibia_angle_deg - b.deepest.tibia_angle_deg) <= 1.0
        assert fast.series.heel_down[a.deepest.frame] == full.series.heel_down[b.deepest.frame]
        # the same heel call per rep: lifted or not, from about the same moment
        assert (a.heel_lift_onset is None) == (b.heel_lift_onset is None)
        if a.heel_lift_onset is not None and b.heel_lift_onset is not None:
            assert abs(a.heel_lift_onset.frame - b.heel_lift_onset.frame) <= 2
    differ = sum(x != y for x, y in zip(fast.series.heel_down, full.series.heel_down, strict=True))
    assert differ <= 0.02 * len(POSTURES)


def test_the_stride_policy_skips_while_steady_and_poses_every_frame_near_the_bottom() -> None:
    from dorsi.video.firstpass import StridePolicy
    from dorsi.video.pose import PoseCandidate

    body = syn.Body()
    postures = syn.squat_postures(30, 1, period_s=3.0, rest_s=1.0)
    policy = StridePolicy(3)
    posed = []
    for i, posture in enumerate(postures):
        if policy.wants(i):
            posed.append(i)
            policy.seen(i, PoseCandidate(syn.landmarks(body, posture)))
    depth = np.array([p.thigh_deg for p in postures])
    deep = [i for i in range(len(postures)) if depth[i] > 0.8 * depth.max()]
    assert all(i in posed for i in deep)  # every frame near the bottom
    standing = range(5, 28)
    assert sum(i in posed for i in standing) <= len(standing) // 2 + 1  # about one in three


def test_the_stride_policy_looks_every_few_frames_when_nobody_is_there() -> None:
    from dorsi.video.firstpass import StridePolicy

    policy = StridePolicy(3)
    posed = []
    for i in range(30):
        if policy.wants(i):
            posed.append(i)
            policy.seen(i, None)
    assert 8 <= len(posed) <= 14
