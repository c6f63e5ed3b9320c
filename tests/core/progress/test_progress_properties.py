"""Properties of progress over generated logs: symmetry and bounds."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from dorsi.core.assessment.inputs import AssessmentInput, SideInput
from dorsi.core.codes import PainType, ProgressFlag, SessionStatus, Side
from dorsi.core.progress.document import progress_to_document
from dorsi.core.progress.engine import SideProgress, compute_progress
from dorsi.core.progress.log import Log, Retest, Session, log_to_document, parse_log

START = date(2026, 1, 5)
distance = st.one_of(st.none(), st.floats(min_value=0.0, max_value=25.0).map(lambda v: round(v, 1)))


@st.composite
def logs(draw: st.DrawFn) -> Log:
    today = draw(st.integers(min_value=0, max_value=120))
    left, right = draw(distance), draw(distance)
    if left is None and right is None:
        left = round(draw(st.floats(min_value=0.0, max_value=25.0)), 1)
    retests = [
        Retest(START + timedelta(days=draw(st.integers(0, today))), a, b)
        for a, b in draw(st.lists(st.tuples(distance, distance), max_size=6))
        if a is not None or b is not None
    ]
    sessions = [
        Session(
            START + timedelta(days=draw(st.integers(-5, today))),
            status,
            minutes=minutes,
            pain_type=pain,
        )
        for status, minutes, pain in draw(
            st.lists(
                st.tuples(
                    st.sampled_from(SessionStatus), st.integers(0, 60), st.sampled_from(PainType)
                ),
                max_size=40,
            )
        )
    ]
    return Log(
        assessment=AssessmentInput(left=SideInput(left), right=SideInput(right), date=START),
        plan_start=START,
        today=START + timedelta(days=today),
        retests=tuple(sorted(retests, key=lambda r: r.when)),
        sessions=tuple(sorted(sessions, key=lambda s: s.when)),
    )


@settings(max_examples=150, deadline=None)
@given(logs())
def test_swapping_left_and_right_swaps_per_side_results(log: Log) -> None:
    straight, mirrored = compute_progress(log), compute_progress(log.swapped())
    for side in Side:
        assert mirrored.side(side.other) == _relabelled(straight.side(side), side.other)
    assert mirrored.flags == straight.flags
    assert mirrored.adherence == straight.adherence
    assert mirrored.referral == straight.referral


def _relabelled(result: SideProgress | None, side: Side) -> SideProgress | None:
    return None if result is None else replace(result, side=side)


@settings(max_examples=150, deadline=None)
@given(logs())
def test_adherence_ratio_is_in_0_1_and_streak_is_bounded(log: Log) -> None:
    a = compute_progress(log).adherence
    assert 0.0 <= a.ratio <= 1.0
    assert 0 <= a.streak <= a.done_days <= a.planned_days


@settings(max_examples=100, deadline=None)
@given(logs())
def test_real_change_matches_the_rounded_change(log: Log) -> None:
    p = compute_progress(log)
    for result in (p.sides.left, p.sides.right):
        if result is not None:
            assert result.real_change is (abs(result.change_cm) >= 1.5)
            assert result.change_cm == round(result.latest_cm - result.baseline_cm, 2)


@settings(max_examples=100, deadline=None)
@given(logs())
def test_goal_reached_and_plateau_flags_follow_their_definitions(log: Log) -> None:
    p = compute_progress(log)
    if ProgressFlag.GOAL_REACHED in p.flags:
        left, right = p.sides.left, p.sides.right
        assert left is not None
        assert right is not None
        assert min(left.latest_cm, right.latest_cm) >= 10.0
        assert abs(round(left.latest_cm - right.latest_cm, 2)) <= 2.0
    if ProgressFlag.PLATEAU in p.flags:
        assert p.days_since_start >= 42
        assert p.referral.reasons[0] == "plateau"


@settings(max_examples=60, deadline=None)
@given(logs())
def test_document_round_trip_gives_the_same_progress_document(log: Log) -> None:
    again = parse_log(log_to_document(log))
    assert progress_to_document(compute_progress(again)) == progress_to_document(
        compute_progress(log)
    )
