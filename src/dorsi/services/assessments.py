"""Assessments: validate a dorsi.assessment/v1 document, run the core rules, store both."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from dorsi.core.assessment.document import report_to_document
from dorsi.core.assessment.engine import assess
from dorsi.core.assessment.inputs import AssessmentInput
from dorsi.core.assessment.parse import assessment_to_document, parse_assessment
from dorsi.core.assessment.report import Report
from dorsi.core.codes import ReferralLevel
from dorsi.core.errors import ValidationError
from dorsi.db.convert import profile_from_core
from dorsi.db.models import Assessment
from dorsi.formats.triage import Triage, triage_of
from dorsi.services.accounts import profile_get
from dorsi.services.common import today_or


def assessment_validate(
    document: dict[str, Any], *, today: date | None = None, draft: bool = False
) -> AssessmentInput:
    """The core's validation, plus the one rule only the shell can check: no future date.
    ``draft``: a questionnaire still being filled in (the measurement may still be missing)."""
    inp = parse_assessment(document, draft=draft)
    day = today_or(today)
    if inp.date is not None and inp.date > day:
        raise ValidationError("date", f"{inp.date.isoformat()} is in the future")
    return inp


def assessment_create(
    *,
    user: User,
    document: dict[str, Any],
    today: date | None = None,
    update_profile: bool = True,
    created_at: Any = None,
) -> Assessment:
    """Validate, assess and store; the profile in the document becomes the user's profile."""
    inp = assessment_validate(document, today=today)
    when = inp.date or today_or(today)
    inp = replace(inp, date=when)
    report = assess(inp)
    with transaction.atomic():
        row = Assessment.objects.create(
            user=user,
            date=when,
            input=assessment_to_document(inp),
            report=report_to_document(report),
            referral_level=report.referral.level.value,
            created_at=created_at or timezone.now(),
        )
        if update_profile:
            profile = profile_get(user=user)
            profile_from_core(profile, inp.profile)
            profile.units = inp.unit.value
            profile.save()
    return row


def assessment_report(assessment: Assessment) -> Report:
    """Re-run the (pure, deterministic) rules on the stored input to get the Report values."""
    return assess(parse_assessment(assessment.input))


def assessment_input(assessment: Assessment) -> AssessmentInput:
    return parse_assessment(assessment.input)


def assessment_needs_clearance(assessment: Assessment) -> bool:
    return (
        assessment.referral_level == ReferralLevel.BEFORE_STARTING.value
        and assessment.cleared_by_professional_at is None
    )


def assessment_triage(assessment: Assessment | None) -> Triage | None:
    """What the person reads first about this assessment (SPEC §2.7); None when nothing."""
    if assessment is None:
        return None
    return triage_of(assessment.report, cleared=assessment.cleared_by_professional_at is not None)


def assessment_confirm_cleared(*, user: User, assessment_id: int) -> Assessment:
    """The user confirms a professional cleared them to start despite the red flags."""
    with transaction.atomic():
        row = assessment_get(user=user, assessment_id=assessment_id, for_update=True)
        if row.cleared_by_professional_at is None:
            row.cleared_by_professional_at = timezone.now()
            row.save(update_fields=["cleared_by_professional_at"])
    return row


# Selectors ---------------------------------------------------------------------------------


def assessment_list(*, user: User) -> QuerySet[Assessment]:
    return Assessment.objects.filter(user=user)


def assessment_get(*, user: User, assessment_id: int, for_update: bool = False) -> Assessment:
    """The user's assessment; Assessment.DoesNotExist for anyone else's id (shown as 404)."""
    rows = Assessment.objects.filter(user=user)
    if for_update:
        rows = rows.select_for_update()
    return rows.get(pk=assessment_id)


def assessment_latest(*, user: User) -> Assessment | None:
    return Assessment.objects.filter(user=user).first()
