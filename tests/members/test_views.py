import datetime

import pytest
from django.core import mail
from django.urls import reverse

from adviesraad.models import AuditEntry
from members.models import Term, User
from tests.factories.members import MembershipFactory, TermFactory, WorkingGroupFactory, role_user

pytestmark = pytest.mark.django_db
D = datetime.date

SECRETARY_ONLY = [
    ("members:create", {}),
    ("members:update", {"pk": "member"}),
    ("members:term_create", {"pk": "member"}),
    ("members:group_create", {}),
    ("members:settings", {}),
    ("members:audit", {}),
]
DIRECTORY = [
    ("members:list", {}),
    ("members:detail", {"pk": "member"}),
    ("members:group_list", {}),
    ("members:seat_planning", {}),
]


def _url(name, kwargs, member):
    return reverse(name, kwargs={k: (member.pk if v == "member" else v) for k, v in kwargs.items()})


@pytest.mark.parametrize(("name", "kwargs"), SECRETARY_ONLY)
@pytest.mark.parametrize("role", ["Leden", "Voorzitter", "Penningmeester", "Bestuursadviseurs"])
def test_secretary_pages_are_403_for_other_roles(client, member, name, kwargs, role):
    client.force_login(role_user(role))
    assert client.get(_url(name, kwargs, member)).status_code == 403


@pytest.mark.parametrize(("name", "kwargs"), SECRETARY_ONLY + DIRECTORY)
def test_secretary_reaches_every_members_page(client, secretary, member, name, kwargs):
    client.force_login(secretary)
    assert client.get(_url(name, kwargs, member)).status_code == 200


@pytest.mark.parametrize(("name", "kwargs"), DIRECTORY)
@pytest.mark.parametrize("role", ["Leden", "Voorzitter", "Penningmeester"])
def test_council_roles_read_the_directory(client, member, name, kwargs, role):
    client.force_login(role_user(role))
    assert client.get(_url(name, kwargs, member)).status_code == 200


@pytest.mark.parametrize(("name", "kwargs"), DIRECTORY)
def test_policy_advisors_do_not_see_the_directory(client, advisor, member, name, kwargs):
    client.force_login(advisor)
    assert client.get(_url(name, kwargs, member)).status_code == 403


@pytest.mark.parametrize(("name", "kwargs"), SECRETARY_ONLY + DIRECTORY)
def test_anonymous_is_sent_to_login(client, member, name, kwargs):
    response = client.get(_url(name, kwargs, member))
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize(
    "url_name",
    ["members:toggle_active", "members:term_create"],
)
def test_member_cannot_post_to_secretary_actions(client, member, other_member, url_name):
    client.force_login(member)
    response = client.post(
        reverse(url_name, kwargs={"pk": other_member.pk}), {"start": "2026-01-01", "role": "member"}
    )
    assert response.status_code == 403
    other_member.refresh_from_db()
    assert other_member.is_active and not other_member.terms.exists()


def test_create_member_with_term_via_form(client, secretary):
    client.force_login(secretary)
    response = client.post(
        reverse("members:create"),
        {
            "first_name": "Nina",
            "last_name": "Nieuw",
            "email": "nina@test.example",
            "roles": ["Leden"],
            "term_start": "2026-01-01",
            "term_role": "member",
            "is_staff": "on",  # not a form field: ignored
        },
    )
    nina = User.objects.get(email="nina@test.example")
    assert response.status_code == 302
    assert not nina.is_staff
    assert nina.terms.get().end == D(2029, 12, 31)


def test_refused_term_keeps_input_and_shows_dutch_error(client, secretary, member):
    client.force_login(secretary)
    response = client.post(
        reverse("members:term_create", kwargs={"pk": member.pk}),
        {"role": "member", "start": "2026-05-01", "end": "2026-04-01", "note": "mijn notitie"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Het einde van de termijn ligt vóór het begin." in body
    assert "mijn notitie" in body
    assert not Term.objects.exists()


def test_extra_posted_fields_change_nothing_on_member_update(client, secretary, member):
    client.force_login(secretary)
    client.post(
        reverse("members:update", kwargs={"pk": member.pk}),
        {
            "first_name": "F",
            "last_name": "L",
            "email": member.email,
            "roles": ["Leden"],
            "is_superuser": "on",
            "is_staff": "on",
        },
    )
    member.refresh_from_db()
    assert member.first_name == "F" and not member.is_superuser and not member.is_staff


def _directory_queries(client, django_assert_max_num_queries, n):
    group = WorkingGroupFactory()
    for _ in range(n):
        person = role_user("Leden")
        TermFactory(member=person)
        MembershipFactory(member=person, group=group)
    return client.get(reverse("members:list"))


@pytest.mark.parametrize("n", [10, 100])
def test_member_directory_query_count_is_pinned(client, secretary, django_assert_num_queries, n):
    group = WorkingGroupFactory()
    for _ in range(n):
        person = role_user("Leden")
        TermFactory(member=person)
        MembershipFactory(member=person, group=group)
    client.force_login(secretary)
    client.get(reverse("members:list"))
    # 8 for the page + 4 on every logged-in page: permissions (user, groups), council, unread
    with django_assert_num_queries(12):
        response = client.get(reverse("members:list"))
    assert response.status_code == 200
    assert response.context["paginator"].count == n + 1


def test_seat_planning_shows_filled_seats_and_recruitment(client, secretary):
    today = datetime.date.today()
    for _ in range(8):
        TermFactory(start=today - datetime.timedelta(days=30))
    client.force_login(secretary)
    body = client.get(reverse("members:seat_planning")).content.decode()
    assert "Vandaag zijn 8 van de 10 zetels bezet." in body
    assert "2 zetels zijn nu vacant" in body


def test_seat_planning_query_count_is_flat(client, secretary, django_assert_max_num_queries):
    for _ in range(30):
        TermFactory()
    client.force_login(secretary)
    client.get(reverse("members:seat_planning"))
    with django_assert_max_num_queries(11):
        client.get(reverse("members:seat_planning"))


def test_working_group_pages_show_contact_and_temporary_members(client, member, other_member):
    group = WorkingGroupFactory(name="Werk", contact_person=other_member)
    MembershipFactory(
        group=group, member=member, end=datetime.date.today() + datetime.timedelta(days=10)
    )
    client.force_login(member)
    body = client.get(reverse("members:group_list")).content.decode()
    assert "Werk" in body and str(other_member) in body and str(member) in body


def test_council_settings_form_rejects_bad_threshold_and_keeps_input(client, secretary):
    client.force_login(secretary)
    from members.forms import CouncilSettingsForm
    from members.selectors import council_settings_get

    data = {f: getattr(council_settings_get(), f) for f in CouncilSettingsForm.Meta.fields}
    data["approval_threshold_percent"] = 150
    data["name"] = "Nieuwe naam"
    data["votes_visible_to_members"] = "on"
    response = client.post(
        reverse("members:settings"), {k: v for k, v in data.items() if v not in (None, False)}
    )
    assert response.status_code == 200
    assert "Kies een drempel tussen 1 en 100 procent." in response.content.decode()
    assert "Nieuwe naam" in response.content.decode()


def test_audit_page_filters_by_action(client, secretary, member):
    client.force_login(secretary)
    AuditEntry.objects.create(actor_label="x", action="member.created", object_repr="Een")
    AuditEntry.objects.create(actor_label="y", action="term.created", object_repr="Twee")
    response = client.get(reverse("members:audit"), {"action": "term."})
    assert [e.action for e in response.context["object_list"]] == ["term.created"]


# --- log-in, throttling, password reset ---------------------------------------------


def test_login_by_email_and_audit(client, member):
    response = client.post(
        reverse("login"), {"username": member.email.upper(), "password": "pw-Adviesraad-2026"}
    )
    assert response.status_code == 302 and response["Location"] == reverse("dashboard")
    assert AuditEntry.objects.filter(action="auth.login", actor=member).exists()


def test_failed_login_is_audited_without_password(client, member):
    client.post(reverse("login"), {"username": member.email, "password": "fout-wachtwoord"})
    entry = AuditEntry.objects.get(action="auth.login_failed")
    assert entry.data == {"email": member.email}
    assert "fout-wachtwoord" not in str(entry.data)


def test_login_throttled_after_five_failures(client, member):
    for _ in range(5):
        client.post(reverse("login"), {"username": member.email, "password": "fout"})
    response = client.post(
        reverse("login"), {"username": member.email, "password": "pw-Adviesraad-2026"}
    )
    assert response.status_code == 429
    assert "Tijdelijk geblokkeerd" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_login_next_is_checked(client, member):
    response = client.post(
        reverse("login") + "?next=https://evil.example/",
        {
            "username": member.email,
            "password": "pw-Adviesraad-2026",
            "next": "https://evil.example/",
        },
    )
    assert response["Location"] == reverse("dashboard")


def test_password_reset_does_not_reveal_whether_address_exists(
    client, member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # the mail is sent by a queued task
        known = client.post(reverse("password_reset"), {"email": member.email}, follow=True)
        unknown = client.post(
            reverse("password_reset"), {"email": "niemand@test.example"}, follow=True
        )
    import re

    def strip(body):  # CSRF tokens differ per response
        return re.sub(rb'(csrfmiddlewaretoken" value="|X-CSRFToken": ")[^"]+', b"", body)

    assert strip(known.content) == strip(unknown.content)
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [member.email]


def test_password_reset_link_works_once(client, member, django_capture_on_commit_callbacks):
    import re

    with django_capture_on_commit_callbacks(execute=True):  # the mail is sent by a queued task
        client.post(reverse("password_reset"), {"email": member.email})
    link = re.search(r"https?://[^/]+(/accounts/reset/\S+)", mail.outbox[0].body).group(1)
    response = client.get(link, follow=True)
    set_url = response.redirect_chain[-1][0]
    client.post(
        set_url,
        {"new_password1": "Nieuw-Wachtwoord-2026", "new_password2": "Nieuw-Wachtwoord-2026"},
    )
    again = client.get(link, follow=True)
    assert "Deze link is verlopen of al gebruikt" in again.content.decode()


def test_two_factor_login_asks_for_code(client, secretary):
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.create(user=secretary, name="app", confirmed=True)
    response = client.post(
        reverse("login"), {"username": secretary.email, "password": "pw-Adviesraad-2026"}
    )
    assert response["Location"] == reverse("login_verify")
    assert "_auth_user_id" not in client.session
    bad = client.post(reverse("login_verify"), {"token": "000000"})
    assert "Deze code klopt niet" in bad.content.decode()
    device.refresh_from_db()
    device.throttle_reset()  # django-otp slows down guessing after a wrong code
    code = f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"
    ok = client.post(reverse("login_verify"), {"token": code})
    assert ok.status_code == 302 and client.session["_auth_user_id"] == str(secretary.pk)


def test_two_factor_setup_confirms_device(client, treasurer):
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client.force_login(treasurer)
    client.post(reverse("two_factor"), {"action": "start"})  # only a POST creates the device
    page = client.get(reverse("two_factor"))
    assert "data:image/svg+xml;base64," in page.content.decode()
    device = TOTPDevice.objects.get(user=treasurer)
    code = f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"
    client.post(reverse("two_factor"), {"action": "confirm", "token": code})
    device.refresh_from_db()
    assert device.confirmed


def test_error_pages_are_dutch(client):
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404 and "Pagina niet gevonden" in response.content.decode()


def test_language_switch_to_english_and_back(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert client.cookies["django_language"].value == "en"
    response = client.get("/")
    assert '<html lang="en">' in response.content.decode()


def test_dashboard_requires_login(client, member):
    assert client.get(reverse("dashboard")).status_code == 302
    client.force_login(member)
    assert client.get(reverse("dashboard")).status_code == 200
