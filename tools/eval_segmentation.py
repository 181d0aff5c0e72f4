"""Word segmentation scores and speed on SIGHAN 2005 (PKU and MSR test gold).

    python tools/eval_segmentation.py                      # all systems, both corpora
    python tools/eval_segmentation.py --markdown --pipeline   # the tables of docs/segmentation.md
    python tools/eval_segmentation.py --user-dict words.txt --systems pkuseg+dict
    python tools/eval_segmentation.py --dict-levels province,city,county,town --systems pkuseg+dict

Systems: ``char`` (spaCy's character segmenter; it has no words, so no user
dictionary applies), ``jieba`` (spaCy's jieba segmenter), ``pkuseg`` (the
cached default model, ``zhfacts setup pkuseg``, without a user dictionary),
``pkuseg-nopost`` (the model's cut alone, without pkuseg's default
post-processing dictionary), and ``jieba+dict`` / ``pkuseg+dict`` with
zhfacts' user dictionary (``zhfacts.pipeline.segmentation.default_user_dict``: the
gazetteer's names at ``--dict-levels``, the short forms at
``--dict-short-levels``, and the GOV body words unless ``--no-dict-bodies``;
``pkuseg+dict`` is what ``make_nlp("pkuseg")`` builds by default). ``--user-dict
FILE`` (one word per line) replaces those words (no vetoes, no bare levels).

Scoring is the standard one (SIGHAN's score script): every word is a
character interval of its sentence; precision and recall count the intervals
shared by the system and the gold, micro-averaged over the corpus. OOV recall
is recall over gold words absent from the corpus's training word list.
Speed is input characters per second through the spaCy tokenizer (a ``Doc``
per sentence), single process, after load and a warm-up, median of
``--passes`` passes; each system runs in its own process, so load time and
resident memory (RSS growth from before spaCy's import) are its own.

``--pipeline`` also times the whole zhfacts pipeline with each segmenter
(the components of ``zhfacts.load``, through ``zhfacts.extract``) over the
PKU test text joined into documents of about ``--doc-chars`` characters.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import resource
import statistics
import sys
import time
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SIGHAN = ROOT.parent / "shared" / "corpora" / "sighan2005"
CORPORA = ("pku", "msr")
SYSTEMS = ("char", "jieba", "jieba+dict", "pkuseg", "pkuseg+dict", "pkuseg-nopost")


@dataclass
class Score:
    system: str
    corpus: str
    gold: int = 0
    predicted: int = 0
    correct: int = 0
    oov: int = 0
    oov_correct: int = 0
    chars: int = 0
    seconds: float = 0.0
    mismatched: int = 0

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.correct / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def oov_recall(self) -> float:
        return self.oov_correct / self.oov if self.oov else 0.0

    @property
    def speed(self) -> float:
        return self.chars / self.seconds if self.seconds else 0.0


def spans(words: Iterable[str]) -> list[tuple[int, int, str]]:
    """Character intervals of the words over the text without whitespace."""
    out, start = [], 0
    for word in words:
        word = "".join(word.split())
        if word:
            out.append((start, start + len(word), word))
            start += len(word)
    return out


def read_lines(path: Path) -> list[str]:
    return [line.rstrip("\r\n") for line in path.read_text(encoding="utf-8-sig").split("\n")]


def load_corpus(sighan: Path, corpus: str) -> tuple[list[str], list[list[str]], set[str]]:
    raw = read_lines(sighan / "testing" / f"{corpus}_test.utf8")
    gold = read_lines(sighan / "gold" / f"{corpus}_test_gold.utf8")
    if len(raw) != len(gold):
        raise SystemExit(f"{corpus}: {len(raw)} input lines but {len(gold)} gold lines")
    training = sighan / "gold" / f"{corpus}_training_words.utf8"
    known = {w.strip() for w in read_lines(training)} if training.is_file() else set()
    return raw, [line.split() for line in gold], known


def rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


@dataclass
class DictOptions:
    """Which zhfacts user dictionary the +dict systems get."""

    file: str | None = None
    levels: tuple[str, ...] = ("province", "city", "county")
    short_form_levels: tuple[str, ...] = ("province", "city")
    bodies: bool = True


def documents(lines: list[str], size: int) -> list[str]:
    """Consecutive sentences joined into documents of at least ``size`` characters."""
    docs, current = [], ""
    for line in lines:
        current += line.strip()
        if len(current) >= size:
            docs.append(current)
            current = ""
    return docs + ([current] if current else [])


def run_system(system: str, sighan: str, corpora: list[str], options: DictOptions,
               cache: str | None, limit: int | None, passes: int,
               pipeline_chars: int | None) -> dict[str, Any]:
    """Load one system and score it on the corpora (runs in its own process)."""
    from zhfacts.pipeline.segmentation import (
        UserDictionary,
        default_user_dict,
        make_nlp,
        make_pkuseg_nlp,
        pkuseg_model_dir,
        read_user_dict,
    )

    before = rss_mb()
    started = time.perf_counter()
    dictionary: UserDictionary | bool = False
    if system.endswith("+dict"):
        dictionary = UserDictionary(tuple(read_user_dict(options.file))) if options.file \
            else default_user_dict(options.levels, options.short_form_levels,
                                   bodies=options.bodies)
    segmenter = system.split("+")[0].split("-")[0]
    model = pkuseg_model_dir(cache) if segmenter == "pkuseg" else None
    if system == "pkuseg-nopost":
        nlp = make_pkuseg_nlp(model, postprocess=False, user_dict=False)
    else:
        nlp = make_nlp(segmenter, model_path=model, user_dict=dictionary)
    nlp.make_doc("国务院常务会议研究部署2024年重点工作。")  # warm-up (jieba builds its cache)
    load = time.perf_counter() - started
    memory = rss_mb() - before
    scores = []
    for corpus in corpora:
        raw, gold, known = load_corpus(Path(sighan), corpus)
        if limit:
            raw, gold = raw[:limit], gold[:limit]
        score = Score(system, corpus)
        times = []
        for _ in range(passes):
            started = time.perf_counter()
            docs = [nlp.make_doc(line) for line in raw]
            times.append(time.perf_counter() - started)
        score.seconds = statistics.median(times)
        score.chars = sum(len(line) for line in raw)
        for doc, words in zip(docs, gold, strict=True):
            gold_spans = spans(words)
            predicted = spans(token.text for token in doc)
            if "".join(w for *_, w in gold_spans) != "".join(w for *_, w in predicted):
                score.mismatched += 1
            hits = set(gold_spans) & set(predicted)
            score.gold += len(gold_spans)
            score.predicted += len(predicted)
            score.correct += len(hits)
            for span in gold_spans:
                if span[2] not in known:
                    score.oov += 1
                    score.oov_correct += span in hits
        scores.append(asdict(score))
    pipeline = None
    if pipeline_chars:
        pipeline = time_pipeline(nlp, Path(sighan), pipeline_chars, limit, passes)
    return {"system": system, "load": load, "memory": memory, "scores": scores,
            "user_words": len(dictionary) if isinstance(dictionary, UserDictionary) else 0,
            "pipeline": pipeline,
            "peak": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def time_pipeline(nlp: Any, sighan: Path, size: int, limit: int | None, passes: int
                  ) -> dict[str, float]:
    """chars/s of ``zhfacts.extract`` with this tokenizer and ``zhfacts.load``'s components."""
    from zhfacts import extract

    nlp.add_pipe("zhfacts_entities")
    nlp.add_pipe("zhfacts_figures")
    raw = read_lines(sighan / "testing" / "pku_test.utf8")
    docs = documents(raw[:limit] if limit else raw, size)
    for text in docs[:3]:  # warm-up
        extract(text, nlp=nlp)
    times = []
    for _ in range(passes):
        started = time.perf_counter()
        for text in docs:
            extract(text, nlp=nlp)
        times.append(time.perf_counter() - started)
    chars = sum(len(text) for text in docs)
    return {"docs": len(docs), "chars": chars, "seconds": statistics.median(times),
            "speed": chars / statistics.median(times)}


def table(results: list[dict[str, Any]], markdown: bool) -> str:
    header = ("system", "corpus", "P", "R", "F1", "OOV R", "chars/s", "load s", "RSS MB")
    rows: list[tuple[str, ...]] = [header]
    for result in results:
        for raw in result["scores"]:
            score = Score(**raw)
            rows.append((score.system, score.corpus.upper(), f"{score.precision:.4f}",
                         f"{score.recall:.4f}", f"{score.f1:.4f}", f"{score.oov_recall:.4f}",
                         f"{score.speed:,.0f}", f"{result['load']:.1f}",
                         f"{result['memory']:,.0f}"))
    text = render(rows, markdown, left=2)
    timed = [r for r in results if r.get("pipeline")]
    if timed:
        pipeline_rows: list[tuple[str, ...]] = [("system", "docs", "chars", "extract chars/s")]
        pipeline_rows += [(r["system"], str(r["pipeline"]["docs"]), f"{r['pipeline']['chars']:,}",
                           f"{r['pipeline']['speed']:,.0f}") for r in timed]
        text += "\n\n" + render(pipeline_rows, markdown)
    return text


def render(rows: list[tuple[str, ...]], markdown: bool, left: int = 1) -> str:
    if markdown:
        lines = ["| " + " | ".join(rows[0]) + " |",
                 "|" + "|".join(["---"] * left + ["---:"] * (len(rows[0]) - left)) + "|"]
        lines += ["| " + " | ".join(row) + " |" for row in rows[1:]]
        return "\n".join(lines)
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True))
                     for row in rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sighan", default=str(DEFAULT_SIGHAN),
                        help="SIGHAN 2005 directory with gold/ and testing/ "
                             "(default: ../shared/corpora/sighan2005 from the repository root)")
    parser.add_argument("--systems", default=",".join(SYSTEMS),
                        help=f"comma-separated, from {','.join(SYSTEMS)}")
    parser.add_argument("--corpora", default=",".join(CORPORA), help="pku,msr")
    parser.add_argument("--user-dict", metavar="FILE",
                        help="words of the +dict systems instead of zhfacts' user dictionary "
                             "(one word per line)")
    parser.add_argument("--dict-levels", default="province,city,county",
                        help="gazetteer levels in zhfacts' user dictionary, comma-separated "
                             "from province,city,county,town,village; '' for none "
                             "(default province,city,county)")
    parser.add_argument("--dict-short-levels", default="province,city",
                        help="levels whose short forms (河南, 商丘) are in the dictionary; "
                             "'' for none (default province,city)")
    parser.add_argument("--no-dict-bodies", action="store_true",
                        help="leave the GOV body words (民政局, 财政厅) out of the dictionary")
    parser.add_argument("--cache", help="zhfacts cache root (default: $ZHFACTS_CACHE or "
                                        "~/.cache/zhfacts)")
    parser.add_argument("--limit", type=int, help="first N sentences of each corpus only")
    parser.add_argument("--passes", type=int, default=3,
                        help="timed passes per corpus; the median counts (default 3)")
    parser.add_argument("--pipeline", action="store_true",
                        help="also time zhfacts.extract with each segmenter")
    parser.add_argument("--doc-chars", type=int, default=600,
                        help="document size for --pipeline (default 600)")
    parser.add_argument("--markdown", action="store_true", help="print Markdown tables")
    parser.add_argument("--json", metavar="FILE", help="also write the raw results as JSON")
    args = parser.parse_args(argv)

    sighan = Path(args.sighan)
    if not (sighan / "gold").is_dir():
        parser.error(f"no SIGHAN 2005 corpus at {sighan}")
    systems = [s for s in args.systems.split(",") if s]
    corpora = [c for c in args.corpora.split(",") if c]
    if unknown := set(systems) - set(SYSTEMS) or set(corpora) - set(CORPORA):
        parser.error(f"unknown system or corpus: {', '.join(sorted(unknown))}")
    levels = tuple(level for level in args.dict_levels.split(",") if level)
    short_levels = tuple(level for level in args.dict_short_levels.split(",") if level)
    if bad := set(levels + short_levels) - {"province", "city", "county", "town", "village"}:
        parser.error(f"unknown level: {', '.join(sorted(bad))}")
    options = DictOptions(args.user_dict, levels, short_levels, not args.no_dict_bodies)

    results = []
    context = multiprocessing.get_context("spawn")
    for system in systems:
        print(f"... {system}", file=sys.stderr, flush=True)
        with context.Pool(1) as pool:
            results.append(pool.apply(run_system, (
                system, str(sighan), corpora, options, args.cache, args.limit,
                max(1, args.passes), args.doc_chars if args.pipeline else None)))
    for result in results:
        for raw in result["scores"]:
            if raw["mismatched"]:
                print(f"warning: {raw['system']} {raw['corpus']}: {raw['mismatched']} "
                      f"sentences whose characters differ from the gold", file=sys.stderr)
        if result["user_words"]:
            print(f"note: {result['system']} used {result['user_words']} user words",
                  file=sys.stderr)
    print(table(results, args.markdown))
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
