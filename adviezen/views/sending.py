"""Signing, sending to the college, publishing, and registering the college's response."""

from __future__ import annotations

import datetime

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import services
from ..forms import PublishForm, ResponseForm
from .common import AdviceFormActionView, SimplePostView


class SignView(SimplePostView):
    permission_required = "adviezen.approve_advice"
    service = services.advice_sign
    done = gettext_lazy("Het advies is ondertekend.")


class SendView(SimplePostView):
    permission_required = "adviezen.manage_advice"
    service = services.advice_send
    done = gettext_lazy(
        "Het advies wordt verzonden naar het college. De datum van verzending verschijnt zodra het verstuurd is."
    )


class PublishView(AdviceFormActionView):
    permission_required = "adviezen.manage_advice"
    form_class = PublishForm
    heading = gettext_lazy("Publiceren")
    button = gettext_lazy("Publiceren")

    def get_initial(self):
        return {"summary": self.get_advice().summary, "public_note": True}

    def run(self, d):
        services.advice_publish(
            advice=self.get_advice(),
            by=self.request.user,
            public_note=d["public_note"],
            summary=d["summary"],
        )

    def success_message(self):
        return _("Het advies is gepubliceerd.")


class ResponseView(AdviceFormActionView):
    permission_required = "adviezen.manage_advice"
    form_class = ResponseForm
    heading = gettext_lazy("Reactie van het college vastleggen")
    button = gettext_lazy("Reactie vastleggen")

    def get_initial(self):
        return {"received_on": datetime.date.today()}

    def run(self, d):
        services.college_response_register(
            advice=self.get_advice(),
            by=self.request.user,
            received_on=d["received_on"],
            summary=d["summary"],
            document=d.get("document"),
        )

    def success_message(self):
        return _("De reactie van het college is vastgelegd.")
