"""Internal pages of issue 13.14 and 13.15 (apologies, locations, cancelling), in the
``meetings`` namespace (included by ``meetings.urls``)."""

from django.urls import path

from .views.attendance import ApologyView, ApologyWithdrawView
from .views.cancel import MeetingCancelView
from .views.locations import (
    LocationCreateView,
    LocationDeleteView,
    LocationListView,
    LocationUpdateView,
)

urlpatterns = [
    path("locaties/", LocationListView.as_view(), name="location_list"),
    path("locaties/nieuw/", LocationCreateView.as_view(), name="location_create"),
    path("locaties/<int:pk>/bewerken/", LocationUpdateView.as_view(), name="location_update"),
    path("locaties/<int:pk>/verwijderen/", LocationDeleteView.as_view(), name="location_delete"),
    path("<int:pk>/afmelden/", ApologyView.as_view(), name="apology"),
    path("<int:pk>/afmelden/intrekken/", ApologyWithdrawView.as_view(), name="apology_withdraw"),
    path("<int:pk>/annuleren/", MeetingCancelView.as_view(), name="cancel"),
]
