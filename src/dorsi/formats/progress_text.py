"""Progress in words for a terminal or a Markdown file, read from the dorsi.progress/v1
document (as the web page reads it): flags and referral reasons in words, every claim with its
sources by name and grade in words (SPEC intro, §5, §7)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from dorsi.core.evidence import POWDEN_2015, SEN_1968
from dorsi.formats.words import cite, flag_words, words

SIDES = ("left", "right")
REFERENCES = "Full references of every source: dorsi sources"
RATE_SOURCES = (SEN_1968.tag,)
ERROR_SOURCES = (POWDEN_2015.tag,)


def _num(value: float) -> str:
    return f"{round(value, 2):g}"


def _signed(value: float) -> str:
    return ("+" if value > 0 else "") + _num(value)


def _side_lines(name: str, part: Mapping[str, Any] | None, doc: Mapping[str, Any]) -> list[str]:
    label = name.capitalize()
    if part is None:
        return [f"{label}: not measured at baseline"]
    error, target = doc["measurement_error_cm"], doc["target_cm"]
    verdict = "a real change" if part["real_change"] else f"within the {_num(error)} cm error"
    lines = [
        f"{label}: {_num(part['baseline_cm'])} cm -> {_num(part['latest_cm'])} cm "
        f"({_signed(part['change_cm'])} cm, {verdict})"
    ]
    rate = part.get("rate_cm_per_week")
    if rate is None:
        lines.append("  rate: needs 3 measurements (baseline included)")
    else:
        lines.append(f"  rate: {_signed(rate)} cm/week over {part['measurements']} measurements")
    goal = part.get("projected_goal_date")
    if goal:
        until = goal.get("latest") or "open-ended"
        lines.append(
            f"  {_num(target)} cm expected around {goal['value']} "
            f"(range {goal['earliest']} to {until})"
        )
        if goal["value"] == doc["today"]:
            lines.append("  the trend says it may already be reached: retest")
    elif part["latest_cm"] >= target:
        lines.append(f"  at or above the {_num(target)} cm goal")
    return lines


def _referral(doc: Mapping[str, Any]) -> str:
    referral = doc.get("referral") or {}
    if referral.get("level", "none") == "none":
        return "Professional check: none needed from the logs"
    reasons = "; ".join(words(code) for code in referral.get("reasons", []))
    return f"Professional check: worth considering ({reasons})"


def _expected(doc: Mapping[str, Any]) -> list[str]:
    return [f"{item['label']} ({cite([item['source']])})" for item in doc["expected_ranges"]]


def _notes(doc: Mapping[str, Any]) -> list[tuple[str, str]]:
    return [(note["text"], cite(note["sources"])) for note in doc.get("notes", [])]


def progress_text(doc: Mapping[str, Any]) -> str:
    """Plain lines (``dorsi progress``)."""
    a, m = doc["adherence"], doc["minutes_per_week"]
    lines = [f"Progress on {doc['today']}: plan started {doc['plan_start']}"]
    for name in SIDES:
        lines += _side_lines(name, doc["sides"].get(name), doc)
    lines += [
        f"Adherence: {a['done_days']} of {a['planned_days']} days done "
        f"({round(a['ratio'] * 100)} %), streak {a['streak']} days",
        f"Minutes: {_num(m['last_7_days'])} in the last 7 days, "
        f"{_num(m['average'])} per week on average",
        "What to expect:",
        *(f"  - {line}" for line in _expected(doc)),
        "Flags: " + (", ".join(flag_words(flag) for flag in doc["flags"]) or "none"),
        *(f"  * {text} ({named})" for text, named in _notes(doc)),
        _referral(doc),
        f"How the rate is found: the median of the slopes between every two measurements "
        f"({cite(RATE_SOURCES)}); changes under {_num(doc['measurement_error_cm'])} cm are "
        f"within the test's error ({cite(ERROR_SOURCES)})",
        REFERENCES,
    ]
    return "\n".join(lines) + "\n"


def progress_markdown(doc: Mapping[str, Any]) -> str:
    """A Markdown summary (``dorsi progress --format markdown``)."""
    out = [
        f"# Progress on {doc['today']}",
        "",
        f"Plan started {doc['plan_start']}.",
        "",
        "| Side | Baseline | Latest | Change | Real change | Per week | Goal around |",
        "|---|---|---|---|---|---|---|",
    ]
    for name in SIDES:
        part = doc["sides"].get(name)
        if part is None:
            out.append(f"| {name} | not measured | | | | | |")
            continue
        rate = part.get("rate_cm_per_week")
        goal = part.get("projected_goal_date")
        out.append(
            f"| {name} | {_num(part['baseline_cm'])} cm | {_num(part['latest_cm'])} cm | "
            f"{_signed(part['change_cm'])} cm | {'yes' if part['real_change'] else 'no'} | "
            f"{'—' if rate is None else _signed(rate) + ' cm'} | "
            f"{goal['value'] if goal else '—'} |"
        )
    a = doc["adherence"]
    out += [
        "",
        f"- Adherence: {a['done_days']} of {a['planned_days']} days "
        f"({round(a['ratio'] * 100)} %), streak {a['streak']} days",
        "",
        "## What to expect",
        "",
        *(f"- {line}" for line in _expected(doc)),
        "",
        "## Flags",
        "",
    ]
    flags = [flag_words(flag).capitalize() for flag in doc["flags"]]
    out += [f"- **{flag}**" for flag in flags] or ["- none"]
    out += [f"- {text} _({named})_" for text, named in _notes(doc)]
    out += ["", f"**{_referral(doc)}**", "", REFERENCES, ""]
    return "\n".join(out)
