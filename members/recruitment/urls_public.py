from django.urls import path

from . import views_public

app_name = "vacancies_public"

urlpatterns = [
    path("vacatures/", views_public.VacancyPublicListView.as_view(), name="list"),
    path("vacatures/<slug:slug>/", views_public.VacancyPublicDetailView.as_view(), name="detail"),
    path("vacatures/<slug:slug>/solliciteren/", views_public.ApplyView.as_view(), name="apply"),
    path("vacatures/<slug:slug>/bedankt/", views_public.ApplyThanksView.as_view(), name="thanks"),
]
