from django.urls import path
from django.views.generic import TemplateView

app_name = "budget_public"

urlpatterns = [
    path(
        "publicaties/",
        TemplateView.as_view(
            template_name="includes/_placeholder.html", extra_context={"title": "Publicaties"}
        ),
        name="list",
    ),
]
