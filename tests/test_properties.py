"""Properties of the figure recognizer on any text: no crash, exact offsets, flat spans."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import zhfacts
from zhfacts.results import FIGURE_LABELS
from zhfacts.numbers.numerals import canonical

FIGURE_ALPHABET = list(
    "0123456789０１２.．,，%％‰-—至到~ 　\n一二两三四五六七八九十百千万亿零〇点半余多几来"
    "元人户次个家处项条亩吨米公里平方成折倍年月日号今去上全第约近超过不低于以上下左右"
    "分之每月人均/、。；：“”《》()（）人民币美元¥$kK萬億點個兩"
)
figure_text = st.text(alphabet=st.sampled_from(FIGURE_ALPHABET), max_size=80)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(figure_text, st.text(max_size=80)))
def test_figures_never_crash_and_point_into_the_text(text: str) -> None:
    found = zhfacts.figures(text)
    previous_end = 0
    for figure in found:
        assert text[figure.start:figure.end] == figure.text
        assert figure.start >= previous_end, "figures overlap"
        previous_end = figure.end
        record = figure.to_dict()
        for key in ("value", "low", "high"):
            if figure.label != "DATE" and record.get(key) is not None:
                assert canonical(zhfacts.parse_number(record[key])) == record[key]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(figure_text, st.sampled_from([None, "2023", "2023-03", "2023-03-05"]))
def test_extract_agrees_with_figures(text: str, date: str | None) -> None:
    record = zhfacts.extract(text, date=date)
    figures = [e for e in record["entities"] if e["label"] in FIGURE_LABELS]
    assert figures == [f.to_dict() for f in zhfacts.figures(text, date=date)]
    starts = [(e["start"], e["end"]) for e in record["entities"]]
    assert all(a[1] <= b[0] for a, b in zip(starts, starts[1:], strict=False)), "overlap"
