"""Forms of the account pages. They parse types; the rules are checked by the services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import PasswordResetForm
from django.template import loader

from dorsi.core.codes import Equipment, Sport, Unit, Weekday
from dorsi.services.tasks import email_send


def code_choices(enum: Any, labels: dict[Any, str] | None = None) -> list[tuple[str, str]]:
    labels = labels or {}
    return [(m.value, labels.get(m, m.value.replace("_", " ").capitalize())) for m in enum]


UNIT_CHOICES = [(Unit.CM.value, "cm"), (Unit.IN.value, "inches")]
TRI_STATE = [("", "Not checked"), ("yes", "Yes"), ("no", "No")]


def tri_state(value: str | None) -> bool | None:
    return {"yes": True, "no": False}.get(value or "")


def tri_state_initial(value: bool | None) -> str:
    return "" if value is None else ("yes" if value else "no")


class SignupForm(forms.Form):
    username = forms.CharField(
        max_length=150, widget=forms.TextInput(attrs={"autocomplete": "username"})
    )
    email = forms.EmailField(
        required=False,
        help_text="Only used to reset your password.",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    password = forms.CharField(
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="At least 8 characters, not only digits, not a common one.",
    )


class ProfileForm(forms.Form):
    """Field names are paths in the ``profile`` object of dorsi.assessment/v1."""

    units = forms.ChoiceField(choices=UNIT_CHOICES, label="Distance unit")
    age = forms.IntegerField(required=False, label="Age (years)")
    height_cm = forms.FloatField(required=False, label="Height (cm)")
    sports = forms.MultipleChoiceField(
        choices=code_choices(Sport), required=False, widget=forms.CheckboxSelectMultiple
    )
    sprains__left = forms.IntegerField(required=False, min_value=0, label="Sprains, left ankle")
    sprains__right = forms.IntegerField(required=False, min_value=0, label="Sprains, right ankle")
    equipment = forms.MultipleChoiceField(
        choices=[c for c in code_choices(Equipment) if c[0] not in ("none", "wall")],
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="A wall and the floor are always assumed.",
    )
    training_days = forms.MultipleChoiceField(
        choices=code_choices(Weekday),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Lower-body training days",
    )
    minutes_per_day = forms.IntegerField(
        initial=10,
        label="Minutes per day for ankle work",
        help_text="5 to 60. Every day counts more than long days.",
    )
    desk_job = forms.ChoiceField(choices=TRI_STATE, required=False, label="Desk job")
    shoe_drop_mm = forms.FloatField(required=False, label="Usual shoe heel-to-toe drop (mm)")

    def profile_document(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "age": data["age"],
            "height_cm": data["height_cm"],
            "sports": data["sports"],
            "sprains": {"left": data["sprains__left"] or 0, "right": data["sprains__right"] or 0},
            "training_days": data["training_days"],
            "equipment": data["equipment"],
            "minutes_per_day": data["minutes_per_day"],
            "desk_job": tri_state(data["desk_job"]),
            "shoe_drop_mm": data["shoe_drop_mm"],
        }

    @staticmethod
    def initial_from(document: dict[str, Any], units: str) -> dict[str, Any]:
        return {
            "units": units,
            "age": document["age"],
            "height_cm": document["height_cm"],
            "sports": document["sports"],
            "sprains__left": document["sprains"]["left"],
            "sprains__right": document["sprains"]["right"],
            "training_days": document["training_days"],
            "equipment": document["equipment"],
            "minutes_per_day": document["minutes_per_day"],
            "desk_job": tri_state_initial(document["desk_job"]),
            "shoe_drop_mm": document["shoe_drop_mm"],
        }


class TaskPasswordResetForm(PasswordResetForm):
    """Django's reset form, but the email goes out through the task queue."""

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        html = (
            loader.render_to_string(html_email_template_name, context)
            if html_email_template_name
            else None
        )
        email_send.enqueue(subject=subject, body=body, to=[to_email], html=html)


class ConfirmForm(forms.Form):
    confirm = forms.BooleanField(required=True)
