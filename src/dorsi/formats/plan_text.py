"""The plan as Markdown a person reads (``dorsi plan --format markdown``, the saved ``.md``):
the triage first when there is one, each reason with its sources by name and grade in words,
then the weeks. The JSON keeps the codes (``plan_to_document``)."""

from __future__ import annotations

from collections.abc import Sequence

from dorsi.core.program.calendar_text import day_kind_name
from dorsi.core.program.document import describe_item
from dorsi.core.program.values import MaintenancePlan, Plan, PlanWeek
from dorsi.formats.words import cite, plain, words

REFERENCES = "Full references of every source: `dorsi sources`."


def _cited(text: str, sources: Sequence[str]) -> str:
    named = cite(sources)
    return f"{plain(text)} _({named})_" if named else plain(text)


def _week(week: PlanWeek) -> list[str]:
    lines = [f"## Week {week.week} — {words(week.phase.value)}", ""]
    for day in week.days:
        retest = " · **retest knee-to-wall today**" if day.retest else ""
        lines.append(
            f"**Day {day.day}, {day.weekday.value.title()} {day.date.isoformat()}** — "
            f"{day_kind_name(day.kind.value)}, {day.minutes:g} min{retest}"
        )
        lines.extend(f"- {plain(describe_item(item))}" for item in day.items)
        lines.append("")
    return lines


def _maintenance(plan: MaintenancePlan) -> list[str]:
    lines = ["## After the goal: maintenance", "", _cited(plan.text, plan.sources), ""]
    for title, block in (
        ("Before each lower-body session", plan.before_training),
        ("On two other days", plan.other_days),
    ):
        days = ", ".join(d.value.title() for d in block.days) or "your lower-body training days"
        lines.append(f"**{title}** ({days}, {block.minutes:g} min)")
        lines.extend(f"- {plain(describe_item(item))}" for item in block.items)
        lines.append("")
    return lines


def _sessions(plan: Plan) -> str:
    """ "One session every day (84 days)", or with rest days "60 sessions over 84 days (rest
    on the other 24)"."""
    sessions, days = len(plan.session_days), len(plan.days)
    if sessions == days:
        return f"One session every day ({days} days)"
    return f"{sessions} sessions over {days} days (rest on the other {days - sessions})"


def _video(plan: Plan) -> list[str]:
    if not plan.video_days:
        return []
    days = ", ".join(d.isoformat() for d in plan.video_days)
    return ["", f"Film a side-view squat on {days} to compare with the first one."]


def plan_to_markdown(plan: Plan, *, triage: Sequence[str] = ()) -> str:
    """The whole plan for printing or sharing; ``triage``: the report's triage lines, said
    first (SPEC §2.7)."""
    lines = [f"# Your 12-week ankle plan from {plan.start.isoformat()}", ""]
    if triage:
        lines += [f"**{triage[0]}**", ""] + ([*triage[1:], ""] if triage[1:] else [])
    lines += [
        f"{_sessions(plan)}, never more than {plan.minutes_per_day} min.",
        "",
        "## Goal",
        "",
        _cited(plan.goal.text, plan.goal.sources),
        "",
        "## Why the plan looks like this",
        "",
    ]
    lines += [f"- {_cited(a.text, a.sources)}" for a in plan.adaptations] or ["- Standard plan."]
    heel = plan.heel_elevation
    now = "" if heel.current_cm is None else f" Today: {heel.current_cm:g} cm."
    lines += [
        "",
        "## Heel lift for squats",
        "",
        _cited(heel.text + now, heel.sources),
        "",
        "## Retests",
        "",
        "Knee-to-wall, both sides, best of three: "
        + ", ".join(d.isoformat() for d in plan.retests)
        + ".",
        *_video(plan),
        "",
        "## Expected pace",
        "",
        _cited(plan.expected_rate.text, plan.expected_rate.sources),
        "",
        "## Footwear",
        "",
        _cited(plan.footwear.text, plan.footwear.sources),
        "",
        REFERENCES,
        "",
    ]
    for week in plan.weeks:
        lines += _week(week)
    lines += _maintenance(plan.maintenance)
    return "\n".join(lines).rstrip() + "\n"
