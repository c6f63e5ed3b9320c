"""A coach can still edit a plan stored before the dose-progression limit existed (SPEC §4):
the edit is judged only on the rises it adds itself."""

from __future__ import annotations

from typing import Any

import pytest

from dorsi.services.coaching_plans import plan_edit_apply
from dorsi.services.plans import plan_active
from tests.coach_support import make_coach, share, swap_document
from tests.django_support import TODAY

pytestmark = pytest.mark.django_db


def _store_with_a_jump(user: Any) -> Any:
    """The active plan as if stored before the dose-progression limit existed."""
    from dorsi.core.program.document import plan_to_document
    from dorsi.core.program.parse import parse_plan
    from dorsi.db.models import Plan as PlanRow
    from tests.core.program.support import with_a_jump

    row = PlanRow.objects.get(user=user, is_active=True)
    row.document = plan_to_document(with_a_jump(parse_plan(row.document))[0])
    row.save()
    return row


def test_a_coach_can_edit_a_plan_stored_before_the_progression_limit(user: Any, plan: Any) -> None:
    from dorsi.core.program.progression import ramp_violations

    _store_with_a_jump(user)
    coach = make_coach()
    share(user, coach)
    plan_edit_apply(coach=coach, client=user, document=swap_document(TODAY), today=TODAY)
    edited = plan_active(user=user).plan
    day = edited.session_on(TODAY)
    assert day is not None
    assert "ankle-cars" in [item.exercise for item in day.items]
    assert ramp_violations(edited.weeks)  # the old jump is still there, left for a rebuild
