"""The letter as a PDF before and after the chair signs (issue 13, defect 3: an approved,
unsigned advice's letter read "namens de adviesraad / None / voorzitter")."""

import io

from django.urls import reverse
from pypdf import PdfReader

from adviezen import services


def _letter_text(client, advice) -> str:
    response = client.get(reverse("adviezen:letter", args=[advice.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    return "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)


def test_an_unsigned_letter_is_a_concept_with_the_chairs_name_still_to_come(
    client, draft_advice, voters, chair, secretary
):
    services.advice_chair_approve(advice=draft_advice, by=chair, reason="Spoed")
    client.force_login(secretary)
    text = _letter_text(client, draft_advice)
    assert "None" not in text
    assert "Concept: nog niet ondertekend door de voorzitter en niet verzonden." in text
    assert "[naam van de voorzitter, volgt bij ondertekening]" in text
    assert "Henk Voorzitter" not in text


def test_a_signed_letter_carries_the_chairs_name_and_no_concept_mark(
    client, draft_advice, voters, chair, secretary
):
    services.advice_chair_approve(advice=draft_advice, by=chair, reason="Spoed")
    services.advice_sign(advice=draft_advice, by=chair)
    client.force_login(secretary)
    text = _letter_text(client, draft_advice)
    assert "Henk Voorzitter" in text and "voorzitter" in text
    assert "oncept" not in text.replace("\n", "")  # neither "Concept" nor "CONCEPT"
    assert "volgt bij ondertekening" not in text and "None" not in text
