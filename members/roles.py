"""The council's roles, as Django groups created by migration ``0002_roles``.

A person may hold several roles. Permissions hang on the groups; each app's own data
migration grants its permissions with :func:`grant`.
"""

from django.utils.translation import gettext_lazy as _

SECRETARY = "Secretariaat"
CHAIR = "Voorzitter"
MEMBER = "Leden"
TREASURER = "Penningmeester"
ADVISOR = "Bestuursadviseurs"

ALL_ROLES = [SECRETARY, CHAIR, MEMBER, TREASURER, ADVISOR]
ROLE_LABELS = {
    SECRETARY: _("Secretaris"),
    CHAIR: _("Voorzitter"),
    MEMBER: _("Lid"),
    TREASURER: _("Penningmeester"),
    ADVISOR: _("Bestuursadviseur"),
}
# Roles that may (and are encouraged to) protect their account with a second factor; the
# council can require it of them (``CouncilSettings.second_factor_required``).
SECOND_FACTOR_ROLES = {SECRETARY, CHAIR, TREASURER}
# Roles one person may not hold together: the secretary checks declarations and the treasurer
# approves them, so holding both would let one person do both (``rules.role_conflicts``).
INCOMPATIBLE_ROLES = [(SECRETARY, TREASURER)]


def grant(apps, role_perms: dict[str, list[str]]) -> None:
    """Data-migration helper: give each role the listed ``app_label.codename`` permissions.

    Creates missing permission rows first, so it works inside any app's data migration.
    """
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        original = getattr(app_config, "models_module", None)
        app_config.models_module = original or True  # migration states have no models module
        try:
            create_permissions(app_config, apps=apps, verbosity=0)
        finally:
            app_config.models_module = original
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, perms in role_perms.items():
        group, _created = Group.objects.get_or_create(name=role)
        for perm in perms:
            app_label, codename = perm.split(".", 1)
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )
