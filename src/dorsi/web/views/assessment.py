"""The assessment wizard, the list of assessments and the result page."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST
from django_htmx.http import push_url

from dorsi.core.assessment.answers import UNIT_PATH, answers_in
from dorsi.core.assessment.questionnaire import ABOUT, ANGLES, KNEE_TO_WALL
from dorsi.core.errors import ValidationError
from dorsi.services.accounts import profile_as_document, profile_get
from dorsi.services.assessments import (
    assessment_confirm_cleared,
    assessment_create,
    assessment_get,
    assessment_list,
    assessment_needs_clearance,
    assessment_triage,
    assessment_validate,
)
from dorsi.services.plans import plan_active
from dorsi.web import wizard
from dorsi.web.forms import QuestionForm
from dorsi.web.views.common import AuthedRequest, add_core_error, owned

DRAFT_KEY = "assessment_draft"


def _draft(request: HttpRequest) -> wizard.Draft:
    return dict(request.session.get(DRAFT_KEY) or {})


def _save_draft(request: HttpRequest, draft: wizard.Draft) -> None:
    request.session[DRAFT_KEY] = draft


@login_required
def assessment_start(request: AuthedRequest) -> HttpResponse:
    if request.GET.get("restart") or DRAFT_KEY not in request.session:
        _save_draft(request, {})
    return redirect("assessment_step", step=wizard.STEPS[0].name)


def _initial(
    request: AuthedRequest, step: wizard.Step, form: type[QuestionForm], draft: wizard.Draft
) -> dict[str, Any]:
    phone = request.session.get(wizard.PHONE_ANGLES_KEY)
    if step.section is ANGLES and phone:
        return form.initial_from({**draft.get(step.name, {}), **phone})
    if step.name in draft:
        return form.initial_from(draft[step.name])
    if step.section is ABOUT:
        stored = {"profile": profile_as_document(user=request.user)}
        return form.initial_from(answers_in(stored, ABOUT))
    if step.section is KNEE_TO_WALL:
        return form.initial_from(
            {
                "date": timezone.localdate().isoformat(),
                UNIT_PATH: profile_get(user=request.user).units,
            }
        )
    return form.initial_from({})


@login_required
@require_http_methods(["GET", "POST"])
def assessment_step(request: AuthedRequest, step: str) -> HttpResponse:
    current = wizard.step_named(step)
    if current is None:
        raise Http404("No such step")
    draft = _draft(request)
    missing = wizard.first_missing(draft)
    if missing is not None and wizard.STEPS.index(current) > wizard.STEPS.index(missing):
        return redirect("assessment_step", step=missing.name)
    if current.form is None:
        return _review(request, current, draft)
    form = current.form(initial=_initial(request, current, current.form, draft))
    if request.method == "POST":
        if request.POST.get("action") == "skip" and wizard.skippable(current, draft):
            draft[current.name] = {}
            _save_draft(request, draft)
            if current.section is ANGLES:  # skipped: the phone's angles are not wanted
                request.session.pop(wizard.PHONE_ANGLES_KEY, None)
            return redirect("assessment_step", step=wizard.next_step(current).name)
        form = current.form(request.POST)
        if form.is_valid():
            candidate = dict(draft, **{current.name: form.answers()})
            problems = wizard.field_problems(current, form.answers())
            for problem in problems:
                add_core_error(form, problem)
            try:
                if not problems:
                    assessment_validate(
                        wizard.document(candidate, upto=current),
                        draft=wizard.measurement_pending(current),
                    )
            except ValidationError as error:
                wizard.add_error_in_words(form, error)
            else:
                if not problems:
                    _save_draft(request, candidate)
                    if current.section is ANGLES:
                        request.session.pop(wizard.PHONE_ANGLES_KEY, None)
                    return redirect("assessment_step", step=wizard.next_step(current).name)
    return _render_step(request, current, draft, form=form)


def _render_step(
    request: AuthedRequest, step: wizard.Step, draft: wizard.Draft, **extra: Any
) -> HttpResponse:
    index = wizard.STEPS.index(step)
    context = {
        "step": step,
        "section": step.section,
        "steps": [
            {"step": s, "state": "current" if s is step else ("done" if s.name in draft else "")}
            for s in wizard.STEPS
        ],
        "number": index + 1,
        "total": len(wizard.STEPS),
        "previous": wizard.previous_step(step),
        "skippable": wizard.skippable(step, draft),
        "stop": wizard.stop_notice(step, draft),
        "nav": "assess",
        **extra,
    }
    if not request.htmx:
        return render(request, "dorsi/assessment/step.html", context)
    response = render(request, "dorsi/assessment/_step.html", context)
    return push_url(response, reverse("assessment_step", kwargs={"step": step.name}))


def _review(request: AuthedRequest, step: wizard.Step, draft: wizard.Draft) -> HttpResponse:
    error = None
    if request.method == "POST":
        try:
            row = assessment_create(user=request.user, document=wizard.document(draft))
        except ValidationError as exc:
            error = wizard.error_text(exc)
        else:
            request.session.pop(DRAFT_KEY, None)
            messages.success(request, "Assessment saved.")
            return redirect("assessment_detail", assessment_id=row.pk)
    return _render_step(request, step, draft, sections=wizard.review(draft), error=error)


@login_required
def assessment_index(request: AuthedRequest) -> HttpResponse:
    rows = assessment_list(user=request.user)
    return render(request, "dorsi/assessment/list.html", {"assessments": rows, "nav": "assess"})


@login_required
def assessment_detail(request: AuthedRequest, assessment_id: int) -> HttpResponse:
    row = owned(assessment_get, user=request.user, assessment_id=assessment_id)
    active = plan_active(user=request.user)
    report = row.report
    return render(
        request,
        "dorsi/assessment/detail.html",
        {
            "assessment": row,
            "report": report,
            "sides": [(side, report["sides"][side]) for side in ("left", "right")],
            "needs_clearance": assessment_needs_clearance(row),
            "triage": assessment_triage(row),
            "active_plan": active,
            "plan_from_this": active is not None and active.assessment_id == row.pk,
            "today": timezone.localdate(),
            "units": profile_get(user=request.user).units,
            "nav": "assess",
        },
    )


@login_required
@require_POST
def assessment_clear(request: AuthedRequest, assessment_id: int) -> HttpResponse:
    if request.POST.get("confirm") != "yes":
        messages.error(request, "Tick the box to confirm that a professional cleared you.")
        return redirect("assessment_detail", assessment_id=assessment_id)
    owned(assessment_confirm_cleared, user=request.user, assessment_id=assessment_id)
    messages.success(
        request,
        "Thanks. You can build your plan now; stop and get checked again if anything changes.",
    )
    return redirect("assessment_detail", assessment_id=assessment_id)
