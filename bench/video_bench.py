"""Speed and memory of the video pipeline on this machine.

    .venv/bin/python bench/video_bench.py [--lengths 10 30] [--keep DIR]

1. Builds 1080p 30 fps H.264 clips of the given lengths (seconds, key frame every 2 s) by scaling
   up the committed demo clip (tests/video/data/demo_landing.mp4) and playing it back and forth.
2. Bare MediaPipe (decode every frame at full size, ``Pose.process``) against the Dorsi pipeline
   on the same clip in the same run: frames per second.
3. Wall time against clip length: analysis only, and analysis plus the four report files.
4. Peak memory (max RSS of a fresh process) for each clip length: it should stay flat.
5. Real footage, when the development clips are here (``../shared/video-dev``, see
   bench/video_dev.py): 10 s of dev03 (1080p, 23.976 fps) from frame 100 (the title card fading
   into the first wide side-on shot, three squats, then the first close-up), every frame kept and
   re-timed to 30 fps, encoded like the clips of step 1: the same wall times and speed ratio.
6. Tracking (video mode) against still-image mode on the demo clip: the tibia angles differ by?
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from fractions import Fraction
from pathlib import Path

import av
import cv2
import numpy as np
import numpy.typing as npt

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "tests" / "video" / "data" / "demo_landing.mp4"
SIZE = (1920, 1080)
FPS = 30


def make_1080p(path: Path, seconds: float) -> Path:
    """The demo clip scaled to 1080 px high, centred on a 1920×1080 frame, played back and forth."""
    with av.open(str(DEMO)) as src:
        frames = [f.to_ndarray(format="rgb24") for f in src.decode(video=0)]
    loop = frames + frames[-2:0:-1]
    height = SIZE[1]
    width = round(frames[0].shape[1] * height / frames[0].shape[0]) // 2 * 2
    left = (SIZE[0] - width) // 2
    canvas = np.full((SIZE[1], SIZE[0], 3), 90, dtype=np.uint8)

    def pictures() -> Iterator[npt.NDArray[np.uint8]]:
        for i in range(round(seconds * FPS)):
            canvas[:, left : left + width] = cv2.resize(
                loop[i % len(loop)], (width, height), interpolation=cv2.INTER_CUBIC
            )
            yield canvas

    return encode_1080p(path, pictures())


def encode_1080p(path: Path, pictures: Iterable[npt.NDArray[np.uint8]]) -> Path:
    """RGB pictures of ``SIZE`` as an H.264 clip at ``FPS``, one frame each."""
    with av.open(str(path), "w") as dst:
        stream = dst.add_stream("libx264", rate=Fraction(FPS))
        stream.width, stream.height = SIZE
        stream.pix_fmt = "yuv420p"
        stream.options = {"preset": "veryfast", "crf": "20"}
        # A key frame every 2 s, as phones record (x264's default of 250 frames would make the
        # second half's decoder decode and drop up to 8 s of video after seeking).
        stream.codec_context.gop_size = 2 * FPS
        for picture in pictures:
            for packet in stream.encode(av.VideoFrame.from_ndarray(picture, format="rgb24")):
                dst.mux(packet)
        for packet in stream.encode(None):
            dst.mux(packet)
    return path


DEV_CLIP = "dev03.mp4"
DEV_FIRST_FRAME = 100


def make_dev_1080p(path: Path, seconds: float = 10.0) -> Path | None:
    """Real footage for step 5, or None (saying why) when the development clips are absent."""
    from video_dev import DEV_DIR

    source = DEV_DIR / DEV_CLIP
    if not source.is_file():
        print(
            f"real-footage clip skipped: {source} is not here (the development clips stay out of the repository)"
        )
        return None
    count = round(seconds * FPS)

    def pictures() -> Iterator[npt.NDArray[np.uint8]]:
        with av.open(str(source)) as src:
            for i, frame in enumerate(src.decode(video=0)):
                if i >= DEV_FIRST_FRAME + count:
                    return
                if i >= DEV_FIRST_FRAME:
                    picture = frame.to_ndarray(format="rgb24")
                    if picture.shape[:2] != (SIZE[1], SIZE[0]):
                        picture = cv2.resize(picture, SIZE, interpolation=cv2.INTER_AREA)
                    yield picture

    return encode_1080p(path, pictures())


def bare_mediapipe(path: Path) -> dict[str, float]:
    """What a straightforward script does: decode, convert, ``process``, one frame at a time."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from mediapipe.python.solutions import pose as mp_pose

    # Model start-up is inside the timing, as it is for the Dorsi run.
    import resource

    cpu0 = resource.getrusage(resource.RUSAGE_SELF)
    start = time.perf_counter()
    pose = mp_pose.Pose(static_image_mode=False, model_complexity=1)
    frames = 0
    with av.open(str(path)) as container:
        for frame in container.decode(video=0):
            pose.process(frame.to_ndarray(format="rgb24"))
            frames += 1
    wall = time.perf_counter() - start
    cpu1 = resource.getrusage(resource.RUSAGE_SELF)
    pose.close()
    cpu_s = cpu1.ru_utime + cpu1.ru_stime - cpu0.ru_utime - cpu0.ru_stime
    return {"frames": frames, "wall_s": wall, "fps": frames / wall, "cpu_s": cpu_s}


CHILD = """
import json, resource, sys, time
from pathlib import Path
from dorsi.video import analyze
path, out = sys.argv[1], sys.argv[2]
def cpu():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime
frames = []
start, cpu0 = time.perf_counter(), cpu()
a = analyze(path, mode="squat", progress=lambda p: frames.append(p.done) if p.stage == "pose" else None)
analysis_s, analysis_cpu = time.perf_counter() - start, cpu() - cpu0
outputs_s = outputs_cpu = 0.0
if out != "-":
    from dorsi.video.export import write_outputs
    start, cpu0 = time.perf_counter(), cpu()
    write_outputs(a, Path(out))
    outputs_s, outputs_cpu = time.perf_counter() - start, cpu() - cpu0
print(json.dumps({"frames": len(a.series.time_s), "analysis_s": analysis_s, "outputs_s": outputs_s,
                  "analysis_cpu_s": analysis_cpu, "outputs_cpu_s": outputs_cpu,
                  "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "reps": a.summary.rep_count}))
"""


def pipeline_run(path: Path, out: Path | None) -> dict[str, float]:
    """One analysis in a fresh process, so its peak memory is its own."""
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(path), str(out) if out else "-"],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def picture_in_1080p() -> tuple[float, float, float, float]:
    """Where the demo picture sits in a clip made by ``make_1080p`` (grey bars either side)."""
    with av.open(str(DEMO)) as src:
        stream = src.streams.video[0]
        w, h = stream.codec_context.width, stream.codec_context.height
    width = round(w * SIZE[1] / h) // 2 * 2
    left = (SIZE[0] - width) // 2
    return (float(left), 0.0, float(left + width), float(SIZE[1]))


def tracking_vs_static(
    path: Path, picture: tuple[float, float, float, float] | None = None
) -> dict[str, object]:
    """Video mode runs the person detector only when tracking is lost; still-image mode runs
    it on every frame. Same pipeline otherwise (both in one pass, in order).

    Compares the tibia-angle series the product reports (after outlier rejection, gap filling
    and the zero-phase low-pass), on the frames where both modes saw the measured leg with
    good confidence inside the picture (``picture``: x0, y0, x1, y1 in source pixels; default
    the whole frame). The other frames are counted by the first reason that excludes them.
    An athlete hidden behind something while the pose model stays confident is not detected.
    """
    from dorsi.video import Analysis, analyze
    from dorsi.video.pose import MediaPipePose

    with MediaPipePose() as tracking:
        video = analyze(path, mode="squat", estimator=tracking)
    with MediaPipePose(static_image_mode=True) as still:
        static = analyze(path, mode="squat", estimator=still)
    x0, y0, x1, y1 = picture or (0.0, 0.0, float(video.source.width), float(video.source.height))

    def values(v: tuple[float | None, ...]) -> npt.NDArray[np.float64]:
        return np.array([np.nan if x is None else x for x in v], dtype=np.float64)

    def inside(a: Analysis) -> npt.NDArray[np.bool_]:
        points = a.points
        ok = np.ones(len(points.knee), dtype=bool)
        for name in ("hip", "knee", "ankle", "heel", "toe"):
            xy = np.array(
                [(np.nan, np.nan) if p is None else p for p in getattr(points, name)],
                dtype=np.float64,
            )
            ok &= ~(
                (xy[:, 0] < x0) | (xy[:, 0] > x1) | (xy[:, 1] < y0) | (xy[:, 1] > y1)
            )  # NaN: not judged here
        return ok

    a, b = values(video.series.tibia_angle_deg), values(static.series.tibia_angle_deg)
    conf_a, conf_b = values(video.series.confidence), values(static.series.confidence)
    least = video.settings.min_visibility
    reasons = {
        "athlete not found by tracking": ~np.isfinite(conf_a),
        "athlete not found by still-image": ~np.isfinite(conf_b),
        f"leg confidence under {least:g}": ~((conf_a >= least) & (conf_b >= least)),
        "leg outside the picture": ~(inside(video) & inside(static)),
        "no final value (gap too long to bridge)": ~(np.isfinite(a) & np.isfinite(b)),
    }
    taken = np.zeros(a.size, dtype=bool)
    excluded: dict[str, int] = {}
    for reason, hit in reasons.items():
        count = int((hit & ~taken).sum())
        if count:
            excluded[reason] = count
        taken |= hit
    diff = np.abs(a - b)[~taken]
    out = np.abs(a - b)[taken & np.isfinite(a) & np.isfinite(b)]
    return {
        "frames": int(a.size),
        "comparable": int(diff.size),
        "mean_abs_deg": float(diff.mean()) if diff.size else float("nan"),
        "median_abs_deg": float(np.median(diff)) if diff.size else float("nan"),
        "max_abs_deg": float(diff.max()) if diff.size else float("nan"),
        "excluded": excluded,
        "excluded_with_values": int(out.size),
        "excluded_mean_abs_deg": float(out.mean()) if out.size else float("nan"),
        "excluded_max_abs_deg": float(out.max()) if out.size else float("nan"),
    }


def print_rate_agreement(clip: Path) -> None:
    """Pose at a lower rate (the product) against pose on every frame, at each rep's bottom
    (the every-frame run's deepest frame and two frames either side): the tibia angle, and
    whether the heel calls are the same."""
    from dorsi.video.pipeline import analyze

    lower, every = analyze(clip, mode="squat"), analyze(clip, mode="squat", pose_stride=1)
    diffs, same, seen = [], 0, 0
    for rep in every.reps:
        f = rep.deepest.frame
        a, b = lower.series.tibia_angle_deg[f], every.series.tibia_angle_deg[f]
        if a is not None and b is not None:
            diffs.append(abs(a - b))
        for g in range(max(0, f - 2), min(len(every.series.heel_down), f + 3)):
            seen += 1
            same += lower.series.heel_down[g] == every.series.heel_down[g]
    if diffs:
        print(
            f"  pose at a lower rate vs on every frame, at the {len(every.reps)} rep bottoms "
            f"({len(lower.reps)} reps at the lower rate): tibia angle differs by "
            f"{', '.join(f'{d:.2f}°' for d in diffs)}; heel calls the same in {same} of {seen} "
            "frames around them"
        )


def print_agreement(name: str, r: dict[str, object]) -> None:
    print(
        f"tracking vs still-image mode on {name}, final tibia-angle series: {r['comparable']} of "
        f"{r['frames']} frames comparable; differs by {r['mean_abs_deg']:.2f}° on average "
        f"(median {r['median_abs_deg']:.2f}°, max {r['max_abs_deg']:.2f}°)"
    )
    excluded = r["excluded"]
    assert isinstance(excluded, dict)
    for reason, count in excluded.items():
        print(f"  excluded {count:>4} frames: {reason}")
    if r["excluded_with_values"]:
        print(
            f"  (the {r['excluded_with_values']} excluded frames with a value in both modes differ by "
            f"{r['excluded_mean_abs_deg']:.2f}° on average, max {r['excluded_max_abs_deg']:.2f}°)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lengths", type=float, nargs="+", default=[10.0, 30.0])
    parser.add_argument("--keep", type=Path, help="keep the generated clips and reports here")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="dorsi-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    print(
        f"clips in {work}; load average before: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores"
    )
    clips = {}
    for seconds in args.lengths:
        clips[seconds] = work / f"squat-1080p-{seconds:g}s.mp4"
        if not clips[seconds].exists():  # reused from an earlier run with the same --keep
            t = time.perf_counter()
            make_1080p(clips[seconds], seconds)
            print(f"  made {seconds:g} s clip in {time.perf_counter() - t:.1f} s")

    real = work / f"real-{DEV_CLIP.removesuffix('.mp4')}-1080p-10s.mp4"
    if not real.exists():
        t = time.perf_counter()
        if make_dev_1080p(real) is not None:
            print(f"  made the 10 s real-footage clip in {time.perf_counter() - t:.1f} s")

    first = clips[args.lengths[0]]
    bare = bare_mediapipe(first)
    runs = {s: pipeline_run(c, work / f"report-{s:g}s") for s, c in clips.items()}
    lean = pipeline_run(first, None)
    real_runs = (
        (bare_mediapipe(real), pipeline_run(real, work / "report-real")) if real.exists() else None
    )

    n = bare["frames"]
    print(
        f"\nframes per second on {first.name} ({n} frames, {SIZE[0]}x{SIZE[1]}); CPU ms per frame"
    )
    print(
        f"  {'bare MediaPipe (decode + process)':<44}{bare['fps']:7.1f} fps {1000 * bare['cpu_s'] / n:8.1f} ms"
    )
    lean_fps = lean["frames"] / lean["analysis_s"]
    print(
        f"  {'Dorsi analysis (same clip, no report files)':<44}{lean_fps:7.1f} fps {1000 * lean['analysis_cpu_s'] / n:8.1f} ms"
        f"   speed ratio {lean_fps / bare['fps']:.2f}x"
    )
    full = runs[args.lengths[0]]
    full_fps = full["frames"] / (full["analysis_s"] + full["outputs_s"])
    full_cpu = 1000 * (full["analysis_cpu_s"] + full["outputs_cpu_s"]) / n
    print(
        f"  {'Dorsi analysis + report files':<44}{full_fps:7.1f} fps {full_cpu:8.1f} ms   speed ratio {full_fps / bare['fps']:.2f}x"
    )

    print(
        f"\n{'clip':>8} {'frames':>7} {'analysis':>10} {'+reports':>10} {'total':>8} {'x real time':>12} "
        f"{'CPU s':>7} {'x real time, CPU-bound on 2 cores':>35} {'peak RSS':>10}"
    )
    for seconds, r in runs.items():
        total = r["analysis_s"] + r["outputs_s"]
        cpu_s = r["analysis_cpu_s"] + r["outputs_cpu_s"]
        print(
            f"{seconds:>7g}s {r['frames']:>7.0f} {r['analysis_s']:>9.1f}s {r['outputs_s']:>9.1f}s {total:>7.1f}s "
            f"{seconds / total:>11.2f}x {cpu_s:>6.1f}s {seconds / (cpu_s / 2):>34.2f}x "
            f"{r['max_rss_mb']:>8.0f} MB"
        )
    print(
        "(x real time = clip length / wall time; on a loaded machine the CPU-bound figure, clip "
        "length / (CPU s / 2), is what two idle cores would give at best)"
    )

    if real_runs is not None:
        real_bare, r = real_runs
        total = r["analysis_s"] + r["outputs_s"]
        cpu_s = r["analysis_cpu_s"] + r["outputs_cpu_s"]
        seconds = r["frames"] / FPS
        fps = r["frames"] / total
        print(
            f"\nreal footage, {real.name} ({r['frames']:.0f} frames of {DEV_CLIP} from frame "
            f"{DEV_FIRST_FRAME}, re-timed to {FPS} fps): bare MediaPipe {real_bare['fps']:.1f} fps; "
            f"Dorsi analysis {r['analysis_s']:.1f} s + reports {r['outputs_s']:.1f} s = {total:.1f} s "
            f"({seconds / total:.2f}x real time, {fps:.1f} fps, speed ratio {fps / real_bare['fps']:.2f}x; "
            f"{cpu_s:.1f} CPU s; {r['reps']:.0f} reps; peak RSS {r['max_rss_mb']:.0f} MB)"
        )
        print_rate_agreement(real)
    else:
        print("\nreal footage: skipped (no development clips here, see above)")

    print(f"load average after: {os.getloadavg()[0]:.2f}")
    for clip, picture in ((first, picture_in_1080p()), (DEMO, None)):
        print_agreement(clip.name, tracking_vs_static(clip, picture))


if __name__ == "__main__":
    main()
