"""The one formatting helper: ordinals, articles, units, the minus sign, ranges, decimals."""

from __future__ import annotations

from datetime import date

import pytest

from dorsi.core import words
from dorsi.core.words import MINUS, NBSP


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1, "1st"),
        (2, "2nd"),
        (3, "3rd"),
        (4, "4th"),
        (11, "11th"),
        (12, "12th"),
        (13, "13th"),
        (21, "21st"),
        (22, "22nd"),
        (23, "23rd"),
        (2.4, "2nd"),
        (99, "99th"),
        (101, "101st"),
        (111, "111th"),
    ],
)
def test_ordinal_has_the_english_suffix(value: float, expected: str) -> None:
    assert words.ordinal(value) == expected


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("8 mm drop", "an 8 mm drop"),
        ("11 cm gap", "an 11 cm gap"),
        ("18 mm drop", "an 18 mm drop"),
        ("80 mm drop", "an 80 mm drop"),
        ("12 mm drop", "a 12 mm drop"),
        ("4 mm drop", "a 4 mm drop"),
        ("1 cm lift", "a 1 cm lift"),
        ("110 cm", "a 110 cm"),
        ("11000 steps", "an 11000 steps"),
        ("ankle", "an ankle"),
        ("bench", "a bench"),
        ("unit", "a unit"),
        ("hour", "an hour"),
        (f"{MINUS}2 cm gap", f"a {MINUS}2 cm gap"),
        ("", "a "),
    ],
)
def test_article_follows_how_the_phrase_is_said(phrase: str, expected: str) -> None:
    assert words.with_article(phrase) == expected


def test_minus_sign_is_the_real_minus() -> None:
    assert words.number(-2) == f"{MINUS}2"
    assert words.number(-2.5, 1) == f"{MINUS}2.5"
    assert "-" not in words.number(-20)


def test_negative_zero_loses_its_sign() -> None:
    assert words.number(-0.04, 1) == "0.0"
    assert words.signed(-0.04, 1) == "0.0"


def test_number_trims_or_fixes_decimals() -> None:
    assert words.number(7.50) == "7.5"
    assert words.number(178.0) == "178"
    assert words.number(7.25, 1) == "7.2"
    assert words.number(9, 1) == "9.0"
    assert words.number(2_500_000.4) == "2500000"


def test_units_are_joined_by_a_no_break_space() -> None:
    assert words.quantity(9, "cm") == f"9{NBSP}cm"
    assert words.quantity(8, "mm") == f"8{NBSP}mm"
    assert words.quantity(10.5, "cm", 1) == f"10.5{NBSP}cm"


def test_degrees_sit_on_the_number() -> None:
    assert words.quantity(95, "°") == "95°"
    assert words.quantity(-3, "°") == f"{MINUS}3°"


def test_signed_quantity_always_shows_the_sign() -> None:
    assert words.signed_quantity(1.5, "cm", 1) == f"+1.5{NBSP}cm"
    assert words.signed_quantity(-2, "cm") == f"{MINUS}2{NBSP}cm"
    assert words.signed_quantity(0, "°") == "0°"


def test_range_names_the_unit_once() -> None:
    assert words.value_range(-20, 70, "°") == f"{MINUS}20 to 70°"
    assert words.value_range(0, 25, "cm") == f"0 to 25{NBSP}cm"
    assert words.value_range(5, 60) == "5 to 60"


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("7,5", "7.5"),
        (" 7,5 ", "7.5"),
        ("7.5", "7.5"),
        ("10", "10"),
        (f"{MINUS}2", "-2"),
        ("1,2,3", "1,2,3"),
        ("7, 5", "7.5"),
    ],
)
def test_decimal_comma_is_a_decimal_point(typed: str, read: str) -> None:
    assert words.decimal_input(typed) == read


def test_day_text_is_day_month_in_words_year() -> None:
    assert words.day_text(date(2026, 11, 30)) == "30 November 2026"
    assert words.day_text(date(2026, 6, 1), weekday=True) == "Monday 1 June 2026"


def test_range_errors_read_as_typeset_text() -> None:
    from dorsi.core.errors import ValidationError
    from dorsi.core.thresholds import WB_ANGLE_RANGE

    with pytest.raises(ValidationError) as caught:
        WB_ANGLE_RANGE.check("angle", 95)
    assert caught.value.problem == f"95° is outside the valid range {MINUS}20 to 70°"


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("8.5 cm gap", "an"),
        ("11,000 steps", "an"),
        ("1,800 m", "a"),
        ("18.5 mm", "an"),
        ("1234,5 m", "a"),
    ],
)
def test_article_reads_decimals_and_thousands_separators(phrase: str, expected: str) -> None:
    assert words.article(phrase) == expected
