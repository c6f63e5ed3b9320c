"""Videos Dorsi cannot measure are refused with their own error and a message saying what to do."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from dorsi.core.errors import DorsiError
from dorsi.video import (
    FeetOutOfFrame,
    LowConfidence,
    NoPersonFound,
    NotAVideo,
    NotSideOn,
    SubjectAmbiguous,
    TooDark,
    VideoError,
    VideoTooShort,
    analyze,
)
from dorsi.video.pose import Landmark
from tests.video import synthetic as syn

POSTURES = syn.squat_postures(30, 1)
N = len(POSTURES)


def run(clip: Path, script: list[list[np.ndarray]], tmp_path: Path) -> None:
    analyze(clip, mode="squat", estimator=syn.FakeEstimator(script), out_dir=tmp_path / "out")


def edited(change: Callable[[np.ndarray], None]) -> list[list[np.ndarray]]:
    script = syn.script_for(POSTURES)
    for people in script:
        for p in people:
            change(p)
    return script


def test_a_text_file_is_not_a_video(tmp_path: Path) -> None:
    fake = tmp_path / "squat.mp4"
    fake.write_text("this is not a video\n")
    with pytest.raises(NotAVideo, match="not a readable video"):
        run(fake, [], tmp_path)


def test_a_truncated_recording_is_not_a_video(
    blank_clip: Callable[..., Path], tmp_path: Path
) -> None:
    broken = tmp_path / "broken.mp4"
    broken.write_bytes(blank_clip(N).read_bytes()[:2000])
    with pytest.raises(NotAVideo):
        run(broken, [], tmp_path)


def test_a_missing_file_says_so(tmp_path: Path) -> None:
    with pytest.raises(NotAVideo, match="No file"):
        run(tmp_path / "nowhere.mp4", [], tmp_path)


def test_a_clip_under_one_second_is_too_short(
    blank_clip: Callable[..., Path], tmp_path: Path
) -> None:
    with pytest.raises(VideoTooShort, match="shorter than 1 second"):
        run(blank_clip(20), syn.script_for(POSTURES), tmp_path)


def test_nobody_in_the_video(blank_clip: Callable[..., Path], tmp_path: Path) -> None:
    with pytest.raises(NoPersonFound, match="No person"):
        run(blank_clip(N), [[]] * N, tmp_path)


def test_two_people_of_the_same_size_all_along(
    blank_clip: Callable[..., Path], tmp_path: Path
) -> None:
    athlete = syn.script_for(POSTURES)
    twin = syn.shifted(athlete, dx=-140)
    script = [[a[0], b[0]] for a, b in zip(athlete, twin, strict=True)]
    with pytest.raises(SubjectAmbiguous, match="only the athlete"):
        run(blank_clip(N), script, tmp_path)


def face_on(p: np.ndarray) -> None:
    for left, right in (
        (Landmark.LEFT_HIP, Landmark.RIGHT_HIP),
        (Landmark.LEFT_SHOULDER, Landmark.RIGHT_SHOULDER),
    ):
        p[left, 0] -= 20.0
        p[right, 0] += 20.0


def test_a_face_on_view_is_not_side_on(blank_clip: Callable[..., Path], tmp_path: Path) -> None:
    with pytest.raises(NotSideOn, match="filmed from the front.*Turn the camera 90° to the side"):
        run(blank_clip(N), edited(face_on), tmp_path)


def feet_below_frame(p: np.ndarray) -> None:
    p[:, 1] += 60.0  # the whole athlete lower: feet under the bottom edge (240 px)


def test_feet_out_of_the_frame(blank_clip: Callable[..., Path], tmp_path: Path) -> None:
    with pytest.raises(FeetOutOfFrame, match="feet"):
        run(blank_clip(N), edited(feet_below_frame), tmp_path)


def blurred_leg(p: np.ndarray) -> None:
    for joint in (
        Landmark.RIGHT_KNEE,
        Landmark.RIGHT_ANKLE,
        Landmark.LEFT_KNEE,
        Landmark.LEFT_ANKLE,
    ):
        p[joint, 3] = 0.3


def test_a_leg_rarely_seen_clearly(blank_clip: Callable[..., Path], tmp_path: Path) -> None:
    with pytest.raises(LowConfidence, match="could not be seen clearly"):
        run(blank_clip(N), edited(blurred_leg), tmp_path)


def test_a_dark_video(blank_clip: Callable[..., Path], tmp_path: Path) -> None:
    with pytest.raises(TooDark, match="good light"):
        run(blank_clip(N, brightness=8), syn.script_for(POSTURES), tmp_path)


def test_a_dim_video_where_nobody_is_found_is_blamed_on_the_light(
    blank_clip: Callable[..., Path], tmp_path: Path
) -> None:
    with pytest.raises(TooDark):
        run(blank_clip(N, brightness=30), [[]] * N, tmp_path)


def test_a_refused_video_leaves_no_output_behind(
    blank_clip: Callable[..., Path], tmp_path: Path
) -> None:
    with pytest.raises(VideoError):
        run(blank_clip(N), [[]] * N, tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_every_video_error_is_a_domain_error() -> None:
    for kind in (
        NotAVideo,
        VideoTooShort,
        NoPersonFound,
        SubjectAmbiguous,
        NotSideOn,
        FeetOutOfFrame,
        LowConfidence,
        TooDark,
    ):
        error = kind()
        assert isinstance(error, DorsiError)
        assert str(error).endswith(".")
        assert len(str(error)) > 40
