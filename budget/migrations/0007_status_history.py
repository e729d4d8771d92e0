# Declarations and budget years move through adviesraad.transitions: the declaration's status
# history becomes a StatusChange subclass, and budget years get the same history, filled from
# the audit log of their earlier steps.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.db.models.functions import Length

NOTE_MAX = 500


def shorten_notes(apps, schema_editor):
    """The history's note becomes at most 500 characters. Only a rejection reason can be
    longer, and the declaration keeps it whole in ``rejection_reason``."""
    change = apps.get_model("budget", "DeclarationStatusChange")
    for row in change.objects.annotate(n=Length("note")).filter(n__gt=NOTE_MAX):
        change.objects.filter(pk=row.pk).update(note=row.note[:NOTE_MAX])


def budget_year_history_from_audit(apps, schema_editor):
    """Every earlier step of a budget year is in the audit log; copy it into the history."""
    entry = apps.get_model("adviesraad", "AuditEntry")
    year = apps.get_model("budget", "BudgetYear")
    change = apps.get_model("budget", "BudgetYearStatusChange")
    known = set(year.objects.values_list("pk", flat=True))
    steps = entry.objects.filter(
        action="budget_year.status_changed", object_type="budget.budgetyear"
    ).order_by("created_at", "pk")
    for step in steps:
        if not step.object_id.isdigit() or int(step.object_id) not in known:
            continue
        row = change.objects.create(
            budget_year_id=int(step.object_id),
            from_status=str(step.data.get("from") or ""),
            to_status=str(step.data.get("to") or ""),
            by_id=step.actor_id,
        )
        change.objects.filter(pk=row.pk).update(at=step.created_at)


class Migration(migrations.Migration):
    dependencies = [
        ("adviesraad", "0003_audit_append_only"),
        ("budget", "0006_export_retention"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(shorten_notes, migrations.RunPython.noop),
        migrations.AlterModelOptions(
            name="declarationstatuschange",
            options={
                "ordering": ["at", "pk"],
                "verbose_name": "statuswijziging declaratie",
                "verbose_name_plural": "statuswijzigingen declaraties",
            },
        ),
        migrations.AlterField(
            model_name="declarationstatuschange",
            name="at",
            field=models.DateTimeField(auto_now_add=True, verbose_name="op"),
        ),
        migrations.AlterField(
            model_name="declarationstatuschange",
            name="by",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="door",
            ),
        ),
        migrations.AlterField(
            model_name="declarationstatuschange",
            name="from_status",
            field=models.CharField(blank=True, max_length=20, verbose_name="van"),
        ),
        migrations.AlterField(
            model_name="declarationstatuschange",
            name="note",
            field=models.CharField(blank=True, max_length=500, verbose_name="toelichting"),
        ),
        migrations.AlterField(
            model_name="declarationstatuschange",
            name="to_status",
            field=models.CharField(max_length=20, verbose_name="naar"),
        ),
        migrations.CreateModel(
            name="BudgetYearStatusChange",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("from_status", models.CharField(blank=True, max_length=20, verbose_name="van")),
                ("to_status", models.CharField(max_length=20, verbose_name="naar")),
                ("at", models.DateTimeField(auto_now_add=True, verbose_name="op")),
                (
                    "note",
                    models.CharField(blank=True, max_length=500, verbose_name="toelichting"),
                ),
                (
                    "budget_year",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="status_changes",
                        to="budget.budgetyear",
                    ),
                ),
                (
                    "by",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="door",
                    ),
                ),
            ],
            options={
                "verbose_name": "statuswijziging begroting",
                "verbose_name_plural": "statuswijzigingen begrotingen",
                "ordering": ["at", "pk"],
                "abstract": False,
            },
        ),
        migrations.RunPython(budget_year_history_from_audit, migrations.RunPython.noop),
    ]
