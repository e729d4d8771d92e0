"""On PostgreSQL, refuse UPDATE and DELETE on the audit log in the database itself."""

from django.db import migrations

FORWARD = """
CREATE OR REPLACE FUNCTION adviesraad_audit_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'audit log is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER adviesraad_audit_no_change
  BEFORE UPDATE OR DELETE ON adviesraad_auditentry
  FOR EACH ROW EXECUTE FUNCTION adviesraad_audit_append_only();
"""
BACKWARD = """
DROP TRIGGER IF EXISTS adviesraad_audit_no_change ON adviesraad_auditentry;
DROP FUNCTION IF EXISTS adviesraad_audit_append_only();
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("adviesraad", "0002_initial")]

    operations = [migrations.RunPython(forward, backward)]
