# API tokens moved from DRF's authtoken app (plain text keys) to django-rest-knox (hashed,
# expiring). Existing keys keep working until they expire: each is stored as a knox token
# (its hash and lookup prefix only), and the table of plain keys is dropped.

from django.db import migrations
from django.utils import timezone

LEGACY_TABLE = "authtoken_token"


def hash_legacy_tokens(apps, schema_editor) -> None:
    connection = schema_editor.connection
    if LEGACY_TABLE not in connection.introspection.table_names():
        return
    from knox.crypto import hash_token
    from knox.settings import CONSTANTS, knox_settings

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT key, user_id FROM {schema_editor.quote_name(LEGACY_TABLE)}")
        rows = cursor.fetchall()
    token = apps.get_model("knox", "AuthToken")
    expiry = timezone.now() + knox_settings.TOKEN_TTL
    token.objects.bulk_create(
        token(
            digest=hash_token(key),
            token_key=key[: CONSTANTS.TOKEN_KEY_LENGTH],
            user_id=user_id,
            expiry=expiry,
        )
        for key, user_id in rows
    )
    schema_editor.execute(
        schema_editor.sql_delete_table % {"table": schema_editor.quote_name(LEGACY_TABLE)}
    )


class Migration(migrations.Migration):
    dependencies = [
        ("knox", "0009_extend_authtoken_field"),
    ]

    operations = [
        migrations.RunPython(hash_legacy_tokens, migrations.RunPython.noop, elidable=True),
    ]
