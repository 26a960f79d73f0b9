"""Seeded random-weight Transformers written through ctranslate2's own converter path.

The test model of tools/build_test_model.py is trained (with torch); these are not:
their English is noise. They serve where only the shape matters, and need only numpy
and ctranslate2: the tiny BPE and NLLB-layout models the tests build at test time, and
bench/translate.py's model of the official package's size (transformer base).

    spec = transformer_spec(vocab, layers=(6, 6), d_model=512, heads=8, ffn=2048)
    save(spec, out_dir, quantization="int8")
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np


def transformer_spec(vocab: list[str], *, layers: tuple[int, int] = (1, 1), d_model: int = 16, heads: int = 2,
                     ffn: int = 32, seed: int = 9, eos_bias: float = 2.0, scale: float = 0.3) -> Any:
    """A pre-norm ReLU Transformer (shared embeddings and projection, sinusoidal positions,
    as Argos's OpenNMT models are) over `vocab`, which must hold "<unk>", "<s>" and "</s>".
    eos_bias favours "</s>": short outputs, where a test needs no long noise."""
    from ctranslate2.specs import common_spec
    from ctranslate2.specs import transformer_spec as ts

    d = d_model
    rng = np.random.default_rng(seed)

    def weights(*shape: int) -> np.ndarray:
        return (rng.standard_normal(shape) * scale).astype(np.float32)

    spec = ts.TransformerSpec.from_config(layers, heads, pre_norm=True, activation=common_spec.Activation.RELU)

    def dense(layer: Any, rows: int, cols: int) -> None:
        layer.weight, layer.bias = weights(rows, cols), weights(rows)

    def norm(layer: Any) -> None:
        layer.gamma, layer.beta = np.ones(d, np.float32), np.zeros(d, np.float32)

    def block(layer: Any, cross: bool) -> None:
        for attention in [layer.self_attention] + ([layer.attention] if cross else []):
            norm(attention.layer_norm)
            if attention is layer.self_attention:
                dense(attention.linear[0], 3 * d, d)
            else:
                dense(attention.linear[0], d, d)
                dense(attention.linear[1], 2 * d, d)
            dense(attention.linear[-1], d, d)
        norm(layer.ffn.layer_norm)
        dense(layer.ffn.linear_0, ffn, d)
        dense(layer.ffn.linear_1, d, ffn)

    embeddings = weights(len(vocab), d)
    spec.encoder.embeddings[0].weight = embeddings
    spec.decoder.embeddings.weight = embeddings
    norm(spec.encoder.layer_norm)
    norm(spec.decoder.layer_norm)
    for layer in spec.encoder.layer:
        block(layer, cross=False)
    for layer in spec.decoder.layer:
        block(layer, cross=True)
    spec.decoder.projection.weight = embeddings
    bias = np.zeros(len(vocab), np.float32)
    bias[vocab.index("</s>")] = eos_bias
    spec.decoder.projection.bias = bias
    spec.register_source_vocabulary(vocab)
    spec.register_target_vocabulary(vocab)
    return spec


def save(spec: Any, out_dir: Path, quantization: str | None = None) -> Path:
    """Write the spec as a CTranslate2 model directory with ctranslate2's Converter (which
    validates and quantizes as for any converted model)."""
    from ctranslate2.converters.converter import Converter

    class SpecConverter(Converter):  # type: ignore[misc]
        def _load(self) -> Any:
            return spec

    SpecConverter().convert(str(out_dir), quantization=quantization, force=True)
    return out_dir


def padded_vocabulary(pieces: list[str], size: int) -> list[str]:
    """pieces, then made-up tokens up to `size`: a real vocabulary's size for timing."""
    return [*pieces, *(f"<pad{i}>" for i in range(size - len(pieces)))]
