"""What a queue message may carry (docs/rules.md, S20): ids and short strings only."""

import pytest

from adviesraad.background import rules


def test_a_positional_task_argument_may_not_be_none():
    with pytest.raises(TypeError, match="got NoneType$"):
        rules.check_task_args([None], {})
    rules.check_task_args([], {"user_id": None})


@pytest.mark.parametrize("value", [1.5, b"x", {"iban": "NL91"}, True])
def test_a_task_argument_is_an_id_or_a_short_string(value):
    with pytest.raises(
        TypeError,
        match=f"^Task arguments must be ids or short strings, got {type(value).__name__}$",
    ):
        rules.check_task_args([value], {})


def test_a_long_string_is_refused_as_a_task_argument():
    with pytest.raises(
        TypeError, match=f"^Task string arguments are at most {rules.MAX_STRING_ARG}"
    ):
        rules.check_task_args(["x" * (rules.MAX_STRING_ARG + 1)], {})
    rules.check_task_args(["x" * rules.MAX_STRING_ARG], {})


def test_task_keyword_names_are_strings():
    with pytest.raises(TypeError, match="^Task keyword names must be strings$"):
        rules.check_task_args([], {1: 2})


def test_a_redis_url_without_host_means_this_machine():
    assert rules.broker_address("redis://") == ("127.0.0.1", 6379)
    assert rules.broker_address("redis://cache:6380/1") == ("cache", 6380)
    assert rules.broker_address("memory://") is None
