"""What the budget selectors share: names of choices taken from the database."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Case, CharField, F, Value, When

ZERO = Decimal("0.00")


def label_of(field: str, choices: list[tuple[str, str]]) -> Case:
    """The Dutch (or English) name of ``field``'s value, from the database: each choice is
    translated once per list instead of every choice again in each row's
    ``get_<field>_display``."""
    return Case(
        *[When(**{field: value}, then=Value(str(label))) for value, label in choices],
        default=F(field),
        output_field=CharField(),
    )
