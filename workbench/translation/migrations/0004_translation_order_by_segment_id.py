"""Translations are listed by segment id, without joining the segment, document and project."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("translation", "0003_trigram_extension"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="translation",
            options={
                "ordering": ["segment_id", "target"],
                "verbose_name": "translation",
                "verbose_name_plural": "translations",
            },
        ),
    ]
