# The audit table gets this app's name: a rename, so every row stays. The content type of
# the model moves with it, keeping any permissions granted on audit entries.

from django.db import migrations


def move_content_type(apps, schema_editor, old: str, new: str) -> None:
    content_type = apps.get_model("contenttypes", "ContentType")
    if not content_type.objects.filter(app_label=new, model="auditentry").exists():
        content_type.objects.filter(app_label=old, model="auditentry").update(app_label=new)


def forwards(apps, schema_editor) -> None:
    move_content_type(apps, schema_editor, "annotation", "audit")


def backwards(apps, schema_editor) -> None:
    move_content_type(apps, schema_editor, "audit", "annotation")


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0001_initial"),
        ("annotation", "0002_move_auditentry_to_audit"),
    ]

    operations = [
        migrations.AlterModelTable(name="auditentry", table=None),
        migrations.RunPython(forwards, backwards),
    ]
