from django.urls import include, path

from . import views, views_terms

app_name = "members"

urlpatterns = [
    path("leden/", views.MemberListView.as_view(), name="list"),
    path("leden/nieuw/", views.MemberCreateView.as_view(), name="create"),
    path("leden/<int:pk>/", views.MemberDetailView.as_view(), name="detail"),
    path("leden/<int:pk>/bewerken/", views.MemberUpdateView.as_view(), name="update"),
    path("leden/<int:pk>/activering/", views.MemberDeactivateView.as_view(), name="toggle_active"),
    path("leden/<int:pk>/termijn/nieuw/", views_terms.TermCreateView.as_view(), name="term_create"),
    path("termijnen/<int:pk>/beeindigen/", views_terms.TermEndView.as_view(), name="term_end"),
    path("werkgroepen/", views.WorkingGroupListView.as_view(), name="group_list"),
    path("werkgroepen/nieuw/", views.WorkingGroupCreateView.as_view(), name="group_create"),
    path("werkgroepen/<int:pk>/", views.WorkingGroupDetailView.as_view(), name="group_detail"),
    path(
        "werkgroepen/<int:pk>/bewerken/",
        views.WorkingGroupUpdateView.as_view(),
        name="group_update",
    ),
    path(
        "werkgroepen/<int:pk>/leden/nieuw/",
        views.MembershipAddView.as_view(),
        name="membership_add",
    ),
    path(
        "werkgroeplidmaatschap/<int:pk>/beeindigen/",
        views.MembershipEndView.as_view(),
        name="membership_end",
    ),
    path("bezetting/", views_terms.SeatPlanningView.as_view(), name="seat_planning"),
    path("instellingen/", views.CouncilSettingsView.as_view(), name="settings"),
    path("auditlog/", views.AuditLogView.as_view(), name="audit"),
    path("profiel/", views.ProfileView.as_view(), name="profile"),
    path(
        "profiel/agenda-link/", views.CalendarTokenRenewView.as_view(), name="calendar_token_renew"
    ),
    # recruitment and onboarding: their own URL modules, names in this namespace
    path("", include("members.recruitment.urls")),
    path("", include("members.onboarding.urls")),
]
