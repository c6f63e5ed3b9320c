"""The shared vocabulary of Dorsi: every code that crosses a JSON contract.

Values are the exact strings of SPEC §7; keep them stable (renaming one is a new schema version).
"""

from __future__ import annotations

from enum import StrEnum


class Side(StrEnum):
    LEFT = "left"
    RIGHT = "right"

    @property
    def other(self) -> Side:
        return Side.RIGHT if self is Side.LEFT else Side.LEFT


class Unit(StrEnum):
    CM = "cm"
    IN = "in"


class Variant(StrEnum):
    STANDING = "standing"
    HALF_KNEELING = "half_kneeling"


class Sport(StrEnum):
    RUNNING = "running"
    BASKETBALL = "basketball"
    SOCCER = "soccer"
    VOLLEYBALL = "volleyball"
    WEIGHTLIFTING = "weightlifting"
    POWERLIFTING = "powerlifting"
    SWIMMING = "swimming"
    GENERAL = "general"


JUMP_SPORTS = frozenset({Sport.BASKETBALL, Sport.VOLLEYBALL})
COURT_FIELD_SPORTS = frozenset({Sport.BASKETBALL, Sport.SOCCER, Sport.VOLLEYBALL})


class Weekday(StrEnum):
    MON = "mon"
    TUE = "tue"
    WED = "wed"
    THU = "thu"
    FRI = "fri"
    SAT = "sat"
    SUN = "sun"

    @property
    def number(self) -> int:
        """Monday is 0, as in ``date.weekday()``."""
        return list(Weekday).index(self)


class Equipment(StrEnum):
    NONE = "none"
    WALL = "wall"
    BAND = "band"
    MINI_BAND = "mini_band"
    STEP = "step"
    FOAM_ROLLER = "foam_roller"
    WEIGHT = "weight"
    PLATES = "plates"
    SLANT_BOARD = "slant_board"
    CHAIR = "chair"
    BENCH = "bench"
    BALL = "ball"
    MASSAGE_STICK = "massage_stick"


class Purpose(StrEnum):
    GASTROCNEMIUS = "gastrocnemius"
    SOLEUS = "soleus"
    JOINT_CAPSULE = "joint_capsule"
    MOTOR_CONTROL = "motor_control"
    STRENGTH = "strength"
    STABILITY = "stability"
    SOFT_TISSUE = "soft_tissue"
    WARM_UP = "warm_up"


class Rating(StrEnum):
    RESTRICTED = "restricted"
    OK = "ok"


class Felt(StrEnum):
    CALF_STRETCH = "calf_stretch"
    FRONT_PINCH = "front_pinch"
    NOTHING = "nothing"


class Category(StrEnum):
    SIGNIFICANT_RESTRICTION = "significant_restriction"
    MODERATE_RESTRICTION = "moderate_restriction"
    ADEQUATE = "adequate"
    EXCELLENT = "excellent"
    # Half-kneeling variant (seed 002) has its own scale.
    POOR = "poor"
    NORMAL = "normal"


class AsymmetryLevel(StrEnum):
    NONE = "none"
    BORDERLINE = "borderline"
    MEANINGFUL = "meaningful"


class LimitingFactor(StrEnum):
    GASTROCNEMIUS = "gastrocnemius"
    SOLEUS = "soleus"
    CALF_SOFT_TISSUE = "calf_soft_tissue"
    JOINT_CAPSULE = "joint_capsule"
    MOTOR_CONTROL = "motor_control"


class ReferralLevel(StrEnum):
    NONE = "none"
    CONSIDER = "consider"
    BEFORE_STARTING = "before_starting"

    @property
    def rank(self) -> int:
        return list(ReferralLevel).index(self)


class RedFlag(StrEnum):
    GIVING_WAY = "giving_way"
    NIGHT_PAIN = "night_pain"
    NERVE_SYMPTOMS = "nerve_symptoms"
    RECENT_TRAUMA = "recent_trauma"
    HOT_SWOLLEN_JOINT = "hot_swollen_joint"
    CALF_SWELLING = "calf_swelling"
    CALF_SNAP = "calf_snap"
    DIABETIC_FOOT = "diabetic_foot"
    SHARP_PAIN_ON_TEST = "sharp_pain_on_test"


class Urgency(StrEnum):
    """How soon a red flag needs a professional (SPEC §2.7); lowest first."""

    ROUTINE = "routine"
    URGENT = "urgent"
    EMERGENCY = "emergency"

    @property
    def rank(self) -> int:
        return list(Urgency).index(self)


class SafetyRule(StrEnum):
    """What a cleared red flag keeps changing in the plan (SPEC §2.7)."""

    NO_BAREFOOT_ADVICE = "no_barefoot_advice"
    NO_BAND = "no_band"  # band pressure on skin or nerves: the hand-pressure versions instead
    FOOT_CHECK_EACH_SESSION = "foot_check_each_session"
    PAIN_FREE_RANGE_FIRST = "pain_free_range_first"  # no banded, weighted or loaded end range early
    BALANCE_FROM_WEEK_1 = "balance_from_week_1"


class ConsiderReason(StrEnum):
    KNEE_TO_WALL_BELOW_9CM = "knee_to_wall_below_9cm"
    PLATEAU = "plateau"
    REPEATED_SHARP_PAIN = "repeated_sharp_pain"
    UNCHANGED_FRONT_PINCH = "unchanged_front_pinch"
    ADOLESCENT_PAIN = "adolescent_pain"


class Sign(StrEnum):
    HEELS_LIFT_IN_SQUAT = "heels_lift_in_squat"
    TIGHT_CALVES = "tight_calves"
    ANKLE_ROLLING = "ankle_rolling"
    MORNING_HEEL_PAIN = "morning_heel_pain"
    KNEE_PAIN_ON_STAIRS = "knee_pain_on_stairs"


class AngleFlag(StrEnum):
    BELOW_JUMP_SPORT_THRESHOLD = "below_jump_sport_threshold"
    BELOW_LUNGE_NORM = "below_lunge_norm"
    BELOW_WEIGHTLIFTING_TARGET = "below_weightlifting_target"
    GASTROCNEMIUS_TIGHTNESS_LIKELY = "gastrocnemius_tightness_likely"
    GASTROCNEMIUS_DOMINANT = "gastrocnemius_dominant"
    KNEE_BENT_RESTRICTED = "knee_bent_restricted"
    KNEE_BENT_NORMAL = "knee_bent_normal"
    KNEE_BENT_ABOVE_AVERAGE = "knee_bent_above_average"


class Phase(StrEnum):
    FOUNDATION = "foundation"
    MOBILIZATION = "mobilization"
    INTEGRATION = "integration"
    MAINTENANCE = "maintenance"


class PlanMode(StrEnum):
    DEVELOPMENT = "development"
    MAINTENANCE = "maintenance"


class MaintenanceWhen(StrEnum):
    BEFORE_TRAINING = "before_lower_body_session"
    OTHER_DAY = "other_day"


class DayKind(StrEnum):
    DAILY = "daily"
    WARM_UP = "warm_up"
    STANDALONE = "standalone"
    REST = "rest"


class ItemSide(StrEnum):
    LEFT = "left"
    RIGHT = "right"
    BOTH = "both"


class SessionStatus(StrEnum):
    DONE = "done"
    PARTIAL = "partial"
    SKIPPED = "skipped"


class PainType(StrEnum):
    NONE = "none"
    STRETCH = "stretch"
    DULL = "dull"
    SHARP = "sharp"
    PINCH = "pinch"


class Effort(StrEnum):
    """How an exercise of a logged session felt (dorsi.log/v1 ``efforts``, SPEC §4)."""

    TOO_EASY = "too_easy"
    RIGHT = "right"
    TOO_HARD = "too_hard"


class ProgressFlag(StrEnum):
    PLATEAU = "plateau"
    DETRAINING = "detraining"
    GOAL_REACHED = "goal_reached"
    ASYMMETRY_RESOLVED = "asymmetry_resolved"


class Severity(StrEnum):
    INFO = "info"
    NOTICE = "notice"
    WARNING = "warning"
    URGENT = "urgent"
