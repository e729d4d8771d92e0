import datetime

import pytest

from adviesraad.background.rules import (
    MAX_STRING_ARG,
    broker_address,
    check_task_args,
    is_lost,
    is_stale,
    may_retry_by_hand,
    retry_delay,
    sweep_action,
)


@pytest.mark.parametrize(
    "args,kwargs",
    [
        ((1, 2), {}),
        (("abc",), {"user_id": 3, "note": None}),
        (("x" * MAX_STRING_ARG,), {}),
        ((), {}),
    ],
)
def test_ids_and_short_strings_are_accepted(args, kwargs):
    check_task_args(args, kwargs)


@pytest.mark.parametrize(
    "args,kwargs",
    [
        (("x" * (MAX_STRING_ARG + 1),), {}),
        ((1.5,), {}),
        (({"iban": "NL91ABNA0417164300"},), {}),
        (([1, 2],), {}),
        ((b"bytes",), {}),
        ((None,), {}),
        ((True,), {}),
        ((), {"obj": object()}),
    ],
)
def test_anything_but_ids_and_short_strings_is_refused(args, kwargs):
    with pytest.raises(TypeError):
        check_task_args(args, kwargs)


@pytest.mark.parametrize(
    "url,expected",
    [
        ("redis://127.0.0.1:1/0", ("127.0.0.1", 1)),
        ("redis://redis/0", ("redis", 6379)),
        ("rediss://:pw@host:6380/2", ("host", 6380)),
        ("memory://", None),
    ],
)
def test_broker_address(url, expected):
    assert broker_address(url) == expected


# --- work in flight -----------------------------------------------------------------------

NOW = datetime.datetime(2026, 3, 2, 12, 0, tzinfo=datetime.UTC)


def ago(seconds):
    return NOW - datetime.timedelta(seconds=seconds)


@pytest.mark.parametrize(
    "started,beat,stale",
    [
        (ago(600), ago(60), False),  # a heartbeat exactly at the limit: still alive
        (ago(600), ago(61), True),
        (ago(600), ago(5), False),  # a long task with a fresh heartbeat is busy, not dead
        (ago(60), None, False),
        (ago(61), None, True),
        (None, ago(61), True),
        (None, None, True),  # running without any sign of life
    ],
)
def test_a_running_task_is_stale_after_its_last_sign_of_life(started, beat, stale):
    assert is_stale(started_at=started, heartbeat_at=beat, now=NOW, stale_after=60) is stale


@pytest.mark.parametrize(
    "sent_ago,resends,lost",
    [
        (300, 0, False),
        (301, 0, True),
        (600, 1, False),  # the wait doubles after each resend
        (601, 1, True),
        (1201, 2, True),
        (1200, 2, False),
    ],
)
def test_a_sent_task_nobody_started_is_lost_after_the_wait_doubling_per_resend(
    sent_ago, resends, lost
):
    assert is_lost(sent_at=ago(sent_ago), now=NOW, resend_after=300, resends=resends) is lost


def test_a_sent_task_without_a_sent_time_is_lost():
    assert is_lost(sent_at=None, now=NOW, resend_after=300, resends=0)


@pytest.mark.parametrize(
    "state,acks_late,resends,action",
    [
        ("running", True, 0, "resend"),
        ("running", True, 2, "resend"),
        ("running", True, 3, "stall"),  # a task that kills its worker every time stops here
        ("running", False, 0, "stall"),  # acknowledged early: maybe not safe to run twice
        ("sent", False, 0, "resend"),  # never started: safe whatever the task
        ("sent", True, 3, "stall"),
    ],
)
def test_the_sweep_resends_safe_work_a_bounded_number_of_times(state, acks_late, resends, action):
    assert sweep_action(state=state, acks_late=acks_late, resends=resends, max_resends=3) == action


@pytest.mark.parametrize(
    "state,stalled,allowed",
    [
        ("failed", False, True),
        ("stalled", True, True),
        ("running", True, True),
        ("running", False, False),
        ("sent", False, False),
        ("pending", False, False),
        ("succeeded", False, False),
    ],
)
def test_by_hand_only_failed_or_stalled_work_is_retried(state, stalled, allowed):
    assert may_retry_by_hand(state=state, stalled=stalled) is allowed


@pytest.mark.parametrize("retries,delay", [(0, 2), (1, 4), (2, 8), (4, 32), (20, 900)])
def test_retry_delay_doubles_up_to_a_cap(retries, delay):
    assert retry_delay(retries, base=2) == delay
