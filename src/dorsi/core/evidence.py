"""Where each rule comes from: a provenance tag and an evidence grade (SPEC preamble).

Every threshold, table and finding in the core points at one of these, so the user can
always ask "why" and see the source and how strong it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Grade(StrEnum):
    GUIDELINE = "guideline"
    RESEARCH = "research"
    EXPERT_OPINION = "expert-opinion"


@dataclass(frozen=True)
class Source:
    tag: str
    grade: Grade
    about: str

    def __str__(self) -> str:
        return self.tag


SEED_000 = Source(
    "seed:000_dce03341e02d3671.txt",
    Grade.EXPERT_OPINION,
    "Coaching article: knee-to-wall bands, three-position test, 12-week programme, heel lifts.",
)
SEED_001 = Source(
    "seed:001_f97393740356f86d.txt",
    Grade.EXPERT_OPINION,
    "Coaching article: signs of stiff ankles, lifestyle triggers, sprain history.",
)
SEED_002 = Source(
    "seed:002_26b6f1223667f3ec.txt",
    Grade.EXPERT_OPINION,
    "Coaching article: half-kneeling test and where the stretch is felt.",
)
POWDEN_2015 = Source(
    "Powden 2015",
    Grade.RESEARCH,
    "Systematic review of the weight-bearing lunge test: reliability and minimal detectable change.",
)
KONOR_2012 = Source(
    "Konor 2012",
    Grade.RESEARCH,
    "Reliability of three dorsiflexion measures; minimal detectable change of the lunge test.",
)
CHISHOLM_2012 = Source(
    "Chisholm 2012",
    Grade.RESEARCH,
    "Reliability of the lunge test and of left-right differences.",
)
HOCH_MCKEON_2011 = Source(
    "Hoch & McKeon 2011",
    Grade.RESEARCH,
    "Healthy-adult norms of the weight-bearing lunge (mean about 12 cm, SD about 2.8 cm).",
)
BAUMBACH_2014 = Source(
    "Baumbach 2014",
    Grade.RESEARCH,
    "Lunge-angle norms of about 39 degrees (36-42).",
)
BACKMAN_DANIELSON_2011 = Source(
    "Backman & Danielson 2011",
    Grade.RESEARCH,
    "Junior basketball players under 36.5 degrees had more patellar tendinopathy.",
)
DIGIOVANNI_2002 = Source(
    "DiGiovanni 2002",
    Grade.RESEARCH,
    "Under 5 degrees of dorsiflexion with the knee straight suggests gastrocnemius tightness.",
)
BAROUK_2014 = Source(
    "Barouk 2014",
    Grade.RESEARCH,
    "A large knee-bent minus knee-straight gap points to the gastrocnemius.",
)
RADFORD_2006 = Source(
    "Radford 2006",
    Grade.RESEARCH,
    "Meta-analysis: calf stretching gives a small gain, about 2-3 degrees (roughly 1 cm).",
)
OTTAWA_RULES = Source(
    "Ottawa ankle rules",
    Grade.GUIDELINE,
    "Inability to take four steps after an injury calls for an X-ray.",
)
RUNNING_META = Source(
    "Running injury meta-analysis",
    Grade.RESEARCH,
    "Prospective running studies do not support a fixed injury-risk multiplier for low dorsiflexion.",
)
ANTHROPOMETRY = Source(
    "Drillis & Contini 1966",
    Grade.RESEARCH,
    "Body-segment lengths as fractions of standing height (shank ~0.246 H, foot ~0.152 H).",
)
SEN_1968 = Source(
    "Theil-Sen estimator",
    Grade.RESEARCH,
    "Median of pairwise slopes: a rate that a single outlier retest cannot drag.",
)

# Studies behind the exercise library (cited in core/data/exercises.toml).
VICENZINO_2006 = Source(
    "Vicenzino 2006",
    Grade.RESEARCH,
    "Mobilization with movement increased weight-bearing dorsiflexion after ankle sprain.",
)
TERADA_2013 = Source(
    "Terada 2013",
    Grade.RESEARCH,
    "Systematic review: joint mobilization improves dorsiflexion in chronic ankle instability.",
)
ALFREDSON_1998 = Source(
    "Alfredson 1998", Grade.RESEARCH, "Heavy-load eccentric calf training for Achilles tendinosis."
)
MCKEON_2008 = Source(
    "McKeon 2008",
    Grade.RESEARCH,
    "Balance training improved postural control in chronic ankle instability.",
)
MCKEON_2015 = Source(
    "McKeon 2015",
    Grade.EXPERT_OPINION,
    "The foot core system: intrinsic foot muscles and short-foot training.",
)
HUPPERETS_2009 = Source(
    "Hupperets 2009",
    Grade.RESEARCH,
    "Unsupervised proprioceptive training cut recurrent ankle sprains (randomised trial).",
)
VUURBERG_2018 = Source(
    "Vuurberg 2018",
    Grade.GUIDELINE,
    "Clinical practice guideline on ankle sprains: exercise therapy and return to sport.",
)
WILKE_2020 = Source(
    "Wilke 2020",
    Grade.RESEARCH,
    "Meta-analysis: foam rolling gives a short-term gain in range of motion.",
)
CHEATHAM_2015 = Source(
    "Cheatham 2015",
    Grade.RESEARCH,
    "Systematic review of self-myofascial release with a foam roller.",
)
HOCH_STATON_MCKEON_2011 = Source(
    "Hoch, Staton & McKeon 2011",
    Grade.RESEARCH,
    "Less dorsiflexion went with poorer dynamic balance in chronic ankle instability.",
)

ALL_SOURCES: tuple[Source, ...] = (
    SEED_000,
    SEED_001,
    SEED_002,
    POWDEN_2015,
    KONOR_2012,
    CHISHOLM_2012,
    HOCH_MCKEON_2011,
    BAUMBACH_2014,
    BACKMAN_DANIELSON_2011,
    DIGIOVANNI_2002,
    BAROUK_2014,
    RADFORD_2006,
    OTTAWA_RULES,
    RUNNING_META,
    ANTHROPOMETRY,
    SEN_1968,
    VICENZINO_2006,
    TERADA_2013,
    ALFREDSON_1998,
    MCKEON_2008,
    MCKEON_2015,
    HUPPERETS_2009,
    VUURBERG_2018,
    WILKE_2020,
    CHEATHAM_2015,
    HOCH_STATON_MCKEON_2011,
)


def by_tag(tag: str) -> Source:
    for source in ALL_SOURCES:
        if source.tag == tag:
            return source
    raise KeyError(tag)
