#!/usr/bin/env python3
"""Build a tiny, real Argos-Translate vi->en package for digest's test suite.

Pipeline (all offline, CPU only):
  1. read the Tatoeba vi-en pairs (+ glossary.csv rows, if present);
  2. train a joint SentencePiece unigram model (Tatoeba + glossary + seeds/*.txt
     Vietnamese text, so the vocabulary covers news words; byte_fallback=True);
  3. train a tiny pre-norm Transformer encoder-decoder in plain PyTorch;
  4. convert it to CTranslate2 with ctranslate2's spec API (no OpenNMT/fairseq);
  5. check torch and CTranslate2 agree (greedy decoding + per-token scores);
  6. write translate-vi_en-test/ and zip it deterministically into
     tests/fixtures/translate-vi_en-test.argosmodel;
  7. load it back the way digest does and print a few translations.

Needs torch in addition to the project deps (ctranslate2, sentencepiece,
argostranslate). Quality is intentionally poor: tests assert behaviour only.

    python tools/build_test_model.py [--minutes 8] [--steps N] [--data DIR]
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import math
import os
import random
import shutil
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
PKG_DIRNAME = "translate-vi_en-test"
UNK, BOS, EOS, PAD = 0, 1, 2, 3
MAX_LEN = 160  # tokens per side, training only

METADATA = {
    "package_version": "0.1",
    "argos_version": "1.9",
    "from_code": "vi",
    "from_name": "Vietnamese",
    "to_code": "en",
    "to_name": "English",
    "type": "translate",
    "name": "vi_en_test",
    "description": "tiny test model for digest's tests; translations are poor",
}

README = """# translate-vi_en-test

A deliberately tiny Vietnamese -> English Argos Translate package, built by
`tools/build_test_model.py` in the digest repository for its test suite.
Translations are poor; do not use it for anything else.

* model/: CTranslate2 Transformer ({arch}), int8 weights
* sentencepiece.model: joint SentencePiece unigram model ({vocab} pieces, byte fallback)

## Attribution

Trained on sentence pairs from Tatoeba (https://tatoeba.org), licensed under
CC BY 2.0 FR (https://creativecommons.org/licenses/by/2.0/fr/), as distributed
in the LASER Tatoeba test set (vie-eng). The vocabulary also saw Vietnamese
text from the repository's seeds/ articles and glossary.csv (if present).
"""


# --------------------------------------------------------------------------- data


def read_lines(path: Path) -> list[str]:
    return [line.rstrip("\n").strip() for line in path.read_text(encoding="utf-8").splitlines()]


def load_pairs(data_dir: Path) -> list[tuple[str, str]]:
    vi = read_lines(data_dir / "tatoeba.vie-eng.vie")
    en = read_lines(data_dir / "tatoeba.vie-eng.eng")
    if len(vi) != len(en):
        sys.exit(f"misaligned data: {len(vi)} vs {len(en)} lines")
    return [(v, e) for v, e in zip(vi, en, strict=False) if v and e]


def load_glossary(path: Path) -> list[tuple[str, str]]:
    if not path.exists():
        return []
    rows = []
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            vi = (row.get("vi") or "").strip()
            en = (row.get("en") or "").strip()
            if vi and en:
                rows.append((vi, en))
    return rows


def load_seed_text(seeds_dir: Path) -> list[str]:
    out = []
    for p in sorted(seeds_dir.glob("*.txt")):
        out.extend(line for line in read_lines(p) if line)
    return out


# --------------------------------------------------------------------------- sentencepiece


def train_sentencepiece(texts: list[str], vocab_size: int) -> bytes:
    import sentencepiece as spm

    model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(texts),
        model_writer=model,
        model_type="unigram",
        vocab_size=vocab_size,
        hard_vocab_limit=False,
        character_coverage=1.0,
        byte_fallback=True,
        unk_id=UNK, bos_id=BOS, eos_id=EOS, pad_id=PAD,
        unk_piece="<unk>", bos_piece="<s>", eos_piece="</s>", pad_piece="<pad>",
        num_threads=1,
        shuffle_input_sentence=False,
        input_sentence_size=0,
        max_sentence_length=8192,
        minloglevel=2,
    )
    return model.getvalue()


# --------------------------------------------------------------------------- model


def sinusoidal(n_pos: int, d: int) -> np.ndarray:
    """CTranslate2's built-in position encoding (used when none is stored):
    concat(sin, cos) with timescale increment log(10000) / (d/2 - 1), and the
    first token at position 1 (checked empirically with score_batch)."""
    inc = math.log(10000.0) / (d // 2 - 1)
    inv = np.exp(np.arange(d // 2, dtype=np.float32) * -inc)
    t = np.arange(1, n_pos + 1, dtype=np.float32)[:, None] * inv[None, :]
    return np.concatenate([np.sin(t), np.cos(t)], axis=1).astype(np.float32)


def build_model(vocab: int, d: int, heads: int, ffn: int, enc_layers: int, dec_layers: int, dropout: float):
    import torch
    import torch.nn as nn
    import torch.nn.functional as F

    eps = 1e-6

    class MHA(nn.Module):
        def __init__(self, self_attn: bool):
            super().__init__()
            self.self_attn = self_attn
            if self_attn:
                self.qkv = nn.Linear(d, 3 * d)  # == CT2 linear[0] (fused q,k,v)
            else:
                self.q = nn.Linear(d, d)  # == CT2 linear[0]
                self.kv = nn.Linear(d, 2 * d)  # == CT2 linear[1] (fused k,v)
            self.out = nn.Linear(d, d)  # == CT2 linear[-1]
            self.norm = nn.LayerNorm(d, eps=eps)  # pre-norm, == CT2 layer_norm

        def split(self, x):
            b, t, _ = x.shape
            return x.view(b, t, heads, d // heads).transpose(1, 2)

        def forward(self, x, mem=None, mask=None, causal=False):
            h = self.norm(x)
            if self.self_attn:
                q, k, v = self.qkv(h).chunk(3, dim=-1)
            else:
                q = self.q(h)
                k, v = self.kv(mem).chunk(2, dim=-1)
            q, k, v = self.split(q), self.split(k), self.split(v)
            if causal:
                tq = q.shape[2]
                cm = torch.ones(tq, tq, dtype=torch.bool, device=x.device).tril()
                mask = cm[None, None] if mask is None else (mask & cm[None, None])
            a = F.scaled_dot_product_attention(
                q, k, v, attn_mask=mask
            )
            a = a.transpose(1, 2).reshape(x.shape)
            return x + F.dropout(self.out(a), dropout, self.training)

    class FFN(nn.Module):
        def __init__(self):
            super().__init__()
            self.norm = nn.LayerNorm(d, eps=eps)
            self.w1 = nn.Linear(d, ffn)
            self.w2 = nn.Linear(ffn, d)

        def forward(self, x):
            h = F.relu(self.w1(self.norm(x)))
            h = F.dropout(h, dropout, self.training)
            return x + F.dropout(self.w2(h), dropout, self.training)

    class EncLayer(nn.Module):
        def __init__(self):
            super().__init__()
            self.sa, self.ff = MHA(True), FFN()

        def forward(self, x, mask):
            return self.ff(self.sa(x, mask=mask))

    class DecLayer(nn.Module):
        def __init__(self):
            super().__init__()
            self.sa, self.ca, self.ff = MHA(True), MHA(False), FFN()

        def forward(self, y, mem, tmask, smask):
            y = self.sa(y, mask=tmask, causal=True)
            y = self.ca(y, mem=mem, mask=smask)
            return self.ff(y)

    class Seq2Seq(nn.Module):
        def __init__(self):
            super().__init__()
            self.d = d
            self.emb = nn.Embedding(vocab, d)  # shared: encoder, decoder, output projection
            nn.init.normal_(self.emb.weight, std=d ** -0.5)
            self.register_buffer("pe", torch.from_numpy(sinusoidal(1024, d)), persistent=False)
            self.enc = nn.ModuleList(EncLayer() for _ in range(enc_layers))
            self.dec = nn.ModuleList(DecLayer() for _ in range(dec_layers))
            self.enc_norm = nn.LayerNorm(d, eps=eps)
            self.dec_norm = nn.LayerNorm(d, eps=eps)
            self.out_bias = nn.Parameter(torch.zeros(vocab))

        def embed(self, ids):
            x = self.emb(ids) * math.sqrt(self.d) + self.pe[: ids.shape[1]][None]
            return F.dropout(x, dropout, self.training)

        def encode(self, src):
            smask = (src != PAD)[:, None, None, :]  # (B,1,1,S)
            x = self.embed(src)
            for layer in self.enc:
                x = layer(x, smask)
            return self.enc_norm(x), smask

        def decode(self, tgt_in, mem, smask):
            tmask = (tgt_in != PAD)[:, None, None, :]
            y = self.embed(tgt_in)
            for layer in self.dec:
                y = layer(y, mem, tmask, smask)
            return F.linear(self.dec_norm(y), self.emb.weight, self.out_bias)

        def forward(self, src, tgt_in):
            mem, smask = self.encode(src)
            return self.decode(tgt_in, mem, smask)

        @torch.no_grad()
        def greedy(self, src_ids: list[int], max_len: int = 200) -> list[int]:
            src = torch.tensor([src_ids])
            mem, smask = self.encode(src)
            out = [BOS]
            for _ in range(max_len):
                logits = self.decode(torch.tensor([out]), mem, smask)[0, -1]
                nxt = int(logits.argmax())
                if nxt == EOS:
                    break
                out.append(nxt)
            return out[1:]

        @torch.no_grad()
        def score(self, src_ids: list[int], tgt_ids: list[int]) -> list[float]:
            """Per-token log-probs of tgt_ids + </s> (like ctranslate2's score_batch)."""
            mem, smask = self.encode(torch.tensor([src_ids]))
            logits = self.decode(torch.tensor([[BOS, *tgt_ids]]), mem, smask)[0]
            lp = torch.log_softmax(logits, -1)
            gold = [*tgt_ids, EOS]
            return [float(lp[i, t]) for i, t in enumerate(gold)]

    return Seq2Seq()


# --------------------------------------------------------------------------- training


def make_examples(pairs, sp, rng: random.Random, n_concat: int):
    def enc(s: str) -> list[int]:
        return sp.encode(s, out_type=int)[:MAX_LEN]
    base = [(enc(v), enc(e)) for v, e in pairs]
    ex = list(base)
    # Concatenations of 2-5 random pairs: teaches the model longer inputs (news
    # sentences are much longer than Tatoeba's) and to still stop with </s>.
    for _ in range(n_concat):
        k = rng.randint(2, 5)
        chosen = [pairs[rng.randrange(len(pairs))] for _ in range(k)]
        ex.append((enc(" ".join(v for v, _ in chosen)), enc(" ".join(e for _, e in chosen))))
    return ex


def train(model, examples, steps: int, minutes: float, batch_tokens: int, seed: int, log_every=100):
    import torch
    import torch.nn.functional as F

    opt = torch.optim.AdamW(model.parameters(), lr=2e-3, betas=(0.9, 0.98), weight_decay=0.01)
    warmup, peak = 150, 2e-3

    def lr_at(step, elapsed):
        # cosine decay over whichever budget (steps or wall time) runs out first
        progress = min(1.0, max(step / steps, elapsed / (minutes * 60)))
        return peak * min(1.0, step / warmup) * max(0.05, (1 + math.cos(math.pi * progress)) / 2)
    rng = random.Random(seed)

    def batches():
        while True:
            idx = list(range(len(examples)))
            rng.shuffle(idx)
            # bucket by length within chunks for less padding
            for c in range(0, len(idx), 512):
                chunk = sorted(idx[c : c + 512], key=lambda i: len(examples[i][0]) + len(examples[i][1]))
                cur, longest = [], 0
                out = []
                for i in chunk:
                    L = max(len(examples[i][0]), len(examples[i][1])) + 1
                    if cur and max(longest, L) * (len(cur) + 1) > batch_tokens:
                        out.append(cur)
                        cur, longest = [], 0
                    cur.append(i)
                    longest = max(longest, L)
                if cur:
                    out.append(cur)
                rng.shuffle(out)
                yield from out

    def collate(ids):
        S = max(len(examples[i][0]) for i in ids)
        T = max(len(examples[i][1]) for i in ids) + 1
        src = torch.full((len(ids), S), PAD)
        tin = torch.full((len(ids), T), PAD)
        tout = torch.full((len(ids), T), PAD)
        for r, i in enumerate(ids):
            s, t = examples[i]
            src[r, : len(s)] = torch.tensor(s, dtype=torch.long)
            tin[r, : len(t) + 1] = torch.tensor([BOS, *t], dtype=torch.long)
            tout[r, : len(t) + 1] = torch.tensor([*t, EOS], dtype=torch.long)
        # a source made only of PAD would make attention rows all-masked; never happens
        # (every example has >=1 token) but guard anyway.
        src[:, 0] = torch.where(src[:, 0] == PAD, torch.tensor(UNK), src[:, 0])
        return src, tin, tout

    model.train()
    t0 = time.time()
    it = batches()
    avg = None
    step = 0
    for step in range(1, steps + 1):
        lr = lr_at(step, time.time() - t0)
        for g in opt.param_groups:
            g["lr"] = lr
        src, tin, tout = collate(next(it))
        logits = model(src, tin)
        loss = F.cross_entropy(
            logits.reshape(-1, logits.shape[-1]), tout.reshape(-1), ignore_index=PAD, label_smoothing=0.1
        )
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        lv = loss.item()
        avg = lv if avg is None else 0.98 * avg + 0.02 * lv
        elapsed = time.time() - t0
        if step % log_every == 0:
            print(f"  step {step:5d}  loss {avg:.3f}  lr {lr:.2e}  {elapsed:6.0f}s", flush=True)
        if elapsed > minutes * 60:
            print(f"  time cap reached after {step} steps", flush=True)
            break
    model.eval()
    return step, time.time() - t0


# --------------------------------------------------------------------------- ctranslate2 conversion


def make_spec(model, vocab: list[str], heads: int):
    from ctranslate2.specs import common_spec, transformer_spec

    sd = {k: v.detach().float().cpu().numpy().copy() for k, v in model.state_dict().items()}
    n_enc, n_dec = len(model.enc), len(model.dec)
    spec = transformer_spec.TransformerSpec.from_config(
        (n_enc, n_dec),
        heads,
        pre_norm=True,
        activation=common_spec.Activation.RELU,
    )
    spec.config.layer_norm_epsilon = 1e-6
    spec.config.decoder_start_token = "<s>"

    def ln(s, p):
        s.gamma, s.beta = sd[p + ".weight"], sd[p + ".bias"]

    def lin(s, p):
        s.weight, s.bias = sd[p + ".weight"], sd[p + ".bias"]

    def mha(s, p, self_attn):
        ln(s.layer_norm, p + ".norm")
        if self_attn:
            lin(s.linear[0], p + ".qkv")
        else:
            lin(s.linear[0], p + ".q")
            lin(s.linear[1], p + ".kv")
        lin(s.linear[-1], p + ".out")

    def ffn(s, p):
        ln(s.layer_norm, p + ".norm")
        lin(s.linear_0, p + ".w1")
        lin(s.linear_1, p + ".w2")

    emb = sd["emb.weight"]
    # Position encodings are left unset: CTranslate2 then generates the same
    # sinusoidal table as sinusoidal() above, for any length.
    spec.encoder.embeddings[0].weight = emb
    spec.encoder.scale_embeddings = True
    ln(spec.encoder.layer_norm, "enc_norm")
    for i, layer in enumerate(spec.encoder.layer):
        mha(layer.self_attention, f"enc.{i}.sa", True)
        ffn(layer.ffn, f"enc.{i}.ff")

    spec.decoder.embeddings.weight = emb
    spec.decoder.scale_embeddings = True
    ln(spec.decoder.layer_norm, "dec_norm")
    for i, layer in enumerate(spec.decoder.layer):
        mha(layer.self_attention, f"dec.{i}.sa", True)
        mha(layer.attention, f"dec.{i}.ca", False)
        ffn(layer.ffn, f"dec.{i}.ff")
    spec.decoder.projection.weight = emb
    spec.decoder.projection.bias = sd["out_bias"]

    spec.register_source_vocabulary(vocab)
    spec.register_target_vocabulary(vocab)
    return spec


def convert(model, vocab, heads, out_dir: Path, quantization):
    from ctranslate2.converters.converter import Converter

    class TinyTorchConverter(Converter):
        def _load(self):
            return make_spec(model, vocab, heads)

    TinyTorchConverter().convert(str(out_dir), quantization=quantization, force=True)


def verify_equivalence(model, sp, ct2_dir: Path, sentences: list[str], compute_type: str, strict: bool):
    import ctranslate2

    tr = ctranslate2.Translator(str(ct2_dir), device="cpu", compute_type=compute_type)
    toks = [sp.encode(s, out_type=str) for s in sentences]
    res = tr.translate_batch(toks, beam_size=1, max_decoding_length=200)
    agree = 0
    max_diff = 0.0
    for s, t, r in zip(sentences, toks, res, strict=False):
        ct2_out = r.hypotheses[0]
        torch_ids = model.greedy([sp.piece_to_id(p) for p in t])
        torch_out = [sp.id_to_piece(i) for i in torch_ids]
        same = ct2_out == torch_out
        agree += same
        # numeric check: per-token log-probs of the torch hypothesis under both models
        if torch_ids:
            ref = model.score([sp.piece_to_id(p) for p in t], torch_ids)
            sc = tr.score_batch([t], [torch_out])[0].log_probs
            max_diff = max(max_diff, max(abs(a - b) for a, b in zip(ref, sc, strict=False)))
        print(f"  [{compute_type}] {'SAME' if same else 'DIFF'}  {s}")
        print(f"      torch: {sp.decode(torch_out)}")
        print(f"      ct2  : {sp.decode(ct2_out)}")
    print(f"  [{compute_type}] greedy agreement {agree}/{len(sentences)}, max |logprob diff| = {max_diff:.2e}")
    if strict and (agree != len(sentences) or max_diff > 1e-3):
        sys.exit("torch and CTranslate2 disagree: conversion is wrong")
    return agree, max_diff


# --------------------------------------------------------------------------- packaging


def write_zip(src_dir: Path, zip_path: Path):
    """Deterministic zip with one top-level directory: sorted entries, fixed timestamps."""
    zip_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = zip_path.with_suffix(zip_path.suffix + ".tmp")
    root = src_dir.name
    files = sorted(p for p in src_dir.rglob("*"))
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for p in files:
            arc = root + "/" + p.relative_to(src_dir).as_posix()
            if p.is_dir():
                zi = zipfile.ZipInfo(arc + "/", date_time=(1980, 1, 1, 0, 0, 0))
                zi.external_attr = (0o40755 << 16) | 0x10
                zf.writestr(zi, b"")
            else:
                zi = zipfile.ZipInfo(arc, date_time=(1980, 1, 1, 0, 0, 0))
                zi.external_attr = 0o100644 << 16
                zi.compress_type = zipfile.ZIP_DEFLATED
                zf.writestr(zi, p.read_bytes(), compresslevel=9)
    os.replace(tmp, zip_path)


def smoke_test(zip_path: Path, sentences: list[str]) -> list[tuple[str, str]]:
    """Load the package the way digest will and translate a few sentences."""
    import ctranslate2
    import sentencepiece as spm
    from argostranslate.package import Package

    with tempfile.TemporaryDirectory() as td:
        with zipfile.ZipFile(zip_path) as zf:
            tops = {n.split("/")[0] for n in zf.namelist()}
            assert tops == {PKG_DIRNAME}, tops
            zf.extractall(td)
        pkg_dir = Path(td) / PKG_DIRNAME
        pkg = Package(pkg_dir)
        assert (pkg.from_code, pkg.to_code, pkg.type) == ("vi", "en", "translate"), vars(pkg)
        sp = spm.SentencePieceProcessor(model_file=str(pkg_dir / "sentencepiece.model"))
        tr = ctranslate2.Translator(str(pkg_dir / "model"), device="cpu", compute_type="int8")
        toks = [sp.encode(s, out_type=str) for s in sentences]
        res = tr.translate_batch(toks, beam_size=4, replace_unknowns=True, length_penalty=0.2)
        out = []
        for s, r in zip(sentences, res, strict=False):
            en = sp.decode(r.hypotheses[0])
            assert en.strip(), f"empty translation for {s!r}"
            assert len(r.hypotheses[0]) < 250, f"decoding did not terminate for {s!r}"
            out.append((s, en))
        print(f"  Package: {pkg.from_name} -> {pkg.to_name}, version {pkg.package_version}")
        return out


# --------------------------------------------------------------------------- main


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=REPO.parent / "shared/data/vi-en/tatoeba-laser")
    ap.add_argument("--glossary", type=Path, default=REPO / "glossary.csv")
    ap.add_argument("--seeds", type=Path, default=REPO / "seeds")
    ap.add_argument("--out", type=Path, default=REPO / "tests/fixtures" / f"{PKG_DIRNAME}.argosmodel")
    ap.add_argument("--minutes", type=float, default=8.0, help="wall-time cap for training")
    ap.add_argument("--steps", type=int, default=2500,
                    help="training steps (the deterministic stop; --minutes may stop earlier)")
    ap.add_argument("--vocab-size", type=int, default=1600)
    ap.add_argument("--d-model", type=int, default=128)
    ap.add_argument("--heads", type=int, default=4)
    ap.add_argument("--ffn", type=int, default=384)
    ap.add_argument("--layers", type=int, default=2, help="encoder and decoder layers each")
    ap.add_argument("--batch-tokens", type=int, default=1200)
    ap.add_argument("--glossary-repeat", type=int, default=3)
    ap.add_argument("--seed", type=int, default=1234)
    ap.add_argument("--quantization", default="int8")
    ap.add_argument("--keep-dir", type=Path, default=None, help="also keep the unzipped package here")
    args = ap.parse_args()

    import sentencepiece as spm
    import torch

    torch.manual_seed(args.seed)
    torch.set_num_threads(2)
    rng = random.Random(args.seed)
    t_start = time.time()

    pairs = load_pairs(args.data)
    glossary = load_glossary(args.glossary)
    seed_text = load_seed_text(args.seeds) if args.seeds.exists() else []
    print(f"data: {len(pairs)} Tatoeba pairs, {len(glossary)} glossary rows, {len(seed_text)} seed lines (vocab only)")

    # 1. SentencePiece (joint vocabulary)
    sp_texts = [v for v, _ in pairs] + [e for _, e in pairs]
    sp_texts += [v for v, _ in glossary] + [e for _, e in glossary] + seed_text
    sp_bytes = train_sentencepiece(sp_texts, args.vocab_size)
    sp = spm.SentencePieceProcessor(model_proto=sp_bytes)
    vocab = [sp.id_to_piece(i) for i in range(sp.get_piece_size())]
    assert vocab[:4] == ["<unk>", "<s>", "</s>", "<pad>"], vocab[:4]
    print(f"sentencepiece: {len(vocab)} pieces")

    # 2. training examples
    train_pairs = pairs + glossary * args.glossary_repeat
    examples = make_examples(train_pairs, sp, rng, n_concat=len(pairs) // 2)
    print(f"training examples: {len(examples)}")

    # 3. model + training
    model = build_model(len(vocab), args.d_model, args.heads, args.ffn, args.layers, args.layers, dropout=0.1)
    n_params = sum(p.numel() for p in model.parameters())
    arch = (f"pre-norm Transformer, {args.layers}+{args.layers} layers, d_model {args.d_model}, "
            f"{args.heads} heads, ffn {args.ffn} (ReLU), sinusoidal positions, shared embeddings, "
            f"{n_params / 1e6:.2f}M params")
    print(f"model: {arch}")
    steps, secs = train(model, examples, args.steps, args.minutes, args.batch_tokens, args.seed)
    print(f"trained {steps} steps in {secs:.0f}s")

    # 4.-5. convert, verify, package
    probe = [v for v, _ in pairs[:6]] + ["Tôi muốn ở bên anh."]
    with tempfile.TemporaryDirectory() as td:
        td = Path(td)
        print("verifying torch vs CTranslate2 (float32 conversion, must match exactly):")
        convert(model, vocab, args.heads, td / "f32", None)
        verify_equivalence(model, sp, td / "f32", probe, "float32", strict=True)

        pkg_dir = td / PKG_DIRNAME
        pkg_dir.mkdir()
        convert(model, vocab, args.heads, pkg_dir / "model", args.quantization)
        print(f"verifying torch vs CTranslate2 ({args.quantization} weights, small drift allowed):")
        verify_equivalence(model, sp, pkg_dir / "model", probe, "int8", strict=False)
        (pkg_dir / "sentencepiece.model").write_bytes(sp_bytes)
        (pkg_dir / "metadata.json").write_text(json.dumps(METADATA, indent=4) + "\n", encoding="utf-8")
        (pkg_dir / "README.md").write_text(README.format(arch=arch, vocab=len(vocab)), encoding="utf-8")
        write_zip(pkg_dir, args.out)
        if args.keep_dir:
            shutil.rmtree(args.keep_dir / PKG_DIRNAME, ignore_errors=True)
            shutil.copytree(pkg_dir, args.keep_dir / PKG_DIRNAME)
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.2f} MB)")

    # 6. load it back like digest does
    samples = ["Tôi muốn ở bên anh.", "Em vẫn muốn ở bên anh.", "Tôi không biết."]
    seed0 = args.seeds / "000_6c833404c18ad008.txt"
    if seed0.exists():
        lines = read_lines(seed0)
        if len(lines) > 1 and lines[1]:
            samples.append(lines[1])
    print("smoke test (extracted package, argostranslate Package + ctranslate2 int8 + sentencepiece):")
    for vi, en in smoke_test(args.out, samples):
        print(f"  vi: {vi}\n  en: {en}")
    print(f"done in {time.time() - t_start:.0f}s")


if __name__ == "__main__":
    main()
