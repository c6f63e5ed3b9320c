"""The shell passes a logged session's swelling and efforts to the core, so the step-back rule
and effort feedback change the stored plan from the next session (SPEC §4)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from dorsi.core.codes import Effort
from dorsi.db.convert import SESSION_FIELDS, session_from_values
from dorsi.db.models import SessionLog
from dorsi.services.plans import plan_active
from dorsi.services.session_details import session_log
from tests.django_support import TODAY

pytestmark = pytest.mark.django_db


def test_session_values_carry_swelling_and_efforts_to_the_core(user) -> None:
    SessionLog.objects.create(
        user=user,
        date=TODAY,
        status="done",
        swelling=True,
        efforts=[
            {"exercise": "ankle-cars", "effort": "too_easy"},
            {"exercise": "ankle-cars", "effort": "not-a-code"},
        ],
    )
    (row,) = SessionLog.objects.filter(user=user).values_list(*SESSION_FIELDS)
    core = session_from_values(*row)
    assert core.swelling is True
    assert core.efforts == (("ankle-cars", Effort.TOO_EASY),)


def test_swelling_logged_steps_the_next_days_back_in_the_stored_plan(user, plan) -> None:
    first = plan.plan.start
    session_log(user=user, when=first, status="done", minutes=10, swelling=True, today=first)
    active = plan_active(user=user)
    assert active is not None
    next_day = active.plan.development_day(first + timedelta(days=1))
    assert next_day is not None
    assert any(item.note and "Step back" in item.note for item in next_day.items)
    assert "step_back" in active.plan.adaptation_codes()


def test_too_hard_logged_moves_the_exercise_to_its_regression(user, plan) -> None:
    first = plan.plan.start
    exercise = plan.plan.days[0].items[0].exercise
    session_log(
        user=user,
        when=first,
        status="done",
        efforts=[(exercise, "too_hard")],
        today=first,
    )
    active = plan_active(user=user)
    assert active is not None
    assert "effort_feedback" in active.plan.adaptation_codes()


def test_a_plan_at_the_goal_from_day_1_is_stored_in_maintenance_since_its_start(user) -> None:
    from dorsi.core.codes import PlanMode
    from dorsi.services.assessments import assessment_create
    from dorsi.services.plans import plan_create
    from tests.django_support import assessment_document

    document = assessment_document(
        knee_to_wall={"variant": "standing", "unit": "cm", "left": 14.0, "right": 14.0},
        three_position={},
        felt={},
        knee_pain={"present": False},
    )
    row = assessment_create(user=user, document=document, today=TODAY)
    active = plan_create(user=user, assessment_id=row.pk, start=TODAY, today=TODAY)
    assert active.mode is PlanMode.MAINTENANCE
    assert active.maintenance_since == TODAY
