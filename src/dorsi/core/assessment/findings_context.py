"""Findings about the person around the ankles: squat and knee, signs, lifestyle, age, referral."""

from __future__ import annotations

from collections.abc import Iterator

from dorsi.core.assessment import context_texts as words
from dorsi.core.assessment import texts
from dorsi.core.assessment.referral import adolescent_pain
from dorsi.core.assessment.report import Finding, Report
from dorsi.core.assessment.texts import Said, tags
from dorsi.core.codes import ConsiderReason, RedFlag, ReferralLevel, Severity, Sport
from dorsi.core.evidence import (
    ATANDA_2011,
    DIFIORI_2014,
    RUNNING_META,
    SEED_000,
    SEED_001,
    SHERRINGTON_2019,
    Source,
)
from dorsi.core.thresholds import HIGH_SHOE_DROP_FROM_MM, is_adult, is_older_adult


def _finding(code: str, severity: Severity, text: str, *sources: Source) -> Finding:
    return Finding(code=code, severity=severity, text=text, sources=tags(*sources))


def context_findings(report: Report) -> Iterator[Finding]:
    yield from _squat_and_knee(report)
    yield from _signs_and_triggers(report)
    yield from _age(report)
    yield from _referral(report)


def _said(report: Report, code: str, severity: Severity, said: Said, *sources: Source) -> Finding:
    return _finding(code, severity, said.text(held=report.held), *sources)


def _squat_and_knee(report: Report) -> Iterator[Finding]:
    if report.input.squat_screen is not None and report.ankle_limits_squat is not None:
        yield _finding(*texts.squat_finding(report.ankle_limits_squat), SEED_000)
    if report.check_hips_and_thoracic:
        yield _finding(
            "check_hips_and_thoracic",
            Severity.NOTICE,
            "Both ankles move well, yet the squat still shows a fault: hip mobility or "
            "upper-back extension is the more likely limit, worth having checked.",
            SEED_000,
        )
    pain = report.input.knee_pain
    if report.knee_pain_linked_to_ankle is not None and pain is not None and pain.present:
        code, severity, said = texts.knee_pain_finding(report.knee_pain_linked_to_ankle)
        yield _said(report, code, severity, said, SEED_000)


def _signs_and_triggers(report: Report) -> Iterator[Finding]:
    inp = report.input
    for sign, said in words.SIGN_TEXT.items():
        if sign in inp.signs:
            yield _said(report, sign.value, Severity.INFO, said, SEED_001)
    profile = inp.profile
    if profile.desk_job:
        yield _said(report, "desk_work", Severity.INFO, words.DESK_WORK, SEED_001, SEED_000)
    if profile.shoe_drop_mm is not None and profile.shoe_drop_mm >= HIGH_SHOE_DROP_FROM_MM:
        high_drop = words.high_drop(profile.shoe_drop_mm)
        yield _said(report, "high_drop_shoes", Severity.INFO, high_drop, SEED_001, SEED_000)
    if any(sport is not Sport.GENERAL for sport in profile.sports):
        yield _said(report, "sport_overuse", Severity.INFO, words.SPORT_OVERUSE, SEED_001)
    if profile.sprains.left or profile.sprains.right:
        if RedFlag.RECENT_TRAUMA in inp.red_flags:
            yield _said(report, "recent_injury", Severity.INFO, words.RECENT_INJURY, SEED_001)
        else:
            said = words.PAST_SPRAINS
            yield _said(report, "past_sprains", Severity.INFO, said, SEED_001, SEED_000)
    if Sport.RUNNING in profile.sports:
        said = words.RUNNING_CONTEXT
        yield _said(report, "running_context", Severity.INFO, said, RUNNING_META)


def _age(report: Report) -> Iterator[Finding]:
    age = report.input.profile.age
    if age is None:
        return
    if not is_adult(age) and report.measured:
        yield _said(report, "adult_norms", Severity.INFO, words.ADULT_NORMS, DIFIORI_2014)
    if ConsiderReason.ADOLESCENT_PAIN.value in report.referral.reasons or (
        report.held and adolescent_pain(report.input)
    ):
        said = words.ADOLESCENT_PAIN
        yield _said(report, "adolescent_pain", Severity.WARNING, said, DIFIORI_2014, ATANDA_2011)
    if is_older_adult(age):
        said = words.OLDER_BALANCE
        yield _said(report, "balance_from_week_1", Severity.INFO, said, SHERRINGTON_2019)


def _referral(report: Report) -> Iterator[Finding]:
    if report.referral.level is not ReferralLevel.CONSIDER:
        return
    if ConsiderReason.KNEE_TO_WALL_BELOW_9CM.value in report.referral.reasons:
        said = words.BELOW_REFERRAL_LINE
        yield _said(report, "knee_to_wall_below_9cm", Severity.WARNING, said, SEED_000)
