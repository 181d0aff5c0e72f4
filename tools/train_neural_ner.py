"""Train the character BiLSTM-CRF NER tagger (:mod:`zhfacts.ner.neural`).

Needs PyTorch (``pip install torch``; not a dependency of zhfacts: tagging
runs the exported weights with numpy). Reads the same training heads as
``tools/train_ner.py`` (``tools/ner_corpora.py``: MSRA train, CLUENER2020
train and Weibo NER train from ``shared/corpora``, mapped to PER/LOC/ORG/GOV)
and the same inputs the tagger reads (``zhfacts.ner.features.lay_out``), and
writes ``OUT.npz`` (weights and vocabularies, plain arrays) and ``OUT.json``
(provenance). After each epoch the exported model is scored on ``msra-dev``
and ``cluener-dev`` with the numpy tagger; the epoch with the best mean of the
two is kept (dev splits only: never a test set).

    python tools/train_neural_ner.py --holdout 0.1 --out /tmp/ner_runs/lstm1/m.npz
    python tools/train_neural_ner.py --out src/zhfacts/data/ner/zh-ner-lstm.npz
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import random
import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy

sys.path.insert(0, str(Path(__file__).resolve().parent))

from ner_corpora import dev_sets, train_sets  # noqa: E402

from zhfacts.ner.crf import viterbi  # noqa: E402
from zhfacts.ner.features import lay_out, split_chunks  # noqa: E402
from zhfacts.ner.model import decode_bio  # noqa: E402
from zhfacts.ner.neural import (  # noqa: E402
    CLASSES,
    FLAGS,
    GROUPS,
    POSITIONS,
    TYPES,
    BiLstmCrf,
    Vocabulary,
    encode,
)

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora"

Chunk = tuple[dict[str, numpy.ndarray], list[str]]


def layouts(sentences: Sequence[tuple[str, list[str]]]) -> list[tuple[Any, list[tuple[int, int]],
                                                                     list[str], str]]:
    """Each sentence laid out as the tagger lays out a text."""
    out = []
    for text, tags in sentences:
        bounds = split_chunks(text)
        if bounds:
            out.append((lay_out(text, bounds, GROUPS), bounds, tags, text))
    return out


def build_vocabulary(laid: list[Any], min_bigram: int, max_bigrams: int, min_word: int,
                     max_words: int) -> tuple[list[str], list[str], list[str]]:
    chars: Counter[str] = Counter()
    bigrams: Counter[str] = Counter()
    words: Counter[str] = Counter()
    for layout, _, _, _ in laid:
        padded = layout.sources["char"]
        chars.update(padded)
        bigrams.update(padded[j:j + 2] for j in range(len(padded) - 1))
        words.update(w.rpartition("/")[0] for w in layout.sources["word"] if w)
    char_list = ["<unk>"] + sorted(chars)
    bigram_list = ["<unk>"] + [b for b, n in bigrams.most_common(max_bigrams) if n >= min_bigram]
    word_list = ["<unk>"] + [w for w, n in words.most_common(max_words) if n >= min_word and w]
    return char_list, bigram_list, word_list


def chunks_of(laid: list[Any], vocab: Vocabulary) -> list[Chunk]:
    """Per chunk of every sentence: its input arrays and gold tags."""
    out: list[Chunk] = []
    for layout, bounds, tags, _ in laid:
        enc = encode(layout, vocab)
        at = 0
        for s, e in bounds:
            lo, hi = at + 2, at + 2 + e - s
            out.append(({name: getattr(enc, name)[lo:hi] for name in (
                "chars", "left_bigrams", "right_bigrams", "words", "positions", "classes",
                "types", "flags")}, tags[s:e]))
            at += e - s + 4
    return out


def build_net(sizes: dict[str, int], labels: int, hidden: int, dims: dict[str, int],
              dropout: float) -> Any:
    import torch
    from torch import nn

    class Net(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.emb = nn.ModuleDict({name: nn.Embedding(sizes[name], dims[name])
                                      for name in ("chars", "bigrams", "words", "positions",
                                                   "classes", "types")})
            width = (dims["chars"] + 2 * dims["bigrams"] + dims["words"] + dims["positions"]
                     + dims["classes"] + dims["types"] + len(FLAGS))
            self.drop = nn.Dropout(dropout)
            self.lstm = nn.LSTM(width, hidden, batch_first=True, bidirectional=True)
            self.out = nn.Linear(2 * hidden, labels)
            self.transitions = nn.Parameter(torch.zeros(labels, labels))

        def emissions(self, batch: dict[str, Any], lengths: Any) -> Any:
            e = self.emb
            x = torch.cat([e["chars"](batch["chars"]), e["bigrams"](batch["left_bigrams"]),
                           e["bigrams"](batch["right_bigrams"]), e["words"](batch["words"]),
                           e["positions"](batch["positions"]), e["classes"](batch["classes"]),
                           e["types"](batch["types"]), batch["flags"]], dim=-1)
            x = self.drop(x)
            packed = nn.utils.rnn.pack_padded_sequence(x, lengths, batch_first=True,
                                                       enforce_sorted=True)
            h, _ = self.lstm(packed)
            h, _ = nn.utils.rnn.pad_packed_sequence(h, batch_first=True)
            return self.out(self.drop(h))

        def loss(self, batch: dict[str, Any], lengths: Any, tags: Any, mask: Any) -> Any:
            em = self.emissions(batch, lengths)
            trans = self.transitions
            size, steps = tags.shape
            rows = torch.arange(size)
            gold = em[rows, 0, tags[:, 0]]
            alpha = em[:, 0]
            for t in range(1, steps):
                m = mask[:, t]
                gold = gold + (em[rows, t, tags[:, t]] + trans[tags[:, t - 1], tags[:, t]]) * m
                nxt = torch.logsumexp(alpha.unsqueeze(2) + trans.unsqueeze(0), dim=1) + em[:, t]
                alpha = torch.where(m.unsqueeze(1) > 0, nxt, alpha)
            return (torch.logsumexp(alpha, dim=1) - gold).sum()

    return Net()


def to_batch(items: list[Chunk], label_ids: dict[str, int]) -> tuple[dict[str, Any], Any, Any, Any]:
    import torch
    items = sorted(items, key=lambda c: -len(c[1]))
    lengths = [len(tags) for _, tags in items]
    steps = lengths[0]
    batch: dict[str, Any] = {}
    for name in ("chars", "left_bigrams", "right_bigrams", "words", "positions", "classes",
                 "types"):
        arr = numpy.zeros((len(items), steps), numpy.int64)
        for k, (x, _) in enumerate(items):
            arr[k, :lengths[k]] = x[name]
        batch[name] = torch.from_numpy(arr)
    flags = numpy.zeros((len(items), steps, len(FLAGS)), numpy.float32)
    tags = numpy.zeros((len(items), steps), numpy.int64)
    mask = numpy.zeros((len(items), steps), numpy.float32)
    for k, (x, t) in enumerate(items):
        flags[k, :lengths[k]] = x["flags"]
        tags[k, :lengths[k]] = [label_ids[tag] for tag in t]
        mask[k, :lengths[k]] = 1
    batch["flags"] = torch.from_numpy(flags)
    return batch, torch.tensor(lengths), torch.from_numpy(tags), torch.from_numpy(mask)


def export(net: Any, vocab_lists: tuple[list[str], list[str], list[str]], labels: list[str],
           hidden: int) -> dict[str, numpy.ndarray]:
    sd = {k: v.detach().numpy() for k, v in net.state_dict().items()}
    arrays = {f"emb_{name}": sd[f"emb.{name}.weight"].astype(numpy.float32)
              for name in ("chars", "bigrams", "words", "positions", "classes", "types")}
    for d, suffix in (("fw", ""), ("bw", "_reverse")):
        arrays[f"{d}_w_ih"] = sd[f"lstm.weight_ih_l0{suffix}"]
        arrays[f"{d}_w_hh"] = sd[f"lstm.weight_hh_l0{suffix}"]
        arrays[f"{d}_b"] = sd[f"lstm.bias_ih_l0{suffix}"] + sd[f"lstm.bias_hh_l0{suffix}"]
    arrays["out_w"] = sd["out.weight"]
    arrays["out_b"] = sd["out.bias"]
    arrays["transitions"] = sd["transitions"].astype(numpy.float64)
    arrays["hidden"] = numpy.array(hidden)
    arrays["labels"] = numpy.array(labels)
    chars, bigrams, words = vocab_lists
    arrays["vocab_chars"] = numpy.array(chars)
    arrays["vocab_bigrams"] = numpy.array(bigrams)
    arrays["vocab_words"] = numpy.array(words)
    return arrays


def tag_texts(model: BiLstmCrf, vocab: Vocabulary, laid: list[Any]
              ) -> list[set[tuple[int, int, str]]]:
    out = []
    for layout, bounds, _, text in laid:
        enc = encode(layout, vocab)
        starts, at = [], 0
        for s, e in bounds:
            starts.append(at + 2)
            at += e - s + 4
        lengths = [e - s for s, e in bounds]
        scores = model.scores(enc, starts, lengths)
        spans = set()
        for (s, _), path in zip(bounds, viterbi(scores, starts, lengths, model.transitions),
                                strict=True):
            for a, b, kind in decode_bio([model.labels[t] for t in path]):
                while a < b and text[s + a].isspace():
                    a += 1
                while b > a and text[s + b - 1].isspace():
                    b -= 1
                if a < b:
                    spans.add((s + a, s + b, kind))
        out.append(spans)
    return out


def score_coarse(found: list[set[tuple[int, int, str]]], laid: list[Any]) -> dict[str, float]:
    tp = fp = fn = 0
    fold = {"GOV": "ORG"}
    for spans, (_, _, tags, _) in zip(found, laid, strict=True):
        gold = {(a, b, fold.get(k, k)) for a, b, k in decode_bio(tags)}
        pred = {(a, b, fold.get(k, k)) for a, b, k in spans}
        tp += len(gold & pred)
        fp += len(pred - gold)
        fn += len(gold - pred)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = round(2 * p * r / (p + r), 4) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": f1}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--holdout", type=float, default=0.0,
                    help="leave out the dev tails (0.1: msra-dev is unseen)")
    ap.add_argument("--extra-corpus", default="cluener,weibo")
    ap.add_argument("--epochs", type=int, default=8)
    ap.add_argument("--hidden", type=int, default=150)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--lr", type=float, default=2e-3)
    ap.add_argument("--dropout", type=float, default=0.4)
    ap.add_argument("--max-bigrams", type=int, default=80_000)
    ap.add_argument("--max-words", type=int, default=40_000)
    ap.add_argument("--limit", type=int, default=0, help="first N training sentences (smoke test)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--time-budget", type=float, default=0.0, help="stop after this many minutes")
    args = ap.parse_args(argv)

    import torch
    torch.manual_seed(args.seed)
    random.seed(args.seed)
    torch.set_num_threads(2)
    started = time.time()
    extra = [x for x in args.extra_corpus.split(",") if x]
    sets = train_sets(args.corpus, extra, fraction=args.holdout)
    sentences = [s for name in sets for s in sets[name]]
    if args.limit:
        sentences = sentences[:args.limit]
    laid = layouts(sentences)
    vocab_lists = build_vocabulary(laid, 2, args.max_bigrams, 2, args.max_words)
    vocab = Vocabulary.from_lists(*vocab_lists)
    chunks = [c for c in chunks_of(laid, vocab) if c[1]]
    labels = sorted({t for _, tags in chunks for t in tags}, key=lambda t: (t != "O", t))
    label_ids = {t: i for i, t in enumerate(labels)}
    del laid
    dev_sentences = dev_sets(args.corpus, ("msra-dev", "cluener-dev"))
    dev = {name: layouts(s) for name, s in dev_sentences.items()}
    if args.limit:
        dev = {name: d[:500] for name, d in dev.items()}
    print(f"{len(sentences)} sentences, {len(chunks)} chunks, vocab "
          f"{[len(v) for v in vocab_lists]}, labels {labels}, prep {time.time() - started:.0f}s",
          flush=True)
    dims = {"chars": 100, "bigrams": 50, "words": 50, "positions": 8, "classes": 8, "types": 8}
    sizes = {"chars": len(vocab_lists[0]), "bigrams": len(vocab_lists[1]),
             "words": len(vocab_lists[2]), "positions": len(POSITIONS), "classes": len(CLASSES),
             "types": len(TYPES)}
    net = build_net(sizes, len(labels), args.hidden, dims, args.dropout)
    opt = torch.optim.Adam(net.parameters(), lr=args.lr)
    by_length = sorted(range(len(chunks)), key=lambda k: len(chunks[k][1]))
    batches = [by_length[i:i + args.batch] for i in range(0, len(by_length), args.batch)]
    best: tuple[float, dict[str, numpy.ndarray], dict[str, Any]] | None = None
    history = []
    for epoch in range(1, args.epochs + 1):
        net.train()
        random.shuffle(batches)
        total = 0.0
        t0 = time.time()
        for b, ids in enumerate(batches):
            batch, lengths, tags, mask = to_batch([chunks[k] for k in ids], label_ids)
            opt.zero_grad()
            loss = net.loss(batch, lengths, tags, mask)
            (loss / len(ids)).backward()
            torch.nn.utils.clip_grad_norm_(net.parameters(), 5.0)
            opt.step()
            total += float(loss.detach())
            if b % 500 == 0:
                average = total / (b + 1) / args.batch
                print(f"  epoch {epoch} batch {b}/{len(batches)} loss {average:.3f}"
                      f" {time.time() - t0:.0f}s", flush=True)
        for group in opt.param_groups:
            group["lr"] *= 0.8
        net.eval()
        arrays = export(net, vocab_lists, labels, args.hidden)
        model = BiLstmCrf(arrays)
        scores = {name: score_coarse(tag_texts(model, vocab, d), d) for name, d in dev.items()}
        mean = sum(s["f1"] for s in scores.values()) / len(scores)
        history.append({"epoch": epoch, "loss": round(total / len(chunks), 4), "dev": scores,
                        "minutes": round((time.time() - started) / 60, 1)})
        print(f"epoch {epoch}: {history[-1]}", flush=True)
        if best is None or mean > best[0]:
            best = (mean, arrays, {"epoch": epoch, "dev": scores})
        if args.time_budget and time.time() - started > args.time_budget * 60:
            break
    assert best is not None
    args.out.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    numpy.savez_compressed(buffer, **{k: (v.astype(numpy.float16) if v.dtype == numpy.float32
                                          and k.startswith("emb_") else v)
                                      for k, v in best[1].items()})
    args.out.write_bytes(buffer.getvalue())
    info = {
        "model": args.out.name, "kind": "bilstm-crf", "command": " ".join(sys.argv),
        "date": time.strftime("%Y-%m-%d"), "holdout": args.holdout, "extra_corpora": extra,
        "sentences": len(sentences), "chunks": len(chunks), "labels": labels,
        "vocabulary": {"chars": len(vocab_lists[0]), "bigrams": len(vocab_lists[1]),
                       "words": len(vocab_lists[2])},
        "dims": dims, "hidden": args.hidden, "dropout": args.dropout, "lr": args.lr,
        "batch": args.batch, "seed": args.seed, "torch": torch.__version__,
        "chosen": best[2], "history": history,
        "minutes": round((time.time() - started) / 60, 1),
        "size_bytes": args.out.stat().st_size,
        "sha256": hashlib.sha256(args.out.read_bytes()).hexdigest(),
    }
    args.out.with_suffix(".json").write_text(json.dumps(info, ensure_ascii=False, indent=2) + "\n",
                                             encoding="utf-8")
    print(json.dumps(best[2]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
