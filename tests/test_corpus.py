"""The project's gold corpus (corpora/): integrity, and the figure bars of SPEC section 5."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import CORPORA
from zhfacts.model import FIGURE_LABELS
from zhfacts.scoring import evaluate_corpus, read_gold

GOLD = list(read_gold(CORPORA))

# Gold figures the rules do not find yet, each with the reason, kept visible here
# and in docs/evaluation.md rather than hidden by a lower bar (none at present).
KNOWN_MISSES: dict[str, str] = {}


@pytest.fixture(scope="module")
def report() -> object:
    return evaluate_corpus(CORPORA)


@pytest.mark.parametrize("gold", GOLD, ids=[g["id"] for g in GOLD])
def test_gold_offsets_are_exact_and_flat(gold: dict[str, object]) -> None:
    text = gold["text"]
    assert isinstance(text, str)
    assert Path(CORPORA / f"{gold['id']}.txt").read_text(encoding="utf-8") == text
    entities = sorted(gold["entities"], key=lambda e: e["start"])  # type: ignore[arg-type]
    for entity in entities:
        assert text[entity["start"]:entity["end"]] == entity["text"]
    for a, b in zip(entities, entities[1:], strict=False):
        assert a["end"] <= b["start"], (a, b)


def test_corpus_has_figures_of_every_label() -> None:
    labels = {e["label"] for g in GOLD for e in g["entities"]}  # type: ignore[attr-defined]
    assert set(FIGURE_LABELS) <= labels


def test_every_seed_figure_is_found_but_the_known_misses(report: object) -> None:
    misses = [m for m in report.misses  # type: ignore[attr-defined]
              if m.startswith("shangqiu-daily-page:")
              and any(f" {label} " in m for label in FIGURE_LABELS)]
    assert [m for m in misses if m not in KNOWN_MISSES] == []


def test_figure_accuracy_and_precision_on_the_corpus(report: object) -> None:
    total = report.total("figures")  # type: ignore[attr-defined]
    assert total.gold >= 300
    assert total.recall >= 0.97
    assert total.precision >= 0.97
