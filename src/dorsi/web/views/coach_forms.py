"""The coach's forms: a plan change (turned into a dorsi.plan-edit/v1 document for the core)
and a retest measured in the clinic."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms

from dorsi.core.codes import ItemSide
from dorsi.web.forms import DecimalCommaField, WholeNumberField

KINDS = [
    ("swap", "Swap an exercise"),
    ("dose", "Change a dose"),
    ("add", "Add an exercise"),
    ("remove", "Remove an exercise"),
    ("minutes", "Set the minutes a day"),
    ("note", "Write a note"),
]
DECIMAL = {"inputmode": "decimal", "autocomplete": "off"}


class PlanEditForm(forms.Form):
    kind = forms.ChoiceField(choices=KINDS)
    exercise = forms.CharField(required=False, max_length=80)
    replacement = forms.CharField(required=False, max_length=80)
    sets = WholeNumberField(required=False, min_value=1, label="Sets")
    reps = WholeNumberField(required=False, min_value=1, label="Reps")
    seconds = WholeNumberField(required=False, min_value=1, label="Seconds")
    lowering_s = WholeNumberField(required=False, min_value=1, label="Lowering (s)")
    side = forms.ChoiceField(
        required=False, choices=[(side.value, side.value) for side in ItemSide]
    )
    weeks = forms.TypedMultipleChoiceField(
        required=False, coerce=int, choices=[(n, f"Week {n}") for n in range(1, 13)]
    )
    dates = forms.CharField(
        required=False, max_length=400, label="Days (YYYY-MM-DD, comma separated)"
    )
    minutes_per_day = WholeNumberField(required=False, label="Minutes a day")
    note = forms.CharField(
        required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean_dates(self) -> list[str]:
        out = []
        for part in self.cleaned_data["dates"].replace(";", ",").split(","):
            text = part.strip()
            if not text:
                continue
            try:
                out.append(date.fromisoformat(text).isoformat())
            except ValueError:
                raise forms.ValidationError(f"{text!r} is not a date (YYYY-MM-DD)") from None
        return out

    def _dose(self) -> dict[str, Any] | None:
        data = self.cleaned_data
        if data["sets"] is None:
            return None
        dose = {key: data[key] for key in ("sets", "reps", "seconds", "lowering_s") if data[key]}
        return dose

    def document(self, today: date) -> dict[str, Any]:
        """The change as dorsi.plan-edit/v1; the core checks it."""
        data = self.cleaned_data
        doc: dict[str, Any] = {
            "schema": "dorsi.plan-edit/v1",
            "kind": data["kind"],
            "note": data["note"],
        }
        if data["kind"] == "minutes":
            return doc | {"minutes_per_day": data["minutes_per_day"], "from": today.isoformat()}
        doc["scope"] = {"from": today.isoformat(), "weeks": data["weeks"], "dates": data["dates"]}
        if data["exercise"]:
            doc["exercise"] = data["exercise"]
        if data["kind"] == "swap":
            doc["replacement"] = data["replacement"]
        if data["kind"] == "add":
            doc["side"] = data["side"] or ItemSide.BOTH.value
        dose = self._dose()
        if dose is not None and data["kind"] in ("swap", "dose", "add"):
            doc["dose"] = dose
        return doc


class ClinicRetestForm(forms.Form):
    date = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    unit = forms.ChoiceField(choices=[("cm", "cm"), ("in", "inches")], widget=forms.RadioSelect)
    left = DecimalCommaField(
        required=False, label="Left: big toe to wall", widget=forms.TextInput(attrs=DECIMAL)
    )
    right = DecimalCommaField(
        required=False, label="Right: big toe to wall", widget=forms.TextInput(attrs=DECIMAL)
    )
