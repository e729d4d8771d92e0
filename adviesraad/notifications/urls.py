from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("", views.NotificationListView.as_view(), name="list"),
    path("<int:pk>/gelezen/", views.NotificationReadView.as_view(), name="read"),
    path("alles-gelezen/", views.NotificationReadAllView.as_view(), name="read_all"),
    path("voorkeuren/", views.PreferencesView.as_view(), name="preferences"),
]
