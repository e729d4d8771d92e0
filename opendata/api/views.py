"""The read-only open-data API at ``/api/v1/`` (docs/architecture.md, "Open data").

Three resources in the shape of ODS Open Raadsinformatie: ``vergaderingen``, ``agendapunten``
and ``informatieobjecten``. Every row comes from ``opendata.selectors``, which reads the same
public selectors as the public pages. Views are thin: they check the query parameters
(``rules``), read the selector, page it and map rows to the ODS field names.
"""

from __future__ import annotations

from django.http import Http404
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework.generics import GenericAPIView
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from adviezen.publication import requests_published
from members.selectors import council_settings_get

from .. import rules, selectors
from . import mapping
from .pagination import LinkPagination
from .problems import PROBLEM, BadParameter
from .serializers import (
    AgendapuntSerializer,
    InformatieobjectSerializer,
    ProblemSerializer,
    VergaderingSerializer,
)

SINCE = OpenApiParameter(
    "gewijzigdSinds",
    OpenApiTypes.DATETIME,
    description="Alleen wat na dit moment (ISO 8601) veranderde of openbaar werd.",
)
ERRORS = {
    (400, PROBLEM): ProblemSerializer,
    (404, PROBLEM): ProblemSerializer,
}


class OpenDataView(GenericAPIView):
    """Shared: no log-in, JSON only, GET only, known query parameters only."""

    authentication_classes = ()
    permission_classes = ()
    renderer_classes = (JSONRenderer,)
    parser_classes = ()
    http_method_names = ["get", "head", "options"]
    pagination_class = LinkPagination
    filters: tuple[str, ...] = ()  # the resource's filters besides paging and gewijzigdSinds

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        allowed = {*self.filters, *(("page", "pageSize", "gewijzigdSinds") if self.listing else ())}
        unknown = rules.unknown_params(request.query_params, allowed)
        if unknown:
            raise BadParameter(unknown[0], "Deze parameter kent de API niet.")
        self.since = rules.changed_since(request.query_params.get("gewijzigdSinds"))
        self.council = council_settings_get()
        self.maps = mapping.Maps(request, self.council)

    listing = True

    def respond(self, rows, to_dict):
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(self.get_serializer(to_dict(page), many=True).data)


def _int(request, name: str) -> int | None:
    value = request.query_params.get(name)
    if value in (None, ""):
        return None
    if not value.isdigit():
        raise BadParameter(name, "Een identificatie is een heel getal.")
    return int(value)


@extend_schema_view(
    get=extend_schema(
        operation_id="getvergaderingen",
        tags=["Vergaderingen"],
        parameters=[SINCE],
        responses={(200, "application/json"): VergaderingSerializer(many=True), **ERRORS},
    )
)
class VergaderingList(OpenDataView):
    """Alle openbare vergaderingen, de nieuwste eerst."""

    serializer_class = VergaderingSerializer

    def get(self, request):
        return self.respond(selectors.api_meetings(since=self.since), self.maps.meetings)


@extend_schema_view(
    get=extend_schema(
        operation_id="getvergadering",
        tags=["Vergaderingen"],
        responses={(200, "application/json"): VergaderingSerializer, **ERRORS},
    )
)
class VergaderingDetail(OpenDataView):
    """Eén openbare vergadering."""

    serializer_class = VergaderingSerializer
    listing = False

    def get(self, request, id):
        meeting = selectors.api_meetings().filter(pk=id).first()
        if meeting is None:
            raise Http404
        return Response(self.get_serializer(self.maps.meetings([meeting])[0]).data)


AGENDA_FILTERS = [
    OpenApiParameter(
        "vergaderingsIdentificatie",
        OpenApiTypes.STR,
        description="Alleen de agendapunten van deze vergadering.",
    ),
    SINCE,
]


@extend_schema_view(
    get=extend_schema(
        operation_id="getagendapunten",
        tags=["Agendapunten"],
        parameters=AGENDA_FILTERS,
        responses={(200, "application/json"): AgendapuntSerializer(many=True), **ERRORS},
    )
)
class AgendapuntList(OpenDataView):
    """Alle openbare agendapunten van openbare vergaderingen."""

    serializer_class = AgendapuntSerializer
    filters = ("vergaderingsIdentificatie",)

    def get(self, request):
        items = selectors.api_agenda_items(
            since=self.since, meeting_id=_int(request, "vergaderingsIdentificatie")
        )
        return self.respond(items, self.maps.agenda_items)


@extend_schema_view(
    get=extend_schema(
        operation_id="getagendapunt",
        tags=["Agendapunten"],
        responses={(200, "application/json"): AgendapuntSerializer, **ERRORS},
    )
)
class AgendapuntDetail(OpenDataView):
    """Eén openbaar agendapunt."""

    serializer_class = AgendapuntSerializer
    listing = False

    def get(self, request, id):
        item = selectors.api_agenda_items().filter(pk=id).first()
        if item is None:
            raise Http404
        return Response(self.get_serializer(self.maps.agenda_items([item])[0]).data)


DOCUMENT_FILTERS = [
    OpenApiParameter(
        "informatiecategorie",
        OpenApiTypes.STR,
        enum=list(rules.Category.ALL),
        description="Alleen de stukken in deze Woo-informatiecategorie (TOOI-code).",
    ),
    OpenApiParameter(
        "vergaderingsIdentificatie",
        OpenApiTypes.STR,
        description="Alleen de stukken van deze vergadering.",
    ),
    SINCE,
]


@extend_schema_view(
    get=extend_schema(
        operation_id="getinformatieobjecten",
        tags=["Informatieobjecten"],
        parameters=DOCUMENT_FILTERS,
        responses={(200, "application/json"): InformatieobjectSerializer(many=True), **ERRORS},
    )
)
class InformatieobjectList(OpenDataView):
    """Alle openbare stukken: adviezen, adviesaanvragen en reacties van het college, agenda's,
    notulen en vergaderstukken, jaarplannen, jaarverslagen en onderzoeksrapporten."""

    serializer_class = InformatieobjectSerializer
    filters = ("informatiecategorie", "vergaderingsIdentificatie")

    def get(self, request):
        category = request.query_params.get("informatiecategorie")
        if category is not None and category not in rules.Category.ALL:
            raise BadParameter("informatiecategorie", "Geen informatiecategorie van deze API.")
        meeting = _int(request, "vergaderingsIdentificatie")
        docs = selectors.public_documents(
            publish_requests=requests_published(),
            categories=frozenset([category]) if category else None,
        )
        docs = [
            d
            for d in docs
            if (self.since is None or d.changed > self.since)
            and (meeting is None or d.meeting_id == meeting)
        ]
        return self.respond(docs, self.maps.documents)


@extend_schema_view(
    get=extend_schema(
        operation_id="getinformatieobject",
        tags=["Informatieobjecten"],
        responses={(200, "application/json"): InformatieobjectSerializer, **ERRORS},
    )
)
class InformatieobjectDetail(OpenDataView):
    """Eén openbaar stuk."""

    serializer_class = InformatieobjectSerializer
    listing = False

    def get(self, request, id):
        docs = selectors.public_documents(publish_requests=requests_published())
        found = [d for d in docs if d.id == id]
        if not found:
            raise Http404
        return Response(self.get_serializer(self.maps.documents(found)[0]).data)


@extend_schema(exclude=True)
class Root(OpenDataView):
    """``/api/v1``: where the resources and the OpenAPI document are."""

    listing = False

    def get(self, request):
        names = ("vergaderingen", "agendapunten", "informatieobjecten", "openapi")
        return Response(
            {name: request.build_absolute_uri(reverse(f"opendata:{name}")) for name in names}
        )


@extend_schema(exclude=True)
class NotFound(OpenDataView):
    """Any other path under /api/v1/: a problem+json 404."""

    listing = False

    def get(self, request, rest=""):
        raise Http404
