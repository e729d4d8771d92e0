"""Grant the recruitment permissions to the council's roles (issue 16).

The secretary manages vacancies, appointments and onboarding and, like the chair, sits on
every selection committee; members and the treasurer see the vacancies (the applicants only
when a vacancy names them on its committee).
"""

from django.db import migrations

from members import roles


def grant(apps, schema_editor):
    roles.grant(
        apps,
        {
            roles.SECRETARY: [
                "members.manage_recruitment",
                "members.view_vacancies",
                "members.sit_on_every_committee",
            ],
            roles.CHAIR: ["members.view_vacancies", "members.sit_on_every_committee"],
            roles.MEMBER: ["members.view_vacancies"],
            roles.TREASURER: ["members.view_vacancies"],
        },
    )


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0005_recruitment_onboarding"),
        ("members", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
