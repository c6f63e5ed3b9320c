"""SPEC §4: in maintenance, falling back by a real change returns the plan to development."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from dorsi.core.codes import PlanMode
from dorsi.core.program.parse import parse_plan
from dorsi.db.models import Plan
from dorsi.services.exports import comparable, export_bundle, export_import_json
from dorsi.services.plans import plan_active, plan_switch_to_maintenance
from dorsi.services.tracking import retest_record
from tests.django_support import PASSWORD, TODAY

pytestmark = pytest.mark.django_db

GOAL_DAY = TODAY + timedelta(days=63)  # week 10: maintenance is offered from week 9
FIRST_AT_GOAL = TODAY + timedelta(days=56)


def _reach_goal(user) -> None:
    """The goal held at two retests in a row (SPEC §5), then the switch."""
    for day in (FIRST_AT_GOAL, GOAL_DAY):
        retest_record(user=user, when=day, unit="cm", left=11.0, right=11.5, today=day)
    plan_switch_to_maintenance(user=user, today=GOAL_DAY)


def test_switching_to_maintenance_remembers_the_day_of_the_goal(user, plan) -> None:
    _reach_goal(user)
    active = plan_active(user=user)
    assert active.mode == PlanMode.MAINTENANCE
    assert active.maintenance_since == GOAL_DAY


def test_a_retest_a_real_change_below_the_goal_values_returns_to_development(user, plan) -> None:
    _reach_goal(user)
    later = GOAL_DAY + timedelta(days=30)
    retest_record(user=user, when=later, unit="cm", left=9.5, right=11.4, today=later)  # left -1.5
    active = plan_active(user=user)
    assert active.mode == PlanMode.DEVELOPMENT
    assert active.returned_to_development_on == later
    assert active.maintenance_since is None


def test_the_stored_document_tells_the_same_mode_as_the_plan(user, plan) -> None:
    def stored_modes() -> tuple[str, str]:
        row = Plan.objects.get(user=user)
        return row.mode, parse_plan(row.document).mode.value

    _reach_goal(user)
    assert stored_modes() == ("maintenance", "maintenance")
    later = GOAL_DAY + timedelta(days=30)
    retest_record(user=user, when=later, unit="cm", left=9.0, right=11.5, today=later)
    assert stored_modes() == ("development", "development")


def test_a_drop_within_measurement_error_keeps_maintenance(user, plan) -> None:
    _reach_goal(user)
    later = GOAL_DAY + timedelta(days=30)
    retest_record(user=user, when=later, unit="cm", left=9.6, right=10.1, today=later)  # -1.4 each
    assert plan_active(user=user).mode == PlanMode.MAINTENANCE


def test_the_progress_page_says_the_plan_went_back(client, user, plan) -> None:
    _reach_goal(user)
    back = GOAL_DAY + timedelta(days=30)
    retest_record(user=user, when=back, unit="cm", left=9.0, right=11.5, today=back)
    assert client.login(username=user.username, password=PASSWORD)
    page = client.get("/progress/").content.decode()
    assert "Back to the development plan" in page


def test_export_and_import_keep_the_maintenance_dates(user, plan) -> None:
    _reach_goal(user)
    bundle = export_bundle(user=user, today=GOAL_DAY)
    assert bundle["plans"][0]["maintenance_since"] == GOAL_DAY.isoformat()
    export_import_json(user=user, raw=json.dumps(bundle).encode(), today=GOAL_DAY)
    assert plan_active(user=user).maintenance_since == GOAL_DAY
    assert comparable(export_bundle(user=user, today=GOAL_DAY)) == comparable(bundle)
