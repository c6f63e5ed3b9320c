"""Accuracy of the video analysis against known answers.

    .venv/bin/python bench/video_eval.py [--no-real] [--no-dev] [--cache DIR]

Synthetic athletes (tests/video/eval/synthetic_cases.json) go through the whole pipeline with
the fake pose estimator, so the tibia angle and heel lift are known exactly; the real clip
(tests/video/data/demo_landing.mp4) goes through MediaPipe and is compared with hand labels
(tests/video/eval/demo_landing_labels.json). Reports tibia-angle error (mean absolute, max) and
heel-lift detection (precision, recall per frame; onset error in degrees of tibia angle).

The real development clips (../shared/video-dev, hand-labelled, kept out of the repository;
bench/video_dev.py) are scored separately: outcome (result, warnings or refusal naming the
view), reps found against reps labelled, the tibia angle at each labelled frame against its
tolerance, whether the labelled leg was measured, heel-up calls at labelled flat-heel bottoms and
anywhere (no labelled front heel ever lifts). ``--cache DIR`` keeps their landmarks so the stages
after pose can be re-run in seconds.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import tempfile
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.video import synthetic as syn  # noqa: E402

from dorsi.video import analyze  # noqa: E402
from dorsi.video.summary import KNEE_FRONT_SHANKS, TYPICAL_SHANK_CM  # noqa: E402

EVAL = ROOT / "tests" / "video" / "eval"
FPS = 30
# A heel counts as really lifted once it is 1 cm (0.02 shank lengths) above the flat foot.
TRUE_LIFT = 0.02


def postures_for(case: dict[str, Any]) -> tuple[list[syn.Posture], list[syn.Posture] | None]:
    if case["mode"] == "knee-to-wall":
        front, back = [], []
        for rep in range(case["reps"]):
            for i in range(2 * FPS):
                drive = math.sin(math.pi * i / (2 * FPS))
                front.append(syn.Posture(tibia_deg=case["max_tibia"] * drive, thigh_deg=40 * drive))
                back.append(syn.Posture(tibia_deg=-5.0, thigh_deg=-20.0, heel_deg=30.0))
            del rep
        return front, back
    if case["mode"] == "calf-raise":  # analysed in squat mode: standing, the heel goes up
        return calf_raise_postures(case["reps"], case["heel_max_deg"]), None
    return syn.squat_postures(
        FPS, case["reps"], max_tibia=case["max_tibia"], heel_lift_from=case["heel_lift_from"]
    ), None


def calf_raise_postures(reps: int, heel_max_deg: float) -> list[syn.Posture]:
    """Stand, then ``reps`` raises onto the toes (2 s each, 1 s between); the shin stays upright."""
    out = [syn.Posture()] * FPS
    for _ in range(reps):
        for i in range(2 * FPS):
            up = math.sin(math.pi * i / (2 * FPS))
            out.append(syn.Posture(tibia_deg=2.0 * up, heel_deg=heel_max_deg * up))
        out += [syn.Posture()] * FPS
    return out


def script_for(case: dict[str, Any]) -> tuple[list[list[np.ndarray]], list[syn.Posture], syn.Body]:
    near, far = postures_for(case)
    facing = case.get("facing", 1)
    if far is None:
        body = syn.Body(
            facing=facing, toe_x=190 if facing > 0 else 130, near="right" if facing > 0 else "left"
        )
        script = [[syn.landmarks(body, p)] for p in near]
    else:
        body = syn.Body(toe_x=230, far_leg_ahead=-70)
        script = [[syn.landmarks(body, f, b)] for f, b in zip(near, far, strict=True)]
    rng = np.random.default_rng(case["seed"])
    noisy = syn.with_noise(script, case["noise_px"], seed=case["seed"])
    for people in noisy:
        for p in people:
            hit = rng.random(33) < case["outlier_rate"]
            angle = rng.uniform(0, 2 * math.pi, size=33)
            p[hit, 0] += 25 * np.cos(angle[hit])
            p[hit, 1] += 25 * np.sin(angle[hit])
    return noisy, near, body


def true_heel_rise(body: syn.Body, posture: syn.Posture) -> float:
    j = syn.leg_joints(body, posture, body.toe_x)
    return (j.toe[1] - j.heel[1]) / body.shank


def precision_recall(truth: np.ndarray, found: np.ndarray) -> tuple[float | None, float | None]:
    tp = int(np.sum(truth & found))
    precision = tp / int(found.sum()) if found.any() else None
    recall = tp / int(truth.sum()) if truth.any() else None
    return precision, recall


def synthetic_case(case: dict[str, Any], clip_dir: Path) -> dict[str, Any]:
    script, postures, body = script_for(case)
    clip = clip_dir / f"blank-{len(script)}.mp4"
    if not clip.exists():
        syn.write_clip(clip, len(script))
    mode = "squat" if case["mode"] == "calf-raise" else case["mode"]
    result = analyze(clip, mode=mode, estimator=syn.FakeEstimator(script))
    truth = np.array([p.tibia_deg for p in postures])
    got = np.array([np.nan if v is None else v for v in result.series.tibia_angle_deg])
    err = np.abs(got - truth)
    lifted_truth = np.array([true_heel_rise(body, p) > TRUE_LIFT for p in postures])
    lifted_found = np.array([d is False for d in result.series.heel_down])
    precision, recall = precision_recall(lifted_truth, lifted_found)
    onset_errors = []
    if case["heel_lift_from"] is not None:
        onset_errors = [
            abs(r.heel_lift_onset.tibia_angle_deg - case["heel_lift_from"])
            for r in result.reps
            if r.heel_lift_onset is not None and r.heel_lift_onset.tibia_angle_deg is not None
        ]
    distance = None
    estimate = result.summary.knee_to_wall
    if estimate is not None:
        j = syn.leg_joints(body, postures[estimate.frame], body.toe_x)
        ahead = (j.knee[0] - j.toe[0]) * body.facing / body.shank
        true_cm = (ahead + KNEE_FRONT_SHANKS) * TYPICAL_SHANK_CM  # no height given: typical adult
        distance = (true_cm, estimate.distance_cm, estimate.low_cm, estimate.high_cm)
    return {
        "name": case["name"],
        "distance": distance,
        "frames": int(np.isfinite(err).sum()),
        "tibia_mae": float(np.nanmean(err)),
        "tibia_max": float(np.nanmax(err)),
        "reps": f"{len(result.reps)}/{case['reps'] if case['mode'] != 'calf-raise' else 0}",
        "precision": precision,
        "recall": recall,
        "onset_err": float(np.mean(onset_errors)) if onset_errors else None,
        "truth_lifted": int(lifted_truth.sum()),
        "found_lifted": int(lifted_found.sum()),
        "tibia_errors": err[np.isfinite(err)],
        "lifted": (lifted_truth, lifted_found),
    }


def real_clip() -> dict[str, Any]:
    labels = json.loads((EVAL / "demo_landing_labels.json").read_text())
    clip = (EVAL / labels["clip"]).resolve()
    result = analyze(clip, mode="squat")
    errors, truth, found, rows = [], [], [], []
    for label in labels["frames"]:
        measured = result.series.tibia_angle_deg[label["frame"]]
        error = None if measured is None else abs(measured - label["tibia_angle_deg"])
        if error is not None:
            errors.append(error)
        down = result.series.heel_down[label["frame"]]
        shown = "not judged" if down is None else str(not down)
        rows.append((label["frame"], label["tibia_angle_deg"], measured, label["heel_up"], shown))
        if down is not None:  # a step (the push-off into the run) is not judged, by design
            truth.append(label["heel_up"])
            found.append(not down)
    precision, recall = precision_recall(np.array(truth, dtype=bool), np.array(found, dtype=bool))
    return {
        "errors": errors,
        "precision": precision,
        "recall": recall,
        "rows": rows,
        "side": result.side.value,
    }


def dev_clips(cache: Path | None) -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    import video_dev

    if not video_dev.available():
        print(f"\nDevelopment clips skipped: {video_dev.MISSING}")
        return
    print("\nReal development clips through MediaPipe vs hand labels (squat mode)")
    print(
        f"{'clip':<10}{'view':<11}{'outcome':<34}{'reps':>6}  {'tibia label/measured (tol)':<40}"
        f"{'leg ok':>7}{'heel up at bottoms':>19}{'heel up, any':>13}"
    )
    within, total = 0, 0
    for clip in video_dev.labels():
        r = video_dev.score(clip, cache)
        tibia = []
        for frame, label, measured, tol in r.tibia:
            shown = "–" if measured is None else f"{measured:.1f}"
            ok = measured is not None and abs(measured - label) <= tol
            within += ok
            total += 1
            tibia.append(f"f{frame} {label:.1f}/{shown}{'' if ok else '!'}")
        tol = f" (±{clip['tolerance_deg']:g})" if r.tibia else ""
        reps = (
            "–"
            if r.reps_found is None
            else f"{r.reps_matched}/{r.reps_labelled}"
            + (f"+{r.reps_extra}" if r.reps_extra else "")
        )
        legs = "–" if not r.leg_ok else "yes" if all(r.leg_ok) else "NO"
        bottoms = f"{r.bottoms_flagged}/{r.bottoms_seen}" if r.bottoms_seen else "–"
        print(
            f"{r.clip[:-4]:<10}{r.view.split()[0][:10]:<11}{r.outcome[:33]:<34}{reps:>6}  "
            f"{', '.join(tibia) + tol:<40}{legs:>7}{bottoms:>19}{r.false_heel_up:>13}"
        )
        for message in r.warnings:
            print(f"{'':<10}· {message}")
    print(f"labelled tibia angles within tolerance: {within}/{total} ('!' marks the others)")
    print(
        "reps: labelled side-view reps found within 0.5 s of their deepest frame / labelled, "
        "+ reps found that match no label"
    )


def pct(value: float | None) -> str:
    return "  –  " if value is None else f"{100 * value:5.1f}%"


def main() -> None:
    parser = argparse.ArgumentParser(description="Accuracy of the Dorsi video analysis.")
    parser.add_argument("--no-real", action="store_true", help="skip the MediaPipe clip")
    parser.add_argument("--no-dev", action="store_true", help="skip the development clips")
    parser.add_argument("--cache", type=Path, help="keep the development clips' landmarks here")
    args = parser.parse_args()
    cases = json.loads((EVAL / "synthetic_cases.json").read_text())["cases"]
    with tempfile.TemporaryDirectory() as tmp:
        results = [synthetic_case(c, Path(tmp)) for c in cases]
    print("Synthetic athletes (fake estimator, exact ground truth)")
    print(
        f"{'case':<34}{'frames':>7}{'tibia MAE':>11}{'tibia max':>11}{'reps':>6}{'heel P':>9}{'heel R':>9}"
        f"{'false lift':>11}{'onset err':>11}"
    )
    for r in results:
        onset = "  –" if r["onset_err"] is None else f"{r['onset_err']:.1f}°"
        false_lift = int(np.sum(r["lifted"][1] & ~r["lifted"][0]))
        print(
            f"{r['name']:<34}{r['frames']:>7}{r['tibia_mae']:>10.2f}°{r['tibia_max']:>10.2f}°{r['reps']:>6}"
            f"{pct(r['precision']):>9}{pct(r['recall']):>9}{false_lift:>11}{onset:>11}"
        )
    all_err = np.concatenate([r["tibia_errors"] for r in results])
    truth = np.concatenate([r["lifted"][0] for r in results])
    found = np.concatenate([r["lifted"][1] for r in results])
    p, rc = precision_recall(truth, found)
    print(
        f"{'all synthetic frames':<34}{all_err.size:>7}{all_err.mean():>10.2f}°{all_err.max():>10.2f}°{'':>6}{pct(p):>9}{pct(rc):>9}"
    )
    print(
        "\nKnee-to-wall distance at the largest heel-down shin angle (synthetic, no height given)"
    )
    print(f"{'case':<34}{'true':>9}{'estimate':>10}{'range':>16}{'error':>8}")
    for r in results:
        if r["distance"] is not None:
            true_cm, got, low, high = r["distance"]
            inside = "" if low <= true_cm <= high else "  (truth outside the range)"
            print(
                f"{r['name']:<34}{true_cm:>7.1f}cm{got:>8.1f}cm{f'{low:.1f}–{high:.1f} cm':>16}"
                f"{got - true_cm:>+7.1f}{inside}"
            )
    if not args.no_dev:
        dev_clips(args.cache)
    if args.no_real:
        return
    real = real_clip()
    print(
        "\nReal clip through MediaPipe vs hand labels (demo_landing.mp4, side: "
        + real["side"]
        + ")"
    )
    print(f"{'frame':>6}{'label':>9}{'measured':>10}{'heel up (label)':>17}{'heel up (found)':>17}")
    for frame, label, measured, up, found_up in real["rows"]:
        shown = "–" if measured is None else f"{measured:.1f}°"
        print(f"{frame:>6}{label:>8.1f}°{shown:>10}{up!s:>17}{found_up:>17}")
    errors = np.array(real["errors"])
    print(
        f"tibia error: mean abs {errors.mean():.1f}°, max {errors.max():.1f}° over {errors.size} frames; "
        f"heel lift precision {pct(real['precision']).strip()}, recall {pct(real['recall']).strip()} "
        "over the frames judged (the heel rising as the foot pushes off into the run is a step, "
        "not judged)"
    )


if __name__ == "__main__":
    main()
