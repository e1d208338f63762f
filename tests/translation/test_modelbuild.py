"""The package builder makes deterministic, real argos packages."""

import zipfile

from tests.support.modelbuild import TINY, build_package, train_sentencepiece


def _model_bytes(path) -> bytes:
    with zipfile.ZipFile(path) as archive:
        name = next(n for n in archive.namelist() if n.endswith("model/model.bin"))
        return archive.read(name)


def test_same_arguments_give_same_weights(seed_lines, tmp_path):
    """Two builds with the same seed have byte-identical models; another seed differs."""
    kwargs = {"lines": seed_lines, "from_code": "ar", "to_code": "en", "shape": TINY}
    first = build_package(output=tmp_path / "a.argosmodel", seed=1, **kwargs)
    second = build_package(output=tmp_path / "b.argosmodel", seed=1, **kwargs)
    third = build_package(output=tmp_path / "c.argosmodel", seed=2, **kwargs)
    assert _model_bytes(first) == _model_bytes(second)
    assert _model_bytes(first) != _model_bytes(third)


def test_vocabulary_is_padded_to_the_requested_size(seed_lines):
    """When the text supports fewer pieces, synthetic pieces fill the vocabulary to size."""
    import sentencepiece as spm

    model = train_sentencepiece(seed_lines[:50], vocab_size=3000)
    processor = spm.SentencePieceProcessor(model_proto=model)
    assert processor.get_piece_size() == 3000
    pieces = processor.encode(seed_lines[20], out_type=str)
    assert processor.decode_pieces(pieces) == seed_lines[20].strip()
    assert not any("\ue000" <= ch <= "\uf8ff" for ch in "".join(pieces))


def test_random_model_ends_sentences(installed, seed_lines):
    """The random model stops on its own: outputs are short and never hit the length cap."""
    from workbench.translation.engines.argos import ArgosEngine

    engine = ArgosEngine()
    tokenizer = engine.tokenizer(engine._installed()[("ar", "en")])
    texts = [line for line in seed_lines if len(line.split()) > 5][:20]
    lengths = [len(tokenizer.encode(r.text)) for r in engine.translate_batch(texts, "ar", "en")]
    assert all(0 < length < 100 for length in lengths)


def test_model_builder_is_not_shipped_with_the_application():
    """Building random models is for tests and benchmarks: the workbench package has none."""
    import importlib.util

    assert importlib.util.find_spec("workbench.translation.modelbuild") is None
