"""The coach's journey in a real browser: sign up as a coach -> invite -> the athlete accepts ->
the athlete logs sharp pain -> the athlete rises to the top of the list with the reason -> the
coach swaps an exercise with a note -> the athlete sees it on Today -> the coach prints the
handout (the PDF is downloaded and its first page is not blank)."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path
from typing import Any

import pypdfium2
import pytest
from django.utils import timezone

from tests.e2e.conftest import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _athlete_with_a_plan(name: str) -> Any:
    from dorsi.services.assessments import assessment_create
    from dorsi.services.plans import plan_create
    from tests.django_support import assessment_document, make_user

    user = make_user(name)
    row = assessment_create(user=user, document=assessment_document())
    plan_create(user=user, assessment_id=row.pk, start=timezone.localdate())
    return user


def _log_in(page: Any, username: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Log in").click()


def _reasons(page: Any) -> list[str]:
    return page.locator(".client-list .client").all_inner_texts()


def _blank(pdf_bytes: bytes) -> bool:
    pdf = pypdfium2.PdfDocument(pdf_bytes)
    try:
        image = pdf[0].render(scale=0.5).to_pil().convert("L")
        dark = sum(image.histogram()[:128])
        return dark < 0.01 * image.width * image.height
    finally:
        pdf.close()


def _a_swappable_exercise(user: Any) -> tuple[str, str]:
    """An exercise of today's session that the pain rule left in place (id, name)."""
    from dorsi.services.plans import plan_active

    day = plan_active(user=user).plan.session_on(timezone.localdate() + timedelta(days=1))
    item = next(i for i in day.items if i.exercise != "knee-to-wall-circles")
    return item.exercise, item.name


def test_coach_invites_sees_the_pain_first_swaps_with_a_note_and_prints(
    page: Any, browser: Any, live_server: Any
) -> None:
    from dorsi.services.coaching import client_invite_accept, client_invite_create
    from tests.coach_support import log

    runner = _athlete_with_a_plan("runner")
    steady = _athlete_with_a_plan("steady")
    log(steady, timezone.localdate(), swelling=True)  # needs attention, but less than sharp pain

    # Sign up as a coach: the athletes' list, not the assessment wizard
    page.goto("/accounts/signup/")
    page.get_by_label("Username").fill("physio")
    page.get_by_label("Email").fill("physio@example.com")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_label(re.compile("Coach or physiotherapist")).check()
    page.locator("main").get_by_role("button", name="Sign up").click()
    page.get_by_role("heading", name="Your athletes", level=1).wait_for()
    from django.contrib.auth import get_user_model

    coach = get_user_model().objects.get(username="physio")
    client_invite_accept(client=steady, code=client_invite_create(coach=coach).code)

    # Invite: a link to send
    page.get_by_role("button", name="Create an invitation link").click()
    link = page.locator("a[href*='/join/']").first.get_attribute("href")
    assert link is not None

    # The athlete accepts, in their own browser
    athlete_context = browser.new_context(
        base_url=live_server.url, viewport={"width": 360, "height": 740}
    )
    athlete = athlete_context.new_page()
    _log_in(athlete, "runner")
    athlete.goto(link)
    athlete.get_by_role("button", name=re.compile("Accept and share with physio")).click()
    athlete.get_by_role("heading", name="Sharing with a coach").wait_for()
    assert "physio" in athlete.locator("main").inner_text()

    page.goto("/coach/")
    assert _reasons(page)[0].startswith("steady")

    # The athlete logs sharp pain on the knee-to-wall circles
    athlete.goto(f"/session/{timezone.localdate().isoformat()}/")
    athlete.get_by_label("Minutes").fill("10")
    athlete.get_by_label(re.compile("Pain during the session")).select_option("6")
    athlete.get_by_label("Type of pain").select_option("sharp")
    athlete.get_by_label("Which exercise hurt?").select_option("knee-to-wall-circles")
    athlete.get_by_role("button", name="Save the log").click()
    athlete.get_by_text("Sharp or pinching pain").first.wait_for()

    # The coach's list: the runner rises to the top with the reason
    page.goto("/coach/")
    first = _reasons(page)[0]
    assert first.startswith("runner")
    assert "Sharp or pinching pain on 1 day in the last 14" in first

    # The coach swaps an exercise with a note
    exercise, name = _a_swappable_exercise(runner)
    page.get_by_role("link", name="runner").click()
    page.get_by_role("link", name="Plan", exact=True).last.click()
    swap = page.locator("details", has_text="Swap an exercise").locator("form")
    swap.get_by_label("Exercise to replace").select_option(exercise)
    swap.get_by_label("Replace with").select_option("ankle-cars")
    swap.get_by_label("1", exact=True).check()
    swap.get_by_label(re.compile("Note for the athlete")).fill("Easier on the ankle this week")
    swap.get_by_role("button", name="Swap").click()
    page.get_by_text(f"Changed: Swapped {name} for Ankle controlled circles (CARs)").wait_for()

    # The athlete sees it on Today
    athlete.goto("/")
    changed = athlete.locator(".coach-change")
    changed.wait_for()
    assert "Changed by your coach" in changed.inner_text()
    assert "Easier on the ankle this week" in changed.inner_text()
    athlete_context.close()

    # The coach prints the handout: the page, and the PDF
    page.get_by_role("link", name="Handout").click()
    page.get_by_role("heading", name="Week by week").wait_for()
    assert page.locator(".handout-exercise").count() >= 3
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the PDF").click()
    pdf = download.value
    assert pdf.suggested_filename == "dorsi-handout-runner.pdf"
    content = Path(pdf.path()).read_bytes()
    assert content.startswith(b"%PDF")
    assert not _blank(content)

    # The coach's pages fit a phone
    for url in ("/coach/", page.url.replace("handout/", ""), page.url.replace("handout/", "plan/")):
        page.goto(url)
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, url
