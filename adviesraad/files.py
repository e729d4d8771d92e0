"""Serving stored files through permission-checked views (docs/rules.md, S4)."""

from django.http import FileResponse


def private_file_response(
    fieldfile, *, filename: str, content_type: str, inline: bool = False
) -> FileResponse:
    """Stream a stored file as an attachment with ``nosniff`` and ``no-store``.

    The caller has already checked that the user may see it.
    """
    response = FileResponse(
        fieldfile.open("rb"), as_attachment=not inline, filename=filename, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
