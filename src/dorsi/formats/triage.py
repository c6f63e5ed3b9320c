"""The triage a person reads first (SPEC §2.7): how urgent, whom to see and how soon, then each
sign with what it can mean. Built from a dorsi.report/v1 document, so the web pages, the CLI
and the handout say the same words in the same order.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from dorsi.core.assessment.texts import RED_FLAG_LABELS
from dorsi.core.assessment.triage import (
    CONSIDER_HEADING,
    CONSIDER_LEAD,
    HELD,
    KEPT,
    SAFETY,
    URGENCY_HEADINGS,
    TriageRule,
    lead_sentence,
    rules_for,
    sign_sentence,
)
from dorsi.core.codes import RedFlag, ReferralLevel, Urgency
from dorsi.formats.words import cite, words


@dataclass(frozen=True)
class Triage:
    """What a report says first. ``urgency`` is a code (for styling), never shown."""

    level: ReferralLevel
    urgency: Urgency | None
    heading: str
    lead: str
    signs: tuple[str, ...]  # one line per red flag: what it can mean and whom to see
    sources: str  # readable citations
    held: bool  # no program until a professional clears (before_starting, not cleared)
    after_clearance: tuple[str, ...] = ()  # what the plan keeps changing, once cleared

    @property
    def hold(self) -> str:
        """The sentence that says the plan waits (empty once cleared or without red flags)."""
        return HELD if self.held else ""

    @property
    def lines(self) -> tuple[str, ...]:
        """The triage as plain lines, heading first (terminal, Markdown, handout)."""
        out = [f"{self.heading}: {self.lead}", *(f"- {sign}" for sign in self.signs)]
        if self.held:
            out.append(HELD)
        if self.after_clearance:
            out.append(KEPT)
        out += [f"- {item}" for item in self.after_clearance]
        if self.sources:
            out.append(f"Sources: {self.sources}")
        return tuple(out)


def _sign(rule: TriageRule) -> str:
    return sign_sentence(rule, RED_FLAG_LABELS[rule.flag])


def _flags(codes: list[Any]) -> list[RedFlag]:
    known = {flag.value: flag for flag in RedFlag}
    return [known[code] for code in codes if code in known]


def triage_of(report: Mapping[str, Any], *, cleared: bool = False) -> Triage | None:
    """The triage of a dorsi.report/v1 document; None when no professional is needed.
    ``cleared``: the person confirmed a professional cleared them (the plan is unlocked)."""
    referral = report.get("referral") or {}
    level = ReferralLevel(referral.get("level", ReferralLevel.NONE.value))
    reasons = list(referral.get("reasons") or [])
    known = report.get("sources")
    if level is ReferralLevel.NONE:
        return None
    rules = rules_for(_flags(reasons))
    if level is ReferralLevel.CONSIDER or not rules:
        return Triage(
            level=level,
            urgency=None,
            heading=CONSIDER_HEADING,
            lead=CONSIDER_LEAD.format(reasons=_and(words(code) for code in reasons)),
            signs=(),
            sources="",
            held=False,
        )
    after = tuple(SAFETY[rule.flag].why for rule in rules if rule.flag in SAFETY)
    tags = [tag for rule in rules for tag in (source.tag for source in rule.sources)]
    return Triage(
        level=level,
        urgency=rules[0].urgency,
        heading=URGENCY_HEADINGS[rules[0].urgency],
        lead=lead_sentence(rules),
        signs=tuple(_sign(rule) for rule in rules),
        sources=cite(tags, known),
        held=not cleared,
        after_clearance=after if cleared else (),
    )


def _and(items: Iterable[str]) -> str:
    parts = [item for item in items if item]
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]
