"""The second factor (issue 14 findings 4 and 9, hardening "Second factor"; docs/rules.md, S8).

- The admin uses the app's two-step log-in: a password alone never opens it for someone
  with a confirmed device.
- Only a POST creates a TOTP device.
- The council can require the second factor for the secretary, the treasurer and the chair:
  they are sent to set it up before any internal page, and cannot turn it off.
- Recovery codes are shown once at set-up and each works once at the code step.
"""

import re

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from adviesraad.models import AuditEntry
from members.models import CouncilSettings
from tests.factories.members import PASSWORD, role_user

pytestmark = pytest.mark.django_db


def _static():
    from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

    return StaticDevice, StaticToken


def _code(device):
    device.refresh_from_db()
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def _require(on: bool) -> None:
    CouncilSettings.objects.update_or_create(pk=1, defaults={"second_factor_required": on})


def _password_step(client, user, **extra):
    return client.post(reverse("login"), {"username": user.email, "password": PASSWORD, **extra})


def _logged_in(client):
    return "_auth_user_id" in client.session


def _ends_at_the_login(client, path):
    """Opening ``path`` ends on the two-step log-in's first step, logged out."""
    response = client.get(path, follow=True)
    assert response.redirect_chain, path
    assert response.redirect_chain[-1][0].startswith("/admin/login/"), response.redirect_chain
    assert response.status_code == 200 and not _logged_in(client)
    assert response.templates[0].name == "registration/login.html"


# --- finding 4: the admin log-in ---------------------------------------------------------


@pytest.fixture
def staff_with_device(db):
    user = role_user("Secretariaat", email="beheer@test.example", is_staff=True, is_superuser=True)
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    return user, device


def test_admin_login_with_the_password_alone_does_not_open_the_admin(client, staff_with_device):
    user, _device = staff_with_device
    response = client.post(
        "/admin/login/?next=/admin/",
        {"username": user.email, "password": PASSWORD, "next": "/admin/"},
    )
    assert response.status_code == 302 and response["Location"] == reverse("login_verify")
    assert not _logged_in(client)
    for path in ("/admin/", "/admin/members/user/", f"/admin/members/user/{user.pk}/change/"):
        _ends_at_the_login(client, path)


def test_admin_login_page_is_the_two_step_login(client):
    response = client.get("/admin/login/?next=/admin/members/user/")
    assert response.status_code == 200
    assert response.templates[0].name == "registration/login.html"
    assert 'name="next" value="/admin/members/user/"' in response.content.decode()


def test_the_admin_login_finishes_with_the_code_and_returns_to_the_admin(client, staff_with_device):
    user, device = staff_with_device
    first = client.post(
        "/admin/login/?next=/admin/members/user/",
        {"username": user.email, "password": PASSWORD, "next": "/admin/members/user/"},
    )
    assert first["Location"] == reverse("login_verify")
    second = client.post(reverse("login_verify"), {"token": _code(device)})
    assert second["Location"] == "/admin/members/user/"
    assert client.get("/admin/members/user/").status_code == 200


def test_an_unverified_session_of_a_device_owner_does_not_open_the_admin(client, staff_with_device):
    user, _device = staff_with_device
    client.force_login(user)  # a session that skipped the code step
    _ends_at_the_login(client, "/admin/members/user/")


def test_the_admin_opens_after_both_steps(client, staff_with_device):
    user, device = staff_with_device
    first = _password_step(client, user, next="/admin/members/user/")
    assert first["Location"] == reverse("login_verify")
    second = client.post(reverse("login_verify"), {"token": _code(device)})
    assert second["Location"] == "/admin/members/user/"
    assert client.get("/admin/members/user/").status_code == 200


def test_staff_without_a_device_still_reach_the_admin_through_the_login(client):
    _require(False)
    user = role_user(email="beheer2@test.example", is_staff=True, is_superuser=True)
    response = client.post("/admin/login/", {"username": user.email, "password": PASSWORD})
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_a_logged_in_non_staff_user_is_refused_by_the_admin(client, member):
    client.force_login(member)
    assert client.get("/admin/login/").status_code == 403


# --- finding 9: a GET creates nothing ----------------------------------------------------


def test_opening_the_set_up_page_creates_no_device(client, treasurer):
    client.force_login(treasurer)
    response = client.get(reverse("two_factor"))
    assert response.status_code == 200
    assert not TOTPDevice.objects.filter(user=treasurer).exists()


def test_set_up_starts_with_a_post_then_shows_the_qr_code(client, treasurer):
    client.force_login(treasurer)
    started = client.post(reverse("two_factor"), {"action": "start"})
    assert started.status_code == 302
    device = TOTPDevice.objects.get(user=treasurer, confirmed=False)
    page = client.get(reverse("two_factor")).content.decode()
    assert "data:image/svg+xml;base64," in page
    client.get(reverse("two_factor"))
    assert TOTPDevice.objects.filter(user=treasurer).count() == 1
    client.post(reverse("two_factor"), {"action": "start"})  # a second start reuses it
    assert list(TOTPDevice.objects.filter(user=treasurer)) == [device]


# --- recovery codes ----------------------------------------------------------------------


def _set_up(client, user):
    client.post(reverse("two_factor"), {"action": "start"})
    device = TOTPDevice.objects.get(user=user)
    response = client.post(reverse("two_factor"), {"action": "confirm", "token": _code(device)})
    return device, response


def test_set_up_shows_recovery_codes_once(client, treasurer):
    StaticDevice, StaticToken = _static()
    client.force_login(treasurer)
    device, response = _set_up(client, treasurer)
    device.refresh_from_db()
    assert device.confirmed
    body = response.content.decode()
    codes = set(StaticToken.objects.filter(device__user=treasurer).values_list("token", flat=True))
    assert len(codes) == 10
    assert all(code in body for code in codes)
    again = client.get(reverse("two_factor")).content.decode()
    assert not any(code in again for code in codes)
    assert AuditEntry.objects.filter(action="auth.otp_enabled", actor=treasurer).exists()


def test_a_recovery_code_logs_in_once(client, treasurer):
    StaticDevice, StaticToken = _static()
    client.force_login(treasurer)
    _set_up(client, treasurer)
    code = StaticToken.objects.filter(device__user=treasurer).first().token
    client.logout()
    _password_step(client, treasurer)
    response = client.post(reverse("login_verify"), {"token": code.upper()})
    assert response.status_code == 302 and _logged_in(client)
    assert client.get(reverse("dashboard")).status_code == 200
    client.logout()
    _password_step(client, treasurer)
    StaticDevice.objects.filter(user=treasurer).update(throttling_failure_count=0)
    again = client.post(reverse("login_verify"), {"token": code})
    assert again.status_code == 200 and not _logged_in(client)
    assert "Deze code klopt niet" in again.content.decode()
    assert StaticToken.objects.filter(device__user=treasurer).count() == 9


def test_new_recovery_codes_replace_the_old_ones(client, treasurer):
    StaticDevice, StaticToken = _static()
    client.force_login(treasurer)
    _set_up(client, treasurer)
    old = set(StaticToken.objects.values_list("token", flat=True))
    response = client.post(reverse("two_factor_codes"))
    new = set(StaticToken.objects.values_list("token", flat=True))
    assert len(new) == 10 and not old & new
    assert all(code in response.content.decode() for code in new)


def test_a_get_makes_no_new_recovery_codes(client, treasurer):
    StaticDevice, StaticToken = _static()
    client.force_login(treasurer)
    _set_up(client, treasurer)
    old = set(StaticToken.objects.values_list("token", flat=True))
    assert client.get(reverse("two_factor_codes")).status_code == 405
    assert set(StaticToken.objects.values_list("token", flat=True)) == old


def test_turning_the_second_factor_off_removes_the_recovery_codes(client, member):
    StaticDevice, StaticToken = _static()
    client.force_login(member)
    _set_up(client, member)
    client.post(reverse("two_factor_disable"))
    assert not TOTPDevice.objects.filter(user=member).exists()
    assert not StaticDevice.objects.filter(user=member).exists()


# --- the council's requirement -----------------------------------------------------------


def test_the_requirement_is_on_for_a_new_install():
    assert CouncilSettings.objects.get_or_create(pk=1)[0].second_factor_required is True


@pytest.mark.parametrize("role", ["Secretariaat", "Penningmeester", "Voorzitter"])
def test_a_role_that_must_have_it_is_sent_to_set_it_up(client, role):
    _require(True)
    user = role_user(role)
    response = _password_step(client, user)
    assert _logged_in(client)
    assert response["Location"] == reverse("two_factor")
    for path in (reverse("dashboard"), reverse("members:profile"), "/intern/adviezen/", "/admin/"):
        blocked = client.get(path)
        assert blocked.status_code == 302 and blocked["Location"] == reverse("two_factor")
    assert client.get(reverse("two_factor")).status_code == 200
    page = client.get(reverse("two_factor")).content.decode()
    assert "Je rol vraagt om tweestapsverificatie" in page


def test_the_set_up_and_log_out_pages_stay_reachable(client, secretary):
    _require(True)
    _password_step(client, secretary)
    assert client.get(reverse("two_factor")).status_code == 200
    response = client.post(reverse("logout"))
    assert response.status_code == 302 and not _logged_in(client)


def test_after_set_up_the_internal_pages_open(client, secretary):
    _require(True)
    _password_step(client, secretary)
    _set_up(client, secretary)
    assert client.get(reverse("dashboard")).status_code == 200
    assert client.get(reverse("members:list")).status_code == 200


def test_a_member_is_not_sent_to_set_it_up(client, member):
    _require(True)
    response = _password_step(client, member)
    assert response["Location"] == reverse("dashboard")
    assert client.get(reverse("dashboard")).status_code == 200


def test_with_the_requirement_off_nobody_is_sent_to_set_it_up(client, secretary):
    _require(False)
    response = _password_step(client, secretary)
    assert response["Location"] == reverse("dashboard")
    assert client.get(reverse("members:list")).status_code == 200


def test_someone_who_must_have_it_cannot_turn_it_off(client, secretary):
    _require(True)
    client.force_login(secretary)
    _set_up(client, secretary)
    response = client.post(reverse("two_factor_disable"), follow=True)
    assert TOTPDevice.objects.filter(user=secretary, confirmed=True).exists()
    assert "Je rol vraagt om tweestapsverificatie" in response.content.decode()


def test_the_secretary_sets_the_requirement_on_the_council_settings_page(client, secretary):
    from members.forms import CouncilSettingsForm
    from members.selectors import council_settings_get

    _require(True)
    client.force_login(secretary)
    page = client.get(reverse("members:settings")).content.decode()
    assert 'name="second_factor_required"' in page
    data = {f: getattr(council_settings_get(), f) for f in CouncilSettingsForm.Meta.fields}
    data["second_factor_required"] = False
    response = client.post(
        reverse("members:settings"), {k: v for k, v in data.items() if v not in (None, False)}
    )
    assert response.status_code == 302
    assert CouncilSettings.objects.get(pk=1).second_factor_required is False


def test_the_code_step_accepts_a_totp_code_after_a_recovery_code_form(client, secretary):
    device = TOTPDevice.objects.create(user=secretary, name="app", confirmed=True)
    _password_step(client, secretary)
    response = client.post(reverse("login_verify"), {"token": _code(device)})
    assert response.status_code == 302 and _logged_in(client)
    assert re.fullmatch(r"/dashboard/", response["Location"])
