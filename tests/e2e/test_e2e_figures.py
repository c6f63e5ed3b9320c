"""Exercise figures on a 360 px wide phone: at least 240 px wide wherever an exercise is shown
(the library, an exercise's page, today's session), and no page scrolls sideways for them."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from tests.e2e.conftest import ARTIFACTS, PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

MIN_FIGURE_PX = 240


def _visible_figure_widths(page: Any, selector: str) -> list[float]:
    widths = page.eval_on_selector_all(
        selector,
        "nodes => nodes.filter(n => n.getClientRects().length).map(n => n.getBoundingClientRect().width)",
    )
    return [float(w) for w in widths]


def _no_sideways_scroll(page: Any) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))


def test_exercise_figures_are_at_least_240_px_wide_on_a_phone(page: Any) -> None:
    from dorsi.services.assessments import assessment_create
    from dorsi.services.plans import plan_create
    from tests.django_support import assessment_document, make_user

    page.goto("/exercises/")
    widths = _visible_figure_widths(page, ".library-grid .figure svg")
    assert len(widths) > 10
    assert min(widths) >= MIN_FIGURE_PX
    assert _no_sideways_scroll(page)

    page.goto("/exercises/pogo-hops/")
    assert min(_visible_figure_widths(page, ".exercise-figure svg")) >= MIN_FIGURE_PX
    assert _no_sideways_scroll(page)

    user = make_user("mia")
    row = assessment_create(user=user, document=assessment_document())
    plan_create(user=user, assessment_id=row.pk, start=timezone.localdate())
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill("mia")
    page.get_by_label("Password").fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Log in").click()
    page.goto(f"/session/{timezone.localdate().isoformat()}/")
    widths = _visible_figure_widths(page, ".block .figure svg")
    assert widths
    assert min(widths) >= MIN_FIGURE_PX
    assert _no_sideways_scroll(page)

    # Filming with the phone: the guide drawing fits the screen, the camera input is there.
    page.goto("/videos/")
    assert _no_sideways_scroll(page)
    assert page.locator('input[name="file"][capture="environment"]').count() == 1
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "phone-video-upload-360.png"), full_page=True)
