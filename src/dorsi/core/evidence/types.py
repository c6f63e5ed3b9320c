"""What a source is: a stable tag (data), a readable label, a kind, a grade and a reference.

Tags such as ``seed:000_dce03341e02d3671.txt`` or ``Powden 2015`` are codes: they travel in
JSON and never reach a person. People read the label ("Powden 2015", or a method article's
title) with the grade in words, and the Sources page shows the full reference.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Grade(StrEnum):
    """How strong the support is; ordered from weakest to strongest."""

    EXPERT_OPINION = "expert-opinion"
    RESEARCH = "research"
    GUIDELINE = "guideline"

    @property
    def rank(self) -> int:
        return list(Grade).index(self)

    @property
    def words(self) -> str:
        return _GRADE_WORDS[self]


_GRADE_WORDS = {
    Grade.EXPERT_OPINION: "expert opinion",
    Grade.RESEARCH: "research evidence",
    Grade.GUIDELINE: "clinical guideline",
}


class SourceKind(StrEnum):
    METHOD_ARTICLE = "method_article"  # the coaching articles the method comes from
    STUDY = "study"
    GUIDELINE = "guideline"


@dataclass(frozen=True)
class Source:
    tag: str
    grade: Grade
    kind: SourceKind
    label: str
    reference: str
    about: str  # what Dorsi takes from it, in Dorsi's words

    def __str__(self) -> str:
        return self.tag

    @property
    def citation(self) -> str:
        """The label with its grade in words, as a person reads it."""
        return f"{self.label}, {self.grade.words}"

    def to_document(self) -> dict[str, str]:
        return {
            "label": self.label,
            "kind": self.kind.value,
            "grade": self.grade.value,
            "reference": self.reference,
        }
