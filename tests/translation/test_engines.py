"""Every engine passes one contract; the argos engine batches, keeps order and pivots."""

import pytest

from workbench.translation.engines.argos import ArgosEngine
from workbench.translation.engines.base import Engine, EngineResult, TranslationUnavailable
from workbench.translation.engines.echo import EchoEngine

TEXTS = ["الثورة السورية", "", "لا بديل عن إسقاط الأسد", "   ", "صحيفة من العمال"]


@pytest.fixture(params=[ArgosEngine, EchoEngine], ids=["argos", "echo"])
def engine(request, installed) -> Engine:
    return request.param()


def test_engine_contract(engine):
    """An engine has a name, supports ar→en, returns one result per text in order, passes
    empty texts through, records its route, and raises TranslationUnavailable for ar→ar."""
    assert isinstance(engine, Engine) and engine.name
    assert engine.supports("ar", "en")
    assert not engine.supports("ar", "ar")
    results = engine.translate_batch(TEXTS, "ar", "en")
    assert len(results) == len(TEXTS)
    assert all(isinstance(r, EngineResult) and r.route.engine == engine.name for r in results)
    assert [r.text for r in results][1] == "" and results[3].text == "   "
    assert all(r.text.strip() for i, r in enumerate(results) if TEXTS[i].strip())
    assert engine.calls == 1 and engine.texts_translated == 3
    with pytest.raises(TranslationUnavailable):
        engine.translate_batch(["x"], "ar", "ar")


def test_echo_says_it_echoes(installed):
    """The development engine marks its output as an echo."""
    assert EchoEngine().translate_batch(["مرحبا"], "ar", "en")[0].text == "[echo] مرحبا"


def test_batch_equals_one_by_one(installed, seed_lines):
    """N texts in one batch give N outputs, each equal to translating that text alone."""
    texts = [line for line in seed_lines if line.strip()][:12]
    engine = ArgosEngine()
    batched = [r.text for r in engine.translate_batch(texts, "ar", "en")]
    alone = [engine.translate_batch([text], "ar", "en")[0].text for text in texts]
    assert batched == alone
    assert engine.calls == 1 + len(texts)


def test_routes_record_package_and_pivot(installed):
    """A direct pair names its package; fr→ar goes through English and records the pivot."""
    engine = ArgosEngine()
    direct = engine.route("ar", "en")
    assert (direct.package_code, direct.package_version, direct.pivot) == (
        "translate-ar_en",
        "1.0",
        "",
    )
    pivot = engine.route("fr", "ar")
    assert pivot.pivot == "en"
    assert pivot.package_code == "translate-fr_en+translate-en_ar"
    result = engine.translate_batch(["La révolution syrienne"], "fr", "ar")[0]
    first = engine.translate_batch(["La révolution syrienne"], "fr", "en")[0].text
    assert result.text == engine.translate_batch([first], "en", "ar")[0].text
    assert not engine.supports("de", "ar")


def test_pairs_list_installed_packages(installed):
    """The argos engine lists each installed package as a pair with its version."""
    pairs = {(p.source, p.target, p.package_version) for p in ArgosEngine().pairs()}
    assert pairs == {("ar", "en", "1.0"), ("en", "ar", "1.0"), ("fr", "en", "1.0")}
