"""Request bodies are limited before anything reads them (issue 12, finding 8).

The body of each refused request is a stream that fails the test when it is read: the refusal
comes from ``Content-Length`` alone. One test sends a 1 GB ``Content-Length`` with a few
kilobytes of body to a real gunicorn over a socket: the answer comes at once, without the rest.
"""

from __future__ import annotations

import socket

import pytest
from django import forms
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLResolver, get_resolver, reverse

from adviesraad.limits import body_limit, is_upload_view
from tests.factories.meetings import MeetingFactory, at

pytestmark = pytest.mark.django_db

GB = 1024**3
MB = 1024**2


class UnreadableBody:
    """``wsgi.input`` for a body nobody may read."""

    def read(self, *args):
        raise AssertionError("the request body was read")

    readline = read


def post_unread(client, url: str, length: int):
    return client.generic(
        "POST",
        url,
        b"",
        content_type="multipart/form-data; boundary=grens",
        **{"wsgi.input": UnreadableBody(), "CONTENT_LENGTH": str(length)},
    )


@pytest.mark.parametrize(
    "view_name,signed_in,limit",
    [
        ("meetings:document_add", True, "upload"),
        ("budget:receipt_add", True, "upload"),
        ("admin:meetings_document_add", True, "upload"),
        ("meetings:document_add", False, "form"),  # nobody uploads anonymously
        ("login", False, "form"),
        ("login", True, "form"),
        ("adviezen:vote", True, "form"),
        ("", True, "form"),
        ("vacancies_public:apply", False, "public"),  # an applicant's CV, anonymously
        ("vacancies_public:apply", True, "public"),
        ("vacancies_public:list", False, "form"),
    ],
)
def test_upload_views_get_the_upload_limit_everything_else_the_form_limit(
    view_name, signed_in, limit
):
    got = body_limit(
        view_name=view_name,
        signed_in=signed_in,
        upload_views=settings.UPLOAD_VIEWS,
        form=1,
        upload=2,
        public_upload_views=settings.PUBLIC_UPLOAD_VIEWS,
        public_upload=3,
    )
    assert got == {"form": 1, "upload": 2, "public": 3}[limit]


def test_a_namespace_entry_covers_only_its_namespace():
    assert is_upload_view("admin:x", ["admin:"])
    assert not is_upload_view("adminx:x", ["admin:"])
    assert not is_upload_view("meetings:document_add_extra", ["meetings:document_add"])


def test_an_oversized_anonymous_post_is_refused_without_reading_it(client):
    response = post_unread(client, reverse("login"), GB)
    assert response.status_code == 413
    assert "Te groot om te versturen" in response.content.decode()
    assert "hoogstens 1 MB" in response.content.decode()


def test_an_anonymous_post_just_above_the_form_limit_is_refused(client):
    assert (
        post_unread(client, reverse("login"), settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1).status_code
        == 413
    )
    assert post_unread(client, reverse("adviezen_public:signal"), 2 * MB).status_code == 413


def test_an_anonymous_upload_sized_post_to_an_upload_view_is_refused(client):
    meeting = MeetingFactory(start=at(10))
    url = reverse("meetings:document_add", args=[meeting.pk])
    assert post_unread(client, url, 5 * MB).status_code == 413


def test_a_signed_in_form_post_above_the_form_limit_is_refused(client, member):
    client.force_login(member)
    assert post_unread(client, reverse("logout"), 2 * MB).status_code == 413


def test_an_upload_above_the_upload_limit_is_refused_without_reading_it(client, secretary):
    meeting = MeetingFactory(start=at(10))
    client.force_login(secretary)
    url = reverse("meetings:document_add", args=[meeting.pk])
    response = post_unread(client, url, settings.UPLOAD_REQUEST_MAX_BYTES + 1)
    assert response.status_code == 413
    assert "hoogstens 26 MB" in response.content.decode()


def test_an_upload_within_the_request_limit_but_too_big_a_file_gets_the_forms_error(
    client, secretary, settings
):
    settings.UPLOAD_MAX_BYTES = 2 * MB
    meeting = MeetingFactory(start=at(10))
    client.force_login(secretary)
    big = SimpleUploadedFile("groot.pdf", b"%PDF-1.4\n" + b"0" * (3 * MB), "application/pdf")
    response = client.post(
        reverse("meetings:document_add", args=[meeting.pk]),
        {"document-title": "Groot", "document-file": big},
    )
    assert response.status_code != 413  # above the form limit, within the upload limit
    assert "is te groot (maximaal 2 MB)" in response.content.decode()
    assert not meeting.documents.exists()


def _walk(resolver, namespace=""):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _walk(pattern, inner)
        else:
            yield f"{namespace}{pattern.name}", pattern


def test_every_view_with_a_file_field_is_an_upload_view():
    """A new upload view that is not in UPLOAD_VIEWS would refuse every real file (413)."""
    everywhere = [*settings.UPLOAD_VIEWS, *settings.PUBLIC_UPLOAD_VIEWS]
    listed = [name for name in everywhere if not name.endswith(":")]
    names = dict(_walk(get_resolver()))
    for name in listed:
        assert name in names, f"UPLOAD_VIEWS names {name}, which no URL has"
    for name, pattern in names.items():
        view_class = getattr(pattern.callback, "view_class", None)
        form_class = getattr(view_class, "form_class", None)
        if form_class is None or name.startswith("admin:"):
            continue
        fields = form_class.base_fields.values()
        if any(isinstance(field, forms.FileField) for field in fields):
            assert is_upload_view(name, everywhere), name


@pytest.fixture(scope="module")
def gunicorn(django_db_blocker):
    from tests.processes import Gunicorn, app_env

    with django_db_blocker.unblock():
        env = app_env()
    server = Gunicorn(env=env)
    yield server
    server.stop()


@pytest.mark.postgres
def test_a_real_server_refuses_a_gigabyte_post_without_waiting_for_the_body(gunicorn):
    head = (
        "POST /accounts/login/ HTTP/1.1\r\n"
        f"Host: 127.0.0.1:{gunicorn.port}\r\n"
        "Content-Type: multipart/form-data; boundary=grens\r\n"
        # a CSRF cookie, as the log-in page hands out: CSRF would read the body to check it
        f"Cookie: csrftoken={'a' * 32}\r\n"
        f"Content-Length: {GB}\r\n\r\n"
    ).encode()
    # The start of a file part: without the limit, Django would stream the promised gigabyte
    # into a temporary file and wait here for the rest.
    part = (
        b"--grens\r\n"
        b'Content-Disposition: form-data; name="bestand"; filename="groot.bin"\r\n'
        b"Content-Type: application/octet-stream\r\n\r\n"
    )
    with socket.create_connection(("127.0.0.1", gunicorn.port), timeout=10) as sock:
        sock.sendall(head + part + b"x" * 65536)  # 64 KB of the gigabyte, then nothing
        reply = b""
        try:
            while b"\r\n\r\n" not in reply:
                chunk = sock.recv(65536)
                if not chunk:
                    break
                reply += chunk
        except TimeoutError:
            pytest.fail("the server waited for the rest of the body")
    assert reply.startswith(b"HTTP/1.1 413"), reply[:200]
