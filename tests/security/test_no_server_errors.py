"""Issue 14 findings 8 and 9, as the penetration test sent them: raw URLs that gave a server
error, and a GET that created a second-factor device.

``"²".isdigit()`` is true but ``int("²")`` fails; PostgreSQL cannot search for a NUL byte.
The test client raises what the view raises, so a 500 fails these tests with its traceback.
"""

import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from members.auth_views import PENDING_KEY, PENDING_NEXT, PENDING_TRIES
from members.models import CouncilSettings
from tests.factories.adviezen import SignalFactory, VersionFactory, published_advice
from tests.factories.members import PASSWORD, role_user

pytestmark = pytest.mark.django_db

ANSWERS = {200, 400, 404}
# Digits that str.isdigit() accepts and int() does not, other scripts' digits, NUL, overflow.
HOSTILE = ["%C2%B2", "%C2%B9%C2%B2", "%E2%91%A0", "%D9%A3", "1%C2%B2", "%00", "9" * 30, "-1", ""]


@pytest.mark.parametrize("query", ["q=%00", "q=mantel%00zorg", "q=%00%00&year=%C2%B2"])
def test_the_public_advice_search_with_a_nul_byte_answers(client, query):
    published_advice(title="Mantelzorg in de wijk")
    response = client.get(f"/adviezen/?{query}")
    assert response.status_code in ANSWERS


@pytest.mark.parametrize("value", HOSTILE)
def test_comparing_versions_with_a_number_int_cannot_read_answers(client, member, value):
    first = VersionFactory(number=1)
    VersionFactory(advice=first.advice, number=2)
    client.force_login(member)
    url = reverse("adviezen:compare", kwargs={"pk": first.advice_id})
    for query in (f"a={value}", f"b={value}", f"a={value}&b={value}"):
        assert client.get(f"{url}?{query}").status_code in ANSWERS, query


@pytest.mark.parametrize("value", HOSTILE)
def test_a_new_advice_from_a_signal_number_int_cannot_read_answers(client, secretary, value):
    SignalFactory()
    client.force_login(secretary)
    response = client.get(f"{reverse('adviezen:create')}?signaal={value}")
    assert response.status_code in ANSWERS


@pytest.mark.parametrize("value", HOSTILE)
def test_the_attendance_overview_with_a_year_int_cannot_read_answers(client, secretary, value):
    client.force_login(secretary)
    response = client.get(f"{reverse('meetings:attendance_overview')}?jaar={value}")
    assert response.status_code in ANSWERS


@pytest.mark.parametrize("token", ["²²²²²²", "١٢٣٤٥٦", "\x00" * 6, "①②③④⑤⑥"])
def test_a_code_of_six_odd_digits_at_the_code_step_is_a_wrong_code(client, token):
    user = role_user("Secretariaat", email="code@test.example")
    TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    session = client.session
    session[PENDING_KEY], session[PENDING_NEXT], session[PENDING_TRIES] = user.pk, "/", 0
    session.save()
    response = client.post(reverse("login_verify"), {"token": token})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("required", [True, False])
@pytest.mark.parametrize(
    "roles", [["Leden"], ["Bestuursadviseurs"], ["Secretariaat"], ["Penningmeester", "Leden"]]
)
def test_opening_the_second_factor_page_creates_no_device(client, roles, required):
    """Finding 9, for every role, required by the council or not, reached after the log-in
    step (as someone who must set it up) or by following the link."""
    CouncilSettings.objects.update_or_create(pk=1, defaults={"second_factor_required": required})
    user = role_user(*roles)
    client.post(reverse("login"), {"username": user.email, "password": PASSWORD})
    for _ in range(2):
        assert client.get(reverse("two_factor")).status_code == 200
        assert client.get(reverse("two_factor"), {"action": "start"}).status_code == 200
    assert not TOTPDevice.objects.filter(user=user).exists()
