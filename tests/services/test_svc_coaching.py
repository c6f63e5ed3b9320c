"""Coaching services on a real database: the client list's facts come from a few aggregated
queries (not one per athlete), a coach's changes survive the pain rule's rebuild and can be
undone, past days never change, clinic retests and session details are stored."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from dorsi.core.coaching.attention import Concern
from dorsi.core.errors import ValidationError
from dorsi.db.models import AssessmentDigest, PlanDigest, SessionLog
from dorsi.services.assessments import assessment_create
from dorsi.services.coaching_clients import coach_client_list
from dorsi.services.coaching_plans import plan_edit_apply, plan_edit_revert
from dorsi.services.plans import plan_active, plan_create
from tests.coach_support import log, make_coach, share, swap_document
from tests.django_support import TODAY, assessment_document, make_user

pytestmark = pytest.mark.django_db


def _athlete(name: str, coach: Any, *, started_days_ago: int = 17) -> Any:
    athlete = make_user(name)
    start = TODAY - timedelta(days=started_days_ago)
    row = assessment_create(
        user=athlete, document=assessment_document(date=start.isoformat()), today=TODAY
    )
    plan_create(user=athlete, assessment_id=row.pk, start=start, today=TODAY)
    share(athlete, coach)
    return athlete


def _concerns(listing: Any, name: str) -> set[Concern]:
    row = next(row for row in listing.rows if row.username == name)
    return set(row.attention.concerns)


def test_the_list_reads_each_concern_from_the_logs() -> None:
    coach = make_coach()
    steady = _athlete("steady", coach)
    for n in range(21):
        log(steady, TODAY - timedelta(days=n))
    swollen = _athlete("swollen", coach)
    for n in range(14):
        log(swollen, TODAY - timedelta(days=n), swelling=n == 2)
    idle = _athlete("idle", coach)
    log(idle, TODAY - timedelta(days=10))
    listing = coach_client_list(coach=coach, today=TODAY)
    assert _concerns(listing, "steady") == {Concern.REFERRAL}  # 7.5 cm at baseline
    assert Concern.SWELLING in _concerns(listing, "swollen")
    assert {Concern.INACTIVE, Concern.LOW_ADHERENCE} <= _concerns(listing, "idle")
    assert [row.username for row in listing.rows] == ["swollen", "idle", "steady"]


def test_a_retest_day_passed_without_a_retest_is_due(user: Any) -> None:
    coach = make_coach()
    late = _athlete("late", coach, started_days_ago=22)  # the day-21 retest was yesterday
    for n in range(23):
        log(late, TODAY - timedelta(days=n))
    listing = coach_client_list(coach=coach, today=TODAY)
    assert _concerns(listing, "late") == {Concern.REFERRAL, Concern.RETEST_DUE}


def test_the_list_costs_the_same_few_queries_for_one_or_many_athletes(
    django_assert_max_num_queries: Any,
) -> None:
    coach = make_coach()
    first = _athlete("first", coach)
    log(first, TODAY, pain=4, pain_type="sharp")
    coach_client_list(coach=coach, today=TODAY)  # digests written once
    with django_assert_max_num_queries(12) as one:
        coach_client_list(coach=coach, today=TODAY)
    for n in range(6):
        log(_athlete(f"more{n}", coach), TODAY)
    coach_client_list(coach=coach, today=TODAY)
    with django_assert_max_num_queries(len(one.captured_queries)):
        listing = coach_client_list(coach=coach, today=TODAY)
    assert len(listing.rows) == 7
    assert listing.rows[0].username == "first"
    assert PlanDigest.objects.count() == 7
    assert AssessmentDigest.objects.count() == 7


def test_a_coach_change_survives_the_pain_rule_rebuild(user: Any, plan: Any) -> None:
    coach = make_coach()
    share(user, coach)
    plan_edit_apply(coach=coach, client=user, document=swap_document(TODAY), today=TODAY)
    log(user, TODAY, pain=7, pain_type="sharp", exercise="soleus-wall-stretch")  # rebuilds
    day = plan_active(user=user).plan.session_on(TODAY + timedelta(days=1))
    assert day is not None
    ids = [item.exercise for item in day.items]
    assert "ankle-cars" in ids
    assert "knee-to-wall-circles" not in ids


def test_undo_rebuilds_with_the_changes_still_in_force(user: Any, plan: Any) -> None:
    coach = make_coach()
    share(user, coach)
    note = {
        "schema": "dorsi.plan-edit/v1",
        "kind": "note",
        "scope": {"from": TODAY.isoformat(), "weeks": [1]},
        "note": "Easy week",
    }
    swap = plan_edit_apply(coach=coach, client=user, document=swap_document(TODAY), today=TODAY)
    plan_edit_apply(coach=coach, client=user, document=note, today=TODAY)
    plan_edit_revert(coach=coach, client=user, edit_id=swap.id)
    day = plan_active(user=user).plan.session_on(TODAY)
    assert day is not None
    assert "knee-to-wall-circles" in [item.exercise for item in day.items]
    with pytest.raises(ValidationError, match="already undone"):
        plan_edit_revert(coach=coach, client=user, edit_id=swap.id)


def test_a_change_never_starts_before_today(user: Any) -> None:
    coach = make_coach()
    athlete = _athlete("earlier", coach, started_days_ago=10)
    document = swap_document(TODAY - timedelta(days=3))
    with pytest.raises(ValidationError, match="past days stay") as raised:
        plan_edit_apply(coach=coach, client=athlete, document=document, today=TODAY)
    assert raised.value.field == "scope.from"


def test_a_change_needs_a_plan(user: Any) -> None:
    coach = make_coach()
    share(user, coach)
    with pytest.raises(ValidationError, match="no plan yet"):
        plan_edit_apply(coach=coach, client=user, document=swap_document(TODAY), today=TODAY)


def test_session_details_are_checked_and_stored(user: Any, plan: Any) -> None:
    log(user, TODAY, swelling=True, efforts=[("ankle-cars", "too_hard")], note=" sore ")
    row = SessionLog.objects.get(user=user)
    assert (row.swelling, row.efforts, row.note) == (
        True,
        [{"exercise": "ankle-cars", "effort": "too_hard"}],
        "sore",
    )
    with pytest.raises(ValidationError) as raised:
        log(user, TODAY, efforts=[("ankle-cars", "brutal")])
    assert raised.value.field == "efforts[0].effort"
    with pytest.raises(ValidationError, match="not an exercise of the library"):
        log(user, TODAY, efforts=[("moonwalk", "right")])
