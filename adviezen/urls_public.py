from django.urls import path

from . import views_public

app_name = "adviezen_public"

urlpatterns = [
    path("adviezen/", views_public.PublicAdviceListView.as_view(), name="list"),
    path("adviezen/feed/", views_public.AdviceFeed(), name="feed"),
    path("adviezen/<slug:slug>/", views_public.PublicAdviceDetailView.as_view(), name="detail"),
    path("adviezen/<slug:slug>/pdf/", views_public.public_advice_pdf, name="pdf"),
    path(
        "adviezen/<slug:slug>/adviesaanvraag/",
        views_public.public_request_document,
        name="request_document",
    ),
    path(
        "adviezen/<slug:slug>/reactie-college/",
        views_public.public_response_document,
        name="response_document",
    ),
    path("signaal/", views_public.SignalPublicView.as_view(), name="signal"),
    path("signaal/bedankt/", views_public.SignalThanksView.as_view(), name="signal_thanks"),
]
