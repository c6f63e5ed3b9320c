"""dorsi.plan/v1 -> Plan: the reader beside ``plan_to_document``.

Stored plans, imported bundles and coach edits all come back into the core through here, so
nothing outside the core walks a plan document. Every problem raises ValidationError naming
the field (``weeks[3].days[2].items[0].sets``). Derived fields (``end``, ``weekday``, a day's
``minutes``) are recomputed, not trusted; with a library, ``check_plan`` then holds the plan
to the rules a generated plan keeps.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from dorsi.core.codes import (
    DayKind,
    ItemSide,
    MaintenanceWhen,
    Phase,
    PlanMode,
    ReferralLevel,
    Weekday,
)
from dorsi.core.errors import ValidationError
from dorsi.core.program.checks import check_plan
from dorsi.core.program.values import (
    Adaptation,
    Dose,
    ExerciseCatalog,
    ExpectedRate,
    Footwear,
    Goal,
    HeelElevation,
    HeelStep,
    MaintenanceBlock,
    MaintenancePlan,
    Plan,
    PlanDay,
    PlanItem,
    PlanWeek,
)
from dorsi.core.reader import Reader, check_schema
from dorsi.core.thresholds import (
    DAYS_PER_WEEK,
    MINUTES_PER_DAY_RANGE,
    PLAN_DAYS,
    PLAN_WEEKS,
    Range,
)

PLAN_SCHEMA = "dorsi.plan/v1"
SETS_RANGE = Range(1, 10, "sets")
REPS_RANGE = Range(1, 100, "reps")
SECONDS_RANGE = Range(1, 900, "s")
LOWERING_RANGE = Range(1, 10, "s")
ITEM_MINUTES_RANGE = Range(0, 60, "min")
CM_RANGE = Range(0, 30, "cm")
RATE_RANGE = Range(0, 5, "cm/week")
MAX_ITEMS_PER_DAY = 20
MAX_LIST_ITEMS = 100
TEXT_MAX_CHARS = 2000


def parse_plan(data: object, *, library: ExerciseCatalog | None = None) -> Plan:
    """Validate a dorsi.plan/v1 document into a Plan (checked against ``library`` if given)."""
    check_schema(data, PLAN_SCHEMA)
    doc = Reader(data)
    start = _day(doc, "start")
    minutes = doc.integer("minutes_per_day", MINUTES_PER_DAY_RANGE)
    if minutes is None:
        raise ValidationError("minutes_per_day", "is required")
    plan = Plan(
        start=start,
        minutes_per_day=minutes,
        weeks=_weeks(doc, start),
        retests=_retests(doc, start),
        heel_elevation=_heel(_required(doc, "heel_elevation_cm")),
        goal=_goal(_required(doc, "goal")),
        maintenance=_maintenance(_required(doc, "maintenance")),
        adaptations=tuple(_adaptation(part) for part in _objects(doc, "adaptations")),
        footwear=_footwear(_required(doc, "footwear")),
        expected_rate=_rate(_required(doc, "expected_rate")),
        mode=doc.code("mode", PlanMode) or PlanMode.DEVELOPMENT,
        video_days=_dates(doc, "video_days", start),
        **_referral(_required(doc, "referral")),
    )
    doc.raw("end")  # derived from start: read so it is not reported as unknown
    doc.finish()
    if library is not None:
        check_plan(plan, library=library)
    return plan


# Generic pieces ------------------------------------------------------------------------


def _day(part: Reader, key: str) -> date:
    when = part.day(key, required=True)
    assert when is not None  # required=True raises instead
    return when


def _required(part: Reader, key: str) -> Reader:
    child = part.obj(key)
    if child is None:
        raise ValidationError(part.field(key), "is required")
    return child


def _objects(part: Reader, key: str) -> list[Reader]:
    items = part.items(key)
    if len(items) > MAX_LIST_ITEMS:
        raise ValidationError(part.field(key), f"holds more than {MAX_LIST_ITEMS} entries")
    return [Reader(item, f"{part.field(key)}[{n}]", part.ignored) for n, item in enumerate(items)]


def _text(part: Reader, key: str) -> str:
    value = part.string(key) or ""
    if len(value) > TEXT_MAX_CHARS:
        raise ValidationError(part.field(key), f"is longer than {TEXT_MAX_CHARS} characters")
    return value


def _strings(part: Reader, key: str) -> tuple[str, ...]:
    out = []
    for index, item in enumerate(part.items(key)):
        if not isinstance(item, str) or not item.strip() or len(item) > 200 or "\x00" in item:
            raise ValidationError(f"{part.field(key)}[{index}]", "must be a short text")
        out.append(item)
    return tuple(out)


def _number(part: Reader, key: str, valid: Range) -> float:
    value = part.number(key, valid)
    if value is None:
        raise ValidationError(part.field(key), "is required")
    return value


def _code(part: Reader, key: str, enum: Any) -> Any:
    return part.code(key, enum, required=True)


# The calendar --------------------------------------------------------------------------


def _weeks(doc: Reader, start: date) -> tuple[PlanWeek, ...]:
    parts = _objects(doc, "weeks")
    if len(parts) != PLAN_WEEKS:
        raise ValidationError("weeks", f"must hold {PLAN_WEEKS} weeks, got {len(parts)}")
    weeks = []
    for number, part in enumerate(parts, start=1):
        if part.integer("week") != number:
            raise ValidationError(part.field("week"), f"must be {number}")
        phase: Phase = _code(part, "phase", Phase)
        weeks.append(PlanWeek(number, phase, _days(part, start, week=number, phase=phase)))
        part.finish()
    return tuple(weeks)


def _days(week_part: Reader, start: date, *, week: int, phase: Phase) -> tuple[PlanDay, ...]:
    parts = _objects(week_part, "days")
    if len(parts) != DAYS_PER_WEEK:
        raise ValidationError(week_part.field("days"), f"must hold {DAYS_PER_WEEK} days")
    days = []
    for offset, part in enumerate(parts):
        number = (week - 1) * DAYS_PER_WEEK + offset + 1
        expected = start + timedelta(days=number - 1)
        if _day(part, "date") != expected:
            raise ValidationError(part.field("date"), f"must be {expected.isoformat()}")
        for derived in ("day", "weekday", "minutes"):
            part.raw(derived)
        days.append(
            PlanDay(
                day=number,
                date=expected,
                kind=_code(part, "kind", DayKind),
                items=_items(part),
                retest=bool(part.boolean("retest")),
                week=week,
                phase=phase,
            )
        )
        part.finish()
    return tuple(days)


def _items(part: Reader) -> tuple[PlanItem, ...]:
    parts = _objects(part, "items")
    if len(parts) > MAX_ITEMS_PER_DAY:
        raise ValidationError(part.field("items"), f"holds more than {MAX_ITEMS_PER_DAY} items")
    return tuple(_item(item) for item in parts)


def _item(part: Reader) -> PlanItem:
    exercise = part.string("exercise", required=True) or ""
    sets = part.integer("sets", SETS_RANGE)
    if sets is None:
        raise ValidationError(part.field("sets"), "is required")
    reps = part.integer("reps", REPS_RANGE)
    seconds = part.integer("seconds", SECONDS_RANGE)
    if (reps is None) == (seconds is None):
        raise ValidationError(part.path, "needs either reps or seconds (not both)")
    item = PlanItem(
        exercise=exercise,
        name=_text(part, "name") or exercise,
        side=_code(part, "side", ItemSide),
        dose=Dose(
            sets, reps=reps, seconds=seconds, lowering_s=part.integer("lowering_s", LOWERING_RANGE)
        ),
        minutes=part.number("minutes", ITEM_MINUTES_RANGE) or 0.0,
        note=_text(part, "note") or None,
        per_side=bool(part.boolean("per_side")),
    )
    part.finish()
    return item


def _retests(doc: Reader, start: date) -> tuple[date, ...]:
    return _dates(doc, "retests", start)


def _dates(doc: Reader, key: str, start: date) -> tuple[date, ...]:
    end = start + timedelta(days=PLAN_DAYS - 1)
    out = set()
    for index, value in enumerate(doc.items(key)):
        where = f"{key}[{index}]"
        if not isinstance(value, str):
            raise ValidationError(where, "must be a date (YYYY-MM-DD)")
        when = Reader({"date": value}, where).day("date")
        assert when is not None
        if not start <= when <= end:
            raise ValidationError(where, f"{value} is outside the plan's {PLAN_WEEKS} weeks")
        out.add(when)
    return tuple(sorted(out))


# The rules around the calendar ---------------------------------------------------------


def _heel(part: Reader) -> HeelElevation:
    steps = []
    for step in _objects(part, "rule"):
        steps.append(
            HeelStep(
                below_cm=step.number("while_any_side_below_cm", CM_RANGE),
                heel_cm=_number(step, "heel_cm", CM_RANGE),
            )
        )
        step.finish()
    heel = HeelElevation(
        current_cm=part.number("current", CM_RANGE),
        steps=tuple(steps),
        text=_text(part, "text"),
        sources=_strings(part, "sources"),
    )
    part.finish()
    return heel


def _goal(part: Reader) -> Goal:
    angle = part.obj("angle_deg")
    low = high = None
    if angle is not None:
        low = angle.number("low", Range(0, 90, "°"))
        high = angle.number("high", Range(0, 90, "°"))
        angle.finish()
    goal = Goal(
        knee_to_wall_cm=_number(part, "knee_to_wall_cm", CM_RANGE),
        angle_low_deg=low,
        angle_high_deg=high,
        no_meaningful_asymmetry=bool(part.boolean("no_meaningful_asymmetry")),
        met_at_baseline=bool(part.boolean("met_at_baseline")),
        text=_text(part, "text"),
        sources=_strings(part, "sources"),
    )
    part.finish()
    return goal


def _block(part: Reader, expected: MaintenanceWhen) -> MaintenanceBlock:
    when: MaintenanceWhen = _code(part, "when", MaintenanceWhen)
    if when is not expected:
        raise ValidationError(part.field("when"), f"must be {expected.value}")
    part.raw("minutes")  # derived from the items
    block = MaintenanceBlock(when, part.codes("days", Weekday), _items(part))
    part.finish()
    return block


def _maintenance(part: Reader) -> MaintenancePlan:
    back = _required(part, "return_to_development")
    drop = _number(back, "drop_cm", CM_RANGE)
    back.raw("below")
    back.finish()
    plan = MaintenancePlan(
        before_training=_block(_required(part, "before_training"), MaintenanceWhen.BEFORE_TRAINING),
        other_days=_block(_required(part, "other_days"), MaintenanceWhen.OTHER_DAY),
        return_drop_cm=drop,
        text=_text(part, "text"),
        sources=_strings(part, "sources"),
    )
    part.finish()
    return plan


def _adaptation(part: Reader) -> Adaptation:
    item = Adaptation(
        code=part.string("code", required=True) or "",
        text=_text(part, "text"),
        sources=_strings(part, "sources"),
    )
    part.finish()
    return item


def _footwear(part: Reader) -> Footwear:
    weeks = part.items("transition_weeks")
    if len(weeks) != 2 or not all(isinstance(w, int) and not isinstance(w, bool) for w in weeks):
        raise ValidationError(part.field("transition_weeks"), "must be two whole numbers")
    shoes = Footwear(
        emphasised=bool(part.boolean("emphasised")),
        reasons=_strings(part, "reasons"),
        transition_weeks=(weeks[0], weeks[1]),
        text=_text(part, "text"),
        sources=_strings(part, "sources"),
    )
    part.finish()
    return shoes


def _rate(part: Reader) -> ExpectedRate:
    rate = ExpectedRate(
        cm_per_week=_number(part, "cm_per_week", RATE_RANGE),
        low_cm_per_week=_number(part, "low_cm_per_week", RATE_RANGE),
        high_cm_per_week=_number(part, "high_cm_per_week", RATE_RANGE),
        age_adjusted=bool(part.boolean("age_adjusted")),
        text=_text(part, "text"),
        sources=_strings(part, "sources"),
    )
    part.finish()
    return rate


def _referral(part: Reader) -> dict[str, Any]:
    fields = {
        "referral_level": _code(part, "level", ReferralLevel),
        "referral_reasons": _strings(part, "reasons"),
        "cleared_by_professional": bool(part.boolean("cleared_by_professional")),
    }
    part.finish()
    return fields
