"""The council's roles as groups, with the members app's permissions."""

from django.db import migrations

from members import roles


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in roles.ALL_ROLES:
        Group.objects.get_or_create(name=name)
    roles.grant(
        apps,
        {
            roles.SECRETARY: [
                "members.manage_members",
                "members.view_directory",
                "members.manage_council_settings",
                "adviesraad.view_audit_log",
            ],
            roles.CHAIR: ["members.view_directory"],
            roles.MEMBER: ["members.view_directory"],
            roles.TREASURER: ["members.view_directory"],
        },
    )


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0001_initial"),
        ("adviesraad", "0002_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
