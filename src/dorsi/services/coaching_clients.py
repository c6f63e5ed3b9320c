"""The coach's home: every athlete who shares, most in need of attention first.

Built for 200 athletes with a year of logs each in a handful of queries, whatever the number of
athletes: the links, the active plans, the latest assessments, one aggregate over the session
logs (counts and dates per athlete, computed by the database), the days done since each plan's
start, and the retests. What a plan or an assessment contributes (retest dates, baseline,
goal, referral reasons) is read through the core once and kept in a digest row, so the list
never parses a plan or re-runs an assessment. The rules are the core's
(``dorsi.core.coaching.attention``).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.contrib.auth.models import User
from django.db.models import Count, F, Func, Max, OuterRef, Q, Subquery

from dorsi.core.assessment.parse import parse_assessment
from dorsi.core.coaching.attention import Attention, ClientFacts, Concern, Measure, attention
from dorsi.core.coaching.report_facts import referral_reasons
from dorsi.core.codes import PainType, PlanMode, ReferralLevel, SessionStatus, Side
from dorsi.core.program.parse import parse_plan
from dorsi.core.thresholds import ATTENTION_WINDOW_DAYS, GOAL
from dorsi.db.models import Assessment, AssessmentDigest, PlanDigest, Retest, SessionLog
from dorsi.db.models import Plan as PlanRow
from dorsi.services.coaching import access_record, coach_links
from dorsi.services.common import today_or

DONE = (SessionStatus.DONE.value, SessionStatus.PARTIAL.value)
SHARP = (PainType.SHARP.value, PainType.PINCH.value)
FILTERS = {
    "all": "All athletes",
    "attention": "Needs attention",
    Concern.RED_FLAG.value: "Red flag",
    Concern.SHARP_PAIN.value: "Sharp pain",
    Concern.SWELLING.value: "Swelling",
    Concern.REFERRAL.value: "Referral",
    Concern.LOW_ADHERENCE.value: "Low adherence",
    Concern.RETEST_OVERDUE.value: "Retest overdue",
    Concern.INACTIVE.value: "Inactive",
    Concern.PLATEAU.value: "Plateau",
    Concern.RETEST_DUE.value: "Retest due",
    Concern.GOAL_REACHED.value: "Ready for maintenance",
    Concern.NO_PLAN.value: "No plan yet",
}


@dataclass(frozen=True)
class ClientRow:
    client_id: int
    username: str
    email: str
    link_id: int
    attention: Attention
    plan_start: date | None
    last_active: date | None


@dataclass(frozen=True)
class ClientList:
    today: date
    rows: tuple[ClientRow, ...]
    total: int  # athletes who share, before filters
    concern: str
    query: str


# Digests: read through the core once --------------------------------------------------------


def _plan_retests(plans: dict[int, dict[str, Any]]) -> dict[int, tuple[date, ...]]:
    """Each active plan's retest dates, from its digest (read with the plan: no query of its
    own); a plan without a digest yet is parsed once and its digest written."""
    known = {
        p["pk"]: p["digest__retests"] for p in plans.values() if p["digest__retests"] is not None
    }
    missing = [p["pk"] for p in plans.values() if p["pk"] not in known]
    if missing:
        made = []
        for pk, document in PlanRow.objects.filter(pk__in=missing).values_list("pk", "document"):
            retests = [when.isoformat() for when in parse_plan(document).retests]
            made.append(PlanDigest(plan_id=pk, retests=retests))
            known[pk] = retests
        PlanDigest.objects.bulk_create(made, ignore_conflicts=True)
    return {pk: tuple(date.fromisoformat(d) for d in days) for pk, days in known.items()}


def _assessment_digest(assessment_id: int, document: Any, report: Any) -> AssessmentDigest:
    inp = parse_assessment(document)
    return AssessmentDigest(
        assessment_id=assessment_id,
        left_cm=inp.side(Side.LEFT).knee_to_wall_cm,
        right_cm=inp.side(Side.RIGHT).knee_to_wall_cm,
        target_cm=GOAL[inp.variant].value,
        referral_reasons=list(referral_reasons(report)),
    )


# An assessment's digest, read with the row that points at the assessment (``prefix``: the path
# from that row to the assessment's digest), so the list needs no query of its own for it.
DIGEST_FIELDS = ("left_cm", "right_cm", "target_cm", "referral_reasons")


def _digest_columns(prefix: str) -> tuple[str, ...]:
    return tuple(f"{prefix}{name}" for name in DIGEST_FIELDS)


def _joined_digest(assessment_id: int, row: dict[str, Any], prefix: str) -> AssessmentDigest | None:
    values = {name: row[f"{prefix}{name}"] for name in DIGEST_FIELDS}
    if values["target_cm"] is None:  # no digest yet (the target is never empty in one)
        return None
    return AssessmentDigest(assessment_id=assessment_id, **values)


def _assessment_digests(ids: set[int]) -> dict[int, AssessmentDigest]:
    rows = AssessmentDigest.objects.filter(assessment_id__in=ids).values_list(
        "assessment_id", "left_cm", "right_cm", "target_cm", "referral_reasons"
    )
    known = {
        pk: AssessmentDigest(
            assessment_id=pk, left_cm=left, right_cm=right, target_cm=target, referral_reasons=why
        )
        for pk, left, right, target, why in rows
    }
    missing = ids - set(known)
    if missing:
        sources = Assessment.objects.filter(pk__in=missing).values_list("pk", "input", "report")
        made = [_assessment_digest(pk, document, report) for pk, document, report in sources]
        AssessmentDigest.objects.bulk_create(made, ignore_conflicts=True)
        known |= {row.assessment_id: row for row in made}
    return known


# The aggregated facts ---------------------------------------------------------------------


def _session_facts(ids: list[int], today: date) -> dict[int, dict[str, Any]]:
    """Counts and last days of the attention window, read from the window's rows only."""
    window = Q(date__gte=today - timedelta(days=ATTENTION_WINDOW_DAYS - 1))
    sharp = Q(pain_type__in=SHARP)
    swollen = Q(swelling=True)
    done = Q(status__in=DONE)
    rows = (
        SessionLog.objects.filter(window, user_id__in=ids, date__lte=today)
        .values("user_id")
        .annotate(
            done_days_in_window=Count("pk", filter=done),
            sharp_pain_days=Count("pk", filter=sharp),
            last_sharp_pain=Max("date", filter=sharp),
            swelling_days=Count("pk", filter=swollen),
            last_swelling=Max("date", filter=swollen),
        )
    )
    return {row.pop("user_id"): row for row in rows}


def _last_done(user: Any, today: date) -> Subquery:
    """The last day logged done or partial (the (user, date) index, read backwards)."""
    rows = SessionLog.objects.filter(user_id=user, status__in=DONE, date__lte=today)
    return Subquery(rows.order_by("-date").values("date")[:1])


def _done_since(user: Any, start: Any, today: date) -> Subquery:
    """Days done or partial from the plan's start (at most 84 rows of the index per plan)."""
    rows = SessionLog.objects.filter(
        user_id=user, status__in=DONE, date__gte=start, date__lte=today
    ).order_by()
    return Subquery(rows.annotate(days=Func(F("pk"), function="COUNT")).values("days")[:1])


def _retests(ids: list[int], since: date | None, today: date) -> dict[int, list[Measure]]:
    out: dict[int, list[Measure]] = defaultdict(list)
    if since is None:
        return out
    rows = Retest.objects.filter(user_id__in=ids, date__gte=since, date__lte=today)
    for user_id, when, left, right in rows.order_by("user_id", "date").values_list(
        "user_id", "date", "left_cm", "right_cm"
    ):
        out[user_id].append(Measure(when, left, right))
    return out


def _latest_assessments(ids: list[int]) -> dict[int, dict[str, Any]]:
    latest: dict[int, Any] = {}
    rows = Assessment.objects.filter(user_id__in=ids).order_by(
        "user_id", "-date", "-created_at", "-id"
    )
    for row in rows.values(
        "pk",
        "user_id",
        "date",
        "referral_level",
        "cleared_by_professional_at",
        *_digest_columns("digest__"),
    ):
        latest.setdefault(row["user_id"], row)
    return latest


def _facts(
    ids: list[int], today: date, last_active: dict[int, date | None]
) -> dict[int, ClientFacts]:
    plans = {
        row["user_id"]: row
        for row in PlanRow.objects.filter(user_id__in=ids, is_active=True)
        .annotate(done_since_start=_done_since(OuterRef("user_id"), OuterRef("start"), today))
        .values(
            "pk",
            "user_id",
            "start",
            "mode",
            "assessment_id",
            "assessment__date",
            "done_since_start",
            "digest__retests",
            *_digest_columns("assessment__digest__"),
        )
    }
    schedules = _plan_retests(plans)
    latest = _latest_assessments(ids)
    digests: dict[int, AssessmentDigest] = {}
    for rows, key, prefix in (
        (latest.values(), "pk", "digest__"),
        (plans.values(), "assessment_id", "assessment__digest__"),
    ):
        for row in rows:
            joined = _joined_digest(row[key], row, prefix)
            if joined is not None:
                digests[row[key]] = joined
    wanted = {row["pk"] for row in latest.values()} | {p["assessment_id"] for p in plans.values()}
    if wanted - set(digests):  # the first view after an assessment appears writes its digest
        digests |= _assessment_digests(wanted - set(digests))
    sessions = _session_facts(ids, today)
    baselines = [plan["assessment__date"] for plan in plans.values()]
    retests = _retests(ids, min(baselines, default=None), today)
    out = {}
    for user_id in ids:
        plan, last = plans.get(user_id), latest.get(user_id)
        facts: dict[str, Any] = {
            "today": today,
            "last_active": last_active.get(user_id),
            **sessions.get(user_id, {}),
        }
        if last is not None:
            facts |= {
                "has_assessment": True,
                "referral_level": ReferralLevel(last["referral_level"]),
                "referral_reasons": tuple(digests[last["pk"]].referral_reasons),
                "cleared": last["cleared_by_professional_at"] is not None,
            }
        if plan is not None:
            base = digests[plan["assessment_id"]]
            facts |= {
                "plan_start": plan["start"],
                "plan_mode": PlanMode(plan["mode"]),
                "retest_schedule": schedules[plan["pk"]],
                "baseline": Measure(plan["assessment__date"], base.left_cm, base.right_cm),
                "target_cm": base.target_cm,
                "retests": tuple(
                    m for m in retests.get(user_id, ()) if m.when >= plan["assessment__date"]
                ),
                "done_days_since_start": plan["done_since_start"] or 0,
            }
        out[user_id] = ClientFacts(**facts)
    return out


def coach_client_list(
    *, coach: User, concern: str = "all", query: str = "", today: date | None = None
) -> ClientList:
    """The coach's athletes, most in need first; ``concern`` filters (see FILTERS), ``query``
    searches username and email. Each athlete listed gets an access-log entry."""
    day = today_or(today)
    concern = concern if concern in FILTERS else "all"
    links = coach_links(coach=coach)
    searched = links
    if query.strip():
        term = query.strip()
        searched = links.filter(
            Q(client__username__icontains=term) | Q(client__email__icontains=term)
        )
    people = list(
        searched.annotate(last_active=_last_done(OuterRef("client_id"), day)).values_list(
            "client_id", "client__username", "client__email", "pk", "last_active"
        )
    )
    total = links.count() if query.strip() else len(people)  # no second query unless searched
    last_active = {person[0]: person[4] for person in people}
    facts = _facts([person[0] for person in people], day, last_active)
    rows = []
    for client_id, username, email, link_id, _ in people:
        result = attention(facts[client_id])
        if concern == "attention" and not result.needed:
            continue
        if concern not in ("attention", "all") and Concern(concern) not in result.concerns:
            continue
        rows.append(
            ClientRow(
                client_id=client_id,
                username=username,
                email=email,
                link_id=link_id,
                attention=result,
                plan_start=facts[client_id].plan_start,
                last_active=facts[client_id].last_active,
            )
        )
    rows.sort(key=lambda row: (row.attention.rank, -len(row.attention.reasons), row.username))
    access_record(coach=coach, client_ids=[row.client_id for row in rows], what="list")
    return ClientList(today=day, rows=tuple(rows), total=total, concern=concern, query=query)


def client_attention(*, client_id: int, today: date | None = None) -> Attention:
    """One athlete's concerns (the client page's header)."""
    day = today_or(today)
    last = SessionLog.objects.filter(user_id=client_id, status__in=DONE, date__lte=day)
    last_active = last.order_by("-date").values_list("date", flat=True).first()
    return attention(_facts([client_id], day, {client_id: last_active})[client_id])
