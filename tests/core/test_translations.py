"""The English catalogue behind the language switch.

The interface is written in Dutch (the msgids); ``locale/en`` holds the English. These tests
check that choosing English really gives English pages, and that the catalogue is complete:
every entry translated, none left fuzzy, and every placeholder kept.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils.translation import trans_real

from tests.factories.members import role_user

LOCALE_DIR = Path(__file__).resolve().parents[2] / "locale" / "en" / "LC_MESSAGES"
PO_FILE = LOCALE_DIR / "django.po"
MO_FILE = LOCALE_DIR / "django.mo"
PLACEHOLDER = re.compile(r"%(?:\([^)]+\))?[sd%]")


@dataclass
class Entry:
    line: int
    flags: set[str] = field(default_factory=set)
    fields: dict[str, str] = field(default_factory=dict)

    @property
    def msgid(self) -> str:
        return self.fields.get("msgid", "")

    @property
    def translations(self) -> dict[str, str]:
        return {k: v for k, v in self.fields.items() if k.startswith("msgstr")}


def parse_po(path: Path) -> list[Entry]:
    """A small .po reader: flags, msgid/msgid_plural/msgstr[n] with continuation lines.

    Obsolete entries (``#~``) are ignored, as gettext does.
    """
    entries: list[Entry] = []
    current: Entry | None = None
    key = ""
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line:
            current, key = None, ""
            continue
        if line.startswith("#~"):
            continue
        if current is None:
            current = Entry(line=number)
            entries.append(current)
        if line.startswith("#,"):
            current.flags.update(flag.strip() for flag in line[2:].split(","))
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            current.fields[key] += ast.literal_eval(line)
        else:
            key, _, value = line.partition(" ")
            current.fields[key] = ast.literal_eval(value)
    return entries


@pytest.fixture(scope="module")
def po_entries() -> list[Entry]:
    return parse_po(PO_FILE)


@pytest.fixture(scope="module", autouse=True)
def compiled_catalogue():
    """`make pytest` compiles the catalogue first; do it here too when the .mo is stale."""
    if not MO_FILE.exists() or MO_FILE.stat().st_mtime < PO_FILE.stat().st_mtime:
        call_command("compilemessages", locale=["en"], ignore_patterns=[".venv"], verbosity=0)
        trans_real._translations.clear()
    yield


def choose_english(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302


def page_text(response) -> str:
    """The text a visitor reads: tags (and so attribute values such as role keys) removed."""
    assert response.status_code == 200
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", response.content.decode(), flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_catalogue_is_complete(po_entries):
    messages = [e for e in po_entries if e.msgid]
    assert len(messages) > 1000, "the catalogue looks truncated"
    untranslated = [
        f"line {e.line}: {e.msgid!r}" for e in messages if not all(e.translations.values())
    ]
    assert not untranslated, "untranslated entries:\n" + "\n".join(untranslated)


def test_catalogue_has_no_fuzzy_entries(po_entries):
    # The header counts too: a fuzzy header is dropped by msgfmt, and its plural rule with it.
    fuzzy = [f"line {e.line}: {e.msgid!r}" for e in po_entries if "fuzzy" in e.flags]
    assert not fuzzy, "fuzzy entries (check them, then remove the flag):\n" + "\n".join(fuzzy)


def test_catalogue_keeps_placeholders(po_entries):
    wrong = []
    for entry in po_entries:
        if not entry.msgid:
            continue
        sources = {entry.msgid, entry.fields.get("msgid_plural", entry.msgid)}
        expected = [sorted(PLACEHOLDER.findall(s)) for s in sources]
        for key, text in entry.translations.items():
            if sorted(PLACEHOLDER.findall(text)) not in expected:
                wrong.append(f"line {entry.line} {key}: {entry.msgid!r} -> {text!r}")
    assert not wrong, "placeholders changed:\n" + "\n".join(wrong)


def test_header_declares_english_plurals(po_entries):
    header = next(e for e in po_entries if not e.msgid)
    assert "Language: en\n" in header.fields["msgstr"]
    assert "Plural-Forms: nplurals=2; plural=(n != 1);" in header.fields["msgstr"]


@pytest.mark.django_db
def test_dutch_is_the_default(client):
    text = page_text(client.get("/"))
    assert "Inloggen" in text
    assert "Log in" not in text


@pytest.mark.django_db
def test_home_page_in_english(client):
    choose_english(client)
    response = client.get("/")
    text = page_text(response)
    assert response["Content-Language"] == "en"
    assert "Log in" in text and "Inloggen" not in text
    assert "Welcome" in text and "Welkom" not in text
    assert "Our advice" in text and "Onze adviezen" not in text
    assert "Report a signal" in text and "Signaal melden" not in text


@pytest.mark.django_db
def test_login_page_in_english(client):
    choose_english(client)
    text = page_text(client.get("/accounts/login/"))
    assert "Log in" in text and "Inloggen" not in text
    assert "Forgotten your password?" in text and "Wachtwoord vergeten?" not in text
    assert "Email address" in text and "E-mailadres" not in text


@pytest.mark.django_db
def test_members_directory_in_english(client):
    client.force_login(role_user("Secretariaat"))
    choose_english(client)
    text = page_text(client.get("/leden/"))
    assert "Members" in text and "Leden" not in text
    assert "Members directory" in text and "Ledenoverzicht" not in text
    assert "Add member" in text and "Lid toevoegen" not in text
    assert "End of term" in text and "Einde termijn" not in text
    assert "Log out" in text and "Uitloggen" not in text


@pytest.mark.parametrize(
    ("msgid", "dutch"),
    [
        ("This field is required.", "Dit veld is verplicht."),
        ("No file was submitted.", "Er is geen bestand verstuurd."),
        ("Value must be valid JSON.", "Waarde moet geldige JSON zijn."),
    ],
)
def test_shared_messages_keep_djangos_dutch_wording_with_the_api_installed(msgid, dutch):
    """Django REST framework's Dutch catalogue words these differently ("vereist"); the
    overrides in locale/nl keep one wording on every form, page and API response."""
    from django.utils import translation

    with translation.override("nl"):
        assert translation.gettext(msgid) == dutch


def test_a_required_field_says_verplicht_on_a_form_and_in_the_api():
    from django import forms
    from django.utils import translation
    from rest_framework import serializers

    class Form(forms.Form):
        name = forms.CharField()

    class Serializer(serializers.Serializer):
        name = serializers.CharField()

    with translation.override("nl"):
        form, api = Form(data={}), Serializer(data={})
        assert not form.is_valid() and not api.is_valid()
        assert form.errors["name"] == ["Dit veld is verplicht."]
        assert [str(e) for e in api.errors["name"]] == ["Dit veld is verplicht."]
