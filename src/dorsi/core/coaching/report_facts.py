"""What the coach's list reads of a stored dorsi.report/v1: its referral reasons (read here, in
the core, so no shell walks the report's keys; cheaper than running the assessment again)."""

from __future__ import annotations

from dorsi.core.reader import Reader


def referral_reasons(report: object) -> tuple[str, ...]:
    """The report's ``referral.reasons`` codes (empty when there are none)."""
    part = Reader(report).obj("referral")
    if part is None:
        return ()
    return tuple(code for code in part.items("reasons") if isinstance(code, str))
