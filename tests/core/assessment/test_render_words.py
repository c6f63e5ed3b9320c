"""The report's text names factors as likely or possible, never as codes (SPEC §2.4, intro)."""

from __future__ import annotations

from dorsi.core.assessment.document import report_to_markdown, summary_lines
from dorsi.core.assessment.engine import assess
from dorsi.core.assessment.parse import parse_assessment


def test_a_capsule_only_suspected_is_said_as_a_possible_factor() -> None:
    report = assess(
        parse_assessment(
            {
                "knee_to_wall": {"left": 8.0, "right": 11.0},
                "profile": {"sprains": {"left": 2, "right": 0}},
                "felt": {"left": "calf_stretch"},
            }
        )
    )
    left = summary_lines(report)[2]
    assert "probably limited by: calf soft tissue" in left
    assert "possible factors: joint capsule" in left
    assert "| Probably limited by |" in report_to_markdown(report)
