"""Documents (upload, download, removal) and invited guests of a meeting."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import View

from adviesraad.errors import DomainError
from adviesraad.files import private_file_response
from adviesraad.views_mixins import form_error_from

from .. import selectors, services
from ..forms import DocumentForm, GuestForm
from ..models import Document, Guest
from .builder import builder_invalid
from .common import ManagePost, meeting_for


class DocumentAddView(ManagePost):
    def post(self, request, pk):
        meeting = meeting_for(request, pk)
        form = DocumentForm(request.POST, request.FILES, meeting=meeting)
        if form.is_valid():
            d = form.cleaned_data
            try:
                services.document_add(
                    meeting=meeting,
                    by=request.user,
                    upload=d["file"],
                    title=d["title"],
                    is_public=d["is_public"],
                    agenda_item=d["agenda_item"],
                )
                messages.success(request, _("Het document is toegevoegd."))
                return redirect(reverse("meetings:detail", args=[pk]) + "#documenten")
            except DomainError as exc:
                form_error_from(form, exc)
        return builder_invalid(request, meeting, document_form=form)


class DocumentDownloadView(View):
    """Internal and public downloads share one permission check (selector): 404 otherwise."""

    def get(self, request, pk):
        doc = selectors.document_get_for_user(user=request.user, pk=pk)
        return private_file_response(
            doc.file, filename=doc.original_name, content_type=doc.content_type
        )


class DocumentDeleteView(ManagePost):
    def post(self, request, pk):
        doc = get_object_or_404(Document.objects.select_related("meeting", "agenda_item"), pk=pk)
        services.document_remove(document=doc, by=request.user)
        messages.success(request, _("Het document is verwijderd."))
        return redirect(reverse("meetings:detail", args=[doc.meeting_id]) + "#documenten")


class GuestAddView(ManagePost):
    def post(self, request, pk):
        meeting = meeting_for(request, pk)
        form = GuestForm(request.POST)
        if form.is_valid():
            services.guest_add(meeting=meeting, by=request.user, **form.cleaned_data)
            messages.success(request, _("De gast is uitgenodigd."))
            return redirect(reverse("meetings:detail", args=[pk]) + "#gasten")
        return builder_invalid(request, meeting, guest_form=form)


class GuestDeleteView(ManagePost):
    def post(self, request, pk):
        guest = get_object_or_404(Guest.objects.select_related("meeting"), pk=pk)
        meeting_id = guest.meeting_id
        services.guest_remove(guest=guest, by=request.user)
        messages.success(request, _("De gast is verwijderd."))
        return redirect(reverse("meetings:detail", args=[meeting_id]) + "#gasten")
