"""Give the secretary the right to see background work and retry failed tasks."""

from django.db import migrations

from members import roles


def grant(apps, schema_editor):
    roles.grant(apps, {roles.SECRETARY: ["background.view_background_work"]})


class Migration(migrations.Migration):
    dependencies = [
        ("background", "0001_initial"),
        ("members", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
