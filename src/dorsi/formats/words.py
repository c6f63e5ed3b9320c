"""What a person reads instead of a code: words for the codes of the JSON documents, and
sources by name with their grade in words (SPEC intro, §7). Used by the web pages, the CLI's
text and Markdown, and the handout; the JSON keeps the codes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from dorsi.core.assessment.labels import (
    EQUIPMENT_LABELS,
    FELT_LABELS,
    SIGN_LABELS,
    SPORT_LABELS,
    VARIANT_LABELS,
)
from dorsi.core.assessment.texts import (
    CONSIDER_REASON_WORDS,
    FACTOR_LABELS,
    RED_FLAG_LABELS,
    REFERRAL_WORDS,
    URGENCY_WORDS,
)
from dorsi.core.codes import (
    AngleFlag,
    AsymmetryLevel,
    Category,
    Effort,
    ProgressFlag,
    Purpose,
    ReferralLevel,
    SafetyRule,
    Severity,
)
from dorsi.core.evidence import Grade, by_tag, is_known
from dorsi.core.program.calendar_text import PHASE_NAMES


def _lower(labels: Mapping[Any, str]) -> dict[str, str]:
    return {code.value: text[:1].lower() + text[1:] for code, text in labels.items()}


FLAG_WORDS: dict[ProgressFlag, str] = {
    ProgressFlag.PLATEAU: "plateau",
    ProgressFlag.DETRAINING: "detraining",
    ProgressFlag.GOAL_REACHED: "goal reached",
    ProgressFlag.ASYMMETRY_RESOLVED: "asymmetry resolved",
}
_OWN_WORDS: dict[str, str] = {
    **{category.value: category.value.replace("_", " ") for category in Category},
    AsymmetryLevel.NONE.value: "none",
    AsymmetryLevel.BORDERLINE.value: "borderline",
    AsymmetryLevel.MEANINGFUL.value: "meaningful",
    Purpose.GASTROCNEMIUS.value: "gastrocnemius (straight-knee calf)",
    Purpose.SOLEUS.value: "soleus (bent-knee calf)",
    Purpose.JOINT_CAPSULE.value: "joint capsule",
    Purpose.MOTOR_CONTROL.value: "motor control",
    Purpose.STRENGTH.value: "strength",
    Purpose.STABILITY.value: "stability and balance",
    Purpose.SOFT_TISSUE.value: "calf soft tissue",
    Purpose.WARM_UP.value: "warm-up",
    AngleFlag.BELOW_JUMP_SPORT_THRESHOLD.value: "below the line for jumping sports",
    AngleFlag.BELOW_LUNGE_NORM.value: "below the healthy-adult lunge range",
    AngleFlag.BELOW_WEIGHTLIFTING_TARGET.value: "below what a deep weightlifting catch needs",
    AngleFlag.GASTROCNEMIUS_TIGHTNESS_LIKELY.value: "tight straight-knee calf likely",
    AngleFlag.GASTROCNEMIUS_DOMINANT.value: "mostly the straight-knee calf",
    AngleFlag.KNEE_BENT_RESTRICTED.value: "knee-bent range restricted",
    AngleFlag.KNEE_BENT_NORMAL.value: "knee-bent range normal",
    AngleFlag.KNEE_BENT_ABOVE_AVERAGE.value: "knee-bent range above average",
    # Phases: the plan calendar's own names (day kinds share codes with purposes such as
    # "warm_up": they are read with calendar_text.day_kind_name, not through this map).
    **_lower(PHASE_NAMES),
    Effort.TOO_EASY.value: "too easy",
    Effort.RIGHT.value: "about right",
    Effort.TOO_HARD.value: "too hard",
    **{flag.value: text for flag, text in FLAG_WORDS.items()},
    SafetyRule.NO_BAREFOOT_ADVICE.value: "no barefoot advice",
    SafetyRule.NO_BAND.value: "hand pressure instead of a band",
    SafetyRule.FOOT_CHECK_EACH_SESSION.value: "a foot check at every session",
    SafetyRule.PAIN_FREE_RANGE_FIRST.value: "pain-free range only in the first weeks",
    SafetyRule.BALANCE_FROM_WEEK_1.value: "balance work from the first week",
    Severity.URGENT.value: "urgent",
    Severity.WARNING.value: "important",
    Severity.NOTICE.value: "worth knowing",
    Severity.INFO.value: "for information",
}


# Later maps win: the report's own labels over the questionnaire's.
WORDS: dict[str, str] = {
    **_lower(EQUIPMENT_LABELS),
    **_lower(SIGN_LABELS),
    **_lower(FELT_LABELS),
    **_lower(VARIANT_LABELS),
    **{code.value: text for code, text in SPORT_LABELS.items()},
    **_OWN_WORDS,
    **{code.value: text for code, text in FACTOR_LABELS.items()},
    **{code.value: text for code, text in RED_FLAG_LABELS.items()},
    **{code.value: text for code, text in CONSIDER_REASON_WORDS.items()},
    **{code.value: text for code, text in URGENCY_WORDS.items()},
}


def words(code: object) -> str:
    """The words for ``code`` ("joint_capsule" -> "joint capsule"); never the code itself."""
    if code is None:
        return ""
    text = str(code)
    return WORDS.get(text) or text.replace("_", " ").replace("-", " ")


_CODE = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")


def plain(text: str) -> str:
    """``text`` with any code it carries in words: a last guard for texts made elsewhere
    ("alongside the plan (knee_to_wall_below_9cm)" -> "... (an ankle under 9 cm)")."""
    return _CODE.sub(lambda match: words(match.group(0)), text)


def flag_words(code: str) -> str:
    """A progress flag as its name ("plateau"), not as the referral reason of the same code."""
    return next((text for flag, text in FLAG_WORDS.items() if flag.value == code), words(code))


def sentence(code: object) -> str:
    """:func:`words` with a capital first letter, for a heading or a list item."""
    text = words(code)
    return text[:1].upper() + text[1:]


def referral_words(level: object) -> str:
    """A referral level in words ("needed before starting"); "none needed" for none."""
    for known in ReferralLevel:
        if known.value == level:
            return REFERRAL_WORDS[known]
    return words(level)


def grade_words(grade: object) -> str:
    """ "research" -> "research evidence"; unknown or missing grades give an empty string."""
    for known in Grade:
        if known.value == grade:
            return known.words
    return ""


def citation(tag: str, known: Mapping[str, Any] | None = None) -> str | None:
    """One source as a person reads it ("Powden 2015, research evidence"). A tag the core no
    longer knows is read from the document's own ``sources`` map, else left out (None)."""
    if is_known(tag):
        return by_tag(tag).citation
    entry = (known or {}).get(tag)
    if isinstance(entry, Mapping) and entry.get("label"):
        grade = grade_words(entry.get("grade"))
        return f"{entry['label']}, {grade}" if grade else str(entry["label"])
    return None


def cite(tags: Iterable[str] | None, known: Mapping[str, Any] | None = None) -> str:
    """Readable citations of ``tags``, joined by "; " (empty when none can be named)."""
    named = (citation(tag, known) for tag in dict.fromkeys(tags or ()))
    return "; ".join(text for text in named if text)
