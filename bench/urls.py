"""The app's URLs plus the floor: a fixed 5 KB page through the same middleware stack."""

from django.http import HttpResponse
from django.urls import include, path

_ROW = "<p>Adviesraad benchmark floor: a fixed page of about five kilobytes.</p>\n"
FLOOR_HTML = (
    '<!doctype html>\n<html lang="nl"><head><meta charset="utf-8"><title>Floor</title></head>'
    "<body>\n" + _ROW * (5000 // len(_ROW)) + "</body></html>\n"
)


def floor(request):
    return HttpResponse(FLOOR_HTML)


urlpatterns = [
    path("__floor__/", floor, name="bench_floor"),
    path("", include("adviesraad.urls")),
]

handler403 = "adviesraad.errors_views.permission_denied"
handler404 = "adviesraad.errors_views.page_not_found"
handler500 = "adviesraad.errors_views.server_error"
