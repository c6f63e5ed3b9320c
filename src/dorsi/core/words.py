"""Numbers in words a person reads: one helper for the core's texts, the templates and the CLI.

Typography rules, each applied everywhere a number meets a reader:
- a unit is joined to its number by a no-break space ("9 cm" never breaks across lines);
  degrees and percent-like signs sit on the number ("95°");
- negative numbers carry the real minus sign (U+2212), not a hyphen ("−2");
- a range repeats no unit it does not need ("−20 to 70°");
- ordinals have their English suffix ("2nd", "11th", "23rd");
- "a" or "an" follows how the number is said ("an 8 mm drop", "an 11 cm gap", "a 12 cm gap").
"""

from __future__ import annotations

from datetime import date

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

NBSP = "\u00a0"
MINUS = "\u2212"
EN_DASH = "\u2013"
PLUS = "+"
NONE = EN_DASH  # an absent value in a table cell

# Units written on the number itself, without a space (ISO 80000 keeps the space for %;
# the product writes degrees of angle without one, as people read them).
_ATTACHED_UNITS = frozenset({"°", "′", "″"})


def number(value: float, decimals: int | None = None) -> str:
    """``-2`` -> ``−2``; ``7.50`` -> ``7.5``; with ``decimals`` a fixed number of places."""
    if decimals is None:
        text = f"{value:g}" if abs(value) < 1e6 else f"{value:.0f}"
    else:
        text = f"{value:.{decimals}f}"
    if text.startswith("-"):
        digits = text[1:]
        # A value that rounds to zero loses its sign: "−0.0" would suggest a change that is not there.
        if digits.strip("0.") == "":
            return digits
        return MINUS + digits
    return text


def signed(value: float, decimals: int | None = None) -> str:
    """A change with its sign always shown: ``+1.5``, ``−2``, ``0``."""
    text = number(value, decimals)
    if text.startswith(MINUS) or text.strip("0.") == "":
        return text
    return PLUS + text


def quantity(value: float, unit: str, decimals: int | None = None) -> str:
    """``9 cm`` (no-break space), ``95°``, ``−2 cm``."""
    return _join(number(value, decimals), unit)


def signed_quantity(value: float, unit: str, decimals: int | None = None) -> str:
    """``+1.5 cm``, ``−3°``."""
    return _join(signed(value, decimals), unit)


def value_range(low: float, high: float, unit: str = "", decimals: int | None = None) -> str:
    """``−20 to 70°``: the unit once, after the upper end."""
    return f"{number(low, decimals)} to {_join(number(high, decimals), unit)}"


def _join(text: str, unit: str) -> str:
    if not unit:
        return text
    if unit in _ATTACHED_UNITS:
        return text + unit
    return f"{text}{NBSP}{unit}"


def ordinal(value: float) -> str:
    """``2`` -> ``2nd``, ``11`` -> ``11th``, ``23`` -> ``23rd`` (rounded to a whole number)."""
    n = round(value)
    tens = abs(n) % 100
    suffix = "th" if 10 <= tens <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(abs(n) % 10, "th")
    return f"{number(n)}{suffix}"


def article(phrase: str) -> str:
    """``a`` or ``an`` for a phrase, by how its first word is said: ``an 8 mm drop``."""
    first = phrase.lstrip()
    if not first:
        return "a"
    if first[0].isdigit():
        return "an" if _number_starts_with_vowel(first) else "a"
    if first.startswith(MINUS):
        return "a"  # "a minus two"
    word = first.split()[0].lower()
    if word.startswith(("uni", "use", "usu", "eu", "one", "once")):
        return "a"
    if word.startswith(("hour", "honest", "honour", "honor")):
        return "an"
    return "an" if word[0] in "aeiou" else "a"


def with_article(phrase: str) -> str:
    """``an 8 mm drop``, ``a 12 cm gap``, ``an ankle``."""
    return f"{article(phrase)} {phrase}"


def _number_starts_with_vowel(text: str) -> bool:
    """Numbers said with a vowel first: 8, 11, 18, 80–89, 800–899, 8000…, 11 000, 18 000."""
    digits = ""
    for char in text:
        if char.isdigit():
            digits += char
        elif char in ",." and digits:
            if char == "." or len(digits) > 3:
                break
            continue  # a thousands separator
        else:
            break
    if digits.startswith("8"):
        return True
    # 11 and 18 (and 11 000, 18 500…): the leading group of one thousand-group is said "eleven"/"eighteen".
    lead = len(digits) % 3 or 3
    return digits[:lead] in {"11", "18"}


def decimal_input(text: str) -> str:
    """A typed number with a decimal comma read as a decimal point: ``"7,5"`` -> ``"7.5"``.

    Only a single comma between digits is a decimal comma; "1,234" is ambiguous but a
    knee-to-wall distance or an angle never needs a thousands separator, so it reads 1.234,
    which the valid range then refuses with a message rather than silently turning it into 1234.
    """
    cleaned = text.strip().replace(NBSP, "").replace(" ", "").replace(MINUS, "-")
    if cleaned.count(",") == 1 and "." not in cleaned:
        cleaned = cleaned.replace(",", ".")
    return cleaned


def day_text(when: date, *, weekday: bool = False) -> str:
    """The product's one date style: ``30 November 2026`` (``Monday 30 November 2026``).

    The web writes the same through Django's ``DATE_FORMAT`` (dorsi/web/formats/en/formats.py).
    """
    text = f"{when.day} {MONTHS[when.month - 1]} {when.year}"
    return f"{WEEKDAYS[when.weekday()]} {text}" if weekday else text
