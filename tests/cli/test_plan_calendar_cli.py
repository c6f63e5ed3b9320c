"""One calendar: `dorsi plan --format ics` and the web feed give the same file for one plan."""

from __future__ import annotations

import pytest

from tests.django_support import TODAY, assessment_document, make_user  # sets Django up

pytestmark = pytest.mark.django_db


def test_the_cli_calendar_and_the_web_feed_have_the_same_events(dorsi, write_json, tmp_path):
    from dorsi.services.assessments import assessment_create
    from dorsi.services.calendar_feed import calendar_feed_create, calendar_ics
    from dorsi.services.plans import plan_create

    document = assessment_document()
    out = tmp_path / "plan.ics"
    result = dorsi(
        "plan",
        "--assessment",
        str(write_json("a.json", document)),
        "--start",
        TODAY.isoformat(),
        "--format",
        "ics",
        "--output",
        str(out),
    )
    assert result.returncode == 0, result.stderr
    user = make_user("ana")
    row = assessment_create(user=user, document=document, today=TODAY)
    plan_create(user=user, assessment_id=row.pk, start=TODAY, today=TODAY)
    feed = calendar_ics(token=calendar_feed_create(user=user).token, today=TODAY)
    assert feed == out.read_bytes()
    assert feed.count(b"BEGIN:VEVENT") == 84
