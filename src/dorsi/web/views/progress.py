"""Retests and the progress dashboard."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_http_methods, require_POST

from dorsi.core.codes import PlanMode
from dorsi.core.errors import ValidationError
from dorsi.draw.charts import adherence_calendar_svg
from dorsi.services.accounts import profile_get
from dorsi.services.plans import plan_active
from dorsi.services.progress import progress_document
from dorsi.services.tracking import (
    angle_retest_list,
    retest_delete,
    retest_list,
    retest_record,
    session_list,
)
from dorsi.video.model import UNCERTAINTY_DEG
from dorsi.web.forms import UNIT_CHOICES, DecimalCommaField
from dorsi.web.views.common import AuthedRequest, add_core_error, owned

DECIMAL = {"inputmode": "decimal", "autocomplete": "off"}


class RetestForm(forms.Form):
    date = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    unit = forms.ChoiceField(choices=UNIT_CHOICES, widget=forms.RadioSelect)
    left = DecimalCommaField(
        required=False, label="Left: big toe to wall", widget=forms.TextInput(attrs=DECIMAL)
    )
    right = DecimalCommaField(
        required=False, label="Right: big toe to wall", widget=forms.TextInput(attrs=DECIMAL)
    )


@login_required
@require_http_methods(["GET", "POST"])
def retest(request: AuthedRequest) -> HttpResponse:
    units = profile_get(user=request.user).units
    form = RetestForm(
        request.POST if request.method == "POST" else None,
        initial={"date": timezone.localdate(), "unit": units},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            retest_record(
                user=request.user,
                when=data["date"],
                unit=data["unit"],
                left=data["left"],
                right=data["right"],
            )
        except ValidationError as error:
            add_core_error(form, error)
        else:
            messages.success(request, "Retest saved.")
            return redirect("progress")
    recent = retest_list(user=request.user).order_by("-date")[:10]
    return render(
        request,
        "dorsi/retest.html",
        {"form": form, "recent": recent, "units": units, "nav": "progress"},
    )


@login_required
@require_POST
def retest_remove(request: AuthedRequest, retest_id: int) -> HttpResponse:
    owned(retest_delete, user=request.user, retest_id=retest_id)
    messages.success(request, "Retest deleted.")
    return redirect("retest")


def adherence_calendar(start: date, today: date, statuses: dict[date, str]) -> str:
    """The core's calendar SVG over the plan so far (at most the last 12 weeks) and the
    rest of the 12 weeks ahead."""
    first = max(start, today - timedelta(days=83))
    last = max(today, start + timedelta(days=83))
    wide = adherence_calendar_svg(start=first, end=last, done=statuses, today=today)
    narrow = adherence_calendar_svg(start=first, end=last, done=statuses, today=today, narrow=True)
    # app.css shows the narrow drawing on phones (its words stay readable there).
    return f'<div class="chart-wide">{wide}</div><div class="chart-narrow">{narrow}</div>'


def _recent_return(plan: Any, today: date) -> date | None:
    """The day a retest sent the plan back from maintenance, shown for four weeks."""
    returned = plan.returned_to_development_on if plan is not None else None
    return returned if returned is not None and today - returned <= timedelta(days=28) else None


def angle_context(rows: list[Any]) -> dict[str, Any]:
    """The shin-angle retests saved from videos (newest first) and, per side, the change from
    the first to the last, called real only at the video's uncertainty or more (SPEC §6)."""
    if not rows:
        return {}
    changes = []
    for side in ("left", "right"):
        values = [(r.date, getattr(r, f"{side}_deg")) for r in rows]
        values = [(d, v) for d, v in values if v is not None]
        if len(values) >= 2:
            delta = round(values[-1][1] - values[0][1], 1)
            changes.append(
                {
                    "side": side,
                    "delta": delta,
                    "since": values[0][0],
                    "real": abs(delta) >= UNCERTAINTY_DEG,
                }
            )
    return {
        "angle_retests": rows[::-1][:8],
        "angle_changes": changes,
        "angle_uncertainty": UNCERTAINTY_DEG,
    }


@login_required
def progress(request: AuthedRequest) -> HttpResponse:
    today = timezone.localdate()
    document = progress_document(user=request.user, today=today)
    plan = plan_active(user=request.user)
    context: dict[str, Any] = {
        "doc": document,
        "plan": plan,
        "today": today,
        "nav": "progress",
        "units": profile_get(user=request.user).units,
        "maintenance": plan is not None and plan.mode == PlanMode.MAINTENANCE,
        "returned_on": _recent_return(plan, today),
    }
    if document is not None:
        start = date.fromisoformat(document["plan_start"])
        first = max(start, today - timedelta(days=83))
        statuses = dict(
            session_list(user=request.user).filter(date__gte=first).values_list("date", "status")
        )
        context["calendar_svg"] = mark_safe(adherence_calendar(start, today, statuses))  # noqa: S308 (core SVG)
        context["sides"] = [(side, document["sides"][side]) for side in ("left", "right")]
        context["retests"] = retest_list(user=request.user).order_by("-date")[:8]
        context |= angle_context(list(angle_retest_list(user=request.user).order_by("date")))
    return render(request, "dorsi/progress.html", context)
