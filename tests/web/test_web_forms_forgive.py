"""Forms that forgive: a decimal comma, every field error at once in words, Back keeps values."""

from __future__ import annotations

import re

from tests.web.conftest import WIZARD_ANSWERS


def _through_safety(client) -> None:
    client.get("/assessment/new/?restart=1")
    client.post("/assessment/new/safety/", {"red_flags": []})


def _knee_to_wall(**values: str) -> dict[str, str]:
    return dict(WIZARD_ANSWERS["knee_to_wall"], date="2026-06-17") | values


def test_decimal_comma_is_a_decimal_point_never_a_thousands_comma(ana) -> None:
    _through_safety(ana)
    response = ana.post(
        "/assessment/new/knee_to_wall/", _knee_to_wall(**{"knee_to_wall__left": "7,5"})
    )
    assert response.status_code == 302
    page = ana.get("/assessment/new/knee_to_wall/").content.decode()
    assert re.search(r'name="knee_to_wall__left"[^>]*value="7.5"', page)


def test_every_field_error_shows_at_once(ana) -> None:
    _through_safety(ana)
    data = _knee_to_wall(**{"knee_to_wall__left": "-2", "knee_to_wall__right": "40"})
    errors = ana.post("/assessment/new/knee_to_wall/", data).context["form"].errors
    assert "knee_to_wall__left" in errors
    assert "knee_to_wall__right" in errors


def test_an_empty_submit_says_what_is_missing_in_words_without_keys(ana) -> None:
    _through_safety(ana)
    data = _knee_to_wall(**{"knee_to_wall__left": "", "knee_to_wall__right": ""})
    page = ana.post("/assessment/new/knee_to_wall/", data).content.decode()
    assert "knee_to_wall" not in re.sub(r'[a-z-]+="[^"]*"', "", page)
    assert "needs a value" in page or "Give" in page


def test_back_to_a_saved_step_shows_the_saved_values(ana) -> None:
    _through_safety(ana)
    ana.post("/assessment/new/knee_to_wall/", _knee_to_wall(**{"knee_to_wall__left": "8.5"}))
    page = ana.get("/assessment/new/knee_to_wall/").content.decode()
    assert re.search(r'name="knee_to_wall__left"[^>]*value="8.5"', page)
