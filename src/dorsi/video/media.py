"""Video in and out with PyAV (FFmpeg): streaming decode with rotation, H.264 encode.

Frames are decoded on a background thread into a small bounded queue, so decoding (FFmpeg,
which releases the GIL) runs on one core while pose inference runs on the other, and memory
stays the same whatever the length of the clip.
"""

from __future__ import annotations

import contextlib
import math
import os
import queue
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import av
import av.error
import av.video.plane
import cv2
import numpy as np
import numpy.typing as npt

from dorsi.video.errors import NotAVideo
from dorsi.video.model import SourceInfo

Image = npt.NDArray[np.uint8]
Converter = Callable[["av.VideoFrame", int, int], Image]
QUEUE_FRAMES = 8
# Display frames shrunk at least this much are decoded without the deblocking filter.
SKIP_DEBLOCK_SHRINK = 1.8


class Frame:
    """One decoded frame. Its RGB picture (upright, rotation applied, at the requested size) is
    made on first use, so a frame that pose skips costs no colour conversion or scaling."""

    __slots__ = ("index", "time_s", "_make", "_image")

    def __init__(self, index: int, time_s: float, make: Callable[[], Image]) -> None:
        self.index = index
        self.time_s = time_s
        self._make: Callable[[], Image] | None = make
        self._image: Image | None = None

    @property
    def image(self) -> Image:
        if self._image is None:
            assert self._make is not None
            self._image, self._make = self._make(), None  # the decoded frame is let go
        return self._image

    @property
    def brightness(self) -> float:
        """Mean luma 0–255, from a coarse grid of pixels."""
        return _brightness(self.image)


def probe(path: Path) -> SourceInfo:
    """Facts about the video; decodes the first frame to be sure the file is usable."""
    if not path.is_file():
        raise NotAVideo(f"No file at {path}. Check the path and try again.")
    try:
        with av.open(str(path)) as container:
            if not container.streams.video:
                raise NotAVideo()
            stream = container.streams.video[0]
            first = next(container.decode(stream), None)
            if first is None:
                raise NotAVideo()
            fps = float(stream.average_rate or stream.guessed_rate or 30)
            duration = _duration_s(container, stream)
            rotation = int(round(first.rotation or 0)) % 360
            width, height = first.width, first.height
            start_time = float(first.time) if first.time is not None else 0.0
            count = stream.frames or int(round(duration * fps))
            codec = stream.codec_context.name
    except (av.error.FFmpegError, UnicodeDecodeError) as exc:
        raise NotAVideo() from exc
    if rotation in (90, 270):
        width, height = height, width
    return SourceInfo(
        path=str(path.resolve()),
        fps=round(fps, 3),
        frame_count=count,
        width=width,
        height=height,
        rotation_deg=rotation,
        duration_s=round(duration, 3),
        codec=codec,
        start_time_s=round(start_time, 6),
    )


def _duration_s(container: av.container.InputContainer, stream: av.VideoStream) -> float:
    if stream.duration is not None and stream.time_base is not None:
        return float(stream.duration * stream.time_base)
    if container.duration is not None:
        return container.duration / 1_000_000
    return 0.0


def fit_size(width: int, height: int, max_side: int) -> tuple[int, int]:
    """Scale down to ``max_side`` on the long side, keeping even sizes (H.264 needs them)."""
    factor = min(1.0, max_side / max(width, height))
    return max(2, int(width * factor) // 2 * 2), max(2, int(height * factor) // 2 * 2)


@dataclass(frozen=True)
class Span:
    """A stretch of a video by time since its first frame: frames with start_s <= t < stop_s.

    ``origin_s`` is the first frame's own timestamp, so that a decoder that seeks straight to
    the middle still numbers time from the start of the video.
    """

    origin_s: float
    start_s: float = 0.0
    stop_s: float = math.inf


def iter_frames(
    path: Path,
    *,
    size: tuple[int, int],
    rotation: int,
    span: Span | None = None,
    display: bool = False,
    lazy: bool = False,
) -> Iterator[Frame]:
    """Upright RGB frames at ``size`` (width, height as shown), decoded on a worker thread.

    With ``span``, only that stretch; ``Frame.index`` then counts from the span's first frame.
    With ``display``, frames are downscaled for viewing (area average, see ``_display_rgb``)
    instead of swscale's fast bilinear, which the pose pass uses. Without ``lazy`` the worker
    thread also makes each frame's picture; with it, the consumer does, and only for the frames
    whose ``image`` it reads.

    The decoder starts at once, not on the first ``next()``: it opens the file, seeks and fills
    its queue while the caller still gets ready (a pose model loading takes 0.1–0.4 s; the
    second half of a split video first decodes and drops up to a key-frame interval).
    """
    frames = _frames(path, size, rotation, span, display, lazy)
    next(frames)  # runs up to its first yield, with the decoder thread started
    return (frame for frame in frames if frame is not None)


def _frames(
    path: Path,
    size: tuple[int, int],
    rotation: int,
    span: Span | None,
    display: bool,
    lazy: bool,
) -> Iterator[Frame | None]:
    """None first (once the decoder is running), then the frames. Closed (the decoder stopped)
    when the consumer lets go of it, even before the first frame."""
    frames: queue.Queue[Frame | BaseException | None] = queue.Queue(maxsize=QUEUE_FRAMES)
    stop = threading.Event()
    convert = _display_rgb if display else _analysis_rgb
    worker = threading.Thread(
        target=_decode_into,
        args=(path, size, rotation, span, convert, frames, stop, display, lazy),
        daemon=True,
    )
    worker.start()
    try:
        yield None
        while (item := frames.get()) is not None:
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stop.set()
        while worker.is_alive():
            with contextlib.suppress(queue.Empty):
                frames.get(timeout=0.05)
        worker.join()


def _decode_into(
    path: Path,
    size: tuple[int, int],
    rotation: int,
    span: Span | None,
    convert: Converter,
    out: queue.Queue[Frame | BaseException | None],
    stop: threading.Event,
    display: bool = False,
    lazy: bool = False,
) -> None:
    try:
        for frame in _decode(path, size, rotation, span, convert, display=display):
            if not lazy:
                frame.image  # noqa: B018 (made here, on the decoding thread)
            if not _put(out, frame, stop):
                return
    except BaseException as exc:  # handed to the consumer thread, which re-raises it
        _put(out, exc, stop)
    _put(out, None, stop)


def _put(
    out: queue.Queue[Frame | BaseException | None],
    item: Frame | BaseException | None,
    stop: threading.Event,
) -> bool:
    while not stop.is_set():
        try:
            out.put(item, timeout=0.05)
            return True
        except queue.Full:
            continue
    return False


def _decode(
    path: Path,
    size: tuple[int, int],
    rotation: int,
    span: Span | None,
    convert: Converter,
    *,
    display: bool = False,
) -> Iterator[Frame]:
    turns = (rotation // 90) % 4
    coded_w, coded_h = (size[1], size[0]) if turns % 2 else size
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        # No codec frame-threads: this decoder already has a core of its own, and on two cores
        # extra threads only compete with pose inference (measured: +15 % CPU per frame).
        if display:
            stream.codec_context.options = display_decoder_options(
                stream.codec_context.width, coded_w
            )
        fps = float(stream.average_rate or stream.guessed_rate or 30)
        start = span.origin_s if span is not None else None
        if span is not None and span.start_s > 0 and stream.time_base is not None:
            # Jump to the key frame before the span; frames before it are decoded and dropped.
            container.seek(int((span.origin_s + span.start_s) / stream.time_base), stream=stream)
        index = 0
        try:
            for frame in container.decode(stream):
                time_s = frame.time if frame.time is not None else index / fps
                start = time_s if start is None else start
                if span is not None and time_s - start < span.start_s:
                    continue
                if span is not None and time_s - start >= span.stop_s:
                    break
                make = _picture(frame, convert, coded_w, coded_h, turns)
                yield Frame(index, round(time_s - start, 4), make)
                index += 1
        except av.error.InvalidDataError:
            if index == 0:
                raise NotAVideo() from None
            # A truncated recording: keep what was decoded.


def _picture(
    frame: av.VideoFrame, convert: Converter, width: int, height: int, turns: int
) -> Callable[[], Image]:
    def make() -> Image:
        image = convert(frame, width, height)
        if turns:
            # The display matrix rotates counter-clockwise, as np.rot90 does.
            image = np.ascontiguousarray(np.rot90(image, k=turns))
        return image

    return make


def display_decoder_options(source_width: int, width: int) -> dict[str, str]:
    """Decoder options for frames shown at ``width`` (the annotated video).

    Frames shrunk to about half size or less have their block edges averaged away, so the
    deblocking filter (which smooths them) can be skipped: about a fifth of the decoding saved
    (1080p: 3.3 → 2.6 ms a frame). Never for the frames pose sees, nor for a mild shrink.
    """
    if source_width >= SKIP_DEBLOCK_SHRINK * width:
        return {"skip_loop_filter": "all"}
    return {}


def _analysis_rgb(frame: av.VideoFrame, width: int, height: int) -> Image:
    # Fast bilinear scaling costs less than a third of swscale's default (bicubic) at 1080p;
    # the pose model resamples its crop to 256 px anyway. On one thread: the same pixels as
    # swscale's slice threads for a fifth less CPU (1080p to 720p: 2.8 → 2.3 ms a frame), and
    # the decoder and the other half of the video already keep both cores busy.
    return np.asarray(
        frame.to_ndarray(
            width=width,
            height=height,
            format="rgb24",
            interpolation="FAST_BILINEAR",
            threads=1,
        ),
        dtype=np.uint8,
    )


def _display_rgb(frame: av.VideoFrame, width: int, height: int) -> Image:
    """RGB at ``width`` x ``height`` for the annotated video.

    For yuv420p (what phones and most encoders write) each plane is shrunk with OpenCV's area
    average, and only then converted to RGB by swscale with the frame's own colour matrix: about
    a third of the CPU of swscale scaling and converting the full-size frame in one go (1080p to
    540p: 1.3 ms instead of 3.4 ms a frame), with box-filtered rather than bilinear pixels.
    """
    if frame.format.name != "yuv420p" or (frame.width, frame.height) == (width, height):
        return _analysis_rgb(frame, width, height)
    small = av.VideoFrame(width, height, "yuv420p")
    for i, (src, dst) in enumerate(zip(frame.planes, small.planes, strict=True)):
        sub = 1 if i == 0 else 2  # chroma planes are half size, rounded up
        w, h = -(-width // sub), -(-height // sub)
        plane = _pixels(src)[: -(-frame.height // sub), : -(-frame.width // sub)]
        _pixels(dst)[:h, :w] = cv2.resize(plane, (w, h), interpolation=cv2.INTER_AREA)
    small.colorspace = frame.colorspace  # same matrix as swscale applies to the full frame
    small.color_range = frame.color_range
    return np.asarray(small.to_ndarray(format="rgb24", threads=1), dtype=np.uint8)


def _pixels(plane: av.video.plane.VideoPlane) -> Image:
    """A plane's bytes as rows (``line_size`` wide, padding included), without a copy."""
    rows: Image = np.frombuffer(memoryview(plane), dtype=np.uint8)
    return rows.reshape(-1, plane.line_size)


def _brightness(image: Image) -> float:
    grid = image[::16, ::16].astype(np.float32)
    return float((grid @ np.array([0.299, 0.587, 0.114], dtype=np.float32)).mean())


class H264Writer:
    """MP4 with H.264 (yuv420p) that browsers play; ``faststart`` puts the index up front so
    playback can begin before the whole file has downloaded."""

    def __init__(self, path: Path, *, width: int, height: int, fps: float, crf: int = 23) -> None:
        self._container = av.open(str(path), "w", container_options={"movflags": "+faststart"})
        rate = Fraction(fps).limit_denominator(1001)
        self._stream = self._container.add_stream("libx264", rate=rate)
        self._stream.width = width
        self._stream.height = height
        self._stream.pix_fmt = "yuv420p"
        # "superfast" encodes ~30 % faster than "veryfast" for a somewhat larger file (about
        # 1.0 MB per 10 s at 640x360), which matters more here than the last bit of compression.
        self._stream.options = {"preset": "superfast", "crf": str(crf)}
        # Frames come from a decoder on a worker thread, which keeps one core busy; x264's own
        # frame threads only pay on the cores left over (on two cores, one thread: measured 5 %
        # less CPU and no slower than x264's default of 1.5 threads a core).
        self._stream.codec_context.thread_count = max(1, (os.cpu_count() or 1) - 1)

    def write(self, image: Image) -> None:
        """Encode one RGB frame of the writer's size."""
        # OpenCV's RGB→I420 (BT.601, limited range, as swscale's) is about 3× cheaper than
        # letting the encoder convert with swscale.
        yuv: Image = np.asarray(cv2.cvtColor(image, cv2.COLOR_RGB2YUV_I420), dtype=np.uint8)
        frame = av.VideoFrame.from_ndarray(yuv, format="yuv420p")
        for packet in self._stream.encode(frame):
            self._container.mux(packet)

    def close(self) -> None:
        for packet in self._stream.encode(None):
            self._container.mux(packet)
        self._container.close()
