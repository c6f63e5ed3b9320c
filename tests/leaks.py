"""What a person must never read (SPEC intro): codes, file names and Python reprs.

:func:`visible_text` keeps what a browser shows or reads aloud (text, ``aria-label``,
``title``, ``alt``, ``placeholder``, SVG text); :func:`leaks` names each forbidden string.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

# Things a person reads that look like codes but are not: addresses and e-mail addresses.
_NOT_WORDS = re.compile(r"(https?://|/)[^\s<>\"']*|[\w.+-]+@[\w.-]+")
LEAK_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("seed file", re.compile(r"seed:\S*|\b\w+\.txt\b")),
    ("snake_case code", re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")),
    ("Python repr", re.compile(r"\b(?:None|True|False)\b|\{'|\['|<[a-zA-Z_.]+ object at")),
)
_SHOWN_ATTRIBUTES = ("aria-label", "title", "alt", "placeholder")
_SKIPPED = {"script", "style", "template", "head"}


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self._skip += 1
        for name, value in attrs:
            if name in _SHOWN_ATTRIBUTES and value:
                self.parts.append(value)
        kind = dict(attrs).get("type")
        if tag == "input" and kind in {"submit", "button"}:
            self.parts.append(dict(attrs).get("value") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return "\n".join(part.strip() for part in parser.parts if part.strip())


def leaks(text: str, *, allowed: frozenset[str] = frozenset()) -> list[str]:
    """Every forbidden string in ``text`` as "kind: 'string' in '...context...'"."""
    found = []
    for line in text.splitlines():
        cleaned = _NOT_WORDS.sub(" ", line)
        for kind, pattern in LEAK_PATTERNS:
            for match in pattern.finditer(cleaned):
                if match.group(0) not in allowed:
                    found.append(f"{kind}: {match.group(0)!r} in {cleaned.strip()[:160]!r}")
    return found
