"""The assessment result as values (dorsi.report/v1 is its JSON form)."""

from __future__ import annotations

from dataclasses import dataclass

from dorsi.core.assessment.inputs import AssessmentInput, PerSide
from dorsi.core.codes import (
    AngleFlag,
    AsymmetryLevel,
    Category,
    LimitingFactor,
    ReferralLevel,
    Severity,
    Side,
)

REPORT_SCHEMA = "dorsi.report/v1"


@dataclass(frozen=True)
class AngleEstimate:
    """Tibia angle from vertical estimated from the knee-to-wall distance (an estimate)."""

    value_deg: float
    low_deg: float
    high_deg: float


@dataclass(frozen=True)
class Limitation:
    factor: LimitingFactor
    reason: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class SideReport:
    side: Side
    knee_to_wall_cm: float
    category: Category
    percentile: float | None  # healthy-adult norms; None for the half-kneeling variant
    angle_estimate: AngleEstimate | None
    wb_angle_deg: float | None
    angle_flags: tuple[AngleFlag, ...]
    limitations: tuple[Limitation, ...]

    @property
    def limiting_factors(self) -> tuple[LimitingFactor, ...]:
        return tuple(item.factor for item in self.limitations)


@dataclass(frozen=True)
class Asymmetry:
    difference_cm: float
    level: AsymmetryLevel
    more_restricted_side: Side | None  # None when level is NONE
    angle_difference_deg: float | None
    angle_level: AsymmetryLevel | None


@dataclass(frozen=True)
class Referral:
    level: ReferralLevel
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Finding:
    code: str
    severity: Severity
    text: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Recommendation:
    code: str
    text: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Report:
    input: AssessmentInput
    sides: PerSide[SideReport | None]
    asymmetry: Asymmetry | None
    ankle_limits_squat: bool | None
    check_hips_and_thoracic: bool | None
    knee_pain_linked_to_ankle: bool | None
    referral: Referral
    findings: tuple[Finding, ...]
    recommendations: tuple[Recommendation, ...]

    def side(self, side: Side) -> SideReport | None:
        return self.sides.get(side)

    @property
    def limiting_factors(self) -> frozenset[LimitingFactor]:
        """Union of both sides' factors."""
        out: set[LimitingFactor] = set()
        for side in Side:
            result = self.sides.get(side)
            if result is not None:
                out.update(result.limiting_factors)
        return frozenset(out)
