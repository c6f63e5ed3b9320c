"""A coach's changes to an athlete's plan in the JSON API (mounted under /api/coach/ beside
``api_coach``): the history, a change as dorsi.plan-edit/v1 (422 naming why it is refused),
and undo."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Router, Schema, Status

from dorsi.core.program.document import plan_to_document
from dorsi.services.coaching_plans import plan_edit_apply, plan_edit_history, plan_edit_revert
from dorsi.services.plans import plan_active
from dorsi.web.api_coach import EditOut, account_of, athlete_of, change, edit_out, read

plan_router = Router(tags=["coach"])


class ScopeIn(Schema):
    from_: date = Field(alias="from", description="The day the change starts (never earlier)")
    weeks: list[int] = []
    dates: list[date] = []


class DoseIn(Schema):
    sets: int
    reps: int | None = None
    seconds: int | None = None
    lowering_s: int | None = None


class PlanEditIn(Schema):
    """A dorsi.plan-edit/v1 change; which fields apply depends on ``kind``."""

    kind: Literal["swap", "dose", "add", "remove", "minutes", "note"]
    exercise: str | None = Field(None, description="Library id (swap: the one replaced)")
    replacement: str | None = Field(None, description="swap: the new exercise's library id")
    scope: ScopeIn | None = None
    dose: DoseIn | None = None
    side: Literal["left", "right", "both"] | None = None
    minutes_per_day: int | None = None
    from_: date | None = Field(None, alias="from", description="minutes: from which day")
    note: str = ""


class PlanEditOut(Schema):
    edit: EditOut
    plan: dict[str, Any] = Field(description="The athlete's plan after the change")


def _document(payload: PlanEditIn) -> dict[str, Any]:
    document = payload.model_dump(mode="json", by_alias=True, exclude_none=True)
    return {"schema": "dorsi.plan-edit/v1", **document}


def _plan_now(client: Any) -> dict[str, Any]:
    active = plan_active(user=client)
    return {} if active is None else plan_to_document(active.plan)


@plan_router.get("/clients/{client_id}/plan/edits", response=read({200: list[EditOut]}))
def plan_edits(request: HttpRequest, client_id: int) -> list[dict[str, Any]]:
    """The history of changes to the athlete's active plan, newest first."""
    client = athlete_of(request, client_id, "history")
    return [edit_out(record) for record in plan_edit_history(client=client)]


@plan_router.post("/clients/{client_id}/plan/edits", response=change({201: PlanEditOut}))
def plan_edit(request: HttpRequest, client_id: int, payload: PlanEditIn) -> Status[Any]:
    """Change the athlete's plan; 422 names why the change is refused (time budget, library,
    equipment, dose progression, a red flag, a day already past)."""
    client = athlete_of(request, client_id, "edit")
    record = plan_edit_apply(
        coach=account_of(request),
        client=client,
        document=_document(payload),
        today=timezone.localdate(),
    )
    return Status(201, {"edit": edit_out(record), "plan": _plan_now(client)})


@plan_router.post(
    "/clients/{client_id}/plan/edits/{edit_id}/revert", response=change({200: PlanEditOut})
)
def plan_edit_undo(request: HttpRequest, client_id: int, edit_id: int) -> dict[str, Any]:
    """Undo one change; the plan is rebuilt with the changes still in force."""
    client = athlete_of(request, client_id, "edit")
    record = plan_edit_revert(coach=account_of(request), client=client, edit_id=edit_id)
    return {"edit": edit_out(record), "plan": _plan_now(client)}
