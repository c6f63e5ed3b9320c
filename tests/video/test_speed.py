"""The cost cuts of the video pipeline keep what the analysis sees."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from dorsi.video import firstpass, media
from tests.video import synthetic as syn


def test_display_frames_skip_deblocking_only_when_shrunk_by_about_half() -> None:
    assert media.display_decoder_options(1920, 960) == {"skip_loop_filter": "all"}
    assert media.display_decoder_options(3840, 960) == {"skip_loop_filter": "all"}
    # A mild shrink (720p to 540p) or none at all would show the block edges.
    assert media.display_decoder_options(1280, 960) == {}
    assert media.display_decoder_options(960, 960) == {}


def test_lazy_frames_are_converted_only_when_their_picture_is_read(
    blank_clip: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    clip = blank_clip(12, code=True)
    eager = [f.image for f in media.iter_frames(clip, size=(320, 240), rotation=0)]
    made: list[int] = []
    convert = media._analysis_rgb

    def counting(frame: object, width: int, height: int) -> np.ndarray:
        made.append(1)
        return convert(frame, width, height)  # type: ignore[arg-type]

    monkeypatch.setattr(media, "_analysis_rgb", counting)
    read = []
    for frame in media.iter_frames(clip, size=(320, 240), rotation=0, lazy=True):
        if frame.index % 3 == 0:
            read.append(frame.image)
            assert frame.brightness > 0
    assert len(made) == 4  # frames 0, 3, 6, 9 only
    assert all(np.array_equal(a, eager[3 * i]) for i, a in enumerate(read))


def test_frames_pose_skips_have_no_brightness_and_cost_no_picture(
    blank_clip: Callable[..., Path],
) -> None:
    postures = syn.squat_postures(30, 1, heel_lift_from=25.0)
    clip = blank_clip(len(postures), code=True)
    estimator = syn.FakeEstimator(syn.script_for(postures), read_code=True)
    source = media.probe(clip)
    track = firstpass.track_subject(source, (320, 240), estimator, None, stride=3)
    skipped = ~np.isfinite(track.brightness)
    assert skipped.sum() > len(postures) // 4
    assert skipped.sum() == len(postures) - estimator.calls
    assert np.all(track.brightness[~skipped] > 100)  # the clip is a plain grey 140


def test_pose_frames_are_converted_on_one_thread_pixel_for_pixel(
    blank_clip: Callable[..., Path],
) -> None:
    import av

    clip = blank_clip(6, code=True, size=(640, 480))
    with av.open(str(clip)) as container:
        for frame in container.decode(video=0):
            threaded = frame.to_ndarray(
                width=320, height=240, format="rgb24", interpolation="FAST_BILINEAR"
            )
            assert np.array_equal(media._analysis_rgb(frame, 320, 240), threaded)


def test_annotated_video_of_a_1080p_clip_is_640_by_360() -> None:
    from dorsi.video import annotate

    assert media.fit_size(1920, 1080, annotate.ANNOTATED_MAX_SIDE) == (640, 360)
    assert media.fit_size(1080, 1920, annotate.ANNOTATED_MAX_SIDE) == (360, 640)


@pytest.mark.slow
def test_the_halves_share_one_still_image_model_for_their_re_searches() -> None:
    from dorsi.video.pose import MediaPipePose

    make = MediaPipePose.sharing()
    first, second = make(), make()
    picture = np.full((240, 320, 3), 140, dtype=np.uint8)
    assert first.estimate(picture, region=(10, 10, 200, 200)) == []
    assert second.estimate(picture, region=(0, 0, 300, 220)) == []
    still = first._still
    assert second._still is still
    assert still._pose is not None  # made once, for both
    first.close()
    assert still._pose is not None  # the other half may still search
    second.close()
    assert still._pose is None


def test_pose_models_made_by_two_threads_at_once_leave_the_warning_filters_as_they_were() -> None:
    import threading
    import warnings

    from dorsi.video import pose

    before = list(warnings.filters)
    first_in, second_in, first_out = threading.Event(), threading.Event(), threading.Event()

    def first() -> None:
        with pose._quiet_warnings():
            first_in.set()
            second_in.wait(5)
        first_out.set()

    def second() -> None:
        first_in.wait(5)
        with pose._quiet_warnings():
            second_in.set()
            first_out.wait(5)  # the first one leaves while this one is still inside
            assert warnings.filters[0][0] == "ignore"

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert warnings.filters == before
