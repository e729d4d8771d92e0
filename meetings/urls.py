from django.urls import include, path

from . import views

app_name = "meetings"

urlpatterns = [
    path("", views.MeetingListView.as_view(), name="list"),
    path("nieuw/", views.MeetingCreateView.as_view(), name="create"),
    path("jaarplanning/", views.YearPlanView.as_view(), name="plan_year"),
    path("aanwezigheid/", views.AttendanceOverviewView.as_view(), name="attendance_overview"),
    path("acties/", views.ActionListView.as_view(), name="action_list"),
    path("acties/<int:pk>/afvinken/", views.ActionDoneView.as_view(), name="action_done"),
    path("<int:pk>/", views.MeetingDetailView.as_view(), name="detail"),
    path("<int:pk>/bewerken/", views.MeetingUpdateView.as_view(), name="update"),
    path("<int:pk>/status/", views.MeetingTransitionView.as_view(), name="transition"),
    path("<int:pk>/agendapunten/", views.AgendaItemAddView.as_view(), name="item_add"),
    path("<int:pk>/volgorde/", views.AgendaReorderView.as_view(), name="reorder"),
    path("<int:pk>/agendapakket/", views.SendPackView.as_view(), name="send_pack"),
    path("<int:pk>/agendapakket.pdf", views.PackPdfView.as_view(), name="pack_pdf"),
    path("<int:pk>/documenten/", views.DocumentAddView.as_view(), name="document_add"),
    path("<int:pk>/gasten/", views.GuestAddView.as_view(), name="guest_add"),
    path("<int:pk>/updates/", views.UpdatePostView.as_view(), name="update_post"),
    path("<int:pk>/aanwezigheid/", views.AttendanceView.as_view(), name="attendance"),
    path("<int:pk>/notulen/", views.MinutesView.as_view(), name="minutes"),
    path(
        "<int:pk>/notulen/agenderen/", views.MinutesScheduleView.as_view(), name="minutes_schedule"
    ),
    path(
        "<int:pk>/notulen/vaststellen/", views.MinutesApproveView.as_view(), name="minutes_approve"
    ),
    path("<int:pk>/notulen.pdf", views.MinutesPdfView.as_view(), name="minutes_pdf"),
    path("<int:pk>/acties/", views.ActionAddView.as_view(), name="action_add"),
    path("agendapunten/<int:pk>/", views.AgendaItemUpdateView.as_view(), name="item_update"),
    path(
        "agendapunten/<int:pk>/verwijderen/",
        views.AgendaItemDeleteView.as_view(),
        name="item_delete",
    ),
    path(
        "agendapunten/<int:pk>/verplaatsen/", views.AgendaItemMoveView.as_view(), name="item_move"
    ),
    path("documenten/<int:pk>/", views.DocumentDownloadView.as_view(), name="document"),
    path(
        "documenten/<int:pk>/verwijderen/",
        views.DocumentDeleteView.as_view(),
        name="document_delete",
    ),
    path("gasten/<int:pk>/verwijderen/", views.GuestDeleteView.as_view(), name="guest_delete"),
    path("", include("meetings.urls_plus")),  # apologies, locations, cancelling (issue 13)
]
