"""JSON API (django-ninja) under /api/: session auth with CSRF, the dorsi documents in and out.

Every route is scoped to the logged-in user: another user's id is a 404. Bad input is a 422
whose ``detail`` names the field (``loc``) the same way the core's ValidationError does.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal

from django.contrib.auth.models import User
from django.core.exceptions import ObjectDoesNotExist
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import NinjaAPI, Schema, Status
from ninja.errors import HttpError
from ninja.params import functions as param
from ninja.security import django_auth

from dorsi.core.errors import ReferralRequired, ValidationError
from dorsi.core.program.document import day_to_document, plan_to_document
from dorsi.services.assessments import (
    assessment_confirm_cleared,
    assessment_create,
    assessment_get,
    assessment_list,
)
from dorsi.services.exports import export_bundle, export_import
from dorsi.services.plans import ActivePlan, plan_active, plan_create
from dorsi.services.progress import progress_document
from dorsi.services.session_details import session_log_once
from dorsi.services.tracking import (
    retest_delete,
    retest_list,
    retest_record,
    session_list,
    session_record,
)
from dorsi.services.videos import video_analyses_list, video_analysis_document, video_analysis_get
from dorsi.web.api_errors import Held, Message, answers
from dorsi.web.api_schemas import AssessmentBody, ExportBody, document_of

api = NinjaAPI(
    title="Dorsi API",
    version="1",
    auth=django_auth,
    urls_namespace="api",
    description="Assessments, plan, session logs, retests, progress, video analyses and export of the "
    "logged-in user. Session cookie + CSRF token (X-CSRFToken header).",
)


def account(request: HttpRequest) -> User:
    """The logged-in account: ``django_auth`` lets no one else reach a route."""
    user = request.user
    assert isinstance(user, User)
    return user


def _loc(field: str) -> list[str | int]:
    parts: list[str | int] = ["body"]
    for piece in field.replace("]", "").replace("[", ".").split("."):
        if piece:
            parts.append(int(piece) if piece.isdigit() else piece)
    return parts


@api.exception_handler(ValidationError)
def _validation(request: HttpRequest, error: ValidationError) -> HttpResponse:
    detail = [
        {
            "loc": _loc(error.field),
            "field": error.field,
            "msg": error.problem,
            "type": "value_error",
        }
    ]
    return api.create_response(request, {"detail": detail}, status=422)


@api.exception_handler(ReferralRequired)
def _referral(request: HttpRequest, error: ReferralRequired) -> HttpResponse:
    return api.create_response(
        request, {"detail": str(error), "reasons": list(error.reasons)}, status=409
    )


@api.exception_handler(ObjectDoesNotExist)
def _not_found(request: HttpRequest, error: ObjectDoesNotExist) -> HttpResponse:
    return api.create_response(request, {"detail": "Not found"}, status=404)


class AssessmentOut(Schema):
    id: int
    date: date
    referral_level: str
    cleared_by_professional: bool
    report: dict[str, Any]


class AssessmentDetail(AssessmentOut):
    input: dict[str, Any]


def _assessment(row: Any, *, detail: bool = False) -> dict[str, Any]:
    out = {
        "id": row.pk,
        "date": row.date,
        "referral_level": row.referral_level,
        "cleared_by_professional": row.cleared_by_professional_at is not None,
        "report": row.report,
    }
    if detail:
        out["input"] = row.input
    return out


@api.get("/assessments", response=answers({200: list[AssessmentOut]}), tags=["assessments"])
def assessments(request: HttpRequest) -> list[dict[str, Any]]:
    return [_assessment(row) for row in assessment_list(user=account(request))]


@api.post(
    "/assessments", response=answers({201: AssessmentDetail}, unsafe=True), tags=["assessments"]
)
def assessments_create(request: HttpRequest, payload: AssessmentBody) -> Status[Any]:
    """Body: a dorsi.assessment/v1 document. Response: the stored input and its dorsi.report/v1."""
    row = assessment_create(user=account(request), document=document_of(payload))
    return Status(201, _assessment(row, detail=True))


@api.get(
    "/assessments/{assessment_id}",
    response=answers({200: AssessmentDetail}, not_found=True),
    tags=["assessments"],
)
def assessments_detail(request: HttpRequest, assessment_id: int) -> dict[str, Any]:
    return _assessment(
        assessment_get(user=account(request), assessment_id=assessment_id), detail=True
    )


@api.post(
    "/assessments/{assessment_id}/clearance",
    response=answers({200: AssessmentOut}, unsafe=True, not_found=True),
    tags=["assessments"],
)
def assessments_clear(request: HttpRequest, assessment_id: int) -> dict[str, Any]:
    """Confirm that a professional cleared the user despite the red flags (unlocks the plan)."""
    return _assessment(
        assessment_confirm_cleared(user=account(request), assessment_id=assessment_id)
    )


class PlanIn(Schema):
    assessment_id: int
    start: date | None = None


class PlanOut(Schema):
    id: int
    assessment_id: int
    start: date
    mode: str
    plan: dict[str, Any]


def _plan(active: ActivePlan) -> dict[str, Any]:
    return {
        "id": active.id,
        "assessment_id": active.assessment_id,
        "start": active.start,
        "mode": active.mode.value,
        "plan": plan_to_document(active.plan),
    }


@api.get("/plan", response=answers({200: PlanOut}, not_found=True), tags=["plan"])
def plan(request: HttpRequest) -> dict[str, Any]:
    active = plan_active(user=account(request))
    if active is None:
        raise HttpError(404, "No plan yet: POST /api/plan with an assessment_id")
    return _plan(active)


@api.post(
    "/plan",
    response=answers({201: PlanOut}, unsafe=True, not_found=True, conflict=Held),
    tags=["plan"],
)
def plan_build(request: HttpRequest, payload: PlanIn) -> Status[Any]:
    """Build and activate the 12-week plan (409 while red flags are not cleared)."""
    active = plan_create(
        user=account(request), assessment_id=payload.assessment_id, start=payload.start
    )
    return Status(201, _plan(active))


@api.get("/plan/days/{day}", response=answers({200: dict[str, Any]}, not_found=True), tags=["plan"])
def plan_day_view(request: HttpRequest, day: date) -> dict[str, Any]:
    """The session of that day in the plan's current mode (development or maintenance)."""
    active = plan_active(user=account(request))
    found = None if active is None else active.plan.session_on(day)
    if found is None:
        raise HttpError(404, "No planned session on that day")
    return day_to_document(found)


class SessionIn(Schema):
    date: date
    status: str
    minutes: float = 0
    pain: float = 0
    pain_type: str = "none"
    exercise: str | None = None


class SessionOut(Schema):
    id: int
    date: date
    status: str
    minutes: float
    pain: float
    pain_type: str
    exercise: str | None


def _session(row: Any) -> dict[str, Any]:
    return {
        "id": row.pk,
        "date": row.date,
        "status": row.status,
        "minutes": row.minutes,
        "pain": row.pain,
        "pain_type": row.pain_type,
        "exercise": row.exercise or None,
    }


@api.get("/sessions", response=answers({200: list[SessionOut]}), tags=["sessions"])
def sessions(request: HttpRequest) -> list[dict[str, Any]]:
    return [_session(row) for row in session_list(user=account(request)).order_by("date")]


@api.post(
    "/sessions",
    response=answers({201: SessionOut}, unsafe=True, conflict=Message),
    tags=["sessions"],
)
def sessions_log(
    request: HttpRequest,
    payload: SessionIn,
    idempotency_key: Annotated[str | None, param.Header(None, alias="Idempotency-Key")] = None,
) -> Status[Any]:
    """Log a day (logging the same day again replaces it). Sharp or pinching pain on an
    exercise swaps it for its regression in the plan from the next session. With an
    Idempotency-Key header (1 to 64 printable characters) a repeat of the same key logs nothing
    and answers the log the first request stored."""
    fields: dict[str, Any] = {
        "status": payload.status,
        "minutes": payload.minutes,
        "pain": payload.pain,
        "pain_type": payload.pain_type,
        "exercise": payload.exercise,
    }
    user = account(request)
    if idempotency_key is not None:
        row, _ = session_log_once(user=user, key=idempotency_key, when=payload.date, **fields)
        if row is None:  # the first log of that key was replaced by a deletion since
            raise HttpError(409, "That Idempotency-Key was used for a log that is gone")
        return Status(201, _session(row))
    return Status(201, _session(session_record(user=user, when=payload.date, **fields)))


class RetestIn(Schema):
    date: date
    unit: Literal["cm", "in"] = "cm"
    left: float | None = None
    right: float | None = None


class RetestOut(Schema):
    id: int
    date: date
    unit: str
    left_cm: float | None
    right_cm: float | None


def _retest(row: Any) -> dict[str, Any]:
    return {
        "id": row.pk,
        "date": row.date,
        "unit": row.unit,
        "left_cm": row.left_cm,
        "right_cm": row.right_cm,
    }


@api.get("/retests", response=answers({200: list[RetestOut]}), tags=["retests"])
def retests(request: HttpRequest) -> list[dict[str, Any]]:
    return [_retest(row) for row in retest_list(user=account(request)).order_by("date")]


@api.post("/retests", response=answers({201: RetestOut}, unsafe=True), tags=["retests"])
def retests_record(request: HttpRequest, payload: RetestIn) -> Status[Any]:
    row = retest_record(
        user=account(request),
        when=payload.date,
        unit=payload.unit,
        left=payload.left,
        right=payload.right,
    )
    return Status(201, _retest(row))


@api.delete(
    "/retests/{retest_id}",
    response=answers({204: None}, unsafe=True, not_found=True),
    tags=["retests"],
)
def retests_delete(request: HttpRequest, retest_id: int) -> Status[Any]:
    retest_delete(user=account(request), retest_id=retest_id)
    return Status(204, None)


@api.get("/progress", response=answers({200: dict[str, Any]}, not_found=True), tags=["progress"])
def progress(request: HttpRequest) -> dict[str, Any]:
    """The dorsi.progress/v1 document (404 before the first assessment)."""
    document = progress_document(user=account(request), today=timezone.localdate())
    if document is None:
        raise HttpError(404, "No assessment yet")
    return document


@api.get("/export", response=answers({200: dict[str, Any]}), tags=["export"])
def export(request: HttpRequest) -> dict[str, Any]:
    """Everything, as one dorsi.export/v1 bundle."""
    return export_bundle(user=account(request))


@api.post("/import", response=answers({200: dict[str, int]}, unsafe=True), tags=["export"])
def import_bundle(request: HttpRequest, payload: ExportBody) -> dict[str, int]:
    """Replace the account's data with a dorsi.export/v1 bundle (all or nothing)."""
    return export_import(user=account(request), bundle=document_of(payload))


class VideoOut(Schema):
    id: int
    status: str
    mode: str
    side: str
    height_cm: float | None
    original_filename: str
    created_at: datetime
    finished_at: datetime | None
    error: str
    summary: dict[str, Any] | None


@api.get("/videos", response=answers({200: list[VideoOut]}), tags=["videos"])
def videos(request: HttpRequest) -> list[Any]:
    """The user's video analyses, newest first (``summary``: the results without per-frame data)."""
    return list(video_analyses_list(user=account(request)))


@api.get(
    "/videos/{analysis_id}",
    response=answers({200: dict[str, Any]}, not_found=True, conflict=Message),
    tags=["videos"],
)
def videos_detail(request: HttpRequest, analysis_id: int) -> dict[str, Any]:
    """The analysis' dorsi.video/v1 document (analysis.json); 409 while it is not done."""
    row = video_analysis_get(user=account(request), id=analysis_id)
    if row.status != "done":
        raise HttpError(409, f"The analysis is {row.status}. {row.error}".strip())
    return video_analysis_document(user=account(request), id=analysis_id)


# The coach's workspace and the athlete's sharing live in their own modules (same rules).
from dorsi.web.api_coach import coach_router  # noqa: E402
from dorsi.web.api_coach_plan import plan_router  # noqa: E402
from dorsi.web.api_sharing import sharing_router  # noqa: E402

api.add_router("/coach", coach_router)
api.add_router("/coach", plan_router)
api.add_router("/sharing", sharing_router)
