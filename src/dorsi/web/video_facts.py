"""Readable sentences for a video analysis' stored summary (``VideoAnalysis.summary``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from dorsi.video.model import HEEL_NOT_JUDGED, SIDE_REASON_WORDS, SideReason

# What a video shows, in words: the upload form's choices and every list that names a video.
MODE_WORDS = {"squat": "Squat", "knee-to-wall": "Knee-to-wall test"}


@dataclass(frozen=True)
class RepRow:
    number: int
    span: str
    depth: str
    tibia_at_depth: str
    max_tibia_heel_down: str
    heel_lift: str
    leg: str = "–"


def deg(value: float | None, uncertainty: float | None = None) -> str:
    if value is None:
        return "–"
    text = f"{value:.1f}°"
    return f"{text} ± {uncertainty:g}°" if uncertainty else text


def length(value: float | None, unit: str) -> str:
    if value is None:
        return "–"
    return f"{value:.1f} cm" if unit == "cm" else f"{value:.2f} shank lengths"


def hip(value: float | None, unit: str) -> str:
    """``hip_above_knee`` (+ = hip above the knee) as words."""
    if value is None:
        return "–"
    where = "above" if value >= 0 else "below"
    return f"hip {length(abs(value), unit)} {where} the knee"


def _onset(onset: dict[str, Any] | None, unit: str, judged: bool = True) -> str:
    if onset is None:
        return "the heel stayed down" if judged else HEEL_NOT_JUDGED
    return (
        f"at {onset['time_s']:.2f} s, tibia {deg(onset['tibia_angle_deg'])}, "
        f"{hip(onset['hip_above_knee'], unit)}"
    )


def _at(angle: dict[str, Any] | None, uncertainty: float) -> str:
    if angle is None:
        return "not measured (the heel was not seen flat)"
    return f"{deg(angle['value_deg'], uncertainty)} at {angle['time_s']:.2f} s"


def scale_text(summary: dict[str, Any], height_cm: float | None) -> str:
    scale = summary["scale"]
    if scale["unit"] != "cm":
        return (
            "Lengths in shank lengths (knee joint to ankle joint): no height was given. "
            "Angles in degrees, ± {:g}°.".format(summary["uncertainty_deg"])
        )
    origin = (
        f"your height ({height_cm:g} cm)"
        if scale["source"] == "height_cm" and height_cm
        else "a measured shank"
    )
    return (
        f"Lengths in cm, scaled from {origin}: shank {scale['shank_cm']:.1f} cm. "
        f"Angles in degrees, ± {summary['uncertainty_deg']:g}°."
    )


def facts(summary: dict[str, Any], height_cm: float | None) -> list[tuple[str, str]]:
    """(label, value) rows for the result page, in reading order."""
    s, unit, u = summary["summary"], summary["scale"]["unit"], summary["uncertainty_deg"]
    rows = [("Largest tibia angle, heel down", _at(s["max_tibia_angle_heel_down"], u))]
    if summary["mode"] == "knee-to-wall" and s.get("knee_to_wall"):
        k = s["knee_to_wall"]
        rows.append(
            (
                "Knee-to-wall (estimate)",
                f"≈ {k['distance_cm']:.0f} cm ({k['low_cm']:.0f}–{k['high_cm']:.0f} cm)",
            )
        )
    if summary["mode"] == "knee-to-wall" and s.get("weight_bearing_dorsiflexion"):
        rows.append(
            ("Weight-bearing dorsiflexion (estimate)", _at(s["weight_bearing_dorsiflexion"], u))
        )
    rows += [
        (
            "Heel lift starts",
            _onset(s["first_heel_lift_onset"], unit, summary.get("heel_judged", True)),
        ),
        ("Depth (deepest point)", hip(summary["deepest_hip_above_knee"], unit)),
        ("Largest ankle angle", _at(s["max_ankle_angle"], u)),
        ("Reps found", str(s["rep_count"])),
        (
            "Measured leg",
            f"{summary['side']} ({SIDE_REASON_WORDS[SideReason(summary['side_reason'])]})",
        ),
        ("Units and scale", scale_text(summary, height_cm)),
    ]
    source = summary["source"]
    rows.append(
        (
            "Video",
            f"{source['duration_s']:.1f} s at {source['fps']:.0f} fps, "
            f"{source['width']}×{source['height']}",
        )
    )
    return rows


def warnings(summary: dict[str, Any]) -> list[str]:
    """The analysis' warnings, as sentences (older analyses have none)."""
    return [w["message"] for w in summary.get("warnings") or []]


SCALED_FROM = {
    "height_cm": "your height",
    "shank_cm": "your measured shin length",
    "typical_adult": "a typical adult's proportions (add your height for a closer estimate)",
}


def knee_to_wall_lines(context: dict[str, Any] | None, uncertainty: float) -> list[str]:
    """Plain-word sentences connecting the video to the person's knee-to-wall test."""
    if context is None:
        return []
    from dorsi.core.assessment.texts import CATEGORY_MEANING
    from dorsi.core.codes import Category, Variant

    est, side = context["estimate"], context["side"]
    meaning = CATEGORY_MEANING[Variant.STANDING][Category(context["category"])].fact
    lines = [
        f"At the deepest heel-down moment your {side} knee reached about "
        f"{est['distance_cm']:.0f} cm past your toes (somewhere between {est['low_cm']:.0f} and "
        f"{est['high_cm']:.0f} cm), measured from the side and scaled from "
        f"{SCALED_FROM.get(est['scaled_from'], 'your proportions')}. In a knee-to-wall test "
        "that is the toe-to-wall distance.",
        f"On the standing knee-to-wall scale that would be {meaning}",
    ]
    if context.get("tibia_deg") is not None:
        lines.append(
            f"The shin leaned {context['tibia_deg']:.0f}° from vertical. The video reads angles "
            f"to about ± {uncertainty:g}°, so treat the distance as an estimate: the tape "
            "measure at the wall is the reference."
        )
    last = context.get("last")
    if last is not None:
        change = est["distance_cm"] - float(last["cm"])
        lines.append(
            f"Your last {side} knee-to-wall result ({last['what']}, "
            f"{last['date']:%d %b %Y}) was {float(last['cm']):.1f} cm; the video reads "
            + (
                f"{abs(change):.1f} cm {'more' if change > 0 else 'less'}."
                if abs(change) >= 0.05
                else "the same."
            )
        )
    else:
        lines.append(f"You have no {side} knee-to-wall result yet to compare with.")
    return lines


def rep_rows(summary: dict[str, Any]) -> list[RepRow]:
    unit = summary["scale"]["unit"]
    out = []
    for rep in summary["reps"]:
        deepest, best = rep["deepest"], rep["max_tibia_angle_heel_down"]
        onset = rep["heel_lift_onset"]
        out.append(
            RepRow(
                number=rep["number"],
                span=f"{rep['start_s']:.1f}–{rep['end_s']:.1f} s",
                depth=hip(deepest["hip_above_knee"], unit),
                tibia_at_depth=deg(deepest["tibia_angle_deg"]),
                max_tibia_heel_down="–" if best is None else deg(best["value_deg"]),
                heel_lift=(
                    f"{onset['time_s']:.2f} s at {deg(onset['tibia_angle_deg'])}"
                    if onset is not None
                    else "stayed down"
                    if best is not None
                    else "not judged"
                ),
                leg=rep.get("leg") or summary["side"],
            )
        )
    return out


def metric_value(value: float | None, unit: str) -> str:
    """A compare metric (``deg`` or a length unit)."""
    if unit == "deg":
        return deg(value)
    if unit in ("cm", "shank_lengths"):
        return length(value, unit)
    return "–" if value is None else f"{value:.2f}"


@dataclass(frozen=True)
class MetricRow:
    metric: str
    before: str
    after: str
    delta: str
    verdict: str


def _signed(value: float | None, unit: str) -> str:
    if value is None:
        return "–"
    sign = "+" if value > 0 else "−" if value < 0 else "±"
    return sign + metric_value(abs(value), unit)


def metric_rows(metrics: tuple[Any, ...]) -> list[MetricRow]:
    """Rows of a comparison (dorsi.video.comparison.MetricDelta values)."""
    return [
        MetricRow(
            m.metric[:1].upper() + m.metric[1:],
            metric_value(m.before, m.unit),
            metric_value(m.after, m.unit),
            _signed(m.delta, m.unit),
            m.verdict or "–",
        )
        for m in metrics
    ]
