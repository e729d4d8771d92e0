import pytest

from adviesraad.background.rules import MAX_STRING_ARG, broker_address, check_task_args


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
