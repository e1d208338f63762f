"""Moving AuditEntry from the annotation app to the audit app keeps every entry, both ways."""

import datetime

import pytest


def _populate(apps) -> list[tuple]:
    """Two entries written through the old (annotation app) model; returns their values."""
    user = apps.get_model("auth", "User").objects.create(username="auditor")
    project = apps.get_model("corpus", "Project").objects.create(name="Moved")
    content_type, _ = apps.get_model("contenttypes", "ContentType").objects.get_or_create(
        app_label="annotation", model="annotation"
    )
    entry = apps.get_model("annotation", "AuditEntry")
    for object_id, action in ((7, "create"), (7, "review")):
        entry.objects.create(
            project=project,
            content_type=content_type,
            object_id=object_id,
            action=action,
            actor=user,
            before={"status": "pending"},
            after={"status": "accepted", "when": datetime.date(2026, 1, 2).isoformat()},
        )
    return _values(entry)


def _values(model) -> list[tuple]:
    return list(
        model.objects.order_by("pk").values_list(
            "pk",
            "project__name",
            "content_type__model",
            "object_id",
            "action",
            "actor__username",
            "at",
            "before",
            "after",
        )
    )


@pytest.mark.django_db(transaction=True)
def test_entries_survive_the_move_and_the_way_back(migrator):
    """Rows written under annotation 0001 are the audit app's rows after the move, in the
    renamed table, and they come back unchanged when the migrations are reversed."""
    old = migrator.apply_initial_migration(("annotation", "0001_initial"))
    before = _populate(old.apps)

    new = migrator.apply_tested_migration(("audit", "0002_rename_table"))
    moved = new.apps.get_model("audit", "AuditEntry")
    assert moved._meta.db_table == "audit_auditentry"
    assert _values(moved) == before

    back = migrator.apply_tested_migration(("annotation", "0001_initial"))
    assert _values(back.apps.get_model("annotation", "AuditEntry")) == before
