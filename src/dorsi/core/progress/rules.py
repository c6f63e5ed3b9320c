"""Thresholds and tables of SPEC §5 (progress), each with its provenance."""

from __future__ import annotations

from dataclasses import dataclass

from dorsi.core.assessment.inputs import CM_PER_IN
from dorsi.core.codes import Category, Variant
from dorsi.core.evidence import (
    CHISHOLM_2012,
    POWDEN_2015,
    RADFORD_2006,
    SEED_000,
    SEED_001,
    SEED_002,
    Source,
)


@dataclass(frozen=True)
class Threshold:
    value: float
    unit: str
    sources: tuple[Source, ...]


# A knee-to-wall change below this is measurement error (SPEC §1).
REAL_CHANGE = Threshold(1.5, "cm", (POWDEN_2015,))
# |left - right| above this is a meaningful asymmetry (SPEC §2.2).
MEANINGFUL_ASYMMETRY = Threshold(2.0, "cm", (SEED_000, CHISHOLM_2012))
# Plateau and unchanged front pinch: no real change after 6 weeks of adherent work (§2.4, §2.7, §5).
PLATEAU_DAYS = Threshold(42, "days since plan_start", (SEED_000,))
ADHERENT = Threshold(70, "% of planned days", (SEED_000,))
# Detraining: no done/partial session in the last 14 days, today included (§5).
DETRAINING_DAYS = Threshold(14, "days", (SEED_000,))
# Repeated sharp pain: sharp or pinching pain on 3 or more session days (§2.7).
REPEATED_PAIN_SESSIONS = Threshold(3, "session days", (SEED_001,))
# Minutes per week: the window of the "last week" figure.
WEEK_DAYS = 7

# The goal for each side: the bottom of "adequate" on the standing test (seed 000), and the
# bottom of "normal" (4 in) on the half-kneeling test (seed 002). The weightlifting target of the
# program is an angle, not a distance, so progress keeps the distance goal for everyone.
GOAL = {
    Variant.STANDING: Threshold(10.0, "cm", (SEED_000,)),
    Variant.HALF_KNEELING: Threshold(4 * CM_PER_IN, "cm", (SEED_002,)),
}


@dataclass(frozen=True)
class Band:
    """A category band for charts; ``high_cm`` None means open-ended."""

    code: Category
    low_cm: float
    high_cm: float | None
    source: Source


BANDS = {
    Variant.STANDING: (
        Band(Category.SIGNIFICANT_RESTRICTION, 0.0, 9.0, SEED_000),
        Band(Category.MODERATE_RESTRICTION, 9.0, 10.0, SEED_000),
        Band(Category.ADEQUATE, 10.0, 13.0, SEED_000),
        Band(Category.EXCELLENT, 13.0, None, SEED_000),
    ),
    Variant.HALF_KNEELING: (
        Band(Category.POOR, 0.0, 4 * CM_PER_IN, SEED_002),
        Band(Category.NORMAL, 4 * CM_PER_IN, 5 * CM_PER_IN, SEED_002),
        Band(Category.EXCELLENT, 5 * CM_PER_IN, None, SEED_002),
    ),
}


@dataclass(frozen=True)
class ExpectedRange:
    """What a gain might look like, from one source, labelled with its evidence grade."""

    code: str
    label: str
    low_cm: float
    high_cm: float
    weeks_low: int | None
    weeks_high: int | None
    source: Source


EXPECTED_RANGES = (
    ExpectedRange(
        code="seed_claim",
        label="Coaching article's claim: 2-4 cm within 4-6 weeks of daily work (expert opinion)",
        low_cm=2.0,
        high_cm=4.0,
        weeks_low=4,
        weeks_high=6,
        source=SEED_000,
    ),
    ExpectedRange(
        code="stretching_studies",
        label="Studies of calf stretching: about 1 cm on average (research)",
        low_cm=1.0,
        high_cm=1.0,
        weeks_low=None,
        weeks_high=None,
        source=RADFORD_2006,
    ),
)
