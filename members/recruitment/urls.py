"""Internal recruitment URLs, included from ``members.urls`` (names in the ``members``
namespace), and the invitation link a new member opens."""

from django.urls import path

from . import views, views_applications

urlpatterns = [
    path("intern/vacatures/", views.VacancyListView.as_view(), name="vacancy_list"),
    path("intern/vacatures/nieuw/", views.VacancyCreateView.as_view(), name="vacancy_create"),
    path("intern/vacatures/<int:pk>/", views.VacancyDetailView.as_view(), name="vacancy_detail"),
    path(
        "intern/vacatures/<int:pk>/bewerken/",
        views.VacancyUpdateView.as_view(),
        name="vacancy_update",
    ),
    path(
        "intern/vacatures/<int:pk>/status/",
        views.VacancyTransitionView.as_view(),
        name="vacancy_transition",
    ),
    path(
        "intern/vacatures/<int:pk>/voordracht.pdf",
        views.RecommendationLetterView.as_view(),
        name="vacancy_letter",
    ),
    path(
        "intern/sollicitaties/<int:pk>/",
        views_applications.ApplicationDetailView.as_view(),
        name="application_detail",
    ),
    path(
        "intern/sollicitaties/<int:pk>/cv/",
        views_applications.ApplicationCVView.as_view(),
        name="application_cv",
    ),
    path(
        "intern/sollicitaties/<int:pk>/status/",
        views_applications.ApplicationTransitionView.as_view(),
        name="application_transition",
    ),
    path(
        "intern/sollicitaties/<int:pk>/beoordeling/",
        views_applications.AssessmentView.as_view(),
        name="application_assess",
    ),
    path(
        "intern/sollicitaties/<int:pk>/gesprek/",
        views_applications.InterviewPlanView.as_view(),
        name="interview_plan",
    ),
    path(
        "intern/sollicitaties/<int:pk>/benoemen/",
        views_applications.AppointView.as_view(),
        name="application_appoint",
    ),
    path(
        "intern/benoemingen/<int:pk>/besluit/",
        views_applications.AppointmentDocumentView.as_view(),
        name="appointment_document",
    ),
    path(
        "intern/inwerken/leden/<int:pk>/uitnodiging/",
        views_applications.InvitationResendView.as_view(),
        name="invitation_resend",
    ),
    path(
        "welkom/<uidb64>/<token>/",
        views_applications.InvitationConfirmView.as_view(),
        name="invitation",
    ),
]
