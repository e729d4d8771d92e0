"""Every saved or deleted public-facing meetings row raises the public version
(``selectors.public_version_bump``), so pages kept under it are rendered anew."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import AgendaItem, Document, Location, Meeting, Minutes
from .selectors import public_version_bump

PUBLIC_MODELS = (Location, Meeting, AgendaItem, Document, Minutes)


@receiver(post_save)
@receiver(post_delete)
def _public_change(sender, **kwargs) -> None:
    if sender in PUBLIC_MODELS:
        public_version_bump()
