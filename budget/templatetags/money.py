"""Money the Dutch way: ``{{ amount|euro }}`` → "€ 1.234,56", and a masked or grouped IBAN."""

from decimal import Decimal, InvalidOperation

from django import template

from budget import rules

register = template.Library()


def format_euro(value) -> str:
    """ "€ 1.234,56" (thousands with a dot, cents with a comma, minus before the sign)."""
    if value is None or value == "":
        return ""
    try:
        amount = rules.money(Decimal(str(value)))
    except (InvalidOperation, ValueError):
        return ""
    sign = "-" if amount < 0 else ""
    whole, cents = f"{abs(amount):.2f}".split(".")
    groups = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    return f"€\u00a0{sign}{'.'.join(groups)},{cents}"


@register.filter
def euro(value) -> str:
    return format_euro(value)


@register.filter
def iban_masked(value) -> str:
    return rules.iban_mask(value or "")


@register.filter
def iban_grouped(value) -> str:
    return rules.iban_format(value or "")
