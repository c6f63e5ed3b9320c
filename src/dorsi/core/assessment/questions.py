"""The shapes of the assessment questionnaire: a section of questions, each question an answer
at a dotted path of dorsi.assessment/v1. The questionnaire itself is
``dorsi.core.assessment.questionnaire``; helpers on the answers are in ``...assessment.answers``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum

from dorsi.core.assessment.howto import HowTo
from dorsi.core.codes import Unit
from dorsi.core.thresholds import Range


class Kind(StrEnum):
    NUMBER = "number"
    INTEGER = "integer"
    CHOICE = "choice"
    CHOICES = "choices"
    YES_NO = "yes_no"
    DATE = "date"


@dataclass(frozen=True)
class Option:
    code: str
    label: str


@dataclass(frozen=True)
class Question:
    """One answer of the document at ``path`` (``knee_to_wall.left``).

    Several questions may share a list path (``red_flags``): each offers its own options and
    the answers are joined. A distance whose unit is chosen in the questionnaire has a range
    per unit (``valid_by_unit``) instead of ``valid``.
    """

    path: str
    label: str
    kind: Kind
    help: str = ""
    options: tuple[Option, ...] = ()
    valid: Range | None = None
    valid_by_unit: tuple[tuple[Unit, Range], ...] = ()
    unit: str = ""
    required: bool = False
    default: str | int | None = None
    blank: str = ""  # what no answer means for a choice ("Not tested", "None of these")

    def range_for(self, unit: str | None = None) -> Range | None:
        for code, valid in self.valid_by_unit:
            if code.value == (unit or Unit.CM.value):
                return valid
        return self.valid

    def unit_for(self, unit: str | None = None) -> str:
        valid = self.range_for(unit)
        return self.unit or (valid.unit if self.valid_by_unit and valid else "")

    def label_of(self, code: str) -> str:
        return next((option.label for option in self.options if option.code == code), code)


@dataclass(frozen=True)
class Section:
    """A page of the wizard, a part of the CLI interview. ``physical_test``: the person loads
    the ankle to answer it, which they are told not to do after a red flag."""

    key: str
    title: str
    intro: str
    questions: tuple[Question, ...]
    howtos: tuple[HowTo, ...] = ()
    figures: tuple[str, ...] = ()
    optional: bool = False
    physical_test: bool = False

    def skippable(self, red_flag: bool) -> bool:
        return self.optional or (self.physical_test and red_flag)


SIDES = (("left", "Left"), ("right", "Right"))


def per_side(path: str, label: str, like: Question) -> tuple[Question, ...]:
    """``like`` for each side: ``{side}`` in the path and ``{side}``/``{Side}`` in the label."""
    return tuple(
        replace(like, path=path.format(side=side), label=label.format(side=side, Side=name))
        for side, name in SIDES
    )
