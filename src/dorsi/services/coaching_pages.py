"""What the coach's pages about one athlete show, gathered in one call each. They reuse the
athlete's own page values (``plan_pages``) and services, read with the athlete as the user."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib.auth.models import User

from dorsi.core.coaching.attention import Attention
from dorsi.core.coaching.session_details import efforts_words
from dorsi.core.codes import PlanMode
from dorsi.core.library.exercises import Exercise, load_library
from dorsi.db.models import (
    AngleRetest,
    Assessment,
    CoachLink,
    Retest,
    SessionLog,
    VideoAnalysis,
)
from dorsi.services.accounts import profile_get
from dorsi.services.coaching_clients import client_attention
from dorsi.services.coaching_plans import (
    MAINTENANCE_REFUSAL,
    EditRecord,
    coach_changed_dates,
    exercise_choices,
    plan_edit_history,
)
from dorsi.services.common import today_or
from dorsi.services.plan_pages import PlanPage, plan_page
from dorsi.services.progress import progress_document


@dataclass(frozen=True)
class SessionRow:
    """One logged session as the coach reads it (words, not codes)."""

    date: date
    status: str
    minutes: float
    pain: float
    pain_type: str
    exercise: str  # the name of the exercise that hurt, "" when none
    swelling: bool
    efforts: str
    note: str

    @property
    def sharp(self) -> bool:
        return self.pain_type in ("sharp", "pinch")


def _names() -> dict[str, str]:
    return {exercise.id: exercise.name for exercise in load_library()}


def session_rows(
    *, client: User, limit: int | None = None, day: date | None = None
) -> list[SessionRow]:
    """The athlete's logged sessions, newest first (only the one of ``day`` when given)."""
    names = _names()
    rows = SessionLog.objects.filter(user=client).order_by("-date")
    if day is not None:
        rows = rows.filter(date=day)
    if limit is not None:
        rows = rows[:limit]
    return [
        SessionRow(
            date=row.date,
            status=row.status,
            minutes=row.minutes,
            pain=row.pain,
            pain_type=row.pain_type,
            exercise=names.get(row.exercise, row.exercise),
            swelling=row.swelling,
            efforts=efforts_words(row.efforts, names),
            note=row.note,
        )
        for row in rows
    ]


@dataclass(frozen=True)
class ClientOverview:
    client: Any
    shared_since: Any
    attention: Attention
    units: str
    latest: Assessment | None
    assessments: list[Assessment]
    progress: dict[str, Any] | None
    retests: list[Retest]
    sessions: list[SessionRow]
    videos: int
    changes: list[EditRecord]
    angle_retests: list[AngleRetest]

    @property
    def report(self) -> dict[str, Any] | None:
        return None if self.latest is None else self.latest.report

    @property
    def sides(self) -> list[tuple[str, Any]]:
        if self.progress is None:
            return []
        return [(side, self.progress["sides"][side]) for side in ("left", "right")]


RECENT_SESSIONS = 14


def client_overview(*, coach: User, client: User, today: date | None = None) -> ClientOverview:
    day = today_or(today)
    assessments = list(Assessment.objects.filter(user=client))
    link = CoachLink.objects.filter(coach=coach, client=client).values_list(
        "accepted_at", flat=True
    )
    return ClientOverview(
        client=client,
        shared_since=link.first(),
        attention=client_attention(client_id=client.pk, today=day),
        units=profile_get(user=client).units,
        latest=assessments[0] if assessments else None,
        assessments=assessments,
        progress=progress_document(user=client, today=day),
        retests=list(Retest.objects.filter(user=client).order_by("-date")),
        sessions=session_rows(client=client, limit=RECENT_SESSIONS),
        videos=VideoAnalysis.objects.filter(user=client).count(),
        changes=plan_edit_history(client=client)[:5],
        angle_retests=list(AngleRetest.objects.filter(user=client).order_by("-date")[:8]),
    )


@dataclass(frozen=True)
class CoachPlanPage:
    page: PlanPage
    changed: frozenset[date]
    history: list[EditRecord]
    choices: list[Exercise]
    exercises_in_plan: list[tuple[str, str]]  # (id, name) of what the plan holds from today

    @property
    def maintenance(self) -> bool:
        """A plan in maintenance cannot be changed by the coach (``MAINTENANCE_REFUSAL``)."""
        return self.page.plan is not None and self.page.plan.mode is PlanMode.MAINTENANCE

    @property
    def refusal(self) -> str:
        return MAINTENANCE_REFUSAL if self.maintenance else ""


def coach_plan_page(*, client: User, purpose: str = "", today: date | None = None) -> CoachPlanPage:
    day = today_or(today)
    page = plan_page(user=client, today=day)
    changed: frozenset[date] = frozenset()
    in_plan: dict[str, str] = {}
    if page.plan is not None:
        days = page.plan.plan.days
        changed = coach_changed_dates(plan_id=page.plan.id, days=days)
        for plan_day in days:
            if plan_day.date >= day:
                in_plan.update((item.exercise, item.name) for item in plan_day.items)
    return CoachPlanPage(
        page=page,
        changed=changed,
        history=plan_edit_history(client=client),
        choices=exercise_choices(client=client, purpose=purpose),
        exercises_in_plan=sorted(in_plan.items(), key=lambda pair: pair[1]),
    )
