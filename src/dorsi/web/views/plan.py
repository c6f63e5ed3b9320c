"""Today, the plan calendar, a plan day, the guided session and its log."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from dorsi.core.codes import PainType, SessionStatus
from dorsi.core.errors import ReferralRequired, ValidationError
from dorsi.core.progress.log import Session
from dorsi.core.thresholds import (
    REST_BETWEEN_EXERCISES_S,
    REST_BETWEEN_SETS_S,
    REST_SWITCH_SIDES_S,
    WARNING_BEFORE_END_S,
)
from dorsi.db.models import SessionLog
from dorsi.services.coaching import is_coach
from dorsi.services.plan_pages import SessionPage, plan_page, session_page, today_page
from dorsi.services.plans import (
    plan_create,
    plan_switch_to_development,
    plan_switch_to_maintenance,
)
from dorsi.services.session_details import session_log, session_log_once
from dorsi.web.forms import DecimalCommaField, code_choices
from dorsi.web.views.common import AuthedRequest, add_core_error, owned

# The guided session's rests and cues (seconds), handed to session.js as data attributes.
GUIDED_PACE = {
    "sets": REST_BETWEEN_SETS_S,
    "sides": REST_SWITCH_SIDES_S,
    "exercises": REST_BETWEEN_EXERCISES_S,
    "warning": WARNING_BEFORE_END_S,
}
WEEKDAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
EFFORTS = [("", "—"), ("too_easy", "Too easy"), ("right", "About right"), ("too_hard", "Too hard")]


class SessionLogForm(forms.Form):
    status = forms.ChoiceField(
        choices=code_choices(SessionStatus),
        widget=forms.RadioSelect,
        initial=SessionStatus.DONE.value,
        label="How did it go?",
    )
    minutes = DecimalCommaField(min_value=0, label="Minutes")
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
    swelling = forms.BooleanField(required=False, label="Swelling or heat after training")
    note = forms.CharField(
        required=False,
        max_length=2000,
        label="A note for your coach (optional)",
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(
        self, *args: Any, exercises: Sequence[tuple[str, str]] = (), **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["exercise"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "Not sure, or none"), *exercises]
        for exercise_id, name in exercises:  # how each exercise felt (SPEC §4 effort feedback)
            self.fields[f"effort__{exercise_id}"] = forms.ChoiceField(
                required=False, choices=EFFORTS, label=f"{name}: how did it feel?"
            )

    def efforts(self) -> list[tuple[str, str]]:
        return [
            (name.removeprefix("effort__"), value)
            for name, value in self.cleaned_data.items()
            if name.startswith("effort__") and value
        ]


@login_required
def home(request: AuthedRequest) -> HttpResponse:
    page = today_page(user=request.user, today=timezone.localdate())
    return render(request, "dorsi/home.html", {"page": page, "nav": "today"})


def landing_or_home(request: HttpRequest) -> HttpResponse:
    if isinstance(request.user, User):  # logged in
        if is_coach(user=request.user):  # a coach's home is the list of athletes
            return redirect("coach_home")
        return home(request)  # type: ignore[arg-type]  # the check above narrows the user
    return render(request, "dorsi/landing.html")


@login_required
@require_POST
def plan_build(request: AuthedRequest) -> HttpResponse:
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


@login_required
def plan_view(request: AuthedRequest) -> HttpResponse:
    page = plan_page(user=request.user, today=timezone.localdate())
    if page.plan is None:
        return render(request, "dorsi/plan/none.html", {"page": page, "nav": "plan"})
    return render(
        request,
        "dorsi/plan/calendar.html",
        {"page": page, "weekdays": WEEKDAY_NAMES, "nav": "plan"},
    )


def _initial(page: SessionPage) -> dict[str, Any]:
    """The form starts from the stored log, or from the planned minutes."""
    logged = page.logged
    if logged is not None:
        return {
            "status": logged.status,
            "minutes": logged.minutes,
            "pain": int(logged.pain),
            "pain_type": logged.pain_type,
            "exercise": logged.exercise,
            "swelling": logged.swelling,
            "note": logged.note,
        } | {f"effort__{rating['exercise']}": rating["effort"] for rating in logged.efforts}
    planned = round(page.day.minutes, 1) if page.day else 0.0
    return {"minutes": int(planned) if float(planned).is_integer() else planned}


def _record(
    request: AuthedRequest, when: date, form: SessionLogForm, key: str
) -> tuple[SessionLog | None, bool]:
    """Log the form's session (once per idempotency key when the phone sent one); the second
    value is True when the key was already used and nothing new was logged."""
    data = form.cleaned_data
    fields: dict[str, Any] = {
        "status": data["status"],
        "minutes": data["minutes"],
        "pain": data["pain"],
        "pain_type": data["pain_type"],
        "exercise": data["exercise"] or None,
        "swelling": data["swelling"],
        "efforts": form.efforts(),
        "note": data["note"],
    }
    if key:
        return session_log_once(user=request.user, key=key, when=when, **fields)
    return session_log(user=request.user, when=when, **fields), False


def _logged_message(request: AuthedRequest, when: date, form: SessionLogForm) -> str:
    data = form.cleaned_data
    logged = Session(
        when=when,
        status=SessionStatus(data["status"]),
        pain_type=PainType(data["pain_type"]),
        exercise=data["exercise"] or None,
    )
    if logged.sharp_or_pinching and logged.exercise:
        text = (
            "Sharp or pinching pain: that exercise is swapped for an easier "
            "version from your next session. Stop any exercise that hurts like that."
        )
        messages.warning(request, text)
        return text
    messages.success(request, "Session logged. See you tomorrow!")
    return "Session logged. See you tomorrow!"


def _fast_timers() -> bool:
    """Whether session.js may honour ``?speed=N`` (a whole session in seconds): a switch for
    the browser tests and demos, only where settings allow it (DEBUG or DORSI_FAST_TIMERS).
    The page carries the switch, not the speed, so a page kept offline honours it too."""
    return bool(settings.DEBUG or getattr(settings, "DORSI_FAST_TIMERS", False))


def _log_answer(row: SessionLog | None, replayed: bool, message: str) -> JsonResponse:
    """What the phone's queued log gets back (the same for a replay of the same key)."""
    return JsonResponse(
        {
            "logged": None if row is None else row.date.isoformat(),
            "status": None if row is None else row.status,
            "replayed": replayed,
            "message": message if not replayed else "Already saved.",
        }
    )


@login_required
@require_http_methods(["GET", "POST"])
def session_view(request: AuthedRequest, when: str) -> HttpResponse:
    try:
        day_date = date.fromisoformat(when)
    except ValueError:
        raise Http404("Not a date") from None
    page = session_page(user=request.user, when=day_date, today=timezone.localdate())
    if page.plan is None:
        return redirect("plan")
    form = SessionLogForm(
        request.POST if request.method == "POST" else None,
        initial=_initial(page),
        exercises=page.exercises,
    )
    # A queued offline log (fetch with the header) answers JSON; a form post a redirect.
    from_queue = "Idempotency-Key" in request.headers
    key = request.headers.get("Idempotency-Key") or request.POST.get("idempotency_key", "")
    if request.method == "POST" and form.is_valid():
        try:
            row, replayed = _record(request, day_date, form, key)
        except ValidationError as error:
            add_core_error(form, error)
        else:
            message = "" if replayed else _logged_message(request, day_date, form)
            if from_queue:
                return _log_answer(row, replayed, message)
            if replayed:
                messages.info(request, "This log was already saved.")
            return redirect("home")
    if request.method == "POST" and from_queue:
        return JsonResponse({"errors": form.errors.get_json_data()}, status=422)
    context = {
        "page": page,
        "form": form,
        "nav": "today",
        "fast_timers": _fast_timers(),
        "rest": GUIDED_PACE,
    }
    return render(request, "dorsi/session.html", context)


@login_required
@require_POST
def plan_mode(request: AuthedRequest) -> HttpResponse:
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
