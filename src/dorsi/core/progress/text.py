"""Progress in words: notes explaining each flag and referral reason, plain text and Markdown.

The texts are our own; each note names its sources so the user can always ask "why".
"""

from __future__ import annotations

from datetime import date

from dorsi.core.assessment.report import Finding
from dorsi.core.codes import ConsiderReason, ProgressFlag, ReferralLevel, Severity, Side
from dorsi.core.evidence import CHISHOLM_2012, POWDEN_2015, SEED_000, SEED_001, SEED_002, SEN_1968
from dorsi.core.progress.engine import Progress, SideProgress
from dorsi.core.thresholds import MEANINGFUL_ASYMMETRY, REAL_CHANGE


def _num(value: float) -> str:
    """At most 2 decimals, no trailing zeros: 9.14, 1.5, 10."""
    return f"{round(value, 2):g}"


def _signed(value: float) -> str:
    return ("+" if value > 0 else "") + _num(value)


def _flag_note(p: Progress, flag: ProgressFlag) -> Finding:
    error, gap = _num(REAL_CHANGE.value), _num(MEANINGFUL_ASYMMETRY.value)
    target = _num(p.target_cm)
    texts = {
        ProgressFlag.PLATEAU: (
            Severity.WARNING,
            f"No change beyond the {error} cm measurement error on either side after "
            f"{p.days_since_start} days with {round(p.adherence.ratio * 100)} % of days done. "
            "Retest to confirm; if it holds, a physiotherapist can check what stretching is "
            "not reaching (joint, old sprain).",
            (SEED_000.tag, POWDEN_2015.tag),
        ),
        ProgressFlag.DETRAINING: (
            Severity.NOTICE,
            "A real gain was measured, but no session was done in the last 14 days. Range "
            "gained this way usually fades within weeks without practice; a short maintenance "
            "routine keeps it.",
            (SEED_000.tag,),
        ),
        ProgressFlag.GOAL_REACHED: (
            Severity.INFO,
            f"Both sides are at {target} cm or more and within {gap} cm of each other: move to "
            "maintenance (5 minutes before lower-body sessions, short stretching on 2 other days).",
            (SEED_000.tag,),
        ),
        ProgressFlag.ASYMMETRY_RESOLVED: (
            Severity.INFO,
            f"The left-right difference was over {gap} cm at baseline and is {gap} cm or less now.",
            (SEED_000.tag, CHISHOLM_2012.tag),
        ),
    }
    severity, text, sources = texts[flag]
    return Finding(flag.value, severity, text, sources)


def _pinched_sides(p: Progress) -> str:
    names = " and ".join(side.value for side in p.unchanged_pinch_sides)
    return f"the {names} ankle{'s' if len(p.unchanged_pinch_sides) > 1 else ''}"


def _reason_note(p: Progress, reason: ConsiderReason) -> Finding | None:
    if reason is ConsiderReason.REPEATED_SHARP_PAIN:
        return Finding(
            reason.value,
            Severity.WARNING,
            f"Sharp or pinching pain was logged on {p.painful_session_days} session days. That "
            "kind of pain is a signal to stop, not to push through: have a professional look at "
            "the ankle, and use the easier version of the exercise meanwhile.",
            (SEED_001.tag,),
        )
    if reason is ConsiderReason.UNCHANGED_FRONT_PINCH:
        return Finding(
            reason.value,
            Severity.WARNING,
            f"A pinch at the front of {_pinched_sides(p)} at baseline, and no real change after "
            "6 weeks of regular work. A bony block cannot be ruled out on your own: consider a "
            "physiotherapist.",
            (SEED_000.tag, SEED_002.tag),
        )
    return None  # plateau is explained by its flag


def notes(p: Progress) -> tuple[Finding, ...]:
    """One note per flag and per referral reason that is not already a flag."""
    out = [_flag_note(p, flag) for flag in p.flags]
    for reason in p.referral.reasons:
        note = _reason_note(p, ConsiderReason(reason))
        if note is not None:
            out.append(note)
    return tuple(out)


def _side_lines(side: Side, s: SideProgress | None, target_cm: float, today: date) -> list[str]:
    name = side.value.capitalize()
    if s is None:
        return [f"{name}: not measured at baseline"]
    verdict = (
        "a real change"
        if s.real_change
        else (f"within the {_num(REAL_CHANGE.value)} cm measurement error")
    )
    lines = [
        f"{name}: {_num(s.baseline_cm)} cm -> {_num(s.latest_cm)} cm "
        f"({_signed(s.change_cm)} cm, {verdict})"
    ]
    if s.rate_cm_per_week is None:
        lines.append("  rate: needs 3 measurements (baseline included)")
    else:
        lines.append(
            f"  rate: {_signed(s.rate_cm_per_week)} cm/week "
            f"(median of pairwise slopes over {len(s.points)} measurements)"
        )
    p = s.projection
    if p is not None:
        until = "open-ended" if p.latest is None else p.latest.isoformat()
        lines.append(
            f"  {_num(target_cm)} cm expected around {p.value.isoformat()} "
            f"(range {p.earliest.isoformat()} to {until})"
        )
        if p.value == today:
            lines.append("  the trend says it may already be reached: retest")
    elif s.latest_cm >= target_cm:
        lines.append(f"  at or above the {_num(target_cm)} cm goal")
    return lines


def _summary_lines(p: Progress) -> list[str]:
    a, m = p.adherence, p.minutes_per_week
    lines = [
        f"Adherence: {a.done_days} of {a.planned_days} days done "
        f"({round(a.ratio * 100)} %), streak {a.streak} days",
        f"Minutes: {_num(m.last_7_days)} in the last 7 days, {_num(m.average)} per week on average",
        "Expected gains, two views:",
    ]
    lines += [f"  - {r.label} [{r.source.tag}, {r.source.grade.value}]" for r in p.expected_ranges]
    return lines


def progress_to_text(p: Progress) -> str:
    """Plain lines for a terminal (the CLI adds colour)."""
    lines = [
        f"Progress on {p.today.isoformat()}: day {p.days_since_start + 1} "
        f"of the plan started {p.plan_start.isoformat()}"
    ]
    for side in Side:
        lines += _side_lines(side, p.side(side), p.target_cm, p.today)
    lines += _summary_lines(p)
    lines.append("Flags: " + (", ".join(f.value for f in p.flags) or "none"))
    for note in notes(p):
        lines.append(f"  * {note.text} [{', '.join(note.sources)}]")
    lines.append(_referral_line(p))
    lines.append(
        f"Rate method: {SEN_1968.tag}; measurement error {_num(REAL_CHANGE.value)} cm "
        f"[{POWDEN_2015.tag}]"
    )
    return "\n".join(lines) + "\n"


def _referral_line(p: Progress) -> str:
    if p.referral.level is ReferralLevel.NONE:
        return "Referral: none from the logs"
    return "Referral: consider seeing a professional (" + ", ".join(p.referral.reasons) + ")"


def progress_to_markdown(p: Progress) -> str:
    """A Markdown summary: a table per side, then adherence, flags and referral."""
    out = [
        f"# Progress on {p.today.isoformat()}",
        "",
        f"Plan started {p.plan_start.isoformat()} (day {p.days_since_start + 1}).",
        "",
        "| side | baseline cm | latest cm | change cm | real | cm/week | goal date |",
        "|---|---|---|---|---|---|---|",
    ]
    for side in Side:
        s = p.side(side)
        if s is None:
            out.append(f"| {side.value} | not measured | | | | | |")
            continue
        rate = "n/a" if s.rate_cm_per_week is None else _signed(s.rate_cm_per_week)
        goal = "n/a" if s.projection is None else s.projection.value.isoformat()
        out.append(
            f"| {side.value} | {_num(s.baseline_cm)} | {_num(s.latest_cm)} | "
            f"{_signed(s.change_cm)} | {'yes' if s.real_change else 'no'} | {rate} | {goal} |"
        )
    out += ["", *(line if line.startswith(" ") else f"- {line}" for line in _summary_lines(p))]
    out += ["", "## Flags", ""]
    out += [f"- **{n.code}**: {n.text} _({', '.join(n.sources)})_" for n in notes(p)] or ["- none"]
    out += ["", f"**{_referral_line(p)}**", ""]
    return "\n".join(out)
