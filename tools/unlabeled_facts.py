#!/usr/bin/env python3
"""Facts on unlabeled news nobody here annotated, for reading changes side by side.

A rule learned from one page can fix that page and harm others. Gold is small,
so this tool gives a second view: the facts ``zhfacts.extract`` finds (without
context) on pseudo-documents of MSRA NER train, eight consecutive sentences
of 1990s People's Daily news with at least six statistical figures among them,
taken from the first 90 % of the file (the last 10 % is ``msra-dev``). One
line per fact, tab-separated, sorted, so that two runs diff line by line:

    python tools/unlabeled_facts.py > /tmp/new.tsv
    git worktree add /tmp/old <commit>
    PYTHONPATH=/tmp/old/src python tools/unlabeled_facts.py > /tmp/old.tsv
    diff /tmp/old.tsv /tmp/new.tsv

Every line that differs is read, and a change lands only when the lines it
changes are better (docs/evaluation.md, "Session 15"). ``--sparse`` gives 160
other documents (four or five figures, no sentence shared with the first set),
on which session 15's changes were judged blind; ``--source sighan`` and
``--source cluener`` read two other corpora (session 16), ``--portal DIR`` the pages
of the procurement portal's view that ``tools/portal_news_view.py`` builds, each at its
own date (sessions 19 and 20), and ``--entities`` writes the names instead of the
facts. The documents are not gold: nothing is scored, and the corpus is read from
``--shared``, never copied into the repository.
"""

from __future__ import annotations

import argparse
import json
import lzma
import re
import sys
from collections.abc import Iterator
from pathlib import Path

from zhfacts.api import extract

#: A statistical figure: a number with a magnitude and a unit of money, people or things.
_FIGURE = re.compile(r"[0-9０-９一二三四五六七八九十百千万亿]+(?:[.．][0-9０-９]+)?[万亿]?"
                     r"(?:元|吨|人|户|个|家|项|公里|%|％|平方米|亩)")
_STATISTICAL_WORDS = ("增长", "比上年", "同比", "亿元", "万元")
_SENTENCES_A_DOCUMENT = 8
_FIGURES_A_DOCUMENT = 6
#: The share of MSRA train read; the rest is msra-dev (tools/ner_corpora.py).
_TRAIN_SHARE = 0.9


def msra_sentences(path: Path) -> list[str]:
    """The sentences of an MSRA BIO file (one character and its tag a line)."""
    sentences: list[str] = []
    characters: list[str] = []
    with lzma.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            fields = line.split()
            if not fields:
                if characters:
                    sentences.append("".join(characters))
                    characters = []
                continue
            characters.append(fields[0])
    if characters:
        sentences.append("".join(characters))
    return sentences


def sighan_sentences(path: Path) -> list[str]:
    """The lines of SIGHAN 2005's unsegmented test inputs (PKU, then MSR): news
    of 1998-2001 that neither the NER model nor any rule was written from."""
    lines: list[str] = []
    for name in ("pku_test.utf8", "msr_test.utf8"):
        text = (path / name).read_text(encoding="utf-8")
        lines.extend(line.strip() for line in text.splitlines() if line.strip())
    return lines


def cluener_sentences(path: Path) -> list[str]:
    """The texts of CLUENER2020 train records that hold a statistical figure (news
    snippets of the 2010s, unrelated to one another: read for metrics, not for the
    document's time or place)."""
    texts: list[str] = []
    with lzma.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            text = json.loads(line)["text"].strip()
            if _FIGURE.search(text):  # (a record cut after a comma ends a sentence here)
                texts.append(text.rstrip("，,、；; ") + ("" if text.endswith(_ENDS) else "。"))
    return texts


#: The labels of names (not figures) that ``--entities`` writes.
_NAMES = ("GOV", "ORG", "PERSON", "GPE", "LOC")
#: Marks that end a sentence (a CLUENER record is often cut after a comma).
_ENDS = ("。", "！", "？", "!", "?", "”", "」")


def pseudo_documents(sentences: list[str], limit: int,
                     share: float = _TRAIN_SHARE) -> Iterator[str]:
    """Runs of consecutive sentences dense in statistical figures, at most ``limit``,
    from the first ``share`` of the sentences."""
    end = int(len(sentences) * share) - _SENTENCES_A_DOCUMENT
    i = found = 0
    while found < limit and i < end:
        group = sentences[i:i + _SENTENCES_A_DOCUMENT]
        text = "\n".join(group)
        if sum(len(_FIGURE.findall(s)) for s in group) >= _FIGURES_A_DOCUMENT and \
                any(word in text for word in _STATISTICAL_WORDS):
            yield text
            found += 1
            i += _SENTENCES_A_DOCUMENT
        else:
            i += 1


def sparse_documents(sentences: list[str], dense: list[str],
                     share: float = _TRAIN_SHARE) -> list[str]:
    """Other runs of eight sentences, with four or five statistical figures, that
    share no sentence with the ``dense`` documents: text the rules were not
    written from, for judging them (docs/evaluation.md, the blind A/B)."""
    taken = {sentence for document in dense for sentence in document.split("\n")}
    end = int(len(sentences) * share) - _SENTENCES_A_DOCUMENT
    found: list[str] = []
    i = 0
    while i < end:
        group = sentences[i:i + _SENTENCES_A_DOCUMENT]
        text = "\n".join(group)
        figures = sum(len(_FIGURE.findall(s)) for s in group)
        statistical = any(word in text for word in _STATISTICAL_WORDS)
        if statistical and figures >= _FIGURES_A_DOCUMENT:
            i += _SENTENCES_A_DOCUMENT  # (a dense run: the other set's kind)
        elif statistical and figures >= _FIGURES_A_SPARSE_DOCUMENT:
            if not taken.intersection(group):
                found.append(text)
            i += _SENTENCES_A_DOCUMENT
        else:
            i += 1
    return found


#: The fewest statistical figures of a sparse document.
_FIGURES_A_SPARSE_DOCUMENT = 4


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"),
                        help="the shared data (default ../shared)")
    parser.add_argument("--limit", type=int, default=400, help="documents, at most")
    parser.add_argument("--sparse", action="store_true",
                        help="the other documents: four or five figures, none of the dense ones'")
    parser.add_argument("--source", choices=("msra", "sighan", "cluener"), default="msra",
                        help="MSRA NER train (default), SIGHAN 2005's PKU and MSR test inputs, "
                        "or CLUENER2020 train's records with a figure")
    parser.add_argument("--entities", action="store_true",
                        help="the named entities (GOV, ORG, PERSON, GPE, LOC) instead of the facts")
    parser.add_argument("--portal", type=Path, default=None,
                        help="instead, every page of the procurement portal's view that "
                        "tools/portal_news_view.py built in this folder, each at its own date")
    args = parser.parse_args()
    if args.portal is not None:
        pages = json.loads((args.portal / "meta.json").read_text(encoding="utf-8"))
        _write_rows([(page["name"], (args.portal / f"{page['name']}.txt").read_text(
            encoding="utf-8"), page["date"]) for page in pages], args.entities)
        return
    if args.source == "sighan":
        sentences = sighan_sentences(args.shared / "corpora" / "sighan2005" / "testing")
        share = 1.0
    elif args.source == "cluener":
        sentences = cluener_sentences(args.shared / "corpora" / "cluener2020" / "train.json.xz")
        share = 1.0
    else:
        sentences = msra_sentences(args.shared / "corpora" / "msra-ner" / "msra_train_bio.txt.xz")
        share = _TRAIN_SHARE
    documents = list(pseudo_documents(sentences, args.limit, share))
    if args.sparse:
        documents = sparse_documents(sentences, documents, share)
    _write_rows([(str(number), text, None) for number, text in enumerate(documents)],
                args.entities)


def _write_rows(documents: list[tuple[str, str, str | None]], entities: bool) -> None:
    """One sorted line per fact (or name) of each (key, text, date) document."""
    rows = []
    for key, text, date in documents:
        record = extract(text, date)
        if entities:
            rows += ["\t".join(str(field) for field in (key, e["start"], e["end"], e["label"],
                                                         e["text"].replace("\n", " ")))
                     for e in record["entities"] if e["label"] in _NAMES]
            continue
        for fact in record["facts"]:
            fields = [key, fact["start"], fact["end"], fact["metric"], fact["value"],
                      fact.get("low"), fact.get("high"), fact["unit"], fact["time"],
                      fact["place"], fact["per"], fact["change"],
                      fact["sentence"].replace("\n", " ")]
            rows.append("\t".join(str(field) for field in fields))
    sys.stdout.write("".join(f"{row}\n" for row in sorted(rows)))


if __name__ == "__main__":
    main()
