"""Progress in words: the notes explaining each flag and referral reason (the document's
``notes``). The texts are our own; each note names its sources so the user can always ask
"why". The text and Markdown a person reads are ``dorsi.formats.progress_text``.
"""

from __future__ import annotations

from dorsi.core.assessment.report import Finding
from dorsi.core.codes import ConsiderReason, ProgressFlag, Severity
from dorsi.core.evidence import CHISHOLM_2012, POWDEN_2015, SEED_000, SEED_001, SEED_002
from dorsi.core.progress.engine import Progress
from dorsi.core.thresholds import MEANINGFUL_ASYMMETRY, REAL_CHANGE


def _num(value: float) -> str:
    """At most 2 decimals, no trailing zeros: 9.14, 1.5, 10."""
    return f"{round(value, 2):g}"


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
