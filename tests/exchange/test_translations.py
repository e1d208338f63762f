"""TMX 1.4 and XLIFF 1.2 exports, read back with translate-toolkit."""

import pytest
from translate.storage import tmx, xliff

from tests.exchange.helpers import TRANSLATIONS, download
from tests.factories import acting, make_document
from workbench.translation.models import Translation
from workbench.translation.services import translation_create

pytestmark = pytest.mark.django_db


def test_tmx_holds_approved_translations_with_languages(api, annotator, corpus):
    """TMX into English: the Arabic source and English target with their xml:lang codes."""
    response, body = download(api(annotator), TRANSLATIONS, format="tmx", target="en")
    assert response["Content-Type"].startswith("application/x-tmx+xml")
    store = tmx.tmxfile.parsestring(body.encode("utf-8"))
    assert store.document.getroot().get("version") == "1.4"
    assert store.getsourcelanguage() == "ar"
    (unit,) = store.units
    assert unit.source == corpus.approved_ar.segment.text
    assert "الضرائبَ" in unit.source
    assert unit.target == "The minister said taxes will fall 👍🏽 next year."
    languages = [
        tuv.get("{http://www.w3.org/XML/1998/namespace}lang")
        for tuv in unit.xmlelement.findall("tuv")
    ]
    assert languages == ["ar", "en"]
    assert "statement.txt" in unit.getnotes()


def test_tmx_into_arabic_defaults_to_approved(api, annotator, corpus):
    """Into Arabic only the approved translation comes out; status=all adds the draft."""
    _response, body = download(api(annotator), TRANSLATIONS, format="tmx", target="ar")
    store = tmx.tmxfile.parsestring(body.encode("utf-8"))
    assert [unit.target for unit in store.units] == ["قال الوزير إن الضرائب ستنخفض العام المقبل."]
    _response, body = download(
        api(annotator), TRANSLATIONS, format="tmx", target="ar", status="all"
    )
    store = tmx.tmxfile.parsestring(body.encode("utf-8"))
    assert [unit.target for unit in store.units] == [
        "قال الوزير إن الضرائب ستنخفض العام المقبل.",
        "النقاد يختلفون.",
    ]
    statuses = [unit.xmlelement.find("prop[@type='x-status']").text for unit in store.units]
    assert statuses == ["approved", "draft"]


def test_xliff_one_file_per_document_and_source(api, annotator, moderator, corpus):
    """XLIFF 1.2 with source and target languages; approved units say so."""
    response, body = download(
        api(annotator), TRANSLATIONS, format="xliff", target="ar", status="all"
    )
    assert response["Content-Type"].startswith("application/xliff+xml")
    store = xliff.xlifffile.parsestring(body.encode("utf-8"))
    assert store.namespace == "urn:oasis:names:tc:xliff:document:1.2"
    assert store.getsourcelanguage() == "en" and store.gettargetlanguage() == "ar"
    assert store.getfilenames() == ["statement.txt"]
    approved, draft = store.units
    assert approved.source == corpus.approved_en.segment.text
    assert approved.target == "قال الوزير إن الضرائب ستنخفض العام المقبل."
    assert approved.isapproved() and not draft.isapproved()
    assert approved.xmlelement.get("id") == str(corpus.approved_en.segment.index)
    assert f"approved by {moderator.username}" in approved.getnotes()


def test_xliff_arabic_source(api, annotator, corpus):
    """Into English the file's source language is Arabic and the unit holds the Arabic text."""
    _response, body = download(api(annotator), TRANSLATIONS, format="xliff", target="en")
    store = xliff.xlifffile.parsestring(body.encode("utf-8"))
    assert store.getsourcelanguage() == "ar" and store.gettargetlanguage() == "en"
    (unit,) = store.units
    assert unit.source == corpus.approved_ar.segment.text and unit.isapproved()


def test_filters_by_source_language_and_document(api, annotator, corpus):
    """``source=`` and ``document=`` narrow the translations."""
    _response, body = download(
        api(annotator), TRANSLATIONS, format="tmx", target="ar", source="fr", status="all"
    )
    assert tmx.tmxfile.parsestring(body.encode("utf-8")).units == []
    _response, body = download(
        api(annotator), TRANSLATIONS, format="tmx", target="ar", document=corpus.plain.pk
    )
    assert tmx.tmxfile.parsestring(body.encode("utf-8")).units == []


def test_target_is_required(api, annotator, corpus):
    """Without a target language the API answers 400 naming the field."""
    response = api(annotator).get(TRANSLATIONS, {"format": "tmx"})
    assert response.status_code == 400
    assert "target" in response.json()


@pytest.mark.parametrize("export_format", ["tmx", "xliff"])
def test_control_characters_are_reported_not_dropped_silently(
    api, annotator, project, reviewer, export_format
):
    """XML cannot carry U+0001..U+001F (but tab and line ends): the export takes them out,
    notes on each changed unit which ones went, and counts the changed units in a header;
    clean units carry no such note."""
    document = make_document(project, "The bell\x07 rang twice.\n\nNothing odd here.")
    noisy, clean = document.segments.order_by("index")
    for segment, text in ((noisy, "رنّ الجرس\x01 مرتين."), (clean, "لا شيء غريب هنا.")):
        translation = translation_create(
            actor=acting(reviewer, segment), segment=segment, target="ar", text="مسودة"
        )
        Translation.objects.filter(pk=translation.pk).update(text=text)
    response, body = download(
        api(annotator), TRANSLATIONS, format=export_format, target="ar", status="all"
    )
    assert response["X-Workbench-Controls-Removed"] == "1"
    storage = tmx.tmxfile if export_format == "tmx" else xliff.xlifffile
    first, second = storage.parsestring(body.encode("utf-8")).units
    assert (first.source, first.target) == ("The bell rang twice.", "رنّ الجرس مرتين.")
    note = first.getnotes()
    assert "U+0007" in note and "U+0001" in note and "control characters removed" in note
    assert "control characters" not in second.getnotes()
    response, _body = download(api(annotator), TRANSLATIONS, format="xliff", target="en")
    assert response["X-Workbench-Controls-Removed"] == "0"
