"""Log-in throttling (issue 14 finding 3; docs/rules.md, S7).

The address is normalised before django-axes counts it, so every spelling counts against the
same account; an account is locked after five failures from anywhere, and a client after five
failures over any accounts.
"""

import pytest
from django.urls import reverse

from tests.factories.members import PASSWORD, role_user

pytestmark = pytest.mark.django_db
LIMIT = 5


def _login(client, email, password="fout-wachtwoord", ip="203.0.113.9", **meta):
    return client.post(
        reverse("login"), {"username": email, "password": password}, REMOTE_ADDR=ip, **meta
    )


def _logged_in(client):
    return "_auth_user_id" in client.session


@pytest.mark.parametrize(
    ("typed", "normalised"),
    [
        ("x@test.example", "x@test.example"),
        ("X@Test.Example", "x@test.example"),
        ("  x@test.example ", "x@test.example"),
        ("", ""),
    ],
)
def test_axes_sees_the_normalised_address(rf, typed, normalised):
    from members.throttle import axes_username

    request = rf.post("/", {"username": typed})
    assert axes_username(request, {"username": typed}) == normalised
    assert axes_username(request, None) == normalised


def test_another_spelling_with_the_right_password_is_refused_after_six_failures(client, member):
    lower = member.email
    for _ in range(LIMIT + 1):
        _login(client, lower)
    response = _login(client, lower.upper(), PASSWORD)
    assert response.status_code == 429
    assert "Tijdelijk geblokkeerd" in response.content.decode()
    assert not _logged_in(client)


def test_ten_failures_over_four_spellings_lock_the_account(client, member):
    local, domain = member.email.split("@")
    spellings = [
        member.email,
        member.email.upper(),
        f"{local.capitalize()}@{domain}",
        f"{local}@{domain.upper()}",
    ]
    for n in range(10):
        _login(client, spellings[n % 4])
    response = _login(client, member.email, PASSWORD)
    assert response.status_code == 429 and not _logged_in(client)


def test_the_account_is_locked_whichever_clients_the_failures_come_from(client, member):
    for n in range(LIMIT):
        _login(client, member.email, ip=f"198.51.100.{n + 1}")
    response = _login(client, member.email, PASSWORD, ip="192.0.2.50")
    assert response.status_code == 429 and not _logged_in(client)


def test_one_password_tried_across_many_accounts_locks_the_client(client, member):
    for n in range(LIMIT):
        _login(client, f"persoon{n}@test.example", password="Welkom2026!")
    # The client is stopped, even for an account it has not tried yet ...
    response = _login(client, member.email, PASSWORD)
    assert response.status_code == 429 and not _logged_in(client)
    # ... while the account itself is not locked for its owner elsewhere.
    ok = _login(client, member.email, PASSWORD, ip="192.0.2.50")
    assert ok.status_code == 302 and _logged_in(client)


def test_fewer_failures_than_the_limit_do_not_lock(client, member):
    for n in range(LIMIT - 1):
        _login(client, f"persoon{n}@test.example")
    response = _login(client, member.email, PASSWORD)
    assert response.status_code == 302 and _logged_in(client)


def test_logging_in_to_ones_own_account_does_not_wipe_the_clients_failures(client, member):
    # An insider alternating guesses on others' accounts with log-ins on their own account is
    # still stopped: a successful log-in does not reset the client's failures.
    victim = role_user("Secretariaat", email="secretaris@test.example")
    for round_ in range(3):
        for _ in range(2):
            _login(client, victim.email)
        if round_ < 2:
            assert _login(client, member.email, PASSWORD).status_code == 302
            client.logout()
    response = _login(client, victim.email, PASSWORD)
    assert response.status_code == 429 and not _logged_in(client)


def test_a_spoofed_forwarded_for_does_not_make_a_new_client(client, member, settings):
    settings.TRUSTED_PROXIES = []
    for n in range(LIMIT):
        _login(client, f"persoon{n}@test.example", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}")
    response = _login(client, member.email, PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.200")
    assert response.status_code == 429 and not _logged_in(client)


def test_behind_the_trusted_proxy_clients_are_told_apart(client, member, settings):
    settings.TRUSTED_PROXIES = ["10.0.0.2"]
    for n in range(LIMIT):
        _login(
            client, f"persoon{n}@test.example", ip="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.1"
        )
    locked = _login(
        client, member.email, PASSWORD, ip="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.1"
    )
    assert locked.status_code == 429
    other = _login(
        client, member.email, PASSWORD, ip="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.2"
    )
    assert other.status_code == 302 and _logged_in(client)


def test_a_password_reset_lifts_the_accounts_lock(
    client, member, django_capture_on_commit_callbacks
):
    import re

    from django.core import mail

    for n in range(LIMIT):
        _login(client, member.email, ip=f"198.51.100.{n + 1}")
    assert _login(client, member.email, PASSWORD, ip="192.0.2.50").status_code == 429
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("password_reset"), {"email": member.email}, REMOTE_ADDR="192.0.2.50")
    link = re.search(r"https?://[^/]+(/accounts/reset/\S+)", mail.outbox[0].body).group(1)
    set_url = client.get(link, follow=True).redirect_chain[-1][0]
    client.post(
        set_url,
        {"new_password1": "Nieuw-Wachtwoord-2026", "new_password2": "Nieuw-Wachtwoord-2026"},
    )
    response = _login(client, member.email, "Nieuw-Wachtwoord-2026", ip="192.0.2.50")
    assert response.status_code == 302 and _logged_in(client)


# The tests above fail from one client, which the client limit alone would stop. These spread
# the failures over clients (none reaching the limit), so only the account's count can lock.


def _spellings(email):
    local, domain = email.split("@")
    return [email, email.upper(), f"{local.capitalize()}@{domain}", f" {local}@{domain.upper()} "]


def test_six_failures_from_six_clients_then_another_spelling_is_refused(client, member):
    for n in range(LIMIT + 1):
        _login(client, member.email, ip=f"198.51.100.{n + 1}")
    response = _login(client, member.email.upper(), PASSWORD, ip="192.0.2.77")
    assert response.status_code == 429 and not _logged_in(client)


def test_ten_failures_over_four_spellings_and_ten_clients_lock_the_account(client, member):
    spellings = _spellings(member.email)
    for n in range(10):
        _login(client, spellings[n % 4], ip=f"198.51.100.{n + 1}")
    for spelling in spellings:
        response = _login(client, spelling, PASSWORD, ip="192.0.2.77")
        assert response.status_code == 429 and not _logged_in(client), spelling


def test_one_failure_short_of_the_limit_over_spellings_and_clients_does_not_lock(client, member):
    spellings = _spellings(member.email)
    for n in range(LIMIT - 1):
        _login(client, spellings[n % 4], ip=f"198.51.100.{n + 1}")
    response = _login(client, spellings[1], PASSWORD, ip="192.0.2.77")
    assert response.status_code == 302 and _logged_in(client)


def test_throttling_is_configured_on_the_normalised_address_and_the_real_client(settings):
    assert settings.AXES_USERNAME_CALLABLE == "members.throttle.axes_username"
    assert settings.AXES_CLIENT_IP_CALLABLE == "adviesraad.net.client_ip"
    assert settings.AXES_FAILURE_LIMIT == LIMIT
    assert not settings.AXES_RESET_ON_SUCCESS
