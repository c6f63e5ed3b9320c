"""Stick figures: every key renders, the kinematics are exact, the data is validated."""

from __future__ import annotations

import copy
import math
import tomllib
import xml.etree.ElementTree as ET
from importlib.resources import files
from typing import Any

import pytest

from dorsi.core.errors import ValidationError
from dorsi.core.library.exercises import PosePattern, load_library
from dorsi.draw.figures import figure_keys, figure_spec, figure_svg, spec_frames
from dorsi.draw.frames import Anchor, Contact, lowest, sole_contact
from dorsi.draw.kinematics import (
    ANKLE_HEIGHT,
    FOOT_LENGTH,
    HEEL_BACK,
    SHANK,
    THIGH,
    TRUNK,
    ArmAngles,
    LegAngles,
    Pose,
    forward,
    phi_of,
)
from dorsi.draw.poses import PATTERNS, load_poses, parse_poses
from dorsi.draw.props import wall_x
from dorsi.draw.props_base import HALF

SVG = "{http://www.w3.org/2000/svg}"
TEST_IDS = (
    "knee_to_wall",
    "knee_to_wall_half_kneeling",
    "wb_angle",
    "goniometer",
    "three_position_straight_knee",
    "three_position_bent_knee",
    "three_position_deep_squat",
    "squat_screen",
    "heel_lift",
)
STANDING = (
    Anchor.NEAR_FOOT,
    Anchor.FAR_FOOT,
    Anchor.BOTH_FEET,
    Anchor.KNEE_FOOT,
    Anchor.HANDS_FEET,
)


def _leg(hip: float = 0.0, knee: float = 0.0, ankle: float = 0.0) -> LegAngles:
    return LegAngles(hip, knee, ankle)


def _pose(near: LegAngles, trunk: float = 0.0, far: LegAngles | None = None) -> Pose:
    arm = ArmAngles(0.0, 0.0)
    return Pose(trunk, 0.0, near, far or near, arm, arm)


def _raw() -> dict[str, Any]:
    text = files("dorsi.draw").joinpath("data/poses.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


# --- forward kinematics -------------------------------------------------------------------


def test_straight_standing_puts_the_hip_above_the_ankle_at_leg_length() -> None:
    body = forward(_pose(_leg()))
    leg = body.near_leg
    assert leg.ankle.x == pytest.approx(0.0, abs=1e-12)
    assert body.hip.y - leg.ankle.y == pytest.approx(SHANK + THIGH)
    assert body.shoulder.y - body.hip.y == pytest.approx(TRUNK)
    # Flat foot: the sole is ankle height below the ankle, heel behind, toe ahead.
    assert leg.heel.y == pytest.approx(leg.ankle.y - ANKLE_HEIGHT)
    assert leg.toe.y == pytest.approx(leg.heel.y)
    assert leg.toe.x - leg.heel.x == pytest.approx(FOOT_LENGTH)
    assert leg.heel.x == pytest.approx(-HEEL_BACK)


def test_seated_right_angles_put_the_knee_ahead_and_the_shank_vertical() -> None:
    leg = forward(_pose(_leg(90, 90, 0))).near_leg
    assert leg.knee.x == pytest.approx(THIGH)
    assert leg.knee.y == pytest.approx(0.0, abs=1e-12)
    assert leg.ankle.x == pytest.approx(THIGH)
    assert leg.ankle.y == pytest.approx(-SHANK)


def test_dorsiflexion_tilts_the_shank_forward_over_a_flat_foot() -> None:
    # Shank 40 degrees forward of vertical with 40 degrees of dorsiflexion: the foot is flat.
    leg = forward(_pose(_leg(40, 80, 40))).near_leg
    assert phi_of(leg.ankle - leg.knee) == pytest.approx(-40.0)
    assert leg.toe.y == pytest.approx(leg.heel.y)
    # Plantarflexion lifts the heel above the toe.
    raised = forward(_pose(_leg(0, 0, -30))).near_leg
    assert raised.heel.y > raised.toe.y
    assert raised.heel.y - raised.toe.y == pytest.approx(FOOT_LENGTH * math.sin(math.radians(30)))


def test_leaning_forward_moves_the_shoulder_ahead_of_the_hip() -> None:
    body = forward(_pose(_leg(30), trunk=30.0))
    assert body.shoulder.x == pytest.approx(TRUNK * math.sin(math.radians(30)))
    assert body.shoulder.y == pytest.approx(TRUNK * math.cos(math.radians(30)))
    # Hip flexion equal to the lean keeps the thigh vertical.
    assert body.near_leg.knee.x == pytest.approx(0.0, abs=1e-12)


# --- every key ----------------------------------------------------------------------------


def test_every_test_id_and_pattern_has_a_figure() -> None:
    keys = set(figure_keys())
    assert set(TEST_IDS) <= keys
    assert set(PATTERNS) <= keys


def test_every_exercise_in_the_library_resolves_to_a_figure() -> None:
    library = load_library()
    assert len(library) >= 35
    for exercise in library:
        spec = figure_spec(exercise.id)
        assert spec.title
        assert spec.description


def test_every_pose_pattern_of_the_library_has_key_poses() -> None:
    assert set(PATTERNS) == {pattern.value for pattern in PosePattern}
    assert set(load_poses().patterns) == set(PATTERNS)


def test_an_exercise_without_its_own_figure_draws_its_pattern_under_its_name() -> None:
    spec = figure_spec("ankle-pumps")
    assert spec.title == "Ankle pumps"
    assert spec.keys == load_poses().patterns["supine"].keys


def test_a_figure_of_its_own_wins_over_the_pattern() -> None:
    spec = figure_spec("banded-ankle-mobilization")
    assert [p.kind for p in spec.props] == ["band"]


@pytest.mark.parametrize("key", figure_keys())
def test_every_figure_is_accessible_animated_svg(key: str) -> None:
    root = ET.fromstring(figure_svg(key))
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    children = list(root)
    assert children[0].tag == f"{SVG}title"
    assert children[0].text
    assert children[1].tag == f"{SVG}desc"
    assert children[1].text
    animations = root.findall(f".//{SVG}animate")
    assert animations, "nothing moves"
    for animate in animations:
        values = animate.get("values", "").split(";")
        assert len(values) >= 3
        assert values[0] == values[-1], "the loop must end where it starts"
        assert animate.get("repeatCount") == "indefinite"
        assert animate.get("dur") == "3.6s"
    assert root.find(f".//{SVG}g[@class='dorsi-still']") is not None


def test_the_static_figure_has_no_animation_and_shows_start_and_end() -> None:
    root = ET.fromstring(figure_svg("knee_to_wall", animate=False, size_px=480))
    assert root.findall(f".//{SVG}animate") == []
    assert root.find(f"{SVG}style") is None
    assert root.get("width") == "480"
    assert root.get("height") == "360"
    ghost = root.find(f"{SVG}g[@opacity]")
    assert ghost is not None
    assert len(ghost) == 6


def test_the_reduced_motion_query_swaps_in_the_still_figure() -> None:
    style = ET.fromstring(figure_svg("deep_squat")).find(f"{SVG}style")
    assert style is not None
    assert style.text is not None
    assert "prefers-reduced-motion: reduce" in style.text


def test_an_unknown_key_is_a_validation_error() -> None:
    with pytest.raises(ValidationError) as error:
        figure_svg("moonwalk")
    assert error.value.field == "figure"
    assert "moonwalk" in str(error.value)


def test_a_non_positive_size_is_a_validation_error() -> None:
    with pytest.raises(ValidationError):
        figure_svg("knee_to_wall", size_px=0)


# --- the figures look like people ---------------------------------------------------------


@pytest.mark.parametrize("key", figure_keys())
def test_nothing_goes_through_the_floor_and_no_knee_bends_backwards(key: str) -> None:
    for body in spec_frames(figure_spec(key)):
        assert min(p.y for p in body.points()) >= -1e-3  # 0.1 % of height: invisible
        for leg in (body.near_leg, body.far_leg):
            bend = (phi_of(leg.knee - leg.hip) - phi_of(leg.ankle - leg.knee)) % 360.0
            assert bend <= 170.0 or bend >= 359.0, f"{key}: knee bent {bend:.0f} degrees"


def _standing(*, lifted: bool) -> list[str]:
    return [
        key
        for key in figure_keys()
        if figure_spec(key).stage.anchor in STANDING
        and any(k.pose.lift for k in figure_spec(key).keys) is lifted
    ]


def _anchor(body: Any, stage: Any) -> Any:
    return body.far_leg if stage.anchor is Anchor.FAR_FOOT else body.near_leg


@pytest.mark.parametrize("key", _standing(lifted=False))
def test_the_anchor_sole_stays_on_the_floor_in_standing_poses(key: str) -> None:
    spec = figure_spec(key)
    heights = {
        round(sole_contact(_anchor(b, spec.stage), spec.stage).y, 9) for b in spec_frames(spec)
    }
    assert heights == {round(spec.stage.floor, 9)}


@pytest.mark.parametrize(
    "key",
    [
        key
        for key in figure_keys()
        if figure_spec(key).stage.anchor in STANDING
        and all(Contact.FAR_FOOT in k.contacts for k in figure_spec(key).keys)
    ],
)
def test_a_far_foot_in_contact_stays_on_the_floor(key: str) -> None:
    spec = figure_spec(key)
    for body in spec_frames(spec):
        assert sole_contact(body.far_leg, spec.stage).y == pytest.approx(spec.stage.floor, abs=2e-3)


def test_standing_poses_either_lift_or_keep_the_anchor_down() -> None:
    # Guards the two parametrized tests above against silently testing nothing.
    assert len(_standing(lifted=False)) >= 10
    assert set(_standing(lifted=False)).isdisjoint(_standing(lifted=True))


def test_the_anchor_foot_does_not_slide() -> None:
    frames = spec_frames(figure_spec("knee_to_wall"))
    assert {round(b.near_leg.toe.x, 9) for b in frames} == {0.0}
    calf_raise = spec_frames(figure_spec("calf_raise"))
    assert {round(b.near_leg.toe.x, 9) for b in calf_raise} == {0.0}
    assert max(b.near_leg.heel.y for b in calf_raise) > 0.05


def test_the_kneeling_knee_stays_on_the_floor_in_place() -> None:
    frames = spec_frames(figure_spec("half_kneeling_lunge"))
    knees = [b.far_leg.knee for b in frames]
    assert all(k.y == pytest.approx(0.0, abs=1e-9) for k in knees)
    assert max(k.x for k in knees) - min(k.x for k in knees) < 0.02


def test_the_knee_touches_the_wall_only_at_the_end_of_the_knee_to_wall_test() -> None:
    spec = figure_spec("knee_to_wall")
    frames = spec_frames(spec)
    wall = wall_x(next(p for p in spec.props if p.kind == "wall"), frames)
    gaps = [wall - b.near_leg.knee.x for b in frames]
    assert min(gaps) == pytest.approx(HALF)
    assert gaps[0] > 0.05  # the start pose is away from the wall
    # The hands rest on the wall too.
    assert all(b.near_arm.wrist.x < wall for b in frames)


def test_heel_plates_fill_the_gap_under_raised_heels() -> None:
    root = ET.fromstring(figure_svg("heel_lift", animate=False))
    plates = [r for r in root.iter(f"{SVG}rect") if r.get("fill") == "#94a3b8"]
    assert len(plates) == 2
    frames = spec_frames(figure_spec("heel_lift"))
    assert min(lowest(b.near_leg).y for b in frames) == pytest.approx(0.0, abs=1e-9)
    assert min(b.near_leg.heel.y for b in frames) > 0.01


# --- the data is validated ----------------------------------------------------------------


def _error(data: dict[str, Any]) -> ValidationError:
    with pytest.raises(ValidationError) as error:
        parse_poses(data)
    return error.value


def test_the_packaged_data_is_valid() -> None:
    library = parse_poses(_raw())
    assert set(library.patterns) == set(PATTERNS)
    assert set(TEST_IDS) <= set(library.figures)


def test_a_missing_angle_names_the_pose_and_the_field() -> None:
    data = _raw()
    del data["pattern"]["deep_squat"]["end"]["near_leg"]["knee_flexion_deg"]
    error = _error(data)
    assert error.field == "pattern.deep_squat.end.near_leg.knee_flexion_deg"
    assert "required" in str(error)


def test_a_knee_bending_backwards_is_out_of_range() -> None:
    data = _raw()
    data["pattern"]["hop"]["start"]["far_leg"]["knee_flexion_deg"] = -10
    error = _error(data)
    assert error.field == "pattern.hop.start.far_leg.knee_flexion_deg"
    assert "outside 0 to 160" in str(error)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda d: d["pattern"].update(moonwalk=d["pattern"]["hop"]), "pattern.moonwalk"),
        (lambda d: d["pattern"].pop("hop"), "pattern"),
        (lambda d: d["pattern"]["hop"].update(anchor="ceiling"), "pattern.hop.anchor"),
        (lambda d: d["pattern"]["hop"]["end"].update(lift=2.0), "pattern.hop.end.lift"),
        (lambda d: d["pattern"]["hop"]["end"].update(elbow_deg=3), "pattern.hop.end.elbow_deg"),
        (
            lambda d: d["pattern"]["hop"]["end"].update(contacts=["nose"]),
            "pattern.hop.end.contacts",
        ),
        (lambda d: d["pattern"]["hop"].pop("title"), "pattern.hop.title"),
        (lambda d: d["pattern"]["hop"].pop("end"), "pattern.hop.end"),
        (
            lambda d: d["pattern"]["hop"].update(props=[{"kind": "trampoline"}]),
            "pattern.hop.props[0].kind",
        ),
        (
            lambda d: d["pattern"]["hop"].update(props=[{"kind": "wall", "at": "elbow"}]),
            "pattern.hop.props[0].at",
        ),
        (
            lambda d: d["pattern"]["hop"].update(props=[{"kind": "step", "height": 0.1}]),
            "pattern.hop.props[0].back",
        ),
        (lambda d: d["pattern"]["hop"].update(props=[{"kind": "tape"}]), "pattern.hop.props"),
        (
            lambda d: d["figure"]["knee_to_wall"].update(pattern="moonwalk"),
            "figure.knee_to_wall.pattern",
        ),
        (lambda d: d.update(schema="dorsi.poses/v0"), "schema"),
    ],
)
def test_invalid_pose_data_names_the_field(change: Any, field: str) -> None:
    data = copy.deepcopy(_raw())
    change(data)
    assert _error(data).field == field


def test_a_figure_for_a_page_leaves_its_style_to_the_page_stylesheet() -> None:
    from dorsi.draw.figures import MOTION_CSS

    standalone = figure_svg("knee_to_wall")
    in_page = figure_svg("knee_to_wall", embed_css=False)
    assert MOTION_CSS in standalone
    assert "<style" not in in_page
    root = ET.fromstring(in_page)
    assert root.find(f".//{SVG}g[@class='dorsi-motion']") is not None
    assert root.find(f".//{SVG}g[@class='dorsi-still']") is not None
