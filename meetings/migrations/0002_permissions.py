"""Grant the meetings permissions to the council's roles."""

from django.db import migrations

from members import roles


def grant(apps, schema_editor):
    roles.grant(
        apps,
        {
            roles.SECRETARY: [
                "meetings.manage_meetings",
                "meetings.view_internal_meetings",
                "meetings.post_update",
            ],
            roles.CHAIR: ["meetings.view_internal_meetings", "meetings.post_update"],
            roles.MEMBER: ["meetings.view_internal_meetings", "meetings.post_update"],
            roles.TREASURER: ["meetings.view_internal_meetings"],
        },
    )


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0001_initial"),
        ("members", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
