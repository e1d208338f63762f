"""pg_trgm for fuzzy translation memory on PostgreSQL; nothing on other databases.

Without the privilege to create the extension the migration still succeeds: the memory then
falls back to scoring recent approved translations with rapidfuzz alone.
"""

import logging

from django.contrib.postgres.operations import TrigramExtension
from django.db import DatabaseError, migrations, transaction

logger = logging.getLogger(__name__)


class TrigramExtensionIfPossible(TrigramExtension):
    """``CREATE EXTENSION pg_trgm`` on PostgreSQL, logging instead of failing when refused."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        try:
            with transaction.atomic(using=schema_editor.connection.alias):
                super().database_forwards(app_label, schema_editor, from_state, to_state)
        except DatabaseError as exc:
            logger.warning("pg_trgm is not available (%s); fuzzy memory uses rapidfuzz only", exc)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        """Leave the extension in place: other database objects may use it."""


class Migration(migrations.Migration):
    dependencies = [("translation", "0002_job_claim_owner_heartbeat")]

    operations = [TrigramExtensionIfPossible()]
