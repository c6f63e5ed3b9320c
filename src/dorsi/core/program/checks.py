"""The rules every plan keeps, however it was made: generated, imported or edited by a coach.

``check_plan`` raises ValidationError naming the field of the first broken rule.
"""

from __future__ import annotations

from dorsi.core.codes import ItemSide
from dorsi.core.errors import ValidationError
from dorsi.core.program.progression import new_rises, ramp_violations
from dorsi.core.program.values import ExerciseCatalog, Plan, PlanItem

EPSILON_MIN = 1e-6
# How to fix a whole plan whose doses jump: plans stored before the limit existed do.
REBUILD = (
    ". A plan made before doses had to rise gradually is refused: build a new plan from its "
    "assessment (or leave this plan out and build one afterwards)"
)


def check_plan(plan: Plan, *, library: ExerciseCatalog, before: Plan | None = None) -> None:
    """Every exercise exists, one-side blocks are one-side exercises, no day over budget, and
    no dose rises faster than the progression limit (SPEC §4).

    ``before``: for an edit, the plan as it was; only the rises the edit itself adds are
    refused, so a plan stored before the limit existed can still be edited. Without it (an
    import) every rise is refused, with how to fix it."""
    for w, week in enumerate(plan.weeks):
        for d, day in enumerate(week.days):
            where = f"weeks[{w}].days[{d}]"
            _check_items(day.items, where, library)
            if day.minutes > plan.minutes_per_day + EPSILON_MIN:
                raise ValidationError(
                    f"{where}.minutes",
                    f"{day.minutes:g} min is over the plan's {plan.minutes_per_day} min a day",
                )
    if before is None:
        rises = ramp_violations(plan.weeks)
        if rises:
            raise ValidationError(rises[0].field, rises[0].problem + REBUILD)
    else:
        rises = new_rises(plan.weeks, before.weeks)
        if rises:
            raise ValidationError(rises[0].field, rises[0].problem)
    for key, block in (
        ("before_training", plan.maintenance.before_training),
        ("other_days", plan.maintenance.other_days),
    ):
        _check_items(block.items, f"maintenance.{key}", library)


def _check_items(items: tuple[PlanItem, ...], where: str, library: ExerciseCatalog) -> None:
    for i, item in enumerate(items):
        try:
            exercise = library.get(item.exercise)
        except ValidationError as error:
            raise ValidationError(f"{where}.items[{i}].exercise", error.problem) from None
        if item.side is not ItemSide.BOTH and not exercise.per_side:
            raise ValidationError(
                f"{where}.items[{i}].side",
                f"{exercise.name} is done with both feet together, not one side",
            )
