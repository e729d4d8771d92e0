"""A member's bank account number (IBAN): checked by schwifty, shown masked.

The IBAN is where the municipality pays a member's declarations. It is checked as ISO 13616
defines it, by schwifty: a known country code, that country's length and account format, and
the two check digits (mod 97). It is stored without spaces in capitals, printed in groups of
four only where the municipality needs the whole number (the declaration PDF and the export),
and masked everywhere else: lists, pages, logs and errors (docs/rules.md, S21).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from schwifty import IBAN
from schwifty.exceptions import (
    InvalidChecksumDigits,
    InvalidCountryCode,
    InvalidLength,
    SchwiftyException,
)

EXAMPLE = "NL91 ABNA 0417 1643 00"


def iban_normalise(value: str) -> str:
    """The stored form: no spaces, capitals."""
    return "".join((value or "").split()).upper()


def iban_problem(value: str) -> str | None:
    """What is wrong with ``value`` as an IBAN, as a Dutch sentence for the form; ``None`` if
    it is a valid IBAN."""
    iban = iban_normalise(value)
    try:
        IBAN(iban)
    except InvalidCountryCode:
        return _(
            "Een IBAN begint met de landcode, voor Nederland NL. %(code)s is geen landcode."
        ) % {"code": iban[:2]}
    except InvalidLength:
        expected = IBAN(iban, allow_invalid=True).spec.iban_length
        return _(
            "Een IBAN dat begint met %(code)s heeft %(n)s tekens; je hebt er %(m)s ingevuld."
        ) % {"code": iban[:2], "n": expected, "m": len(iban)}
    except InvalidChecksumDigits:
        return _(
            "Dit is geen geldig IBAN: de controlecijfers kloppen niet. Kijk of je elk teken goed "
            "hebt overgenomen."
        )
    except SchwiftyException:
        return _(
            "Dit is geen geldig IBAN. Een IBAN bestaat uit letters en cijfers, bijvoorbeeld "
            "%(voorbeeld)s."
        ) % {"voorbeeld": EXAMPLE}
    return None


def iban_is_valid(value: str) -> bool:
    return iban_problem(value) is None


def validate_iban(value: str) -> None:
    """Form validator: the Dutch message of :func:`iban_problem` next to the field."""
    problem = iban_problem(value)
    if problem is not None:
        raise ValidationError(problem, code="iban")


def iban_format(value: str) -> str:
    """Groups of four, as printed on a bank card: "NL91 ABNA 0417 1643 00"."""
    return IBAN(iban_normalise(value), allow_invalid=True).formatted


def iban_mask(value: str) -> str:
    """All but the last four characters hidden: "••••••••••••••4300".

    Hand-written: schwifty has no masking, and four lines need no library.
    """
    iban = iban_normalise(value)
    return "•" * max(len(iban) - 4, 0) + iban[-4:]


def iban_shown(value: str, *, in_full: bool) -> str:
    """The IBAN as a page or a PDF shows it: in groups of four only where the municipality
    needs the whole number (``in_full``: the treasurer's export and the treasurer's copy of a
    declaration, see :func:`iban_in_full_for`), masked for everyone else, the secretary too."""
    if not value:
        return ""
    return iban_format(value) if in_full else iban_mask(value)


def iban_in_full_for(*, may_export: bool) -> bool:
    """Only the person who sends declarations to the municipality (the treasurer, with the
    ``budget.export_declarations`` permission) sees whole IBANs (docs/rules.md, S21)."""
    return may_export
