from django.urls import path

from . import views

app_name = "background"

urlpatterns = [
    path("", views.BackgroundWorkView.as_view(), name="list"),
    path("taken/<int:pk>/opnieuw/", views.OutboxRetryView.as_view(), name="retry"),
]
