"""Where each rule comes from (SPEC preamble, §7): sources, their grades, and how people see them.

Every threshold, finding, recommendation and exercise points at sources by tag. Tags are codes
for JSON; a person sees :func:`cite` (readable labels with grades in words) and the Sources page
(:func:`sources_page`, full references).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from dorsi.core.evidence.method import (
    CHIODO_2010,
    COAKLEY_2006,
    DIFIORI_2014,
    METHOD_AND_GUIDELINES,
    NICE_NG19,
    NICE_NG158,
    OTTAWA_RULES,
    SEED_000,
    SEED_001,
    SEED_002,
)
from dorsi.core.evidence.studies import (
    ALFREDSON_1998,
    ANTHROPOMETRY,
    ATANDA_2011,
    BACKMAN_DANIELSON_2011,
    BAROUK_2014,
    BAUMBACH_2014,
    CHEATHAM_2015,
    CHISHOLM_2012,
    DIGIOVANNI_2002,
    HOCH_MCKEON_2011,
    HOCH_STATON_MCKEON_2011,
    HUPPERETS_2009,
    KONOR_2012,
    MCKEON_2008,
    MCKEON_2015,
    POWDEN_2015,
    RADFORD_2006,
    RUNNING_META,
    SEN_1968,
    SHERRINGTON_2019,
    STUDIES,
    TERADA_2013,
    VICENZINO_2006,
    VUURBERG_2018,
    WILKE_2020,
)
from dorsi.core.evidence.types import Grade, Source, SourceKind

__all__ = [
    "ALFREDSON_1998",
    "ALL_SOURCES",
    "ANTHROPOMETRY",
    "ATANDA_2011",
    "BACKMAN_DANIELSON_2011",
    "BAROUK_2014",
    "BAUMBACH_2014",
    "CHEATHAM_2015",
    "CHIODO_2010",
    "CHISHOLM_2012",
    "COAKLEY_2006",
    "DIFIORI_2014",
    "DIGIOVANNI_2002",
    "HOCH_MCKEON_2011",
    "HOCH_STATON_MCKEON_2011",
    "HUPPERETS_2009",
    "KONOR_2012",
    "MCKEON_2008",
    "MCKEON_2015",
    "NICE_NG19",
    "NICE_NG158",
    "OTTAWA_RULES",
    "POWDEN_2015",
    "RADFORD_2006",
    "RUNNING_META",
    "SEED_000",
    "SEED_001",
    "SEED_002",
    "SEN_1968",
    "SHERRINGTON_2019",
    "TERADA_2013",
    "VICENZINO_2006",
    "VUURBERG_2018",
    "WILKE_2020",
    "Grade",
    "Source",
    "SourceKind",
    "by_tag",
    "cite",
    "is_known",
    "sources_map",
    "sources_page",
    "strongest",
]

ALL_SOURCES: tuple[Source, ...] = METHOD_AND_GUIDELINES + STUDIES
_BY_TAG = {source.tag: source for source in ALL_SOURCES}
_KIND_ORDER = (SourceKind.METHOD_ARTICLE, SourceKind.GUIDELINE, SourceKind.STUDY)


def by_tag(tag: str) -> Source:
    """The source of ``tag``; KeyError for an unknown tag (a bug in the data, not user input)."""
    return _BY_TAG[tag]


def is_known(tag: str) -> bool:
    return tag in _BY_TAG


def cite(tags: Iterable[str]) -> str:
    """Readable citations for a person: "Powden 2015, research evidence; ..." (no codes)."""
    seen: list[str] = []
    for tag in tags:
        if tag not in seen:
            seen.append(tag)
    return "; ".join(by_tag(tag).citation for tag in seen)


def strongest(tags: Iterable[str]) -> Grade:
    """The highest grade among ``tags`` (expert opinion when there are none)."""
    grades = [by_tag(tag).grade for tag in tags]
    return max(grades, key=lambda grade: grade.rank, default=Grade.EXPERT_OPINION)


def sources_map(tags: Iterable[str]) -> dict[str, dict[str, Any]]:
    """The ``sources`` map of a JSON document: {tag: {label, kind, grade, reference}}."""
    out: dict[str, dict[str, Any]] = {}
    for tag in tags:
        if tag not in out:
            out[tag] = by_tag(tag).to_document()
    return out


def sources_page() -> tuple[Source, ...]:
    """Every source, for a Sources page: method articles, then guidelines, then studies (A-Z)."""
    return tuple(sorted(ALL_SOURCES, key=lambda s: (_KIND_ORDER.index(s.kind), s.label.casefold())))
