"""Pages with ``next`` and ``previous`` links (NL API Design Rules), a capped ``pageSize``, and
no count query: one row more than the page is read to know whether there is a next page."""

from __future__ import annotations

from rest_framework.pagination import BasePagination
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

from .. import rules


class LinkPagination(BasePagination):
    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        self.size = rules.page_size(request.query_params.get("pageSize"))
        self.number = rules.page_number(request.query_params.get("page"))
        start = (self.number - 1) * self.size
        rows = list(queryset[start : start + self.size + 1])
        self.has_next = len(rows) > self.size
        return rows[: self.size]

    def _link(self, number: int) -> str:
        url = self.request.build_absolute_uri()
        if number == 1:
            return remove_query_param(url, "page")
        return replace_query_param(url, "page", number)

    def get_paginated_response(self, data):
        return Response(
            {
                "next": self._link(self.number + 1) if self.has_next else None,
                "previous": self._link(self.number - 1) if self.number > 1 else None,
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema):
        link = {"type": "string", "format": "uri", "nullable": True}
        return {
            "type": "object",
            "required": ["next", "previous", "results"],
            "properties": {"next": link, "previous": link, "results": schema},
        }

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": "page",
                "in": "query",
                "required": False,
                "description": "Het nummer van de pagina, vanaf 1.",
                "schema": {"type": "integer", "minimum": 1},
            },
            {
                "name": "pageSize",
                "in": "query",
                "required": False,
                "description": f"Aantal per pagina, 1 tot {rules.MAX_PAGE_SIZE}.",
                "schema": {
                    "type": "integer",
                    "minimum": 1,
                    "maximum": rules.MAX_PAGE_SIZE,
                    "default": rules.DEFAULT_PAGE_SIZE,
                },
            },
        ]
