"""Signing, sending to the college, publishing, and registering the college's response."""

from __future__ import annotations

import datetime

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import consequences, services
from ..forms import PublishForm, ResponseForm
from .common import AdviceFormActionView, ConfirmActionView


class SignView(ConfirmActionView):
    """The chair signs, after seeing what that means."""

    permission_required = "adviezen.approve_advice"
    action = "sign"
    heading = gettext_lazy("Advies ondertekenen")
    button = gettext_lazy("Ja, advies ondertekenen")
    done = gettext_lazy("Het advies is ondertekend.")

    def consequence(self):
        return consequences.sign(user=self.request.user)

    def run(self, *, outcome):
        services.advice_sign(advice=self.get_advice(), by=self.request.user)


class SendView(ConfirmActionView):
    """The secretary sends the letter, after seeing to whom it goes."""

    permission_required = "adviezen.manage_advice"
    action = "send"
    heading = gettext_lazy("Versturen naar het college")
    button = gettext_lazy("Ja, versturen naar het college")
    done = gettext_lazy(
        "Het advies wordt verzonden naar het college. De datum van verzending verschijnt zodra het verstuurd is."
    )

    def consequence(self):
        return consequences.send(advice=self.get_advice())

    def run(self, *, outcome):
        services.advice_send(advice=self.get_advice(), by=self.request.user)


class PublishView(AdviceFormActionView):
    """Publishing, with what it does; the short public note of an informal recommendation only
    when ticked (``PublishForm``)."""

    permission_required = "adviezen.manage_advice"
    form_class = PublishForm
    heading = gettext_lazy("Publiceren")
    button = gettext_lazy("Publiceren")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "formal": self.get_advice().is_formal}

    def get_initial(self):
        return {"summary": self.get_advice().summary}

    def consequence(self):
        return consequences.publish(advice=self.get_advice())

    def run(self, d):
        services.advice_publish(
            advice=self.get_advice(),
            by=self.request.user,
            public_note=d.get("public_note", False),
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
