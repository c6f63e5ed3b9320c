"""Every number of SPEC §1–§5, defined once, with where it comes from.

Rules elsewhere in the core, the shells, the database constraints and the video pipeline
read these values; none of them writes the number again. Comparisons go through
``round_cm`` / ``round_deg`` first, so that ``10.7 - 9.2`` is treated as 1.5 cm and an
inch value converted to cm lands on the right side of a line.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import time

from dorsi.core import words
from dorsi.core.codes import AngleFlag, AsymmetryLevel, Category, Unit, Variant
from dorsi.core.errors import ValidationError
from dorsi.core.evidence import (
    ATANDA_2011,
    BACKMAN_DANIELSON_2011,
    BAROUK_2014,
    BAUMBACH_2014,
    CHISHOLM_2012,
    DIFIORI_2014,
    DIGIOVANNI_2002,
    HOCH_MCKEON_2011,
    KONOR_2012,
    POWDEN_2015,
    RADFORD_2006,
    SEED_000,
    SEED_001,
    SEED_002,
    SHERRINGTON_2019,
    Source,
)
from dorsi.core.units import CM_PER_IN

CM_DECIMALS = 2
DEG_DECIMALS = 1


def round_cm(value_cm: float) -> float:
    return round(value_cm, CM_DECIMALS)


def round_deg(value_deg: float) -> float:
    return round(value_deg, DEG_DECIMALS)


# --- Valid ranges (SPEC §1): anything outside is refused, never stored ---------------------


@dataclass(frozen=True)
class Range:
    """A closed valid range with the unit it is written in, for messages."""

    low: float
    high: float
    unit: str

    def contains(self, value: float) -> bool:
        return self.low <= value <= self.high

    def check(self, field_name: str, value: float) -> float:
        if not self.contains(value):
            raise ValidationError(
                field_name,
                f"{words.quantity(value, self.unit)} is outside the valid range "
                f"{words.value_range(self.low, self.high, self.unit)}",
            )
        return value


KNEE_TO_WALL_RANGE = {Unit.CM: Range(0.0, 25.0, "cm"), Unit.IN: Range(0.0, 10.0, "in")}
# The database stores cm; 10 in is 25.4 cm, so that is the largest stored distance.
KNEE_TO_WALL_MAX_STORED_CM = 10.0 * CM_PER_IN
WB_ANGLE_RANGE = Range(-20.0, 70.0, "°")
GONIOMETER_RANGE = Range(-30.0, 60.0, "°")
AGE_RANGE = Range(10, 100, "years")
HEIGHT_RANGE = Range(100.0, 230.0, "cm")  # profiles and video scaling alike
MINUTES_PER_DAY_RANGE = Range(5, 60, "min")
DEFAULT_MINUTES_PER_DAY = 10
SPRAIN_RANGE = Range(0, 50, "sprains")
SHOE_DROP_RANGE = Range(0.0, 40.0, "mm")
TIBIA_RANGE = Range(25.0, 60.0, "cm")
FOOT_RANGE = Range(15.0, 35.0, "cm")
SESSION_MINUTES_RANGE = Range(0, 600, "min")
PAIN_RANGE = Range(0, 10, "")  # "12 is outside the valid range 0 to 10"


@dataclass(frozen=True)
class Threshold:
    """One number of the method, its unit and its sources."""

    value: float
    unit: str
    sources: tuple[Source, ...]


# --- Knee-to-wall categories (SPEC §2.1) -------------------------------------------------


@dataclass(frozen=True)
class Band:
    """A range of distances; edges are inclusive or not exactly as the spec's table says."""

    code: Category
    low_cm: float
    high_cm: float
    source: Source
    low_inclusive: bool = True
    high_inclusive: bool = False

    def contains(self, distance_cm: float) -> bool:
        d = round_cm(distance_cm)
        above_low = d >= self.low_cm if self.low_inclusive else d > self.low_cm
        below_high = d <= self.high_cm if self.high_inclusive else d < self.high_cm
        return above_low and below_high


STANDING_BANDS: tuple[Band, ...] = (
    Band(Category.SIGNIFICANT_RESTRICTION, 0.0, 9.0, SEED_000),
    Band(Category.MODERATE_RESTRICTION, 9.0, 10.0, SEED_000),
    Band(Category.ADEQUATE, 10.0, 13.0, SEED_000, high_inclusive=True),
    Band(Category.EXCELLENT, 13.0, math.inf, SEED_000, low_inclusive=False),
)

HALF_KNEELING_POOR_BELOW_CM = round_cm(4 * CM_PER_IN)  # 10.16 cm
HALF_KNEELING_EXCELLENT_ABOVE_CM = round_cm(5 * CM_PER_IN)  # 12.70 cm
HALF_KNEELING_BANDS: tuple[Band, ...] = (
    Band(Category.POOR, 0.0, HALF_KNEELING_POOR_BELOW_CM, SEED_002),
    Band(
        Category.NORMAL,
        HALF_KNEELING_POOR_BELOW_CM,
        HALF_KNEELING_EXCELLENT_ABOVE_CM,
        SEED_002,
        high_inclusive=True,
    ),
    Band(
        Category.EXCELLENT,
        HALF_KNEELING_EXCELLENT_ABOVE_CM,
        math.inf,
        SEED_002,
        low_inclusive=False,
    ),
)

BANDS: dict[Variant, tuple[Band, ...]] = {
    Variant.STANDING: STANDING_BANDS,
    Variant.HALF_KNEELING: HALF_KNEELING_BANDS,
}


def band_for(distance_cm: float, variant: Variant) -> Band:
    """The band of ``distance_cm`` on the scale of its own test variant (never mixed)."""
    bands = BANDS[variant]
    for band in bands:
        if band.contains(distance_cm):
            return band
    return bands[0] if round_cm(distance_cm) < bands[0].low_cm else bands[-1]


def category_for(distance_cm: float, variant: Variant) -> Category:
    return band_for(distance_cm, variant).code


@dataclass(frozen=True)
class VariantLines:
    """Where a test variant says "restricted" and "ample" for the rules of §2.4, §2.5 and §4.

    The spec writes those rules in standing-test centimetres (< 10 cm, > 12 cm). The
    half-kneeling test has its own scale, so it uses its own lines: "restricted" is its
    ``poor`` band (< 4 in) and "ample" is its ``excellent`` band (> 5 in) — conservative,
    so hips and thoracic spine are only blamed when that ankle is clearly not the limit.
    """

    restricted_below_cm: float
    ample_above_cm: float
    heel_lift_1cm_below_cm: float
    source: Source


VARIANT_LINES: dict[Variant, VariantLines] = {
    Variant.STANDING: VariantLines(10.0, 12.0, 12.0, SEED_000),
    Variant.HALF_KNEELING: VariantLines(
        HALF_KNEELING_POOR_BELOW_CM,
        HALF_KNEELING_EXCELLENT_ABOVE_CM,
        HALF_KNEELING_EXCELLENT_ABOVE_CM,
        SEED_002,
    ),
}


REFERRAL_BELOW_CM = 9.0  # standing test only (SPEC §2.1, §2.7)
HEEL_LIFT_RESTRICTED_CM = 2.0  # any side below the restricted line (SPEC §4)
HEEL_LIFT_NEAR_CM = 1.0  # any side below the 1 cm line
SQUAT_TEST_HEEL_LIFT_CM = 2.0
# Where the phone sits on the shin for the lunge angle (SPEC §1): below the tibial tuberosity.
INCLINOMETER_BELOW_KNEE_CM = 15.0
# The phone inclinometer page: a reading counts once it holds within this spread for this long
# (the median of that second is kept); a wall check further than this from vertical is redone.
PHONE_STABLE_WINDOW_S = 1.0
PHONE_STABLE_SPREAD_DEG = 1.0
PHONE_WALL_TOLERANCE_DEG = 5.0
PHONE_PLACE_DELAY_S = 3.0  # after the tap, time to lay the phone on the shin before it reads
KNEE_PAIN_TEST_HEEL_LIFT_CM = (2.0, 3.0)


def is_restricted(distance_cm: float, variant: Variant) -> bool:
    """Below the "restricted" line of the variant's own scale (standing: < 10 cm)."""
    return round_cm(distance_cm) < VARIANT_LINES[variant].restricted_below_cm


def is_ample(distance_cm: float, variant: Variant) -> bool:
    """Above the "ample" line of the variant's own scale (standing: > 12 cm)."""
    return round_cm(distance_cm) > VARIANT_LINES[variant].ample_above_cm


def heel_lift_cm(distances_cm: list[float], variant: Variant) -> float:
    """Heel elevation for squatting while training (SPEC §4): 2 cm, then 1 cm, then flat."""
    lines = VARIANT_LINES[variant]
    if any(round_cm(d) < lines.restricted_below_cm for d in distances_cm):
        return HEEL_LIFT_RESTRICTED_CM
    if any(round_cm(d) < lines.heel_lift_1cm_below_cm for d in distances_cm):
        return HEEL_LIFT_NEAR_CM
    return 0.0


# --- Population percentile (SPEC §2.1) ---------------------------------------------------


@dataclass(frozen=True)
class PopulationNorm:
    mean_cm: float
    sd_cm: float
    label: str
    source: Source

    def percentile(self, distance_cm: float) -> float:
        """Share of healthy adults with a smaller distance (normal CDF), 0–100, one decimal."""
        z = (distance_cm - self.mean_cm) / self.sd_cm
        return round(50.0 * (1.0 + math.erf(z / math.sqrt(2.0))), 1)


STANDING_NORM = PopulationNorm(
    12.0,
    2.8,
    "healthy-adult norms (Hoch & McKeon 2011: mean 12.0 cm, SD 2.8 cm)",
    HOCH_MCKEON_2011,
)

# --- Measurement error (SPEC §1) ---------------------------------------------------------


@dataclass(frozen=True)
class MeasurementError:
    distance_cm: float
    angle_deg: float
    weekly_noise_cm: float
    sources: tuple[Source, ...]

    def real_distance_change(self, change_cm: float) -> bool:
        return abs(round_cm(change_cm)) >= self.distance_cm

    def real_angle_change(self, change_deg: float) -> bool:
        return abs(round_deg(change_deg)) >= self.angle_deg


MEASUREMENT_ERROR = MeasurementError(1.5, 4.5, 0.5, (POWDEN_2015, KONOR_2012, CHISHOLM_2012))

# --- Asymmetry (SPEC §2.2) ---------------------------------------------------------------


@dataclass(frozen=True)
class AsymmetryRule:
    borderline_from_cm: float  # >= this is at least borderline
    meaningful_above_cm: float  # > this is meaningful
    angle_meaningful_from_deg: float  # >= this is meaningful; below it: none
    sources: tuple[Source, ...]

    def level_cm(self, difference_cm: float) -> AsymmetryLevel:
        d = round_cm(abs(difference_cm))
        if d > self.meaningful_above_cm:
            return AsymmetryLevel.MEANINGFUL
        if d >= self.borderline_from_cm:
            return AsymmetryLevel.BORDERLINE
        return AsymmetryLevel.NONE

    def level_deg(self, difference_deg: float) -> AsymmetryLevel:
        d = round_deg(abs(difference_deg))
        if d >= self.angle_meaningful_from_deg:
            return AsymmetryLevel.MEANINGFUL
        return AsymmetryLevel.NONE


ASYMMETRY = AsymmetryRule(1.5, 2.0, 5.0, (SEED_000, HOCH_MCKEON_2011, CHISHOLM_2012))

# --- Angle thresholds (SPEC §2.3) --------------------------------------------------------


@dataclass(frozen=True)
class AngleThreshold:
    """``flag`` holds when the angle is below ``below_deg`` (after rounding to 0.1°)."""

    flag: AngleFlag
    below_deg: float
    source: Source

    def holds(self, angle_deg: float) -> bool:
        return round_deg(angle_deg) < self.below_deg


@dataclass(frozen=True)
class LungeNorm:
    typical_deg: float
    low_deg: float
    high_deg: float
    source: Source


LUNGE_NORM = LungeNorm(39.0, 36.0, 42.0, BAUMBACH_2014)
BELOW_LUNGE_NORM = AngleThreshold(AngleFlag.BELOW_LUNGE_NORM, LUNGE_NORM.low_deg, BAUMBACH_2014)
# Jumping/court sports = codes.JUMP_SPORTS (basketball, volleyball). Soccer is a field sport;
# the 36.5° line comes from a basketball cohort and is not extended to it.
JUMP_SPORT_THRESHOLD = AngleThreshold(
    AngleFlag.BELOW_JUMP_SPORT_THRESHOLD, 36.5, BACKMAN_DANIELSON_2011
)
WEIGHTLIFTING_TARGET_LOW_DEG = 40.0
WEIGHTLIFTING_TARGET_HIGH_DEG = 45.0
WEIGHTLIFTING_TARGET = AngleThreshold(
    AngleFlag.BELOW_WEIGHTLIFTING_TARGET, WEIGHTLIFTING_TARGET_LOW_DEG, SEED_000
)


@dataclass(frozen=True)
class GoniometerRules:
    knee_straight_tight_below_deg: float  # DiGiovanni 2002
    bent_minus_straight_above_deg: float  # Barouk 2014
    knee_bent_restricted_below_deg: float  # seed 000 scale, knee-bent only
    knee_bent_above_average_above_deg: float
    straight_source: Source
    gap_source: Source
    scale_source: Source

    def knee_bent_flag(self, knee_bent_deg: float) -> AngleFlag:
        bent = round_deg(knee_bent_deg)
        if bent < self.knee_bent_restricted_below_deg:
            return AngleFlag.KNEE_BENT_RESTRICTED
        if bent > self.knee_bent_above_average_above_deg:
            return AngleFlag.KNEE_BENT_ABOVE_AVERAGE
        return AngleFlag.KNEE_BENT_NORMAL


GONIOMETER = GoniometerRules(5.0, 13.0, 20.0, 30.0, DIGIOVANNI_2002, BAROUK_2014, SEED_000)

# --- Lifestyle triggers (SPEC §2.6) ------------------------------------------------------

HIGH_SHOE_DROP_FROM_MM = 8.0  # a common "traditional trainer" drop; low-drop shoes are 0–4 mm
LIFESTYLE_SOURCE = SEED_001

# --- Age (SPEC §2.8, §4) -------------------------------------------------------------------

# Over this age tissues adapt more slowly: the expected pace is lowered (seed 000).
SLOWER_RATE_ABOVE_AGE = Threshold(40, "years", (SEED_000,))
SLOWER_RATE_FACTOR = 0.75
# Under this age the norms are adult norms, and knee or heel pain in a growing athlete asks
# for a professional's look (growth-plate conditions).
ADULT_FROM_AGE = Threshold(18, "years", (DIFIORI_2014, ATANDA_2011))
# From this age balance work starts in week 1 (falls prevention).
BALANCE_FIRST_FROM_AGE = Threshold(60, "years", (SHERRINGTON_2019,))


def is_adult(age_years: int) -> bool:
    return age_years >= ADULT_FROM_AGE.value


def is_older_adult(age_years: int) -> bool:
    """60 or over: balance work from week 1 (SPEC §2.8, §4)."""
    return age_years >= BALANCE_FIRST_FROM_AGE.value


# --- Triage and safety after clearance (SPEC §2.7) -----------------------------------------

FIRST_WEEK = 1
# Recent trauma: weeks 1-2 stay in the pain-free range; banded, weighted or loaded end-range
# work starts in this week at the earliest.
LOADED_END_RANGE_FROM_WEEK_AFTER_TRAUMA = 3
# Ottawa ankle rules: not managing this many steps after an injury calls for an X-ray.
OTTAWA_STEPS = 4
# A front-of-ankle pinch unchanged after this many weeks of adherent work: referral consider.
UNCHANGED_PINCH_WEEKS = 6

# --- The program calendar and its time budgets (SPEC §4) ---------------------------------

PLAN_WEEKS = 12
DAYS_PER_WEEK = 7
PLAN_DAYS = PLAN_WEEKS * DAYS_PER_WEEK
# Last day of weeks 3, 6, 9 and 12, and of each of weeks 5-8 (seed 000: retest every three
# weeks, weekly during the mobilization block).
RETEST_DAYS = (21, 35, 42, 49, 56, 63, 84)
MOBILIZATION_FROM_WEEK = 5
INTEGRATION_FROM_WEEK = 9
STRENGTH_FROM_WEEK = 4
LOADED_EARLY_FROM_WEEK = 5  # motor control or weightlifting: loaded squat work from week 5
STABILITY_FROM_WEEK = 5  # court and field sports: balance after week 4
# Minutes: a daily session is the full 8-10 min routine of seed 000; days shorter than
# 8 min get a standalone session of at least 5 min; a warm-up is 2-3 min.
DAILY_FLOOR_MIN = 8.0
DAILY_FULL_MIN = 10.0  # the full phase session; more time given goes to the extras below
DAILY_CAP_MIN = 15.0  # a daily session uses the user's own minutes up to this
STANDALONE_FLOOR_MIN = 5.0
WARM_UP_FLOOR_MIN = 2.0
WARM_UP_CAP_MIN = 3.0
SECONDS_PER_REP = 4  # about 3 s down and 1 s up; plans compute minutes from their own dose
MINUTES_STEP = 0.5
# The goal (seed 000): the bottom of "adequate"; weightlifters aim higher.
GOAL_CM = VARIANT_LINES[Variant.STANDING].restricted_below_cm
WEIGHTLIFTING_GOAL_CM = 13.0
# Maintenance (seed 000): about 5 minutes before lower-body sessions, stretching on 2 days.
MAINTENANCE_BEFORE_TRAINING_MIN = 5.0
MAINTENANCE_OTHER_DAYS_PER_WEEK = 2

# Dose progression (SPEC §4): from one week to the next a dose rises by at most one of these.
MAX_WEEKLY_SETS_RISE = 1
MAX_WEEKLY_REPS_RISE = 5
MAX_WEEKLY_HOLD_RISE = 1.5  # times last week's hold time
# Loaded calf work ramps up from week 4: 1 x 12, 2 x 12, 2 x 15, then 3 x 15 (weeks 9-12).
CALF_RAMP = {4: (1, 12), 5: (2, 12), 6: (2, 12), 7: (2, 15), 8: (2, 15), 9: (3, 15)}
CALF_LOWERING_S = 3
# Balance (SPEC §4): from week 1 after sprains, ankle rolling, a cleared giving-way, or at 60+;
# each stage (two-leg, one-leg, eyes closed or moving, unstable) lasts this many weeks.
BALANCE_WEEKS_PER_STAGE = 3
# Jump, court and field sports: landing drills in weeks 9-12, on at least this many days a week.
LANDING_FROM_WEEK = 9
LANDING_DAYS_PER_WEEK = 2
# Foot intrinsics (seed 001): short-foot work on at least this many days a week, from week 1;
# its easier version (toe yoga) in the first weeks.
FOOT_DAYS_PER_WEEK = 2
SHORT_FOOT_FROM_WEEK = 3
# Step-back rule (seed 001): after a session with swelling or heat, this many days use
# regressions and one set less.
STEP_BACK_DAYS = 3
# Effort feedback: this many ``too_easy`` in a row move an exercise to its progression.
TOO_EASY_IN_A_ROW = 2
# Film the squat monthly (seed 000): video checks on these plan days.
VIDEO_DAYS = (28, 56, 84)
# Already at the goal at baseline: a maintenance plan from day 1, retests every 4 weeks.
MAINTENANCE_RETEST_DAYS = (28, 56, 84)
# Maintenance is offered once the integration phase has started (week 9 on, SPEC §4).
MAINTENANCE_FROM_WEEK = INTEGRATION_FROM_WEEK
# Maintenance without training days: the 5-minute routine on this many days a week.
MAINTENANCE_ROUTINE_DAYS_WITHOUT_TRAINING = 3
MAINTENANCE_OTHER_DAY_MIN = 8.0  # short stretching and the calf-strength sets

# --- Progress (SPEC §5) --------------------------------------------------------------------

# A knee-to-wall change below this is measurement error (SPEC §1).
REAL_CHANGE = Threshold(MEASUREMENT_ERROR.distance_cm, "cm", (POWDEN_2015,))
# |left - right| above this is a meaningful asymmetry (SPEC §2.2).
MEANINGFUL_ASYMMETRY = Threshold(ASYMMETRY.meaningful_above_cm, "cm", (SEED_000, CHISHOLM_2012))
# Plateau and unchanged front pinch: no real change after 6 weeks of adherent work.
PLATEAU_DAYS = Threshold(42, "days since plan_start", (SEED_000,))
ADHERENT = Threshold(70, "% of planned days", (SEED_000,))
# Detraining: no done/partial session in the last 14 days, today included.
DETRAINING_DAYS = Threshold(14, "days", (SEED_000,))
# Repeated sharp pain: sharp or pinching pain on 3 or more session days (SPEC §2.7).
REPEATED_PAIN_SESSIONS = Threshold(3, "session days", (SEED_001,))
WEEK_DAYS = DAYS_PER_WEEK
MIN_POINTS_FOR_RATE = 3  # a rate only once there are 3 measurements, baseline included
# goal_reached needs the goal held at this many retests in a row (SPEC §5).
GOAL_HELD_RETESTS = 2
# asymmetry_resolved: |left - right| below the measurement error at the latest retest.
ASYMMETRY_RESOLVED_BELOW_CM = MEASUREMENT_ERROR.distance_cm
# No projection under this rate (cm/week): the goal is not in sight at that pace (SPEC §5).
MIN_PROJECTION_RATE = Threshold(0.05, "cm/week", (POWDEN_2015,))
# Sen's (1968) confidence interval of the Theil-Sen slope: the normal quantile of a 95 % CI.
SEN_CI_Z = 1.96
# The plan's own expectation of pace: the research figure (stretching trials, about 1 cm in
# total over their weeks: Radford 2006), never the coaching claim of 2-4 cm in 4-6 weeks.
RESEARCH_RATE_CM_PER_WEEK = Threshold(0.2, "cm/week", (RADFORD_2006,))
RESEARCH_RATE_LOW_CM_PER_WEEK = 0.1
RESEARCH_RATE_HIGH_CM_PER_WEEK = 0.3
# The goal for each side: the bottom of "adequate" on the standing test (seed 000), and the
# bottom of "normal" (4 in) on the half-kneeling test (seed 002).
GOAL = {
    Variant.STANDING: Threshold(GOAL_CM, "cm", (SEED_000,)),
    Variant.HALF_KNEELING: Threshold(HALF_KNEELING_POOR_BELOW_CM, "cm", (SEED_002,)),
}


@dataclass(frozen=True)
class ExpectedRange:
    """What a gain might look like, from one source. The label carries no grade: the citation
    of ``source`` says it once, beside the label."""

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
        label="Coaching article's claim: 2-4 cm within 4-6 weeks of daily work",
        low_cm=2.0,
        high_cm=4.0,
        weeks_low=4,
        weeks_high=6,
        source=SEED_000,
    ),
    ExpectedRange(
        code="stretching_studies",
        label="Studies of calf stretching: about 1 cm on average",
        low_cm=1.0,
        high_cm=1.0,
        weeks_low=None,
        weeks_high=None,
        source=RADFORD_2006,
    ),
)

# --- The coach's client list: who needs attention first (issue 11) -------------------------
# Product choices for a clinician's overview, not claims shown to athletes: pain, swelling and
# adherence are read over the last two weeks, the window the detraining flag uses too.
ATTENTION_WINDOW_DAYS = int(DETRAINING_DAYS.value)
LOW_ADHERENCE_PERCENT = 50  # under half of the planned days done in the window
INACTIVE_DAYS = 7  # no session logged as done or partial for a week
# A scheduled retest is "due" from its date for this many days, then "overdue"; a retest
# entered this many days early or later counts for it.
RETEST_WINDOW_DAYS = 3

# --- The guided session's pace (issue 9) ------------------------------------------------------
# Product choices, not SPEC claims: the rests the follow-along session counts down between sets,
# between the two sides of an exercise and between exercises, the pace it counts reps at when
# the dose gives no tempo, and when the "ten seconds" cue is spoken.
REST_BETWEEN_SETS_S = 20
REST_SWITCH_SIDES_S = 10
REST_BETWEEN_EXERCISES_S = 15
REP_PACE_S = 3  # seconds per rep without a tempo or a hold
WARNING_BEFORE_END_S = 10  # spoken only for holds longer than twice this
# The calendar reminders' time until the athlete picks theirs.
DEFAULT_REMINDER_TIME = time(7, 30)
