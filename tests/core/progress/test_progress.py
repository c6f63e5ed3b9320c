"""SPEC §5 progress rules, one behaviour per test, asserting values."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from dorsi.core.codes import ProgressFlag, ReferralLevel, Side
from dorsi.core.progress.engine import Progress, compute_progress
from dorsi.core.progress.log import parse_log

START = date(2026, 1, 5)


def day(n: int) -> str:
    """ISO date of plan day offset ``n`` (0 = plan start)."""
    return (START + timedelta(days=n)).isoformat()


def retest(
    n: int, left: float | None = None, right: float | None = None, unit: str = "cm"
) -> dict[str, Any]:
    return {"date": day(n), "unit": unit, "left": left, "right": right}


def sessions(first: int, last: int, status: str = "done", **extra: Any) -> list[dict[str, Any]]:
    return [
        {"date": day(n), "status": status, "minutes": 10, **extra} for n in range(first, last + 1)
    ]


def progress(
    *,
    left: float | None = 8.0,
    right: float | None = 8.0,
    today: int = 20,
    retests: list[dict[str, Any]] | None = None,
    logged: list[dict[str, Any]] | None = None,
    felt: dict[str, str] | None = None,
    dated: bool = True,
) -> Progress:
    assessment: dict[str, Any] = {"knee_to_wall": {"unit": "cm", "left": left, "right": right}}
    if dated:
        assessment["date"] = day(0)
    if felt:
        assessment["felt"] = felt
    return compute_progress(
        parse_log(
            {
                "schema": "dorsi.log/v1",
                "assessment": assessment,
                "plan_start": day(0),
                "today": day(today),
                "retests": retests or [],
                "sessions": logged or [],
            }
        )
    )


def side(p: Progress, which: Side = Side.LEFT) -> Any:
    result = p.side(which)
    assert result is not None
    return result


# --- change and real change -------------------------------------------------------------


@pytest.mark.parametrize(
    ("latest", "real"), [(9.49, False), (9.5, True), (6.51, False), (6.5, True)]
)
def test_real_change_needs_1_5_cm_either_way(latest: float, real: bool) -> None:
    p = progress(retests=[retest(14, left=latest)])
    assert side(p).change_cm == pytest.approx(latest - 8.0)
    assert side(p).real_change is real


def test_change_is_rounded_before_the_real_change_test() -> None:
    # 11.6 - 10.1 is 1.4999999999999982 in floating point: still a real change.
    p = progress(left=10.1, retests=[retest(14, left=11.6)])
    assert side(p).change_cm == 1.5
    assert side(p).real_change is True


def test_latest_is_the_latest_retest_with_a_value_for_that_side() -> None:
    p = progress(retests=[retest(7, left=9.0, right=9.2), retest(14, left=9.5)])
    assert side(p, Side.LEFT).latest_cm == 9.5
    assert side(p, Side.RIGHT).latest_cm == 9.2
    assert side(p, Side.RIGHT).latest_date == START + timedelta(days=7)


def test_without_retests_latest_is_the_baseline() -> None:
    p = progress()
    assert (side(p).latest_cm, side(p).change_cm, side(p).real_change) == (8.0, 0.0, False)


def test_inch_retests_are_converted_to_cm() -> None:
    p = progress(retests=[retest(14, left=4.0, unit="in")])
    assert side(p).latest_cm == pytest.approx(10.16)
    assert side(p).change_cm == 2.16


def test_a_side_not_measured_at_baseline_has_no_progress() -> None:
    p = progress(right=None, retests=[retest(7, left=9.0, right=9.0)])
    assert p.side(Side.RIGHT) is None
    assert side(p, Side.LEFT).latest_cm == 9.0


# --- rate ---------------------------------------------------------------------------------


def test_rate_is_null_under_three_measurements() -> None:
    p = progress(retests=[retest(14, left=9.0)])
    assert side(p).rate_cm_per_week is None
    assert side(p).projection is None


def test_rate_counts_the_baseline_as_a_measurement() -> None:
    p = progress(retests=[retest(7, left=8.5), retest(14, left=9.0)])
    assert side(p).rate_cm_per_week == pytest.approx(0.5)


def test_rate_is_robust_to_one_outlier_retest() -> None:
    points = [retest(7 * k, left=8.0 + 0.5 * k) for k in range(1, 6)]
    points[2]["left"] = 14.0  # a bad measurement at week 3
    p = progress(today=35, retests=points)
    assert side(p).rate_cm_per_week == pytest.approx(0.5)


def test_baseline_is_dated_at_plan_start_without_an_assessment_date() -> None:
    p = progress(dated=False, retests=[retest(7, left=8.5), retest(14, left=9.0)])
    assert side(p).baseline_date == START
    assert side(p).rate_cm_per_week == pytest.approx(0.5)


# --- projection ----------------------------------------------------------------------------


def test_projection_range_is_never_narrower_than_the_measurement_error_allows() -> None:
    # No spread in the slopes (0.5 cm/week throughout): 1.5 cm takes 21 days at that rate.
    p = progress(today=14, retests=[retest(7, left=8.5), retest(14, left=9.0)])
    projection = side(p).projection
    assert projection.value == START + timedelta(days=28)  # 1 cm to go at 0.5 cm/week
    assert projection.latest is not None
    assert (projection.latest - projection.earliest).days >= 21
    assert projection.earliest <= projection.value <= projection.latest


def test_projection_range_comes_from_sens_confidence_interval_of_the_slope() -> None:
    # slopes 0.7, 0.5 and 0.3 cm/week: with 3 points Sen's 95 % interval spans all of them.
    p = progress(today=14, retests=[retest(7, left=8.7), retest(14, left=9.0)])
    projection = side(p).projection
    assert projection.value == START + timedelta(days=14 + 14)
    assert projection.earliest <= START + timedelta(days=14 + 10)  # ceil(1 / 0.7 * 7)
    assert projection.latest is not None
    assert projection.latest >= START + timedelta(days=14 + 24)  # ceil(1 / 0.3 * 7)
    assert (projection.latest - projection.earliest).days >= 21


def test_projection_latest_is_open_when_the_slow_rate_is_not_positive() -> None:
    # slopes 1.0, 0.25, -0.5 cm/week: median 0.25, the interval's low end negative.
    p = progress(today=14, retests=[retest(7, left=9.0), retest(14, left=8.5)])
    projection = side(p).projection
    assert projection.value == START + timedelta(days=14 + 42)
    assert projection.latest is None


def test_no_projection_under_the_minimum_rate() -> None:
    # 0.04 cm/week: under 0.05 cm/week nothing is projected.
    p = progress(left=9.0, today=14, retests=[retest(7, left=9.04), retest(14, left=9.08)])
    assert side(p).projection is None


def test_no_projection_on_plateau() -> None:
    logged = sessions(0, 44)
    p = progress(today=44, retests=[retest(21, left=8.3), retest(42, left=8.6)], logged=logged)
    assert ProgressFlag.PLATEAU in p.flags
    assert side(p).projection is None


def test_no_projection_on_detraining() -> None:
    p = progress(today=40, retests=[retest(7, left=8.5), retest(21, left=9.6)])
    assert ProgressFlag.DETRAINING in p.flags
    assert side(p).projection is None


@pytest.mark.parametrize(
    ("values", "why"),
    [((8.0, 8.0), "flat"), ((7.8, 7.5), "falling"), ((10.0, 10.5), "at goal")],
)
def test_no_projection_when_rate_is_not_positive_or_goal_reached(
    values: tuple[float, float], why: str
) -> None:
    p = progress(today=14, retests=[retest(7, left=values[0]), retest(14, left=values[1])])
    assert side(p).projection is None, why


def test_no_projection_beyond_two_years() -> None:
    p = progress(left=5.0, today=14, retests=[retest(7, left=5.01), retest(14, left=5.02)])
    assert side(p).projection is None


def test_projection_is_never_before_today() -> None:
    logged = sessions(50, 60)
    p = progress(today=60, retests=[retest(7, left=9.0), retest(14, left=9.9)], logged=logged)
    projection = side(p).projection
    assert projection.value == START + timedelta(days=60)
    assert projection.earliest == START + timedelta(days=60)


# --- adherence, streak, minutes --------------------------------------------------------------


def test_planned_days_run_from_plan_start_to_today_inclusive() -> None:
    assert progress(today=0).adherence.planned_days == 1
    assert progress(today=20).adherence.planned_days == 21


def test_partial_counts_as_done_and_duplicates_and_skips_do_not() -> None:
    logged = (
        sessions(0, 3)
        + sessions(4, 5, "partial")
        + sessions(6, 7, "skipped")
        + sessions(0, 1)
        + [{"date": day(-3), "status": "done"}]
    )
    a = progress(today=9, logged=logged).adherence
    assert (a.planned_days, a.done_days, a.ratio) == (10, 6, 0.6)


def test_ratio_is_rounded_to_three_decimals() -> None:
    assert progress(today=2, logged=sessions(0, 0)).adherence.ratio == 0.333


def test_streak_ends_today_when_today_is_done() -> None:
    assert progress(today=9, logged=sessions(5, 9)).adherence.streak == 5


def test_streak_ends_yesterday_while_today_is_not_logged() -> None:
    assert progress(today=9, logged=sessions(3, 8)).adherence.streak == 6


def test_streak_is_zero_when_today_is_logged_as_skipped() -> None:
    logged = sessions(3, 8) + sessions(9, 9, "skipped")
    assert progress(today=9, logged=logged).adherence.streak == 0


def test_streak_is_broken_by_a_missing_day_and_counts_partial() -> None:
    logged = sessions(0, 4) + sessions(6, 7, "partial") + sessions(8, 9)
    assert progress(today=9, logged=logged).adherence.streak == 4


def test_minutes_per_week_last_seven_days_and_average() -> None:
    logged = sessions(0, 13) + sessions(14, 20, "partial", minutes=4)
    m = progress(today=20, logged=logged).minutes_per_week
    assert m.last_7_days == 28.0
    assert m.average == pytest.approx(round((140 + 28) / 21 * 7, 1))


# --- flags ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("today", "flagged"), [(41, False), (42, True)])
def test_plateau_needs_42_days_since_plan_start(today: int, flagged: bool) -> None:
    p = progress(today=today, logged=sessions(0, today), retests=[retest(21, 8.5, 8.5)])
    assert (ProgressFlag.PLATEAU in p.flags) is flagged
    assert ("plateau" in p.referral.reasons) is flagged


@pytest.mark.parametrize(("done", "flagged"), [(69, False), (70, True)])
def test_plateau_needs_70_percent_adherence(done: int, flagged: bool) -> None:
    p = progress(today=99, logged=sessions(0, done - 1), retests=[retest(42, 9.0, 9.0)])
    assert p.adherence.planned_days == 100
    assert (ProgressFlag.PLATEAU in p.flags) is flagged


def test_no_plateau_when_either_side_changed_for_real() -> None:
    p = progress(today=50, logged=sessions(0, 50), retests=[retest(42, left=8.2, right=9.5)])
    assert ProgressFlag.PLATEAU not in p.flags
    assert p.referral.level is ReferralLevel.NONE


def test_plateau_raises_referral_consider() -> None:
    p = progress(today=50, logged=sessions(0, 50), retests=[retest(42, 8.4, 8.0)])
    assert p.referral.level is ReferralLevel.CONSIDER
    assert p.referral.reasons == ("plateau",)


@pytest.mark.parametrize(("last_session", "flagged"), [(13, False), (14, True)])
def test_detraining_after_14_days_without_a_session(last_session: int, flagged: bool) -> None:
    today = 60
    logged = sessions(0, today - last_session) + sessions(
        today - last_session + 1, today, "skipped"
    )
    p = progress(today=today, logged=logged, retests=[retest(42, left=10.0)])
    assert (ProgressFlag.DETRAINING in p.flags) is flagged


def test_no_detraining_without_a_real_gain() -> None:
    p = progress(today=60, logged=sessions(0, 30), retests=[retest(28, left=9.4)])
    assert ProgressFlag.DETRAINING not in p.flags


def test_detraining_counts_a_gain_already_partly_lost() -> None:
    p = progress(
        today=60, logged=sessions(0, 30), retests=[retest(28, left=10.0), retest(56, left=9.0)]
    )
    assert ProgressFlag.DETRAINING in p.flags


@pytest.mark.parametrize(
    ("left", "right", "reached"),
    [(10.0, 12.0, True), (10.0, 12.01, False), (9.99, 11.0, False), (13.0, 14.0, True)],
)
def test_goal_reached_needs_both_sides_at_10_cm_and_no_meaningful_asymmetry(
    left: float, right: float, reached: bool
) -> None:
    p = progress(retests=[retest(7, left=10.5, right=10.5), retest(14, left=left, right=right)])
    assert (ProgressFlag.GOAL_REACHED in p.flags) is reached


def test_goal_reached_needs_two_retests_at_the_goal() -> None:
    one = progress(retests=[retest(14, left=10.4, right=10.4)])
    assert ProgressFlag.GOAL_REACHED not in one.flags
    dipped = progress(retests=[retest(7, left=9.6, right=10.4), retest(14, left=10.4, right=10.4)])
    assert ProgressFlag.GOAL_REACHED not in dipped.flags
    held = progress(retests=[retest(7, left=10.1, right=10.4), retest(14, left=10.4, right=10.4)])
    assert ProgressFlag.GOAL_REACHED in held.flags


def test_goal_needs_both_sides_measured() -> None:
    p = progress(right=None, retests=[retest(14, left=12.0)])
    assert ProgressFlag.GOAL_REACHED not in p.flags


@pytest.mark.parametrize(
    ("baseline", "latest", "resolved"),
    [
        ((7.0, 10.0), (9.0, 10.0), True),
        ((7.0, 10.0), (7.5, 10.0), False),
        ((8.0, 10.0), (10.0, 10.0), False),
        ((10.0, 7.0), (10.5, 9.1), True),
        ((10.0, 7.0), (10.5, 9.0), False),  # 1.5 cm: not below the measurement error
    ],
)
def test_asymmetry_resolved_below_the_measurement_error(
    baseline: tuple[float, float], latest: tuple[float, float], resolved: bool
) -> None:
    p = progress(left=baseline[0], right=baseline[1], retests=[retest(14, *latest)])
    assert (ProgressFlag.ASYMMETRY_RESOLVED in p.flags) is resolved


# --- referral from the logs ----------------------------------------------------------------------


@pytest.mark.parametrize(("painful", "referred"), [(2, False), (3, True)])
def test_repeated_sharp_pain_from_three_session_days(painful: int, referred: bool) -> None:
    logged = sessions(0, painful - 1, pain=6, pain_type="sharp") + sessions(painful, 10)
    p = progress(logged=logged)
    assert p.painful_session_days == painful
    assert ("repeated_sharp_pain" in p.referral.reasons) is referred


def test_pinching_pain_counts_and_one_day_counts_once() -> None:
    logged = (
        sessions(0, 0, pain_type="pinch")
        + sessions(0, 0, pain_type="sharp")
        + sessions(1, 1, pain_type="pinch")
    )
    p = progress(logged=logged)
    assert p.painful_session_days == 2
    assert p.referral.level is ReferralLevel.NONE


@pytest.mark.parametrize(
    ("today", "left_latest", "referred"),
    [(42, 8.5, True), (41, 8.5, False), (42, 9.5, False)],
)
def test_unchanged_front_pinch_after_six_adherent_weeks(
    today: int, left_latest: float, referred: bool
) -> None:
    p = progress(
        today=today,
        logged=sessions(0, today),
        felt={"left": "front_pinch"},
        retests=[retest(21, left=left_latest, right=9.6)],
    )
    assert ("unchanged_front_pinch" in p.referral.reasons) is referred
    assert p.unchanged_pinch_sides == ((Side.LEFT,) if referred else ())


def test_front_pinch_needs_adherence() -> None:
    p = progress(today=50, logged=sessions(0, 10), felt={"right": "front_pinch"})
    assert p.referral.reasons == ()


def test_referral_reasons_keep_the_spec_order() -> None:
    logged = sessions(0, 50) + sessions(0, 2, pain_type="pinch")
    p = progress(
        today=50, logged=logged, felt={"left": "front_pinch"}, retests=[retest(42, 8.0, 8.0)]
    )
    assert p.referral.reasons == ("plateau", "repeated_sharp_pain", "unchanged_front_pinch")


def test_no_flags_and_no_referral_for_an_ordinary_log() -> None:
    p = progress(today=20, logged=sessions(0, 20), retests=[retest(14, 8.6, 8.4)])
    assert p.flags == ()
    assert p.referral.level is ReferralLevel.NONE


# --- expected ranges --------------------------------------------------------------------------------


def test_expected_range_labels_carry_no_grade() -> None:
    """The citation beside a label says the grade; the label itself must not say it too."""
    from dorsi.core.evidence import Grade

    for item in progress().expected_ranges:
        label = item.label.lower()
        for grade in Grade:
            assert grade.words not in label, item.code
            assert grade.value not in label, item.code
        assert "(research)" not in label


def test_expected_ranges_show_seed_claim_and_research_each_labelled() -> None:
    ranges = {r.code: r for r in progress().expected_ranges}
    seed, studies = ranges["seed_claim"], ranges["stretching_studies"]
    assert (seed.low_cm, seed.high_cm, seed.weeks_low, seed.weeks_high) == (2.0, 4.0, 4, 6)
    assert seed.source.tag.startswith("seed:000")
    assert seed.source.grade.value == "expert-opinion"
    assert studies.high_cm == 1.0
    assert (studies.source.tag, studies.source.grade.value) == ("Radford 2006", "research")
