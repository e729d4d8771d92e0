from django.urls import path
from django.views.generic import TemplateView

app_name = "adviezen_public"

urlpatterns = [
    path(
        "adviezen/",
        TemplateView.as_view(
            template_name="includes/_placeholder.html", extra_context={"title": "Adviezen"}
        ),
        name="list",
    ),
]
urlpatterns.append(
    path(
        "signaal/",
        TemplateView.as_view(
            template_name="includes/_placeholder.html", extra_context={"title": "Signaal"}
        ),
        name="signal",
    )
)
