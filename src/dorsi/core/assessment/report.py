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
    Urgency,
)
from dorsi.core.evidence import Grade, by_tag

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
    # Factors that may also be involved, without their code (SPEC §2.4 rule 3's fallback).
    possible: tuple[Limitation, ...] = ()

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
    urgency: Urgency | None = None  # only with red flags (SPEC §2.7)


def _primary_grade(sources: tuple[str, ...]) -> Grade | None:
    return by_tag(sources[0]).grade if sources else None


@dataclass(frozen=True)
class Finding:
    """One statement of the report. ``evidence`` is the grade of its primary source, the
    first one listed (the source of the rule itself; the others support or qualify it)."""

    code: str
    severity: Severity
    text: str
    sources: tuple[str, ...]
    evidence: Grade | None = None

    def __post_init__(self) -> None:
        if self.evidence is None:
            object.__setattr__(self, "evidence", _primary_grade(self.sources))


@dataclass(frozen=True)
class Recommendation:
    """One piece of advice; ``evidence`` as for :class:`Finding`."""

    code: str
    text: str
    sources: tuple[str, ...]
    evidence: Grade | None = None

    def __post_init__(self) -> None:
        if self.evidence is None:
            object.__setattr__(self, "evidence", _primary_grade(self.sources))


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
    def measured(self) -> bool:
        """False only when red flags let the person skip the tests (SPEC §2.7)."""
        return self.sides.left is not None or self.sides.right is not None

    @property
    def held(self) -> bool:
        """Red flags hold everything that reads as a program until a professional clears."""
        return self.referral.level is ReferralLevel.BEFORE_STARTING

    @property
    def cited(self) -> tuple[str, ...]:
        """Every source tag the report cites, in order of first mention."""
        tags: list[str] = []
        for finding in self.findings:
            tags.extend(finding.sources)
        for recommendation in self.recommendations:
            tags.extend(recommendation.sources)
        for result in (self.sides.left, self.sides.right):
            if result is not None:
                for item in (*result.limitations, *result.possible):
                    tags.extend(item.sources)
        return tuple(dict.fromkeys(tags))

    @property
    def limiting_factors(self) -> frozenset[LimitingFactor]:
        """Union of both sides' factors."""
        out: set[LimitingFactor] = set()
        for side in Side:
            result = self.sides.get(side)
            if result is not None:
                out.update(result.limiting_factors)
        return frozenset(out)
