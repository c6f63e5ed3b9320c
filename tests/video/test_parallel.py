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
        coded_clip, mode="squat", estimator_factory=factory(script, made), progress=events.append
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
    result = analyze(coded_clip, mode="squat", estimator_factory=factory(script, made))
    truth = np.array([p.tibia_deg for p in POSTURES])
    got = np.array([np.nan if v is None else v for v in result.series.tibia_angle_deg])
    assert np.nanmax(np.abs(got - truth)) < 0.1
    assert sum(e.calls for e in made) > len(POSTURES)  # the second half was done again
