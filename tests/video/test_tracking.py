"""Locking onto one athlete."""

from __future__ import annotations

from dorsi.video.pose import PoseCandidate
from dorsi.video.tracking import SubjectTracker
from tests.video import synthetic as syn


def person(dx: float = 0.0, scale_body: float = 1.0, visibility: float = 0.95) -> PoseCandidate:
    body = syn.Body(
        shank=50 * scale_body, thigh=50 * scale_body, trunk=60 * scale_body, toe_x=190 + dx
    )
    return PoseCandidate(syn.landmarks(body, syn.Posture(), visibility=visibility))


def test_locks_on_the_larger_person_first() -> None:
    tracker = SubjectTracker()
    big, small = person(), person(dx=-120, scale_body=0.6)
    assert tracker.pick([small, big]) is big


def test_refuses_a_pose_that_jumps_to_someone_else() -> None:
    tracker = SubjectTracker()
    athlete = person()
    tracker.commit(tracker.pick([athlete]), [athlete])
    passer_by = person(dx=-150)
    assert tracker.pick([passer_by]) is None
    tracker.commit(None, [passer_by])
    assert tracker.stats().refused_frames == 1
    back = person(dx=3)
    assert tracker.pick([passer_by, back]) is back


def test_a_similar_second_person_counts_as_a_competitor() -> None:
    tracker = SubjectTracker()
    athlete, twin = person(), person(dx=-150)
    for _ in range(4):
        tracker.commit(tracker.pick([athlete, twin]), [athlete, twin])
    stats = tracker.stats()
    assert (stats.subject_frames, stats.competitor_frames) == (4, 4)


def test_a_reflection_far_smaller_is_not_a_competitor() -> None:
    tracker = SubjectTracker()
    athlete, reflection = person(), person(dx=-150, scale_body=0.6)
    tracker.commit(tracker.pick([athlete, reflection]), [athlete, reflection])
    assert tracker.stats().competitor_frames == 0


def test_search_region_surrounds_the_last_position() -> None:
    tracker = SubjectTracker()
    athlete = person()
    tracker.commit(athlete, [athlete])
    region = tracker.search_region()
    assert region is not None
    x, y = athlete.hip_center
    assert region[0] < x < region[2]
    assert region[1] < y < region[3]


def test_a_poorly_seen_pose_does_not_start_the_lock() -> None:
    assert SubjectTracker().pick([person(visibility=0.2)]) is None
