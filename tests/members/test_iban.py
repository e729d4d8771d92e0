"""A member's IBAN: checked by schwifty with a Dutch message per problem, formatted, masked."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from members.iban import (
    iban_format,
    iban_is_valid,
    iban_mask,
    iban_normalise,
    iban_problem,
    validate_iban,
)


@pytest.mark.parametrize(
    "value",
    [
        "NL91ABNA0417164300",
        "nl91 abna 0417 1643 00",
        " NL20 INGB 0001 2345 67 ",
        "DE89370400440532013000",
        "BE68539007547034",
    ],
)
def test_valid_ibans_have_no_problem(value):
    assert iban_problem(value) is None and iban_is_valid(value)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("NL91ABNA0417164301", "de controlecijfers kloppen niet"),  # one digit off
        ("NL00ABNA0417164300", "de controlecijfers kloppen niet"),
        ("NL91ABNA041716430", "heeft 18 tekens; je hebt er 17 ingevuld"),
        ("NL91ABNA04171643000", "heeft 18 tekens; je hebt er 19 ingevuld"),
        ("DE8937040044053201300", "begint met DE heeft 22 tekens"),
        ("XX91ABNA0417164300", "XX is geen landcode"),
        ("NL91ABN10417164300", "bestaat uit letters en cijfers"),  # a digit in the bank code
        ("NL91-ABNA-0417-1643-00", "bestaat uit letters en cijfers"),
        ("", "bestaat uit letters en cijfers"),
    ],
)
def test_each_problem_gets_its_own_dutch_message(value, message):
    problem = iban_problem(value)
    assert problem is not None and message in problem
    assert not iban_is_valid(value)
    with pytest.raises(ValidationError, match=message):
        validate_iban(value)


def test_the_stored_form_has_no_spaces_and_capitals():
    assert iban_normalise(" nl91 abna\t0417 1643 00 ") == "NL91ABNA0417164300"


def test_format_in_groups_of_four():
    assert iban_format("nl91abna0417164300") == "NL91 ABNA 0417 1643 00"
    assert iban_format("DE89370400440532013000") == "DE89 3704 0044 0532 0130 00"
    assert iban_format(" xx12 34") == "XX12 34"


def test_mask_keeps_only_the_last_four():
    assert iban_mask("NL91 ABNA 0417 1643 00") == "••••••••••••••4300"
    assert iban_mask("") == ""


@pytest.mark.django_db
def test_the_member_masked_iban_hides_the_account(member):
    member.iban = "NL91ABNA0417164300"
    assert member.iban_masked == "••••••••••••••4300"


@pytest.mark.django_db
def test_the_iban_page_says_what_is_wrong_next_to_the_field_and_keeps_it(client, member):
    member.iban = "NL20INGB0001234567"
    member.save()
    client.force_login(member)
    response = client.post(reverse("budget:iban"), {"iban": "NL91 ABNA 0417 1643"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "heeft 18 tekens; je hebt er 16 ingevuld" in body
    assert 'value="NL91 ABNA 0417 1643"' in body  # what was typed stays in the field
    assert "is-invalid" in body  # the message sits at the field
    member.refresh_from_db()
    assert member.iban == "NL20INGB0001234567"
