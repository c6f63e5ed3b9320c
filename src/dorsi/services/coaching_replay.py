"""A coach's changes stay in the plan when the plan is rebuilt.

The pain rule rebuilds the active plan from the assessment and the session logs
(``plans.plan_refresh``); the coach's changes not reverted are then made again, in order, on
the rebuilt plan. This module sits below ``plans`` (it reads rows and the core only), so
``plans`` can call it without a cycle.
"""

from __future__ import annotations

from django.contrib.auth.models import User

from dorsi.core.coaching.edit_document import parse_edit
from dorsi.core.codes import Equipment
from dorsi.core.library.exercises import ALWAYS_AVAILABLE, load_library
from dorsi.core.program.edits import Edit, EditContext, replay
from dorsi.core.program.values import Plan
from dorsi.db.models import PlanEdit, Profile


def owned_equipment(*, user: User) -> frozenset[Equipment]:
    """The athlete's equipment (a wall and the floor are always there)."""
    codes = Profile.objects.filter(user=user).values_list("equipment", flat=True).first() or []
    return frozenset(Equipment(code) for code in codes) | ALWAYS_AVAILABLE


def plan_edits(*, plan_id: int) -> list[tuple[int, Edit]]:
    """The changes still in force on a stored plan, oldest first, as core values."""
    rows = PlanEdit.objects.filter(plan_id=plan_id, reverted_at__isnull=True).values_list(
        "pk", "operation"
    )
    return [(pk, parse_edit(operation)) for pk, operation in rows.order_by("created_at", "id")]


def with_coach_edits(*, plan_id: int, plan: Plan) -> Plan:
    """``plan`` (just rebuilt) with the coach's changes made again; one that no longer fits is
    left out (it stays in the history)."""
    edits = plan_edits(plan_id=plan_id)
    if not edits:
        return plan
    changed, _ = replay(plan, edits, EditContext(load_library()))
    return changed
