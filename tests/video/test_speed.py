"""The cost cuts of the video pipeline keep what the analysis sees."""

from __future__ import annotations

from dorsi.video import media


def test_display_frames_skip_deblocking_only_when_shrunk_by_about_half() -> None:
    assert media.display_decoder_options(1920, 960) == {"skip_loop_filter": "all"}
    assert media.display_decoder_options(3840, 960) == {"skip_loop_filter": "all"}
    # A mild shrink (720p to 540p) or none at all would show the block edges.
    assert media.display_decoder_options(1280, 960) == {}
    assert media.display_decoder_options(960, 960) == {}
