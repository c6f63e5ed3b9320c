"""The assessment wizard: one step per page, each a form whose field names are paths in the
dorsi.assessment/v1 document (``knee_to_wall__left`` is ``knee_to_wall.left``).

The draft lives in the session. Every step is checked by building the document from the draft
and running the core's ``parse_assessment`` (through the service), so the wizard accepts exactly
what the CLI and the API accept, and a core error lands on the field it names.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django import forms

from dorsi.core.assessment.texts import RED_FLAG_LABELS
from dorsi.core.codes import Equipment, Felt, Rating, RedFlag, Sign, Sport, Unit, Variant, Weekday
from dorsi.web.forms import TRI_STATE, UNIT_CHOICES, code_choices, tri_state, tri_state_initial

SIDES = ("left", "right")
DECIMAL = {"inputmode": "decimal", "step": "0.1"}


def _number(label: str, **attrs: Any) -> forms.FloatField:
    return forms.FloatField(
        required=False, label=label, widget=forms.NumberInput(attrs=DECIMAL | attrs)
    )


def _tri(label: str) -> forms.ChoiceField:
    return forms.ChoiceField(choices=TRI_STATE, required=False, label=label)


class StepForm(forms.Form):
    tri_fields: tuple[str, ...] = ()

    def fragment(self) -> dict[str, Any]:
        """The cleaned data as a nested document fragment (empty values left out)."""
        flat: dict[str, Any] = {}
        for name, value in self.cleaned_data.items():
            if name in self.tri_fields:
                value = tri_state(value)
            elif isinstance(value, date):
                value = value.isoformat()
            elif value == "":
                value = None
            flat[name] = value
        return nest(flat)

    @classmethod
    def initial_from(cls, fragment: dict[str, Any]) -> dict[str, Any]:
        flat = flatten(fragment)
        return {
            name: tri_state_initial(flat.get(name)) if name in cls.tri_fields else flat.get(name)
            for name in cls.base_fields
            if flat.get(name) is not None
        }


class KneeToWallForm(StepForm):
    date = forms.DateField(label="Date of the test", widget=forms.DateInput(attrs={"type": "date"}))
    knee_to_wall__variant = forms.ChoiceField(
        label="Which test",
        choices=[
            (Variant.STANDING.value, "Standing (recommended)"),
            (Variant.HALF_KNEELING.value, "Half-kneeling"),
        ],
        widget=forms.RadioSelect,
        initial=Variant.STANDING.value,
    )
    knee_to_wall__unit = forms.ChoiceField(
        label="Unit", choices=UNIT_CHOICES, widget=forms.RadioSelect, initial=Unit.CM.value
    )
    knee_to_wall__left = _number("Left foot: big toe to wall", placeholder="e.g. 9.5")
    knee_to_wall__right = _number("Right foot: big toe to wall", placeholder="e.g. 11")


class AboutForm(StepForm):
    tri_fields = ("profile__desk_job",)
    profile__age = forms.IntegerField(required=False, label="Age (years)")
    profile__height_cm = forms.FloatField(
        required=False,
        label="Height (cm)",
        help_text="Used to estimate the shin angle from the distance.",
    )
    profile__sports = forms.MultipleChoiceField(
        label="Sports",
        choices=code_choices(Sport),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    profile__sprains__left = forms.IntegerField(required=False, label="Ankle sprains, left")
    profile__sprains__right = forms.IntegerField(required=False, label="Ankle sprains, right")
    profile__training_days = forms.MultipleChoiceField(
        label="Lower-body training days",
        choices=code_choices(Weekday),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    profile__equipment = forms.MultipleChoiceField(
        label="Equipment you have",
        choices=[c for c in code_choices(Equipment) if c[0] not in ("none", "wall")],
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="A wall and the floor are assumed.",
    )
    profile__minutes_per_day = forms.IntegerField(
        label="Minutes per day for ankle work", initial=10, help_text="5 to 60 minutes."
    )
    profile__desk_job = _tri("Desk job (sitting most of the day)")
    profile__shoe_drop_mm = forms.FloatField(
        required=False, label="Usual shoe heel-to-toe drop (mm)"
    )


class AnglesForm(StepForm):
    wb_angle_deg__left = _number("Lunge angle, left (°)")
    wb_angle_deg__right = _number("Lunge angle, right (°)")
    goniometer_deg__left__knee_straight = _number("Goniometer left, knee straight (°)")
    goniometer_deg__left__knee_bent = _number("Goniometer left, knee bent (°)")
    goniometer_deg__right__knee_straight = _number("Goniometer right, knee straight (°)")
    goniometer_deg__right__knee_bent = _number("Goniometer right, knee bent (°)")


RATING_CHOICES = [
    ("", "Not tested"),
    (Rating.RESTRICTED.value, "Restricted"),
    (Rating.OK.value, "OK"),
]


class ThreePositionForm(StepForm):
    three_position__left__straight_knee = forms.ChoiceField(
        choices=RATING_CHOICES, required=False, label="Left: straight-knee calf stretch"
    )
    three_position__left__bent_knee = forms.ChoiceField(
        choices=RATING_CHOICES, required=False, label="Left: bent-knee calf stretch"
    )
    three_position__left__deep_squat = forms.ChoiceField(
        choices=RATING_CHOICES, required=False, label="Left: loaded deep-squat hold"
    )
    three_position__right__straight_knee = forms.ChoiceField(
        choices=RATING_CHOICES, required=False, label="Right: straight-knee calf stretch"
    )
    three_position__right__bent_knee = forms.ChoiceField(
        choices=RATING_CHOICES, required=False, label="Right: bent-knee calf stretch"
    )
    three_position__right__deep_squat = forms.ChoiceField(
        choices=RATING_CHOICES, required=False, label="Right: loaded deep-squat hold"
    )


FELT_CHOICES = [
    ("", "Not noted"),
    (Felt.CALF_STRETCH.value, "A stretch in the calf or Achilles"),
    (Felt.FRONT_PINCH.value, "A block or pinch at the front of the ankle"),
    (Felt.NOTHING.value, "Nothing in particular"),
]


class FeltForm(StepForm):
    felt__left = forms.ChoiceField(
        choices=FELT_CHOICES, required=False, label="Left ankle", widget=forms.RadioSelect
    )
    felt__right = forms.ChoiceField(
        choices=FELT_CHOICES, required=False, label="Right ankle", widget=forms.RadioSelect
    )


class SquatForm(StepForm):
    tri_fields = (
        "squat_screen__heels_rise",
        "squat_screen__torso_forward",
        "squat_screen__knees_cave",
        "squat_screen__reaches_parallel",
        "squat_screen__better_with_heel_lift",
    )
    squat_screen__heels_rise = _tri("Do the heels rise?")
    squat_screen__torso_forward = _tri("Does the torso pitch far forward?")
    squat_screen__knees_cave = _tri("Do the knees cave inwards?")
    squat_screen__reaches_parallel = _tri("Do you reach parallel (thighs level)?")
    squat_screen__better_with_heel_lift = _tri("Is it better with the heels on a 2 cm lift?")


class KneeSignsForm(StepForm):
    tri_fields = ("knee_pain__present", "knee_pain__less_with_heel_lift")
    knee_pain__present = _tri("Do you have knee pain in squats or on stairs?")
    knee_pain__less_with_heel_lift = _tri("Is it less with the heels raised 2–3 cm?")
    signs = forms.MultipleChoiceField(
        label="Do any of these sound like you?",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[
            (Sign.HEELS_LIFT_IN_SQUAT.value, "Heels lift in squats"),
            (Sign.TIGHT_CALVES.value, "Calves feel tight despite stretching"),
            (Sign.ANKLE_ROLLING.value, "I roll my ankle often"),
            (Sign.MORNING_HEEL_PAIN.value, "Heel or arch pain with the first steps in the morning"),
            (Sign.KNEE_PAIN_ON_STAIRS.value, "Knee pain on stairs"),
        ],
    )


class RedFlagsForm(StepForm):
    red_flags = forms.MultipleChoiceField(
        label="Tick anything that applies to you now",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[
            (flag.value, RED_FLAG_LABELS[flag][:1].upper() + RED_FLAG_LABELS[flag][1:])
            for flag in RedFlag
        ],
    )


@dataclass(frozen=True)
class Step:
    name: str
    title: str
    form: type[StepForm] | None
    optional: bool = False
    figures: tuple[str, ...] = ()
    template: str = ""


STEPS: tuple[Step, ...] = (
    Step(
        "knee_to_wall",
        "Knee-to-wall test",
        KneeToWallForm,
        figures=("knee_to_wall",),
        template="dorsi/assessment/step_knee_to_wall.html",
    ),
    Step("about", "About you", AboutForm, template="dorsi/assessment/step_about.html"),
    Step(
        "angles",
        "Angles (optional)",
        AnglesForm,
        optional=True,
        figures=("wb_angle", "goniometer"),
        template="dorsi/assessment/step_angles.html",
    ),
    Step(
        "three_position",
        "Three-position test",
        ThreePositionForm,
        optional=True,
        figures=(
            "three_position_straight_knee",
            "three_position_bent_knee",
            "three_position_deep_squat",
        ),
        template="dorsi/assessment/step_three_position.html",
    ),
    Step(
        "felt",
        "Where you felt it",
        FeltForm,
        optional=True,
        figures=("knee_to_wall",),
        template="dorsi/assessment/step_felt.html",
    ),
    Step(
        "squat",
        "Squat screen",
        SquatForm,
        optional=True,
        figures=("squat_screen", "heel_lift"),
        template="dorsi/assessment/step_squat.html",
    ),
    Step(
        "knee",
        "Knee pain and signs",
        KneeSignsForm,
        optional=True,
        template="dorsi/assessment/step_knee.html",
    ),
    Step(
        "red_flags",
        "Safety check",
        RedFlagsForm,
        optional=True,
        template="dorsi/assessment/step_red_flags.html",
    ),
    Step("review", "Review and save", None, template="dorsi/assessment/step_review.html"),
)
STEP_NAMES = tuple(step.name for step in STEPS)


def step_named(name: str) -> Step | None:
    return next((step for step in STEPS if step.name == name), None)


def next_step(step: Step) -> Step:
    return STEPS[min(STEPS.index(step) + 1, len(STEPS) - 1)]


def previous_step(step: Step) -> Step | None:
    index = STEPS.index(step)
    return STEPS[index - 1] if index > 0 else None


def nest(flat: dict[str, Any]) -> dict[str, Any]:
    """``{"a__b": 1}`` -> ``{"a": {"b": 1}}``; None values and empty objects are dropped."""
    out: dict[str, Any] = {}
    for name, value in flat.items():
        if value is None:
            continue
        node = out
        *parents, leaf = name.split("__")
        for part in parents:
            node = node.setdefault(part, {})
        node[leaf] = value
    return out


def flatten(nested: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in nested.items():
        name = f"{prefix}__{key}" if prefix else key
        if isinstance(value, dict):
            out.update(flatten(value, name))
        else:
            out[name] = value
    return out


def merge(*fragments: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for fragment in fragments:
        for key, value in fragment.items():
            if isinstance(value, dict) and isinstance(out.get(key), dict):
                out[key] = merge(out[key], value)
            else:
                out[key] = value
    return out


def document(draft: dict[str, Any], *, upto: Step | None = None) -> dict[str, Any]:
    """The dorsi.assessment/v1 document of the draft (steps up to ``upto`` included)."""
    parts = []
    for step in STEPS:
        if step.name in draft:
            parts.append(draft[step.name])
        if upto is not None and step is upto:
            break
    return {"schema": "dorsi.assessment/v1"} | merge(*parts)


def first_missing(draft: dict[str, Any]) -> Step | None:
    """The first required step not done yet (the optional ones may stay out)."""
    for step in STEPS:
        if step.form is not None and not step.optional and step.name not in draft:
            return step
    return None
