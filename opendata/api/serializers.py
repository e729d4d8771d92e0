"""The API's resources in the shape of ODS Open Raadsinformatie (its read-only "mini-ORI"
subset): Dutch field names as in the standard. The views hand these serializers plain dicts;
the serializers fix the field types for the OpenAPI document."""

from __future__ import annotations

from rest_framework import serializers


class GemeenteSerializer(serializers.Serializer):
    gemeentecode = serializers.CharField(help_text="De code van de gemeente (CBS), zoals 0439.")
    gemeentenaam = serializers.CharField()


class VergaderingSerializer(serializers.Serializer):
    url = serializers.URLField(help_text="De unieke identificatie en locatie van dit object.")
    id = serializers.CharField()
    naam = serializers.CharField()
    vergaderingstype = serializers.CharField(
        help_text="De soort vergadering van de adviesraad, zoals plenaire_vergadering of "
        "overleg_wethouder."
    )
    status = serializers.ChoiceField(choices=["gepland", "gehouden"])
    vergaderdatum = serializers.DateField()
    geplandeAanvangVergadering = serializers.DateTimeField()  # noqa: N815 (ODS field names)
    geplandeEindeVergadering = serializers.DateTimeField()  # noqa: N815
    locatie = serializers.CharField(allow_blank=True)
    vergadertoelichting = serializers.CharField(allow_blank=True)
    gemeente = GemeenteSerializer(allow_null=True)
    agendapunten = serializers.ListField(child=serializers.URLField())
    bijlagen = serializers.ListField(child=serializers.URLField())
    informatieobject = serializers.URLField(
        allow_null=True, help_text="De vastgestelde openbare notulen van deze vergadering."
    )
    agendaUrl = serializers.URLField(help_text="De openbare agenda als webpagina.")  # noqa: N815
    wijzigingsdatum = serializers.DateTimeField(
        help_text="Het laatste moment waarop de vergadering, een openbaar agendapunt, een "
        "openbaar stuk of de vastgestelde notulen veranderden."
    )


class AgendapuntSerializer(serializers.Serializer):
    url = serializers.URLField()
    id = serializers.CharField()
    vergadering = serializers.URLField()
    agendapuntTitel = serializers.CharField()  # noqa: N815
    agendapuntOmschrijving = serializers.CharField(allow_blank=True)  # noqa: N815
    agendapuntvolgnummer = serializers.CharField()
    agendapuntKenmerk = serializers.CharField()  # noqa: N815
    geplandeStarttijd = serializers.DateTimeField()  # noqa: N815
    indicatorBesloten = serializers.BooleanField()  # noqa: N815
    informatieobjecten = serializers.ListField(child=serializers.URLField())
    wijzigingsdatum = serializers.DateTimeField()


class InformatieobjectSerializer(serializers.Serializer):
    url = serializers.URLField()
    id = serializers.CharField()
    titel = serializers.CharField()
    omschrijving = serializers.CharField(allow_blank=True)
    documentsoort = serializers.CharField(
        help_text="advies, adviesaanvraag, reactie, agenda, notulen, vergaderstuk, jaarplan, "
        "jaarverslag of onderzoeksrapport."
    )
    informatieobjecttype = serializers.CharField(allow_null=True)
    informatiecategorie = serializers.URLField(
        help_text="De Woo-informatiecategorie (TOOI-waardelijst)."
    )
    identificatie = serializers.CharField()
    link = serializers.URLField(help_text="De directe link naar het bestand.")
    formaat = serializers.CharField()
    taal = serializers.CharField(help_text="ISO 639-2/B: dut.")
    auteur = serializers.CharField()
    creatiedatum = serializers.DateField()
    gemeente = GemeenteSerializer(allow_null=True)
    vergaderingen = serializers.ListField(child=serializers.URLField())
    agendapunten = serializers.ListField(child=serializers.URLField())
    genotuleerdeVergadering = serializers.URLField(allow_null=True)  # noqa: N815
    wijzigingsdatum = serializers.DateTimeField()


class ProblemSerializer(serializers.Serializer):
    """RFC 9457 problem details, as the NL API Design Rules ask."""

    type = serializers.CharField()
    title = serializers.CharField()
    status = serializers.IntegerField()
    detail = serializers.CharField()
    instance = serializers.CharField()
    invalidParams = serializers.ListField(  # noqa: N815
        child=serializers.DictField(child=serializers.CharField()), required=False
    )
