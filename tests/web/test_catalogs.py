"""The Arabic catalogs are complete and their compiled files match them."""

from pathlib import Path

import polib
import pytest
from django.conf import settings

CATALOGS = Path(settings.BASE_DIR) / "workbench" / "locale" / "ar" / "LC_MESSAGES"


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_every_string_has_an_arabic_translation(domain):
    """No entry is untranslated or fuzzy, and placeholders survive translation."""
    catalog = polib.pofile(str(CATALOGS / f"{domain}.po"))
    assert catalog.untranslated_entries() == []
    assert catalog.fuzzy_entries() == []
    for entry in catalog.translated_entries():
        for placeholder in ("%(", "%s", "%d"):
            if entry.msgid_plural:
                continue
            assert entry.msgid.count(placeholder) == entry.msgstr.count(placeholder), entry.msgid


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_compiled_catalog_matches_its_source(domain):
    """The .mo file the server loads holds exactly the .po file's translations."""
    source = polib.pofile(str(CATALOGS / f"{domain}.po"))
    compiled = polib.mofile(str(CATALOGS / f"{domain}.mo"))
    expected = {(e.msgid, e.msgstr) for e in source.translated_entries() if not e.msgid_plural}
    found = {(e.msgid, e.msgstr) for e in compiled if e.msgid and not e.msgid_plural}
    assert found == expected
