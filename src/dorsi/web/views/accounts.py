"""Sign-up, profile and account deletion (login, logout and password reset are Django's)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from dorsi.core.assessment.answers import answers_in, fragment
from dorsi.core.assessment.questionnaire import ABOUT
from dorsi.core.errors import ValidationError
from dorsi.services.accounts import (
    profile_as_document,
    profile_get,
    profile_update,
    user_delete,
)
from dorsi.services.coaching import account_create
from dorsi.web.forms import ConfirmForm, ProfileForm, SignupForm, TaskPasswordResetForm
from dorsi.web.limits import (
    LOGIN_PER_ACCOUNT,
    LOGIN_PER_ADDRESS,
    RESET_PER_ADDRESS,
    RESET_PER_EMAIL,
    SIGNUP_PER_ADDRESS,
    reached,
)
from dorsi.web.views.common import AuthedRequest, add_core_error


class LoginView(auth_views.LoginView):
    """Django's login, with failed attempts counted per account and per address: after the
    limit even the right password waits, so guessing gets nowhere."""

    redirect_authenticated_user = True

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        limit = reached(request, LOGIN_PER_ACCOUNT, LOGIN_PER_ADDRESS, count=False)
        if limit is None:
            return super().post(request, *args, **kwargs)
        form = self.get_form()
        form.is_valid()
        form.errors.clear()
        form.add_error(None, limit.advice)
        return self.render_to_response(self.get_context_data(form=form), status=429)

    def form_invalid(self, form: Any) -> HttpResponse:
        reached(self.request, LOGIN_PER_ACCOUNT, LOGIN_PER_ADDRESS, count=True)
        return super().form_invalid(form)


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset (the email through the task queue), with emails per address and per
    account limited, so nobody can flood an inbox."""

    form_class = TaskPasswordResetForm

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        limit = reached(request, RESET_PER_EMAIL, RESET_PER_ADDRESS, count=True)
        if limit is None:
            return super().post(request, *args, **kwargs)
        form = self.get_form()
        form.is_valid()
        form.add_error(None, limit.advice)
        return self.render_to_response(self.get_context_data(form=form), status=429)


@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("home")
    form = SignupForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and (limit := reached(request, SIGNUP_PER_ADDRESS, count=True)):
        form.is_valid()
        form.add_error(None, limit.advice)
        return render(request, "registration/signup.html", {"form": form}, status=429)
    if request.method == "POST" and form.is_valid():
        try:
            user = account_create(
                username=form.cleaned_data["username"],
                email=form.cleaned_data["email"],
                password=form.cleaned_data["password"],
                role=form.cleaned_data["role"] or "athlete",
            )
        except ValidationError as error:
            add_core_error(form, error)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            if form.cleaned_data["role"] == "coach":  # a coach never lands in the athlete wizard
                messages.success(request, "Welcome to Dorsi. Invite your first athlete below.")
                return redirect("coach_home")
            messages.success(
                request, "Welcome to Dorsi. Start with the assessment: it takes about 10 minutes."
            )
            return redirect("assessment_start")
    return render(request, "registration/signup.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def profile(request: AuthedRequest) -> HttpResponse:
    """The same "About you" questions as the assessment wizard, and the distance unit."""
    stored = {"profile": profile_as_document(user=request.user)}
    initial = ProfileForm.initial_from(answers_in(stored, ABOUT))
    initial["units"] = profile_get(user=request.user).units
    form = ProfileForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            profile_update(
                user=request.user,
                document=fragment("profile", form.answers()),
                units=form.cleaned_data["units"],
            )
        except ValidationError as error:
            add_core_error(form, error, within="profile")
        else:
            messages.success(
                request, "Profile saved. New plans use it; take a new assessment to rebuild yours."
            )
            return redirect("profile")
    return render(request, "dorsi/profile.html", {"form": form, "nav": "profile"})


@login_required
@require_http_methods(["GET", "POST"])
def account_delete(request: AuthedRequest) -> HttpResponse:
    form = ConfirmForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if form.is_valid() and request.POST.get("username") == request.user.get_username():
            user = request.user
            logout(request)
            user_delete(user=user)
            messages.success(request, "Your account and all its data are deleted.")
            return redirect("home")
        form.add_error(None, "Tick the box and type your username to confirm.")
    return render(request, "dorsi/account_delete.html", {"form": form})
