"""The shapes of the documents the API takes, for its OpenAPI schema: dorsi.assessment/v1 and
dorsi.export/v1. Types only (strict: no "10" for 10); every rule on the values — ranges, codes,
dates, which parts go together — is the core's, checked after, with errors naming the field."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class _Open(BaseModel):
    """Unknown keys are kept (contracts may be extended; the report lists them as ignored)."""

    model_config = ConfigDict(extra="allow", strict=True, populate_by_name=True)


class Sprains(_Open):
    left: int | None = None
    right: int | None = None


class ProfileBody(_Open):
    age: int | None = None
    height_cm: float | None = None
    sports: list[str] | None = Field(None, description="running, basketball, soccer, …")
    sprains: Sprains | None = None
    training_days: list[str] | None = Field(None, description="mon … sun")
    equipment: list[str] | None = None
    minutes_per_day: int | None = None
    desk_job: bool | None = None
    shoe_drop_mm: float | None = None
    tibia_cm: float | None = None
    foot_cm: float | None = None


class KneeToWall(_Open):
    variant: str | None = Field(None, description="standing or half_kneeling")
    unit: str | None = Field(None, description="cm or in")
    left: float | None = None
    right: float | None = None


class PerSideDegrees(_Open):
    left: float | None = None
    right: float | None = None


class GoniometerSide(_Open):
    knee_straight: float | None = None
    knee_bent: float | None = None


class Goniometer(_Open):
    left: GoniometerSide | None = None
    right: GoniometerSide | None = None


class ThreePositionSide(_Open):
    straight_knee: str | None = Field(None, description="restricted or ok")
    bent_knee: str | None = None
    deep_squat: str | None = None


class ThreePosition(_Open):
    left: ThreePositionSide | None = None
    right: ThreePositionSide | None = None


class Felt(_Open):
    left: str | None = Field(None, description="calf_stretch, front_pinch or nothing")
    right: str | None = None


class SquatScreen(_Open):
    heels_rise: bool | None = None
    torso_forward: bool | None = None
    knees_cave: bool | None = None
    reaches_parallel: bool | None = None
    better_with_heel_lift: bool | None = None


class KneePain(_Open):
    present: bool | None = None
    less_with_heel_lift: bool | None = None


class AssessmentBody(_Open):
    """A dorsi.assessment/v1 document (SPEC §7)."""

    schema_: str | None = Field(None, alias="schema", description="dorsi.assessment/v1")
    date: str | None = Field(None, description="YYYY-MM-DD")
    profile: ProfileBody | None = None
    knee_to_wall: KneeToWall | None = None
    wb_angle_deg: PerSideDegrees | None = None
    goniometer_deg: Goniometer | None = None
    three_position: ThreePosition | None = None
    felt: Felt | None = None
    squat_screen: SquatScreen | None = None
    knee_pain: KneePain | None = None
    signs: list[str] | None = None
    red_flags: list[str] | None = None


class ExportBody(_Open):
    """A dorsi.export/v1 bundle, as GET /api/export gives it."""

    schema_: str | None = Field(None, alias="schema", description="dorsi.export/v1")
    exported_at: str | None = None
    account: dict[str, Any] | None = None
    profile: dict[str, Any] | None = None
    assessments: list[dict[str, Any]] | None = None
    plans: list[dict[str, Any]] | None = None
    retests: list[dict[str, Any]] | None = None
    sessions: list[dict[str, Any]] | None = None
    log: dict[str, Any] | None = None
    progress: dict[str, Any] | None = None
    videos: list[dict[str, Any]] | None = None


def document_of(body: _Open) -> dict[str, Any]:
    """The document as sent: keys as written, absent parts left out."""
    return body.model_dump(by_alias=True, exclude_unset=True)
