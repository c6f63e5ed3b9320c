"""The plan calendar's week and phase labels, and why each retest is where it is."""

from __future__ import annotations

from dorsi.core.codes import Phase
from dorsi.core.program.calendar_text import day_kind_name, phase_label, retest_weeks, week_label


def test_retest_weeks_follow_the_retest_days() -> None:
    assert retest_weeks() == (3, 5, 6, 7, 8, 9, 12)


def test_every_third_week_retest_says_why() -> None:
    label = week_label(3, Phase.FOUNDATION)
    assert label.title == "Week 3 · Foundation"
    assert "every third week" in label.retest_reason
    assert "weekly" not in label.retest_reason


def test_mobilization_weeks_retest_weekly_and_say_so() -> None:
    assert "weekly during the mobilization block" in week_label(5, Phase.MOBILIZATION).retest_reason
    both = week_label(6, Phase.MOBILIZATION).retest_reason
    assert "every third week" in both
    assert "weekly" in both


def test_weeks_without_a_retest_give_no_reason() -> None:
    assert week_label(4, Phase.FOUNDATION).retest_reason == ""
    assert week_label(10, Phase.INTEGRATION).retest_reason == ""


def test_phase_label_names_its_weeks() -> None:
    assert phase_label(Phase.MOBILIZATION).startswith("Mobilization (weeks 5\u20138): ")
    assert phase_label(Phase.INTEGRATION).startswith("Integration (weeks 9\u201312): ")
    assert phase_label(Phase.MAINTENANCE).startswith("Maintenance: ")


def test_a_day_outside_the_numbered_weeks_is_labelled_by_its_phase_alone() -> None:
    assert week_label(0, Phase.MAINTENANCE).title == "Maintenance"


def test_day_kinds_are_named_in_words_never_as_codes() -> None:
    assert day_kind_name("standalone") == "short session"
    assert day_kind_name("warm_up") == "warm-up before training"
    assert day_kind_name("some_new_kind") == "some new kind"
