"""load_fixtures adds missing fixture rows and keeps edited ones."""

from io import StringIO

import pytest
from django.core.management import call_command

from workbench.annotation.models import LabelType

pytestmark = pytest.mark.django_db


def test_missing_rows_added_and_edits_kept():
    """A first run adds the default label types; a second keeps an admin's edit."""
    LabelType.objects.all().delete()
    out = StringIO()
    call_command("load_fixtures", stdout=out)
    assert "label_types.json: 3 added, 0 already present" in out.getvalue()
    LabelType.objects.filter(name="claim").update(colour="#000000")
    out = StringIO()
    call_command("load_fixtures", stdout=out)
    assert "label_types.json: 0 added, 3 already present (kept as is)" in out.getvalue()
    assert LabelType.objects.get(name="claim").colour == "#000000"
