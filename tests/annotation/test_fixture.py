"""The default label types: loading them twice changes nothing and their schemas are valid."""

import pytest
from django.conf import settings
from django.core.management import call_command
from jsonschema import Draft202012Validator

from workbench.annotation.models import LabelType

pytestmark = pytest.mark.django_db


def test_fixture_is_idempotent_and_valid(label_types):
    """Loading the fixture again keeps three types; each schema is valid draft 2020-12."""
    call_command("loaddata", str(settings.BASE_DIR / "fixtures" / "label_types.json"), verbosity=0)
    assert sorted(LabelType.objects.values_list("name", flat=True)) == [
        "claim",
        "source",
        "stance",
    ]
    for label_type in LabelType.objects.all():
        Draft202012Validator.check_schema(label_type.schema)
        assert label_type.shortcut and label_type.colour.startswith("#")
    stance = Draft202012Validator(label_types["stance"].schema)
    assert stance.is_valid({"polarity": "favor", "target": "lower taxes"})
    assert not stance.is_valid({"target": "lower taxes"})
    source = Draft202012Validator(label_types["source"].schema)
    assert source.is_valid({"kind": "social", "name": "@someone"})
    assert not source.is_valid({"kind": "blog", "name": "x"})
