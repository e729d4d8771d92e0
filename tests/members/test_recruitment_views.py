"""Recruitment pages: who may see what (each role, the committee, a plain member), the public
pages and form, and pinned query counts."""

import datetime

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from members.models import Application, Vacancy
from members.recruitment import services
from tests.factories.members import role_user
from tests.factories.recruitment import ApplicationFactory, VacancyFactory, pdf_upload

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today

# Every page that shows or changes an applicant: the committee only, 404 for anyone else.
APPLICANT_GETS = ["application_detail", "application_cv", "interview_plan"]
APPLICANT_POSTS = ["application_transition", "application_assess", "interview_plan"]


@pytest.fixture
def committee_member(db):
    return role_user("Leden", email="commissie@test.example", first_name="Cor", last_name="Missie")


@pytest.fixture
def vacancy(committee_member):
    return VacancyFactory(committee=[committee_member])


@pytest.fixture
def application(vacancy):
    a = ApplicationFactory(vacancy=vacancy, first_name="Zoë", last_name="Geheimhouden")
    a.cv.save("sollicitaties/test.pdf", pdf_upload(), save=True)
    return a


def _people(request, who):
    if who == "plain member":
        return request.getfixturevalue("member")
    if who == "committee":
        return request.getfixturevalue("committee_member")
    return request.getfixturevalue(who)


@pytest.mark.parametrize("who", ["plain member", "treasurer", "advisor"])
def test_anyone_off_the_committee_gets_404_for_every_applicant_page_and_file(
    client, request, application, who
):
    client.force_login(_people(request, who))
    for name in APPLICANT_GETS:
        response = client.get(reverse(f"members:{name}", args=[application.pk]))
        assert response.status_code == 404, name
        assert b"Geheimhouden" not in response.content
    for name in APPLICANT_POSTS:
        data = {"to": "withdrawn", "judgement": "suitable"}
        response = client.post(reverse(f"members:{name}", args=[application.pk]), data)
        assert response.status_code == 404, name
    response = client.get(reverse("members:application_appoint", args=[application.pk]))
    assert response.status_code == 404
    assert client.get(
        reverse("members:vacancy_letter", args=[application.vacancy_id])
    ).status_code in (404, 403)
    application.refresh_from_db()
    assert application.status == "received" and not application.assessments.exists()


@pytest.mark.parametrize("who", ["secretary", "chair", "committee"])
def test_the_committee_sees_the_applicant_and_the_cv(client, request, application, who):
    client.force_login(_people(request, who))
    page = client.get(reverse("members:application_detail", args=[application.pk]))
    assert page.status_code == 200 and "Geheimhouden" in page.content.decode()
    cv = client.get(reverse("members:application_cv", args=[application.pk]))
    assert cv.status_code == 200
    assert cv["Content-Type"] == "application/pdf"
    assert cv["X-Content-Type-Options"] == "nosniff" and "no-store" in cv["Cache-Control"]
    assert "attachment" in cv["Content-Disposition"]
    assert b"".join(cv.streaming_content).startswith(b"%PDF")
    vacancy_page = client.get(reverse("members:vacancy_detail", args=[application.vacancy_id]))
    assert "Geheimhouden" in vacancy_page.content.decode()


@pytest.mark.parametrize("who", ["chair", "committee"])
def test_appointing_is_the_secretarys(client, request, application, who):
    Application.objects.filter(pk=application.pk).update(status="proposed")
    client.force_login(_people(request, who))
    assert (
        client.get(reverse("members:application_appoint", args=[application.pk])).status_code == 403
    )


@pytest.mark.parametrize("who", ["plain member", "treasurer"])
def test_a_plain_member_sees_the_vacancy_without_its_applicants(client, request, application, who):
    client.force_login(_people(request, who))
    listing = client.get(reverse("members:vacancy_list"))
    page = client.get(reverse("members:vacancy_detail", args=[application.vacancy_id]))
    assert listing.status_code == 200 and page.status_code == 200
    assert "Geheimhouden" not in page.content.decode()
    assert "Alleen de selectiecommissie ziet wie er heeft gesolliciteerd" in page.content.decode()


def test_policy_advisors_and_anonymous_visitors_see_no_internal_vacancy_page(
    client, advisor, application
):
    url = reverse("members:vacancy_detail", args=[application.vacancy_id])
    response = client.get(url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    cv = client.get(reverse("members:application_cv", args=[application.pk]))
    assert cv.status_code == 302
    client.force_login(advisor)
    assert client.get(url).status_code == 403
    assert client.get(reverse("members:vacancy_list")).status_code == 403


@pytest.mark.parametrize("who", ["chair", "plain member", "treasurer", "advisor", "committee"])
def test_only_the_secretary_makes_and_publishes_vacancies(client, request, vacancy, who):
    client.force_login(_people(request, who))
    assert client.get(reverse("members:vacancy_create")).status_code == 403
    assert client.get(reverse("members:vacancy_update", args=[vacancy.pk])).status_code == 403
    response = client.post(
        reverse("members:vacancy_transition", args=[vacancy.pk]), {"to": "cancelled"}
    )
    assert response.status_code == 403
    assert Vacancy.objects.get(pk=vacancy.pk).status == "published"


def test_drafts_are_for_the_secretary_only(client, secretary, member):
    draft = VacancyFactory(status="draft", title="Geheim concept")
    client.force_login(member)
    assert client.get(reverse("members:vacancy_detail", args=[draft.pk])).status_code == 404
    assert "Geheim concept" not in client.get(reverse("members:vacancy_list")).content.decode()
    client.force_login(secretary)
    assert client.get(reverse("members:vacancy_detail", args=[draft.pk])).status_code == 200


def test_the_secretary_makes_a_vacancy_from_the_seat_planning_link(client, secretary, member):
    client.force_login(secretary)
    url = (
        reverse("members:vacancy_create")
        + f"?rol=chair&zetels=1&per={TODAY() + datetime.timedelta(days=100)}"
    )
    form = client.get(url).context["form"]
    assert (
        form.initial["role"] == "chair" and form.initial["title"] == "Voorzitter van de adviesraad"
    )
    response = client.post(
        url,
        {
            "title": "Voorzitter van de adviesraad",
            "role": "chair",
            "seats": "1",
            "starts_on": (TODAY() + datetime.timedelta(days=100)).isoformat(),
            "closes_on": (TODAY() + datetime.timedelta(days=30)).isoformat(),
            "description": "Leid de vergaderingen.",
            "committee": [member.pk],
            "status": "published",  # not a field of the form: ignored
        },
    )
    vacancy = Vacancy.objects.get()
    assert response.status_code == 302 and vacancy.status == "draft"
    assert list(vacancy.committee.all()) == [member]


def test_a_closing_date_in_the_past_is_refused_next_to_the_field(client, secretary):
    client.force_login(secretary)
    response = client.post(
        reverse("members:vacancy_create"),
        {
            "title": "Lid",
            "role": "member",
            "seats": "1",
            "starts_on": TODAY().isoformat(),
            "closes_on": (TODAY() - datetime.timedelta(days=1)).isoformat(),
            "description": "Tekst die blijft staan",
        },
    )
    assert response.status_code == 200
    assert "closes_on" in response.context["form"].errors
    assert "Tekst die blijft staan" in response.content.decode()
    assert not Vacancy.objects.exists()


# --- the public pages --------------------------------------------------------------------------


def test_the_public_sees_open_vacancies_only_and_never_an_applicant(client, application):
    VacancyFactory(status="draft", title="Concept vacature")
    VacancyFactory(title="Verlopen vacature", closes_on=TODAY() - datetime.timedelta(days=1))
    listing = client.get("/vacatures/").content.decode()
    assert application.vacancy.title in listing
    assert "Concept vacature" not in listing and "Verlopen vacature" not in listing
    home = client.get("/").content.decode()
    assert application.vacancy.title in home
    for url in (
        "/",
        "/vacatures/",
        f"/vacatures/{application.vacancy.slug}/",
        "/adviezen/feed/",
        "/adviezen/?q=Geheimhouden",
        "/vergaderingen/",
        "/vergaderingen/ical/",
        "/publicaties/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        # the search box and the language switch echo the query; the results must not
        shown = response.content.replace(b'value="Geheimhouden"', b"").replace(
            b'value="/adviezen/?q=Geheimhouden"', b""
        )
        assert b"Geheimhouden" not in shown, url
    draft = Vacancy.objects.get(title="Concept vacature")
    assert client.get(f"/vacatures/{draft.slug}/").status_code == 404
    assert client.get(f"/vacatures/{draft.slug}/solliciteren/").status_code == 404


def test_an_interview_never_shows_on_the_public_calendar(client, secretary, application):
    import django.utils.timezone as tz

    start = tz.now() + datetime.timedelta(days=2)
    services.interview_plan(
        application=application, by=secretary, start=start, end=start + datetime.timedelta(hours=1)
    )
    for url in ("/vergaderingen/", "/vergaderingen/ical/", "/"):
        assert b"Selectiegesprek" not in client.get(url).content, url


def _form(**extra):
    data = {
        "first_name": "Nadia",
        "last_name": "Bouzid",
        "email": "nadia@voorbeeld.example",
        "phone": "06-12345678",
        "motivation": "Mijn motivatie in mijn eigen woorden.",
        "consent": "on",
    }
    data.update(extra)
    return data


def test_applying_through_the_form(client, vacancy, django_capture_on_commit_callbacks):
    url = reverse("vacancies_public:apply", args=[vacancy.slug])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, _form(cv=pdf_upload("mijn cv.pdf"), status="appointed"))
    assert response.status_code == 302
    assert response["Location"] == reverse("vacancies_public:thanks", args=[vacancy.slug])
    application = Application.objects.get()
    assert application.status == "received" and application.cv  # status was not a field
    assert len(mail.outbox) == 1


@pytest.mark.parametrize(
    ("extra", "field", "message"),
    [
        ({"cv": b"<html>geen pdf</html>"}, "cv", "toegestaan"),
        ({"consent": ""}, "consent", ""),
        ({"email": "geen-adres"}, "email", ""),
        ({"first_name": "Nadia\r\nBcc: x@y.z"}, "first_name", "één regel"),
    ],
)
def test_bad_input_keeps_the_typed_text_and_stores_nothing(client, vacancy, extra, field, message):
    url = reverse("vacancies_public:apply", args=[vacancy.slug])
    if "cv" in extra:  # a fresh upload per run: a file object is read only once
        extra = {"cv": SimpleUploadedFile("cv.pdf", extra["cv"])}
    response = client.post(url, _form(**extra))
    assert response.status_code == 200
    form = response.context["form"]
    assert field in form.errors and message in str(form.errors[field])
    assert "Mijn motivatie in mijn eigen woorden." in response.content.decode()
    assert not Application.objects.exists()


def test_a_second_application_and_a_late_one_are_refused_with_a_message(client, vacancy):
    url = reverse("vacancies_public:apply", args=[vacancy.slug])
    client.post(url, _form())
    again = client.post(url, _form(email="NADIA@voorbeeld.example", motivation="Nog een keer"))
    assert "al gesolliciteerd" in str(again.context["form"].errors["email"])
    assert "Nog een keer" in again.content.decode()
    Vacancy.objects.filter(pk=vacancy.pk).update(closes_on=TODAY() - datetime.timedelta(days=1))
    late = client.post(url, _form(email="laat@voorbeeld.example", motivation="Te laat getypt"))
    assert late.status_code == 200
    assert "sluitingsdatum" in late.content.decode() and "Te laat getypt" in late.content.decode()
    assert Application.objects.count() == 1


def test_the_honeypot_stores_nothing(client, vacancy):
    url = reverse("vacancies_public:apply", args=[vacancy.slug])
    response = client.post(url, _form(website="http://spam.example"))
    assert response.status_code == 302 and not Application.objects.exists()


def test_the_rate_limit_counts_stored_applications_only(client, vacancy):
    url = reverse("vacancies_public:apply", args=[vacancy.slug])
    for _ in range(8):  # failed attempts do not count
        client.post(url, _form(consent=""))
    for n in range(5):
        assert client.post(url, _form(email=f"p{n}@voorbeeld.example")).status_code == 302
    blocked = client.post(url, _form(email="zes@voorbeeld.example", motivation="Bewaar mij"))
    assert blocked.status_code == 429
    assert "Bewaar mij" in blocked.content.decode()
    assert Application.objects.count() == 5


def test_the_form_of_a_closed_vacancy_says_so(client):
    vacancy = VacancyFactory(closes_on=TODAY() - datetime.timedelta(days=3))
    body = client.get(reverse("vacancies_public:apply", args=[vacancy.slug])).content.decode()
    assert "Solliciteren op deze vacature kan niet meer" in body or "is voorbij" in body
    assert '<form method="post" enctype' not in body


# --- pinned query counts -----------------------------------------------------------------------


def _fill(n, committee):
    for _i in range(n):
        v = VacancyFactory(committee=[committee])
        for _ in range(3):
            ApplicationFactory(vacancy=v)


@pytest.mark.parametrize("n", [3, 30])
def test_internal_vacancy_list_query_count_is_pinned(
    client, secretary, committee_member, n, django_assert_num_queries
):
    _fill(n, committee_member)
    client.force_login(committee_member)
    client.get(reverse("members:vacancy_list"))
    with django_assert_num_queries(8):  # session, user, count, page
        response = client.get(reverse("members:vacancy_list"))
    assert response.context["paginator"].count == n


@pytest.mark.parametrize("n", [3, 30])
def test_vacancy_page_query_count_is_pinned(client, secretary, chair, n, django_assert_num_queries):
    vacancy = VacancyFactory()
    for a in ApplicationFactory.create_batch(n, vacancy=vacancy):
        services.assessment_save(application=a, by=chair, judgement="doubt")
    client.force_login(secretary)
    url = reverse("members:vacancy_detail", args=[vacancy.pk])
    client.get(url)
    with django_assert_num_queries(11):
        response = client.get(url)
    assert response.content.decode().count("/intern/sollicitaties/") == n


@pytest.mark.parametrize("n", [2, 20])
def test_application_page_query_count_is_pinned(client, secretary, n, django_assert_num_queries):
    application = ApplicationFactory()
    for _ in range(n):
        services.assessment_save(
            application=application, by=role_user("Voorzitter"), judgement="suitable"
        )
    client.force_login(secretary)
    url = reverse("members:application_detail", args=[application.pk])
    client.get(url)
    with django_assert_num_queries(10):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("n", [2, 20])
def test_public_list_query_count_is_pinned(client, n, django_assert_num_queries):
    VacancyFactory.create_batch(n)
    client.get("/vacatures/")
    with django_assert_num_queries(2):  # council settings (the council's name), the vacancies
        response = client.get("/vacatures/")
    assert response.content.decode().count('class="card h-100"') == n


def test_the_public_vacancy_pages_in_english(client, vacancy):
    from django.core.management import call_command

    call_command("compilemessages", locale=["en"], ignore_patterns=[".venv"], verbosity=0)
    from django.utils.translation import trans_real

    trans_real._translations.clear()
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    listing = client.get("/vacatures/").content.decode()
    assert "Join the advisory council" in listing and "Word lid" not in listing
    form = client.get(reverse("vacancies_public:apply", args=[vacancy.slug])).content.decode()
    assert "Send application" in form and "What we do with your details" in form
    assert "Sollicitatie versturen" not in form
