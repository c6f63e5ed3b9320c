"""Background tasks with no other home (Django's Tasks API; the worker is
``manage.py db_worker``). A task that belongs to a service lives beside the code it runs
(``exports.export_build``, ``videos.video_analyze``), so no service needs to import this module
to queue work and this module needs no service.

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
