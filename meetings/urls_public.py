from django.urls import path
from django.views.generic import TemplateView

app_name = "meetings_public"

urlpatterns = [
    path(
        "vergaderingen/",
        TemplateView.as_view(
            template_name="includes/_placeholder.html", extra_context={"title": "Vergaderingen"}
        ),
        name="list",
    ),
]
