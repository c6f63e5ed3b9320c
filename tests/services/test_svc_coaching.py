"""Coaching services on a real database: the client list's facts come from a few aggregated
queries (not one per athlete), a coach's changes survive the pain rule's rebuild and can be
undone, past days never change, clinic retests and session details are stored."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from dorsi.core.coaching.attention import Concern
from dorsi.core.errors import ValidationError
from dorsi.db.models import AssessmentDigest, CoachAccess, PlanDigest, PlanEdit, SessionLog
from dorsi.db.models import Plan as PlanRow
from dorsi.services.assessments import assessment_create
from dorsi.services.coaching import access_log, access_log_days, access_log_prune
from dorsi.services.coaching_clients import coach_client_list
from dorsi.services.coaching_plans import MAINTENANCE_REFUSAL, plan_edit_apply, plan_edit_revert
from dorsi.services.plans import (
    plan_active,
    plan_create,
    plan_switch_to_development,
    plan_switch_to_maintenance,
)
from dorsi.services.tracking import retest_record
from tests.coach_support import edit_documents, log, make_coach, share, swap_document
from tests.django_support import FIXED_NOW, TODAY, assessment_document, make_user

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
    # the links, the plans (with their digests), the latest assessments (with theirs), the
    # sessions' aggregate, the retests, and the access log's insert
    with django_assert_max_num_queries(6) as one:
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
    searched = coach_client_list(coach=coach, query="MORE1", today=TODAY)
    assert ([row.username for row in searched.rows], searched.total) == (["more1"], 7)


def test_the_list_reads_digests_written_before_and_writes_the_missing_ones(user: Any) -> None:
    coach = make_coach()
    first = _athlete("first", coach, started_days_ago=30)
    coach_client_list(coach=coach, today=TODAY)  # writes both digests
    before = set(coach_client_list(coach=coach, today=TODAY).rows[0].attention.concerns)
    assert Concern.RETEST_OVERDUE in before
    PlanDigest.objects.update(retests=[])  # the digest is what the list reads, not the plan
    AssessmentDigest.objects.all().delete()
    listing = coach_client_list(coach=coach, today=TODAY)
    assert Concern.RETEST_OVERDUE not in listing.rows[0].attention.concerns
    assert Concern.REFERRAL in listing.rows[0].attention.concerns  # the rewritten digest
    assert AssessmentDigest.objects.filter(assessment__user=first).count() == 1


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


@pytest.mark.parametrize("kind", ["swap", "dose", "add", "remove", "minutes", "note"])
def test_a_plan_in_maintenance_refuses_every_kind_of_change_in_words(
    user: Any, plan: Any, kind: str
) -> None:
    coach = make_coach()
    share(user, coach)
    goal_day = TODAY + timedelta(days=63)  # the goal held at two retests, week 9 on
    for day in (TODAY + timedelta(days=56), goal_day):
        retest_record(user=user, when=day, unit="cm", left=11.0, right=11.5, today=day)
    plan_switch_to_maintenance(user=user, today=goal_day)
    before = PlanRow.objects.get(user=user, is_active=True).document
    document = edit_documents(goal_day)[kind]
    with pytest.raises(ValidationError) as raised:
        plan_edit_apply(coach=coach, client=user, document=document, today=goal_day)
    assert raised.value.field == "plan"
    assert raised.value.problem == MAINTENANCE_REFUSAL
    assert "coach cannot change that routine" in raised.value.problem
    assert PlanRow.objects.get(user=user, is_active=True).document == before
    assert not PlanEdit.objects.filter(client=user).exists()
    plan_switch_to_development(user=user)  # back to development: the same change is checked
    with pytest.raises(ValidationError) as again:
        plan_edit_apply(
            coach=coach,
            client=user,
            document=edit_documents(goal_day - timedelta(days=70))[kind],
            today=goal_day,
        )
    assert again.value.field in ("scope.from", "from")  # past days: the usual checks again
    later = (goal_day + timedelta(days=1)).isoformat()
    note = edit_documents(goal_day)["note"] | {"scope": {"from": later, "dates": [later]}}
    assert plan_edit_apply(coach=coach, client=user, document=note, today=goal_day).in_force


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


def _access_at(client: Any, coach: Any, at: Any) -> None:
    CoachAccess.objects.create(client=client, coach=coach, coach_name="carla", what="client", at=at)


def test_access_log_entries_older_than_the_retention_are_pruned(user: Any) -> None:
    coach = make_coach()
    kept_for = timedelta(days=400)
    for age in (
        timedelta(days=700),
        kept_for + timedelta(seconds=1),
        kept_for - timedelta(hours=1),
        timedelta(days=1),
    ):
        _access_at(user, coach, FIXED_NOW - age)
    assert access_log_days() == 400
    assert access_log_prune() == 2  # the fixed clock's now
    left = sorted(FIXED_NOW - at for at in CoachAccess.objects.values_list("at", flat=True))
    assert left == [timedelta(days=1), kept_for - timedelta(hours=1)]
    assert access_log_prune() == 0


def test_the_access_log_retention_is_the_setting(user: Any, settings: Any) -> None:
    settings.DORSI_ACCESS_LOG_DAYS = 30
    coach = make_coach()
    _access_at(user, coach, FIXED_NOW - timedelta(days=31))
    _access_at(user, coach, FIXED_NOW - timedelta(days=29))
    assert access_log_prune(now=FIXED_NOW) == 1
    assert [e.at for e in access_log(client=user)] == [FIXED_NOW - timedelta(days=29)]


def test_the_access_log_is_pruned_a_few_batches_at_a_time(user: Any) -> None:
    coach = make_coach()
    for days in (500, 450, 420):
        _access_at(user, coach, FIXED_NOW - timedelta(days=days))
    assert access_log_prune(batch=2, batches=1) == 2  # the oldest first
    assert [e.at for e in access_log(client=user)] == [FIXED_NOW - timedelta(days=420)]
    assert access_log_prune(batch=2, batches=1) == 1
    assert not CoachAccess.objects.exists()
