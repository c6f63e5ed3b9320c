"""Dorsi's tables. Fields and constraints only: the rules live in dorsi.core, the writes in
dorsi.services. Every user-owned row points at the user, so every query can be scoped to one.

The exercise library is not a table: it is a versioned data file in dorsi.core, read at run
time. Rows that mention an exercise store its stable id, checked against the library by the
service that writes them.
"""

from __future__ import annotations

from enum import StrEnum

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from dorsi.core import codes
from dorsi.core.thresholds import (
    AGE_RANGE,
    DEFAULT_MINUTES_PER_DAY,
    DEFAULT_REMINDER_TIME,
    HEIGHT_RANGE,
    KNEE_TO_WALL_MAX_STORED_CM,
    MINUTES_PER_DAY_RANGE,
    PAIN_RANGE,
    SESSION_MINUTES_RANGE,
    SPRAIN_RANGE,
    WB_ANGLE_RANGE,
)
from dorsi.video.model import Mode as VideoMode
from dorsi.video.model import SideChoice as VideoSide

USER = settings.AUTH_USER_MODEL


def _choices(enum: type[StrEnum]) -> list[tuple[str, str]]:
    return [(member.value, member.value.replace("_", " ")) for member in enum]


def _in(field: str, enum: type[StrEnum]) -> Q:
    return Q(**{f"{field}__in": [member.value for member in enum]})


def _between(field: str, low: float, high: float, *, nullable: bool = False) -> Q:
    """The core's valid range as a database constraint (the core stays the one home)."""
    inside = Q(**{f"{field}__gte": low, f"{field}__lte": high})
    return Q(**{f"{field}__isnull": True}) | inside if nullable else inside


class Role(models.TextChoices):
    """An athlete follows a plan; a coach or physiotherapist follows athletes who share."""

    ATHLETE = "athlete"
    COACH = "coach"


class Profile(models.Model):
    user = models.OneToOneField(USER, on_delete=models.CASCADE, related_name="dorsi_profile")
    role = models.CharField(max_length=8, choices=Role.choices, default=Role.ATHLETE)
    units = models.CharField(max_length=2, choices=_choices(codes.Unit), default="cm")
    age = models.PositiveSmallIntegerField(null=True, blank=True)
    height_cm = models.FloatField(null=True, blank=True)
    sports = models.JSONField(default=list, blank=True)
    sprains_left = models.PositiveSmallIntegerField(default=0)
    sprains_right = models.PositiveSmallIntegerField(default=0)
    equipment = models.JSONField(default=list, blank=True)
    training_days = models.JSONField(default=list, blank=True)
    minutes_per_day = models.PositiveSmallIntegerField(default=DEFAULT_MINUTES_PER_DAY)
    desk_job = models.BooleanField(null=True, blank=True)
    shoe_drop_mm = models.FloatField(null=True, blank=True)
    # When the calendar feed's reminders ring: a local time in an IANA time zone ("" keeps the
    # events floating, in whatever zone the phone is in).
    reminder_time = models.TimeField(default=DEFAULT_REMINDER_TIME)
    time_zone = models.CharField(max_length=64, blank=True, default="")

    class Meta:
        constraints = [
            models.CheckConstraint(condition=_in("units", codes.Unit), name="profile_units_valid"),
            models.CheckConstraint(condition=Q(role__in=Role.values), name="profile_role_valid"),
            models.CheckConstraint(
                condition=_between("age", AGE_RANGE.low, AGE_RANGE.high, nullable=True),
                name="profile_age_range",
            ),
            models.CheckConstraint(
                condition=_between("height_cm", HEIGHT_RANGE.low, HEIGHT_RANGE.high, nullable=True),
                name="profile_height_range",
            ),
            models.CheckConstraint(
                condition=_between(
                    "minutes_per_day", MINUTES_PER_DAY_RANGE.low, MINUTES_PER_DAY_RANGE.high
                ),
                name="profile_minutes_range",
            ),
            models.CheckConstraint(
                condition=Q(
                    sprains_left__lte=SPRAIN_RANGE.high, sprains_right__lte=SPRAIN_RANGE.high
                ),
                name="profile_sprains_range",
            ),
        ]

    def __str__(self) -> str:
        return f"profile of user {self.user_id}"


class Assessment(models.Model):
    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="assessments")
    date = models.DateField()
    created_at = models.DateTimeField(default=timezone.now)
    input = models.JSONField()  # dorsi.assessment/v1, as entered (original unit)
    report = models.JSONField()  # dorsi.report/v1, computed by the core when it was saved
    referral_level = models.CharField(max_length=16, choices=_choices(codes.ReferralLevel))
    cleared_by_professional_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-date", "-created_at", "-id"]
        indexes = [models.Index(fields=["user", "-date"], name="assessment_user_date")]
        constraints = [
            models.CheckConstraint(
                condition=_in("referral_level", codes.ReferralLevel),
                name="assessment_referral_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"assessment {self.pk} of {self.date}"


class Plan(models.Model):
    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="plans")
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="plans")
    start = models.DateField()
    mode = models.CharField(
        max_length=16, choices=_choices(codes.PlanMode), default=codes.PlanMode.DEVELOPMENT.value
    )
    # The day the goal was reached and maintenance began (its retest values are the reference),
    # and the day a retest fell a real change below them and sent the plan back (SPEC §4).
    maintenance_since = models.DateField(null=True, blank=True)
    returned_to_development_on = models.DateField(null=True, blank=True)
    document = models.JSONField()  # dorsi.plan/v1
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"], condition=Q(is_active=True), name="plan_one_active_per_user"
            ),
            models.CheckConstraint(condition=_in("mode", codes.PlanMode), name="plan_mode_valid"),
        ]

    def __str__(self) -> str:
        return f"plan {self.pk} from {self.start}"


class SessionLog(models.Model):
    """One logged day of the plan (re-logging the same day replaces it)."""

    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="session_logs")
    date = models.DateField()
    status = models.CharField(max_length=8, choices=_choices(codes.SessionStatus))
    minutes = models.FloatField(default=0)
    pain = models.FloatField(default=0)  # 0-10
    pain_type = models.CharField(
        max_length=8, choices=_choices(codes.PainType), default=codes.PainType.NONE.value
    )
    exercise = models.CharField(max_length=80, blank=True, default="")  # library id that hurt
    # dorsi.log/v1 ``swelling`` and ``efforts`` [{exercise, effort}], and the athlete's own words
    # for their coach (SPEC §7 additions).
    swelling = models.BooleanField(default=False)
    efforts = models.JSONField(default=list, blank=True)
    note = models.TextField(blank=True, default="")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(fields=["user", "date"], name="session_one_per_day"),
            models.CheckConstraint(
                condition=_in("status", codes.SessionStatus), name="session_status_valid"
            ),
            models.CheckConstraint(
                condition=_in("pain_type", codes.PainType), name="session_pain_type_valid"
            ),
            models.CheckConstraint(
                condition=_between("pain", PAIN_RANGE.low, PAIN_RANGE.high),
                name="session_pain_range",
            ),
            models.CheckConstraint(
                condition=_between(
                    "minutes", SESSION_MINUTES_RANGE.low, SESSION_MINUTES_RANGE.high
                ),
                name="session_minutes_range",
            ),
        ]

    def __str__(self) -> str:
        return f"session {self.date} {self.status}"


class Retest(models.Model):
    """A knee-to-wall retest (standing); stored in cm, with the unit it was entered in."""

    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="retests")
    date = models.DateField()
    unit = models.CharField(max_length=2, choices=_choices(codes.Unit), default="cm")
    left_cm = models.FloatField(null=True, blank=True)
    right_cm = models.FloatField(null=True, blank=True)
    # Measured by the athlete's coach or physiotherapist in the clinic, not self-measured.
    in_clinic = models.BooleanField(default=False)
    recorded_by = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(fields=["user", "date"], name="retest_one_per_day"),
            models.CheckConstraint(condition=_in("unit", codes.Unit), name="retest_unit_valid"),
            models.CheckConstraint(
                condition=Q(left_cm__isnull=False) | Q(right_cm__isnull=False),
                name="retest_has_a_side",
            ),
            models.CheckConstraint(
                condition=_between("left_cm", 0, KNEE_TO_WALL_MAX_STORED_CM, nullable=True)
                & _between("right_cm", 0, KNEE_TO_WALL_MAX_STORED_CM, nullable=True),
                name="retest_range",
            ),
        ]

    def __str__(self) -> str:
        return f"retest {self.date}"


class AngleRetest(models.Model):
    """A lunge (shin) angle retest: the tibia's lean from vertical with the heel down, per side,
    read from a knee-to-wall video. Kept apart from the knee-to-wall retests, on which progress,
    the goal and plateaus are judged (SPEC §5); an angle carries about ±5° (SPEC §6)."""

    class Source(models.TextChoices):
        VIDEO = "video", "video"

    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="angle_retests")
    date = models.DateField()
    left_deg = models.FloatField(null=True, blank=True)
    right_deg = models.FloatField(null=True, blank=True)
    source = models.CharField(max_length=8, choices=Source.choices, default=Source.VIDEO)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(fields=["user", "date"], name="angle_retest_one_per_day"),
            models.CheckConstraint(
                condition=Q(left_deg__isnull=False) | Q(right_deg__isnull=False),
                name="angle_retest_has_a_side",
            ),
            models.CheckConstraint(
                condition=_between(
                    "left_deg", WB_ANGLE_RANGE.low, WB_ANGLE_RANGE.high, nullable=True
                )
                & _between("right_deg", WB_ANGLE_RANGE.low, WB_ANGLE_RANGE.high, nullable=True),
                name="angle_retest_range",
            ),
        ]

    def __str__(self) -> str:
        return f"angle retest {self.date}"


class SessionLogKey(models.Model):
    """An Idempotency-Key a session log was sent with: a replay of the same key (a queued
    offline log sent twice, a double tap) answers the first result instead of logging again."""

    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="session_log_keys")
    key = models.CharField(max_length=64)
    date = models.DateField()  # the session the first request logged
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="session_log_key_once"),
        ]

    def __str__(self) -> str:
        return f"session log key of user {self.user_id} for {self.date}"


class CalendarFeed(models.Model):
    """A private, revocable capability URL for the plan's .ics feed."""

    user = models.OneToOneField(USER, on_delete=models.CASCADE, related_name="calendar_feed")
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"calendar feed of user {self.user_id}"


class ExportFormat(models.TextChoices):
    JSON = "json"
    CSV = "csv"


class ExportStatus(models.TextChoices):
    PENDING = "pending"
    READY = "ready"
    FAILED = "failed"


class Export(models.Model):
    """An export file built by a background task, downloadable by its owner."""

    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="exports")
    format = models.CharField(max_length=4, choices=ExportFormat.choices)
    status = models.CharField(
        max_length=8, choices=ExportStatus.choices, default=ExportStatus.PENDING
    )
    content = models.BinaryField(null=True, blank=True)
    error = models.TextField(blank=True, default="")
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(format__in=ExportFormat.values), name="export_format_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=ExportStatus.values), name="export_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"export {self.pk} ({self.format}, {self.status})"


class LinkInviter(models.TextChoices):
    CLIENT = "client"  # the athlete made the code and gives it to the coach
    COACH = "coach"  # the coach made the code or link and sends it to the athlete


class CoachLink(models.Model):
    """Sharing between an athlete (client) and a coach, started with a one-time code by either
    of them; it is live once both sides are set and ``accepted_at`` is set. Stopping sharing
    deletes the row, so access ends with it."""

    client = models.ForeignKey(
        USER, on_delete=models.CASCADE, related_name="coach_links", null=True, blank=True
    )
    coach = models.ForeignKey(
        USER, on_delete=models.CASCADE, related_name="client_links", null=True, blank=True
    )
    invited_by = models.CharField(
        max_length=8, choices=LinkInviter.choices, default=LinkInviter.CLIENT
    )
    code = models.CharField(max_length=32, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["coach", "accepted_at"], name="coach_link_coach")]
        constraints = [
            models.CheckConstraint(condition=~Q(client=models.F("coach")), name="coach_not_self"),
            models.UniqueConstraint(fields=["client", "coach"], name="coach_link_unique"),
            models.CheckConstraint(
                condition=Q(client__isnull=False) | Q(coach__isnull=False),
                name="coach_link_has_a_side",
            ),
            models.CheckConstraint(
                condition=Q(invited_by__in=LinkInviter.values), name="coach_link_inviter_valid"
            ),
            models.CheckConstraint(
                condition=Q(accepted_at__isnull=True)
                | Q(client__isnull=False, coach__isnull=False),
                name="coach_link_accepted_has_both",
            ),
        ]

    def __str__(self) -> str:
        return f"coach link {self.pk}"


class PlanEdit(models.Model):
    """One change a coach made to an athlete's plan: the operation as a document (read back by
    the core's ``parse_edit``), who made it and when. A reverted change stays in the history;
    the plan is the generated plan with every change not reverted applied in order."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="edits")
    client = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="plan_edits")
    author = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    author_name = models.CharField(max_length=150)  # kept when the coach's account goes
    operation = models.JSONField()
    summary = models.CharField(max_length=300)
    note = models.TextField(blank=True, default="")
    created_at = models.DateTimeField(default=timezone.now)
    reverted_at = models.DateTimeField(null=True, blank=True)
    reverted_by_name = models.CharField(max_length=150, blank=True, default="")

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["plan", "created_at"], name="plan_edit_plan")]

    def __str__(self) -> str:
        return f"plan edit {self.pk}"


class PlanDigest(models.Model):
    """What the coach's client list needs of a stored plan (its retest dates), read once from
    the document so the list never parses 200 plans."""

    plan = models.OneToOneField(
        Plan, on_delete=models.CASCADE, primary_key=True, related_name="digest"
    )
    retests = models.JSONField(default=list)

    def __str__(self) -> str:
        return f"digest of plan {self.plan_id}"


class AssessmentDigest(models.Model):
    """What the coach's client list needs of an assessment (baseline per side in cm, the goal,
    the referral reasons), read once through the core so the list never re-assesses."""

    assessment = models.OneToOneField(
        Assessment, on_delete=models.CASCADE, primary_key=True, related_name="digest"
    )
    left_cm = models.FloatField(null=True, blank=True)
    right_cm = models.FloatField(null=True, blank=True)
    target_cm = models.FloatField()
    referral_reasons = models.JSONField(default=list)

    def __str__(self) -> str:
        return f"digest of assessment {self.assessment_id}"


class CoachNote(models.Model):
    """A message in the thread between an athlete and one of their coaches."""

    client = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="coach_threads")
    coach = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="client_threads")
    author = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    text = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["client", "coach", "created_at"], name="coach_note_thread")]
        constraints = [
            models.CheckConstraint(
                condition=Q(author=models.F("client")) | Q(author=models.F("coach")),
                name="coach_note_author_in_thread",
            ),
        ]

    def __str__(self) -> str:
        return f"coach note {self.pk}"


class CoachAccess(models.Model):
    """One view of an athlete's data by a coach: the athlete reads this log."""

    client = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="coach_accesses")
    coach = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    coach_name = models.CharField(max_length=150)
    what = models.CharField(max_length=32)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["client", "-at"], name="coach_access_client"),
            # the retention sweep deletes by age (services.coaching.access_log_prune)
            models.Index(fields=["at"], name="coach_access_at"),
        ]

    def __str__(self) -> str:
        return f"coach access {self.pk}"


class VideoStatus(models.TextChoices):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


class VideoAnalysis(models.Model):
    """A side-view video analysed by a background task. The upload and the report files
    (analysis.json, frames.csv, angles.png, annotated.mp4) live in the user's media folder,
    media storage ``videos/<user id>/<id>/``; ``summary`` keeps what the pages list."""

    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="video_analyses")
    status = models.CharField(max_length=8, choices=VideoStatus.choices, default=VideoStatus.QUEUED)
    mode = models.CharField(max_length=16, choices=_choices(VideoMode))
    side = models.CharField(max_length=8, choices=_choices(VideoSide), default=VideoSide.AUTO.value)
    height_cm = models.FloatField(null=True, blank=True)
    original_filename = models.CharField(max_length=255)
    size_bytes = models.PositiveBigIntegerField(default=0)
    progress = models.PositiveSmallIntegerField(default=0)  # percent, while running
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True, default="")  # the VideoError message, for the user
    # Which worker runs it, and how many times a worker started it: a worker that dies
    # leaves it to the others (dorsi.services.workers), up to a limit.
    worker_id = models.CharField(max_length=64, blank=True, default="")
    attempts = models.PositiveSmallIntegerField(default=0)
    summary = models.JSONField(null=True, blank=True)  # analysis.json without the per-frame series

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "-created_at"], name="video_user_created")]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=VideoStatus.values), name="video_status_valid"
            ),
            models.CheckConstraint(condition=_in("mode", VideoMode), name="video_mode_valid"),
            models.CheckConstraint(condition=_in("side", VideoSide), name="video_side_valid"),
            models.CheckConstraint(
                condition=_between("height_cm", HEIGHT_RANGE.low, HEIGHT_RANGE.high, nullable=True),
                name="video_height_range",
            ),
            models.CheckConstraint(condition=Q(progress__lte=100), name="video_progress_range"),
            models.CheckConstraint(
                condition=~Q(status=VideoStatus.DONE) | Q(summary__isnull=False),
                name="video_done_has_summary",
            ),
            models.CheckConstraint(
                condition=~Q(status=VideoStatus.FAILED) | ~Q(error=""),
                name="video_failed_has_error",
            ),
        ]

    def __str__(self) -> str:
        return f"video analysis {self.pk} ({self.mode}, {self.status})"


class WorkerHeartbeat(models.Model):
    """A task worker says it is alive every few seconds; one that stops saying so is dead,
    and what it was running is handed to another worker (on any host)."""

    worker_id = models.CharField(max_length=64, unique=True)
    host = models.CharField(max_length=255)
    pid = models.PositiveIntegerField()
    started_at = models.DateTimeField(default=timezone.now)
    seen_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["seen_at"], name="worker_seen_at")]

    def __str__(self) -> str:
        return f"worker {self.worker_id} on {self.host}"
