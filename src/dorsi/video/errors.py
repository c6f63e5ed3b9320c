"""Why a video cannot be analysed. Each problem has its own class and a message that says what to do.

Shells translate them: the CLI prints the message on one line and exits with code 2.
"""

from __future__ import annotations

from dorsi.core.errors import DorsiError

_FILMING_TIP = (
    "Film from the side with the phone steady at hip height, whole body and both feet in the "
    "frame, in good light."
)


class VideoError(DorsiError):
    """Base of every problem with a video or its content."""

    default_message = "This video cannot be analysed. " + _FILMING_TIP

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or self.default_message)


class NotAVideo(VideoError):
    default_message = (
        "This file is not a readable video (wrong format or damaged). "
        "Use the original MP4 or MOV file from the camera."
    )


class VideoTooShort(VideoError):
    default_message = (
        "The video is shorter than 1 second. Record the whole movement, from standing "
        "to the deepest point and back up."
    )


class NoPersonFound(VideoError):
    default_message = "No person was found in the video. " + _FILMING_TIP


class SubjectAmbiguous(VideoError):
    default_message = (
        "Two people of similar size are in the video and Dorsi cannot tell which one to "
        "measure. Film with only the athlete in the frame."
    )


class NotSideOn(VideoError):
    default_message = (
        "The person is not filmed side-on: hips or shoulders are too far apart across "
        "the image. Place the camera directly to the side, at a right angle to the feet."
    )


class FeetOutOfFrame(VideoError):
    default_message = (
        "The feet leave the frame, so heel and ankle cannot be measured. Step back or "
        "tilt the camera so the whole body and both feet stay in view."
    )


class LowConfidence(VideoError):
    default_message = (
        "The leg could not be seen clearly in too many frames (blur, clothing, or "
        "something in the way). " + _FILMING_TIP
    )


class TooDark(VideoError):
    default_message = (
        "The video is too dark to find the joints reliably. Film in good light, "
        "with the light behind the camera rather than behind the athlete."
    )


class AnalysisFileError(VideoError):
    """An analysis.json that cannot be read (compare)."""

    default_message = (
        "This is not a Dorsi video analysis file (analysis.json, schema dorsi.video/v1)."
    )
