"""The warnings channel, the view per segment, the front leg, the shank limit and real reps."""

from __future__ import annotations

import math

import numpy as np
import pytest

from dorsi.core.codes import Side
from dorsi.video import NotSideOn, quality, reps
from dorsi.video.model import Mode, SideChoice, SideReason
from dorsi.video.pipeline import analyze_track
from dorsi.video.pose import Landmark
from dorsi.video.tracking import RawTrack, TrackStats
from tests.video import synthetic as syn

FPS = 30.0
SIZE = (320, 240)


def track_of(frames: list[np.ndarray]) -> RawTrack:
    n = len(frames)
    return RawTrack(
        landmarks=np.stack(frames).astype(np.float64),
        time_s=np.arange(n) / FPS,
        brightness=np.full(n, 140.0),
        stats=TrackStats(n, n, 0, 0),
        width=SIZE[0],
        height=SIZE[1],
    )


def turned(frame: np.ndarray, degrees: float) -> np.ndarray:
    """The same athlete with hips and shoulders spread as a camera ``degrees`` off side-on sees."""
    out = frame.copy()
    torso = abs(out[Landmark.LEFT_HIP, 1] - out[Landmark.LEFT_SHOULDER, 1])
    s = math.sin(math.radians(degrees))
    for left, right, width in (
        (Landmark.LEFT_HIP, Landmark.RIGHT_HIP, quality.HIP_WIDTH_TORSO),
        (Landmark.LEFT_SHOULDER, Landmark.RIGHT_SHOULDER, quality.SHOULDER_WIDTH_TORSO),
    ):
        centre = (out[left, 0] + out[right, 0]) / 2
        out[left, 0] = centre - width * torso * s / 2
        out[right, 0] = centre + width * torso * s / 2
    return out


def squats(reps_: int = 3, **kwargs: float) -> list[np.ndarray]:
    body = syn.Body()
    return [syn.landmarks(body, p) for p in syn.squat_postures(FPS, reps_, **kwargs)]


def run(frames: list[np.ndarray], mode: Mode = Mode.SQUAT):  # type: ignore[no-untyped-def]
    source = syn_source(len(frames))
    return analyze_track(track_of(frames), source, mode, SideChoice.AUTO, None, 6.0, SIZE)


def syn_source(n: int):  # type: ignore[no-untyped-def]
    from dorsi.video.model import SourceInfo

    return SourceInfo("clip.mp4", FPS, n, SIZE[0], SIZE[1], 0, n / FPS, "h264")


def test_a_side_on_clip_has_no_warnings() -> None:
    result = run(squats())
    assert result.warnings == ()
    assert all(result.series.side_view)


def test_frames_outside_the_side_view_are_left_out_and_warned() -> None:
    frames = squats(4)
    cut = len(frames) * 3 // 4
    frames = frames[:cut] + [turned(f, 70) for f in frames[cut:]]
    result = run(frames)
    codes = [w.code for w in result.warnings]
    assert "not_side_on_part" in codes
    assert not any(result.series.side_view[cut + 30 :])
    assert all(v is None for v in result.series.tibia_angle_deg[cut + 30 :])
    assert all(r.end_frame < cut + 30 for r in result.reps)


def test_an_oblique_view_is_warned_naming_the_angle() -> None:
    result = run([turned(f, 20) for f in squats()])
    oblique = [w for w in result.warnings if w.code == "oblique"]
    assert oblique
    assert "20° off side-on" in oblique[0].message
    # Seen obliquely the foot's heel-to-toe line leaves the picture's plane: no heel calls.
    assert "heel is not judged" in oblique[0].message
    assert all(down is None for down in result.series.heel_down)
    assert run(squats()).series.heel_down.count(True) > 0


def test_a_clip_mostly_off_side_on_is_refused_naming_the_view() -> None:
    with pytest.raises(NotSideOn, match="from the front"):
        run([turned(f, 80) for f in squats()])
    with pytest.raises(NotSideOn, match="40° off side-on"):
        run([turned(f, 40) for f in squats()])


def test_the_front_leg_is_measured_in_each_split_stance() -> None:
    """Alternating lunges: the front foot changes; each rep measures the leg in front."""
    frames = []
    for ahead in (-70.0, 70.0):  # the far (left) foot behind, then ahead
        body = syn.Body(far_leg_ahead=ahead)
        for i in range(round(2 * FPS)):
            drive = math.sin(math.pi * i / (2 * FPS))
            front = syn.Posture(tibia_deg=35 * drive, thigh_deg=90 * drive)
            back = syn.Posture(tibia_deg=-20.0, thigh_deg=-20.0, heel_deg=30.0)
            near, far = (front, back) if ahead < 0 else (back, front)
            frames.append(syn.landmarks(body, near, far))
    result = run(frames, Mode.KNEE_TO_WALL)
    legs = result.series.leg
    assert legs[30] == Side.RIGHT.value
    assert legs[90] == Side.LEFT.value
    assert result.side_reason is SideReason.FRONT_LEG
    peak = [v for v in result.series.tibia_angle_deg if v is not None]
    assert max(peak) == pytest.approx(35, abs=1.5)


def test_a_shank_leaning_past_60_degrees_is_not_measured() -> None:
    body = syn.Body()
    frames = [syn.landmarks(body, p) for p in syn.squat_postures(FPS, 2)]
    for i in range(40, 60):
        frames[i] = syn.landmarks(body, syn.Posture(tibia_deg=75.0, thigh_deg=10.0))
    result = run(frames)
    assert all(result.series.tibia_angle_deg[i] is None for i in range(42, 58))
    assert "shank_implausible" in [w.code for w in result.warnings]


def test_a_rep_needs_depth_and_a_return() -> None:
    depth = np.array([1.0] * 10 + [0.3] * 5 + [1.0] * 10 + [0.9] * 5 + [1.0] * 10)
    signal = 1.0 - depth
    spans = [reps.RepSpan(8, 12, 17), reps.RepSpan(23, 27, 32)]
    assert reps.to_depth(spans, depth, signal) == [spans[0]]
    stays_down = np.array([1.0] * 10 + [0.3] * 10)  # goes down and never comes back up
    assert reps.to_depth([reps.RepSpan(8, 12, 19)], stays_down, 1.0 - stays_down) == []


def test_a_clip_without_squat_reps_says_so() -> None:
    body = syn.Body()
    frames = [
        syn.landmarks(body, syn.Posture(tibia_deg=5.0 * math.sin(i / 9), thigh_deg=10.0))
        for i in range(90)
    ]
    result = run(frames)
    assert result.summary.rep_count == 0
    assert "no_reps" in [w.code for w in result.warnings]


def test_warnings_reach_analysis_json() -> None:
    document = run([turned(f, 20) for f in squats()]).to_dict()
    assert document["warnings"][0]["code"] == "oblique"
    assert "turn the camera 90° to the side" in document["warnings"][0]["message"]


def test_a_dark_video_is_warned() -> None:
    from dorsi.video import notices

    assert [n.code for n in notices.light_notice(np.full(30, 30.0))] == ["low_light"]
    assert notices.light_notice(np.full(30, 140.0)) == []


def test_feet_at_the_edge_in_part_of_the_clip_is_a_warning_not_a_refusal() -> None:
    from dorsi.video import notices

    (notice,) = notices.feet_notice(0.4)
    assert notice.code == "feet_hidden"
    assert "40%" in notice.message
    assert notices.feet_notice(0.01) == []


def test_few_frames_at_depth_is_warned() -> None:
    from dorsi.video import notices

    tibia = np.array([0.0] * 50 + [30.0, 31.0] + [0.0] * 50)
    (notice,) = notices.depth_notice(1, True, tibia, np.ones(tibia.size, dtype=bool))
    assert notice.code == "few_at_depth"
    held = np.array([0.0] * 50 + [30.0] * 10 + [0.0] * 50)
    assert notices.depth_notice(1, True, held, np.ones(held.size, dtype=bool)) == []
