# AuditEntry now belongs to the audit app (audit 0001 took it over in state); the table and
# its rows stay, so this only drops the model from this app's state.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("annotation", "0001_initial"),
        ("audit", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="AuditEntry")],
            database_operations=[],
        ),
    ]
