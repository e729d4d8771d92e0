from django.urls import path

from adviesraad.pagecache import public_page

from . import views

app_name = "budget_public"

urlpatterns = [
    path("publicaties/", public_page(views.PublicPublicationListView.as_view()), name="list"),
    path("publicaties/<int:pk>/pdf/", views.PublicPublicationFileView.as_view(), name="file"),
]
