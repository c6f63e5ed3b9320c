"""Measuring with the phone itself: the lunge (shin) angle from the phone's orientation sensor.

The page does the measuring in the browser (static/dorsi/inclinometer.js); the server only
takes the two angles it captured (or typed), checks them against the valid range and hands
them to the assessment wizard's angle step, which shows them filled in for the person to
confirm.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from dorsi.core.assessment.questionnaire import ANGLES
from dorsi.core.thresholds import (
    PHONE_PLACE_DELAY_S,
    PHONE_STABLE_SPREAD_DEG,
    PHONE_STABLE_WINDOW_S,
    PHONE_WALL_TOLERANCE_DEG,
    WB_ANGLE_RANGE,
    round_deg,
)
from dorsi.web import wizard
from dorsi.web.forms import DecimalCommaField
from dorsi.web.views.assessment import DRAFT_KEY
from dorsi.web.views.common import AuthedRequest
from dorsi.web.wizard import PHONE_ANGLES_KEY


def _angle_field(side: str) -> DecimalCommaField:
    return DecimalCommaField(
        required=False,
        min_value=WB_ANGLE_RANGE.low,
        max_value=WB_ANGLE_RANGE.high,
        label=f"{side.capitalize()} shin angle (°)",
    )


class PhoneAnglesForm(forms.Form):
    left = _angle_field("left")
    right = _angle_field("right")

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if data.get("left") is None and data.get("right") is None and not self.errors:
            raise forms.ValidationError("Capture or type the angle of at least one side.")
        return data


def _arrival_note(request: AuthedRequest) -> str:
    """Where the angles show up: on the angle step now, or once the wizard gets there."""
    draft = request.session.get(DRAFT_KEY) or {}
    missing = wizard.first_missing(draft)
    angles = wizard.step_named(ANGLES.key)
    if (
        missing is not None
        and angles is not None
        and wizard.STEPS.index(missing) < wizard.STEPS.index(angles)
    ):
        return (
            "Your lunge angles are kept: they will be filled in when you reach the Angles step "
            "of the assessment."
        )
    return "The lunge angles from your phone are filled in below: check them, then Next."


@login_required
@require_http_methods(["GET", "POST"])
def lunge_angle(request: AuthedRequest) -> HttpResponse:
    form = PhoneAnglesForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        request.session[PHONE_ANGLES_KEY] = {
            f"wb_angle_deg.{side}": round_deg(form.cleaned_data[side])
            for side in ("left", "right")
            if form.cleaned_data[side] is not None
        }
        messages.success(request, _arrival_note(request))
        return redirect("assessment_step", step=ANGLES.key)
    return render(
        request,
        "dorsi/measure/lunge_angle.html",
        {
            "form": form,
            "window_s": PHONE_STABLE_WINDOW_S,
            "delay_s": PHONE_PLACE_DELAY_S,
            "spread_deg": PHONE_STABLE_SPREAD_DEG,
            "wall_tolerance_deg": PHONE_WALL_TOLERANCE_DEG,
            "valid": WB_ANGLE_RANGE,
            "nav": "assess",
        },
    )
