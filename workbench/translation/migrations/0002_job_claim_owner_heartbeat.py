"""Job claims: the owner of each claim, a count of claims, and when the job was queued."""

import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


def queued_when_created(apps, schema_editor):
    """Existing jobs were queued when they were created."""
    TranslationJob = apps.get_model("translation", "TranslationJob")
    TranslationJob.objects.update(queued_at=models.F("created_at"))


class Migration(migrations.Migration):
    dependencies = [
        ("corpus", "0001_initial"),
        ("translation", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="translationjob",
            name="translationjob_queue",
        ),
        migrations.AddField(
            model_name="translationjob",
            name="attempts",
            field=models.PositiveIntegerField(default=0, verbose_name="claims"),
        ),
        migrations.AddField(
            model_name="translationjob",
            name="owner",
            field=models.CharField(
                blank=True,
                help_text="host:pid or worker name",
                max_length=200,
                verbose_name="claimed by",
            ),
        ),
        migrations.AddField(
            model_name="translationjob",
            name="queued_at",
            field=models.DateTimeField(default=django.utils.timezone.now, verbose_name="queued at"),
        ),
        migrations.RunPython(queued_when_created, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name="translationjob",
            index=models.Index(fields=["status", "queued_at"], name="translationjob_queue"),
        ),
    ]
