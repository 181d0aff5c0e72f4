"""The spaCy component: entry point, segmenters, host entities, round trips."""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
import spacy
from spacy.tokens import Span

import zhfacts
from conftest import SEED

TEXT = "记者从市民政局了解到，2022年，全市共认定低保对象 30.6 万\n人，发放资金8.9亿元。"


def _ents(doc: spacy.tokens.Doc) -> list[tuple[int, int, str, object]]:
    return [(e.start_char, e.end_char, e.label_, e._.value) for e in doc.ents]


def test_factory_is_found_through_the_entry_point_without_importing_zhfacts() -> None:
    """The user's code never imports zhfacts; spaCy finds the factory by its entry point."""
    code = (
        "import spacy\n"
        "nlp = spacy.blank('zh')\n"
        "nlp.add_pipe('zhfacts_figures')\n"
        "doc = nlp('发放资金8.9亿元')\n"
        "print([(e.text, e.label_, str(e._.value)) for e in doc.ents])\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "[('8.9亿元', 'MONEY', '890000000')]"


@pytest.mark.parametrize("segmenter", ["char", "jieba"])
def test_figures_align_whatever_the_segmenter_cut(segmenter: str) -> None:
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": segmenter}}})
    nlp.add_pipe("zhfacts_figures", config={"date": "2023-03"})
    doc = nlp(TEXT)
    assert [(e.text, e.label_) for e in doc.ents] == [
        ("2022年", "DATE"), ("30.6 万\n人", "QUANTITY"), ("8.9亿元", "MONEY")]
    money = doc.ents[2]
    assert money._.value == Decimal("890000000")
    assert money._.unit == "CNY" and money._.qualifier == "="
    assert doc.ents[0]._.value == "2022"
    assert doc.text == TEXT


def _segmenters() -> list[str]:
    from zhfacts.errors import ZhfactsError
    from zhfacts.pipeline.segmentation import pkuseg_model_path

    try:
        pkuseg_model_path()
    except ZhfactsError:
        return ["char", "jieba"]  # pkuseg needs `zhfacts setup pkuseg` (docs/segmentation.md)
    return ["char", "jieba", "pkuseg"]


def test_same_entities_under_every_segmenter_on_the_seed_page() -> None:
    text = SEED.read_text(encoding="utf-8")
    results = []
    for segmenter in _segmenters():
        nlp = zhfacts.load(segmenter)
        results.append(_ents(nlp(zhfacts.api.make_doc(nlp, text, "2023-03", "商丘市"))))
    assert results[0] == results[1]
    assert len(results[0]) > 90


def test_context_reaches_the_pipeline_through_doc_extensions(nlp: spacy.Language) -> None:
    doc = nlp.make_doc("去年发放资金")
    doc._.date = "2023-03"
    assert nlp(doc).ents[0]._.value == "2022"
    assert nlp("去年发放资金").ents[0]._.value == "XXXX"


def test_host_entities_that_do_not_overlap_are_kept_and_overlaps_lose() -> None:
    nlp = spacy.blank("zh")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "ORG", "pattern": [{"TEXT": "民"}, {"TEXT": "政"}]},
                        {"label": "CARDINAL", "pattern": [{"TEXT": "8"}]}])
    nlp.add_pipe("zhfacts_figures")
    doc = nlp("民政发放8.9亿元")
    assert [(e.text, e.label_) for e in doc.ents] == [("民政", "ORG"), ("8.9亿元", "MONEY")]


def test_overwrite_off_keeps_the_host_span() -> None:
    nlp = spacy.blank("zh")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "CARDINAL", "pattern": [{"TEXT": "8"}]}])
    nlp.add_pipe("zhfacts_figures", config={"overwrite_ents": False})
    assert [(e.text, e.label_) for e in nlp("发放8.9亿元").ents] == [("8", "CARDINAL")]


def test_to_disk_and_spacy_load_round_trip(tmp_path: Path) -> None:
    nlp = spacy.blank("zh")
    nlp.add_pipe("zhfacts_figures", config={"date": "2023-03", "place": "商丘市"})
    nlp.to_disk(tmp_path / "pipeline")
    loaded = spacy.load(tmp_path / "pipeline")
    assert loaded.pipe_names == ["zhfacts_figures"]
    assert _ents(loaded(TEXT)) == _ents(nlp(TEXT))
    assert loaded.get_pipe_config("zhfacts_figures")["date"] == "2023-03"


def test_doc_bytes_round_trip_keeps_values(nlp: spacy.Language) -> None:
    doc = nlp(TEXT)
    again = spacy.tokens.Doc(nlp.vocab).from_bytes(doc.to_bytes())
    assert _ents(again) == _ents(doc)


def test_pipe_with_two_processes_equals_serial(nlp: spacy.Language) -> None:
    texts = [TEXT, "补贴3至5万元", "", "增长 -7.4%", SEED.read_text(encoding="utf-8")[:3000]] * 3
    serial = [_ents(doc) for doc in nlp.pipe(texts)]
    parallel = [_ents(doc) for doc in nlp.pipe(texts, n_process=2, batch_size=2)]
    assert parallel == serial


def test_span_extensions_refuse_another_packages_names() -> None:
    code = (
        "from spacy.tokens import Span\n"
        "Span.set_extension('unit', default='x')\n"
        "import spacy\n"
        "nlp = spacy.blank('zh')\n"
        "try:\n"
        "    nlp.add_pipe('zhfacts_figures')\n"
        "except Exception as e:\n"
        "    print(type(e).__name__)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "ExtensionConflictError"


def test_span_values_of_other_spans_are_none(nlp: spacy.Language) -> None:
    doc = nlp(TEXT)
    assert Span(doc, 0, 2)._.value is None
