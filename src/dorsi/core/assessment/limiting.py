"""What limits one ankle (SPEC §2.4): every rule that holds adds a factor with its reason."""

from __future__ import annotations

from collections.abc import Iterator

from dorsi.core.assessment.inputs import Goniometer, SideInput, ThreePosition
from dorsi.core.assessment.report import Limitation
from dorsi.core.codes import Felt, LimitingFactor, Rating
from dorsi.core.evidence import SEED_000, SEED_001, SEED_002, Source
from dorsi.core.thresholds import GONIOMETER, round_deg

R = Rating.RESTRICTED
OK = Rating.OK


def _hit(factor: LimitingFactor, reason: str, *sources: Source) -> Limitation:
    return Limitation(factor=factor, reason=reason, sources=tuple(s.tag for s in sources))


CALF_CODES = frozenset(
    {LimitingFactor.GASTROCNEMIUS, LimitingFactor.SOLEUS, LimitingFactor.CALF_SOFT_TISSUE}
)


def limitations_for(
    side: SideInput,
    *,
    sprains: int,
    restricted: bool,
    restricted_line_cm: float,
    recent_injury: bool = False,
) -> tuple[tuple[Limitation, ...], tuple[Limitation, ...]]:
    """(factors, possible factors) for one side; one entry per factor, reasons joined.

    ``restricted`` says whether the knee-to-wall distance is below the restricted line of
    its own test variant (standing: 10 cm). A sprain history only names the capsule when
    what was felt and the three-position test did not point at the calf (SPEC §2.4 rule 3);
    otherwise the capsule is a possibility, reported without its code.
    """
    felt_and_positions = [*_felt(side.felt), *_three_position(side.three_position)]
    sprain_hits = list(
        _sprains(sprains, restricted=restricted, line_cm=restricted_line_cm, recent=recent_injury)
    )
    calf_named = any(hit.factor in CALF_CODES for hit in felt_and_positions)
    others = [
        *felt_and_positions,
        *_goniometer(side.goniometer, restricted=restricted, line_cm=restricted_line_cm),
    ]
    named = {hit.factor for hit in others}
    # The sprain names the capsule on its own only without a calf code; when another rule
    # already named the capsule, the sprain simply adds its reason to it.
    supporting = [hit for hit in sprain_hits if not calf_named or hit.factor in named]
    possible = [hit for hit in sprain_hits if calf_named and hit.factor not in named]
    return merge([*others, *supporting]), merge([_as_possible(hit) for hit in possible])


def _as_possible(hit: Limitation) -> Limitation:
    reason = (
        f"{hit.reason} The calf was named by what you felt or by the three-position test, so "
        "the capsule is only a possibility here."
    )
    return Limitation(factor=hit.factor, reason=reason, sources=hit.sources)


def merge(hits: list[Limitation]) -> tuple[Limitation, ...]:
    merged: list[Limitation] = []
    for factor in LimitingFactor:
        same = [hit for hit in hits if hit.factor is factor]
        if not same:
            continue
        sources: list[str] = []
        for hit in same:
            sources.extend(tag for tag in hit.sources if tag not in sources)
        reason = " ".join(hit.reason for hit in same)
        merged.append(Limitation(factor=factor, reason=reason, sources=tuple(sources)))
    return tuple(merged)


def _felt(felt: Felt | None) -> Iterator[Limitation]:
    if felt is Felt.CALF_STRETCH:
        yield _hit(
            LimitingFactor.CALF_SOFT_TISSUE,
            "During the test the pull was in the calf or Achilles, which points to the "
            "calf's soft tissue.",
            SEED_002,
        )
    elif felt is Felt.FRONT_PINCH:
        yield _hit(
            LimitingFactor.JOINT_CAPSULE,
            "During the test the ankle blocked or pinched at the front, which points to "
            "the joint itself rather than the calf.",
            SEED_002,
        )


def _three_position(tp: ThreePosition | None) -> Iterator[Limitation]:
    if tp is None:
        return
    straight, bent, squat = tp.straight_knee, tp.bent_knee, tp.deep_squat
    if straight is R and bent is R and squat is R:
        yield _hit(
            LimitingFactor.JOINT_CAPSULE,
            "All three positions were restricted to a similar degree (straight-knee "
            "stretch, bent-knee stretch, loaded deep squat), so the joint capsule is "
            "likely involved.",
            SEED_000,
        )
    elif straight is R and bent is OK:
        yield _hit(
            LimitingFactor.GASTROCNEMIUS,
            "Tight with the knee straight but free with it bent: the gastrocnemius, the "
            "calf muscle that crosses the knee, is the likely brake.",
            SEED_000,
        )
    elif bent is R and straight is OK:
        yield _hit(
            LimitingFactor.SOLEUS,
            "Tight with the knee bent but free with it straight: the soleus, the deep "
            "calf muscle, is the likely brake.",
            SEED_000,
        )
    elif straight is OK and bent is OK and squat is R:
        yield _hit(
            LimitingFactor.MOTOR_CONTROL,
            "Both calf stretches were free but the loaded deep squat was not: the range "
            "is there, its control under load is missing.",
            SEED_000,
        )


def _sprains(count: int, *, restricted: bool, line_cm: float, recent: bool) -> Iterator[Limitation]:
    if count > 0 and restricted:
        times = "one sprain" if count == 1 else f"{count} sprains"
        # A fresh injury is not an old, poorly healed one: say what can and cannot be told yet.
        why = (
            "after a recent injury the range can be held back by the injury itself, so this "
            "is worth rechecking once it has settled."
            if recent
            else "sprains often leave the joint capsule stiff."
        )
        yield _hit(
            LimitingFactor.JOINT_CAPSULE,
            f"This ankle has a history of {times} and reaches less than {line_cm:g} cm: {why}",
            SEED_000,
            SEED_001,
        )


def _goniometer(g: Goniometer | None, *, restricted: bool, line_cm: float) -> Iterator[Limitation]:
    if g is None:
        return
    straight, bent = g.knee_straight_deg, g.knee_bent_deg
    if straight is not None and round_deg(straight) < GONIOMETER.knee_straight_tight_below_deg:
        yield _hit(
            LimitingFactor.GASTROCNEMIUS,
            f"Only {straight:g}° with the knee straight (under "
            f"{GONIOMETER.knee_straight_tight_below_deg:g}°) suggests a tight "
            "gastrocnemius.",
            GONIOMETER.straight_source,
        )
    if straight is not None and bent is not None:
        gap = round_deg(bent - straight)
        if gap > GONIOMETER.bent_minus_straight_above_deg:
            yield _hit(
                LimitingFactor.GASTROCNEMIUS,
                f"Bending the knee frees {gap:g}° more (over "
                f"{GONIOMETER.bent_minus_straight_above_deg:g}°), so the gastrocnemius "
                "accounts for much of the limit.",
                GONIOMETER.gap_source,
            )
    if (
        bent is not None
        and restricted
        and round_deg(bent) >= GONIOMETER.knee_bent_restricted_below_deg
    ):
        yield _hit(
            LimitingFactor.JOINT_CAPSULE,
            f"Lying down the ankle reaches {bent:g}° with the knee bent, yet under body "
            f"weight it stays under {line_cm:g} cm: a gap like this points to the joint "
            "rather than the muscles.",
            GONIOMETER.scale_source,
        )
