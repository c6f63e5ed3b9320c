"""Every test and every exercise shows its drawing; the library pages work logged out."""

from __future__ import annotations

import pytest
from django.utils.html import escape

from dorsi.core.assessment.howto import HOWTOS
from dorsi.core.assessment.questionnaire import QUESTIONNAIRE
from dorsi.core.library.exercises import load_library

pytestmark = pytest.mark.django_db


def test_exercise_list_shows_every_exercise_with_a_drawing(client) -> None:
    response = client.get("/exercises/")
    page = response.content.decode()
    assert len(response.context["exercises"]) == len(load_library())
    assert "figure-missing" not in page
    assert page.count("<svg") >= len(load_library()) + len(HOWTOS)


def test_filtering_by_purpose(client) -> None:
    response = client.get("/exercises/?purpose=joint_capsule")
    assert response.context["exercises"]
    assert all(
        "joint_capsule" in {str(p) for p in e.purpose} for e in response.context["exercises"]
    )


@pytest.mark.parametrize("exercise_id", load_library().ids)
def test_exercise_page_has_its_drawing_instructions_and_stop_rules(client, exercise_id) -> None:
    response = client.get(f"/exercises/{exercise_id}/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "<svg" in page
    assert "figure-missing" not in page
    assert "Stop if" in page


@pytest.mark.parametrize("howto", HOWTOS, ids=[howto.key for howto in HOWTOS])
def test_each_assessment_test_page_has_its_drawings_and_the_full_how_to(client, howto) -> None:
    page = client.get(f"/tests/{howto.key}/").content.decode()
    assert page.count("<svg") >= len(howto.figures)
    assert "figure-missing" not in page
    for text in (howto.summary, *howto.steps, *howto.notes, howto.stop_rule):
        assert escape(text) in page


def test_unknown_exercise_and_test_are_404(client) -> None:
    assert client.get("/exercises/no-such-thing/").status_code == 404
    assert client.get("/tests/nope/").status_code == 404


def test_every_drawing_of_the_questionnaire_exists() -> None:
    from dorsi.draw.figures import figure_svg

    keys = {key for section in QUESTIONNAIRE for key in section.figures}
    keys |= {key for howto in HOWTOS for key in howto.figures}
    assert len(keys) >= 10
    for key in sorted(keys):
        assert figure_svg(key).startswith("<svg"), key


def test_the_wizard_steps_show_their_drawings(ana) -> None:
    from tests.web.conftest import WIZARD_ANSWERS

    ana.get("/assessment/new/?restart=1")
    ana.post("/assessment/new/safety/", {"red_flags": []})
    ana.post(
        "/assessment/new/knee_to_wall/", dict(WIZARD_ANSWERS["knee_to_wall"], date="2026-01-05")
    )
    ana.post("/assessment/new/about/", WIZARD_ANSWERS["about"])
    for step, count in (("angles", 3), ("three_position", 3), ("squat", 2)):
        page = ana.get(f"/assessment/new/{step}/").content.decode()
        assert page.count("<svg") >= count, step
        assert "figure-missing" not in page
