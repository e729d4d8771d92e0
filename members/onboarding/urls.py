"""Onboarding URLs, included from ``members.urls`` (names in the ``members`` namespace)."""

from django.urls import path

from . import views

urlpatterns = [
    path("intern/inwerken/", views.OnboardingOverviewView.as_view(), name="onboarding_overview"),
    path("intern/inwerken/starten/", views.OnboardingStartView.as_view(), name="onboarding_start"),
    path(
        "intern/inwerken/leden/<int:pk>/", views.ChecklistView.as_view(), name="onboarding_member"
    ),
    path(
        "intern/inwerken/taken/<int:pk>/", views.TaskToggleView.as_view(), name="onboarding_toggle"
    ),
    path("intern/inwerken/stappen/", views.StepListView.as_view(), name="onboarding_steps"),
    path(
        "intern/inwerken/stappen/voorbeeld/",
        views.StepExampleView.as_view(),
        name="onboarding_steps_example",
    ),
    path(
        "intern/inwerken/stappen/<int:pk>/bewerken/",
        views.StepUpdateView.as_view(),
        name="onboarding_step_update",
    ),
    path(
        "intern/inwerken/stappen/<int:pk>/verwijderen/",
        views.StepRetireView.as_view(),
        name="onboarding_step_retire",
    ),
]
