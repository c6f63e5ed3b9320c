"""The Sources page, the same on the web and in ``dorsi sources``: every source by kind, with
its grade in words, its full reference and what Dorsi takes from it (SPEC intro, §7)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from dorsi.core.evidence import Grade, Source, SourceKind, sources_page

KIND_HEADINGS: Mapping[SourceKind, str] = {
    SourceKind.METHOD_ARTICLE: "The method's articles",
    SourceKind.GUIDELINE: "Clinical guidelines",
    SourceKind.STUDY: "Studies",
}
GRADE_MEANINGS: Mapping[Grade, str] = {
    Grade.GUIDELINE: "a published clinical guideline or decision rule, the strongest support",
    Grade.RESEARCH: "published studies of people, with their own limits",
    Grade.EXPERT_OPINION: "a coach's or clinician's experience, not tested as such",
}
INTRO = (
    "Every rule, threshold and claim in Dorsi names where it comes from and how strong that "
    "support is. A grade says how much weight the claim can bear:"
)


@dataclass(frozen=True)
class SourceGroup:
    heading: str
    sources: tuple[Source, ...]


def source_groups() -> tuple[SourceGroup, ...]:
    """Every source, grouped by kind in the Sources page's order."""
    every = sources_page()
    return tuple(
        SourceGroup(heading, tuple(s for s in every if s.kind is kind))
        for kind, heading in KIND_HEADINGS.items()
        if any(s.kind is kind for s in every)
    )


def grade_lines() -> tuple[tuple[str, str], ...]:
    """(grade in words, what it means), strongest first."""
    return tuple((grade.words, GRADE_MEANINGS[grade]) for grade in reversed(Grade))


def sources_to_text() -> str:
    """The Sources page as plain text (``dorsi sources``)."""
    lines = ["Sources", "", INTRO]
    lines += [f"  {words}: {meaning}." for words, meaning in grade_lines()]
    for group in source_groups():
        lines += ["", group.heading, ""]
        for source in group.sources:
            lines.append(f"- {source.label} ({source.grade.words})")
            if not source.reference.startswith(source.label):
                lines.append(f"  {source.reference}")
            else:
                lines.append(f"  {source.reference[len(source.label) :].lstrip('. ')}")
            lines.append(f"  What Dorsi takes from it: {source.about}")
    return "\n".join(lines) + "\n"


def sources_to_document() -> dict[str, Any]:
    """``dorsi sources --format json``: the same map as a report's ``sources``, for all."""
    from dorsi.core.evidence import sources_map

    return {
        "schema": "dorsi.sources/v1",
        "sources": sources_map(source.tag for source in sources_page()),
    }
