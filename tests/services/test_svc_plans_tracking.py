"""Plans, session logs, retests and progress through the services."""

from __future__ import annotations

from datetime import timedelta

import pytest

from dorsi.core.errors import ReferralRequired, ValidationError
from dorsi.core.program.document import plan_to_document
from dorsi.db.models import Plan, Retest, SessionLog
from dorsi.services.assessments import assessment_confirm_cleared, assessment_create
from dorsi.services.plans import ActivePlan, plan_active, plan_create, plan_switch_to_maintenance
from dorsi.services.progress import log_build, progress_document, progress_for_user
from dorsi.services.tracking import retest_record, session_record
from tests.django_support import TODAY, assessment_document

pytestmark = pytest.mark.django_db


def _first_exercise(plan: ActivePlan) -> str:
    return plan.plan.days[0].items[0].exercise


def test_plan_create_stores_a_12_week_plan_starting_on_the_start_date(user, plan) -> None:
    row = Plan.objects.get(user=user)
    assert row.document == plan_to_document(plan.plan)
    assert row.document["schema"] == "dorsi.plan/v1"
    assert (row.start, plan.start, len(plan.plan.weeks)) == (TODAY, TODAY, 12)
    assert plan.plan.session_on(TODAY).date == TODAY
    assert plan.plan.session_on(TODAY + timedelta(days=84)) is None


def test_a_new_plan_replaces_the_active_one(user, assessment, plan) -> None:
    second = plan_create(user=user, assessment_id=assessment.pk, start=TODAY + timedelta(days=2))
    assert plan_active(user=user) == second
    assert second.id != plan.id
    assert Plan.objects.filter(user=user, is_active=True).count() == 1


def test_red_flag_blocks_the_plan_until_cleared(user) -> None:
    row = assessment_create(
        user=user, document=assessment_document(red_flags=["calf_snap"]), today=TODAY
    )
    with pytest.raises(ReferralRequired):
        plan_create(user=user, assessment_id=row.pk, start=TODAY)
    assert Plan.objects.count() == 0
    assessment_confirm_cleared(user=user, assessment_id=row.pk)
    created = plan_create(user=user, assessment_id=row.pk, start=TODAY)
    assert plan_active(user=user).id == created.id


def test_plan_cannot_start_before_its_assessment(user, assessment) -> None:
    with pytest.raises(ValidationError) as caught:
        plan_create(user=user, assessment_id=assessment.pk, start=TODAY - timedelta(days=1))
    assert caught.value.field == "start"


def test_session_record_validates_with_the_core_and_names_the_field(user, plan) -> None:
    with pytest.raises(ValidationError) as caught:
        session_record(user=user, when=TODAY, status="done", pain=11, today=TODAY)
    assert caught.value.field == "pain"
    with pytest.raises(ValidationError) as caught:
        session_record(user=user, when=TODAY + timedelta(days=1), status="done", today=TODAY)
    assert caught.value.field == "date"
    with pytest.raises(ValidationError) as caught:
        session_record(
            user=user, when=TODAY, status="done", exercise="not-an-exercise", today=TODAY
        )
    assert caught.value.field == "exercise"
    assert SessionLog.objects.count() == 0


def test_relogging_a_day_replaces_it(user, plan) -> None:
    session_record(user=user, when=TODAY, status="partial", minutes=4, today=TODAY)
    session_record(user=user, when=TODAY, status="done", minutes=9, today=TODAY)
    rows = list(SessionLog.objects.filter(user=user))
    assert [(r.status, r.minutes) for r in rows] == [("done", 9)]


def test_sharp_pain_swaps_the_exercise_for_its_regression_in_the_plan(user, plan) -> None:
    from dorsi.core.library.exercises import load_library

    exercise = _first_exercise(plan)
    regression = load_library().regression_of(exercise)
    assert regression is not None
    session_record(
        user=user,
        when=TODAY,
        status="partial",
        pain=6,
        pain_type="sharp",
        exercise=exercise,
        today=TODAY,
    )
    refreshed = plan_active(user=user)
    tomorrow = refreshed.plan.session_on(TODAY + timedelta(days=1))
    names = [item.exercise for item in tomorrow.items]
    assert exercise not in names
    assert regression.id in names
    notes = " ".join(item.note or "" for item in tomorrow.items)
    assert "pain" in notes.lower()


def test_retest_is_stored_in_cm_and_validated_against_the_baseline(user, plan) -> None:
    row = retest_record(user=user, when=TODAY, unit="in", left=4, right=None, today=TODAY)
    assert row.left_cm == pytest.approx(10.16)
    with pytest.raises(ValidationError) as caught:
        retest_record(user=user, when=TODAY, unit="cm", left=26, right=10, today=TODAY)
    assert caught.value.field == "left"
    with pytest.raises(ValidationError) as caught:
        retest_record(
            user=user, when=TODAY - timedelta(days=3), unit="cm", left=9, right=10, today=TODAY
        )
    assert caught.value.field == "date"
    assert Retest.objects.count() == 1


def test_retest_without_an_assessment_is_refused(user) -> None:
    with pytest.raises(ValidationError, match="assessment first"):
        retest_record(user=user, when=TODAY, unit="cm", left=9, right=10, today=TODAY)


def test_progress_shows_a_real_change_after_a_retest(user, plan) -> None:
    later = TODAY + timedelta(days=21)
    for offset in range(21):
        session_record(
            user=user, when=TODAY + timedelta(days=offset), status="done", minutes=8, today=later
        )
    retest_record(user=user, when=later, unit="cm", left=9.5, right=11.0, today=later)
    document = progress_document(user=user, today=later)
    assert document["sides"]["left"]["change_cm"] == 2.0
    assert document["sides"]["left"]["real_change"] is True
    assert document["sides"]["right"]["real_change"] is False
    assert document["adherence"]["done_days"] == 21
    assert document["adherence"]["streak"] == 21


def test_log_leaves_out_retests_older_than_the_current_baseline(user, plan) -> None:
    retest_record(user=user, when=TODAY, unit="cm", left=8, right=10, today=TODAY)
    later = TODAY + timedelta(days=10)
    newer = assessment_create(
        user=user, document=assessment_document(date=later.isoformat()), today=later
    )
    plan_create(user=user, assessment_id=newer.pk, start=later, today=later)
    assert log_build(user=user, today=later).retests == ()


def test_progress_for_user_gives_the_document_or_a_summary(user, plan) -> None:
    document = progress_for_user("ana", "json", today=TODAY)
    assert document["schema"] == "dorsi.progress/v1"
    summary = progress_for_user("ana", "summary", today=TODAY)
    assert summary["left_baseline_cm"] == 7.5
    with pytest.raises(ValidationError) as caught:
        progress_for_user("nobody", "json")
    assert caught.value.field == "user"


def test_maintenance_needs_the_goal(user, plan) -> None:
    with pytest.raises(ValidationError, match="goal"):
        plan_switch_to_maintenance(user=user, today=TODAY)
    later = TODAY + timedelta(days=63)
    retest_record(user=user, when=later, unit="cm", left=11.0, right=11.5, today=later)
    with pytest.raises(ValidationError, match="two retests"):  # one retest may be noise
        plan_switch_to_maintenance(user=user, today=later)
    earlier = TODAY + timedelta(days=56)
    retest_record(user=user, when=earlier, unit="cm", left=10.5, right=11.0, today=later)
    assert plan_switch_to_maintenance(user=user, today=later).mode == "maintenance"


def test_maintenance_readiness_waits_for_week_9(user, plan) -> None:
    for day in (TODAY + timedelta(days=35), TODAY + timedelta(days=49)):
        retest_record(user=user, when=day, unit="cm", left=11.0, right=11.5, today=day)
    week_8 = TODAY + timedelta(days=49)
    with pytest.raises(ValidationError, match="week 9"):
        plan_switch_to_maintenance(user=user, today=week_8)
