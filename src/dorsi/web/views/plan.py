"""Today, the plan calendar, a plan day, the guided session and its log."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from dorsi.core.codes import PainType, SessionStatus
from dorsi.core.errors import ReferralRequired, ValidationError
from dorsi.core.library.exercises import load_library
from dorsi.db.models import PlanMode
from dorsi.services.accounts import profile_get
from dorsi.services.assessments import assessment_latest, assessment_needs_clearance
from dorsi.services.plans import (
    plan_active,
    plan_create,
    plan_day,
    plan_switch_to_development,
    plan_switch_to_maintenance,
)
from dorsi.services.tracking import progress_get, session_get, session_list, session_record
from dorsi.web.forms import code_choices
from dorsi.web.views.common import add_core_error, owned

WEEKDAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
WEEKDAY_CODES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


class SessionLogForm(forms.Form):
    status = forms.ChoiceField(
        choices=code_choices(SessionStatus),
        widget=forms.RadioSelect,
        initial=SessionStatus.DONE.value,
        label="How did it go?",
    )
    minutes = forms.FloatField(
        min_value=0, label="Minutes", widget=forms.NumberInput(attrs={"inputmode": "decimal"})
    )
    pain = forms.TypedChoiceField(
        coerce=int,
        initial=0,
        label="Pain during the session (0 none – 10 worst)",
        choices=[(n, str(n)) for n in range(11)],
    )
    pain_type = forms.ChoiceField(
        choices=[
            (PainType.NONE.value, "No pain"),
            (PainType.STRETCH.value, "Stretch (expected)"),
            (PainType.DULL.value, "Dull ache"),
            (PainType.SHARP.value, "Sharp"),
            (PainType.PINCH.value, "Pinching"),
        ],
        initial=PainType.NONE.value,
        label="Type of pain",
    )
    exercise = forms.ChoiceField(required=False, label="Which exercise hurt?")

    def __init__(self, *args: Any, exercises: list[tuple[str, str]] = (), **kwargs: Any) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        self.fields["exercise"].choices = [("", "None / not sure"), *exercises]


def _day_exercises(day: dict[str, Any] | None) -> list[tuple[str, str]]:
    seen: dict[str, str] = {}
    for item in (day or {}).get("items", []):
        seen.setdefault(item["exercise"], item.get("name") or item["exercise"])
    return list(seen.items())


def _maintenance_day(plan: Any, when: date) -> dict[str, Any] | None:
    """In maintenance, the routine of that weekday (before training, or a stretch day)."""
    routine = plan.document.get("maintenance") or {}
    code = WEEKDAY_CODES[when.weekday()]
    for key, kind in (("before_training", "warm_up"), ("other_days", "daily")):
        block = routine.get(key) or {}
        if code in block.get("days", []):
            items = block.get("items", [])
            minutes = round(sum(float(item.get("minutes") or 0) for item in items), 1)
            return {
                "date": when.isoformat(),
                "kind": kind,
                "minutes": minutes,
                "items": items,
                "maintenance": key,
            }
    return None


def day_for(plan: Any, when: date) -> dict[str, Any] | None:
    if plan.mode == PlanMode.MAINTENANCE:
        return _maintenance_day(plan, when)
    return plan_day(plan, when)


@login_required
def home(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    plan = plan_active(user=request.user)
    latest = assessment_latest(user=request.user)
    context: dict[str, Any] = {"nav": "today", "today": today, "plan": plan, "latest": latest}
    if plan is not None:
        context["day"] = day_for(plan, today)
        context["logged"] = session_get(user=request.user, when=today)
        retests = [date.fromisoformat(d) for d in plan.document.get("retests", [])]
        context["next_retest"] = next((d for d in retests if d >= today), None)
        context["retest_today"] = today in retests
        progress = progress_get(user=request.user, today=today)
        context["progress"] = progress
        context["flags"] = [flag.value for flag in progress.flags] if progress else []
        context["plan_over"] = plan.mode == PlanMode.DEVELOPMENT and today > plan.start + timedelta(
            days=83
        )
        context["before_start"] = today < plan.start
    elif latest is not None:
        context["needs_clearance"] = assessment_needs_clearance(latest)
    return render(request, "dorsi/home.html", context)


def landing_or_home(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return home(request)
    return render(request, "dorsi/landing.html")


@login_required
@require_POST
def plan_build(request: HttpRequest) -> HttpResponse:
    try:
        assessment_id = int(request.POST.get("assessment", ""))
        start = date.fromisoformat(request.POST.get("start") or timezone.localdate().isoformat())
    except ValueError:
        messages.error(request, "Choose an assessment and a valid start date (YYYY-MM-DD).")
        return redirect("assessment_list")
    try:
        owned(plan_create, user=request.user, assessment_id=assessment_id, start=start)
    except ReferralRequired:
        messages.error(
            request, "A red flag holds the plan: confirm first that a professional cleared you."
        )
        return redirect("assessment_detail", assessment_id=assessment_id)
    except ValidationError as error:
        messages.error(request, str(error))
        return redirect("assessment_list")
    messages.success(
        request, "Your 12-week plan is ready. Add it to your phone's calendar for reminders."
    )
    return redirect("plan")


def _calendar(plan: Any, logs: dict[date, str], today: date) -> list[dict[str, Any]]:
    retests = set(plan.document.get("retests", []))
    cells: list[dict[str, Any]] = []
    first = date.fromisoformat(plan.document["start"]) if plan.document.get("start") else plan.start
    cells += [{"pad": True}] * first.weekday()
    for week in plan.document.get("weeks", []):
        for day in week.get("days", []):
            when = date.fromisoformat(day["date"])
            cells.append(
                {
                    "date": when,
                    "kind": day.get("kind"),
                    "minutes": day.get("minutes"),
                    "week": week.get("week"),
                    "phase": week.get("phase"),
                    "status": logs.get(when, ""),
                    "today": when == today,
                    "retest": day["date"] in retests,
                    "future": when > today,
                }
            )
    return cells


@login_required
def plan_view(request: HttpRequest) -> HttpResponse:
    plan = plan_active(user=request.user)
    today = timezone.localdate()
    if plan is None:
        return render(
            request,
            "dorsi/plan/none.html",
            {"latest": assessment_latest(user=request.user), "nav": "plan"},
        )
    logs = {
        row.date: row.status for row in session_list(user=request.user).filter(date__gte=plan.start)
    }
    return render(
        request,
        "dorsi/plan/calendar.html",
        {
            "plan": plan,
            "doc": plan.document,
            "cells": _calendar(plan, logs, today),
            "weekdays": WEEKDAY_NAMES,
            "today": today,
            "nav": "plan",
            "maintenance": plan.mode == PlanMode.MAINTENANCE,
        },
    )


def _blocks(day: dict[str, Any]) -> list[dict[str, Any]]:
    """The day's items as guided blocks: a per-side exercise done on both sides is two blocks."""
    library = load_library()
    blocks = []
    for item in day.get("items", []):
        exercise = library.get(item["exercise"]) if item["exercise"] in library else None
        per_side = item.get("per_side", exercise.per_side if exercise else False)
        sides = (
            ["left", "right"]
            if per_side and item.get("side") == "both"
            else [item.get("side", "both")]
        )
        for side in sides:
            blocks.append(
                {
                    "item": item,
                    "exercise": exercise,
                    "side": side,
                    "sets": item.get("sets") or 1,
                    "reps": item.get("reps"),
                    "seconds": item.get("seconds"),
                    "lowering_s": item.get("lowering_s"),
                }
            )
    for number, block in enumerate(blocks, start=1):
        block["number"] = number
    return blocks


@login_required
@require_http_methods(["GET", "POST"])
def session_view(request: HttpRequest, when: str) -> HttpResponse:
    try:
        day_date = date.fromisoformat(when)
    except ValueError:
        raise Http404("Not a date") from None
    plan = plan_active(user=request.user)
    if plan is None:
        return redirect("plan")
    day = day_for(plan, day_date)
    logged = session_get(user=request.user, when=day_date)
    exercises = _day_exercises(day)
    planned = float((day or {}).get("minutes") or 0)
    initial: dict[str, Any] = {
        "minutes": int(planned) if planned.is_integer() else round(planned, 1)
    }
    if logged is not None:
        initial = {
            "status": logged.status,
            "minutes": logged.minutes,
            "pain": int(logged.pain),
            "pain_type": logged.pain_type,
            "exercise": logged.exercise,
        }
    form = SessionLogForm(
        request.POST if request.method == "POST" else None, initial=initial, exercises=exercises
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            session_record(
                user=request.user,
                when=day_date,
                status=data["status"],
                minutes=data["minutes"],
                pain=data["pain"],
                pain_type=data["pain_type"],
                exercise=data["exercise"] or None,
            )
        except ValidationError as error:
            add_core_error(form, error)
        else:
            if data["pain_type"] in ("sharp", "pinch") and data["exercise"]:
                messages.warning(
                    request,
                    "Sharp or pinching pain: that exercise is swapped for an easier "
                    "version from your next session. Stop any exercise that hurts like that.",
                )
            else:
                messages.success(request, "Session logged. See you tomorrow!")
            return redirect("home")
    today = timezone.localdate()
    return render(
        request,
        "dorsi/session.html",
        {
            "plan": plan,
            "day": day,
            "when": day_date,
            "blocks": _blocks(day) if day else [],
            "form": form,
            "logged": logged,
            "is_future": day_date > today,
            "nav": "today",
            "units": profile_get(user=request.user).units,
        },
    )


@login_required
@require_POST
def plan_mode(request: HttpRequest) -> HttpResponse:
    try:
        if request.POST.get("mode") == "maintenance":
            plan_switch_to_maintenance(user=request.user)
            messages.success(
                request,
                "Switched to maintenance: about 5 minutes before each lower-body "
                "session and a short stretch on two other days.",
            )
        else:
            plan_switch_to_development(user=request.user)
            messages.success(request, "Back to the development plan.")
    except ValidationError as error:
        messages.error(request, error.problem)
    return redirect("plan")
