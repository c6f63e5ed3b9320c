"""Forms: the questionnaire's questions as form fields (the wizard's steps and the profile
page), and the account pages. They parse types; the rules are checked by the services."""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import date
from typing import Any, ClassVar, cast

from django import forms
from django.contrib.auth.forms import PasswordResetForm
from django.template import loader

from dorsi.core import words
from dorsi.core.assessment.answers import Answer
from dorsi.core.assessment.labels import UNIT_LABELS
from dorsi.core.assessment.questionnaire import ABOUT
from dorsi.core.assessment.questions import Kind, Question, Section
from dorsi.services.tasks import email_send


def code_choices(enum: Any, labels: dict[Any, str] | None = None) -> list[tuple[str, str]]:
    labels = labels or {}
    return [(m.value, labels.get(m, m.value.replace("_", " ").capitalize())) for m in enum]


UNIT_CHOICES = [(code.value, label) for code, label in UNIT_LABELS.items()]
TRI_STATE = [("", "Not checked"), ("yes", "Yes"), ("no", "No")]
_YES_NO = {"yes": True, "no": False}
# A text input with the phone's decimal keyboard, not <input type="number">: a number input
# in an English browser reads "7,5" as 75 (a thousands comma); as text it reaches the server
# as typed and DecimalCommaField reads the comma as the decimal point.
DECIMAL = {"inputmode": "decimal", "autocomplete": "off"}
WHOLE = {"inputmode": "numeric", "autocomplete": "off"}


class DecimalCommaField(forms.FloatField):
    """A number that accepts a decimal comma: "7,5" is 7.5, never 75."""

    widget = forms.TextInput(attrs=DECIMAL)
    default_error_messages = {"invalid": "Type a number, such as 7.5 or 7,5."}

    def to_python(self, value: Any) -> Any:
        if isinstance(value, str):
            value = words.decimal_input(value)
        return super().to_python(value)


class WholeNumberField(forms.IntegerField):
    """A whole number typed as text (a count, minutes a day, an age): "8" and "8,0" are 8;
    "7,5" is refused in words rather than read as 75 or dropped as the number input would."""

    widget = forms.TextInput(attrs=WHOLE)
    default_error_messages = {
        "invalid": "Type a whole number, such as 8.",
        "fraction": "Type a whole number here, such as %(below)s or %(above)s (not %(typed)s).",
    }

    def to_python(self, value: Any) -> Any:
        if isinstance(value, str):
            typed = value.strip()
            value = words.decimal_input(value)
            try:
                number = float(value)
            except ValueError:
                number = None
            if number is not None and math.isfinite(number) and not number.is_integer():
                raise forms.ValidationError(
                    self.error_messages["fraction"],
                    code="fraction",
                    params={
                        "below": words.number(math.floor(number)),
                        "above": words.number(math.ceil(number)),
                        "typed": typed,
                    },
                )
        return super().to_python(value)


def field_name(question: Question) -> str:
    """``knee_to_wall.left`` -> ``knee_to_wall__left`` (a dot cannot be in a form field name)."""
    return question.path.replace(".", "__")


def question_field(question: Question) -> forms.Field:
    """The form field that asks ``question``: its label, help, choices and input type."""
    label = question.label + (f" ({question.unit})" if question.unit else "")
    common: dict[str, Any] = {
        "label": label,
        "help_text": question.help,
        "required": question.required,
    }
    choices = [(option.code, option.label) for option in question.options]
    if question.kind is Kind.NUMBER:
        return DecimalCommaField(widget=forms.TextInput(attrs=DECIMAL), **common)
    if question.kind is Kind.INTEGER:
        return WholeNumberField(**common)
    if question.kind is Kind.DATE:
        return forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), **common)
    if question.kind is Kind.YES_NO:
        return forms.ChoiceField(choices=TRI_STATE, **common)
    if question.kind is Kind.CHOICES:
        return forms.MultipleChoiceField(
            choices=choices, widget=forms.CheckboxSelectMultiple, **common
        )
    if not question.required:
        choices = [("", question.blank or "No answer"), *choices]
    return forms.ChoiceField(choices=choices, widget=forms.RadioSelect, **common)


class QuestionForm(forms.Form):
    """A form of questionnaire questions (built by ``form_for``); it reads and writes answers
    keyed by their dotted path, so the core nests them into the document."""

    questions: ClassVar[tuple[Question, ...]] = ()

    def answers(self) -> dict[str, Answer]:
        return {
            question.path: _answer(question, self.cleaned_data.get(field_name(question)))
            for question in self.questions
        }

    @classmethod
    def initial_from(cls, answers: Mapping[str, Answer]) -> dict[str, Any]:
        initial: dict[str, Any] = {
            field_name(q): q.default for q in cls.questions if q.default is not None
        }
        for question in cls.questions:
            value = answers.get(question.path)
            if value is None:
                continue
            if question.kind is Kind.YES_NO:
                value = "yes" if value else "no"
            initial[field_name(question)] = value
        return initial


def _answer(question: Question, value: Any) -> Answer:
    if question.kind is Kind.YES_NO:
        return _YES_NO.get(value or "")
    if isinstance(value, date):
        return value.isoformat()
    if value == "":
        return None
    return cast(Answer, value)


def form_for(
    section: Section, *, first: dict[str, forms.Field] | None = None, name: str = ""
) -> type[QuestionForm]:
    """A form class asking ``section``'s questions in order (after the ``first`` fields)."""
    fields: dict[str, Any] = dict(first or {})
    fields |= {field_name(q): question_field(q) for q in section.questions}
    name = name or "".join(part.title() for part in section.key.split("_")) + "Form"
    return type(name, (QuestionForm,), {"questions": section.questions, **fields})


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
    role = forms.ChoiceField(
        choices=[
            ("athlete", "Athlete: I work on my own ankles"),
            ("coach", "Coach or physiotherapist: I follow athletes who share with me"),
        ],
        initial="athlete",
        required=False,
        widget=forms.RadioSelect,
        label="I am",
    )


# The settings page asks the wizard's "About you" questions, and the distance unit.
ProfileForm = form_for(
    ABOUT,
    first={"units": forms.ChoiceField(choices=UNIT_CHOICES, label="Distance unit")},
    name="ProfileForm",
)


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
