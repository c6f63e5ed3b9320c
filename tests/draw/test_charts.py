"""SVG charts: values land where the axes say, bands and the ±1.5 cm band are drawn, and
nothing crashes on empty or extreme input."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date, timedelta

import pytest

from dorsi.core.errors import ValidationError
from dorsi.draw.charts import (
    Projection,
    adherence_calendar_svg,
    bands_chart_svg,
    progress_chart_svg,
)
from dorsi.draw.scale import (
    HALF_KNEELING_BANDS,
    STANDING_BANDS,
    band_of,
    bands_from,
    cm_range,
    date_ticks,
)

NS = "{http://www.w3.org/2000/svg}"
D0 = date(2026, 1, 5)  # a Monday


def _svg(text: str) -> ET.Element:
    root = ET.fromstring(text)  # well-formed XML or it raises
    assert root.tag == f"{NS}svg"
    assert root.get("role") == "img"
    title, desc = list(root)[:2]
    assert title.tag == f"{NS}title"
    assert title.text
    assert desc.tag == f"{NS}desc"
    assert desc.text
    return root


def _texts(root: ET.Element) -> list[str]:
    return [t.text or "" for t in root.iter(f"{NS}text")]


def _tick_y(root: ET.Element, label: str) -> float:
    """Pixel y of a cm tick, read back from its label (drawn 3.5 px below the line)."""
    for text in root.iter(f"{NS}text"):
        if text.text == label and text.get("text-anchor") == "end":
            return float(text.get("y", "nan")) - 3.5
    raise AssertionError(f"no tick {label}")


def _tick_x(root: ET.Element, label: str) -> float:
    for text in root.iter(f"{NS}text"):
        if text.text == label and text.get("text-anchor") == "middle":
            return float(text.get("x", "nan"))
    raise AssertionError(f"no tick {label}")


def _markers(root: ET.Element, side: str) -> dict[str, tuple[float, float]]:
    """Title text -> centre of each data marker of a side."""
    out = {}
    for node in root.iter():
        title = node.find(f"{NS}title")
        if title is None or not (title.text or "").startswith(f"{side}: "):
            continue
        if node.tag == f"{NS}circle":
            out[title.text or ""] = (float(node.get("cx", "0")), float(node.get("cy", "0")))
        elif node.tag == f"{NS}rect":
            out[title.text or ""] = (
                float(node.get("x", "0")) + 3.3,
                float(node.get("y", "0")) + 3.3,
            )
    return out


SERIES = {
    "left": [(D0, 8.0), (D0 + timedelta(days=7), 9.0), (D0 + timedelta(days=14), 10.0)],
    "right": [(D0, 12.0), (D0 + timedelta(days=14), 11.0)],
}


def _progress(**overrides: object) -> ET.Element:
    args: dict[str, object] = {
        "series": SERIES,
        "baseline_cm": {"left": 8.0, "right": 12.0},
        "start": D0,
        "end": D0 + timedelta(days=28),
    }
    args.update(overrides)
    return _svg(progress_chart_svg(**args))  # type: ignore[arg-type]


# --- progress chart -----------------------------------------------------------------------


def test_points_land_on_the_axis_values() -> None:
    root = _progress()
    left = _markers(root, "Left")
    x_first, y_8 = left[f"Left: 8.0 cm on {D0.isoformat()}"]
    _, y_10 = left[f"Left: 10.0 cm on {(D0 + timedelta(days=14)).isoformat()}"]
    assert y_8 == pytest.approx(_tick_y(root, "8"), abs=0.15)
    assert y_10 == pytest.approx(_tick_y(root, "10"), abs=0.15)
    assert x_first == pytest.approx(_tick_x(root, "5 Jan"), abs=0.15)
    x_mid, y_9 = left[f"Left: 9.0 cm on {(D0 + timedelta(days=7)).isoformat()}"]
    assert x_mid == pytest.approx(_tick_x(root, "12 Jan"), abs=0.15)
    assert y_9 == pytest.approx((y_8 + y_10) / 2, abs=0.15)
    right = _markers(root, "Right")
    assert right[f"Right: 12.0 cm on {D0.isoformat()}"][1] == pytest.approx(
        _tick_y(root, "12"), abs=0.15
    )


def test_the_category_bands_are_shaded_and_labelled() -> None:
    texts = _texts(_progress())
    for label in ("Significant restriction", "Moderate restriction", "Adequate", "Excellent"):
        assert label in texts


def test_each_baseline_has_a_three_centimetre_real_change_band() -> None:
    root = _progress()
    per_cm = (_tick_y(root, "8") - _tick_y(root, "10")) / 2
    bands = [
        g
        for g in root.iter(f"{NS}g")
        if (g.findtext(f"{NS}title") or "").startswith(("Left baseline", "Right baseline"))
    ]
    assert len(bands) == 2
    for group in bands:
        rect = group.find(f"{NS}rect")
        assert rect is not None
        assert float(rect.get("height", "0")) == pytest.approx(3 * per_cm, abs=0.2)
    left_rect = bands[0].find(f"{NS}rect")
    assert left_rect is not None
    middle = float(left_rect.get("y", "0")) + float(left_rect.get("height", "0")) / 2
    assert middle == pytest.approx(_tick_y(root, "8"), abs=0.2)
    assert "Left baseline ±1.5 cm" in _texts(root)


def test_sides_differ_by_colour_dash_marker_and_label() -> None:
    root = _progress()
    lines = root.findall(f".//{NS}polyline")
    assert len(lines) == 2
    assert {line.get("stroke") for line in lines} == {"#1d4ed8", "#0f766e"}
    assert {line.get("stroke-dasharray") for line in lines} == {"none", "6 3"}
    assert root.findall(f".//{NS}circle")
    assert root.findall(f".//{NS}rect[@width='6.6']")
    texts = _texts(root)
    assert "Left 10.0 cm" in texts  # the last value is labelled
    assert "Right 11.0 cm" in texts
    assert {"Left", "Right"} <= set(texts)  # legend


def test_the_projection_is_a_dashed_line_to_the_goal_with_its_range() -> None:
    goal = D0 + timedelta(days=42)
    root = _progress(
        projection={
            "left": Projection(goal, 12.0, D0 + timedelta(days=35), D0 + timedelta(days=56)),
            "right": None,
        }
    )
    group = next(
        g
        for g in root.iter(f"{NS}g")
        if (g.findtext(f"{NS}title") or "").startswith("Left: projected")
    )
    assert "12.0 cm" in (group.findtext(f"{NS}title") or "")
    lines = group.findall(f"{NS}line")
    dashed = [ln for ln in lines if ln.get("stroke-dasharray")]
    assert len(dashed) == 1
    assert len(lines) == 2  # the dashed line and the earliest–latest range
    assert float(dashed[0].get("y2", "0")) == pytest.approx(_tick_y(root, "12"), abs=0.15)


def test_a_plain_tuple_projection_is_accepted() -> None:
    root = _progress(projection={"right": (D0 + timedelta(days=40), 13.0, None, None)})
    assert any(
        (g.findtext(f"{NS}title") or "").startswith("Right: projected") for g in root.iter(f"{NS}g")
    )


@pytest.mark.parametrize(
    "series",
    [
        {},
        {"left": []},
        {"left": [(D0, 9.5)]},
        {"left": [(D0, 0.0)], "right": [(D0, 25.0)]},
        {"right": [(D0 - timedelta(days=30), 7.0), (D0 + timedelta(days=400), 14.0)]},
    ],
)
def test_empty_single_and_extreme_series_draw_one_marker_per_measurement(
    series: dict[str, list[tuple[date, float]]],
) -> None:
    root = _progress(series=series, baseline_cm={"left": None, "right": 25.0})
    for side in ("left", "right"):
        assert len(_markers(root, side.capitalize())) == len(series.get(side, []))
    assert ("No measurements yet" in _texts(root)) == (not any(series.values()))


def test_a_single_day_range_shows_that_day_on_the_axis() -> None:
    root = _progress(series={"left": [(D0, 9.0)]}, start=D0, end=D0, baseline_cm=None)
    [(x, y)] = _markers(root, "Left").values()
    assert x == pytest.approx(_tick_x(root, "5 Jan"))
    between = (_tick_y(root, "8") + _tick_y(root, "10")) / 2  # 9 cm, half-way between ticks
    assert y == pytest.approx(between, abs=0.5)


def test_values_at_the_ends_of_the_valid_range_stay_in_view() -> None:
    root = _progress(series={"left": [(D0, 0.0)], "right": [(D0, 25.0)]}, baseline_cm=None)
    ys = [y for _, y in [*_markers(root, "Left").values(), *_markers(root, "Right").values()]]
    frame = next(r for r in root.iter(f"{NS}rect") if r.get("fill") == "none")
    top = float(frame.get("y", "0"))
    bottom = top + float(frame.get("height", "0"))
    assert all(top <= y <= bottom for y in ys)


def test_the_description_tells_the_numbers() -> None:
    desc = _progress().findtext(f"{NS}desc") or ""
    assert "Left: 3 measurements, 8.0 cm on 2026-01-05 to 10.0 cm on 2026-01-19" in desc
    assert "baseline 12.0 cm ±1.5 cm" in desc


def test_progress_input_errors_name_the_field() -> None:
    with pytest.raises(ValidationError) as error:
        progress_chart_svg(series={"middle": [(D0, 9.0)]}, start=D0, end=D0)
    assert error.value.field == "series.middle"
    with pytest.raises(ValidationError) as error:
        progress_chart_svg(series={"left": [(D0, float("nan"))]}, start=D0, end=D0)
    assert error.value.field == "series.left"
    with pytest.raises(ValidationError) as error:
        progress_chart_svg(series={})
    assert error.value.field == "start"


def test_a_progress_document_can_be_charted_directly() -> None:
    document = {
        "schema": "dorsi.progress/v1",
        "plan_start": "2026-01-05",
        "today": "2026-02-02",
        "sides": {"left": {"baseline_cm": 8.0}, "right": None},
        "series": {
            "left": [
                {"date": "2026-01-05", "cm": 8.0, "kind": "baseline"},
                {"date": "2026-01-26", "cm": 9.6, "kind": "retest"},
            ],
            "right": [],
        },
        "chart": {
            "bands": [
                {"code": "significant_restriction", "low_cm": 0, "high_cm": 9.0},
                {"code": "moderate_restriction", "low_cm": 9.0, "high_cm": 10.0},
                {"code": "adequate", "low_cm": 10.0, "high_cm": 13.0},
                {"code": "excellent", "low_cm": 13.0, "high_cm": None},
            ],
            "projection": {
                "left": {
                    "points": [
                        {"date": "2026-01-26", "cm": 9.6},
                        {"date": "2026-03-02", "cm": 10.0},
                    ],
                    "earliest": "2026-02-20",
                    "latest": None,
                },
                "right": None,
            },
        },
    }
    root = _svg(progress_chart_svg(document))
    assert "Left 9.6 cm" in _texts(root)
    assert "Significant restriction" in _texts(root)
    assert "projected 10.0 cm around 2026-03-02" in (root.findtext(f"{NS}desc") or "")


# --- bands gauge --------------------------------------------------------------------------


def _marker_x(root: ET.Element, colour: str) -> float:
    line = next(ln for ln in root.iter(f"{NS}line") if ln.get("stroke") == colour)
    return float(line.get("x1", "nan"))


def test_the_gauge_puts_each_side_at_its_value() -> None:
    root = _svg(bands_chart_svg(left_cm=9.5, right_cm=20.0))
    x9, x10, x20 = _tick_x(root, "9"), _tick_x(root, "10"), _tick_x(root, "20")
    assert _marker_x(root, "#1d4ed8") == pytest.approx((x9 + x10) / 2, abs=0.15)
    assert _marker_x(root, "#0f766e") == pytest.approx(x20, abs=0.15)
    texts = _texts(root)
    assert "9.5 cm, moderate restriction (9–10 cm)" in texts
    assert "20.0 cm, excellent (above 13 cm)" in texts


@pytest.mark.parametrize(
    ("value", "words"),
    [
        (0.0, "significant restriction"),
        (9.0, "moderate restriction"),
        (10.0, "adequate"),
        (13.0, "adequate"),
        (13.01, "excellent"),
        (25.0, "excellent"),
        (31.0, "excellent"),
    ],
)
def test_values_at_band_edges_get_the_spec_category(value: float, words: str) -> None:
    root = _svg(bands_chart_svg(left_cm=value, right_cm=None))
    assert any(t.startswith(f"{value:.1f} cm, {words}") for t in _texts(root))
    assert "not measured" in _texts(root)
    x = _marker_x(root, "#1d4ed8")
    assert _tick_x(root, "0") <= x <= _tick_x(root, "25")


def test_the_half_kneeling_gauge_uses_its_own_bands() -> None:
    root = _svg(bands_chart_svg(left_cm=11.0, right_cm=13.0, variant="half_kneeling"))
    texts = _texts(root)
    assert "11.0 cm, normal (10.16–12.7 cm)" in texts
    assert "13.0 cm, excellent (above 12.7 cm)" in texts
    assert {"10.16", "12.7"} <= set(texts)


def test_the_gauge_renders_with_no_values_and_rejects_unknown_variants() -> None:
    root = _svg(bands_chart_svg(left_cm=None, right_cm=None))
    assert _texts(root).count("not measured") == 2
    with pytest.raises(ValidationError) as error:
        bands_chart_svg(left_cm=10.0, right_cm=None, variant="seated")
    assert error.value.field == "variant"


def test_a_report_document_can_be_charted_directly() -> None:
    report = {
        "schema": "dorsi.report/v1",
        "variant": "standing",
        "sides": {"left": {"knee_to_wall_cm": 8.2}, "right": None},
    }
    texts = _texts(_svg(bands_chart_svg(report)))
    assert "8.2 cm, significant restriction (below 9 cm)" in texts
    assert "not measured" in texts


# --- adherence calendar -------------------------------------------------------------------


def _cells(root: ET.Element) -> dict[str, ET.Element]:
    return {
        g.findtext(f"{NS}title") or "": g
        for g in root.iter(f"{NS}g")
        if ":" in (g.findtext(f"{NS}title") or "")
    }


def test_every_day_is_a_cell_with_its_status() -> None:
    done = {D0: "done", D0 + timedelta(days=1): "partial", D0 + timedelta(days=2): "skipped"}
    root = _svg(
        adherence_calendar_svg(
            start=D0, end=D0 + timedelta(days=13), done=done, today=D0 + timedelta(days=4)
        )
    )
    cells = _cells(root)
    assert len(cells) == 14
    assert "Mon 5 Jan 2026: done" in cells
    assert "Tue 6 Jan 2026: partial" in cells
    assert "Wed 7 Jan 2026: skipped" in cells
    assert "Thu 8 Jan 2026: not logged" in cells
    assert "Sat 10 Jan 2026: upcoming" in cells
    today = cells["Fri 9 Jan 2026: not logged"]
    assert len(today.findall(f"{NS}rect")) == 2  # the cell and the today outline
    # Monday on top, one column per week.
    first = cells["Mon 5 Jan 2026: done"].find(f"{NS}rect")
    next_week = cells["Mon 12 Jan 2026: upcoming"].find(f"{NS}rect")
    assert first is not None
    assert next_week is not None
    assert first.get("y") == next_week.get("y")
    assert float(next_week.get("x", "0")) > float(first.get("x", "0"))
    desc = root.findtext(f"{NS}desc") or ""
    assert "1 done, 1 partial, 1 skipped" in desc
    legend = _texts(root)
    assert {"done", "partial", "skipped", "not logged", "upcoming", "today"} <= set(legend)


def test_statuses_differ_in_shape_not_only_colour() -> None:
    done = {D0: "done", D0 + timedelta(days=1): "partial", D0 + timedelta(days=2): "skipped"}
    cells = _cells(
        _svg(
            adherence_calendar_svg(
                start=D0, end=D0 + timedelta(days=2), done=done, today=D0 + timedelta(days=2)
            )
        )
    )
    assert cells["Tue 6 Jan 2026: partial"].find(f"{NS}polygon") is not None
    assert cells["Wed 7 Jan 2026: skipped"].find(f"{NS}path") is not None
    assert cells["Mon 5 Jan 2026: done"].find(f"{NS}polygon") is None


def test_an_empty_or_reversed_range_renders_without_cells() -> None:
    root = _svg(adherence_calendar_svg(start=D0, end=D0 - timedelta(days=1), done={}, today=D0))
    assert root.findtext(f"{NS}desc") == "No days in this range."
    single = _svg(adherence_calendar_svg(start=D0, end=D0, done={D0: "done"}, today=D0))
    assert len(_cells(single)) == 1


def test_an_unknown_status_names_the_day() -> None:
    with pytest.raises(ValidationError) as error:
        adherence_calendar_svg(start=D0, end=D0, done={D0: "maybe"}, today=D0)
    assert error.value.field == "done.2026-01-05"


# --- scales -------------------------------------------------------------------------------


def test_band_membership_follows_the_spec_bounds() -> None:
    standing = bands_from(STANDING_BANDS)
    assert [band_of(standing, v).code for v in (8.99, 9.0, 9.99, 10.0, 13.0, 13.01)] == [
        "significant_restriction",
        "moderate_restriction",
        "moderate_restriction",
        "adequate",
        "adequate",
        "excellent",
    ]
    kneeling = bands_from(HALF_KNEELING_BANDS)
    assert [band_of(kneeling, v).code for v in (10.15, 10.16, 12.7, 12.71)] == [
        "poor",
        "normal",
        "normal",
        "excellent",
    ]
    with pytest.raises(ValidationError):
        bands_from(((10.0, "a"), (9.0, "b")))


def test_the_cm_axis_zooms_in_but_keeps_the_bands() -> None:
    bands = bands_from(STANDING_BANDS)
    low, high = cm_range([10.5, 11.0], bands)
    assert low <= 9.0 - 2
    assert high >= 13.0 + 2
    assert high - low < 25
    assert cm_range([0.0, 25.0], bands) == (0.0, 26.0)


def test_date_ticks_are_weekly_for_short_ranges_and_monthly_for_long_ones() -> None:
    short = date_ticks(D0, D0 + timedelta(days=28))
    assert [t.label for t in short] == ["5 Jan", "12 Jan", "19 Jan", "26 Jan", "2 Feb"]
    long = date_ticks(D0, D0 + timedelta(days=120))
    labels = [t.label for t in long if t.major]
    assert labels == ["5 Jan", "Feb", "Mar", "Apr", "May"]
    assert sum(1 for t in long if not t.major) == 18  # Mondays


def _smallest_text_px(svg: str, shown_px: float) -> float:
    root = ET.fromstring(svg)
    view_width = float(root.get("viewBox").split()[2])
    sizes = [float(e.get("font-size")) for e in root.iter() if e.get("font-size")]
    return min(sizes) * shown_px / view_width


def test_narrow_charts_keep_text_at_least_12px_on_a_360px_phone() -> None:
    from dorsi.draw.charts import PHONE_COLUMN_PX

    bands = bands_chart_svg(left_cm=8.5, right_cm=11.0, narrow=True)
    progress = progress_chart_svg(
        series={"left": [(date(2026, 6, 1), 8.0), (date(2026, 6, 22), 9.5)]},
        baseline_cm={"left": 8.0},
        start=date(2026, 6, 1),
        end=date(2026, 8, 24),
        narrow=True,
    )
    assert _smallest_text_px(bands, PHONE_COLUMN_PX) >= 12
    assert _smallest_text_px(progress, PHONE_COLUMN_PX) >= 12
    # the wide drawings shrunk to a phone would not be: that is why the narrow ones exist
    assert _smallest_text_px(bands_chart_svg(left_cm=8.5, right_cm=11.0), PHONE_COLUMN_PX) < 12


def test_narrow_bands_chart_drops_the_colliding_band_ticks() -> None:
    texts = [
        e.text
        for e in ET.fromstring(bands_chart_svg(left_cm=8.5, narrow=True)).iter()
        if e.tag.endswith("text")
    ]
    assert "9" not in texts
    assert "10" in texts


def test_narrow_session_calendar_keeps_text_at_least_12px_on_a_phone() -> None:
    from dorsi.draw.charts import PHONE_COLUMN_PX

    start = date(2026, 3, 1)
    for weeks in (3, 13, 20):
        svg = adherence_calendar_svg(
            start=start,
            end=start + timedelta(weeks=weeks),
            done={start: "done"},
            today=start + timedelta(days=3),
            narrow=True,
        )
        assert _smallest_text_px(svg, PHONE_COLUMN_PX) >= 12, weeks
