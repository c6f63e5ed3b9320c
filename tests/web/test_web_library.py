"""Every test and every exercise shows its drawing; the library pages work logged out."""

from __future__ import annotations

import pytest

from dorsi.core.library.exercises import load_library
from dorsi.web.views.library import TESTS

pytestmark = pytest.mark.django_db


def test_exercise_list_shows_every_exercise_with_a_drawing(client) -> None:
    response = client.get("/exercises/")
    page = response.content.decode()
    assert len(response.context["exercises"]) == len(load_library())
    assert "figure-missing" not in page
    assert page.count("<svg") >= len(load_library()) + len(TESTS)


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


@pytest.mark.parametrize("test_id", [test[0] for test in TESTS])
def test_each_assessment_test_has_its_drawing(client, test_id) -> None:
    page = client.get(f"/tests/{test_id}/").content.decode()
    assert "<svg" in page
    assert "figure-missing" not in page


def test_unknown_exercise_and_test_are_404(client) -> None:
    assert client.get("/exercises/no-such-thing/").status_code == 404
    assert client.get("/tests/nope/").status_code == 404


def test_every_wizard_step_drawing_exists() -> None:
    from dorsi.draw.figures import figure_svg
    from dorsi.web.wizard import STEPS

    for step in STEPS:
        for key in step.figures:
            assert figure_svg(key).startswith("<svg"), key


def test_the_wizard_steps_show_their_drawings(ana) -> None:
    from tests.web.conftest import WIZARD_ANSWERS

    ana.get("/assessment/new/?restart=1")
    ana.post(
        "/assessment/new/knee_to_wall/", dict(WIZARD_ANSWERS["knee_to_wall"], date="2026-01-05")
    )
    ana.post("/assessment/new/about/", WIZARD_ANSWERS["about"])
    for step, count in (("angles", 2), ("three_position", 3), ("squat", 2)):
        page = ana.get(f"/assessment/new/{step}/").content.decode()
        assert page.count("<svg") >= count, step
        assert "figure-missing" not in page
