"""Grant the budget permissions to the council's roles."""

from django.db import migrations

from members import roles


def grant(apps, schema_editor):
    roles.grant(
        apps,
        {
            roles.SECRETARY: [
                "budget.view_budget",
                "budget.manage_budget",
                "budget.manage_annual_report",
                "budget.view_all_declarations",
                "budget.check_declaration",
            ],
            roles.CHAIR: ["budget.view_budget", "budget.submit_declaration"],
            roles.MEMBER: ["budget.submit_declaration"],
            roles.TREASURER: [
                "budget.view_budget",
                "budget.manage_budget",
                "budget.view_all_declarations",
                "budget.approve_declaration",
                "budget.export_declarations",
                "budget.submit_declaration",
            ],
        },
    )


class Migration(migrations.Migration):
    dependencies = [
        ("budget", "0001_initial"),
        ("members", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
