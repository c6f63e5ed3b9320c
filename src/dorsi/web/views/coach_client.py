"""The coach's pages about one athlete: the overview, every session, the plan with the coach's
changes and their history, a day, an assessment, a clinic retest and the notes thread.

Every page starts with ``_client``: the athlete if they share with this coach right now (else
404), and an entry in the athlete's access log.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from dorsi.core.codes import ItemSide, Purpose
from dorsi.core.errors import ValidationError
from dorsi.db.models import Assessment
from dorsi.services.assessments import assessment_needs_clearance, assessment_triage
from dorsi.services.coaching import coach_client_get
from dorsi.services.coaching_notes import note_post, note_thread
from dorsi.services.coaching_pages import client_overview, coach_plan_page, session_rows
from dorsi.services.coaching_plans import (
    clinic_retest_record,
    coach_changes_on,
    plan_edit_apply,
    plan_edit_revert,
)
from dorsi.services.plan_pages import session_page
from dorsi.video.model import UNCERTAINTY_DEG
from dorsi.web.views.coach_forms import ClinicRetestForm, PlanEditForm
from dorsi.web.views.common import AuthedRequest, add_core_error, owned

WEEKDAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
PURPOSES = [("", "Any purpose")] + [(p.value, p.value.replace("_", " ")) for p in Purpose]


def client_or_404(request: AuthedRequest, client_id: int, what: str) -> Any:
    return owned(coach_client_get, coach=request.user, client_id=client_id, what=what)


def client_context(client: Any, section: str, **extra: Any) -> dict[str, Any]:
    return {"client": client, "coach_client": client, "section": section, "nav": "coach", **extra}


@login_required
@require_GET
def client_overview_view(request: AuthedRequest, client_id: int) -> HttpResponse:
    client = client_or_404(request, client_id, "client")
    page = client_overview(coach=request.user, client=client, today=timezone.localdate())
    context = client_context(client, "overview", page=page, uncertainty_deg=UNCERTAINTY_DEG)
    return render(request, "dorsi/coach/client.html", context)


@login_required
@require_GET
def client_sessions(request: AuthedRequest, client_id: int) -> HttpResponse:
    client = client_or_404(request, client_id, "sessions")
    rows = session_rows(client=client)
    return render(
        request, "dorsi/coach/sessions.html", client_context(client, "sessions", rows=rows)
    )


@login_required
@require_GET
def client_assessment(request: AuthedRequest, client_id: int, assessment_id: int) -> HttpResponse:
    client = client_or_404(request, client_id, "assessment")
    assessment = Assessment.objects.filter(user=client, pk=assessment_id).first()
    if assessment is None:
        raise Http404("Not found")
    report = assessment.report
    sides = [(side, report["sides"][side]) for side in ("left", "right")]
    return render(
        request,
        "dorsi/coach/assessment.html",
        client_context(
            client,
            "overview",
            assessment=assessment,
            report=report,
            sides=sides,
            triage=assessment_triage(assessment),
            needs_clearance=assessment_needs_clearance(assessment),
        ),
    )


def _plan_context(
    request: HttpRequest, client: Any, form: PlanEditForm | None = None
) -> dict[str, Any]:
    today = timezone.localdate()
    purpose = request.GET.get("purpose", "")
    try:
        plan = coach_plan_page(client=client, purpose=purpose, today=today)
    except ValidationError:
        plan = coach_plan_page(client=client, today=today)
    return client_context(
        client,
        "plan",
        plan=plan,
        page=plan.page,
        weekdays=WEEKDAY_NAMES,
        weeks=range(1, 13),
        purposes=PURPOSES,
        purpose=purpose,
        sides=[side.value for side in ItemSide],
        form=form,
        day_link=reverse("coach_client", args=[client.pk]) + "days/",
        changed=plan.changed,
    )


@login_required
@require_GET
def client_plan(request: AuthedRequest, client_id: int) -> HttpResponse:
    client = client_or_404(request, client_id, "plan")
    return render(request, "dorsi/coach/plan.html", _plan_context(request, client))


@login_required
@require_POST
def client_plan_edit(request: AuthedRequest, client_id: int) -> HttpResponse:
    client = client_or_404(request, client_id, "edit")
    form = PlanEditForm(request.POST)
    if form.is_valid():
        try:
            today = timezone.localdate()
            record = plan_edit_apply(
                coach=request.user, client=client, document=form.document(today), today=today
            )
        except ValidationError as error:
            add_core_error(form, error)
        else:
            messages.success(
                request, f"Changed: {record.summary}. The athlete sees it with your note."
            )
            return redirect("coach_client_plan", client_id=client.pk)
    response = render(request, "dorsi/coach/plan.html", _plan_context(request, client, form))
    response.status_code = 422
    return response


@login_required
@require_POST
def client_plan_revert(request: AuthedRequest, client_id: int, edit_id: int) -> HttpResponse:
    client = client_or_404(request, client_id, "edit")
    try:
        record = owned(plan_edit_revert, coach=request.user, client=client, edit_id=edit_id)
    except ValidationError as error:
        messages.error(request, error.problem)
    else:
        messages.success(request, f"Undone: {record.summary}.")
    return redirect("coach_client_plan", client_id=client.pk)


@login_required
@require_GET
def client_day(request: AuthedRequest, client_id: int, when: str) -> HttpResponse:
    client = client_or_404(request, client_id, "day")
    try:
        day = date.fromisoformat(when)
    except ValueError:
        raise Http404("Not a date") from None
    page = session_page(user=client, when=day, today=timezone.localdate())
    plan_id = page.plan.id if page.plan is not None else None
    changes = () if plan_id is None else coach_changes_on(plan_id=plan_id, day=page.day)
    logged = session_rows(client=client, day=day)
    return render(
        request,
        "dorsi/coach/day.html",
        client_context(client, "plan", page=page, changes=changes, logged=logged),
    )


@login_required
@require_http_methods(["GET", "POST"])
def client_retest(request: AuthedRequest, client_id: int) -> HttpResponse:
    client = client_or_404(request, client_id, "retest")
    form = ClinicRetestForm(
        request.POST if request.method == "POST" else None,
        initial={"date": timezone.localdate(), "unit": "cm"},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            clinic_retest_record(
                coach=request.user,
                client=client,
                when=data["date"],
                left=data["left"],
                right=data["right"],
                unit=data["unit"],
            )
        except ValidationError as error:
            add_core_error(form, error)
        else:
            messages.success(request, "Clinic retest saved; the athlete sees it marked as such.")
            return redirect("coach_client", client_id=client.pk)
    return render(request, "dorsi/coach/retest.html", client_context(client, "overview", form=form))


@login_required
@require_http_methods(["GET", "POST"])
def client_notes(request: AuthedRequest, client_id: int) -> HttpResponse:
    client = client_or_404(request, client_id, "notes")
    error = ""
    if request.method == "POST":
        try:
            note_post(
                author=request.user,
                client=client,
                coach=request.user,
                text=request.POST.get("text", ""),
                reply_url=request.build_absolute_uri(reverse("sharing")),
            )
        except ValidationError as problem:
            error = problem.problem
        else:
            return redirect("coach_client_notes", client_id=client.pk)
    return render(
        request,
        "dorsi/coach/notes.html",
        client_context(
            client,
            "notes",
            thread=note_thread(client=client, coach=request.user),
            other=client.get_username(),
            error=error,
            back=reverse("coach_client", args=[client.pk]),
        ),
    )
