"""One date style on every page (Django's DATE_FORMAT from dorsi/web/formats) and in the CLI
(dorsi.core.words.day_text); the template filters of the formatting helper."""

from __future__ import annotations

from datetime import date

import pytest
from django.template import Context, Template

from dorsi.core import words
from dorsi.core.words import MINUS, NBSP


def _render(source: str, **context: object) -> str:
    return Template("{% load dorsi_tags %}" + source).render(Context(context))


@pytest.mark.parametrize("when", [date(2026, 11, 30), date(2026, 6, 1), date(2027, 1, 9)])
def test_date_filter_and_cli_write_the_same_date(when: date) -> None:
    assert _render("{{ when|date }}", when=when) == words.day_text(when)
    assert _render("{{ when|day }}", when=when.isoformat()) == words.day_text(when)


def test_day_filter_leaves_a_non_date_alone() -> None:
    assert _render("{{ value|day }}", value="soon") == "soon"
    assert _render("{{ value|day }}", value=None) == "–"


def test_ordinal_filter_gives_the_english_suffix() -> None:
    assert _render("About the {{ p|ordinal }} percentile", p=2.2) == "About the 2nd percentile"
    assert _render("{{ p|ordinal }}", p=None) == "–"


def test_quantity_filters_join_units_and_use_the_minus_sign() -> None:
    assert _render('{{ v|quantity:"cm" }}', v=9) == f"9{NBSP}cm"
    assert _render('{{ v|quantity:"°" }}', v=-3) == f"{MINUS}3°"
    assert _render('{{ v|signed_quantity:"cm" }}', v=1.5) == f"+1.5{NBSP}cm"
    assert _render("{{ v|number:1 }}", v=-2) == f"{MINUS}2.0"
    assert _render("{{ v|number }}", v=178.0) == "178"
    assert (
        _render('{{ v|quantity:"cm" }}{{ w|number }}{{ w|signed_quantity:"cm" }}', v="", w="")
        == "–––"
    )


def test_distance_filters_use_the_helper() -> None:
    assert _render('{{ v|cm:"cm" }}', v=9) == f"9.0{NBSP}cm"
    assert _render('{{ v|cm:"in" }}', v=25.4) == f"10.0{NBSP}in"
    assert _render('{{ v|signed_cm:"cm" }}', v=-1.25) == f"{MINUS}1.2{NBSP}cm"
    assert _render("{{ v|percent }}", v=0.5) == f"50{NBSP}%"


def test_day_kind_and_status_are_words_with_a_mark() -> None:
    assert _render("{{ k|day_kind }}", k="standalone") == "short session"
    assert _render("{{ s|status_word }} {% status_mark s %}", s="partial") == "partly done ½"


def test_referral_level_is_shown_in_words() -> None:
    assert _render("{{ r|referral_word }}", r="before_starting") == "needed before starting"
    assert _render("{{ r|referral_word }}", r="odd_code") == "odd code"


def test_referral_reasons_and_phases_are_words() -> None:
    assert _render("{{ r|reason_word }}", r="knee_to_wall_below_9cm") == f"an ankle under 9{NBSP}cm"
    assert _render("{{ p|phase_name }}", p="mobilization") == "Mobilization"
    assert _render("{{ p|phase_name }}", p="odd_phase") == "odd phase"


def test_signed_cm_in_inches_and_absent() -> None:
    assert _render('{{ v|signed_cm:"in" }}', v=2.54) == f"+1.0{NBSP}in"
    assert _render('{{ v|signed_cm:"cm" }}', v=None) == "–"


def test_a_core_error_lands_on_its_field_or_names_its_section_in_words() -> None:
    from dorsi.core.errors import ValidationError
    from dorsi.web import wizard

    step = wizard.step_named("knee_to_wall")
    assert step is not None
    assert step.form is not None
    on_field = step.form({})
    wizard.add_error_in_words(on_field, ValidationError("knee_to_wall.left", "is too far"))
    assert on_field.errors["knee_to_wall__left"] == ["is too far"]
    section = step.form({})
    wizard.add_error_in_words(section, ValidationError("knee_to_wall", "needs a value"))
    assert section.non_field_errors() == ["Knee-to-wall test: needs a value"]
    other = step.form({})
    wizard.add_error_in_words(other, ValidationError("elsewhere", "is odd"))
    assert other.non_field_errors() == ["Is odd"]
    review = wizard.step_named("review")
    assert review is not None
    assert wizard.field_problems(review, {}) == ()


def test_video_states_and_tests_read_in_words() -> None:
    from dorsi.web.templatetags.dorsi_tags import video_mode, video_status

    assert [video_status(s) for s in ("queued", "running", "done", "failed")] == [
        "Waiting to start",
        "Being analysed",
        "Ready",
        "Could not be analysed",
    ]
    assert video_mode("knee-to-wall") == "Knee-to-wall test"
    assert video_mode("squat") == "Squat"
