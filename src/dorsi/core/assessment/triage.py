"""Triage of red flags (SPEC §2.7): how urgent, who to see, and what stays safer after clearance.

Data first: :data:`TRIAGE` says for every red flag how soon and whom to see; :data:`SAFETY`
says what a cleared flag keeps changing in the plan. The program reads :func:`safety_for`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from dorsi.core.codes import Equipment, RedFlag, SafetyRule, Urgency
from dorsi.core.evidence import (
    CHIODO_2010,
    COAKLEY_2006,
    HUPPERETS_2009,
    NICE_NG19,
    NICE_NG158,
    OTTAWA_RULES,
    SEED_001,
    VUURBERG_2018,
    Source,
)
from dorsi.core.library.exercises import Exercise, ExerciseLibrary
from dorsi.core.thresholds import FIRST_WEEK, LOADED_END_RANGE_FROM_WEEK_AFTER_TRAUMA, OTTAWA_STEPS


@dataclass(frozen=True)
class TriageRule:
    flag: RedFlag
    urgency: Urgency
    meaning: str  # what the sign can mean, said without alarm and without a diagnosis
    see: str  # who to see
    sources: tuple[Source, ...]


TRIAGE: Mapping[RedFlag, TriageRule] = {
    rule.flag: rule
    for rule in (
        TriageRule(
            RedFlag.CALF_SWELLING,
            Urgency.EMERGENCY,
            "can be a sign of a blood clot in a deep vein of the leg",
            "urgent care or an emergency department",
            (NICE_NG158,),
        ),
        TriageRule(
            RedFlag.CALF_SNAP,
            Urgency.EMERGENCY,
            "can mean a torn Achilles tendon",
            "urgent care or an emergency department",
            (CHIODO_2010,),
        ),
        TriageRule(
            RedFlag.HOT_SWOLLEN_JOINT,
            Urgency.EMERGENCY,
            "can be a joint infection",
            "urgent care or an emergency department",
            (COAKLEY_2006,),
        ),
        TriageRule(
            RedFlag.RECENT_TRAUMA,
            Urgency.URGENT,
            "may need an X-ray to rule out a fracture (Ottawa ankle rules: not managing "
            f"{OTTAWA_STEPS} steps after the injury calls for one)",
            "a doctor",
            (OTTAWA_RULES, SEED_001),
        ),
        TriageRule(
            RedFlag.DIABETIC_FOOT,
            Urgency.URGENT,
            "needs care of its own, since a wound or lost feeling can get worse unnoticed",
            "a doctor or podiatrist",
            (NICE_NG19,),
        ),
        TriageRule(
            RedFlag.NERVE_SYMPTOMS,
            Urgency.URGENT,
            "can come from an irritated or compressed nerve",
            "a doctor",
            (SEED_001,),
        ),
        TriageRule(
            RedFlag.GIVING_WAY,
            Urgency.ROUTINE,
            "suggests an unstable ankle",
            "a physiotherapist or doctor",
            (SEED_001,),
        ),
        TriageRule(
            RedFlag.NIGHT_PAIN,
            Urgency.ROUTINE,
            "is not typical of a stiff ankle",
            "a physiotherapist or doctor",
            (SEED_001,),
        ),
        TriageRule(
            RedFlag.SHARP_PAIN_ON_TEST,
            Urgency.ROUTINE,
            "is a signal to stop rather than to push",
            "a physiotherapist or doctor",
            (SEED_001,),
        ),
    )
}

# What the person is told first, by the highest urgency among the flags given.
URGENCY_LEAD: Mapping[Urgency, str] = {
    Urgency.EMERGENCY: "Seek medical care today, at urgent care or an emergency department, and "
    "do not exercise this leg until a doctor has seen it.",
    Urgency.URGENT: "See {see} within the next few days, before doing any exercise with this leg.",
    Urgency.ROUTINE: "See {see} before you start.",
}

# How urgent, in words: the heading of the triage every shell shows first.
URGENCY_HEADINGS: Mapping[Urgency, str] = {
    Urgency.EMERGENCY: "Emergency",
    Urgency.URGENT: "Urgent",
    Urgency.ROUTINE: "Before you start",
}
CONSIDER_HEADING = "Worth considering"
CONSIDER_LEAD = "See a physiotherapist or doctor alongside the daily work, because of {reasons}."
HELD = "Your plan waits until a professional has cleared you: no exercises until then."
KEPT = "A professional cleared you; because of these signs the plan keeps these changes:"


def sign_sentence(rule: TriageRule, label: str) -> str:
    """One red flag in words: what it can mean and whom to see (``label``: the flag's words)."""
    return f"{label[:1].upper()}{label[1:]} {rule.meaning}: see {rule.see}."


def heading_and_lead(rules: tuple[TriageRule, ...]) -> str:
    """The first line of a triage with red flags: how urgent, then what to do and how soon."""
    return f"{URGENCY_HEADINGS[rules[0].urgency]}: {lead_sentence(rules)}"


# The codes of the finding and recommendations that lead a report with red flags.
TRIAGE_FINDING = "red_flags"
TRIAGE_RECOMMENDATIONS: Mapping[Urgency, str] = {
    Urgency.EMERGENCY: "seek_care_today",
    Urgency.URGENT: "see_doctor_within_days",
    Urgency.ROUTINE: "see_professional_before_starting",
}
CONFIRM_CLEARANCE = "confirm_clearance"
TRIAGE_CODES = frozenset(
    {TRIAGE_FINDING, CONFIRM_CLEARANCE, "do_not_test_into_pain", *TRIAGE_RECOMMENDATIONS.values()}
)


def rules_for(flags: Iterable[RedFlag]) -> tuple[TriageRule, ...]:
    """The triage rules of ``flags``, most urgent first (then in the order of the codes)."""
    given = set(flags)
    ordered = [TRIAGE[flag] for flag in RedFlag if flag in given]
    return tuple(sorted(ordered, key=lambda rule: -rule.urgency.rank))


def urgency_for(flags: Iterable[RedFlag]) -> Urgency | None:
    """The highest urgency among ``flags``; None without a red flag."""
    rules = rules_for(flags)
    return rules[0].urgency if rules else None


def lead_see(rules: tuple[TriageRule, ...]) -> str:
    """Whom the lead sentence sends the person to, for the most urgent of ``rules``."""
    top = rules[0].urgency
    people = list(dict.fromkeys(rule.see for rule in rules if rule.urgency is top))
    if len(people) == 1:
        return people[0]
    if all("doctor" in who for who in people):
        return "a doctor"  # each flag's own line names the specialist where there is one
    return " or ".join(people)


def lead_sentence(rules: tuple[TriageRule, ...]) -> str:
    """What to do first, for the most urgent of ``rules`` (non-empty)."""
    return URGENCY_LEAD[rules[0].urgency].format(see=lead_see(rules))


# --- After clearance: what stays changed (the program applies these) ---------------------


@dataclass(frozen=True)
class SafetyAdjustment:
    flag: RedFlag
    rules: frozenset[SafetyRule]
    why: str  # said in the plan, in Dorsi's words
    sources: tuple[str, ...]


def _adjustment(
    flag: RedFlag, rules: set[SafetyRule], why: str, *sources: Source
) -> SafetyAdjustment:
    return SafetyAdjustment(flag, frozenset(rules), why, tuple(s.tag for s in sources))


SAFETY: Mapping[RedFlag, SafetyAdjustment] = {
    item.flag: item
    for item in (
        _adjustment(
            RedFlag.DIABETIC_FOOT,
            {SafetyRule.NO_BAREFOOT_ADVICE, SafetyRule.NO_BAND, SafetyRule.FOOT_CHECK_EACH_SESSION},
            "A foot with less feeling can be hurt without noticing: no barefoot advice, hand "
            "pressure instead of a band on the skin, and a foot check at every session.",
            NICE_NG19,
        ),
        _adjustment(
            RedFlag.NERVE_SYMPTOMS,
            {SafetyRule.NO_BAND},
            "A band pressing on the front of the ankle can irritate nerves: the hand-pressure "
            "version replaces every banded drill.",
            SEED_001,
        ),
        _adjustment(
            RedFlag.RECENT_TRAUMA,
            {SafetyRule.PAIN_FREE_RANGE_FIRST},
            f"After a recent injury, weeks 1-{LOADED_END_RANGE_FROM_WEEK_AFTER_TRAUMA - 1} stay "
            "in the range that does not hurt: no band, no weights and no loaded end-range work "
            f"before week {LOADED_END_RANGE_FROM_WEEK_AFTER_TRAUMA}.",
            VUURBERG_2018,
        ),
        _adjustment(
            RedFlag.GIVING_WAY,
            {SafetyRule.BALANCE_FROM_WEEK_1},
            "An ankle that has given way gets balance work from the first week.",
            VUURBERG_2018,
            HUPPERETS_2009,
        ),
    )
}

FOOT_CHECK_NOTE = (
    "Before and after the session, look at both feet (a mirror helps) for blisters, cuts, "
    "redness or swelling; with less feeling a wound can go unnoticed."
)
BANDS = frozenset({Equipment.BAND, Equipment.MINI_BAND})
EARLY_EXCLUDED = BANDS | {Equipment.WEIGHT}


@dataclass(frozen=True)
class Safety:
    """The safety adjustments of a cleared person's red flags, combined (none by default)."""

    adjustments: tuple[SafetyAdjustment, ...] = ()

    @property
    def rules(self) -> frozenset[SafetyRule]:
        return frozenset(rule for item in self.adjustments for rule in item.rules)

    @property
    def no_barefoot_advice(self) -> bool:
        return SafetyRule.NO_BAREFOOT_ADVICE in self.rules

    @property
    def no_band(self) -> bool:
        return SafetyRule.NO_BAND in self.rules

    @property
    def foot_check_note(self) -> str | None:
        """The note every session carries, or None."""
        return FOOT_CHECK_NOTE if SafetyRule.FOOT_CHECK_EACH_SESSION in self.rules else None

    @property
    def balance_from_week(self) -> int | None:
        """Week 1 when a cleared flag asks for balance work from the start; else None."""
        return FIRST_WEEK if SafetyRule.BALANCE_FROM_WEEK_1 in self.rules else None

    @property
    def loaded_end_range_from_week(self) -> int:
        """First week with banded, weighted or loaded end-range work (1: no restriction)."""
        if SafetyRule.PAIN_FREE_RANGE_FIRST in self.rules:
            return LOADED_END_RANGE_FROM_WEEK_AFTER_TRAUMA
        return FIRST_WEEK

    def excluded_equipment(self, week: int) -> frozenset[Equipment]:
        """Equipment the plan must not use in ``week`` (treat it as not owned)."""
        out: set[Equipment] = set(BANDS) if self.no_band else set()
        if week < self.loaded_end_range_from_week:
            out |= EARLY_EXCLUDED
        return frozenset(out)

    def allows(self, exercise: Exercise, week: int) -> bool:
        if set(exercise.equipment) & self.excluded_equipment(week):
            return False
        return not (week < self.loaded_end_range_from_week and exercise.loaded_end_range)

    def safe_version(
        self, library: ExerciseLibrary, exercise_id: str, week: int
    ) -> Exercise | None:
        """``exercise_id`` itself when allowed in ``week``; else its substitute without the
        excluded equipment (a band becomes hand pressure), else its first allowed regression;
        None when nothing in its chain is allowed."""
        current: Exercise | None = library.get(exercise_id)
        seen: set[str] = set()
        while current is not None and current.id not in seen:
            if self.allows(current, week):
                return current
            seen.add(current.id)
            excluded = set(current.equipment) & self.excluded_equipment(week)
            target = next((t for code in excluded if (t := current.substitute_for(code))), None)
            step = target or current.regression
            current = None if step is None else library.get(step)
        return None

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(tag for item in self.adjustments for tag in item.sources))


def safety_for(red_flags: Iterable[RedFlag]) -> Safety:
    """The adjustments a plan keeps after a professional cleared these red flags."""
    given = set(red_flags)
    return Safety(tuple(SAFETY[flag] for flag in RedFlag if flag in given and flag in SAFETY))
