"""`dorsi log`, `dorsi retest` and `dorsi progress --user` on the web app's database."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.utils import timezone
from typer.testing import CliRunner

from tests.django_support import (  # noqa: F401 (fixtures; importing it sets Django up)
    assessment_fixture,
    fixed_clock,
    plan_fixture,
    user_fixture,
)

pytestmark = pytest.mark.django_db
runner = CliRunner()


def _rows(kind: str):
    from dorsi.db import models

    return getattr(models, kind).objects


def _dorsi(*args: str):
    from dorsi.cli.app import app

    return runner.invoke(app, list(args))


def test_log_records_the_session(user, plan) -> None:
    result = _dorsi("log", "--user", "ana", "--status", "done", "--minutes", "9")
    assert result.exit_code == 0, result.output
    assert "Logged" in result.output
    row = _rows("SessionLog").get(user=user)
    assert (row.date, row.status, row.minutes) == (timezone.localdate(), "done", 9.0)


def test_log_with_sharp_pain_mentions_the_swap(user, plan) -> None:
    exercise = plan.plan.days[0].items[0].exercise
    result = _dorsi(
        "log", "-u", "ana", "-s", "partial", "--pain", "6", "--pain-type", "sharp", "-e", exercise
    )
    assert result.exit_code == 0, result.output
    assert "easier version" in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--pain", "12"], "error: pain: 12 is outside the valid range 0 to 10"),
        (["--status", "often"], "error: status: unknown code 'often'"),
        (["--date", "tomorrow"], "error: --date: 'tomorrow' is not a date"),
        (["--exercise", "moon-walk"], "error: exercise: 'moon-walk' is not an exercise"),
    ],
)
def test_bad_log_is_one_line_and_exit_2(user, plan, args, message) -> None:
    result = _dorsi("log", "--user", "ana", *args)
    assert result.exit_code == 2
    assert message in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert not _rows("SessionLog").exists()


def test_unknown_user_is_exit_2(db) -> None:
    result = _dorsi("log", "--user", "nobody")
    assert result.exit_code == 2
    assert "error: user: no user named 'nobody'" in result.output


def test_retest_records_and_reports_the_change(user, plan) -> None:
    result = _dorsi("retest", "--user", "ana", "--left", "9.6", "--right", "10.8")
    assert result.exit_code == 0, result.output
    assert "left: +2.1\u00a0cm since baseline (a real change)" in result.output
    assert "right: +0.3\u00a0cm since baseline (within measurement error)" in result.output
    assert _rows("Retest").get(user=user).left_cm == 9.6


def test_retest_in_inches(user, plan) -> None:
    result = _dorsi("retest", "-u", "ana", "--unit", "in", "--left", "4")
    assert result.exit_code == 0, result.output
    assert _rows("Retest").get(user=user).left_cm == pytest.approx(10.16)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--left", "30"], "error: left: 30\u00a0cm is outside the valid range 0 to 25\u00a0cm"),
        ([], "error: left: needs a value for left or right"),
        (["--left", "9", "--unit", "mm"], "error: unit: unknown code 'mm'"),
    ],
)
def test_bad_retest_is_one_line_and_exit_2(user, plan, args, message) -> None:
    result = _dorsi("retest", "--user", "ana", *args)
    assert result.exit_code == 2
    assert message in result.output
    assert not _rows("Retest").exists()


def test_retest_before_any_assessment_is_exit_2(user) -> None:
    result = _dorsi("retest", "--user", "ana", "--left", "9")
    assert result.exit_code == 2
    assert "assessment first" in result.output


def test_progress_of_a_web_user(user, plan) -> None:
    from dorsi.services.tracking import retest_record

    retest_record(user=user, when=timezone.localdate(), unit="cm", left=9.6, right=10.8)
    result = _dorsi("progress", "--user", "ana", "--format", "json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    assert document["schema"] == "dorsi.progress/v1"
    assert document["sides"]["left"]["real_change"] is True
    text = _dorsi("progress", "--user", "ana")
    assert text.exit_code == 0, text.output


def test_progress_for_a_user_without_assessment_is_exit_2(user) -> None:
    result = _dorsi("progress", "--user", "ana")
    assert result.exit_code == 2
    assert "no assessment yet" in result.output


def test_past_date_log(user, plan) -> None:
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    result = _dorsi("log", "-u", "ana", "-d", yesterday, "-s", "skipped")
    assert result.exit_code == 0, result.output
