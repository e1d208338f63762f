"""Build real argos packages (``.argosmodel``) with deterministic random weights.

The packages go through every real code path (SentencePiece, CTranslate2, argos metadata) but
translate into gibberish. Tests use a tiny shape; the benchmark uses the shape of argos's own
models.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

#: First code point of the Unicode Private Use Area, used for synthetic vocabulary pieces.
_PUA_START = 0xE000
#: Score given to synthetic pieces so that SentencePiece never prefers them when encoding.
_SYNTHETIC_SCORE = -1000.0


@dataclass(frozen=True)
class ModelShape:
    """Sizes of a Transformer model and its vocabulary."""

    encoder_layers: int
    decoder_layers: int
    d_model: int
    num_heads: int
    ffn: int
    vocab_size: int
    #: Growth of the ``</s>`` logit per decoding step; sets the typical output length.
    length_slope: float


#: Outputs of about 18 tokens on seed 004 (measured: 15 to 21).
TINY = ModelShape(
    encoder_layers=1,
    decoder_layers=1,
    d_model=16,
    num_heads=2,
    ffn=32,
    vocab_size=200,
    length_slope=0.2,
)
#: Outputs of about 36 tokens, as long as the seed sentences themselves.
REALISTIC = ModelShape(
    encoder_layers=6,
    decoder_layers=6,
    d_model=512,
    num_heads=8,
    ffn=2048,
    vocab_size=32000,
    length_slope=0.4,
)


#: Rows of the decoder position table; more than any decoding length the engine allows.
MAX_POSITIONS = 1024


def train_sentencepiece(lines: Iterable[str], *, vocab_size: int, seed: int = 0) -> bytes:
    """Train a unigram SentencePiece model and return the serialized model.

    If the text cannot support ``vocab_size`` pieces, the vocabulary is padded with synthetic
    pieces made of Private Use Area characters. They never occur in real text and carry a very
    low score, so encoding is unchanged while the vocabulary (and so the model) has full size.
    """
    import io

    import sentencepiece as spm
    from sentencepiece import sentencepiece_model_pb2

    sentences = [line.strip() for line in lines if line.strip()]
    buffer = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(sentences),
        model_writer=buffer,
        vocab_size=vocab_size,
        model_type="unigram",
        character_coverage=1.0,
        hard_vocab_limit=False,
        num_threads=1,
        minloglevel=2,
    )
    proto = sentencepiece_model_pb2.ModelProto()
    proto.ParseFromString(buffer.getvalue())
    existing = {piece.piece for piece in proto.pieces}
    code_point = _PUA_START
    while len(proto.pieces) < vocab_size:
        piece = chr(code_point)
        code_point += 1
        if piece in existing:
            continue
        new = proto.pieces.add()
        new.piece = piece
        new.score = _SYNTHETIC_SCORE
        new.type = sentencepiece_model_pb2.ModelProto.SentencePiece.NORMAL
    return proto.SerializeToString()


def _fill_weights(
    spec: object, shape: ModelShape, vocab: int, seed: int, length_slope: float, eos_bias: float
) -> None:
    """Fill every unset variable of a CTranslate2 Transformer spec with seeded random arrays."""
    rng = np.random.default_rng(seed)
    d = shape.d_model
    for name, value in sorted(spec.variables().items()):
        if value is not None:
            continue
        leaf = name.rsplit("/", 1)[-1]
        if leaf == "gamma":
            array = np.ones(d, dtype=np.float32)
        elif leaf == "beta":
            array = np.zeros(d, dtype=np.float32)
        elif "embeddings" in name or "projection" in name:
            array = rng.normal(0.0, d**-0.5, size=(vocab, d))
        elif "/ffn/linear_0" in name:
            array = rng.normal(0.0, d**-0.5, size=(shape.ffn, d))
        elif "/ffn/linear_1" in name:
            array = rng.normal(0.0, shape.ffn**-0.5, size=(d, shape.ffn))
        elif "self_attention/linear_0" in name:
            array = rng.normal(0.0, d**-0.5, size=(3 * d, d))
        elif "decoder" in name and "/attention/linear_1" in name:
            array = rng.normal(0.0, d**-0.5, size=(2 * d, d))
        else:
            array = rng.normal(0.0, d**-0.5, size=(d, d))
        _set_variable(spec, name, np.asarray(array, dtype=np.float32))
    _add_length_control(spec, d, vocab, length_slope, eos_bias)


def _add_length_control(
    spec: object, d: int, vocab: int, length_slope: float, eos_bias: float
) -> None:
    """Make ``</s>`` more likely at every decoding step, so random models end sentences.

    The last model dimension of the decoder becomes a pure position feature: learned position
    encodings (sinusoidal, plus ``length_slope * position`` in that dimension), and nothing else
    writes to it (embedding column and every decoder output projection row are zero). The
    output projection reads it only for ``</s>`` (piece 2 of a SentencePiece vocabulary), so the
    ``</s>`` logit grows with the position while the other logits stay random.
    """
    k = d - 1
    decoder = spec.decoder
    decoder.embeddings.weight[:, k] = 0.0
    for layer in decoder.layer:
        layer.self_attention.linear[1].weight[k, :] = 0.0
        layer.attention.linear[2].weight[k, :] = 0.0
        layer.ffn.linear_1.weight[k, :] = 0.0
    positions = np.arange(MAX_POSITIONS, dtype=np.float64)[:, None]
    rates = 1.0 / 10000.0 ** (np.arange(0, d, 2, dtype=np.float64) / d)
    table = np.zeros((MAX_POSITIONS, d), dtype=np.float64)
    table[:, 0::2] = np.sin(positions * rates)
    table[:, 1::2] = np.cos(positions * rates[: d // 2])
    table[:, k] = length_slope * positions[:, 0]
    decoder.position_encodings.encodings = table.astype(np.float32)
    projection = decoder.projection.weight
    projection[:, k] = 0.0
    projection[2, :] = 0.0
    projection[2, k] = 1.0
    bias = np.zeros(vocab, dtype=np.float32)
    bias[2] = eos_bias
    decoder.projection.bias = bias


def _set_variable(spec: object, name: str, array: np.ndarray) -> None:
    """Set the variable at a slash-separated spec path such as ``encoder/layer_0/ffn/...``."""
    node = spec
    parts = name.split("/")
    for part in parts[:-1]:
        base, _, index = part.rpartition("_")
        if index.isdigit() and isinstance(getattr(node, base, None), list):
            node = getattr(node, base)[int(index)]
        else:
            node = getattr(node, part)
    setattr(node, parts[-1], array)


def build_package(
    *,
    lines: Iterable[str],
    from_code: str,
    to_code: str,
    output: Path,
    shape: ModelShape = TINY,
    seed: int = 0,
    package_version: str = "1.0",
    length_slope: float | None = None,
    eos_bias: float = 0.0,
    from_name: str = "",
    to_name: str = "",
) -> Path:
    """Build an ``.argosmodel`` file at ``output`` and return its path.

    The same arguments always give the same weights (seeded numpy RNG). The ``</s>`` logit grows
    with every decoding step (``length_slope``, default from ``shape``; plus ``eos_bias``), so
    random weights still end sentences after a number of tokens instead of always running to
    the maximum decoding length. A constant ``</s>`` bias alone does not do this: measured on
    the realistic shape, outputs were either one token or the full 256.
    """
    import ctranslate2
    import sentencepiece as spm
    from ctranslate2.specs import TransformerSpec

    output = Path(output)
    sp_bytes = train_sentencepiece(lines, vocab_size=shape.vocab_size, seed=seed)
    processor = spm.SentencePieceProcessor(model_proto=sp_bytes)
    pieces = [processor.id_to_piece(i) for i in range(processor.get_piece_size())]
    if pieces[:3] != ["<unk>", "<s>", "</s>"]:
        raise ValueError(f"unexpected SentencePiece special pieces: {pieces[:3]!r}")

    spec = TransformerSpec.from_config(
        (shape.encoder_layers, shape.decoder_layers), shape.num_heads
    )
    slope = shape.length_slope if length_slope is None else length_slope
    _fill_weights(spec, shape, len(pieces), seed, slope, eos_bias)
    spec.register_source_vocabulary(pieces)
    spec.register_target_vocabulary(pieces)
    spec.validate()
    spec.optimize(quantization=None)

    folder_name = f"translate-{from_code}_{to_code}-{package_version.replace('.', '_')}"
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / folder_name
        (root / "model").mkdir(parents=True)
        spec.save(str(root / "model"))
        (root / "sentencepiece.model").write_bytes(sp_bytes)
        metadata = {
            "package_version": package_version,
            "argos_version": "1.9",
            "from_code": from_code,
            "to_code": to_code,
            "from_name": from_name or from_code,
            "to_name": to_name or to_code,
            "type": "translate",
            "ctranslate2_version": ctranslate2.__version__,
        }
        (root / "metadata.json").write_text(json.dumps(metadata, indent=2), encoding="utf-8")
        (root / "README.md").write_text(
            "Random-weight package for tests and benchmarks; its output is gibberish.\n",
            encoding="utf-8",
        )
        output.parent.mkdir(parents=True, exist_ok=True)
        partial = output.with_name(output.name + ".partial")
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(root.rglob("*")):
                archive.write(path, path.relative_to(Path(tmp)).as_posix())
        shutil.move(partial, output)
    return output
