"""Who needs attention: each rule on its own, and the order the coach's list uses."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from dorsi.core.coaching.attention import (
    ClientFacts,
    Concern,
    Measure,
    attention,
    planned_days_in_window,
    short_date,
)
from dorsi.core.codes import PlanMode, ReferralLevel

TODAY = date(2026, 6, 17)


def _active(**changes: object) -> ClientFacts:
    """A client 4 weeks into a plan, training every day, nothing wrong."""
    start = TODAY - timedelta(days=27)
    facts = ClientFacts(
        today=TODAY,
        has_assessment=True,
        plan_start=start,
        plan_mode=PlanMode.DEVELOPMENT,
        retest_schedule=(start + timedelta(days=20), start + timedelta(days=34)),
        baseline=Measure(start, 7.5, 10.5),
        target_cm=10.0,
        retests=(Measure(start + timedelta(days=20), 8.0, 10.5),),
        done_days_in_window=14,
        done_days_since_start=28,
        last_active=TODAY,
    )
    return replace(facts, **changes)  # type: ignore[arg-type]


def test_an_adherent_client_with_nothing_wrong_needs_no_attention() -> None:
    result = attention(_active())
    assert result.needed is False
    assert result.headline == "Nothing needs attention"
    assert result.rank == len(Concern)


def test_sharp_pain_in_the_window_is_named_with_its_day() -> None:
    result = attention(_active(sharp_pain_days=2, last_sharp_pain=TODAY - timedelta(days=1)))
    assert result.reasons[0].concern is Concern.SHARP_PAIN
    assert result.headline == "Sharp or pinching pain on 2 days in the last 14 (last 16 Jun)"


def test_an_uncleared_red_flag_comes_before_everything_with_its_words() -> None:
    facts = _active(
        referral_level=ReferralLevel.BEFORE_STARTING,
        referral_reasons=("night_pain",),
        sharp_pain_days=1,
        last_sharp_pain=TODAY,
    )
    result = attention(facts)
    assert [r.concern for r in result.reasons] == [Concern.RED_FLAG, Concern.SHARP_PAIN]
    assert "pain at night or at rest" in result.headline
    assert "night_pain" not in result.headline


def test_a_cleared_red_flag_needs_no_attention() -> None:
    facts = _active(
        referral_level=ReferralLevel.BEFORE_STARTING, referral_reasons=("night_pain",), cleared=True
    )
    assert Concern.RED_FLAG not in attention(facts).concerns


def test_a_referral_to_consider_is_a_reason_in_words() -> None:
    facts = _active(
        referral_level=ReferralLevel.CONSIDER, referral_reasons=("knee_to_wall_below_9cm",)
    )
    assert attention(facts).headline == "Referral suggested: an ankle under 9\u00a0cm"


def test_swelling_logged_is_a_reason() -> None:
    facts = _active(swelling_days=1, last_swelling=TODAY - timedelta(days=3))
    assert attention(facts).headline == "Swelling or heat logged on 1 day (last 14 Jun)"


def test_adherence_under_half_of_the_last_14_days_is_a_reason() -> None:
    result = attention(_active(done_days_in_window=6))
    assert result.reasons[0].concern is Concern.LOW_ADHERENCE
    assert result.headline == "Adherence 43 % in the last 14 days (6 of 14 done)"


def test_adherence_of_exactly_half_is_not_low() -> None:
    assert Concern.LOW_ADHERENCE not in attention(_active(done_days_in_window=7)).concerns


def test_a_new_plan_counts_only_its_own_days_for_adherence() -> None:
    facts = _active(plan_start=TODAY - timedelta(days=2), done_days_in_window=1, retests=())
    assert planned_days_in_window(facts) == 3
    assert attention(facts).headline == "Adherence 33 % in the last 3 days (1 of 3 done)"


def test_a_week_without_a_done_session_is_inactivity() -> None:
    facts = _active(last_active=TODAY - timedelta(days=7), done_days_in_window=7)
    assert attention(facts).headline == "No activity for 7 days or more (last session 10 Jun)"


def test_six_days_without_a_session_is_not_inactivity() -> None:
    facts = _active(last_active=TODAY - timedelta(days=6), done_days_in_window=8)
    assert Concern.INACTIVE not in attention(facts).concerns


def test_a_retest_not_entered_on_its_day_is_due_then_overdue() -> None:
    scheduled = TODAY - timedelta(days=1)
    facts = _active(retest_schedule=(scheduled,), retests=())
    assert attention(facts).headline == "Retest due since 16 Jun"
    late = replace(facts, retest_schedule=(TODAY - timedelta(days=4),))
    assert attention(late).headline == "Retest overdue since 13 Jun (4 days)"
    assert attention(replace(facts, retest_schedule=(TODAY,))).headline == "Retest due today"


def test_a_retest_entered_near_its_day_settles_it() -> None:
    scheduled = TODAY - timedelta(days=5)
    facts = _active(
        retest_schedule=(scheduled,), retests=(Measure(scheduled - timedelta(days=2), 8, 11),)
    )
    assert attention(facts).needed is False


def test_plateau_after_six_adherent_weeks_without_a_real_change() -> None:
    start = TODAY - timedelta(days=49)
    facts = _active(
        plan_start=start,
        retest_schedule=(),
        baseline=Measure(start, 7.5, 10.5),
        retests=(Measure(TODAY - timedelta(days=1), 8.9, 11.0),),
        done_days_since_start=40,
    )
    assert attention(facts).headline == "Plateau: no real change after 7 weeks of regular work"
    changed = replace(facts, retests=(Measure(TODAY, 9.0, 11.0),))  # +1.5 cm is real
    assert Concern.PLATEAU not in attention(changed).concerns
    lazy = replace(facts, done_days_since_start=30)  # 30 of 50 days is under 70 %
    assert Concern.PLATEAU not in attention(lazy).concerns


def test_goal_reached_at_two_retests_means_ready_for_maintenance() -> None:
    retests = (Measure(TODAY - timedelta(days=7), 10.2, 10.8), Measure(TODAY, 10.4, 11.0))
    facts = _active(retest_schedule=(), retests=retests)
    assert attention(facts).headline == "Goal reached at two retests: ready for maintenance"
    one = replace(facts, retests=retests[1:])
    assert Concern.GOAL_REACHED not in attention(one).concerns
    in_maintenance = replace(facts, plan_mode=PlanMode.MAINTENANCE)
    assert Concern.GOAL_REACHED not in attention(in_maintenance).concerns


def test_goal_needs_no_meaningful_asymmetry_at_the_last_retest() -> None:
    retests = (Measure(TODAY - timedelta(days=7), 10.2, 12.8), Measure(TODAY, 10.4, 12.5))
    assert Concern.GOAL_REACHED not in attention(_active(retests=retests)).concerns


def test_clients_without_a_plan_are_listed_last_with_what_is_missing() -> None:
    assert attention(ClientFacts(today=TODAY)).headline == "No assessment yet"
    assessed = attention(ClientFacts(today=TODAY, has_assessment=True))
    assert assessed.headline == "Assessed, no plan yet"
    assert assessed.rank == Concern.NO_PLAN.rank


def test_reasons_come_most_pressing_first() -> None:
    facts = _active(
        swelling_days=1,
        last_swelling=TODAY,
        sharp_pain_days=1,
        last_sharp_pain=TODAY,
        done_days_in_window=2,
        last_active=TODAY - timedelta(days=9),
    )
    concerns = [reason.concern for reason in attention(facts).reasons]
    assert concerns == [
        Concern.SHARP_PAIN,
        Concern.SWELLING,
        Concern.LOW_ADHERENCE,
        Concern.INACTIVE,
    ]


def test_short_dates_name_the_month() -> None:
    assert short_date(date(2026, 1, 5)) == "5 Jan"
    assert short_date(date(2026, 12, 31)) == "31 Dec"


def test_referral_reasons_are_read_from_a_stored_report() -> None:
    from dorsi.core.assessment.document import report_to_document
    from dorsi.core.assessment.engine import assess
    from dorsi.core.assessment.parse import parse_assessment
    from dorsi.core.coaching.report_facts import referral_reasons

    report = assess(parse_assessment({"knee_to_wall": {"left": 7.0, "right": 11.0}}))
    assert referral_reasons(report_to_document(report)) == ("knee_to_wall_below_9cm",)
    assert referral_reasons({"sides": {}}) == ()
