"""The values behind the plan's pages: today, the calendar, a guided session."""

from __future__ import annotations

from datetime import timedelta

import pytest

from dorsi.core.codes import ItemSide
from dorsi.services.plan_pages import plan_page, session_page, today_page
from dorsi.services.tracking import session_record
from tests.django_support import TODAY

pytestmark = pytest.mark.django_db


def test_without_a_plan_today_offers_the_latest_assessment(user, assessment) -> None:
    page = today_page(user=user, today=TODAY)
    assert (page.plan, page.latest, page.needs_clearance, page.day) == (
        None,
        assessment,
        False,
        None,
    )


def test_on_the_first_day_today_is_day_one_and_the_retest_is_ahead(user, plan) -> None:
    page = today_page(user=user, today=TODAY)
    assert (page.day.day, page.day.week) == (1, 1)
    assert page.next_retest == TODAY + timedelta(days=20)
    assert (page.retest_today, page.before_start, page.plan_over) == (False, False, False)
    assert page.progress is not None
    assert page.flags == tuple(flag.value for flag in page.progress.flags)


def test_day_21_is_a_retest_day(user, plan) -> None:
    page = today_page(user=user, today=TODAY + timedelta(days=20))
    assert page.retest_today
    assert page.day.retest
    assert page.next_retest == TODAY + timedelta(days=20)


def test_before_the_start_and_after_the_twelve_weeks_there_is_no_session(user, plan) -> None:
    before = today_page(user=user, today=TODAY - timedelta(days=1))
    assert (before.day, before.before_start, before.plan_over) == (None, True, False)
    after = today_page(user=user, today=TODAY + timedelta(days=84))
    assert (after.day, after.before_start, after.plan_over, after.next_retest) == (
        None,
        False,
        True,
        None,
    )


def test_the_calendar_has_84_cells_with_logs_and_retests(user, plan) -> None:
    later = TODAY + timedelta(days=2)
    session_record(user=user, when=TODAY, status="done", minutes=9, today=later)
    session_record(user=user, when=TODAY + timedelta(days=1), status="skipped", today=later)
    page = plan_page(user=user, today=later)
    assert len(page.cells) == 84
    assert [cell.status for cell in page.cells[:4]] == ["done", "skipped", "", ""]
    assert [cell.today for cell in page.cells[:4]] == [False, False, True, False]
    assert [cell.date for cell in page.cells if cell.retest] == list(plan.plan.retests)
    assert list(page.padding) == list(range(TODAY.weekday()))


def test_a_guided_session_splits_per_side_items_left_then_right(user, plan) -> None:
    page = session_page(user=user, when=TODAY, today=TODAY)
    day = plan.plan.session_on(TODAY)
    assert page.day == day
    expected = []
    for item in day.items:
        both = item.per_side and item.side is ItemSide.BOTH
        expected += [(item, ItemSide.LEFT), (item, ItemSide.RIGHT)] if both else [(item, item.side)]
    assert [(block.item, block.side) for block in page.blocks] == expected
    assert [block.number for block in page.blocks] == list(range(1, len(expected) + 1))
    assert all(block.exercise.id == block.item.exercise for block in page.blocks)
    assert page.exercises == list(dict((i.exercise, i.name) for i in day.items).items())
    assert not page.is_future
    assert session_page(user=user, when=TODAY + timedelta(days=1), today=TODAY).is_future
