"""Background tasks (Django's Tasks API; the worker is ``manage.py db_worker``).

Arguments are JSON values (ids, strings), never model instances: the worker reads fresh rows.
"""

from __future__ import annotations

from django.core.mail import EmailMultiAlternatives
from django_tasks import task


@task()
def email_send(subject: str, body: str, to: list[str], html: str | None = None) -> int:
    """Send one email (password reset) outside the request, so a slow mail server never
    delays the page or reveals by its timing whether an address has an account."""
    message = EmailMultiAlternatives(subject=subject, body=body, to=to)
    if html:
        message.attach_alternative(html, "text/html")
    return message.send()


@task()
def export_build(export_id: int) -> str:
    """Build a requested export file (JSON bundle or zip of CSVs)."""
    from dorsi.services.exports import export_build_now

    return export_build_now(export_id=export_id)


@task()
def video_analyze(analysis_id: int) -> str:
    """Analyse an uploaded video (pose on every frame, then the annotated video): minutes on
    a long clip, so never inside a request."""
    from dorsi.services.videos import video_analysis_run

    return video_analysis_run(analysis_id=analysis_id)
