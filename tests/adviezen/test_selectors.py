"""Public selectors: the stored search vector (PostgreSQL), cached year choices and total."""

import datetime

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from adviezen import selectors, services
from adviezen.models import Advice
from tests.factories.adviezen import published_advice

pytestmark = pytest.mark.django_db


def _titles(q):
    return {a.title for a in selectors.advice_public_list(q=q)}


@pytest.mark.postgres
def test_search_vector_follows_inserts_updates_and_bulk_creates():
    if connection.vendor != "postgresql":
        pytest.skip("the stored vector is PostgreSQL-only")
    advice = published_advice(title="Advies over de stadspas", summary="", final_text="")
    assert _titles("stadspas") == {"Advies over de stadspas"}
    assert _titles("mantelzorg") == set()
    advice.final_text = "<p>Ondersteun mantelzorgers beter.</p>"
    advice.save()
    assert _titles("mantelzorger") == {"Advies over de stadspas"}
    Advice.objects.filter(pk=advice.pk).update(title="Advies over schuldhulp")
    assert _titles("stadspas") == set() and _titles("schuldhulp") == {"Advies over schuldhulp"}
    # a save that leaves the texts alone keeps the vector (the trigger copies it)
    advice.refresh_from_db()
    advice.summary = ""
    advice.save(update_fields=["summary", "updated_at"])
    assert _titles("schuldhulp") == {"Advies over schuldhulp"}
    other = published_advice(title="Tweede advies")
    Advice.objects.bulk_create(
        [
            Advice(
                title="Advies over vervoer",
                slug="vervoer",
                reference="AR-BULK-1",
                origin=other.origin,
                kind=other.kind,
                domain=other.domain,
                status=Advice.Status.PUBLISHED,
                is_public=True,
                published_at=timezone.now(),
            )
        ]
    )
    assert _titles("vervoer") == {"Advies over vervoer"}
    # ranked: a title match (weight A) before a match in the text only (weight C)
    published_advice(title="Stadspas voor iedereen", final_text="")
    published_advice(title="Iets anders", final_text="<p>Over de stadspas.</p>")
    ranked = [a.title for a in selectors.advice_public_list(q="stadspas")]
    assert ranked == ["Stadspas voor iedereen", "Iets anders"]


@pytest.mark.postgres
def test_search_uses_the_gin_index():
    if connection.vendor != "postgresql":
        pytest.skip("the stored vector is PostgreSQL-only")
    one = published_advice(title="Advies over mantelzorg")
    now = timezone.now()
    Advice.objects.bulk_create(
        Advice(
            title=f"Advies over armoede {i}",
            slug=f"armoede-{i}",
            reference=f"AR-IDX-{i}",
            origin=one.origin,
            kind=one.kind,
            domain=one.domain,
            status=Advice.Status.PUBLISHED,
            is_public=True,
            published_at=now,
            final_text="<p>Een langere tekst over schulden, werk en inkomen.</p>",
        )
        for i in range(2000)
    )
    sql, params = selectors.advice_public_list(q="mantelzorg").query.sql_with_params()
    with connection.cursor() as cur:
        # what autovacuum does: move the new rows from GIN's pending list into the index
        cur.execute("SELECT gin_clean_pending_list('advice_search_vector_gin')")
        cur.execute("SELECT gin_clean_pending_list('advice_search_text_trgm')")
        cur.execute("ANALYZE adviezen_advice")
        cur.execute("SET LOCAL enable_seqscan = off")  # 2,000 rows still fit a few pages
        cur.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cur.fetchall())
    assert "advice_search_vector_gin" in plan, plan
    assert "to_tsvector" not in plan  # nothing computed per row at query time


def test_search_matches_title_and_text():
    published_advice(title="Advies over de stadspas", final_text="<p>Tekst</p>")
    published_advice(title="Advies over werk", final_text="<p>Over de STADSPAS</p>")
    published_advice(title="Iets anders", final_text="<p>Niets</p>")
    found = _titles("stadspas")
    assert found == {"Advies over de stadspas", "Advies over werk"}


def test_years_and_total_follow_publication(client, secretary, django_capture_on_commit_callbacks):
    published_advice(title="Oud advies", published_at=timezone.now().replace(year=2019))
    body = client.get(reverse("adviezen_public:list")).content.decode()
    assert "1 advies gevonden" in body and '<option value="2019"' in body
    sent = published_advice(title="Nieuw advies", status=Advice.Status.SENT, is_public=False)
    Advice.objects.filter(pk=sent.pk).update(published_at=None)
    sent.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        services.advice_publish(advice=sent, by=secretary)
    body = client.get(reverse("adviezen_public:list")).content.decode()
    this_year = timezone.localdate().year
    assert "2 adviezen gevonden" in body and f'<option value="{this_year}"' in body
    # a filtered list counts its own rows
    body = client.get(reverse("adviezen_public:list") + "?year=2019").content.decode()
    assert "1 advies gevonden" in body
    body = client.get(reverse("adviezen_public:list") + "?q=Nieuw").content.decode()
    assert "1 advies gevonden" in body and "Oud advies" not in body


def test_list_rows_show_labels_dates_and_links():
    when = timezone.make_aware(datetime.datetime(2024, 3, 12, 23, 30))
    advice = published_advice(
        title="Advies <b>vet</b>", origin="unsolicited", domain="werk", published_at=when
    )
    from django.test import Client

    body = Client().get(reverse("adviezen_public:list")).content.decode()
    assert f'href="{reverse("adviezen_public:detail", args=[advice.slug])}"' in body
    assert "Advies &lt;b&gt;vet&lt;/b&gt;" in body
    assert "ongevraagd · formeel advies · " in body
    assert "gepubliceerd di 12 maart 2024" in body
