from django.urls import path

from . import views, views_public

app_name = "meetings_public"

urlpatterns = [
    path("vergaderingen/", views_public.PublicMeetingListView.as_view(), name="list"),
    path("vergaderingen/ical/", views_public.PublicIcalView.as_view(), name="ical"),
    path(
        "vergaderingen/ical/<str:token>/",
        views_public.PersonalIcalView.as_view(),
        name="ical_personal",
    ),
    path("vergaderingen/<int:pk>/", views_public.PublicMeetingDetailView.as_view(), name="detail"),
    path(
        "vergaderingen/<int:pk>/agenda.pdf",
        views_public.PublicAgendaPdfView.as_view(),
        name="agenda_pdf",
    ),
    path(
        "vergaderingen/<int:pk>/notulen.pdf",
        views_public.PublicMinutesPdfView.as_view(),
        name="minutes_pdf",
    ),
    path(
        "vergaderingen/documenten/<int:pk>/",
        views.DocumentDownloadView.as_view(),
        name="document",
    ),
]
