"""Several requests writing the same day's retest at once (two taps, two devices): every one
is answered, one row is left, no server error — on SQLite and on PostgreSQL."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.db import connection

from dorsi.db.models import Retest
from dorsi.services.tracking import retest_record
from tests.django_support import TODAY

pytestmark = pytest.mark.django_db(transaction=True)


def test_eight_parallel_retests_of_one_day_leave_one_row_and_no_error(plan: Any) -> None:
    user = plan_user(plan)
    errors: list[BaseException] = []
    start = threading.Barrier(8)

    def write(n: int) -> None:
        try:
            start.wait()
            retest_record(user=user, when=TODAY, unit="cm", left=8.0 + n / 10, right=10.0)
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=write, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert Retest.objects.filter(user=user, date=TODAY).count() == 1


def plan_user(plan: Any) -> Any:
    from django.contrib.auth.models import User

    return User.objects.get(username="ana")
