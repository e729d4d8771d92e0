from django.urls import path
from drf_spectacular.views import SpectacularJSONAPIView

from . import views, views_sitemaps
from .api import views as api
from .api.http import api_endpoint

app_name = "opendata"

urlpatterns = [
    path(
        "api/v1/openapi.json",
        api_endpoint(SpectacularJSONAPIView.as_view()),
        name="openapi",
    ),
    path("api/v1/vergaderingen", api_endpoint(api.VergaderingList.as_view()), name="vergaderingen"),
    path(
        "api/v1/vergaderingen/<int:id>",
        api_endpoint(api.VergaderingDetail.as_view()),
        name="vergadering",
    ),
    path("api/v1/agendapunten", api_endpoint(api.AgendapuntList.as_view()), name="agendapunten"),
    path(
        "api/v1/agendapunten/<int:id>",
        api_endpoint(api.AgendapuntDetail.as_view()),
        name="agendapunt",
    ),
    path(
        "api/v1/informatieobjecten",
        api_endpoint(api.InformatieobjectList.as_view()),
        name="informatieobjecten",
    ),
    path(
        "api/v1/informatieobjecten/<slug:id>",
        api_endpoint(api.InformatieobjectDetail.as_view()),
        name="informatieobject",
    ),
    path("api/v1", api_endpoint(api.Root.as_view()), name="api_root"),
    path("api/v1/<path:rest>", api_endpoint(api.NotFound.as_view()), name="api_not_found"),
    path("robots.txt", views_sitemaps.robots_txt, name="robots"),
    path(
        "woo/sitemapindex-<slug:slug>.xml",
        views_sitemaps.sitemap_index,
        name="sitemap_index",
    ),
    path("woo/sitemap-<slug:slug>-<int:number>.xml", views_sitemaps.sitemap, name="sitemap"),
    path("toegankelijkheid/", views.AccessibilityView.as_view(), name="accessibility"),
    path("waar-we-aan-werken/", views.WorkingOnView.as_view(), name="working_on"),
]
