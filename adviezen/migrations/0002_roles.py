"""Grant the adviezen permissions to the council's roles (docs/rules.md, People and roles)."""

from django.db import migrations

from members import roles


def grant_roles(apps, schema_editor):
    member_perms = [
        "adviezen.view_internal",
        "adviezen.comment_advice",
        "adviezen.write_advice",
        "adviezen.cast_vote",
        "adviezen.propose_dossier",
        "adviezen.record_signal",
    ]
    roles.grant(
        apps,
        {
            roles.SECRETARY: [
                "adviezen.view_internal",
                "adviezen.comment_advice",
                "adviezen.write_advice",
                "adviezen.manage_advice",
                "adviezen.manage_ballot",
                "adviezen.propose_dossier",
                "adviezen.record_signal",
                "adviezen.triage_signal",
                "adviezen.view_signal_contact",
            ],
            roles.CHAIR: member_perms
            + [
                "adviezen.manage_ballot",
                "adviezen.approve_advice",
                "adviezen.review_dossier",
                "adviezen.triage_signal",
                "adviezen.view_signal_contact",
            ],
            roles.MEMBER: member_perms,
            roles.ADVISOR: ["adviezen.consult_advice", "adviezen.comment_advice"],
        },
    )


class Migration(migrations.Migration):
    dependencies = [
        ("adviezen", "0001_initial"),
        ("members", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant_roles, migrations.RunPython.noop)]
