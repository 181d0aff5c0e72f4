"""The public NER corpora (MSRA, People's Daily) as a yardstick for the whole pipeline.

Both are character-per-line BIO files (``CHAR<sep>TAG``, a blank line between
sentences) with the coarse types PER, LOC and ORG. zhfacts' labels are finer,
so they are folded the way the issue defines the comparison: PERSON -> PER,
GOV and ORG -> ORG, GPE and LOC -> LOC; figures are not scored. Spans must
match exactly.

Every sentence goes through the pipeline as one document without context,
as a user would pass it. People's Daily test overlaps MSRA train (both are
1998 People's Daily text): only the sentences whose text is not a sentence
of MSRA train are scored, and the count kept is reported with the result.

The corpora are read from where the caller says (``../shared/corpora`` in
this project's checkouts); nothing of them is stored in the repository.
"""

from __future__ import annotations

import lzma
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING

from zhfacts.ner.model import decode_bio

if TYPE_CHECKING:
    from spacy.language import Language
from zhfacts.evaluation.scoring import Tally

#: The coarse types of the corpora, and how zhfacts' labels fold onto them.
TYPES = ("PER", "LOC", "ORG")
FOLD = {"PERSON": "PER", "GOV": "ORG", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC"}

MSRA_TEST = Path("msra-ner") / "msra_test_bio.txt"
MSRA_TRAIN = Path("msra-ner") / "msra_train_bio.txt.xz"
PEOPLES_DAILY_TEST = Path("peoples-daily-ner") / "example.test"

Sentence = tuple[str, list[str]]
Span = tuple[int, int, str]
Tagger = Callable[[str], Iterable[Span]]


def read_bio_lines(lines: Iterable[str]) -> Iterator[Sentence]:
    """Sentences ``(text, tags)`` of char-per-line BIO lines."""
    chars: list[str] = []
    tags: list[str] = []
    for raw in lines:
        line = raw.rstrip("\r\n")
        if not line:
            if chars:
                yield "".join(chars), tags
            chars, tags = [], []
            continue
        chars.append(line[0])
        tags.append(line[2:].strip() or "O")
    if chars:
        yield "".join(chars), tags


def read_bio(path: Path) -> list[Sentence]:
    """A BIO file (``.xz`` compressed or plain, UTF-8)."""
    opener: Callable[..., IO[str]] = lzma.open if path.suffix == ".xz" else open
    with opener(path, "rt", encoding="utf-8") as handle:
        return list(read_bio_lines(handle))


def bio_spans(tags: list[str]) -> set[Span]:
    """``(start, end, type)`` of a BIO tag sequence (the model's own decoder)."""
    return set(decode_bio(tags))


@dataclass
class BenchmarkCorpora:
    """The scored sentences per corpus, and how People's Daily was filtered."""

    corpora: dict[str, list[Sentence]]
    notes: dict[str, str] = field(default_factory=dict)


#: SPEC labels a government with the place written before it (中国政府, 日本政府,
#: 三仙湖镇政府: one GOV); MSRA and People's Daily tag the place alone and leave
#: 政府 untagged (中国 + 政府 119 of 122 times in MSRA train, a place + 政府 717 times).
_GOVERNMENT = "政府"


def spec_conventions(sentence: Sentence) -> Sentence:
    """``sentence`` with its gold mapped to SPEC where the corpus convention
    differs: a LOC followed by an untagged 政府 becomes one ORG (GOV folded),
    place and 政府. Nothing else changes."""
    text, tags = sentence
    mapped = list(tags)
    for start, end, kind in decode_bio(tags):
        after = end + len(_GOVERNMENT)
        if kind == "LOC" and text.startswith(_GOVERNMENT, end) and \
                all(tag == "O" for tag in tags[end:after]):
            mapped[start:after] = ["B-ORG"] + ["I-ORG"] * (after - start - 1)
    return text, mapped


def load_benchmarks(root: Path) -> BenchmarkCorpora:
    """MSRA test, and People's Daily test without the sentences of MSRA train,
    each as annotated and with its gold mapped to SPEC's conventions
    (:func:`spec_conventions`; the ``-spec`` names)."""
    msra_train = {text for text, _ in read_bio(root / MSRA_TRAIN)}
    msra_test = read_bio(root / MSRA_TEST)
    spec_test = [spec_conventions(sentence) for sentence in msra_test]
    pd_test = read_bio(root / PEOPLES_DAILY_TEST)
    held_out = [(text, tags) for text, tags in pd_test if text not in msra_train]
    note = (f"{len(pd_test):,} test sentences; the {len(pd_test) - len(held_out):,} that "
            f"also occur in MSRA train are left out, {len(held_out):,} scored")
    spec_held_out = [spec_conventions(sentence) for sentence in held_out]
    return BenchmarkCorpora(
        {"msra-test": msra_test, "msra-test-spec": spec_test,
         "peoples-daily-test": held_out, "peoples-daily-test-spec": spec_held_out},
        {"msra-test-spec": _spec_note(msra_test, spec_test), "peoples-daily-test": note,
         "peoples-daily-test-spec": _spec_note(held_out, spec_held_out)})


def _spec_note(sentences: list[Sentence], mapped: list[Sentence]) -> str:
    changed = sum(a[1] != b[1] for a, b in zip(sentences, mapped, strict=True))
    return f"a place + 政府 scored as one government (SPEC): {changed:,} sentences changed"


def score_sentences(sentences: Iterable[Sentence], tagger: Tagger) -> dict[str, Tally]:
    """Exact-span tallies per type (and ``all``) of ``tagger`` on ``sentences``.

    ``tagger`` returns zhfacts labels; they are folded with :data:`FOLD` and
    any other label (figures) is ignored.
    """
    tallies = {kind: Tally() for kind in TYPES}
    for text, tags in sentences:
        gold = bio_spans(tags)
        predicted = {(s, e, FOLD[label]) for s, e, label in tagger(text) if label in FOLD}
        for kind in TYPES:
            g = {x for x in gold if x[2] == kind}
            p = {x for x in predicted if x[2] == kind}
            hits = len(g & p)
            tallies[kind].add(Tally(gold=len(g), predicted=len(p), found=hits, matched=hits))
    total = Tally()
    for kind in TYPES:
        total.add(tallies[kind])
    tallies["all"] = total
    return tallies


def pipeline_tagger(nlp: Language | None = None) -> Tagger:
    """:func:`zhfacts.extract` as a tagger: the default pipeline (or ``nlp``),
    no context. A text is tagged once however many corpora hold it (MSRA test
    is scored against two golds)."""
    from zhfacts.api import extract

    tagged: dict[str, list[Span]] = {}

    def tag(text: str) -> list[Span]:
        if text not in tagged:
            tagged[text] = [(e["start"], e["end"], e["label"])
                            for e in extract(text, nlp=nlp)["entities"]]
        return tagged[text]

    return tag


def format_benchmarks(results: dict[str, dict[str, Tally]], notes: dict[str, str],
                      markdown: bool = False) -> str:
    """One row per corpus and type: gold, predicted, correct, P, R, F1."""
    header = ("corpus", "type", "gold", "predicted", "correct", "precision", "recall", "F1")
    rows = [(name, kind, str(t.gold), str(t.predicted), str(t.found), f"{t.precision:.3f}",
             f"{t.recall:.3f}", f"{t.f1:.3f}")
            for name, tallies in results.items() for kind, t in tallies.items()]
    if markdown:
        lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        lines += ["| " + " | ".join(row) + " |" for row in rows]
    else:
        widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
        lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True))
                 for r in [header, *rows]]
    lines += [f"{name}: {note}" for name, note in notes.items()]
    return "\n".join(lines)
