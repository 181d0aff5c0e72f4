"""Facts: which figure measures what, when and where (SPEC section 4).

Input is the page and what the recognizers found on it: its mentions
(figures with their exact values, DATEs with TimeML values, GPEs with their
norm), typed (:mod:`zhfacts.results`). For every MONEY, QUANTITY and PERCENT figure the
linker looks for its metric, the shortest noun phrase that says what the
figure measures, as written:

1. a counted noun written right after a count (31个 | 街道综合养老服务中心);
2. else the text before the figure in its clause, with the verb, bound and
   comparison words next to the figure stripped (低保对象 | 30.6万人;
   规模以上工业增加值 | 同比增长 | 8.5%) and the words that open a clause
   (全市, 其中, 共) or govern the phrase (认定, 在) cut off the left;
3. else the metric of the figure before it in the sentence (…完成XX亿元，
   增长8.5%: the growth is of the same quantity);
4. 分别 distributes figures over a coordinated metric (城乡低保标准分别…630元、
   420元 -> 城市低保标准, 农村低保标准).

``time`` is the DATE of the clause (never a comparison base: 比去年, 较2021年),
else the first DATE of the sentence, else the one opening the paragraph,
else the document date; ``place`` the nearest GPE before the figure in the
clause, else in the sentence, else the document's place. ``change`` comes
from the stripped words (增长 8.5% is an increase; 提高到 630元 is a level).
A document states a figure once: a repeat (headline, summary box) adds no
fact. Cue words are data (``data/fact_cues.json``).

Everything works on the page (:mod:`zhfacts.page.page`): its clean text
(line breaks and OCR spaces gone, a block break kept as one line break), its
sentences and clauses, its sections; offsets map back, so ``start``/``end``
index the original and ``sentence`` is the original sentence verbatim.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import lru_cache
from typing import Any, TypeVar

from zhfacts.datafiles import read_data_json
from zhfacts.entities.bodies import central_body, levels_of
from zhfacts.entities.gazetteer import find_places, parents_of, resolve_places
from zhfacts.entities.world import world_places
from zhfacts.facts.checks import written_step
from zhfacts.numbers.dates import MONTH_VALUE, REVIEW_MONTHS, find_dates, opens_sentence
from zhfacts.numbers.lexicon import Lexicon, lexicon
from zhfacts.numbers.numerals import parse_number
from zhfacts.numbers.quantities import RATIO_UNITS
from zhfacts.page.context import DocumentContext
from zhfacts.page.page import CLAUSE_ENDS, SENTENCE_ENDS, Page, Sentence
from zhfacts.page.tables import TableReading, read_table
from zhfacts.page.textmap import CleanText
from zhfacts.results import DateFigure, Entity, Fact, Figure, Mention
from zhfacts.words import Tagged, pos_tagger, word_dictionary

_BASE_BEFORE = ("比", "较", "与", "同", "从")  # 比去年, 较2021年, 与上年相比, 同期, 从…到
_METRIC_MAX = 16
#: How much of a clause before a figure is read for words that concern it (分别, 全国):
#: a bound, so that a clause of thousands of figures costs no rescan per figure.
_CLAUSE_READ = 5 * _METRIC_MAX
_BEFORE_WORDS = ("前建", "以前", "之前", "前的", "前竣工", "前投")
_BASES = frozenset(("上年", "去年", "上年末", "去年同期", "上年同期", "同期", "上月", "年初",
                    "上年底", "前一年", "上一年", "去年底", "去年末", "前年", "往年", "以前",
                    "过去", "上季度", "上一季度", "上个月", "原来", "原先", "以往"))


@dataclass(frozen=True)
class FactCues:
    before_figure: tuple[str, ...]
    metric_starts: tuple[str, ...]
    adverbs: tuple[str, ...]
    bare_heads: frozenset[str]
    metric_cuts: tuple[str, ...]
    increase: tuple[str, ...]
    decrease: tuple[str, ...]
    price_increase: tuple[str, ...]
    price_decrease: tuple[str, ...]
    share_objects: tuple[str, ...]
    to_level: tuple[str, ...]
    classifier_units: frozenset[str]
    coordinations: dict[str, list[str]]
    verbs_only: frozenset[str]
    verbs_after: tuple[str, ...]
    predicate_openers: tuple[str, ...]
    reference_lines: tuple[str, ...]
    place_kinds: tuple[str, ...]
    counted_divisions: frozenset[str]
    money_nouns: tuple[str, ...]
    class_verbs: tuple[str, ...]
    scope_qualifiers: frozenset[str]
    #: Rate words of rates.json's clause list that open a metric (人均可支配收入: person).
    rate_prefixes: tuple[tuple[str, str], ...]
    margins: dict[str, str]
    margins_after_base: dict[str, str]
    change_measures: dict[str, str]
    changes_next: dict[str, str]
    clitic_adverbs: dict[str, tuple[str, ...]]
    #: Bounds of two characters or more that exclude their number (超过, 低于, 不足:
    #: qualifiers.json's > and <), which bound the class a share counts.
    strict_bounds: tuple[str, ...]
    #: One-character bounds the number reader takes as a figure's qualifier (约, 近, 超,
    #: 逾: qualifiers.json), and the same after 中 (中约: jieba's place name)
    bound_characters: tuple[str, ...]
    bound_words: tuple[str, ...]
    located_bounds: tuple[str, ...]
    targets: tuple[str, ...]
    share_words: tuple[str, ...]
    unit_complements: tuple[str, ...]
    generic_measures: frozenset[str]
    subject_verbs: tuple[str, ...]
    subject_verbs_only: frozenset[str]
    base_changes: tuple[str, ...]
    rate_words: tuple[str, ...]
    #: Divisions counted together as one class (省、自治区、直辖市; 县（市、区）), longest first.
    division_series: tuple[str, ...]
    #: What a percentage is a share of when it measures progress (完成预算的102.3%).
    percent_targets: tuple[str, ...]
    #: Verbs of change that open a level's metric, and the change each makes.
    change_openers: Mapping[str, str]
    #: Change openers that open a count's metric as a modifier (降低标准装修11栋).
    change_openers_of_amounts: frozenset[str]
    #: What a change opener keeps (新增就业, 新增确诊病例: indicators, not changes).
    change_opener_keeps: frozenset[str]
    change_opener_keep_endings: tuple[str, ...]
    #: Things counted by one character (牛, 羊, 猪), metrics of their own.
    one_character_nouns: frozenset[str]
    #: Each member of a series of siblings (小学, 初中, 高中) and its series.
    series_members: Mapping[str, tuple[str, ...]]
    per_prefixes: tuple[tuple[str, str], ...]
    bare_modifiers: tuple[str, ...]
    measures_after: tuple[str, ...]
    #: Who a survey asked (受访者, 网友), and what they may say (认为, 表示): a share of them
    #: takes what they said as its metric.
    respondents: tuple[str, ...]
    opinion_verbs: tuple[str, ...]
    sized_heads: tuple[str, ...]
    model_heads: tuple[str, ...]
    deictic_levels: dict[str, str]
    #: The words of ``deictic_levels``, as one pattern.
    deictic_pattern: re.Pattern[str]
    #: Change words and the words between a metric and its figure, together.
    changes_and_links: tuple[str, ...]
    #: Indicator and industry names (``data/metric_names.json``).
    count_heads: tuple[str, ...]
    employees: frozenset[str]
    #: What happens to the people a count counts (8人 | 死亡), and adverbs between.
    person_events: tuple[str, ...]
    event_adverbs: tuple[str, ...]
    #: Words of time that end a counted noun (30多个国家 | 正在, 5家企业 | 今年).
    times_after_noun: frozenset[str]
    opening_words: frozenset[str]
    #: Adverbs that cut a metric only before a verb and its object (中心共 | 受理采购项目).
    adverb_cuts: tuple[str, ...]
    employers: tuple[str, ...]
    demonstratives: tuple[str, ...]
    national_words: tuple[str, ...]
    #: who spends, how, and the verb of spending (我建议 | 拨款): a metric of only these
    allocation: re.Pattern[str]
    indicators: frozenset[str]
    industries: frozenset[str]


def _abroad(place: Entity) -> bool:
    """Whether a place lies outside China: a country of the world list other than
    China, or a city of one (纽约: 美国), with no division code."""
    if place.norm.get("code") is not None or "body" in place.norm:
        return False
    parents = place.norm.get("parents") or []
    top = world_places().get(str(parents[0]) if parents else _place_name(place))
    return top is not None and top.country is None and top.name not in _THE_COUNTRY


def _place_name(place: Entity) -> str:
    """The name a fact gives the place ``place`` names: its full official name,
    or the former one where the text uses it (旬阳县 in a story of 2011, though
    the gazetteer's division is today's 旬阳市: a fact is of the text's time)."""
    return str(place.norm.get("former") or place.norm["name"])


@lru_cache(maxsize=1)
def cues() -> FactCues:
    data = read_data_json("fact_cues.json")
    names = read_data_json("metric_names.json")
    # A rate word before a figure (人均, 每公斤) sets its per: no part of the metric.
    rate_words = [w for w in read_data_json("rates.json")["before"] if len(w) > 1]
    bounds_before = read_data_json("qualifiers.json")["before"]
    bounds = tuple(w for w in bounds_before if len(w) == 1)

    def longest_first(key: str) -> tuple[str, ...]:
        return tuple(sorted(data[key], key=len, reverse=True))

    return FactCues(
        before_figure=tuple(sorted({*data["before_figure"], *rate_words}, key=len,
                                   reverse=True)),
        metric_starts=longest_first("metric_starts"),
        adverbs=longest_first("adverbs"),
        bare_heads=frozenset(data["bare_heads"]),
        metric_cuts=longest_first("metric_cuts"),
        increase=tuple(data["increase"]),
        decrease=tuple(data["decrease"]),
        price_increase=tuple(data["price_increase"]),
        price_decrease=tuple(data["price_decrease"]),
        share_objects=longest_first("share_objects"),
        to_level=tuple(data["to_level"]),
        classifier_units=frozenset(data["classifier_units"]),
        coordinations=dict(data["coordinations"]),
        verbs_only=frozenset(data["verbs_only"]),
        verbs_after=longest_first("verbs_after"),
        predicate_openers=longest_first("predicate_openers"),
        reference_lines=longest_first("reference_lines"),
        place_kinds=longest_first("place_kinds"),
        counted_divisions=frozenset(data["counted_divisions"]),
        money_nouns=longest_first("money_nouns"),
        class_verbs=longest_first("class_verbs"),
        scope_qualifiers=frozenset(data["scope_qualifiers"]),
        rate_prefixes=tuple(sorted(read_data_json("rates.json")["clause"].items(),
                                   key=lambda item: -len(item[0]))),
        margins=dict(data["margins"]),
        margins_after_base=dict(data["margins_after_base"]),
        change_measures=dict(data["change_measures"]),
        changes_next=dict(data["changes_next"]),
        clitic_adverbs={k: tuple(v) for k, v in data["clitic_adverbs"].items()},
        bound_characters=bounds,
        bound_words=tuple(sorted((w for w in bounds_before if len(w) > 1), key=len,
                                 reverse=True)),
        located_bounds=tuple("中" + bound for bound in bounds),
        strict_bounds=tuple(w for w, code in bounds_before.items()
                            if len(w) > 1 and code in (">", "<")),
        targets=longest_first("targets"),
        share_words=tuple(data["share_words"]),
        unit_complements=longest_first("unit_complements"),
        generic_measures=frozenset(data["generic_measures"]),
        subject_verbs=longest_first("subject_verbs"),
        subject_verbs_only=frozenset(data["subject_verbs_only"]),
        base_changes=longest_first("base_changes"),
        rate_words=longest_first("rate_words"),
        percent_targets=longest_first("percent_targets"),
        division_series=longest_first("division_series"),
        change_openers=data["change_openers"],
        change_openers_of_amounts=frozenset(data["change_openers_of_amounts"]),
        change_opener_keeps=frozenset(data["change_opener_keeps"]),
        change_opener_keep_endings=tuple(data["change_opener_keep_endings"]),
        one_character_nouns=frozenset(data["one_character_nouns"]),
        series_members={member: tuple(series) for series in data["modifier_series"]
                        for member in series},
        per_prefixes=tuple(sorted(data["per_prefixes"].items(), key=lambda item: -len(item[0]))),
        bare_modifiers=longest_first("bare_modifiers"),
        measures_after=tuple(data["measures_after"]),
        respondents=longest_first("respondents"),
        opinion_verbs=longest_first("opinion_verbs"),
        sized_heads=longest_first("sized_heads"),
        model_heads=longest_first("model_heads"),
        deictic_levels=dict(data["deictic_levels"]),
        deictic_pattern=re.compile("|".join(map(re.escape, sorted(
            data["deictic_levels"], key=len, reverse=True)))),
        changes_and_links=(*data["increase"], *data["decrease"], *data["before_figure"]),
        count_heads=tuple(data["count_heads"]),
        employees=frozenset(data["employees"]),
        person_events=longest_first("person_events"),
        event_adverbs=longest_first("event_adverbs"),
        times_after_noun=frozenset(data["times_after_noun"]),
        opening_words=frozenset(data["opening_words"]),
        adverb_cuts=longest_first("adverb_cuts"),
        employers=tuple(data["employers"]),
        demonstratives=tuple(data["demonstratives"]),
        national_words=tuple(data["national_words"]),
        allocation=_allocation_pattern(data["allocations"]),
        indicators=frozenset(names["indicators"]),
        industries=frozenset(names["industries"]),
    )


def _allocation_pattern(words: dict[str, list[str]]) -> re.Pattern[str]:
    def alternation(key: str) -> str:
        return "|".join(re.escape(w) for w in sorted(words[key], key=len, reverse=True))

    return re.compile(f"(?:{alternation('subjects')})?(?:{alternation('modals')})*"
                      f"(?:{alternation('verbs')})了?")


@dataclass
class _Figure:
    figure: Figure
    start: int  # clean offsets
    end: int
    sentence: tuple[int, int, int]  # clean start, end, start of its paragraph
    clause_start: int
    clause_end: int
    original_sentence: Sentence
    metric: str = ""
    metric_start: int | None = None
    change: str | None = None
    threshold: bool = False  # qualifies a noun (5000万元以上项目): part of a metric
    period: str | None = None  # a table column's or caption's period
    listed: bool = False  # an item of a list after a colon, counted for its name
    place: str | None = None  # the place 分别 gives it (龙口、牟平的规模分别为…)
    subject: str = ""  # a growth column's cell: what grew (第一产业 of 第一产业同比增长)


def _table_readings(page: Page, figures: Sequence[_Figure], lex: Lexicon | None
                    ) -> dict[tuple[int, int], TableReading]:
    """The table readings of the figures that stand in a table cell, by span
    (read with the units the figures were found with)."""
    tables = {id(table): table for f in figures
              if (table := page.in_table(f.figure.start, f.figure.end)) is not None}
    return {(reading.figure.start, reading.figure.end): reading
            for table in tables.values() for reading in read_table(table, lex)}


#: How long a bracketed part of a name may be (社区卫生服务中心（站）, 新增减税退税缓税（费）).
_NAME_BRACKET = 8
_OPEN_BRACKETS = "（("
_CLOSE_BRACKETS = "）)"


#: A rank closing a list heading (投资增速前二名, 开工率后三名, 排名前十).
_RANK = re.compile(
    "(?:[前后][一二两三四五六七八九十0-9]{1,2}[名位强]|排名[前后]?[一二两三四五六七八九十0-9]{0,2})$")
#: A note on a place (银川市（不含宁东）).
_PLACE_NOTE = re.compile("[（(][^（()）]{1,8}[)）]")


def _last_clause_start(text: str, low: int, high: int, marks: str = "，,；;") -> int:
    """Where the last clause of ``text[low:high]`` starts: after its last comma or
    semicolon (or another of ``marks``), else at ``low``."""
    return max(low, max(text.rfind(mark, low, high) for mark in marks) + 1)


def _clause_start(ctext: str, breaks: Sequence[int], k: int, low: int) -> int:
    """Where the clause ending at break ``k`` starts: after the break before it,
    where a short bracket pair inside a name (卫生监督所（中心） | 100个) does not
    count as a break."""
    while k:
        at = breaks[k - 1]
        if ctext[at] in _CLOSE_BRACKETS and k >= 2 and at - breaks[k - 2] <= _NAME_BRACKET \
                and ctext[breaks[k - 2]] in _OPEN_BRACKETS and breaks[k - 2] > low:
            k -= 2  # （站） | 597个: the bracket belongs to the name before it
            continue
        return at + 1
    return 0


def _mask_brackets(text: str) -> str:
    """``text`` with the inside of each short bracket pair blanked (＿), so that
    no cut word inside 妇幼保健院（所、站） splits the name."""
    out = list(text)
    opened = -1
    for index, char in enumerate(text):
        if char in _OPEN_BRACKETS:
            opened = index
        elif char in _CLOSE_BRACKETS and opened >= 0:
            if index - opened <= _NAME_BRACKET:
                out[opened + 1:index] = "＿" * (index - opened - 1)
            opened = -1
    return "".join(out)


#: Five-year plans by their ordinal (十一五 = the 11th, 2006-2010).
_PLANS = {"六": (1981, 1985), "七": (1986, 1990), "八": (1991, 1995), "九": (1996, 2000),
          "十": (2001, 2005), "十一": (2006, 2010), "十二": (2011, 2015), "十三": (2016, 2020),
          "十四": (2021, 2025), "十五": (2026, 2030)}
#: “十三五”, “九五”, or 十三五 / 九五 written before 期间 / 时期 / 以来 / 计划 (十五 alone
#: only quoted: unquoted it is fifteen).
_PLAN = re.compile("[“\"'‘](十[一二三四五]?|[六七八九])五[”\"'’](?:规划|计划)?(?:期间|时期|以来)?"
                   "|(十[一二三四五]|[六七八九])五(?:规划|计划)?(?:期间|时期|以来)")


def _plan_periods(page: Page) -> list[tuple[int, DateFigure]]:
    """The five-year plan periods a page names, as dates for the time of facts."""
    found = []
    for match in _PLAN.finditer(page.clean.text):
        first, last = _PLANS[match[1] or match[2]]
        start, end = page.clean.span(match.start(), match.end())
        found.append((match.start(), DateFigure(start, end, page.original[start:end],
                                                f"{first}/{last}")))
    return found


def _title_plan(plans: list[tuple[int, DateFigure]], title_end: int) -> str | None:
    """The plan period a title (the text before ``title_end``) names (“十一五”中央单位
    政府采购改革成效显著): a review or a programme of that plan, so the period its
    undated figures report."""
    return next((date.value for position, date in plans if position < title_end), None)


def _resolved_period(period_text: str | None, context: DocumentContext) -> str | None:
    """A table's period as written (2022年, 1-3月, 2022年末) as a TimeML value;
    None when it names no calendar period (本期: the document's period)."""
    if not period_text:
        return None
    values = [d.value for d in find_dates(period_text, context) if "X" not in d.value[:4]]
    return values[0] if values else None


def link_facts(page: Page, mentions: Sequence[Mention], lex: Lexicon | None = None
               ) -> list[Fact]:
    """The facts of a page, in text order; ``mentions`` are its figures,
    dates and named entities (what the recognizers found); ``lex``: the units
    they were found with, when not the built-in ones (a user's units file),
    so that a table is read the same way here."""
    context = page.context
    cleaned = page.clean
    c = cues()
    ctext = cleaned.text
    dates = sorted(((cleaned.to_clean(m.start), m) for m in mentions
                    if isinstance(m, DateFigure) and not page.in_furniture(m.start)),
                   key=_position)  # (a running head's date dates no sentence)
    # A one-character place (中 of 中美, 澳 of 港澳台商) names a country in a pair
    # or a compound; it locates no figure.
    # A news dateline's place (中广网合肥1月14日消息, 新华社北京3月5日电) is where the
    # story was filed, not what it is about: it locates nothing.
    places = sorted(((cleaned.to_clean(m.start), m) for m in mentions
                     if isinstance(m, Entity) and m.label == "GPE"
                     and cleaned.to_clean(m.end) - cleaned.to_clean(m.start) > 1
                     and not _DATELINE_PLACE.match(ctext, cleaned.to_clean(m.end))),
                    key=_position)
    breaks = page.clause_breaks
    figures: list[_Figure] = []
    for mention in sorted((m for m in mentions if isinstance(m, Figure)),
                          key=lambda m: m.start):
        start, end = cleaned.to_clean(mention.start), cleaned.to_clean(mention.end)
        sentence = page.sentence_at(start)
        bounds = (sentence.clean_start, sentence.clean_end, sentence.paragraph_start)
        k = bisect_left(breaks, start)
        clause_start = max(sentence.clean_start,
                           _clause_start(ctext, breaks, k, sentence.clean_start))
        k = bisect_left(breaks, end)
        clause_end = min(sentence.clean_end, breaks[k] if k < len(breaks) else len(ctext))
        figures.append(_Figure(mention, start, end, bounds, clause_start, clause_end, sentence))

    date_ends = {cleaned.to_clean(d.end): cleaned.to_clean(d.start) for _, d in dates}
    date_spans = [(start, cleaned.to_clean(d.end)) for start, d in dates]
    place_ends = {start: cleaned.to_clean(p.end) for start, p in places}
    # A name is never a metric (庞进红、王学文…和刘新亚 | 7人), but the name of
    # a kind of organization may be (疾病预防控制中心 | 142个).
    names = {name: m.label for m in mentions  # as the clean text writes them (縣政府 -> 县政府)
             if isinstance(m, Entity) and m.label in ("PERSON", "GOV", "ORG", "GPE")
             and len(name := ctext[cleaned.to_clean(m.start):cleaned.to_clean(m.end)]) > 1}
    # (中 in 营业收入中 is no name)
    readings = _table_readings(page, figures, lex)
    for i, figure in enumerate(figures):
        reading = readings.get((figure.figure.start, figure.figure.end))
        if reading is not None:  # a table cell: its row and column say what it measures
            figure.metric, figure.change = reading.metric, reading.change
            figure.period = _resolved_period(reading.period_text, context)
            if reading.change is not None:  # (a growth column: what grew, for repeats)
                figure.subject = reading.subject
            continue
        _find_metric(ctext, figure, figures[i - 1] if i else None, c, date_ends, place_ends,
                     names, date_spans)
    _inherit_totals(ctext, figures, c)
    named_spans = {(cleaned.to_clean(m.start), cleaned.to_clean(m.end)) for m in mentions
                   if isinstance(m, Entity) and m.label in ("GPE", "LOC", "GOV", "ORG")}
    _list_items(ctext, figures, named_spans)
    _distribute(ctext, figures, c)
    place_names = [(cleaned.to_clean(m.start), cleaned.to_clean(m.end), _place_name(m))
                   for _, m in places]
    _distribute_places(ctext, figures, place_names, c)
    _bracketed_after_places(ctext, figures, place_names, c)
    _distribute_periods(ctext, figures, date_spans, [d.value for _, d in dates])
    figures = _each_subject(ctext, figures, c,
                            lambda figure: page.in_summary_box(figure.figure.start))
    _qualify_bare_modifiers(ctext, figures, c)
    _complete_elliptical_heads(figures, c)
    _complete_breakdowns(ctext, figures, c)
    _sized_counts(ctext, figures, c)
    _model_sizes(ctext, figures, c)
    _classed_counts(ctext, figures, c)
    _restore_subjects(ctext, figures, page.clause_breaks, c, date_spans)
    _strip_change_openers(ctext, figures, c)
    _changes_named_after(ctext, figures, c)
    _resolve_demonstrative_measures(figures)

    # Five-year plan periods (“十三五”时期) date the facts they frame, though
    # SPEC makes them no DATE of their own.
    #: the document's title: its first paragraph, where a headline repeats the body
    title_end = page.sentences[0].clean_end if page.sentences else 0
    plans = _plan_periods(page)
    dates = sorted([*dates, *plans], key=_position)
    deictics = _deictics(ctext, c)
    # (韩国5月份，… / 全市1-5月…: a period after the place that opens its clause opens it too)
    subjects = {end: start for start, end in place_ends.items()}
    subjects.update((_matched_end(c.deictic_pattern, ctext, start), start)
                    for start, _ in deictics)
    frame = _frame(ctext, dates, context.year, context.month, title_end,
                   [(figure.start, figure.sentence[0]) for figure in figures], subjects) or \
        _title_plan(plans, title_end)
    # (刚刚过去的2008年，… / 2007-2009年度财务收支审计结果: the period the passage after it reports)
    passage = None if frame is not None else _passage_frame(ctext, dates, context.year)
    section_periods = _section_periods(page, dates)
    lead_periods = _list_lead_periods(page, dates)
    document_place = context.place or place_of_document(
        mentions, deictics, page.sentences[0].end if page.sentences else 0)
    org_starts = {cleaned.to_clean(m.start) for m in mentions
                  if isinstance(m, Entity) and m.label == "ORG"}
    located = sorted([*(p for p in places if not _elsewhere(ctext, p, org_starts)),
                      *_body_places(mentions, cleaned),
                      *_facility_places(mentions, cleaned, document_place)], key=_position)
    abroad = {_place_name(p) for _, p in located if _abroad(p)}
    place_index = _Places.of(ctext, located, _document_levels(document_place, places),
                             deictics, _sentence_openers(page, located))
    bodies = [(cleaned.to_clean(m.start), "place" not in m.norm and
               central_body(m.text) is not None)
              for m in mentions if isinstance(m, Entity) and m.label == "GOV"]
    central_sources = sorted(start for start, central in bodies if central)
    local_bodies = sorted(start for start, central in bodies if not central)
    facts: list[Fact | None] = []
    #: per value: the metric, time and place of earlier facts, whether a headline
    #: gave it, and where it stands in ``facts``
    seen: dict[tuple[Any, ...],
               list[tuple[str, str | None, str | None, bool, int, bool, bool, str | None,
                          int]]] = {}
    #: the figures of the title and of subheadings that gave a fact, with where it stands
    #: in ``facts`` and, for a subheading, where the figure stands in the text
    headlines: list[tuple[Figure, int, int | None]] = []
    #: the sentence, metric, place and end of the last figure that gave a fact
    previous: tuple[tuple[int, int, int], str, str | None, int] | None = None
    endpoints = _Endpoints()
    for figure in figures:
        if not figure.metric or names.get(figure.metric) == "PERSON":
            continue  # (采购二处的 | 罗少伟: a person is never what a figure measures)
        number = figure.figure
        time = figure.period or _time(
            ctext, figure, dates, lead_periods.get(figure.sentence[2]) or
            _period_of(page, section_periods, figure.start) or
            (passage[1] if passage is not None and figure.start >= passage[0] else frame),
            context)
        time = endpoints.time(ctext, figure, time, dates)
        own_clause = not _names_a_place(ctext, figure, place_index) and \
            not _deictic_in_clause(figure, place_index)
        if figure.place is not None:
            place: str | None = figure.place
        elif _national(ctext, figure, c) and not _names_a_place(ctext, figure, place_index) or \
                _cited_from_the_centre(ctext, figure, central_sources, local_bodies,
                                       place_index):
            place = None  # 全国居民消费价格…: the country's, not the last place named
        elif previous is not None and previous[0] == figure.sentence and own_clause and (
                previous[1] == figure.metric or
                ctext.startswith("其中", figure.clause_start)) and \
                not _between(place_index.located, previous[3], figure.start):
            # 全国国内生产总值562642亿元，| 同比增长2.5%，其中二季度 | 增长0.4%: the same
            # quantity, or a part of it, is of the place the sentence gave it first
            place = previous[2]
        else:
            found = _place(ctext, figure, place_index)
            # (several places listed: the figure is of none alone, nor of the document's)
            place = None if found == _SEVERAL_PLACES else found or document_place
        if place in _THE_COUNTRY or place in abroad:
            # 中国医疗影像设备市场销售规模: a national figure, as 全国's (null); 印度小麦
            # 采购价格: a foreign one, the same (docs/facts.md, session 23)
            place = None
        previous = (figure.sentence, figure.metric, place, figure.end)
        key = (number.value, number.low, number.high, number.unit, number.qualifier)
        earlier = seen.setdefault(key, [])
        tabled = page.in_table(number.start, number.end) is not None
        boxed = page.in_summary_box(number.start) and not tabled  # (a table row is no headline)
        repeated = None if figure.listed else next(
            (entry for entry in earlier
             if (entry[5] and not boxed or _related(figure.metric, entry[0]) or
                 entry[3] and not boxed and figure.start - entry[8] <= _SUBHEADING_REACH
                 if boxed or entry[3] else
                 (_same_thing(figure.metric, entry[0]) or
                  bool(figure.subject) and not entry[6] and figure.change == entry[7] and
                  _same_thing(figure.subject, entry[0])) and
                 (time, place) == entry[1:3])), None)
        if repeated is not None:
            # A headline or summary box repeats a figure of the body (266处场所 /
            # 266个社区养老服务场所; a title's 仨月省了1.58亿元 / 节约资金1.58亿元: the
            # body's figure of that value is the fact, whatever the title calls it); in
            # the body, only the same metric of the same time and place does: 城镇
            # and 农村居民收入 may both grow 5.0 %, and so may 2022's GDP and 2023's.
            if boxed or not repeated[3]:
                continue
            # A subheading before the body (保障房完成投资22.81亿元 | …保障性住房完成投资
            # 22.81亿元): the body's sentence carries the fact, SPEC section 6
            facts[repeated[4]] = None
            earlier.remove(repeated)
        elif not boxed:
            # 290余万元 / 294.79万元, 五年省了108亿元 / 节约资金108.56亿元: a title
            # rounds the body's figure (docs/annotation.md, decision 41)
            # (未来5年新疆规划投资1300余亿元兴水利 | …规划投资1311亿元: a subheading rounds
            # the figure of the passage right after it)
            # (subheadings out of reach are dropped, so the list stays short)
            headlines[:] = [h for h in headlines
                            if h[2] is None or figure.start - h[2] <= _SUBHEADING_REACH]
            for headline in [h for h in headlines if _rounds(h[0], number)]:
                facts[headline[1]] = None
                headlines.remove(headline)
        titled = boxed and figure.sentence[2] == 0 and figure.start < title_end
        if boxed:
            headlines.append((number, len(facts), None if titled else figure.start))
        earlier.append((figure.metric, time, place, boxed, len(facts), titled, tabled,
                        figure.change, figure.start))
        del earlier[:-_REPEATS_KEPT]  # the last few of one value are enough to compare
        figure.metric = _without_rate(figure.metric, number.per)
        span_start = figure.metric_start if figure.metric_start is not None else figure.start
        start, end = cleaned.span(min(span_start, figure.start), figure.end)
        sentence = figure.original_sentence
        facts.append(Fact(
            metric=_as_written(page, figure), figure=number, time=time, place=place,
            change=figure.change, start=start, end=end,
            sentence=page.sentence_text(sentence),
            sentence_start=sentence.start, sentence_end=sentence.end,
            # (a growth rate of a per-capita indicator has no per: docs/annotation.md 46)
            metric_per=None if number.unit in RATIO_UNITS else
            _per_of_metric(figure.metric, c) or _rate_inside(figure, c)))
    return [fact for fact in facts if fact is not None]


def _rounds(headline: Figure, body: Figure) -> bool:
    """Whether a headline's figure is the body's, rounded to what it writes
    (108亿元 for 108.56亿元: within one step of its last digit), bounded by
    余 / 多 / 超 (290余万元 for 294.79万元: up to a tenth more) or the same value
    with another qualifier (超70亿 for 款项高达70亿元)."""
    if headline.unit != body.unit or headline.label != body.label or \
            headline.value is None or body.value is None:
        return False
    if headline.value == body.value:  # (超70亿 / 款项高达70亿元: the title bounds the body's)
        return headline.qualifier != body.qualifier and headline.qualifier != "range"
    if any(char in headline.text for char in "余多") or headline.qualifier in (">", ">="):
        return headline.value <= body.value <= headline.value * _MORE_REACH
    return headline.qualifier in ("=", "~") and \
        abs(body.value - headline.value) < written_step(headline)


#: How far after a subheading's figure the figure of the passage it heads is looked
#: for (斥资1189亿元 over 将投资1189亿元, whatever each calls it: the body's is the fact).
_SUBHEADING_REACH = 200
#: How much more than its figure a headline's 余 / 多 may stand for (290余万: < 319万).
_MORE_REACH = Decimal("1.1")
#: How far before its figure a metric is looked for when writing it back, or
#: an earlier mention of a bare measure is looked for.
_WRITTEN_REACH = 4 * _METRIC_MAX + 32
#: How far after its figure a counted noun (or what else the figure
#: qualifies) is looked for.
_AFTER_REACH = 2 * _METRIC_MAX + 8
#: How many earlier metrics of one value a figure is compared with.
_REPEATS_KEPT = 8


def _without_rate(metric: str, per: str | None) -> str:
    """``metric`` without a rate word that ends it and is the figure's ``per`` (汽油、柴油
    每吨 | 分别提高500元和400元 -> 汽油, per t): the denominator is no part of the
    measure."""
    if per is None or not metric.endswith(_each_rates()):
        return metric
    rates = lexicon().rates_before
    rate = next((w for w in _each_rates() if metric.endswith(w) and
                 per.startswith(rates[w]) and len(metric) > len(w) + 1), "")
    return metric[:len(metric) - len(rate)] if rate else metric


@lru_cache(maxsize=1)
def _each_rates() -> tuple[str, ...]:
    """The rate words of ``rates.json`` written with 每 (每吨, 每车), longest first."""
    return tuple(sorted((w for w in lexicon().rates_before if w.startswith("每")),
                        key=len, reverse=True))


def _as_written(page: Page, figure: _Figure) -> str:
    """The metric in the characters of the original (full-width brackets and
    letters, traditional forms: ``国家工程（技术）研究中心``, not the clean text's
    folded ``(技术)``). Where the metric is written near its figure, that
    text; where it was rebuilt (分别, a subject joined with its measure), each
    character as the page writes it nearby."""
    metric = figure.metric
    low = max(figure.sentence[0], figure.start - _WRITTEN_REACH)
    high = min(figure.sentence[1], figure.end + _WRITTEN_REACH)
    ctext, original, to_original = page.clean.text, page.original, page.clean.to_original
    at = ctext.find(metric, low, high)
    if at >= 0:
        return "".join(original[to_original(i)] for i in range(at, at + len(metric)))
    written = {ctext[i]: original[to_original(i)] for i in range(high - 1, low - 1, -1)}
    return "".join(written.get(char, char) for char in metric)


def _per_of_metric(metric: str, c: FactCues) -> str | None:
    """The denominator a rate's metric names at its start (万元GDP能耗 -> 万元;
    每万人拥有… -> 万人; 人均可支配收入 -> person, for a figure in a clause of its own)."""
    written = _DENOMINATOR.match(metric)
    if written is not None and metric.startswith("每"):  # 每10万人口… -> 10万人
        return written.group().removeprefix("每").removesuffix("口")
    return next((per for prefix, per in c.per_prefixes if metric.startswith(prefix)), None) or \
        next((per for prefix, per in c.rate_prefixes if metric.startswith(prefix)), None)


def _rate_inside(figure: _Figure, c: FactCues) -> str | None:
    """The per of an average (人均, 户均, 亩均) after the subject of an amount's
    metric (村民人均收入 | 1995年增长150元: person), where the figure's own clause
    names none; not for a count (人均收入超过1万元的农户 | 3000户) or a multiple."""
    if figure.figure.unit in c.classifier_units or figure.figure.unit in _COUNTS_AND_MULTIPLES:
        return None
    return next((per for word, per in c.rate_prefixes
                 if "均" in word and word in figure.metric[1:]), None)


#: Units of counts of people and households, and multiples: no amount a 人均 divides.
_COUNTS_AND_MULTIPLES = frozenset({"person", "household", "person_time", "times"})
#: Units of counts besides the classifiers: no price adjusted changes them (涨了两次).
_COUNTED_UNITS = _COUNTS_AND_MULTIPLES - {"times"} | {"次"}


def _same_thing(a: str, b: str) -> bool:
    """Two metrics of one value in the body name the same thing when one
    contains the other (地区生产总值 / 全市地区生产总值), unless the longer is the
    shorter with a scope before it (工业增加值 / 规模以上工业增加值: two quantities
    that may change by as much)."""
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    if short not in long:
        return False
    return not (long.endswith(short) and long[:-len(short)] in cues().scope_qualifiers)


def _related(a: str, b: str) -> bool:
    """Two metrics of the same figure name the same thing when one contains
    the other or they share a two-character word (266处场所 / 266个社区养老服务场所)."""
    return a in b or b in a or any(a[i:i + 2] in b for i in range(len(a) - 1))


def _opinion_after(ctext: str, figure: _Figure, after: str, c: FactCues) -> str:
    """What a share of the people a survey asked said: 的 + who (受访者, 网友, 人) +
    an opinion verb (认为, 表示, 支持; 对此 may come between), the verb to the clause's end
    without quotation marks, and the clause after it when the verb ends its own
    (94.7%的公众认为，| 当前…严重, unless that clause has a figure of its own); empty
    where the figure is no such share."""
    if not after.startswith("的"):
        return ""
    who = next((w for w in c.respondents if after.startswith(w, 1)), "")
    if not who:
        return ""
    at = figure.end + 1 + len(who)
    at += len("对此") if ctext.startswith("对此", at) else 0
    if not ctext.startswith(c.opinion_verbs, at):
        return ""
    end = figure.clause_end
    said = ctext[at:end]
    if said in c.opinion_verbs and end < len(ctext) and ctext[end] in "，,：:":
        follows = next((k for k in range(end + 1, min(len(ctext), end + 1 + _SAID_MAX))
                        if ctext[k] in CLAUSE_ENDS), end + 1 + _SAID_MAX)
        said += ctext[end + 1:follows]
        if any(char.isdigit() for char in said):
            return ""  # (15%的人认可，| 另一说法只获得10%的认可: another share's clause)
    said = "".join(char for char in said if char not in _QUOTES and not char.isspace())
    return said[:_SAID_MAX]


#: How much of what respondents said makes the metric, at most.
_SAID_MAX = 40


def _find_metric(ctext: str, figure: _Figure, before: _Figure | None, c: FactCues,
                 date_ends: dict[int, int], place_ends: dict[int, int],
                 names: Mapping[str, str], date_spans: Sequence[tuple[int, int]] = ()) -> None:
    """Set ``figure.metric`` (and where it starts, when written before the
    figure) and ``figure.change``; ``before`` is the figure before it;
    ``date_spans`` are the clean ``(start, end)`` of the DATEs, in order."""
    # What follows the figure, as far as a counted noun can reach (bounded: a
    # long clause full of figures costs no rescan per figure).
    after = ctext[figure.end:min(figure.clause_end, figure.end + _AFTER_REACH)]
    complement = next((w for w in c.unit_complements if after.startswith(w)), "")
    after = after[len(complement):]  # 1281.17万吨 | 标准煤: part of the unit
    if after.removeprefix("的").startswith(c.reference_lines):
        return  # 低于 | 50% | 临界点: the line compared with, no value of a measure
    if _in_quoted_name(ctext, figure) or _in_quoted_slogan(ctext, figure):
        return  # “稳经济十条”, 简称“20条”, “五个年”: a policy or slogan, it measures nothing
    if ctext.endswith(_IN_PARTS, 0, figure.start) and figure.figure.unit in _PART_UNITS:
        return  # 分两批受理, 分三期建设: how something is done, in how many parts
    growth = _GROWTH_AFTER.match(after) if figure.figure.label == "PERCENT" else None
    if growth is not None:
        # 销售收入取得了 | 40% | 的增长, 596% | 的爆炸式增长: the percentage is the size of a
        # change of the measure before it (the words of achieving are in before_figure);
        # what follows names no measure
        figure.change = "decrease" if growth["word"] in c.decrease or \
            growth["word"] in _FALL_NOUNS or "负" in growth["how"] else "increase"
        after = ""
    opinion = _opinion_after(ctext, figure, after, c) if figure.figure.label == "PERCENT" \
        else ""
    if opinion:
        # 58%的受访者 | 表示关注房价的新闻: a share of the people asked measures what they
        # said (docs/annotation.md, the held-back news round: 72%的人士认为…)
        figure.metric, figure.metric_start = opinion, None
        return
    whole = _whole_before(ctext, figure, c) if figure.figure.label == "PERCENT" and \
        after.startswith("的") else ""
    if whole:
        # 全港私人住宅單位中，| 超過 | 一半 | 的實用面積小於50平方米: a share of the whole
        # named before 中 (the dev gold's 私人住宅單位, > 50 %)
        figure.metric, figure.metric_start = whole, None
        return
    if figure.figure.unit == "person" and after.startswith("口"):
        # 6.8亿人 | 口, 覆盖 | 12万人 | 口: a population; a verb before it names which
        kind = _last_verb(ctext[figure.clause_start:figure.start])
        kind = "" if kind in _HAVING_VERBS else kind  # (共有 | 2.9亿人口: 人口)
        figure.metric, figure.metric_start = kind + "人口", None
        return
    measure = _measure_after(after, c)
    if measure:
        # 全省902亿元 | 的 | 政府采购规模: the figure is the value of the measure after it
        figure.metric, figure.metric_start = measure, None
        _set_change(ctext[max(figure.clause_start, figure.start - _METRIC_MAX):figure.start],
                    figure, c)
        return
    worth = next((w for w in _WORTH_WORDS if ctext.endswith(w, figure.clause_start, figure.start)),
                 "") if after.startswith("的") else ""
    thing = _described_noun(after[1:], c) if worth else ""
    if thing:
        # 购买了一辆价值 | 24.98万元 | 的越野车, 与价值1万亿美元的 | 市场无缘: the worth of
        # the thing after it, not the words before 价值
        figure.metric, figure.metric_start = thing + worth, None
        return
    bounded = figure.figure.qualifier in ("<", ">", "<=", ">=")
    # (余 and 多 inside a figure bound it too, but 价值2万余元的药品 is an amount)
    bounded_before = bounded and not any(char in figure.figure.text for char in "余多")
    share_class = bounded_before and before is not None and \
        before.clause_start == figure.clause_start and before.figure.label == "PERCENT" and \
        ctext.startswith("的", before.end) and \
        ctext.endswith(c.strict_bounds, figure.clause_start, figure.start)
    # (超過一半的實用面積 | 小於 | 50平方米: the class the share counts; not 63%的峰值水平
    # 回落至目前的1%以下, a level reached)
    # (18万元至25万元 | 价位的车型: a range names a class of things; not 1.5%至3.5%的 | 增长,
    # 100至150亿美元的 | 国际援助, the value of the noun after it)
    ranged_class = figure.figure.qualifier == "range" and after.startswith(_RANGE_CLASSES)
    if share_class or ranged_class or _modifies_noun(after, c) or \
            bounded and _COUNTED_AFTER.match(after) or \
            _bracketed_size(ctext, figure) or \
            bounded_before and after.startswith("的") and _strip_right(
                ctext[figure.clause_start:figure.start], c, date_ends,
                figure.clause_start).endswith(_CLASS_MEASURES):
        # 5000万元以上的新开工项目; 超千亿元的 | 开发区10个, 超50亿元的 | 9户: the
        # figure qualifies a noun that a count after it counts; 采购价值超过4万元的 |
        # 笔记本电脑: a measure's bound defines a class of things (not 提供超过18000平方米
        # 的楼面, 流入本港共逾6400亿港元的资金: a verb's object); 大型客车(20座以上) | 两包:
        # a size in brackets
        figure.threshold = True
        return
    unit = figure.figure.unit
    event = _person_event(after, c) if unit == "person" else ""
    if event:
        # 事故造成8人 | 死亡, 机上10人全部 | 遇难: what happened to the people counted is
        # what the count measures, not the verb or the place before it
        figure.metric, figure.metric_start = event, None
        return
    left_of_figure = ctext[figure.clause_start:figure.start]
    # (将有2300个 | 新增资助宿位: what is had is a new thing, its verb a modifier; not
    # 有13项 | 居于榜首)
    noun = _noun_after(after, c, as_object=_in_object_position(left_of_figure, c) or
                       left_of_figure.rstrip().endswith("有") and after.startswith(_NEW_THINGS)
                       )  # tagged once, read twice below
    if noun and "".join(figure.figure.text.split())[-1:] in _BARE_ENDS and \
            figure.figure.label in ("MONEY", "QUANTITY"):
        # 按100万 | 余额计算, 落实15亿 | 中央投资计划: the unit was read from the noun
        # after the figure, which is what it measures
        figure.metric, figure.metric_start = noun, None
        _set_change(ctext[max(figure.clause_start, figure.start - _METRIC_MAX):figure.start],
                    figure, c)
        return
    # (中成药 | 102个 | 品种: a generic word for kinds after the count, the noun before
    # it names what is counted)
    generic = noun in _KIND_WORDS and _ends_in_noun(left_of_figure.rstrip())
    if noun and not generic and (unit in c.classifier_units or
                                 figure.figure.label == "QUANTITY") and \
            not _counts_before(ctext[figure.clause_start:figure.start], c, date_ends,
                               figure.clause_start):
        # 31个 | 街道综合养老服务中心; 2360亩 | 玉米; 47公里 | 沟渠
        employer = _employer(ctext, figure, date_spans, place_ends, c) \
            if noun in c.employees else ""
        figure.metric = employer + noun  # (四大支柱产业，…共聘用170万名 | 雇员)
        figure.metric_start = None
        _set_change(ctext[max(figure.clause_start, figure.start - _METRIC_MAX):figure.start],
                    figure, c)
        return
    left_start = figure.clause_start
    if before is not None and before.end > left_start and not before.threshold:
        left_start = before.end  # (a threshold figure is part of this metric)
        # (1.8升 | （含）以下、| 价格: the earlier figure's bound and its list mark)
        closed = _BOUND_AFTER_FIGURE.match(ctext, left_start, figure.start)
        # (左右 | 上涨至48元/吨: a verb follows the bound; not 10万元以上 | 12件, the
        # class the count counts)
        if closed is not None and (closed.end() < figure.start or
                                   ctext[closed.end() - 1] in "、，,；;"):
            left_start = closed.end()
    left = ctext[left_start:figure.start]
    # (增加了 | 近 | 一倍, 取得 | 将近 | 49万港元: the figure's own bound first, where
    # jieba joins it to the word before, 了近, 得将)
    bound = 0
    if figure.figure.qualifier != "=":
        bound = next((len(w) for w in c.bound_words if left.endswith(w) and
                      not left[:len(left) - len(w)].endswith("不")), 0) or \
            int(left.endswith(c.bound_characters))  # (不多於: a longer bound, written
        # in a script the list does not have)
    stripped = _strip_right(left[:len(left) - bound], c, date_ends, left_start,
                            percent=figure.figure.label == "PERCENT")
    if figure.figure.qualifier in ("~", ">") and stripped.endswith(c.bound_characters):
        stripped = stripped[:-1]  # 中标产品中 | 约 | 40%: the figure's own qualifier
    if left.endswith(_CONJUNCTIONS) and stripped[:-1].strip() and stripped == left and \
            _last_word(left) == left[-1]:
        return  # 300平方米的厂房和 | 四个 | 1600盆的温室: what is before 和 is another item
    if stripped.endswith("中") and not stripped.endswith("其中") and len(stripped) > 2 and \
            _stands_alone(stripped):
        stripped = stripped[:-1]  # 在720个中标产品 | 中 | 约40%: where, not what
    measure_word = _ARTICLE_MEASURE.search(stripped)
    if measure_word is not None and figure.figure.label == "MONEY":
        stripped = stripped[:measure_word.start()]  # 安排 | 一笔 | 500万元的专项资金
    _set_change(left[len(stripped):], figure, c)
    if figure.change is None and figure.figure.unit == "pp":
        figure.change = _margin(left, c)  # 快于全市生产总值 | 1.9个百分点
    elif figure.change is None and figure.figure.unit in ("%", "times") and \
            _noun_base(left[:len(left) - bound]) is not None:
        figure.change = _margin(left, c)  # 平均价格比市场价低 | 8%: a change against it
    if figure.change is None and figure.figure.label == "PERCENT" and \
            not str(figure.figure.value or "").startswith("-"):
        # 采购规模增幅 | 达 | 20%, 降价幅度 | 达 | 52.6%: the figure is the change
        figure.change = next((change for word, change in c.change_measures.items()
                              if stripped.endswith(word)), None)
    denominator = _denominator(stripped)
    kept_digits = range(0)  # where digits are part of the metric (a denominator)
    if denominator is not None:
        # 每10万人口拥有执业医师 | 25人: the metric opens with the rate's
        # denominator, as 每万人拥有… does (its per, from the metric: 10万人);
        # 公务用车编制 | 按每20人 | 不超过 | 1辆: with no noun after the
        # denominator, the metric is the phrase before it.
        den_start, den_end = denominator
        tail = stripped[den_end:]
        verb = min(((tail.find(w), w) for w in _HAVING if 0 <= tail.find(w) < 8),
                   default=(0, ""))
        skip = verb[0] + len(verb[1])
        head = stripped[:den_start]
        while start_word := next((w for w in c.metric_starts if head.startswith(w)), ""):
            head = head[len(start_word):]  # (全县 | 每1000人口床位数: no metric before)
        # (教职工编制 | 按每25名学生 | 不少于1人: with a metric before it and no
        # verb after it, the noun after the denominator is the denominator's own)
        if _is_metric(tail[skip:]) and not _only_verbs(tail[skip:]) and \
                (verb[1] or not _is_metric(head)):
            at = stripped.index("每", den_start)
            left_start += at
            stripped = stripped[at:]
            kept_digits = range(left_start, left_start + den_end - at)
        else:
            stripped = stripped[:den_start]
            stripped = stripped[:len(stripped) - _trailing_adverb(stripped, c)]
    alias = _ALIAS.search(stripped)
    if alias is not None and _is_metric(alias.group(1)) and alias.group(1).endswith(_MEASURE_ENDS):
        # 占总人口的比重（常住人口城镇化率）| 为62.07%: the name in brackets is the metric
        figure.metric, figure.metric_start = alias.group(1), None
        return
    share = _share_at(stripped, c)
    equals = stripped.rfind("相当于")
    if share < 0 and figure.figure.label == "PERCENT" and equals >= 0 and \
            ("的" in stripped[equals:] or left.rstrip().endswith("的")):
        # 我国单位GDP能耗 | 相当于德国的5倍: a multiple of another's, as 占…的 is a share
        # (not 相当于把耕地面积扩大了39%: what is enlarged is measured)
        share = equals
        while (softener := next((a for a in _EQUAL_ADVERBS if stripped.endswith(a, 0, share)),
                                "")):
            share -= len(softener)
    if share < 0 and figure.figure.label == "PERCENT" and left.rstrip().endswith("的"):
        # 预入围品牌供应商 | 最多不超过有效投标单位总数的 | 80%: a bound on a share of a
        # whole, written like 占…的; the part before the bound is the metric
        share = max(stripped.rfind(word) for word in _SHARE_BOUNDS)
        while share > 0 and stripped[:share].endswith(_BOUND_ADVERBS):
            share -= 2
    if share >= 0:  # 农业从业人员 | 占全部从业人员的比重
        rest = stripped[share:]
        stripped = stripped[:share]
        while adverb := _trailing_adverb(stripped, c):  # 采购额 | 约 | 占; 数量 | 大约仅 | 占
            stripped = stripped[:-adverb]
        if stripped.endswith("所") and rest.startswith(_OWN_SHARES):
            stripped += rest[:len("占比例")]  # 自主品牌汽车所占比例: no whole, the share's name
    if noun and stripped and _ends_in_verb(stripped) and not _starts_with_verb(after):
        # 增发 | 210元 | 一次性生活补贴 (not 就诊率从上年的88.4% | 提高到)
        figure.metric, figure.metric_start = noun, None
        return
    removed = left[len(stripped):]  # (新址 | 可提供超过 | 12000平方米的楼面)
    holding = _holding(stripped, after, figure, c)
    if holding:
        figure.metric, figure.metric_start = holding, None
        return
    aspect = stripped.endswith(_ASPECTS) or removed.lstrip().startswith(_ASPECTS)
    if not noun and after.startswith("的") and not _FRAME_AFTER.match(after) and (
            (_ends_in_verb(stripped, longer_than=1) or
             aspect and _ends_in_verb(stripped.rstrip("".join(_ASPECTS)))) and
            not stripped.endswith((*c.generic_measures, *_MEASURE_VERBS)) or
            any(verb in removed for verb in c.verbs_after)) and \
            not stripped.endswith((*c.increase, *c.decrease)):
        # (a one-character verb with its aspect: 欠着 | 700万元的债务, 新修了 | 15公里的公路)
        # 涉及 | 600亿元 | 的 | 新政策; 可以提供 | 400万平方米 | 的 | 办公室楼面: the
        # figure describes the object of the verb, which is what it measures
        described = _described_noun(after[1:], c)
        if described:
            figure.metric, figure.metric_start = described, None
            return
    colon = max(stripped.rfind("："), stripped.rfind(":"))
    if 0 <= colon < len(stripped) - 1:
        # 投资增速前二名：中卫市 | 增长36.4%: a list's heading and colon are no
        # part of an item's metric; an item that is only a place (and a note
        # on it) takes the heading's measure, without its rank.
        at = left_start + colon + 1
        while at in place_ends:
            at = place_ends[at]
            aside = _PLACE_NOTE.match(ctext, at)
            at = aside.end() if aside else at
        end = left_start + len(stripped)
        if at < end:
            left_start, stripped = at, ctext[at:end]
        else:
            stripped = _RANK.sub("", stripped[:colon])
    defined = _SHORT_NAME.search(stripped)  # (dropped below: it takes no length)
    metric_start = left_start + _metric_offset(
        stripped, c, longest=(2 * _METRIC_MAX if kept_digits else _METRIC_MAX) +
        (len(defined.group(0)) if defined else 0))
    if ctext.startswith("的", metric_start):
        # 获省级…资质认定 | 的机构; 每百元营业收入中 | 的成本: the phrase the 的 closes
        # is part of the metric; no governing word cuts it.
        metric_start = left_start + _metric_offset(stripped, c, cut=False,
                                                   longest=2 * _METRIC_MAX)
    metric_end = left_start + len(stripped)
    while metric_start < metric_end and metric_start in place_ends:  # 睢阳区 | 完成…
        metric_start = place_ends[metric_start]
    for index in range(metric_end - 1, metric_start - 1, -1):
        inside_threshold = before is not None and before.threshold and \
            before.start <= index < before.end
        if ctext[index].isdigit() and not inside_threshold and index not in kept_digits \
                and not _in_latin_name(ctext, index) and not _counted_qualifier(ctext, index):
            # an address or a number before: 花园路118号 | 中标金额
            metric_start = index + 1
            break
    # A date in the same clause is not part of the metric (2022年 | 全市低保对象,
    # 1-5月 | 全县新增就业, 交通银行预测6月份 | CPI): the metric starts after it.
    k = bisect_left(date_spans, (metric_end, 0)) - 1
    if k >= 0 and date_spans[k][1] < metric_end and (
            date_spans[k][0] <= metric_start < date_spans[k][1] or
            metric_start < date_spans[k][0] and metric_end - date_spans[k][1] >= 2):
        metric_start = date_spans[k][1]
        if ctext.startswith("的", metric_start) and metric_end - metric_start > 2:
            metric_start += 1  # 2012年首3季 | 的 | 薪金: the date qualifies the metric
        after_date = ctext[metric_start:metric_end]
        offset = _metric_offset(after_date, c)
        if after_date.startswith("的", offset):  # 來年投放於 | 支援…服務的經常開支
            offset = _metric_offset(after_date, c, cut=False, longest=2 * _METRIC_MAX)
        metric_start += offset
        named_after = after_date[offset:]
        # (苹果iPad平板在第二季 | 的环比出货量将上涨: the date is the measure's own)
        named_before = _metric_before_date(ctext, left_start, date_spans[k][0], c) if \
            not ctext.startswith("的", date_spans[k][1]) and \
            not _ends_in_preposition(after_date) and \
            (len(named_after) < 2 or not _has_noun(named_after)
             and not named_after.endswith(c.measures_after)) else None
        if named_before is not None:
            # 整体通胀率 | 在2013年全年 | 平均为4.5%: the date stands between the
            # measure and its verb
            metric_start, metric_end = named_before
    metric_start += _leading_non_letters(ctext[metric_start:metric_end],
                                         _kept_size(before, metric_start))
    while metric_end > metric_start and not _is_letter(ctext[metric_end - 1]) and not (
            ctext[metric_end - 1] in _CLOSE_BRACKETS and
            any(b in ctext[metric_start:metric_end] for b in _OPEN_BRACKETS)):
        metric_end -= 1  # (but 社区卫生服务中心（站） keeps its bracket)
    metric = ctext[metric_start:metric_end]
    # 种粮大户韩守田 | 流转土地: a name before the metric is its subject; the
    # metric starts after the last name it contains. The metric is short
    # (at most _METRIC_MAX characters here), so its substrings are looked up
    # in the set of names: the cost does not grow with the number of names.
    cut = 0
    for end in range(len(metric) - 2, 0, -1):
        if any(metric[start:end] in names for start in range(end)):
            cut = end
            break
    rest = metric[cut:]
    if cut and (rest[0] in _OPEN_BRACKETS or len(rest) <= _BARE_MEASURE and
                rest.endswith(_MEASURE_ENDS)):
        cut = 0  # 卫生监督所（中心）, 居民恩格尔系数: the name is part of the metric
    if cut:
        metric_start += cut
        metric = ctext[metric_start:metric_end]
    named = _named_start(ctext, max(left_start, figure.clause_start), metric_start, metric_end)
    if named is not None:  # 信息传输、软件和信息技术服务业 | 增加值: a name that 、 or 和 would cut
        metric_start, metric = named, ctext[named:metric_end]
    if before is not None and before.clause_start == figure.clause_start and before.metric \
            and _one_verb(metric) and ctext[metric_start - 1:metric_start] != "、":
        # (竞争性谈判23次、| 询价 | 23次: an item of a list names itself)
        # 从2002年的4.42亿元 | 跨越 | 实现了2010年的31.55亿元: a verb between two
        # figures of one clause leads from one value of the quantity to another
        figure.metric, figure.metric_start = before.metric, None
        return
    if metric.startswith(c.rate_words) and before is not None and \
            before.sentence == figure.sentence and before.metric:
        # …增长6.2%，增速高于全省平均水平1.1个百分点: the rate of the quantity before
        figure.metric, figure.metric_start = before.metric, None
        return
    if metric in c.generic_measures:
        # 营利性服务业 | 实现 | 增加值: the measure alone names nothing; its subject
        # is written before the verb.
        metric, metric_start = _with_subject(ctext, metric, metric_start,
                                             max(left_start, figure.clause_start), c)
        if metric in c.generic_measures and figure.clause_start > figure.sentence[0] and \
                ctext[figure.clause_start:metric_start] in c.subject_verbs:
            # 规模以上工业企业达429户，| 实现 | 增加值2570亿元: the subject opens the
            # clause before
            subject = _subject_before(ctext, figure, date_spans, place_ends, c)
            if subject and not subject.endswith((*c.generic_measures, *_MEASURE_ENDS)) and \
                    not _has_verb(subject):
                # (not 开发区工业增加值 | 营业收入: a measure; not 80个 | 农产品进入…名录: a clause)
                metric = subject + metric
    opening = _function_words(metric)
    if opening and _is_metric(metric[opening:]):
        # 虽然 | 20人…; 因此新《办法》中; 对于 | 使用公车的人数: a conjunction or a
        # preposition opens the clause, not the metric
        metric, metric_start = metric[opening:], metric_start + opening
    elif opening == len(metric):
        metric = ""  # 以及 | 每年30亿元的经济收益: a conjunction alone names nothing
    skip = 0 if metric[:1].isdigit() and _counted_qualifier(ctext, metric_start) else \
        _leading_non_letters(metric, _kept_size(before, metric_start))
    # (对于 | “ | 坚持公务用车18万元; 湖南 | 5省抗旱救灾资金 keeps its count of places)
    if metric.startswith("的", skip) and _is_metric(metric[skip + 1:]):
        skip += 1  # 香港 | 的 | 基金管理总资产值
    metric, metric_start = metric[skip:], metric_start + skip
    restated = _RESTATED.search(metric)
    if restated is not None and _is_metric(metric[:restated.start()]):
        metric = metric[:restated.start()]  # 退化林修复 | （低产低效林改造）
    short_name = _SHORT_NAME.search(metric)
    if short_name is not None and short_name.start() > 0:
        # 奖学基金 | (“奖学基金”) | 额外注资: the short name a body is given is no part of it
        metric = metric[:short_name.start()] + metric[short_name.end():]
    done, done_verb = _after_perfective(metric)
    if done and done_verb.startswith("新"):  # 新增了就业岗位: a new count keeps its verb
        metric = metric[:done - 1] + metric[done:]
    elif done:  # 以公开招标的方式采购了 | 公交车; 完成 | 了 | 采购项目: the object is the metric
        metric, metric_start = metric[done:], metric_start + done
    trend = _TREND.search(metric)
    if trend is not None and trend.end() == len(metric) and trend.start() > 1:
        metric = metric[:trend.start()]  # 食品类 | 涨势猛烈，同比上涨13.4%
    if metric.startswith("其余") and len(metric) > 3 and _is_metric(metric[2:]):
        metric, metric_start = metric[2:], metric_start + 2  # 其余 | 小微企业3万家
    if metric.startswith("其") and metric[1:2] not in _QI_WORDS and _is_metric(metric[1:]):
        # 猪肉供应偏紧，| 其 | 价格上涨35.2%: 其 is the noun that opens the clause before
        referent = _leading_nouns(_subject_before(ctext, figure, date_spans, place_ends, c))
        metric, metric_start = referent + metric[1:], metric_start + 1
        if referent:
            figure.metric, figure.metric_start = metric, None
            return
    if c.allocation.fullmatch(metric):
        purpose = _purpose_after(ctext, figure)
        if purpose:  # 我建议拨款 | 50亿元 | 注资语文基金: what the money is for
            figure.metric, figure.metric_start = purpose, None
            return
    if figure.figure.label == "MONEY" and metric and (
            _last_word_flag(metric).startswith("v") or metric.endswith(_ASPECTS)):
        money = _money_after(after, c)
        if money and not _has_verb(money) and _last_word_flag(money[:2])[:1] not in "cdpr":
            # 银行盘活了 | 20亿元 | 资金 (not 拨备了56亿元 | 同时核销不良贷款: another verb's
            # object); 拿着5000元现金: the money after the verb's
            figure.metric, figure.metric_start = money, None  # amount is what it measures
            return
    if metric in _CLASS_BOUNDS and before is not None and before.clause_start == \
            figure.clause_start and (before.threshold or not before.metric) and \
            before.figure.qualifier != "=":
        # 其中 | 50万元以上 | 19件: the class the threshold makes is what is counted
        label = "".join(ctext[before.start:figure.start].split())
        if len(label) <= _METRIC_MAX:
            figure.metric, figure.metric_start = label, None
            return
    # (像这样的社区食堂，全区今年 | 建成了 | 36处: a verb alone counts nothing; what it
    # made is the topic of the clause before)
    bare_verb = figure.figure.unit in c.classifier_units and figure.figure.unit != "person" \
        and ctext.startswith("了", metric_start + len(metric)) and _one_verb(metric)
    if metric and _is_metric(metric) and metric not in c.verbs_only and not bare_verb and \
            metric not in c.subject_verbs_only and not _only_verbs(metric) and \
            metric not in c.metric_starts and not metric.endswith(c.targets) and \
            not (figure.figure.label == "PERCENT" and metric.endswith(c.percent_targets)) and \
            names.get(metric, "ORG") == "ORG" and not _ends_in_preposition(metric) and \
            not _only_time_words(metric) and not _counted_before(before, figure, metric) and \
            not _BASE_ONLY.match(metric):
        figure.metric, figure.metric_start = metric, metric_start
        return
    if metric and _BASE_ONLY.match(metric):
        subject = _subject_before_from(ctext[figure.clause_start:figure.start], c)
        if subject:  # 出口增长率 | 由 | 原定的 | 6.2%: what changes from the planned value
            figure.metric, figure.metric_start = subject, None
            return
    if not metric and before is not None and before.metric and \
            before.sentence == figure.sentence and before.figure.unit == figure.figure.unit and \
            left.rstrip().endswith(_BASE_PERIODS):
        figure.metric = before.metric  # 40793元，比上年 | 38690元: the same quantity's base
        return
    predicate = not stripped[metric_start - left_start:].strip()
    # (还有1.51亿元 | 扶贫资金 | 被虚报冒领: an amount's kind of money, not a predicate)
    noun = _money_after(after, c) if predicate and figure.figure.label == "MONEY" else ""
    noun = noun or _noun_after(after, c, predicate=predicate)
    if not noun and (not metric or metric in c.metric_starts) and after.startswith("的"):
        # 以及30亿元 | 的 | 经济收益; 全县 | 95% | 的 | 行政村通了硬化路
        noun = _noun_after(after[1:], c)
    if not noun and figure.figure.label == "MONEY":
        noun = _money_after(after, c)  # 40个县的50.13亿元 | 扶贫资金 | 中
    if noun:
        figure.metric = noun
        return
    if figure.figure.label == "PERCENT" and (not metric or metric in c.verbs_only):
        rate = _ranked_rate(ctext, figure, c)
        if rate:  # 投资完成率前二名：吴忠市计划投资232亿元，| 完成 | 63.5%
            figure.metric, figure.metric_start = rate, None
            return
    if before is not None and before.sentence == figure.sentence and before.metric and (
            "PERCENT" in (figure.figure.label, before.figure.label) or
            before.figure.label == figure.figure.label):
        # …完成XX亿元，增长8.5%: the growth of the same quantity (not 25个单位将 | 2194.78万元:
        # an amount is no count of what the count before counts)
        figure.metric = _origin_subject(ctext, before, figure, c) or before.metric
        national = next((w for w in c.national_words if before.metric.startswith(w)), "")
        if national and _is_metric(before.metric[len(national):]) and \
                _names_a_unit(ctext, figure, place_ends, c):
            # 全国规模以上工业增加值增长3.4%，我省增长4.1%: the same measure of another unit
            figure.metric = before.metric[len(national):]
        return
    if (not stripped[metric_start - left_start:].strip() or metric in c.subject_verbs_only or
            bare_verb or _origin_only(ctext, figure, date_ends)) \
            and (before is None or before.sentence != figure.sentence):
        # 规模以上工业总产值突破万亿，| 达10051.6亿元: the subject of the clause before
        # (written in another clause: the fact's span is the figure's alone)
        subject = _subject_before(ctext, figure, date_spans, place_ends, c)
        # (目前，…; 我国 | 2010年…: a name, a time or the country is what the clause is
        # about, not what the figure measures)
        subject_label = names.get(subject)
        if subject_label is not None and (subject_label != "ORG" or figure.change is None) or \
                _only_time_words(subject) or subject in c.national_words or \
                subject.endswith("所"):
            # (a firm's own change may be: …公司逆势上扬，取得了40%的增长; not its level,
            # 美国德尔电脑公司…使自己的销售额大大提高，从1月的每天不到100万美元)
            subject = ""
        if bare_verb and not _topic_clause(ctext, figure).endswith(subject or "\0"):
            # (苹果市场份额增长非常迅速，| 第二季度售出了2030万台: a clause with a
            # predicate of its own is no topic of the count; the verb stays its metric)
            subject = metric
        figure.metric = subject


def _topic_clause(ctext: str, figure: _Figure) -> str:
    """The clause before the figure's, in its sentence, stripped (empty when none;
    its last ``2 * _METRIC_MAX`` characters at most, so that a long clause costs no
    rescan per figure)."""
    high = figure.clause_start - 1
    low = max(figure.sentence[0], high - 2 * _METRIC_MAX)
    if high <= low:
        return ""
    return ctext[_last_clause_start(ctext, low, high):high].strip()


def _origin_only(ctext: str, figure: _Figure, date_ends: Mapping[int, int]) -> bool:
    """Whether the figure's clause opens with nothing but where a change starts
    from (将由现时的 | 2700多平方米, 由上年的 | 3.2万元), so that what changes is
    the topic written in the clause before."""
    opening = _ORIGIN_OPENING.match(ctext, figure.clause_start, figure.start)
    if opening is None:
        return False
    end = figure.start
    while end > opening.end() and ctext[end - 1].isspace():
        end -= 1
    while rate := next((w for w in _each_rates() if ctext.endswith(w, opening.end(), end)), ""):
        end -= len(rate)  # 由现行的 | 每车每小时 | 1.5元: the rate is the figure's per
    if ctext.startswith("的", end - 1):
        end -= 1
    return end == opening.end() or ctext[opening.end():end] in _NOW_OR_PAST or \
        date_ends.get(end) == opening.end()


#: Adverbs and the preposition that open a change's starting point (将由, 亦从).
_ORIGIN_OPENING = re.compile(r"\s*(?:将|会|将会|亦|也|已|还|则|拟|再|均|都)*[由从]")


def _metric_before_date(ctext: str, low: int, date_start: int, c: FactCues
                        ) -> tuple[int, int] | None:
    """Where the metric written right before a date and its 在 / 于 stands
    (整体通胀率 | 在 | 2013年), or None."""
    end = date_start
    while end > low and ctext[end - 1] in _DATE_PREPOSITIONS + " ":
        end -= 1
    if end == date_start or end <= low:
        return None
    start = low + _metric_offset(ctext[low:end], c)
    metric = ctext[start:end]
    if metric.startswith(c.demonstratives):
        return None  # 这一税率 | 在2009年前…: what it stands for is resolved later
    if not _is_metric(metric) or _only_verbs(metric) or not (
            _ends_in_noun(metric) or metric.endswith((*_MEASURE_ENDS, *_AMOUNT_ENDS)) or
            _metric_names().search(metric) is not None):
        return None
    return start, end


#: Prepositions that put a date after the measure it dates (通胀率 | 在 | 2013年).
_DATE_PREPOSITIONS = "在于"


#: Units of the sizes that name models of vehicles and engines (1.8L, 7座, 5吨).
_MODEL_SIZES = frozenset(("L", "升", "座", "t"))
#: How many characters of modifiers may stand between such a size and its model
#: (18吨 | 大功率泡沫防化 | 消防车).
_MODEL_MODIFIERS = 8


#: How much text after a size is read for the model it names.
_MODEL_READ = 16


def _names_a_model(after: str, c: FactCues) -> bool:
    """Whether the text after a size is a model it names: letters up to a model
    head, within :data:`_MODEL_MODIFIERS` characters, with no 的 or mark between."""
    run = after[:_MODEL_READ]
    for end in range(len(run)):
        char = run[end]
        if not _is_cjk(char) or char == "的":
            return False
        if run.startswith(c.model_heads, end) and end <= _MODEL_MODIFIERS:
            return True
    return False


#: Bounds that, after a threshold, name a class (50万元以上 | 19件).
_CLASS_BOUNDS = frozenset(("以上", "以下", "以内"))


#: A count of parts right after 分 (分两批, 分三期) says how something is done.
_IN_PARTS = ("分", "分成", "分为")
_PART_UNITS = frozenset(("批", "次", "期", "步", "段", "轮", "阶段", "组"))


def _in_quoted_name(ctext: str, figure: _Figure) -> bool:
    """Whether the figure is a quoted slogan (“三倍”) or the count that ends a
    short name in quotation marks (“稳经济十条”, 简称“20条”): a closing mark right
    after it, its opening mark at most ``_QUOTED_NAME_MAX`` characters before,
    with no mark between."""
    close = ctext[figure.end:figure.end + 1]
    if close not in _CLOSING_QUOTES:
        return False
    if ctext[figure.start - 1:figure.start] == _CLOSING_QUOTES[close]:
        return True  # 实施“三倍”: a quoted figure alone is a slogan
    if figure.figure.label != "QUANTITY":
        return False  # (“推行公务用车12万元”的说法: an amount in a quoted claim is a value)
    low = max(figure.clause_start, figure.start - _QUOTED_NAME_MAX)
    opening = _CLOSING_QUOTES[close]
    at = ctext.rfind(opening, low, figure.start)
    return at >= 0 and not any(mark in ctext[at + 1:figure.start] for mark in _QUOTES)


def _in_quoted_slogan(ctext: str, figure: _Figure) -> bool:
    """Whether a count stands inside a short quotation with words after it
    (“三大支撑八项重点”, 开展“五个年”活动), or inside a quoted parallel slogan
    of counts spelled in Chinese numerals (“夯实三个基础、强化四个结合”): a
    slogan names no quantity."""
    if figure.figure.label != "QUANTITY":
        return False
    for opening, closing in (("“", "”"), ("‘", "’"), ("「", "」")):
        at = ctext.rfind(opening, max(0, figure.start - _QUOTED_NAME_MAX), figure.start)
        end = ctext.find(closing, figure.end, figure.end + _QUOTED_NAME_MAX)
        if at >= 0 and end >= 0 and end - at - 1 <= _QUOTED_NAME_MAX and \
                not any(mark in ctext[at + 1:end] for mark in _QUOTES + "，。；、"):
            return True
        at = ctext.rfind(opening, max(0, figure.start - _QUOTED_SLOGAN_MAX), figure.start)
        end = ctext.find(closing, figure.end, figure.end + _QUOTED_SLOGAN_MAX)
        quoted = ctext[at + 1:end] if at >= 0 and end >= 0 else ""
        if quoted and len(quoted) <= _QUOTED_SLOGAN_MAX and "、" in quoted and \
                not any(mark in quoted for mark in _QUOTES + "。；") and \
                len(_SPELLED_COUNT.findall(quoted)) >= 2 and not _DIGIT.search(quoted):
            return True
    return False


#: A quoted slogan of parallel counts is longer than a name, still short.
_QUOTED_SLOGAN_MAX = 24
#: A count spelled in Chinese numerals (三个, 四项, 两大).
_SPELLED_COUNT = re.compile("[一二两三四五六七八九十]+[个项大条种]")
_DIGIT = re.compile("[0-9]")


#: Closing quotation marks and their opening ones; a quoted name is short.
_CLOSING_QUOTES = {"”": "“", "’": "‘", "」": "「", "》": "《"}
_QUOTED_NAME_MAX = 10


def _names_a_unit(ctext: str, figure: _Figure, place_ends: dict[int, int], c: FactCues) -> bool:
    """Whether the figure's clause, before it, names a place or a unit by its
    level (我省, 全市)."""
    low, high = figure.clause_start, figure.start
    return any(low <= start < high for start in place_ends) or \
        any(ctext.find(word, low, high) >= 0 for word in c.deictic_levels)


def _counted_before(before: _Figure | None, figure: _Figure, metric: str) -> bool:
    """Whether ``metric`` is only what the count right before the figure counts,
    and the figure is of another kind (25个单位将 | 2194.78万元: the units are who
    spent it, not what the amount measures)."""
    return before is not None and before.metric == metric and \
        before.figure.label != figure.figure.label and \
        "PERCENT" not in (before.figure.label, figure.figure.label) and \
        figure.start - before.end <= len(metric) + _VERB_REACH


#: How many characters a verb between a count's noun and the next figure may take.
_VERB_REACH = 3


def _origin_subject(ctext: str, before: _Figure, figure: _Figure, c: FactCues) -> str:
    """What changed from the figure before to this one, when the clause writes it
    before 由 / 从 (采购预算由原计划投入资金3.3亿元调减到 | 3.22亿元: 采购预算, decision
    48); empty when the clause has no such subject."""
    if not ctext[before.end:figure.start].rstrip().endswith(_REACHED_WORDS):
        return ""
    head = ctext[figure.clause_start:before.start]
    at = max(head.rfind(word) for word in _FROM_WORDS)
    if at <= 0 or before.metric not in head[at + 1:]:
        return ""  # (only where the figure before has a noun of its own after 由)
    subject = _subject_before_from(head, c)
    return subject if subject != before.metric else ""


def _subject_before_from(head: str, c: FactCues) -> str:
    """The subject written before the last 由 / 从 of ``head`` (出口增长率 | 由原定的), or
    empty."""
    at = max(head.rfind(word) for word in _FROM_WORDS)
    if at <= 0:
        return ""
    subject = head[:at]
    subject = subject[_metric_offset(subject, c):]
    return subject if _is_metric(subject) else ""


#: A base a measure is compared with, named by a short noun phrase, and the
#: comparative written after it (平均价格 | 比市场价低 | 8%).
#: What ends a figure after it before the next one's metric: an inclusion note, a
#: bound and the list mark that closes them (1.8升 | （含）以下、 | 价格要在16万元以内;
#: not 50万元 | 以上 | 19件, a threshold of the next figure's class).
_BOUND_AFTER_FIGURE = re.compile(r"(?:[（(]不?含[)）])?"
                                 r"(?:(?:及以上|及以下|以上|以下|以内|之内|左右)[、，,；;]?|[、，,；;])")
_NOUN_BASE = re.compile(r"(?:比|较)[\u4e00-\u9fffA-Za-z0-9\u2160-\u216b]{1,8}?[高低多少快慢]?$")


def _noun_base(text: str) -> int | None:
    """Where a trailing comparison with a base named by a noun phrase starts
    (平均价格 | 比市场价低, 单价 | 较同类产品高): 比 / 较 with a measure before it
    and at most a comparative after the base; not the 比 of a word (比重, 比例,
    对比, 同比, 占比)."""
    match = _NOUN_BASE.search(text, max(0, len(text) - _NOUN_BASE_REACH))
    if match is None or match.start() < 2 or text[match.start() - 1] in _BI_WORD_BEFORE or \
            text[match.start() + 1] in _BI_WORD_AFTER or _in_name(text, match.start()):
        return None
    return match.start() if _is_metric(text[:match.start()]) else None


def _in_name(text: str, at: int) -> bool:
    """Whether the character at ``at`` is inside a name jieba knows (加勒比地区)."""
    low = max(0, at - 4)
    return any(start <= at - low < end and end - start > 1 and
               flag.startswith(("ns", "nr", "nt", "nz"))
               for start, end, flag in _tagged_spans(text[low:at + 5]))


#: Characters that make 比 / 较 part of a word: before it (对比, 相比, 同比, 环比, 占比,
#: 好比, 无比, 类比, 评比, 之比, 比较 read from its 较) and after it (比重, 比例, 比率, 比值,
#: 比较, 较为).
_BI_WORD_BEFORE = frozenset("对相同环占好无类评比之")
_BI_WORD_AFTER = frozenset("重例率值较为赛")


#: How far back a comparison with a named base is looked for.
_NOUN_BASE_REACH = 11


#: Comparison bases a figure right after is the value of (比上年38690元增加2103元).
_BASE_PERIODS = ("比上年", "比去年", "较上年", "较去年", "比上年同期", "比去年同期")


#: Second characters that make 其 a word of its own (其中, 其余, 其他), no pronoun.
_QI_WORDS = "中余他它次实间后"


def _leading_nouns(phrase: str) -> str:
    """The nouns that open ``phrase`` (猪肉 | 供应偏紧), when at least two characters."""
    nouns = ""
    for word in pos_tagger().cut(phrase):
        if not word.flag.startswith("n") or word.flag == "nr":
            break
        nouns += word.word
    return nouns if len(nouns) >= 2 else ""


def _after_perfective(metric: str) -> tuple[int, str]:
    """Where the object of a verb with the perfective 了 starts in ``metric`` (采购了 |
    公交车), and that verb: after the last 了 jieba reads as a particle, when a metric
    follows it; ``(0, "")`` when there is none (了解, 除了 are words of their own)."""
    if "了" not in metric:
        return 0, ""
    at = cut = 0
    verb = previous = ""
    for word in pos_tagger().cut(metric):
        at += len(word.word)
        if word.word == "了" and word.flag.startswith("u"):
            cut, verb = at, previous
        previous = word.word
    return (cut, verb) if cut < len(metric) and _is_metric(metric[cut:]) else (0, "")


#: What ends a share written as a contribution to a whole (对本地生产总值的贡献,
#: 对经济增长的贡献率).
_CONTRIBUTIONS = ("的贡献", "的贡献率")
#: Verbs that begin with a share word and are no share (占用资金, 占有, 占地面积, 占款).
_NOT_SHARES = ("占用", "占有", "占地", "占领", "占道", "占款")
#: Adverbs before 相当于 (仅相当于, 基本相当于): no part of the measure before them.
_EQUAL_ADVERBS = ("大约", "大体", "大致", "基本", "仅", "只", "约", "已", "将")


#: Bounds written before the whole a percentage is of (不超过有效投标单位总数的80%).
_SHARE_BOUNDS = ("不超过", "不低于", "不少于", "不高于", "不足")
#: A share of no named whole (所占比例, 所占比重): the whole phrase names it.
_OWN_SHARES = ("占比例", "占比重")
#: Adverbs before such a bound (最多不超过, 最低不低于).
_BOUND_ADVERBS = ("最多", "最高", "最低", "最少", "原则")


def _share_at(stripped: str, c: FactCues) -> int:
    """Where the share word stands that the measure before it is a share of
    (农业从业人员 | 占全部从业人员的比重; 服务业 | 对经济增长的贡献率), -1 where none
    does (被合作伙伴占用资金: 占用 is a verb of its own)."""
    share = -1
    for word in c.share_words:
        at = stripped.rfind(word)
        while at >= 0 and stripped.startswith(_NOT_SHARES, at) and \
                not stripped.startswith("占地区", at):  # (占 | 地区生产总值的比重)
            at = stripped.rfind(word, 0, at)
        share = max(share, at)
    ending = next((e for e in _CONTRIBUTIONS if stripped.endswith(e)), None)
    if ending is not None:  # 对本地生产总值的贡献 | 有 | 16%: a share too
        share = stripped.rfind("对", 0, len(stripped) - len(ending))
    return share
#: How long the purpose of an allocation may be (设立废置电器电子产品处理设施及社区环保站).
_PURPOSE_MAX = 24


def _purpose_after(ctext: str, figure: _Figure) -> str:
    """What money is allocated for, written right after its figure in the same
    clause or, after a comma, in the next (50亿元 | 注资语文基金; 200亿元，| 兴建和
    翻新…的设施): a clause of Chinese characters that does not open with a
    preposition of time or place (在未来5年…); empty when there is none or it runs
    on past ``_PURPOSE_MAX`` characters."""
    at = figure.end
    if ctext.startswith(("，", ","), at):
        at += 1
    for prefix in ("用于", "用作", "用来", "以"):
        if ctext.startswith(prefix, at):
            at += len(prefix)
            break
    end = at
    while end < len(ctext) and end - at <= _PURPOSE_MAX and ctext[end] not in _PURPOSE_ENDS:
        end += 1
    purpose = ctext[at:end]
    if not purpose or end - at > _PURPOSE_MAX or not all(_is_cjk(ch) for ch in purpose):
        return ""
    first = next(iter(pos_tagger().cut(purpose[:4])))
    return "" if first.flag == "p" or not _is_metric(purpose) else purpose


_PURPOSE_ENDS = "，,。；;：:！？!?\n"


#: How far back a ranking's heading is looked for (a list of a dozen items).
_RANKING_REACH = 400


def _counts_before(left: str, c: FactCues, date_ends: dict[int, int], offset: int) -> bool:
    """Whether the text before a count ends, past the words between a metric
    and its figure, in the head of a counting measure (公私营单位每年落成量 | 合共
    只有约 | 24800个单位)."""
    stripped = _strip_right(left, c, date_ends, offset)
    return len(stripped) > 2 and stripped.endswith(c.count_heads) and _ends_in_noun(stripped)


def _ranked_rate(ctext: str, figure: _Figure, c: FactCues) -> str:
    """The rate a ranking's heading names (重大项目投资完成率 in 县（区）重大项目投资
    完成率前三名：…), for a percentage of one of its items that writes only a verb
    (完成81%); empty when the sentence opens with no such heading."""
    low = max(figure.sentence[0], figure.start - _RANKING_REACH)  # bounded work per figure
    colon = max(ctext.rfind("：", low, figure.start), ctext.rfind(":", low, figure.start))
    if colon < 0:
        return ""
    heading = ctext[max(low, colon - 2 * _METRIC_MAX):colon]
    rank = _RANK.search(heading)
    if rank is None:
        return ""
    heading = heading[:rank.start()]
    rate = heading[_metric_offset(heading, c):]
    rate = rate[_leading_non_letters(rate):]
    return rate if _is_metric(rate) and rate.endswith("率") else ""


@lru_cache(maxsize=1)
def _metric_names() -> re.Pattern[str]:
    """The indicator and industry names, as one pattern, longest first."""
    names = sorted(cues().industries | cues().indicators, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, names)))


@lru_cache(maxsize=1)
def _rate_openers() -> tuple[str, ...]:
    """The words that open a rate's name, its prefixes and their denominators
    (万元GDP, 万元, 每万人, 万人), once."""
    return tuple(opener for pair in cues().per_prefixes for opener in pair)


@lru_cache(maxsize=1)
def _industry_names() -> re.Pattern[str]:
    """The industry names alone, as one pattern, longest first (they may hold 、
    and 和: 信息传输、软件和信息技术服务业)."""
    return re.compile("|".join(map(re.escape, sorted(cues().industries, key=len,
                                                       reverse=True))))


@lru_cache(maxsize=1)
def _heads() -> tuple[str, ...]:
    """Known indicator names and generic measures, longest first: the heads a
    coordination of metrics may share (城镇和农村居民人均可支配收入)."""
    return tuple(sorted(cues().indicators | cues().generic_measures, key=len, reverse=True))


def _named_start(ctext: str, low: int, start: int, end: int) -> int | None:
    """Where a known name starts that the metric ``ctext[start:end]`` cuts
    (it starts before ``start``, in ``[low, end)``, and ends inside the metric or
    where it starts: 其他用品和服务 | 价格)."""
    for match in _metric_names().finditer(ctext, low, end):
        if match.start() < start <= match.end() <= end:
            return match.start()
    return None


def _with_subject(ctext: str, measure: str, measure_start: int, low: int, c: FactCues
                  ) -> tuple[str, int]:
    """``measure`` joined with the subject written before its verb (营利性服务业
    实现增加值 -> 营利性服务业增加值), and where the subject starts; the measure
    alone when no subject is written there."""
    before = ctext[low:measure_start]
    verb = next((v for v in c.subject_verbs if before.endswith(v)), None)
    if verb is None:
        return measure, measure_start
    written = before[:-len(verb)]
    subject_start = _metric_offset(written, c)
    subject = _without_focus(written[subject_start:])  # 其中仅 | 高新区 | 就完成
    subject_start += written[subject_start:].find(subject) if subject else 0
    if not _is_metric(subject) or not all(_is_cjk(char) or char == "、" for char in subject) or \
            _has_verb(subject):  # (a clause with a verb is no subject)
        return measure, measure_start
    return subject + measure, low + subject_start


def _without_focus(subject: str) -> str:
    """``subject`` without the focus adverbs jieba reads around it as words of
    their own (仅 | 高新区 | 就: 高新区; not the 都 of 成都)."""
    words = [w.word for w in pos_tagger().cut(subject)] if subject else []
    if words and words[0] in _FOCUS_BEFORE:
        words = words[1:]
    if words and words[-1] in _FOCUS_AFTER:
        words = words[:-1]
    return "".join(words)


#: Focus adverbs around a subject (其中仅高新区就完成采购额): no part of it.
_FOCUS_BEFORE = frozenset(("仅", "只", "光", "单", "仅仅"))
_FOCUS_AFTER = frozenset(("就", "也", "还", "都", "则", "已", "已经"))


def _has_noun(phrase: str) -> bool:
    """Whether jieba reads a noun or a verbal noun in ``phrase`` (平均为: none)."""
    return any(word.flag[:1] == "n" or word.flag == "vn" for word in pos_tagger().cut(phrase))


def _has_verb(phrase: str) -> bool:
    """Whether jieba reads a plain verb in ``phrase`` (农产品进入…名录)."""
    return any(word.flag == "v" for word in pos_tagger().cut(phrase))


def _subject_before(ctext: str, figure: _Figure, date_spans: Sequence[tuple[int, int]],
                    place_ends: Mapping[int, int], c: FactCues) -> str:
    """The noun phrase that opens the clause before the figure's, in its
    sentence (苏州一季度 | 规模以上工业总产值 | 突破万亿，达…): dates, places and
    opening words skipped, cut at its first verb; empty when there is none."""
    high = figure.clause_start - 1
    for _ in range(3):  # (工业投资，| 增势强劲，| 增长达50.8%: a comment on it is no subject)
        low = max(figure.sentence[0], high - 2 * _METRIC_MAX)
        if high <= low:
            return ""
        at = _last_clause_start(ctext, low, high)
        if (_CONDITION_CLAUSE.fullmatch(ctext, at, high) or
                _BASE_CLAUSE.fullmatch(ctext, at, high)) and at > low:
            # 把担保上限，| 在符合条件下，| 由15万元提升至20万元: a condition between the
            # topic and its change is no subject; nor is a base (与4月份相比，| 下降25%)
            high = at - 1
            at = _last_clause_start(ctext, low, high)
        frame = _TOPIC_FRAME.fullmatch(ctext, at, high)
        if frame is not None:
            # 从5月份新增贷款金额来看，| …下降25%: the topic the clause frames
            at, high = frame.span("topic")
        phrase = _opening_phrase(ctext, at, high, date_spans, place_ends, c)
        if not phrase and low < at and len(ctext[at:high].strip()) <= _COMMENT_MAX and \
                _continues_topic(ctext[at:high]):
            # 服务输出被拖累，| 在年内放缓，| 全年实质增长只有1.2%: a clause without a
            # subject goes on about the topic of the clause before it
            high = at - 1
            continue
        # (the comment is read in the whole clause: its adjective, 强劲, is no noun)
        trend = _TREND.search(ctext, at, high)
        where = phrase.find(trend.group()[:2]) if trend is not None and \
            not ctext[trend.end():high].strip() else -1
        if where < 0:
            return phrase
        if where > 1:
            return phrase[:where]  # 食品类 | 涨势猛烈，| 同比上涨13.4%
        high = at - 1
    return ""


#: The longest clause read as a comment on the topic before it (在年内放缓, 增势强劲);
#: a longer one has a predicate of its own (还举行销毁…物品仪式).
_COMMENT_MAX = 6


def _continues_topic(clause: str) -> bool:
    """Whether a clause opens with a verb, an adverb or a preposition and holds no
    figure: it has no subject of its own (在年内放缓, 增势强劲)."""
    first = next(iter(pos_tagger().cut(clause.strip())), None)
    return first is not None and (first.flag in _NOT_NOUN or first.flag.startswith("v")) \
        and not any(char.isdigit() for char in clause)


#: A clause that only sets a condition or a circumstance (在符合条件下, 在此基础上).
_CONDITION_CLAUSE = re.compile(r"\s*在[^，,；;。]{1,12}?(?:下|中|时|后|前|基础上)\s*")
#: A clause that only names a base of comparison (与4月份相比, 而同上年相比).
_BASE_CLAUSE = re.compile(r"\s*(?:而|但)?(?:与|同|和|跟)[^，,；;。]{1,14}?(?:相比|比较|相较)\s*")
#: A clause that names the topic of the clauses after it (从5月份新增贷款金额来看, 就财政
#: 收入而言).
_TOPIC_FRAME = re.compile(r"\s*(?:从|就)(?P<topic>[^，,；;。]{2,20}?)(?:来看|看|而言|来说)\s*")

#: A comment on how a quantity moves (增势强劲, 涨势猛烈, 降幅收窄 is a measure):
#: no part of what is measured.
_TREND = re.compile("[增涨降跌升]势(?:强劲|猛烈|明显|良好|较好|喜人|趋缓|放缓|不减|平稳|回落)")


def _opening_phrase(ctext: str, at: int, high: int, date_spans: Sequence[tuple[int, int]],
                    place_ends: Mapping[int, int], c: FactCues, new_opens: bool = True) -> str:
    """The noun phrase that opens ``ctext[at:high]``: dates, places and opening
    words skipped, cut at its first verb; empty when there is none. A verb of a new
    thing may open it (新增贷款金额) where the phrase then runs to the clause's end
    (``new_opens``)."""
    moved = True
    while moved:
        moved = False
        k = bisect_left(date_spans, (at, 0))
        if k < len(date_spans) and date_spans[k][0] == at:
            at, moved = date_spans[k][1], True
            if ctext.startswith("的", at):  # 2012年首3季 | 的 | 薪金
                at += 1
        if at in place_ends:
            at, moved = place_ends[at], True
            if ctext.startswith("的", at):  # 香港 | 的 | 私人银行数目
                at += 1
        offset = _metric_offset(ctext[at:high], c, cut=False, longest=high - at)
        if offset:
            at, moved = at + offset, True
        plan = _PLAN_OPENING.match(ctext, at, high)
        if plan is not None and plan.end() > at:  # “十二五”期间 | 中国整个医疗仪器…市场
            at, moved = plan.end(), True
        if ctext.startswith(_AFTER_DATE, at) and at > 0 and ctext[at - 1] == "年":
            at, moved = at + 2, True  # 2007年 | 以后 | 富邦家具的年出口额
    words: list[Any] = []
    tagged = list(pos_tagger().cut(ctext[at:high]))
    position = at  # where the word stands in ctext
    for i, word in enumerate(tagged):
        position += len(tagged[i - 1].word) if i else 0
        measure = word.word in c.measures_after or word.word in c.generic_measures or \
            word.word in _LIMITS
        # 政府 | 采购 | 规模: a verb between nouns is part of a compound (not 企业 |
        # 实现 | 利润, a subject and its verb)
        # (服务 | 输出 | 被拖累: a verb right before the passive's 被 is a noun, its subject)
        compound = words and word.flag == "v" and len(word.word) > 1 and \
            i + 1 < len(tagged) and (tagged[i + 1].flag in ("n", "vn") or
                                     tagged[i + 1].word == "被") and \
            not word.word.startswith(c.subject_verbs) and word.word not in _COPULAS and \
            word.word not in _PREDICATE_VERBS
        # (文化 | 及 | 创意产业: a conjunction between nouns joins one subject)
        compound = compound or words and word.word in _CONJUNCTIONS and \
            i + 1 < len(tagged) and (tagged[i + 1].flag[:1] == "n" or
                                     tagged[i + 1].flag[:1] == "v" and i + 2 < len(tagged) and
                                     tagged[i + 2].flag[:1] == "n")
        # (我国 | 政府采购规模: the country opens its measure, as 全国 does)
        compound = compound or not words and word.word in c.national_words
        # (新增 | 贷款金额: a new thing opens the measure of it)
        compound = compound or new_opens and not words and word.word in _NEW_THINGS and \
            i + 1 < len(tagged) and tagged[i + 1].flag[:1] == "n"
        if not measure and not compound and (word.flag in _NOT_NOUN or
                                             _idiom_ends(word, words, i, len(tagged)) or
                                             word.word in _DEGREE_ADVERBS or
                                             word.flag == "a" and i + 1 == len(tagged) or
                                             word.flag.startswith("v") and word.flag != "vn"):
            break  # (收入, 支出: measures jieba tags as verbs)
        # (机械工业 | 万元 | 工业增加值综合能耗: a rate's denominator opens the measure)
        rate = word.flag == "m" and ctext.startswith(_rate_openers(), position)
        rate = rate or word.word in _PERIOD_PREFIXES and i + 1 < len(tagged) and \
            tagged[i + 1].flag[:1] == "n"  # (富邦家具的 | 年 | 出口额)
        if word.flag == "m" and not rate:  # 突破 | 万亿: the verb before a number is no noun
            if words and words[-1].flag.startswith("v"):
                words.pop()
            break
        # (a time after a company's name, or after a time skipped, opens a report)
        reporting = bool(words) and words[-1].word.endswith(_COMPANY_ENDS) or \
            not words and i > 0 and tagged[i - 1].flag == "t"
        if word.flag == "t" and not (i + 1 < len(tagged) and not _DEICTIC_TIME.match(word.word)
                                     and tagged[i + 1].flag[:1] in ("n", "l") and not reporting):
            # (iPhone | 当季 | 出货量, 日间 | 照料中心: a time before a noun is part of it)
            if words and not reporting:
                break  # 华强电子公司 | 去年 | 通过…: a time after the subject ends it
            # (圣奥化学科技有限公司 | 今年上半年 | PPD类橡胶防老剂销量: what the company
            # reports in that time is the subject)
            words = []
            continue
        words.append(word)
    phrase = "".join(word.word for word in words)
    if new_opens and words and words[0].word in _NEW_THINGS and len(words) < len(tagged):
        # (新增 | 本土 | 无症状感染者: cut inside, the phrase is read without the verb)
        return _opening_phrase(ctext, at, high, date_spans, place_ends, c, new_opens=False)
    if len(words) < len(tagged):
        whole = _noun_phrase_clause(ctext[at:high].rstrip(), len(phrase), c)
        phrase = whole or phrase
    # (外汇基金的 | 另一主要负债是…: a phrase its 的 leaves open names nothing yet; 我国 |
    # 2010年…: the country alone measures nothing)
    # (BHKP方面: a topic marker, no measure)
    if not _is_metric(phrase) or not all(_is_cjk(char) or char.isascii() and char.isalpha()
                                         for char in phrase) or phrase.endswith(("的", "方面")):
        return ""
    return phrase


def _noun_phrase_clause(clause: str, cut: int, c: FactCues) -> str:
    """The metric a whole clause names when it is one noun phrase that the
    first verb, at ``cut``, would cut in two, or empty: a verb inside a known
    indicator (城镇居民人均 | 可支配 | 收入) or in a phrase its 的 closes (政府租用 |
    的 | 写字楼总楼面), the clause standing as a topic (…，由2700多平方米减至…)."""
    if len(clause) > 2 * _METRIC_MAX or any(char.isdigit() for char in clause):
        return ""
    indicator = next((m for m in _metric_names().finditer(clause)
                      if m.end() == len(clause)), None)
    # (我们会把 | 累计资助上限，…由15万元提升至20万元; 建议将 | 政府债券计划的规模)
    handled = max(clause.rfind("把"), _disposal_at(clause))
    if handled >= cut and _head_noun(clause[handled + 1:], c, verbs=True):
        return clause[handled + 1:]
    adjusted = _ADJUSTING.match(clause)
    if cut == 0 and adjusted is not None and _head_noun(clause[adjusted.end():], c, verbs=True) \
            and _relative_clause(clause, adjusted.end(), c):
        return clause[adjusted.end():]  # 调高 | 医保统筹基金最高支付限额，从7万元提高到28万元
    if cut == 0:
        return ""  # (但 | 涨幅最明显的…, 也就是说: no noun opens the clause)
    of = clause.rfind("的")
    if indicator is not None and indicator.start() <= cut or \
            of >= cut and _head_noun(clause[of + 1:], c) and \
            not clause.endswith(_LEVEL_HEADS) and _relative_clause(clause[:of], cut, c):
        # (the verb a 的 phrase holds keeps its place: 油气在能源生产构成中的比重)
        return clause[_metric_offset(clause, c, cut=False, longest=2 * _METRIC_MAX):]
    return ""


def _relative_clause(before_of: str, cut: int, c: FactCues) -> bool:
    """Whether the words before a 的, from its first verb at ``cut``, describe the
    noun after it (政府在中环租用 | 的写字楼) rather than say something of the
    subject: no copula (机械制造领域一直是其最大的市场), no aspect after a verb
    (规模保持了持续增长 | 的态势), no measure as the subject (猪肉批发价格 | 创下的)."""
    subject = before_of[:cut]
    if subject.endswith((*c.measures_after, *c.generic_measures, *_MEASURE_ENDS,
                         *_AMOUNT_ENDS)):
        return False
    return not any(word.word in _COPULAS or word.word in _ASPECTS
                   for word in pos_tagger().cut(before_of[cut:]))


#: Times relative to now (上周, 去年, 今年上半年): a period a clause reports, never part
#: of its measure, as 当季 (当季出货量) and 日间 (日间照料中心) may be.
_DEICTIC_TIME = re.compile("(?:上|去|今|本|前|近|明|下|这)(?:周|年|月|日|天|季度|季|半年|个月)"
                           "|[上下]半年|此前|之前|以前|目前|当前|现在|如今|近日|日前|近期|同期|届时")
#: Verbs that only ever start a predicate after a subject (销量 | 继续 | 创历史新高).
_PREDICATE_VERBS = frozenset(("继续", "保持", "达到", "突破", "创下", "再创", "创出", "创造",
                              "刷新"))
#: Words after a year that make it a start (2007年以后): no part of the subject after it.
_AFTER_DATE = ("以后", "以来", "以前", "之后", "之前")
#: Periods that open a rate's name (年出口额, 月销量).
_PERIOD_PREFIXES = frozenset(("年", "月", "日"))
#: A plan period that opens a clause (“十二五”期间, 十一五时期): no part of its subject.
_PLAN_OPENING = re.compile(r"[“\"]?十?[一二三四五六七八九]五[”\"]?(?:期间|时期|以来|末)?[，,]?")
#: Endings of company names, after which a time starts what the company reports.
_COMPANY_ENDS = ("公司", "集团", "股份", "企业", "银行")
#: Adverbs of degree jieba may read as other words (较 | 少): a predicate starts there.
_DEGREE_ADVERBS = frozenset(("较", "很", "最", "更", "比较", "十分", "非常", "相对", "相当"))
#: Copulas: a clause with one says what its subject is, it is no noun phrase
#: (菲律宾人 | 是 | 香港最大群的少数族裔人士).
_COPULAS = ("是", "为", "成为")
#: Verbs that complete a 把 within its clause (把自主品牌汽车 | 纳入 | 范围): the object
#: before them is no topic a later clause changes.
_DISPOSAL_VERBS = frozenset(("纳入", "列入", "列为", "作为", "转为", "改为", "变为", "放在", "交给",
                             "用于", "用在", "推向", "提高到", "提升到", "降到", "控制在", "放到"))
#: Limits, which jieba tags as verbs (担保上限).
_LIMITS = frozenset(("上限", "下限"))
#: Levels a measure reaches (猪肉批发价格创下的 | 历史最高水平): the measure before the
#: verb is what the figure measures, not the level.
_LEVEL_HEADS = ("水平", "高位", "低位", "新高", "新低", "纪录", "记录", "峰值", "高点", "低点")


def _idiom_ends(word: Any, words: list[Any], i: int, count: int) -> bool:
    """Whether an idiom ends a subject: a 成语 anywhere (出口金额 | 再创新高); a set
    phrase opening the clause (毫无疑问) or closing it (不升反降), not one inside a
    noun phrase, where jieba also gives the flag to words (轴承 | 发货量 | 预计)."""
    return word.flag == "i" or word.flag == "l" and (not words or i + 1 == count) and \
        not word.word.endswith((*_AMOUNT_ENDS, *_MEASURE_ENDS))  # (粮食产量 is a measure)


#: Verbs of adjusting that open a clause whose object a later 从…到 changes.
_ADJUSTING = re.compile("(?:调高|调低|提高|降低|上调|下调|调整|扩大|缩小|放宽|收紧)")


def _disposal_at(clause: str) -> int:
    """Where 将 stands as 把 does, before the noun it handles (建议将 | 政府债券计划的
    规模), or -1 (政府将 | 投入: 将 of the future)."""
    at = clause.rfind("将")
    if at < 0:
        return -1
    first = next(iter(pos_tagger().cut(clause[at + 1:])), None)
    return at if first is not None and first.flag[:1] == "n" else -1


def _head_noun(phrase: str, c: FactCues, verbs: bool = False) -> bool:
    """Whether ``phrase`` is a head noun a 的 may close on: it ends in a noun or
    a measure (收入, 上限: jieba tags them as verbs) and has no verb but for its
    first word (担保 | 上限, not 项目 | 完成 | 投资); with ``verbs``, verbs before
    its first noun are modifiers (the object of 把 is a noun phrase: 累计 | 资助 | 上限)."""
    words = list(pos_tagger().cut(phrase))
    if not words:
        return False
    last = words[-1]
    measure = last.word in c.measures_after or last.word in c.generic_measures or \
        last.word in _LIMITS
    if verbs:  # (verbs are modifiers: 累计 | 资助 | 上限; not 汽车 | 纳入 | 范围, 把's own)
        return (measure or last.flag.startswith("n")) and \
            not any(word.word in _DISPOSAL_VERBS for word in words)
    return (measure or last.flag.startswith("n")) and \
        not any(word.flag == "v" for word in words[1:len(words) - measure])


def _employer(ctext: str, figure: _Figure, date_spans: Sequence[tuple[int, int]],
              place_ends: Mapping[int, int], c: FactCues) -> str:
    """Who employs the people a count after an employing verb counts (四大支柱产业，
    包括…，共聘用 | 170万名雇员): the noun phrase before the verb in the clause, else
    the one that opens the sentence (after a clause that is only a time: 现时，); empty
    when the count follows no employing verb or the employer is only a pronoun
    (这些产业, 整个行业: the reader's context, not the text, names it)."""
    left = ctext[figure.clause_start:figure.start]
    verb = max(((left.rfind(v), v) for v in c.subject_verbs_only), default=(-1, ""))
    if verb[0] < 0 or len(left) - verb[0] - len(verb[1]) > 4:
        return ""
    written = ctext[figure.clause_start:figure.clause_start + verb[0]]
    if written.lstrip().startswith(c.demonstratives):
        return ""
    own = _opening_phrase(ctext, figure.clause_start, figure.clause_start + verb[0],
                          date_spans, place_ends, c)
    if own:
        return own
    start, end = figure.sentence[0], figure.clause_start
    while start < end:
        stop = min((i for i in (ctext.find(m, start, end) for m in "，,；;") if i >= 0),
                   default=end)
        if not _only_time_words(ctext[start:stop]):
            opener = _opening_phrase(ctext, start, stop, date_spans, place_ends, c)
            return opener if opener.endswith(c.employers) else ""
        start = stop + 1
    return ""


#: Prepositions that open a clause's topic, never a metric (按 and 跟 may:
#: 按总产值计算的全员劳动生产率).
_OPENING_PREPOSITIONS = frozenset(("对于", "关于", "至于", "据", "根据", "随着", "对"))


def _function_words(text: str) -> int:
    """How many characters of conjunctions (虽然, 但是, 因此, as jieba tags
    them) and topic prepositions (对于, 据) open ``text``."""
    at = 0
    for word in pos_tagger().cut(text[:12]):
        if word.flag != "c" and word.word not in _OPENING_PREPOSITIONS:
            break
        at += len(word.word)
    return at


def _only_verbs(text: str) -> bool:
    """Whether ``text`` is a verb of reaching (提高到, 下调至, 增加到, 发展到): what
    a figure reaches, not what it measures. (A verbal noun such as 带动就业 or
    增收 may well be a metric.)"""
    return text.endswith(("到", "至")) and \
        all(w.flag in _VERB_FLAGS or w.flag == "vn" for w in pos_tagger().cut(text))


def _only_time_words(text: str) -> bool:
    """Whether ``text`` is only words jieba tags as times (现在, 目前, 现时): when
    a figure is, not what it measures (现在已超过 | 800万个)."""
    return all(w.flag == "t" for w in pos_tagger().cut(text))


def _one_verb(text: str) -> bool:
    """Whether ``text`` is one word that jieba tags as a verb (跨越, 攀升)."""
    words = list(pos_tagger().cut(text)) if text else []
    return len(words) == 1 and words[0].flag == "v"


_VERB_FLAGS = frozenset(("v", "vd", "vg", "d", "p", "u", "ul", "uj", "uz", "ug", "c", "f",
                         "m"))  # (增大几倍至)


def _last_word_flag(text: str) -> str:
    """jieba's part-of-speech flag of the last word of ``text`` ('' when empty);
    only the last 8 characters are tagged."""
    words = list(pos_tagger().cut(text[-8:]))
    return words[-1].flag if words else ""


def _last_verb(text: str, longer_than: int = 1) -> str:
    """The verb of more than ``longer_than`` characters that ends ``text`` (覆盖,
    服务), or empty."""
    words = list(pos_tagger().cut(text[-8:]))
    return words[-1].word if words and words[-1].flag == "v" and \
        len(words[-1].word) > longer_than else ""


#: A measure word of money before an amount (一笔, 一份, 第二批, 首批): no part of what
#: the amount measures, which is written after it (安排一笔500万元的专项资金).
_ARTICLE_MEASURE = re.compile("(?:[一两]|第[一二三四五六七八九十]+|首|下一|上一|新一)[笔份批]$")
#: Aspect particles after a verb (欠着, 修了, 建过).
_ASPECTS = ("着", "了", "过")


def _ends_in_verb(text: str, longer_than: int = 0) -> bool:
    """Whether the last word of ``text`` is a verb (增发, not 资金) of more than
    ``longer_than`` characters (提供, not the 如 of 如超过500万元的项目)."""
    return bool(_last_verb(text, longer_than))


def _ends_in_preposition(text: str) -> bool:
    """Whether the last word of ``text`` is a preposition (我们将把 | 12幅): what
    governs a phrase still to come, so no metric."""
    return _last_word_flag(text) == "p"


def _ends_in_noun(text: str) -> bool:
    """Whether the last word of ``text`` is a noun (存款余额, not 建, 低)."""
    return _last_word_flag(text).startswith("n")


def _leading_non_letters(text: str, kept: int | None = None) -> int:
    """How many characters before ``text``'s first letter (quotes, spaces,
    marks), no further than ``kept`` (where a size in the metric begins)."""
    lead = next((i for i, char in enumerate(text) if _is_letter(char)), len(text))
    return lead if kept is None else min(lead, kept)


def _kept_size(before: _Figure | None, metric_start: int) -> int | None:
    """Where, from ``metric_start``, the threshold or size figure before this
    one begins, which is part of the metric (3000万元以上 | 项目, 10千伏 | 线路)."""
    if before is not None and before.threshold and metric_start <= before.start:
        return before.start - metric_start
    return None


def _starts_with_verb(text: str) -> bool:
    """Whether jieba tags the first word of ``text`` as a verb, preposition or
    conjunction (what follows a figure then is no noun it counts)."""
    first = next(iter(pos_tagger().cut(text[:8])), None)
    return first is not None and first.flag[:1] in ("v", "p", "c", "u")


def _in_latin_name(text: str, index: int) -> bool:
    """Whether the digit at ``index`` is part of a Latin name (PM2.5, PM10, 5G is
    not: a name starts with letters)."""
    at = index
    while at > 0 and (text[at - 1].isdigit() or text[at - 1] == "."):
        at -= 1
    return at > 0 and text[at - 1].isascii() and text[at - 1].isalpha()


#: Digits inside a metric that name a rank or a set of places, not an address
#: or an earlier figure: 国内前100强的药品生产企业, 5省抗旱救灾资金, 11个县的补助.
_COUNTED_QUALIFIER = re.compile(r"前[0-9]+(?:强|名|位)|[0-9]+个?(?:省|市|县|区|国)")


def _counted_qualifier(text: str, index: int) -> bool:
    """Whether the digit at ``index`` is part of a rank or a count of places."""
    start = index
    while start > 0 and text[start - 1].isdigit():
        start -= 1
    if start > 0 and text[start - 1] == "前":
        start -= 1
    match = _COUNTED_QUALIFIER.match(text, start)
    return match is not None and match.end() > index


def _is_cjk(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff"


def _is_letter(char: str) -> bool:
    """A Chinese character or a Latin letter (CPI, GDP): what a metric starts and ends with."""
    return _is_cjk(char) or char.isascii() and char.isalpha()


#: The country itself: its figures are national, with no place (docs/facts.md, decisions).
_THE_COUNTRY = frozenset(("中国", "中华人民共和国"))
#: A change named after a percentage, ending its clause (40% | 的增长, 596% | 的爆炸式增长,
#: 0.3% | 的负增长; not 8% | 的增长速度, the name of a rate).
_GROWTH_AFTER = re.compile(r"的(?P<how>[\u4e00-\u9fff]{0,3}?)"
                           r"(?P<word>增长|增幅|涨幅|上涨|提升|提高|下降|降幅|跌幅|下跌|减少|下滑)"
                           r"(?![\u4e00-\u9fff])")
#: Nouns of a fall that the change verbs do not hold.
_FALL_NOUNS = ("降幅", "跌幅")
#: Words after a range that make it a class of things (18万元至25万元 | 价位的车型).
_RANGE_CLASSES = ("价位", "档次", "档位", "之间的")
#: 的, a noun and a count right after a bounded figure (超千亿元 | 的开发区10个).
_COUNTED_AFTER = re.compile("的[\u4e00-\u9fff]{0,8}?[0-9一二三四五六七八九两]")


def _modifies_noun(after: str, c: FactCues) -> bool:
    """以上 / 以下 and a noun right after the figure (5000万元以上的项目, 5000万元
    以上项目, 110千伏及以上线路): it sets a threshold of a class of things; or a
    head that a size names, with the clause's figure after it (公交站点500米 |
    覆盖率达95%, 10千伏 | 线路300公里): the figure is part of that metric's name
    (SPEC section 6), no fact of its own."""
    if after.startswith(("以上的", "以下的", "以内的", "左右的")):
        return True
    for bound in ("及以上", "及以下", "以上", "以下", "以内"):
        if after.startswith(bound):
            # (50万元以上 | （含50万元） | 的项目: the note on the bound is no part of it)
            rest = _NOTE_AFTER.sub("", after[len(bound):])
            return bool(rest) and _is_cjk(rest[0])
    head = next((h for h in c.sized_heads if after.startswith(h)), None)
    return head is not None and _FIGURE_LATER.search(after, len(head)) is not None


def _bracketed_size(ctext: str, figure: _Figure) -> bool:
    """Whether the figure is a size or bound written in brackets after a name
    (大型客车(20座以上), 30万元以上（含30万元）): it names a class, no fact."""
    opened = ctext[max(figure.clause_start, figure.start - _NOTE_REACH):figure.start]
    closing = _CLOSING_NOTE.match(ctext, figure.end)
    # (a bound says it is a class: not 广东（59518亿元）, a value in brackets)
    return closing is not None and bool(opened) and (
        opened[-1] in "(（" and any(w in closing.group(0) for w in _SIZE_BOUNDS) or
        opened.endswith("含"))


#: What makes a bracketed figure a class's size (20座以上, 9座以下含9座).
_SIZE_BOUNDS = ("以上", "以下", "以内", "含")
#: How far before a figure the note's bracket opens (（含 | 30万元）).
_NOTE_REACH = 3
#: What may follow a bracketed size before its bracket closes (以上, 以下含9座, MPV).
_CLOSING_NOTE = re.compile(r"[^()（）。；]{0,12}[)）]")


#: A bracketed note right after a bound (以上（含50万元）).
_NOTE_AFTER = re.compile(r"^[（(][^()（）]{0,12}[)）]")
#: A figure later in the clause, after a sized head (覆盖率 | 达95%).
_FIGURE_LATER = re.compile("[0-9一二三四五六七八九十两]")


#: A rate's denominator written with digits (每10万人口, 按每20人, 平均每1000名):
#: no figure (SPEC), and no part of the metric.
_DENOMINATOR = re.compile("(?:按|平均)?每[0-9.]+[十百千万亿]*[\u4e00-\u9fff]口?")
#: Verbs between a denominator and what it is the denominator of (每万人 | 拥有 | 医生).
_HAVING = ("拥有", "配备", "配置", "有")
#: Verbs of having, which name no kind of population (共有2.9亿人口).
_HAVING_VERBS = frozenset({*_HAVING, "共有", "具有", "约有"})


def _denominator(stripped: str) -> tuple[int, int] | None:
    """``(start, end)`` of the last digit-written denominator in ``stripped``."""
    last = None
    for match in _DENOMINATOR.finditer(stripped):
        last = match
    return (last.start(), last.end()) if last is not None else None


_MEASURE_LINK = re.compile("(?:左右|多|余)?的")


def _target_after(after: str, c: FactCues) -> str:
    """A target named right after its amount (全年60亿元 | 采购任务 | 的53%): Chinese
    characters up to a target word that ends a word of them (任务, 目标, 计划)."""
    run = after[:_TARGET_REACH]
    for end in range(len(run), 2, -1):
        phrase, following = run[:end], after[end:end + 1]
        if phrase.endswith(c.targets) and all(_is_cjk(char) for char in phrase) and \
                not any(char in _NOT_IN_TARGET for char in phrase) and \
                (not following or following == "的" or not _is_cjk(following)) and \
                end in {stop for _, stop in _word_spans(run)} and \
                not phrase.startswith(c.targets):
            return phrase
    return ""


#: How far after an amount a target it names is read (60亿元 | 政府采购任务).
_TARGET_REACH = 8
#: Words that join or link, which no target's name holds (10萬個單位 | 為產量目標).
_NOT_IN_TARGET = frozenset("的和与及为為是")


def _measure_after(after: str, c: FactCues) -> str:
    """The measure a figure is the value of when written after it with 的
    (902亿元 | 的 | 政府采购规模, 2%左右 | 的 | 年化担保费率): the Chinese
    characters after 的, up to the last head of ``measures_after`` among them
    (no further than a conjunction or the next 的); empty when there is none or
    the phrase is shorter than three characters."""
    link = _MEASURE_LINK.match(after)
    if link is None:
        return _target_after(after, c)
    run = []
    for char in after[link.end():link.end() + _METRIC_MAX]:
        if not _is_cjk(char) or char in "的和及与或等":
            break
        run.append(char)
    phrase = "".join(run)
    for end in range(len(phrase), 2, -1):
        if phrase[:end].endswith(c.measures_after):
            return phrase[:end]
    return ""


#: Generic words for kinds of a thing, counted after a noun that names the thing
#: (中成药102个品种, 农产品300多个种类).
_KIND_WORDS = frozenset(("品种", "种类", "品类", "类别", "品目"))
#: Words of worth right before an amount that describes the thing after it (一辆价值28万元的).
_WORTH_WORDS = ("总价值", "价值", "价钱", "售价", "总价")


def _noun_after(after: str, c: FactCues, predicate: bool = False, as_object: bool = False
                ) -> str:
    """The counted noun written right after a figure (31个 | 街道综合养老服务中心;
    120余家 | 企业 | 提供…): Chinese characters (and quotation marks) up to a
    conjunction, cut before the first verb, adverb or preposition. With
    ``predicate``, a verb right after the figure starts the metric instead
    (2600人 | 取得职业技能等级证书; 2人 | 入选国家“万人计划”). With ``as_object``
    (the count is a verb's object or follows a 的 phrase), a noun whose first
    words jieba reads as verbs is whole (修建了3个 | 提水站, 查办的63起 | 挪用案)."""
    latin = _LATIN_NAME.match(after)
    if latin is not None:
        return latin.group(0)  # 采购七部 | iPod4, 5台 | PC服务器
    series = next((name for name in c.division_series if after.startswith(name)), "")
    if series:
        return series  # 12个 | 省、自治区和直辖市, 12个 | 县（市、区）: one class, whole
    run = []
    for char in after[:_METRIC_MAX]:
        if not (_is_cjk(char) or char in _QUOTES):
            break
        run.append(char)
    text = _before_joining_word("".join(run))
    if text.startswith(_BOUNDS_AFTER) and not text.startswith("余额"):
        return ""  # 1万人以上: a bound, not a noun (but 100万 | 余额 is one)
    if text.endswith(c.located_bounds):
        text = text[:-2]  # 720个 | 中标产品 | 中约40%: where the next figure is
    words = list(pos_tagger().cut(text)) if text else []
    if words and after.startswith("的", len(text)) and words[0].flag[0] in _CLAUSE_OPENERS \
            and words[0].word not in c.verbs_after and "为" not in text:
        # 7500个 | 不同工种的 | 新就业机会, 48000个 | 兴建中而未售出的 | 单位: a clause
        # before 的 describes the counted noun after it (not 7000个持续护理宿位 | 的资助
        # 金额, a measure of what is counted; not 22个相关单位为成员的…)
        head = _described_noun(after[len(text) + 1:], c)
        if head and not head.endswith((*_MEASURE_ENDS, *_AMOUNT_ENDS)):
            return f"{text}的{head}"
        if head and _ends_in_noun(text) and _is_metric(text):
            return text  # 7000个 | 持续护理宿位 | 的资助金额: what is counted is before 的
    if len(words) > 2 and words[0].word == "可" and words[1].flag == "vn":
        # 400公顷 | 可发展土地, 可建设用地: 可 and a verbal noun qualify the noun
        words = [Tagged(words[0].word + words[1].word, "n"), *words[2:]]
    if as_object and words and words[0].flag.startswith("v"):
        compound = _verbal_compound(words, c)
        if compound:
            return compound
    if predicate and words and (words[0].flag.startswith("v") or text.startswith(c.verbs_after)):
        # (提高到 69.7% is a level reached, not a predicate that names a count)
        reached = text[:len(text) - _reached_time(text)]  # (增加至 | 现时的 | 41间)
        return text if _is_metric(text) and not _only_verbs(reached) else ""
    measure = next((text[:end] for end in range(2, min(len(text), _MEASURE_PREFIX) + 1)
                    if text[:end].endswith(c.measures_after)), "")
    if measure and len(words) > 1 and \
            sum(len(w.word) for w in words[:2]) == len(measure):
        return measure  # 900万元 | 经常开支 (jieba: 经常 d, 开支 v)
    noun = ""
    for i, word in enumerate(words):
        if noun and _joins_two_nouns(words, i):
            noun += word.word  # 135家 | 中央和国家机关 | 共采购: one class of two nouns
            continue
        # (发展 | 到 | 现在的150多个: a verbal noun before 到 is a verb of reaching)
        verb = word.flag.startswith("v") and word.flag != "vn" or \
            word.flag == "vn" and i + 1 < len(words) and words[i + 1].word in ("到", "至")
        if verb or word.flag in _NOT_NOUN or word.flag.startswith("u") or \
                word.word in _LOCATIVES or word.word in c.metric_starts or \
                word.word in _SCOPE_WORDS or word.word in _DEGREE_WORDS and (
                    i + 1 == len(words) or words[i + 1].flag.startswith("v")) or \
                word.word.startswith(c.verbs_after) and (i > 0 or not word.flag.startswith("n")) \
                or word.word in c.times_after_noun and i > 0:
            # (12幅 | 合共30公顷, 5幅 | 预计; but 3000多个 | 就业机会 opens with a noun;
            # 30多个国家 | 正在, 5家企业 | 今年: a word of time after the noun ends it)
            break  # 180余人 | 组成…: a verb is where the counted noun ends (or is none)
        noun += word.word
    if noun in c.counted_divisions and not after.startswith(noun * 2):
        # 29个 | 县 | 的59个单位: a division counted by its one-character name (not 村村通)
        return noun
    opens_with_verb = bool(words) and words[0].word.startswith(c.verbs_after) and \
        not words[0].flag.startswith("n")
    return noun if _is_metric(noun) and not opens_with_verb else ""


def _before_joining_word(run: str) -> str:
    """``run`` up to 的 or a word of its own that joins or closes (和, 及, 与, 或, 等),
    not such a character inside a word (73家 | 中央企业 | 参与…: 与 is in 参与)."""
    run = run.split("的", 1)[0]  # (的 ends it even where jieba glues it: 4971个 | 税目 | 的进口…)
    if not any(char in _JOINING_WORDS for char in run):
        return run
    words = list(pos_tagger().cut(run))
    end = 0
    for index, word in enumerate(words):
        if word.word in _JOINING_WORDS and not (end and _joins_two_nouns(words, index)):
            break  # (135家 | 中央和国家机关 | 共采购: one class of two nouns)
        end += len(word.word)
    return run[:end]


def _joins_two_nouns(words: list[Tagged], index: int) -> bool:
    """Whether ``words[index]`` is a 和 / 及 / 与 between a noun and a common noun of
    two characters or more (中央和国家机关, 企业和个人): one class of things counted."""
    following = words[index + 1] if index + 1 < len(words) else None
    after = words[index + 2] if index + 2 < len(words) else None
    # (one noun on each side: not 专家学者和 | 中国工程院 | 院士黎鳌, a list of people)
    return words[index].word in _NOUN_JOINS and index > 0 and \
        words[index - 1].flag[:1] == "n" and following is not None and \
        following.flag in _JOINED_NOUNS and len(following.word) > 1 and \
        (after is None or after.flag[:1] != "n")


_JOINING_WORDS = frozenset("和及与或等")
#: Those that join two nouns into one class of things counted.
_NOUN_JOINS = frozenset("和及与")


#: One-character heads of counted things that jieba may tag as verbs or bound forms
#: (提水 | 站, 调研 | 组, 挪用 | 案).
_COUNTED_HEADS = frozenset("站组队案厂所点场班室库池井坝园区棚窖")
#: One-character modals that open a counted noun (拟 | 任用 | 人选, 待 | 审批 | 项目).
_MODAL_PREFIXES = frozenset("拟待")
#: Tags of common nouns (not names of people or places: 位于 | 大埔 is a predicate).
_COMMON_NOUNS = frozenset(("n", "ng", "nz", "zg"))
#: Tags of the noun after a 和 that joins two into one class: common nouns and names of bodies
#: (中央和 | 国家机关).
_JOINED_NOUNS = _COMMON_NOUNS | {"nt"}
#: Verbs that make a noun of a new or coming thing (新增资助宿位, 在建项目).
_NEW_THINGS = ("新增", "新建", "新开工", "新设", "新开", "在建", "续建", "拟建", "待建")
#: Adverbs of things coming one after another or soon (陆续投入服务, 即将建成): what
#: they say is of the counted things themselves.
_EVENT_SEQUENCE_ADVERBS = frozenset(("陆续", "相继", "先后", "逐步", "即将", "将", "将会",
                                     "正在", "将要"))
#: The longest counted noun that opens with verbs (查勘理赔小组).
_VERBAL_COMPOUND_MAX = 8


def _whole_before(ctext: str, figure: _Figure, c: FactCues) -> str:
    """The whole a share is of, where the clause before it names it with 中 and the
    share's own clause has only a bound before it (全港私人住宅單位中，| 超過 | 一半的…
    -> 私人住宅單位); empty otherwise."""
    if figure.start - figure.clause_start > _SHARE_OPENING_MAX:
        return ""
    own = ctext[figure.clause_start:figure.start].strip()
    if own and own not in c.bound_words and own not in c.bound_characters and \
            own not in _HAVING_VERBS:
        return ""
    end = figure.clause_start - 1
    if end <= figure.sentence[0] or not ctext.startswith("中", end - 1):
        return ""
    start = max(ctext.rfind(mark, figure.sentence[0], end) for mark in "，,；;：:") + 1
    whole = ctext[max(start, figure.sentence[0]):end - 1].strip()
    whole = whole[_function_words(whole):].removeprefix("在")  # (在 | 全市规模以上工业企业中)
    opening = next((w for w in (*c.metric_starts, *c.deictic_levels) if whole.startswith(w)),
                   "")
    whole = whole[len(opening):]
    return whole if 1 < len(whole) <= _METRIC_MAX and _is_metric(whole) and \
        not _has_verb(whole) else ""


#: How much may stand before a share in its clause (超過, 有, 大约有).
_SHARE_OPENING_MAX = 4


def _person_event(after: str, c: FactCues) -> str:
    """The event a count of people is followed by (死亡, 全部 | 遇难), if the
    predicate ends there (not 死亡率, 下岗职工: a noun the event word modifies)."""
    after = after.lstrip()
    adverb = next((w for w in c.event_adverbs if after.startswith(w)), "")
    after = after[len(adverb):]
    event = next((w for w in c.person_events if after.startswith(w)), "")
    following = after[len(event):len(event) + 1]
    return event if event and (not _is_cjk(following) or following in _AFTER_EVENT) else ""


#: What may follow an event word that ends its predicate (6人死亡、150人受伤; 死亡和失踪).
_AFTER_EVENT = frozenset("了和及与或")


def _in_object_position(left: str, c: FactCues) -> bool:
    """Whether a count follows a verb, an aspect particle or a 的 phrase in its
    clause (修建了 | 3个, 检察机关查办的 | 63起), or opens it after nothing but the
    unit the text is about (全县 | 41个帮扶车间): what it counts is written after it
    (not after 其中, which counts a part of what was named before)."""
    left = left.strip()
    return not left or left in c.deictic_levels or left.endswith(("的", *_ASPECTS)) or \
        _ends_in_verb(left, 1) or left.endswith(_COUNT_JOINS) and \
        _COUNTED_BEFORE_JOIN.search(left[-_METRIC_MAX:]) is not None


#: A count, its unit and a noun before a conjunction (8名基层干部 | 和 | 7名处级干部): the
#: count after the conjunction is the same verb's object.
_COUNTED_BEFORE_JOIN = re.compile(
    "[0-9一二两三四五六七八九十百千万]+[^0-9，,；;。]{2,10}[和、及与]$")


def _verbal_compound(words: list[Tagged], c: FactCues) -> str:
    """A counted noun whose first one or two words jieba reads as verbs, closed by
    a noun or a counted head (信访 | 案件, 提水 | 站, 查勘 | 理赔 | 小组); empty when
    no noun follows the verbs or the first verb is a predicate (取得, 参加)."""
    i = 0
    while i < min(2, len(words)) and words[i].flag.startswith("v") and \
            (len(words[i].word) == 2 or i == 0 and words[i].word in _MODAL_PREFIXES) and \
            not words[i].word.startswith(c.verbs_after):
        i += 1  # (a copula or a one-character verb is a predicate: 是 | 新增土地)
    j = i
    while j < len(words) and (words[j].flag in _COMMON_NOUNS or words[j].word in _COUNTED_HEADS
                              or words[j].flag == "b" and j + 1 < len(words) and
                              words[j + 1].flag in _COMMON_NOUNS) \
            and not words[j].word.startswith(c.verbs_after):
        j += 1  # (新增 | 公共 | 停车位: an attribute word before a noun is part of it)
    if j - i > 1 and j < len(words) and words[j].word not in _EVENT_SEQUENCE_ADVERBS:
        # (受灾 | 企业 | 损失 | 已超过: the last noun heads what the predicate says; not
        # 新增 | 资助 | 宿位 | 陆续投入服务, where the counted things themselves are the subject)
        j -= 1
    noun = "".join(w.word for w in words[:j])
    return noun if i and j > i and len(noun) <= _VERBAL_COMPOUND_MAX and _is_metric(noun) else ""


def _money_after(after: str, c: FactCues) -> str:
    """The kind of money written right after an amount (50.13亿元 | 扶贫资金 | 中;
    6560万元 | 扶贫到户贴息贷款; 1.51亿元 | 扶贫资金 | 被虚报冒领): the Chinese characters
    up to a conjunction or a comma, up to the last noun of money (资金, 贷款) among them."""
    run = []
    for char in after[:_METRIC_MAX]:
        if not _is_cjk(char) or char in "的和及与或等":
            break
        run.append(char)
    phrase = "".join(run)
    # (the phrase up to its last noun of money: 8.7亿元 | 扶贫资金 | 闲置或…)
    end = max((phrase.rfind(noun) + len(noun) for noun in c.money_nouns if noun in phrase),
              default=0)
    return phrase[:end] if end and _is_metric(phrase[:end]) else ""


#: A product or model name in Latin letters right after a count (iPod4, PC服务器).
_LATIN_NAME = re.compile(r"[A-Za-z][A-Za-z0-9]+[\u4e00-\u9fff]{0,4}(?=[^\u4e00-\u9fffA-Za-z0-9]|$)")


def _holding(stripped: str, after: str, figure: _Figure, c: FactCues) -> str:
    """The stake a share after a verb and its object is of (并购全兴集团 | 4%的股权 →
    全兴集团股权, 持有贵州茅台 | 11.88%的股份 → 贵州茅台股份): the object and the noun of
    holding its 的 describes (``share_objects``), not the verb and the object."""
    if figure.figure.label != "PERCENT" or not after.startswith("的") or \
            not after.startswith(c.share_objects, 1):
        return ""
    words = list(pos_tagger().cut(stripped[-_OBJECT_REACH:]))
    k = len(words)
    while k and (words[k - 1].flag.startswith("n") or words[k - 1].flag in _OBJECT_FLAGS):
        k -= 1
    if not (0 < k < len(words) and words[k - 1].flag == "v"):
        return ""
    held = next(word for word in c.share_objects if after.startswith(word, 1))
    holder = "".join(w.word for w in words[k:])
    overlap = next((n for n in range(len(held), 0, -1) if holder.endswith(held[:n])), 0)
    return holder[:len(holder) - overlap] + held  # (占有笔记本电脑市场 | 的市场份额: one 市场)


#: How much of the text before a share is read for a verb and its object (read whole
#: words: 收购赞比西煤矿项目), and the words of an object besides nouns (全兴 b, Latin names).
_OBJECT_REACH = 20
_OBJECT_FLAGS = frozenset(("b", "j", "eng"))


def _described_noun(after: str, c: FactCues) -> str:
    """The noun phrase after a describing clause and its 的 (不同类型的 | 就业岗位):
    words of Chinese characters up to a conjunction, an adverb, a preposition,
    a verb after a noun (企业 | 提供服务) or a word that opens a predicate
    (第二期工程 | 预计), ending in a noun, a verbal noun or a set phrase (扩建工程)."""
    words: list[Tagged] = []
    tagged = list(pos_tagger().cut(after[:_METRIC_MAX]))
    for index, word in enumerate(tagged):
        if words and _joins_two_nouns(tagged, index):
            words.append(word)  # (价值2万余元的 | 药品和血压计)
            continue
        if not all(_is_cjk(char) for char in word.word) or word.word in "的和及与或等" or \
                words and word.word.startswith(c.predicate_openers) or \
                word.flag in ("p", "d", "c", "r", "f") or \
                word.flag == "v" and any(w.flag.startswith("n") for w in words):
            break
        words.append(word)
    if not words or not (words[-1].flag.startswith("n") or words[-1].flag in ("vn", "l")):
        return ""
    phrase = "".join(w.word for w in words)
    return phrase if _is_metric(phrase) else ""


_QUOTES = "“”‘’\"'《》「」"
#: How long a measure written right after a figure may be (经常开支, 营运开支).
_MEASURE_PREFIX = 6
_AT_DATE = ("于", "在")  # a preposition that introduces the date written before a figure
_BOUNDS_AFTER = ("以上", "以下", "以内", "左右", "之间", "上下", "多", "余", "之上", "之下", "上方",
                 "下方", "附近")
_NOT_NOUN = frozenset(("v", "vd", "vg", "p", "d", "c", "r", "ad"))
#: First words of a clause that describes a noun (a verb, an adjective, an adverb).
_CLAUSE_OPENERS = frozenset("vad")
_CONJUNCTIONS = ("和", "及", "与", "或")
_LOCATIVES = frozenset(("中", "内", "里"))  # 30余家 | 汽车供应商 | 中: where, not what
#: Words of scope after a count that jieba may read as nouns (10478人 | 全部 | 达到).
_SCOPE_WORDS = frozenset(("全部", "全都", "全数", "悉数", "一律", "全面"))
#: Words of degree jieba reads as nouns: adverbs before a verb (1090公里 | 基本 | 建成),
#: modifiers before a noun (3项 | 基本政策).
_DEGREE_WORDS = frozenset(("基本", "基本上"))


def _strip_right(left: str, c: FactCues, date_ends: dict[int, int], offset: int,
                 percent: bool = False) -> str:
    """``left`` (clean text from ``offset``) without the verb, bound and
    comparison words next to the figure, nor a date written there (覆盖率从
    2021年年底的 | 18%); ``date_ends`` maps the clean end of each DATE to its start.
    A change word that is also a noun (增收) goes only after a comparison base
    or before a ``percent`` figure (比上年增支 | 4676万元; 粮食减产 | 3.5%)."""
    stripped = left
    changed = True
    while changed and stripped:
        changed = False
        tail = max(0, len(stripped) - _ASIDE_MAX)  # (an aside ends the text: read its end)
        aside = _ASIDE.search(stripped, tail)
        if aside is not None:  # 普通高等学校（含普通、职业本专科） | 106所
            stripped = stripped[:aside.start()]
            changed = True
        for word in c.before_figure:
            if stripped.endswith(word) and (len(word) > 1 or word == "的" or
                                            _stands_alone(stripped)):
                stripped = stripped[:-len(word)]
                changed = True
                break
        for word in c.base_changes:
            if stripped.endswith(word) and (
                    percent or _comparison_base(stripped[:-len(word)]) is not None):
                stripped = stripped[:-len(word)]
                changed = True
                break
        date_start = date_ends.get(offset + len(stripped), -1)
        if date_start >= offset:
            stripped = stripped[:date_start - offset]
            if stripped.endswith(_BASE_BEFORE):  # 增速比 | 一季度 | 提高2.4个百分点
                stripped = stripped[:-1]
            elif stripped.endswith(_AT_DATE) and len(stripped) > 1:
                stripped = stripped[:-1]  # 存款余额 | 于 | 2012年年底合共7200亿元
            changed = True
        base = _comparison_base(stripped)
        if base is None:
            base = _origin(stripped, offset, date_ends)
        if base is None:
            base = _noun_base(stripped)
        if base is not None:
            stripped = stripped[:base]
            changed = True
        reached = _reached_time(stripped)
        if reached:  # 发展到 | 目前的 | 1735个
            stripped = stripped[:-reached]
            changed = True
        adverb = _trailing_adverb(stripped, c)
        if adverb:  # 股票市场的市值 | 亦 | 增长; 6月CPI | 将 | 超过
            stripped = stripped[:-adverb]
            changed = True
    return stripped


def _last_word(text: str) -> str:
    """The last word jieba reads in the last six characters of ``text`` ('' when empty)."""
    words = list(pos_tagger().cut(text[-6:]))
    return words[-1].word if words else ""


def _stands_alone(text: str) -> bool:
    """Whether the last character of ``text`` is a word of its own (达, 约, 计 in
    合 | 计 …), not the end of a longer word (估计, 拥有, 总共): a one-character
    word before a figure is stripped only then (初步估计 | 可提供 | 超过 | 400公顷
    keeps its verb, so the noun after the figure is the metric). After a measure's
    ending it always is (节约率 | 为: jieba reads 率为 as one word)."""
    return _last_word(text) == text[-1] or \
        text[:-1].endswith(_MEASURE_ENDS) or _glued_by_guess(text, text[-1])


def _glued_by_guess(text: str, word: str) -> bool:
    """Whether jieba joined ``word``, ending ``text``, to the character before it
    only by its guess for unknown words (受益面为: 面为; 增长率将: 率将), not into
    a word of its dictionary (指为, 时序进度): then ``word`` stands alone."""
    last = _last_word(text)
    return len(last) > len(word) and last.endswith(word) and \
        not word_dictionary().freq.get(last)


def _trailing_adverb(text: str, c: FactCues) -> int:
    """The length of an adverb ending ``text`` (将, 仍, 亦, 分别, 稳步, 则), not the
    end of a longer word (进度, 时序进度, 规则 stay); 0 when there is none."""
    word = next((w for w in c.adverbs if text.endswith(w) and len(text) > len(w)), "")
    if word and not text.endswith("所" + word):  # (基金所需的 | 1000万元: what is needed)
        # the adverb is the last word or words jieba reads (仍 | 可), not the end of one
        tail = ""
        for last in reversed(list(pos_tagger().cut(text[-6:]))):
            tail = last.word + tail
            if len(tail) >= len(word):
                break
        if tail == word or _glued_by_guess(text, word):
            return len(word)
    clitic = c.clitic_adverbs.get(text[-1:])
    if clitic is not None and len(text) > 2 and not text.endswith(clitic):
        return 1  # 协议供货额 | 则 (jieba: 额则)
    return 0


#: Measures jieba tags as verbs (营业收入 | 192亿元: 收入 is no verb taking an object).
_MEASURE_VERBS = ("收入", "支出", "投入", "投资", "开支", "产出", "销售", "消费", "出口", "进口")
#: 的 and a frame noun after a figure (…192亿元 | 的情况下, 的基础上): no object of a verb.
_FRAME_AFTER = re.compile("的(?:情况|基础|前提|背景|条件|同时|时候|水平上)")
#: How a figure written without its unit ends (100万, 15亿): its unit came from the
#: noun after it.
_BARE_ENDS = frozenset("0123456789万亿千百十")
#: A measure's name in brackets after its description, right before the figure.
_ALIAS = re.compile(r"[（(]([^（()）]{2,16})[)）]$")
#: A bracketed note at the end of a metric (含村卫生室, 不含农户), or a size in
#: brackets (轻型客车(9座以下含9座, MPV)): what it includes, not what it is called.
_ASIDE = re.compile(r"[（(](?:(?:含|不含|包括|包含|注)[^（()）]{0,14}|"
                    r"[^（()）]{0,12}[0-9][^（()）]{0,12})[)）]$")
#: The longest text :data:`_ASIDE` matches (its brackets and 25 characters between).
_ASIDE_MAX = 27
#: Another way to say a metric, in brackets after it (退化林修复（低产低效林改造）); a
#: bracket of one or two characters, or of a list, is part of a name (社区卫生服务中心
#: （站）, 妇幼保健院（所、站）).
_RESTATED = re.compile(r"[（(][^（()）、]{3,14}[)）]$")
#: A short name defined in brackets and quotation marks (香港铁路有限公司 (“港铁公司”)).
_SHORT_NAME = re.compile(r"[（(]\s*[“\"][^（()）“”\"]{1,12}[”\"]\s*[)）]")


def _comparison_base(text: str) -> int | None:
    """Where a trailing comparison base starts (比上年, 较2021年, 比去年同期, 比2019年和
    2020年)."""
    years = _LISTED_BASE_YEARS.search(text[-_LISTED_BASE_READ:])
    if years is not None:
        return len(text) - len(text[-_LISTED_BASE_READ:]) + years.start()
    for size in range(2, 9):
        if size > len(text):
            return None
        piece = text[-size:]
        if piece.startswith(_BASE_BEFORE) and (piece[1:2].isdigit() or piece[1:] in _BASES):
            return len(text) - size
    return None


def _reached_time(text: str) -> int:
    """The length of a time word (现时, 目前, 现在) that ends ``text`` after 至 or
    到: when a change ends (增大几倍至 | 现时的 | 204000亿港元), no part of a
    metric; 0 when there is none."""
    words = list(pos_tagger().cut(text[-6:]))
    if len(words) >= 2 and words[-1].flag == "t" and words[-2].word.endswith(("至", "到")):
        return len(words[-1].word)
    return 0


#: Words of an earlier time that jieba tags as adverbs (从 | 原来的 | 60万元, 由以往的).
_PAST_ADVERBS = frozenset(("原来", "原先", "以往", "早先", "当初", "起初", "最初"))
#: Prepositions that open the starting point of a change (由…增长至, 从…发展到).
_ORIGIN_WORDS = ("由", "从", "自")
#: How far an origin phrase reaches (由1997年香港特别行政区成立时的 | 约5700亿港元).
_ORIGIN_REACH = 16
#: Words that make an event a time (金融海啸后, 成立之初, 改革开放以来).
_TIME_AFTER_EVENT = ("后", "前", "时", "初", "末", "期间", "时期", "以来")
#: How long a DATE after an origin word may be (2011年第四季, 2016-2017年度).
_DATE_REACH = 16


def _origin(text: str, offset: int, date_ends: dict[int, int]) -> int | None:
    """Where a trailing origin starts: 由, 从 or 自 as a word of its own and a
    time (a DATE, a word jieba tags as a time, or a number and a locative: 由1997年…
    成立时的, 由十年前的, 从目前的, 自年中), written between a measure and its
    first value (外汇基金的总资产 | 已 | 由1997年…的 | 约5700亿港元, 农民专业合作社 |
    由十年前的 | 不足百个): the measure is before it."""
    at = max(text.rfind(w, max(0, len(text) - _ORIGIN_REACH)) for w in _ORIGIN_WORDS)
    if at <= 0 or list(pos_tagger().cut(text[max(0, at - 4):at + 1]))[-1].word != text[at]:
        return None  # (来自, 各自: no origin)
    after = list(pos_tagger().cut(text[at + 1:at + 9]))
    first = offset + at + 1  # (a DATE right after it ends within a few characters)
    dated = any(date_ends.get(end) == first for end in range(first + 1, first + _DATE_REACH))
    timed = bool(after) and (after[0].flag == "t" or after[0].word in _PAST_ADVERBS or
                             after[0].flag == "m" and len(after) > 1 and after[1].flag == "f")
    # 由 | 金融海啸后的 | 12.8%: an event and a word of time before 的 date the value too
    after_event = text[at + 1:].removesuffix("的").endswith(_TIME_AFTER_EVENT)
    return at if dated or timed or after_event else None


def _metric_offset(stripped: str, c: FactCues, cut: bool = True,
                   longest: int = _METRIC_MAX) -> int:
    """Where the metric starts inside ``stripped``: after opening words and
    (with ``cut``) after the last word that governs the phrase; at most
    ``longest`` characters from its end."""
    offset = len(stripped) - len(stripped.lstrip(_OPEN_BRACKETS))  # (（其中新能源汽车
    changed = True
    while changed:
        changed = False
        for word in c.metric_starts:
            if stripped.startswith(word, offset) and len(stripped) - offset > len(word):
                offset += len(word)
                changed = True
                break
        else:
            first = _first_word(stripped[offset:offset + _OPENING_READ])
            if first in c.opening_words and len(stripped) - offset > len(first) + 1:
                offset += len(first)  # 他们 | 投资; 就 | 新增…面积 (not 就业率)
                changed = True
    if 0 < offset < len(stripped) - 1 and stripped[offset] == "的":
        offset += 1  # 我市 | 的 | 农民专业合作社
    best = offset
    words: list[tuple[int, int]] | None = None
    masked = _mask_brackets(stripped)  # no cut inside 妇幼保健院（所、站）
    for word in (*c.metric_cuts, *c.adverb_cuts) if cut else ():
        index = masked.rfind(word, offset)
        end = index + len(word)
        if index < offset or len(stripped) - end < 2 or end <= best or \
                stripped[end:] in c.bare_heads or \
                stripped.startswith(_KIND_SUFFIXES, end):
            continue  # 农村电网升级改造 | 工程, 服务 | 类采购规模: a compound
        # A cut word inside a word (从 in 农业从业人员, 服务 in 社区卫生服务中心)
        # cuts nothing.
        words = words if words is not None else _word_spans(stripped)
        if (index, end) not in words or word == "和" and _joins_nouns(stripped, index):
            continue  # (批发和零售业, 乡镇卫生院和村卫生室: one measure of two things)
        if word in c.adverb_cuts and not _ends_in_noun(stripped[end:]):
            continue  # (中心共 | 受理采购项目; but 外资已到位, 项目已竣工: the subject)
        best = end
    if len(stripped) - best > longest:
        # Too long: the metric keeps its last ``longest`` characters, from the
        # first word that starts there (政府采购信用融资的年化资金成本, not 业政府…),
        # or from after a 的 among them, so that no list or clause is cut in two
        # (担任董事长、厂长、经理职务的 | 企业高层领导).
        floor = len(stripped) - longest
        words = words if words is not None else _word_spans(stripped)
        best = next((start for start, _ in words if start >= floor), floor)
        of = stripped.rfind("的", best)
        if of >= 0 and "、" in stripped[floor - 1:of] and len(stripped) - of > 2:
            best = of + 1
    return best


#: How much of a metric's opening is read for its first word.
_OPENING_READ = 6


def _first_word(text: str) -> str:
    return next((word.word for word in pos_tagger().cut(text)), "")


#: What makes the word before it a kind, not a verb that governs (服务类, 服务业).
_KIND_SUFFIXES = ("类", "业")


def _joins_nouns(text: str, at: int) -> bool:
    """Whether the conjunction at ``at`` stands between two nouns (贸易 | 和 | 物流业),
    as jieba tags them in ``text`` (verbal nouns too: 服装 | 和 | 食品业; and the
    locatives it gives school levels: 小学 | 和 | 初中)."""
    def nominal(flag: str, word: str) -> bool:
        return flag.startswith("n") or flag == "vn" or flag == "f" and len(word) > 1

    spans = _tagged_spans(text)
    before = next((t for t in spans if t[1] == at), None)
    after = next((t for t in spans if t[0] == at + 1), None)
    return before is not None and after is not None and \
        nominal(before[2], text[before[0]:before[1]]) and \
        nominal(after[2], text[after[0]:after[1]])


def _tagged_spans(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, flag)`` of the words jieba tags ``text`` into."""
    spans = []
    at = 0
    for word in pos_tagger().cut(text):
        spans.append((at, at + len(word.word), word.flag))
        at += len(word.word)
    return spans


def _word_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of the words jieba segments ``text`` into."""
    return [(start, end) for start, end, _ in _tagged_spans(text)]


def _is_metric(metric: str) -> bool:
    """At least two characters, mostly Chinese, not a bare number or date word;
    an indicator's Latin acronym (CPI, PPI, GDP, PMI, M2); or a thing counted by
    one character (牛, 羊, 猪: ``one_character_nouns``)."""
    cjk = sum("\u4e00" <= ch <= "\u9fff" for ch in metric)
    latin = sum(ch.isascii() and ch.isalpha() for ch in metric)  # (PM2.5平均浓度)
    return cjk >= 2 and (cjk + latin) * 2 >= len(metric) or \
        _ACRONYM.fullmatch(metric) is not None or metric in cues().one_character_nouns


_ACRONYM = re.compile("[A-Z]{2,5}[0-9]?|M[0-2]")


def _set_change(words: str, figure: _Figure, c: FactCues) -> None:
    if any(word in words for word in c.to_level):
        return
    # (a price adjusted is no change of a count: 上调了山西等 | 15个省的电价)
    priced = figure.figure.unit not in c.classifier_units and \
        figure.figure.unit not in _COUNTED_UNITS
    if any(word in words for word in c.decrease) or \
            priced and any(word in words for word in c.price_decrease):
        figure.change = "decrease"
    elif any(word in words for word in c.increase) or \
            priced and any(word in words for word in c.price_increase):
        figure.change = "increase"
    else:
        figure.change = next((change for word, change in c.changes_next.items()
                              if words.endswith(word)), figure.change)


def _margin(left: str, c: FactCues) -> str | None:
    """The change a margin of percentage points is (SPEC: a margin over a base is
    a change against it): 高于/快于 … an increase, 低于/慢于 … a decrease, and
    比 … 高 / 低 right before the figure."""
    at, change = max(((left.rfind(word), change) for word, change in c.margins.items()),
                     default=(-1, ""))
    if at >= 0:
        return change
    if "比" in left or "较" in left:
        return next((change for word, change in c.margins_after_base.items()
                     if left.rstrip().endswith(word)), None)
    return None


def _inherit_totals(ctext: str, figures: list[_Figure], c: FactCues) -> None:
    """Parts after 其中 that name no metric of their own are parts of the
    total before them (总计6.5万亩。其中，匡城乡2.1万亩、河堤乡1.8万亩 → the
    total's metric, each part with its own place)."""
    markers = [match.start() for match in re.finditer("其中", ctext)]
    for i, figure in enumerate(figures):
        if figure.metric or figure.threshold:  # (18万元以内的轿车 qualifies, is no part)
            continue
        k = bisect_left(markers, figure.start) - 1  # the last 其中 before the figure
        if k < 0 or markers[k] < figure.sentence[0]:
            continue
        written = ctext[max(figure.clause_start, markers[k] + 2):figure.start].strip("，,：: ")
        if 2 <= len(written) <= _BREAKDOWN_CLASS_MAX and \
                not ctext[markers[k] + 2:figure.clause_start].strip("，,：: ") and \
                all(w.flag.startswith("v") for w in pos_tagger().cut(written)):
            # 其中，| 挤占挪用 | 1.1亿元: the class, as its siblings name theirs
            figure.metric = written
            continue
        unwritten = _bare_total(ctext, markers[k], figure.sentence[0], c)
        if unwritten:
            figure.metric = unwritten
            continue
        for earlier in reversed(figures[max(0, i - 12):i]):
            if earlier.metric and not earlier.threshold and \
                    earlier.figure.unit == figure.figure.unit:
                figure.metric = earlier.metric
                break


def _list_items(ctext: str, figures: list[_Figure], named_spans: set[tuple[int, int]]) -> None:
    """Items of a list after a colon that are only a name and a count (未开工项目共5个，
    按责任单位划分分别是：银川市2个，…；自治区住房和城乡建设厅1个，…) count the
    heading's measure: the metric of the last figure before the colon, else the
    heading's first clause when it is a noun phrase (投资完成率前九名项目，按…分别是：)."""
    for i, figure in enumerate(figures):
        sentence_start = figure.sentence[0]
        colon = max(ctext.rfind("：", sentence_start, figure.start),
                    ctext.rfind(":", sentence_start, figure.start))
        if colon < 0:
            continue
        start = max(figure.clause_start, colon + 1)
        start += _leading_non_letters(ctext[start:figure.start])
        if (start, figure.start) not in named_spans:
            continue
        heading = [f for f in figures[max(0, i - 12):i]
                   if sentence_start <= f.start and f.end <= colon and f.metric]
        figure.listed = True  # (two items may count the same: 固原市1个；吴忠市1个)
        if heading:
            figure.metric, figure.metric_start = heading[-1].metric, None
            continue
        first = re.split("[，,；;]", ctext[sentence_start:colon], maxsplit=1)[0]
        first = first[_leading_non_letters(first):]
        if len(first) < colon - sentence_start and _is_metric(first) and \
                len(first) <= _METRIC_MAX and _ends_in_noun(first):
            figure.metric, figure.metric_start = first, None


#: A total written as a bare number at the end of the clause before 其中 (…感染者37，).
_BARE_NUMBER = re.compile(r"(?<![0-9.])[0-9]+\s*[，,：:]?\s*$")


def _bare_total(ctext: str, marker: int, sentence_start: int, c: FactCues) -> str:
    """The measure of a total written as a bare number, with no unit (新增本土无症状
    感染者37，其中常熟市2例…): the noun phrase before the number, after the last
    place, date or verb before a figure (新增); empty when the clause before 其中
    does not end in a bare number. Its parts are counts of that measure, not of
    whatever an earlier sentence counted."""
    low = max(sentence_start, marker - 2 * _METRIC_MAX)
    clause = ctext[low:marker]
    number = _BARE_NUMBER.search(clause)
    if number is None:
        return ""
    clause = clause[:number.start()]
    clause = clause[_last_clause_start(clause, 0, len(clause), "，,；;：:"):]
    words = list(pos_tagger().cut(clause))
    start = len(words)
    while start > 0 and words[start - 1].flag not in ("ns", "m", "t") and \
            words[start - 1].word not in c.before_figure:
        start -= 1
    phrase = "".join(word.word for word in words[start:])
    return phrase if _is_metric(phrase) and all(_is_cjk(char) for char in phrase) else ""


#: How many figures back a bare modifier looks for the measure it qualifies.
_MODIFIED_REACH = 6


def _qualify_bare_modifiers(ctext: str, figures: list[_Figure], c: FactCues) -> None:
    """A metric that is only a modifier (全省居民恩格尔系数为32.0%，其中城镇为31.2%;
    青少年俱乐部202个，其中，国家级145个) qualifies the measure of the figure
    before it, in its sentence or the one before: 城镇居民恩格尔系数, 国家级青少年
    俱乐部 (replacing that measure's own modifier: 城镇… -> 农村…). Written right
    after a count, the word is what is counted (销往25个国家, 19个省), no modifier."""
    modifiers = frozenset(c.bare_modifiers)
    for i, figure in enumerate(figures):
        if figure.metric in c.series_members and not _counted_noun(ctext, figure):
            _take_sibling_measure(figure, figures[max(0, i - _MODIFIED_REACH):i], c)
        if figure.metric not in modifiers or _counted_noun(ctext, figure):
            continue
        for earlier in reversed(figures[max(0, i - _MODIFIED_REACH):i]):
            metric = earlier.metric
            if not metric or metric in modifiers or earlier.sentence[2] != figure.sentence[2]:
                continue
            own = next((m for m in c.bare_modifiers if metric.startswith(m)), "")
            head = metric[len(own):]
            if len(head) >= 2:
                figure.metric, figure.metric_start = figure.metric + head, None
            break


def _take_sibling_measure(figure: _Figure, earlier: list[_Figure], c: FactCues) -> None:
    """A member of a series written alone (小学教师的合格率不低于95%，初中不低于85%;
    小学在校生5.2万人，初中3.1万人) takes the measure of the nearest figure before it
    in its paragraph, of the same unit, whose metric opens with another member of
    the series: 初中教师的合格率, 初中在校生. A count of the members themselves
    (小学56所，…初中12所) stays as written."""
    series = c.series_members[figure.metric]
    for before in reversed(earlier):
        if not before.metric or before.sentence[2] != figure.sentence[2] or \
                before.figure.unit != figure.figure.unit:
            continue
        sibling = max((m for m in series if before.metric.startswith(m)), key=len, default="")
        head = before.metric[len(sibling):]
        if sibling and sibling != figure.metric and len(head) >= 2 and \
                not head.endswith(_INSTITUTIONS):
            figure.metric, figure.metric_start = figure.metric + head, None
        return


#: Heads that name the members themselves (初中阶段学校2233所，小学6324所: schools).
_INSTITUTIONS = ("学校", "机构")


def _resolve_demonstrative_measures(figures: list[_Figure]) -> None:
    """A measure named by a demonstrative (城镇化率为62.1%，这一比例比上年提高1.2个
    百分点; …占国内生产总值的9.7%，而在波兰，这一比例高达15.2%) is the measure of
    the nearest figure before it in its paragraph that is a share: its metric."""
    for i, figure in enumerate(figures):
        match = _DEMONSTRATIVE_MEASURE.fullmatch(figure.metric or "")
        if match is None:
            continue
        unit = "%" if figure.figure.unit == "pp" else figure.figure.unit
        window = figures[max(0, i - _MODIFIED_REACH):i]  # (bounded: no rescan of a long text)
        earlier = next((f for f in reversed(window) if f.metric
                        and f.sentence[2] == figure.sentence[2] and f.figure.unit == unit
                        and _DEMONSTRATIVE_MEASURE.fullmatch(f.metric) is None), None)
        if earlier is not None:
            figure.metric, figure.metric_start = earlier.metric, None


#: What is only a comparison or its base, never a measure: 比本世纪初 | 增加了25%, 由 |
#: 原定的 | 6.2% (but 比重, 比例, 较大 open measures).
_BASE_ONLY = re.compile("(?:比|较)(?!重|例|率|价|值|大|小|高|低|快|慢)"
                        "|(?:原来|原先)?(?:原定|预定|原计划)$")


#: A demonstrative and a noun of a measure (这一比例, 该比重, 此项指标).
_DEMONSTRATIVE_MEASURE = re.compile(
    "[这该此][一项个]?(?:比例|比重|比率|数字|数据|指标|系数|水平|占比)")


def _changes_named_after(ctext: str, figures: list[_Figure], c: FactCues) -> None:
    """A figure followed by 的 and a change (实现了6.5%的增长, 出现2.7%的负增长,
    有1.3%的小幅上升) is the size of that change, in the direction the cue lists
    give the word."""
    for figure in figures:
        if figure.change is None and figure.metric:
            match = _CHANGE_AFTER.match(ctext, figure.end)
            if match is not None:
                figure.change = "decrease" if match["word"] in c.decrease else "increase"


#: 的, an adverb of degree, and a noun of change, right after a figure.
_CHANGE_AFTER = re.compile("(?:左右|以上)?的(?:小幅|大幅|较快|快速|稳定|平稳)?"
                           "(?P<word>负增长|增长|增加|上升|上涨|提高|下降|下跌|减少|回落)"
                           "(?!率|值|量|额|速|幅|目标|趋势|态势|势头|水平|点)")


def _strip_change_openers(ctext: str, figures: list[_Figure], c: FactCues) -> None:
    """A verb of change that opens a level's metric (新增医疗卫生机构床位 | 620张,
    减少贫困人口 | 1.2万人) makes the figure the size of that change: the metric
    is what changed, without the verb (docs/annotation.md, decision 47). Not an
    indicator that holds the verb (增加值, 新增就业), nor a rate, which already
    says what it is the change of, unless the percentage follows the metric
    directly (降低造价 | 10%—30%: a share, 新增企业占全部企业的12%, is no change)."""
    for figure in figures:
        metric = figure.metric
        opener = next((w for w in c.change_openers if metric.startswith(w)), "")
        if not opener or figure.change is not None or figure.metric_start is None:
            continue  # (新增省高新区1家，总数7家: the total takes the metric, not the change)
        if figure.figure.label == "PERCENT" and \
                ctext[figure.metric_start + len(metric):figure.start].strip():
            continue
        rest = metric[len(opener):]
        if opener in c.change_openers_of_amounts and figure.figure.unit in c.classifier_units:
            continue  # (降低标准装修 | 11栋: a kind of renovation counted, no change)
        if not rest or not _is_cjk(rest[0]) or not _is_metric(rest) or rest.startswith("值") or \
                rest in c.change_opener_keeps or \
                rest.endswith(c.change_opener_keep_endings):
            continue  # (增加值, 新增就业, 新增确诊病例: indicators)
        figure.metric, figure.change = rest, c.change_openers[opener]
        figure.metric_start += len(opener)


def _classed_counts(ctext: str, figures: list[_Figure], c: FactCues) -> None:
    """Counts the text classes (玄武镇胡集村等6个村被评为省级乡村振兴示范村; 3家单位和
    7名个人被评为全省科技系统先进集体和全省科技系统先进工作者): the class named
    after the verb is what is counted (docs/annotation.md, decision 44), one
    class for all the counts or one for each, in order."""
    i = 0
    while i < len(figures):
        run = [figures[i]]
        while _counted_noun(ctext, run[-1]) and i + len(run) < len(figures) and \
                ctext[run[-1].end + len(run[-1].metric):figures[i + len(run)].start] in \
                _COUNT_JOINS:
            run.append(figures[i + len(run)])
        i += len(run)
        last = run[-1]
        if not all(_counted_noun(ctext, f) for f in run):
            continue
        rest = ctext[last.end + len(last.metric):last.clause_end]
        rest = rest[len(rest) - len(rest.lstrip("均都分别先后")):]
        verb = next((v for v in c.class_verbs if rest.startswith(v)), "")
        if not verb:
            continue
        phrase = ""
        for char in rest[len(verb):len(verb) + 2 * _METRIC_MAX]:
            if not (_is_cjk(char) or char in _QUOTES or phrase.count("“") > phrase.count("”")):
                break  # (入选“中国民营企业500强”: a quoted class keeps its digits)
            phrase += char
        items = [item for item in re.split("[和及、]", phrase) if item]
        if len(items) != len(run):
            items = [phrase]
        if not all(_is_metric(item) for item in items):
            continue
        for figure, item in zip(run, items * len(run) if len(items) == 1 else items,
                                strict=False):
            figure.metric, figure.metric_start = item, None


def _counted_noun(ctext: str, figure: _Figure) -> bool:
    """Whether the figure's metric is the noun written right after it."""
    return bool(figure.metric) and figure.metric_start is None and \
        ctext.startswith(figure.metric, figure.end)


_COUNT_JOINS = ("和", "、", "及", "与")


def _sized_counts(ctext: str, figures: list[_Figure], c: FactCues) -> None:
    """A count written right before a size and its noun (2台 | 300米超高层供水消防车)
    or right after them (18吨大功率泡沫防化消防车 | 14辆) counts the sized thing: its
    metric is the size and the noun as written, and the size is part of that
    name, no fact of its own (SPEC section 6)."""
    for first, second in zip(figures, figures[1:], strict=False):
        if first.figure.unit in c.classifier_units and _names_a_size(ctext, second, first.end, c):
            first.metric = ctext[second.start:second.end] + second.metric  # 2台 | 300米…消防车
            first.metric_start = None
            second.metric = ""
        elif second.figure.unit in c.classifier_units and \
                _names_a_size(ctext, first, first.start, c) and \
                first.end + len(first.metric) == second.start:
            # 18吨大功率泡沫防化消防车 | 14辆: the count's noun is written before it
            second.metric = ctext[first.start:first.end] + first.metric
            first.metric = ""


def _model_sizes(ctext: str, figures: list[_Figure], c: FactCues) -> None:
    """A size right before the model it names (1.8L发动机, 7座商务车, 2.0L车型) is
    part of the model's name, no fact of its own, whether a count follows or not
    (a count's metric keeps it: :func:`_sized_counts`)."""
    for figure in figures:
        if figure.figure.unit in _MODEL_SIZES and figure.metric and \
                figure.metric_start is None and \
                _names_a_model(ctext[figure.end:figure.end + _MODEL_READ], c):
            figure.metric = ""


def _names_a_size(ctext: str, size: _Figure, at: int, c: FactCues) -> bool:
    """Whether ``size`` is a size (not a count) starting at ``at`` whose metric
    is the noun written right after it."""
    return size.start == at and size.figure.label == "QUANTITY" and \
        size.figure.unit not in c.classifier_units and bool(size.metric) and \
        size.metric_start is None and ctext.startswith(size.metric, size.end)


def _complete_elliptical_heads(figures: list[_Figure], c: FactCues) -> None:
    """A subject of the same kind as the one before, written without the
    measure (分经济类型看，国有控股企业增加值增长18.8%；股份制企业增长18.1%;
    采矿业增加值增长0.4%，制造业增长9.6%), takes the measure of the figure
    before it in its paragraph: 股份制企业增加值, 制造业增加值. Same kind: the
    same two last characters (企业), a kind of the subject before (汽车 → 新能源汽车),
    业 of an industry, or both known industries."""
    heads = sorted(c.generic_measures, key=len, reverse=True)
    for i, figure in enumerate(figures):
        metric = figure.metric
        if not metric or i == 0 or metric.endswith((*heads, *_MEASURE_ENDS, *_AMOUNT_ENDS)):
            continue
        earlier = next((f for f in reversed(figures[:i]) if f.metric), None)
        if earlier is None or earlier.sentence[2] != figure.sentence[2] or \
                earlier.figure.unit != figure.figure.unit:
            continue
        head = next((h for h in heads if earlier.metric.endswith(h)), "")
        subject = earlier.metric[:-len(head)] if head else ""
        if subject and subject != metric and _same_kind(subject, metric, c):
            figure.metric = metric + head
            figure.metric_start = None


def _complete_breakdowns(ctext: str, figures: list[_Figure], c: FactCues) -> None:
    """The parts of a total that a 其中 clause names by their class alone
    (工业粉尘排放总量为1505万吨，其中，县及县以上为548万吨，乡镇为957万吨) are that
    class of the total's measure: 县及县以上工业粉尘排放总量, 乡镇工业粉尘排放总量. Only a
    class linked to its figure by 为 / 达 / 有, after a 其中 in the sentence, with the
    total's unit, and no measure of its own (城镇居民恩格尔系数 is already whole)."""
    heads = (*c.generic_measures, *_MEASURE_ENDS, *_AMOUNT_ENDS)
    breakdowns = [m.start() for m in _BREAKDOWN.finditer(ctext)]
    total: _Figure | None = None
    for figure in figures:
        if total is not None and total.sentence != figure.sentence:
            total = None
        at = bisect_left(breakdowns, figure.start)
        breakdown = breakdowns[at - 1] if at and breakdowns[at - 1] >= figure.sentence[0] else -1
        low = max(figure.clause_start, figure.start - _BREAKDOWN_CLAUSE_MAX)
        link = ctext[low:figure.start].removeprefix("其中").lstrip("，,：:")
        if total is None or breakdown < total.end or \
                total.figure.unit != figure.figure.unit or not figure.metric or \
                figure.metric.endswith(heads) or len(figure.metric) > _BREAKDOWN_CLASS_MAX or \
                figure.metric in c.indicators or _has_verb(figure.metric) or \
                link.removeprefix(figure.metric) not in _BREAKDOWN_LINKS:
            if figure.metric and figure.metric.endswith(heads):
                total = figure  # (工业废水排放达标率为54.4%，其中，…: a later total)
            continue
        measure = total.metric
        scope = next((w for w in (*c.metric_starts, *c.national_words)
                      if measure.startswith(w)), "")  # (全国 | 工业粉尘排放总量)
        figure.metric = figure.metric + measure[len(scope):]
        figure.metric_start = None


#: How long a class that names a part of a total may be (县及县以上, 规模以上企业), and
#: how much of the clause before a part is read (其中，| 县及县以上 | 为).
_BREAKDOWN_CLASS_MAX = 6
_BREAKDOWN_CLAUSE_MAX = 12
_BREAKDOWN = re.compile("其中")
#: What links a class to its part of a total (其中，乡镇 | 为 | 957万吨).
_BREAKDOWN_LINKS = frozenset(("为", "达", "达到", "有", "是"))


def _same_kind(a: str, b: str, c: FactCues) -> bool:
    """Whether subject ``b`` is of the kind of subject ``a`` (see
    :func:`_complete_elliptical_heads`)."""
    return len(a) > 2 and len(b) > 2 and a[-2:] == b[-2:] or \
        len(a) > 1 and b.endswith(a) or \
        a.endswith("业") and b.endswith("业") or a in c.industries and b in c.industries


#: A metric this short, ending so, names a measure without its subject
#: (覆盖率, 增加值, 比重).
_BARE_MEASURE = 3
_MEASURE_ENDS = ("率", "值", "比重", "占比", "比例", "指数", "系数")
#: Endings of amounts, which a count never counts (资助金额, 投资规模).
_AMOUNT_ENDS = ("额", "规模", "数", "量", "价格", "费用", "开支", "面积", "标准", "水平")
#: Measures whose bound, written before 的 and a noun, defines a class of things
#: (采购价值超过4万元的 | 笔记本电脑, 营业收入超亿元的 | 企业).
_CLASS_MEASURES = (*_AMOUNT_ENDS, *_MEASURE_ENDS, "价值", "收入", "投资", "资产", "总值",
                   "产值", "预算", "排量", "功率")


def _restore_subjects(ctext: str, figures: list[_Figure], breaks: Sequence[int],
                      c: FactCues, date_spans: Sequence[tuple[int, int]] = ()) -> None:
    """A bare measure (覆盖率从2021年年底的18%提升到58.8%) whose subject the
    paragraph named earlier (全市规上工业企业研发活动覆盖率大幅提升。…) takes the
    phrase as written there: the measure alone names nothing an analyst can
    compare."""
    for figure in figures:
        metric = figure.metric
        if not metric or len(metric) > _BARE_MEASURE or figure.period is not None or \
                not metric.endswith(_MEASURE_ENDS):
            continue
        paragraph = figure.sentence[2]
        at = ctext.rfind(metric, max(paragraph, figure.clause_start - _WRITTEN_REACH),
                         figure.clause_start)
        if at <= paragraph or not _is_cjk(ctext[at - 1]):
            continue
        k = bisect_left(breaks, at)
        clause_start = max(paragraph, breaks[k - 1] + 1 if k else 0)
        k = bisect_left(date_spans, (at, 0)) - 1  # (第二季 | 失业率: no date in the phrase)
        if k >= 0 and date_spans[k][1] <= at:
            clause_start = max(clause_start, date_spans[k][1])
        written = ctext[clause_start:at + len(metric)]
        phrase = written[_metric_offset(written, c, cut=False):]
        if len(phrase) > len(metric) and len(phrase) <= _METRIC_MAX and \
                all(_is_cjk(char) for char in phrase):
            figure.metric = phrase


def _distribute(ctext: str, figures: list[_Figure], c: FactCues) -> None:
    """分别: a coordinated metric shared by an enumeration of figures. A
    second enumeration in the sentence that names no metric of its own
    (…分别为32186元、17624元，分别增长4.8%、7.1%; 宫颈癌筛查3.2万人、乳腺癌筛查2.8万人，
    分别完成年度任务的106.7%和93.3%) takes the metrics of as many figures
    just before it, in order."""
    for i, group in _enumerations(ctext, figures):
        head = group[0]
        clause = ctext[head.clause_start:head.start]
        if len(group) > 1 and "分别" in clause:
            # The coordinated phrase is what stands before 分别 (城镇和农村居民…),
            # which the metric of the first figure alone may have cut.
            written = clause[:clause.index("分别")]
            while adverb := _trailing_adverb(written, c):  # 增长率 | 将 | 分别高达
                written = written[:-adverb]
            # (a coordination of n metrics may be n metrics long)
            written = written[_metric_offset(written, c, cut=False,
                                             longest=_METRIC_MAX * len(group)):]
            written = _after_opening_period(written)
            if not written.strip() and head.metric and head.clause_start > head.sentence[0]:
                # 2012年首3季的薪金和工资，| 分别…上升6.7%和5.9%: the coordination
                # ends the clause before, from the head's metric on
                before = ctext[max(head.sentence[0], head.clause_start - 2 * _METRIC_MAX):
                               head.clause_start - 1]
                before = before[_last_clause_start(before, 0, len(before)):]
                at = before.rfind(head.metric)
                if at >= 0 and before[at + len(head.metric):at + len(head.metric) + 1] in \
                        ("和", "及", "与", "、"):
                    written = before[at:]
            elif not written.strip() and not head.metric and head.clause_start > head.sentence[0]:
                # 全县完成生产总值、财政收入、固定资产投资，| 分别比增1.7%、2.8%和1.5%: the
                # coordination is the whole clause before, from its verb's object on
                before = ctext[max(head.sentence[0], head.clause_start - 2 * _METRIC_MAX):
                               head.clause_start - 1]
                before = before[_last_clause_start(before, 0, len(before)):]
                written = before[_metric_offset(before, c, longest=len(before)):]
            measure = _measure_after_apart(clause[clause.index("分别") + 2:], c)
            names: list[str] | None
            if measure:
                # 工业和服务业分别实现 | 增加值, 两家企业分别实现 | 营业收入: the measure
                # written after 分别 is each subject's (places and periods are set
                # apart later: 江苏和广东分别 | 出口, 一季度和二季度分别完成 | 投资)
                subjects = _coordinated(written, len(group), c) if written.strip() else None
                names = [subject + measure for subject in subjects] if subjects \
                    else [measure] * len(group)
            else:
                names = _coordinated(written, len(group), c) or \
                    _coordinated(head.metric, len(group), c)
            if not names and head.metric and written.startswith(head.metric) and \
                    not _coordinated(head.metric, len(group), c):
                # A、B等服务业增势较好，| 营业收入 | 同比分别增长…: the subjects are
                # enumerated in the clause before
                subjects = _enumerated_before(ctext, head, len(group), c)
                names = [subject + head.metric for subject in subjects] if subjects else None
            earlier = figures[max(0, i - len(group)):i]
            # 占规模以上工业比重分别为; 增速分别比规模以上工业高: of the figures before
            share = written.startswith(c.share_words) or written.strip() in c.rate_words
            if not names and (share or not _is_metric(written)) and len(earlier) == len(group) and \
                    all(f.sentence == head.sentence and f.metric for f in earlier):
                names = [f.metric for f in earlier]  # the figures just before, in order
            if names:
                for figure, name in zip(group, names, strict=True):
                    figure.metric = name
                    figure.change = head.change
                    if figure is not head:
                        figure.metric_start = None
        elif len(group) > 1 and head.metric and \
                any(short in head.metric for short in c.coordinations) and \
                (names := _coordinated(head.metric, len(group), c)) is not None:
            # 货车产销25.95万辆和23.95万辆: a coordinated abbreviation (产销, 进出口, 城乡)
            # before as many figures as it names distributes without 分别
            for figure, name in zip(group, names, strict=True):
                figure.metric, figure.change = name, head.change
                if figure is not head:
                    figure.metric_start = None
        elif len(group) > 1 and _COORDINATION.search(clause):
            _match_lists(clause, group, c)
        elif len(group) > 1 and clause.strip() and not _strip_right(clause, c, {}, 0).strip():
            # 分别为3.6万元、2.1万元，| 增长 | 9.4%、10.2%: only a change verb before a list
            # as long as the one before it: the same quantities, in order
            earlier = figures[max(0, i - len(group)):i]
            if len(earlier) == len(group) and all(
                    f.sentence == head.sentence and f.metric and f.figure.unit != head.figure.unit
                    for f in earlier):
                for figure, quantity in zip(group, earlier, strict=True):
                    figure.metric, figure.change = quantity.metric, head.change
                    figure.metric_start = None


def _after_opening_period(written: str) -> str:
    """A coordination without the period that opens it (因为2009年 | 铅、银均价分别为):
    the period is the figures' time, no part of the first item; not one of
    coordinated periods (2010年和2011年GDP分别为: those are set apart later)."""
    match = _OPENING_PERIOD.match(written)
    if match is None:
        return written
    rest = written[match.end():]
    if not rest or rest[0] in "、和及与" or _PERIOD_WORD.search(rest):
        return written
    return rest


#: A period before the first item of a coordination (…2009年 | 铅、银均价).
_OPENING_PERIOD = re.compile(r"[^、和及与]*?(?:(?:\d{4}年度?|今年|去年|上年)(?:\d{1,2}月份?)?"
                             r"|\d{1,2}月份?|[一二三四]季度|[上下]半年)(?:\d{1,2}[日号])?(?:起|的)?")
_PERIOD_WORD = re.compile(r"\d{4}年|今年|去年|上年")


def _measure_after_apart(tail: str, c: FactCues) -> str:
    """The measure written between 分别 and the first figure (分别 | 实现营业收入 |
    12亿元 -> 营业收入; 分别 | 出口 -> 出口); empty when only verbs, bounds or a
    comparison stand there (分别为, 分别比上年增长), a share (分别占…比重为: the share
    words name the part before 分别), the whole or target of a share (分别完成年度任务的) or a
    comparison (分别比规模以上工业高: the figures' metrics are those before)."""
    if tail.endswith("的"):
        return ""  # 分别完成年度任务的 | 106.7%: the whole of a share
    stripped = _strip_right(tail, c, {}, 0)
    measure = stripped[_metric_offset(stripped, c):]
    if not measure or stripped.startswith(c.share_words) or not _is_metric(measure) or \
            measure.endswith(c.targets) or measure.startswith(_COMPARISONS):
        return ""
    return measure


def _match_lists(clause: str, group: list[_Figure], c: FactCues) -> None:
    """A list of figures after a list of as many subjects, without 分别
    (非金属矿物制品和有色金属行业用电量增幅高达32.3%和33.4%): the same reading as with
    分别, where the subjects' coordination, up to the words before the figure,
    has exactly as many items."""
    written = _strip_right(clause, c, {}, 0)
    written = written[_metric_offset(written, c, cut=False, longest=_METRIC_MAX * len(group)):]
    written = written[_function_words(written):]
    items = [item for item in _COORDINATION.split(written) if item]
    # (完成投资和新开工项目 | 12亿元和30个: measures of their own share no head)
    names = items if len(items) == len(group) and \
        len({f.figure.unit for f in group}) > 1 else _coordinated(written, len(group), c)
    if names and all(_is_metric(name) for name in names):
        head = group[0]
        for figure, name in zip(group, names, strict=True):
            figure.metric, figure.change = name, head.change
            if figure is not head:
                figure.metric_start = None


def _distribute_places(ctext: str, figures: list[_Figure],
                       places: list[tuple[int, int, str]], c: FactCues) -> None:
    """分别 over places: where the clause of an enumeration of figures with 分别
    opens with as many places, coordinated (龙口、牟平的采购规模分别为3.26亿元、2.1亿元),
    each figure is of its place, in order, not of the last place named, and the
    measure written after the places is the metric of all.
    ``places``: the page's GPEs as (clean start, clean end, name), in order."""
    starts = [start for start, _, _ in places]
    for _, group in _enumerations(ctext, figures):
        head = group[0]
        at = ctext.find("分别", max(head.clause_start, head.start - _CLAUSE_READ), head.start) \
            if len(group) > 1 else -1
        if at >= 0:
            k = bisect_left(starts, at)  # the places before 分别
            named = places[max(0, k - len(group)):k]
            joins = (ctext[a[1]:b[0]] for a, b in zip(named, named[1:], strict=False))
            if len(named) == len(group) and named[0][0] >= head.sentence[0] and \
                    all(join in _PLACE_JOINS for join in joins):
                # (the measure is what follows the places: 的采购规模; not 龙口规模)
                measure = ctext[_last_clause_start(ctext, named[-1][1], at):at].lstrip("的")
                if not _is_metric(measure):  # 江苏和广东分别 | 出口: the measure after 分别
                    measure = _measure_after_apart(ctext[at + 2:head.start], c)
                for figure, (_, _, name) in zip(group, named, strict=True):
                    figure.place = name
                    if _is_metric(measure):
                        figure.metric, figure.metric_start = measure, None


def _bracketed_after_places(ctext: str, figures: list[_Figure],
                            places: list[tuple[int, int, str]], c: FactCues) -> None:
    """Figures in brackets after the places they are of, listed before the
    measure (广东（59518亿元）、江苏（56421亿元）的地区生产总值位居前列): each
    figure is of its place, and the measure written after the list is the
    metric of all. ``places``: the page's GPEs as (clean start, clean end,
    name), in order."""
    named = {end: name for _, end, name in places}
    run: list[_Figure] = []
    for k in range(len(figures) + 1):
        figure = figures[k] if k < len(figures) else None
        item = figure is not None and figure.start > 0 and figure.end < len(ctext) and \
            ctext[figure.start - 1] in _OPEN_BRACKETS and ctext[figure.end] in _CLOSE_BRACKETS \
            and figure.start - 1 in named
        if figure is not None and item and run and \
                _joined_place(ctext, run[-1].end + 1, figure.start - 1, places):
            run.append(figure)
            continue
        if len(run) > 1:
            after = ctext[run[-1].end + 1:run[-1].end + 1 + 2 * _METRIC_MAX]
            if after.startswith("等"):  # (…等城市的, 等地: the kind of the places listed)
                kind = next((word for word in c.place_kinds if after.startswith(word + "的", 1)),
                            "")
                if not kind and after.startswith("地", 1) and not after.startswith("区", 2):
                    kind = "地"
                after = after[1 + len(kind):]
            after = after.removeprefix("的")
            measure = next((after[:end] for end in range(len(after), 1, -1)
                            if after[:end].endswith(c.measures_after)
                            and _is_cjk(after[end - 1]) and all(map(_is_cjk, after[:end]))),
                           "") or _noun_after(after, c)
            if _is_metric(measure):
                for member in run:
                    member.metric, member.metric_start = measure, None
                    member.place = named[member.start - 1]
        run = [figure] if figure is not None and item else []


def _joined_place(ctext: str, low: int, high: int, places: list[tuple[int, int, str]]) -> bool:
    """Between ``low`` and ``high`` only a join (、和…) and one place ending at ``high``."""
    return any(end == high and ctext[low:start] in _PLACE_JOINS for start, end, _ in places)


#: Words that open a comparison with a base (比规模以上工业高, 较上年).
_COMPARISONS = ("比", "较")


def _distribute_periods(ctext: str, figures: list[_Figure], date_spans: Sequence[tuple[int, int]],
                        date_values: Sequence[str]) -> None:
    """分别 over periods: where as many dates as an enumeration has figures are
    coordinated before its 分别 (2022年和2021年分别增长5.2%和8.1%; 一季度、二季度GDP
    分别…), each figure is of its date, in order, and the dates are no part of
    the metric. A figure of a 分别 enumeration written with no change word of its
    own has the first figure's change (分别增长6.1%和5.8%).
    ``date_spans``/``date_values``: the page's DATEs, in order, clean offsets."""
    starts = [start for start, _ in date_spans]
    for _, group in _enumerations(ctext, figures):
        head = group[0]
        if len(group) < 2:
            continue
        at = ctext.find("分别", max(head.clause_start, head.start - _CLAUSE_READ), head.start)
        if at < 0:
            continue
        for figure in group[1:]:
            figure.change = figure.change or head.change
        k = bisect_left(starts, at)  # the dates before 分别, joined to each other
        chain = [k - 1] if k and date_spans[k - 1][1] <= at else []
        while chain and chain[0] > 0 and \
                ctext[date_spans[chain[0] - 1][1]:date_spans[chain[0]][0]] in _DATE_JOINS:
            chain.insert(0, chain[0] - 1)
        times = [_plain_time(date_values[j]) for j in chain]
        if len(chain) == 1 and len(group) > 1:  # 2011-2013年…分别为1.42元、2.00元、2.70元
            times = _years_of_span(date_values[chain[0]], len(group)) or times
            chain = chain * len(times)
        if len(chain) != len(group) or date_spans[chain[0]][0] < head.sentence[0] or \
                any(time is None for time in times):
            continue
        first = date_spans[chain[0]][0]
        if ctext[first - 1:first] in _COMPARED_WITH:
            # 比2019年和2020年分别增长12.1%和8.3%: bases, one for each figure, no periods;
            # the measure is what stands before the comparison
            base = head.metric.find(ctext[first - 1:first] + ctext[first:date_spans[chain[0]][1]])
            if base > 0 and _is_metric(head.metric[:base]):
                for figure in group:
                    figure.metric = head.metric[:base]
            continue
        written = [ctext[date_spans[j][0]:date_spans[j][1]] for j in chain]
        metric = head.metric
        for text in written:
            metric = metric.replace(text, "")
        metric = metric.strip("和、与及的，")
        # (1998年、1999年又分别突破400亿和500亿元: only the periods are coordinated,
        # and no measure is written in the clause: the figures have none)
        periods_only = not metric and all(f.metric in written for f in group)
        for figure, time in zip(group, times, strict=True):
            figure.period = time
            if (_is_metric(metric) or periods_only) and figure.metric != metric:
                figure.metric, figure.metric_start = metric, None


def _years_of_span(value: str, count: int) -> list[str | None]:
    """The years of a span of exactly ``count`` years (2011/2013 and three figures:
    2011, 2012, 2013); empty for any other value."""
    match = _YEAR_SPAN_VALUE.fullmatch(value)
    if match is None or int(match[2]) - int(match[1]) + 1 != count:
        return []
    return [str(year) for year in range(int(match[1]), int(match[2]) + 1)]


_YEAR_SPAN_VALUE = re.compile(r"([0-9]{4})/([0-9]{4})")


def _each_subject(ctext: str, figures: list[_Figure], c: FactCues,
                  in_headline: Callable[[_Figure], bool]) -> list[_Figure]:
    """均 / 各 give one figure to each of the coordinated subjects before them
    (多晶硅片和单晶硅片各占50%; 一般公共预算收入、税收收入均增长8.2%): a fact for
    each, the figure's list with a copy of the figure per further subject. Not
    in a headline (工业、投资、消费同比增长均超三成 sums up the body's figures)."""
    result: list[_Figure] = []
    for figure in figures:
        result.append(figure)
        if in_headline(figure):
            continue
        left = ctext[figure.clause_start:figure.start]
        at = max(left.rfind("均"), left.rfind("各"))
        if not figure.metric or at < 2 or len(left) - at > _EACH_REACH or \
                left[at - 1] in "平人户亩":  # (平均, 人均, 户均: rates, not 均)
            continue
        written = figure.metric  # (工业、投资、消费 | 同比增长均超三成)
        each = max(written.rfind("均"), written.rfind("各"))
        if each > 0 and len(written) - each <= _EACH_REACH:
            written = written[:each]  # (…达标率、…优良率 | 均达: 均 and its verb are no subject)
            whole = left[:at]  # (the metric was cut to its longest: 达标率、省考断面水质优良率)
            whole = whole[_metric_offset(whole, c, cut=False, longest=len(whole)):]
            if whole.endswith(written):
                written = whole
        if not _COORDINATION.search(written):
            written = left[:at]
            written = written[_metric_offset(written, c, cut=False):]
            written = written[_function_words(written):]  # (而 | 中国科学院和教育部均以)
        count = len([item for item in _COORDINATION.split(written) if item])
        names = _coordinated(written, count, c) if count > 1 else None
        if names and all(_is_metric(name) for name in names):
            figure.metric, figure.metric_start = names[0], None
            result += [replace(figure, metric=name) for name in names[1:]]
    return result


_COORDINATION = re.compile("[、和及与]")
#: How far before its figure 均 / 各 may stand (各占 | 50%, 均以 | 11%, 均增长 | 8%).
_EACH_REACH = 4
#: What joins the dates of a 分别 enumeration (2022年和2021年, 一季度、二季度).
_DATE_JOINS = ("和", "、", "与", "及")


def _enumerations(ctext: str, figures: list[_Figure]) -> Iterator[tuple[int, list[_Figure]]]:
    """The runs of figures of one sentence joined only by 、, 和, 及 or a comma
    (32186元、17624元), with the index of each run's first figure; a figure that
    joins no other is a run of one."""
    i = 0
    while i < len(figures):
        group = [figures[i]]
        while i + len(group) < len(figures):
            following = figures[i + len(group)]
            if following.sentence != group[0].sentence or \
                    ctext[group[-1].end:following.start] not in _FIGURE_JOINS:
                break
            group.append(following)
        yield i, group
        i += len(group)


#: What stands between the figures of an enumeration, and between its places.
_FIGURE_JOINS = ("、", "和", "及", "与", "，")
_PLACE_JOINS = ("、", "和", "及", "与", "，")


def _enumerated_before(ctext: str, head: _Figure, count: int, c: FactCues) -> list[str]:
    """The ``count`` subjects the clause before ``head``'s enumerates at its start
    (信息传输、软件和信息技术服务业、科学研究和技术服务业等…): known industry
    names (they may hold 、 and 和), else the items 、 separates before a 等
    that closes the list. Empty when the clause enumerates another number."""
    high = head.clause_start - 1
    start = head.sentence[0]  # (a search bounded by the sentence: linear work per page)
    low = _last_clause_start(ctext, start, high)
    clause = ctext[low:high]
    closed = "等" in clause  # (an enumeration 等 closes; else its end is unknown)
    if closed:
        clause = clause[:clause.index("等")]
    clause = clause[_metric_offset(clause, c, cut=False, longest=len(clause)):]
    named = _industry_names().findall(clause)
    if len(named) == count:
        return named
    items = [item for item in clause.split("、") if item]
    if closed and len(items) == count and all(_is_metric(item) and not _ends_in_verb(item)
                                   for item in items):
        return items
    return []


def _shared_tail(items: list[str]) -> str:
    """The head the last item of a coordination carries for all: what follows,
    in the last item, the ending the other items share (类 of 金银珠宝类、
    通讯器材类商品零售 -> 商品零售); empty when they share none."""
    first, last = items[:-1], items[-1]
    size = 0
    while size < min(map(len, first)) and len({item[-size - 1] for item in first}) == 1:
        size += 1
    boundaries = {end for _, end in _word_spans(last)} if size else set()
    for length in range(size, 0, -1):  # (药品类、化妆品类 share 品类; 家电类零售额 has 类)
        at = last.rfind(first[0][-length:])
        # (the ending closes a word of the last item: not the 学 of 初中儿童入学率)
        if at >= 0 and at + length < len(last) and at + length in boundaries:
            return last[at + length:]
    return ""


#: A period written before a measure (6月份CPI, 2022年一季度GDP), not part of its name.
_LEADING_PERIOD = re.compile(r"^(?:\d{4}年)?(?:\d{1,2}月份?|[一二三四]季度|[上下]半年)?")


def _coordinated(metric: str, count: int, c: FactCues) -> list[str] | None:
    for short, parts in c.coordinations.items():
        if short in metric and len(parts) == count:
            return [metric.replace(short, part, 1) for part in parts]
    shares = _coordinated_shares(metric, count, c)
    if shares:
        return shares
    items = [item for item in metric.split("、") if item]
    if len(items) != count:  # (机电产品及设备类 is one item of 汽车、家电、机电产品及设备类)
        items = [item for item in re.split("[、和及与]", metric) if item]
    if len(items) == count:
        # 城镇和农村居民人均可支配收入: the last item carries the shared head
        # (宫颈癌、乳腺癌筛查 -> 宫颈癌筛查, 乳腺癌筛查; 战略性新兴产业、高新技术产业、
        # 装备制造业增加值 -> …产业增加值: the head is a known measure when one ends it).
        last = items[-1]
        head = next((name for name in _heads() if last.endswith(name) and len(last) > len(name)),
                    None)
        if head is not None and len(head) == 1:  # 小学和初中儿童入学率: 入学率, not 率
            word = list(pos_tagger().cut(last))[-1].word
            head = word if word.endswith(head) and len(word) < len(last) else head
        if head is not None:  # 城镇 + (农村)居民人均可支配收入; 战略性新兴产业 + (…)增加值
            if "等" in last[:-len(head)]:  # 电气机械 | 等重点行业 | 产值: 等 closes the list
                items[-1] = last[:last.index("等")]
            # (新设外资项目数量、合同外资金额: an item that ends in a measure of its own keeps it)
            return [item if item.endswith((head, *_MEASURE_ENDS, *_AMOUNT_ENDS)) else item + head
                    for item in items]
        tail = _shared_tail(items)
        if tail:  # 金银珠宝类、体育娱乐用品类、通讯器材类 + 商品零售
            return [item + tail for item in items[:-1]] + [last]
        own = _LEADING_PERIOD.sub("", last[_metric_offset(last, c):])
        if own and len(own) < len(last):  # 交通银行和国泰君安预测 | 6月份CPI: the items
            return [own] * count           # are the subjects that give one measure
        # No known head: the last item's last word, with the words before it that
        # qualify a measure (累计, 平均), when it has more than these (宫颈癌 + 筛查;
        # 纺织服装、家具制造 + 投资; 汽车、电气 + 累计增速), else its tail past each
        # item's length.
        tagged = list(pos_tagger().cut(last))
        words = [w.word for w in tagged]
        start = len(words) - 1
        while start > 1 and words[start - 1] in c.before_figure:
            start -= 1
        shared = "".join(words[start:])
        # (跨国公司地区总部、外资研发中心: a plain noun ending the last item is its own head)
        if start > 0 and _is_metric(shared) and tagged[-1].flag != "n":
            # (生产总值、财政收入、固定资产投资: items that are measures of their own keep them)
            measures = (shared, *_MEASURE_ENDS, *_AMOUNT_ENDS, *c.generic_measures)
            return [item if item.endswith(measures) else item + shared for item in items]
        if len({len(item) for item in items[:-1]}) == 1 and _parallel_cut(last, len(items[0])):
            # parallel items: 宫颈癌、乳腺癌筛查
            # (住宿和餐饮业 -> 住宿业; 工业和服务业: 工业 has the 业 already)
            return [item + last[len(item):] if not item.endswith(last[len(item):]) else item
                    for item in items]
        return items  # (水产品、蔬菜、干鲜果类: no tail is shared)
    return None


def _parallel_cut(last: str, size: int) -> bool:
    """Whether the last item of a coordination parts, after as many characters as
    the other items have, into a subject and a head they share: at a word's end
    (乳腺癌 | 筛查) or before a one-character suffix (餐饮 | 业); not inside a word
    (办公楼和商业营业用房: 商业营 | 业用房 is no head)."""
    if size >= len(last):
        return False
    return len(last) - size == 1 or size in {end for _, end in _word_spans(last)}


def _coordinated_shares(metric: str, count: int, c: FactCues) -> list[str] | None:
    """Shares of one part in coordinated wholes (政府采购规模占国内生产总值和财政
    支出的比重分别是2.1%和9.4%): SPEC gives a share the noun phrase of the
    quantity it qualifies, the part before 占, for every whole."""
    at = metric.find("占")
    if at <= 0:
        return None
    wholes = re.split("[、和及与]", metric[at + 1:])
    if len(wholes) != count or not all(wholes):
        return None
    part = _LEADING_PERIOD.sub("", metric[:at])
    part = part[_metric_offset(part, c, cut=False):]  # (全省 | 政府采购规模)
    return [part] * count if _is_metric(part) else None


def _time(ctext: str, figure: _Figure, dates: list[tuple[int, DateFigure]],
          frame: str | None, context: DocumentContext) -> str | None:
    """The period the figure reports (:func:`_reported_period`); of a span of
    periods (2005年到2010年，…由237.7亿元增加到375.6亿元), the end the figure
    stands at: the first for the 由/从 side, the last for the side reached."""
    if ctext[max(figure.clause_start, figure.start - 5):figure.start].removesuffix(
            "的").endswith(_FROM_PAST):
        return None  # 从原来的 | 60万元: an earlier time the text does not name
    if ctext[figure.clause_start:figure.start].endswith(_NOW_BEFORE):
        # 发展到现在的 | 150多个: the document's day; in a review of a year, its end (none
        # without a document date: 从目前的16.4%, whatever date the sentence opened with)
        return frame if frame is not None and frame.isdigit() else context.date
    if context.date is not None and ctext.startswith(_NOW_OPENERS, figure.sentence[0]) and \
            not _between(dates, figure.sentence[0], figure.clause_end):
        # 目前，全市共有…45家: the document's day, not a year an earlier sentence of the
        # paragraph opened with (in a review of a past year, that year's end)
        past = frame is not None and frame.isdigit() and context.year is not None and \
            int(frame) < context.year
        return frame if past else context.date
    if context.date is not None and _says_now(ctext[figure.clause_start:figure.start]) and \
            not _between(dates, figure.clause_start, figure.clause_end):
        # 1985年，全村人均收入只有300元，| 如今已达到 | 2万元: a later clause that says
        # now is the document's day, not the year the sentence opened with; but the day a
        # sentence reports on is its now (业内人士7月5日表示，…目前已确定近40座城市)
        return _reported_day(ctext, figure, dates) or context.date
    if figure.metric.startswith(_AVERAGES):
        # 由2006年的6214万元增加到2009年的21877万元，平均增长率…60%: the years averaged over
        years = [d.value for _, d in _between(dates, figure.sentence[0], figure.start)]
        if len(years) >= 2 and all(y.isdigit() for y in (years[0], years[-1])) and \
                int(years[0]) < int(years[-1]):
            return f"{years[0]}/{years[-1]}"
    period = _reported_period(ctext, figure, dates, frame, context)
    if period is not None and period.isdigit():
        since = _since_span(ctext, figure, period, context)
        if since is not None:
            return since
    if period is None or period.count("/") != 1:
        return period
    first, last = period.split("/")
    before = ctext[figure.clause_start:figure.start].rstrip()
    if before.endswith(_FROM_WORDS):
        return first
    if before.endswith(_REACHED_WORDS) and any(word in before for word in _FROM_WORDS):
        return last
    return period


def _reported_day(ctext: str, figure: _Figure, dates: list[tuple[int, DateFigure]]
                  ) -> str | None:
    """The day a sentence is told on, written in its clauses before the figure's
    (业内人士7月5日向记者表示，| 目前已确定…): what a word of now in the figure's
    clause refers to."""
    for position, date in reversed(_between(dates, figure.sentence[0], figure.clause_start)):
        if not _is_day(date.value) or "X" in date.value:
            continue
        # (商会12日发布报告，称目前…: the day of a release is the day it is told on)
        if _usable(ctext, position, date) or \
                ctext.startswith(_RELEASE_VERBS, position + len("".join(date.text.split()))):
            return date.value
    return None


def _since_span(ctext: str, figure: _Figure, year: str, context: DocumentContext) -> str | None:
    """自2003年…以来，…累计超过900亿元: a total since a year runs from it to the
    document's year (docs/annotation.md, the held-back news round: 自X年以来 spans
    to the document's date), where the figure is a total (累计, 共); not a record
    or a state since then (自2010年以来连续5年突破…: that year's)."""
    if context.year is None or int(year) >= context.year:
        return None
    sentence = ctext[max(figure.sentence[0], figure.start - _SINCE_SPAN_REACH):figure.start]
    at = sentence.rfind(year + "年")
    if at < 1 or sentence[at - 1] not in "自从":
        return None
    since = _SINCE_CLOSE.search(sentence, at, at + _SINCE_SPAN_REACH)
    if since is None or any(mark in sentence[at:since.start()] for mark in "。；;"):
        return None
    if not any(word in sentence[since.start():] for word in _TOTAL_WORDS):
        return None
    return f"{year}/{context.year}"


#: What closes the start of a span to now: 自2003年以来, 从1993年起, 从1988年开始 (not 起步,
#: 起草, 起诉 …).
_SINCE_WORDS = r"以来|起(?![步草诉义飞来跑源航])|开始"
_SINCE_CLOSE = re.compile(_SINCE_WORDS)


#: How far before a figure a 自…以来 opening is read.
_SINCE_SPAN_REACH = 40
#: Words that make a figure a total over a span (累计超过900亿元, 共完成).
_TOTAL_WORDS = ("累计", "累积", "共", "总计", "合计", "总共", "至今", "平均", "年均")


#: Words for the document's own day right before a figure (到现在的, 目前已达).
_NOW_BEFORE = ("现在的", "目前的", "现时的", "如今的", "至今的", "到现在", "到目前")
#: Metrics of an average over years (平均增长率, 年均增长).
_AVERAGES = ("平均", "年均")
#: Words for the document's own day that open a sentence (目前，全市共有…).
_NOW_OPENERS = ("目前", "当前", "现在", "如今", "截至目前", "截至当前", "截止目前", "眼下",
                "迄今为止", "迄今", "到目前为止", "近日", "日前", "近期", "最近", "前不久")
#: Words for the document's own day inside a clause (如今已达到, 目前已有, 中心近日完成);
#: not 日前 (30日前) or 最近 (最近三年), which say now only opening a sentence.
_NOW_INSIDE = tuple(w for w in _NOW_OPENERS
                    if w not in ("现在", "日前", "最近") and not w.startswith("截至"))
#: Words of now or of an earlier time a change's starting point may be dated with
#: (由现时的, 从原来的: ``_origin_only``).
_NOW_OR_PAST = frozenset((*_PAST_ADVERBS, *_NOW_OPENERS, "现时", "现行", "原有", "过去"))


def _says_now(before: str) -> bool:
    """Whether the clause before a figure says it is the document's own day: a word
    of now opens it or stands in it (现在 only opening it: 体现在, 实现在), with no
    other figure after it."""
    before = before.lstrip()
    at = max((before.find(word) for word in _NOW_INSIDE), default=-1)
    if before.startswith(_NOW_OPENERS):
        at = max(at, 0)
    # (由目前30%左右提高到 | 100%: the now is the other figure's)
    return at >= 0 and not any(char.isdigit() for char in before[at:])


_FROM_WORDS = ("由", "从")
_SINCE = ("起", "开始", "以来")
_REACHED_WORDS = ("到", "至")
#: An origin written with a word of an earlier time (从原来的, 由以往的).
_FROM_PAST = tuple(word + past for word in _FROM_WORDS for past in _PAST_ADVERBS)


#: How far before a figure its 由 or 到 is looked for (图书品种由 | 2000多种).
_ENDPOINT_REACH = 2 * _METRIC_MAX + 8


def _without_period(ctext: str, figure: _Figure, dates: list[tuple[int, DateFigure]]) -> str:
    """The clause before a figure (its last :data:`_ENDPOINT_REACH` characters)
    without the period a 由…到 end names right before it: a DATE (由1991年的) or a
    word of now (到目前的)."""
    low = max(figure.clause_start, figure.start - _ENDPOINT_REACH)
    before = ctext[low:figure.start].rstrip().removesuffix("的")
    end = low + len(before)
    k = bisect_left(dates, end, key=_position)
    if k:
        position, date = dates[k - 1]
        if position >= low and position + len("".join(date.text.split())) == end:
            return before[:position - low]
    now = next((w for w in _NOW_OPENERS if before.endswith(w)), "")
    return before[:len(before) - len(now)] if now else ctext[low:figure.start].rstrip()


class _Endpoints:
    """The periods of a sentence's 由…到 pair, for the pairs that follow it
    undated: 图书营业面积由1991年的200多平方米增加到目前的1000多平方米，图书品种由
    2000多种 (1991) 增加到3万多种 (now); 金额由245亿元增加到395亿元，占…的比例由
    60.2% (the first's start) 提高到69.7% (its end)."""

    def __init__(self) -> None:
        #: the clause and period of the last figure on a 由 side
        self._origin: tuple[int, str | None] | None = None
        #: per sentence: the clause of its first dated pair, its two periods
        self._pairs: dict[tuple[int, int, int], tuple[int, str | None, str | None]] = {}

    def time(self, ctext: str, figure: _Figure, time: str | None,
             dates: list[tuple[int, DateFigure]]) -> str | None:
        """The figure's period: ``time``, or the period of the same side of an
        earlier pair of its sentence when its own clause names none."""
        before = _without_period(ctext, figure, dates)
        origin = before.endswith(_FROM_WORDS)
        if not origin and not (before.endswith(_REACHED_WORDS) and
                               any(word in before for word in _FROM_WORDS)):
            return time
        pair = self._pairs.get(figure.sentence)
        if pair is not None and pair[0] < figure.clause_start and pair[1] != pair[2] and \
                figure.period is None and \
                not _between(dates, figure.clause_start, figure.clause_end):
            time = pair[1] if origin else pair[2]
        if origin:
            self._origin = (figure.clause_start, time)
        elif self._origin is not None and self._origin[0] == figure.clause_start:
            self._pairs.setdefault(figure.sentence, (figure.clause_start, self._origin[1], time))
        return time


def _reported_period(ctext: str, figure: _Figure, dates: list[tuple[int, DateFigure]],
                     frame: str | None, context: DocumentContext) -> str | None:
    """The clause's DATE, else the sentence's, else the period the paragraph
    reports: the last one a sentence before it opens with (2014年，全市…),
    else the paragraph's first (a day, such as a report date, covers its own
    sentence only),
    else ``frame``: the period of the section (a heading such as
    一、2023年工作回顾) or of the document, else the document date. Of the
    dates of a span, the last usable one before the figure, else the first
    after it; at most a few are looked at (a span full of dates costs no
    rescan per figure)."""
    at = bisect_right(dates, figure.start, key=_position)
    if at:
        position, date = dates[at - 1]
        end = position + len("".join(date.text.split()))
        between = ctext[end:figure.start]
        own = end == figure.start or end == figure.start - 1 and between == "的" or \
            ctext[position - 1:position] in _FROM_WORDS and position > figure.clause_start and \
            len(between) <= _ORIGIN_REACH and not any(char.isdigit() for char in between) and \
            not any(word in between for word in _REACHED_WORDS)
        own = own or _base_value(ctext, position, between, figure)
        if own and _plain_time(date.value) is not None and not _ratio_to(ctext, position, end):
            # 从2002年的 | 4.42亿元, 由2011年第四季 | 6.4%, 由1997年…成立时的 | 约5700亿港元,
            # 在上年同期 | 18.0%的高增速基础上,
            # 相比2020年广东GDP总量 | 110760.94亿元: the figure's own period
            return _plain_time(date.value)
    for own_clause, low, high, days in (
            (True, figure.clause_start, figure.clause_end, True),
            (False, figure.sentence[0], figure.sentence[1], True),
            (False, figure.sentence[2], figure.sentence[0], False)):
        first = bisect_left(dates, low, key=_position)
        last = bisect_left(dates, high, key=_position)
        before = min(at, last)
        order = list(range(before - 1, max(first, before - _DATES_LOOKED) - 1, -1))
        after = range(max(at, first), min(last, max(at, first) + _DATES_LOOKED))
        # (a later clause's date is the figure's only where it opens that clause: not
        # 扭转了2020年以来的下降态势, 低于2019年水平)
        # (a sentence's first clause is the figure's own only in the clause pass: not
        # 基础设施投资增长42.3%，…，低于2018、2019年水平)
        # (nor a base of comparison opening a later clause: 收购价格为480元/吨，去年同期为365元/吨)
        order += [k for k in after if own_clause or _opens_clause(ctext, dates[k][0])
                  and not "".join(dates[k][1].text.split()).endswith("同期")]
        if not days:  # the last period a sentence of the paragraph opens with, else its first
            openers = [k for k in range(last - 1, max(first, last - _DATES_LOOKED) - 1, -1)
                       if opens_sentence(ctext, dates[k][0])]
            order = [k for k in openers + [k for k in range(first, min(last, first + _DATES_LOOKED))
                                           if _after_attribution(ctext, dates[k][0])
                                           or _dates_a_release(ctext, dates[k])]
                     if not _looks_back(dates[k][1].value, context.year)]  # (过去3年，…)
        for k in order:
            position, date = dates[k]
            # (a span of days, such as a week, is a period the paragraph reports: 上周，…)
            if _usable(ctext, position, date) and (days or not _is_day(date.value)
                                                   or "/" in date.value):
                return _current_period(date, frame) or _plain_time(date.value)
        if days and low == figure.sentence[0]:  # no date in the sentence: 9年累计完成…
            elapsed = _elapsed_years(ctext, figure, dates, frame, context)
            if elapsed is not None:
                return elapsed
    return frame or context.date


#: A span of years counted back, opening a clause: 9年累计, 五年来, 近两年, 过去3年间.
_ELAPSED = re.compile(r"(?:近|过去|这)?([0-9]{1,2}|[一二两三四五六七八九十]{1,2})年"
                      r"(?:来|间|以来|累计|中|里)")


def _dates_a_release(ctext: str, located: tuple[int, DateFigure]) -> bool:
    """Whether a date names the period of the data a clause attributes what follows to
    (广东省发布的上半年数据显示，…): the paragraph's period, as a date after an
    attribution is."""
    position, date = located
    return _RELEASE_OF.match(ctext, position + len("".join(date.text.split()))) is not None


#: What follows the period of released data up to the end of the attribution.
_RELEASE_OF = re.compile(r"(?:的)?(?:经济|统计|主要|运行|监测)?(?:数据|统计|报告|资料)"
                         r"(?:显示|表明)[，,：:]")


def _looks_back(value: str, year: int | None) -> bool:
    """Whether a span of years ends before the document's year (过去3年，…: a look
    back, which frames no paragraph; “十二五”期间，… and 未来5年，… do)."""
    return _YEARS.fullmatch(value) is not None and (year is None or int(value[5:]) < year)


def _after_attribution(ctext: str, position: int) -> bool:
    """Whether a date opens the first clause of what a sentence reports after
    saying whose report it is (国家统计局公布的数据显示，| 1-2月份，…): a paragraph's
    period, as one that opens the sentence is; not a date opening a later clause
    of a sentence's own statement (…落实工作要求，| 2009年实现了…), which is that clause's."""
    before = ctext[max(0, position - _ATTRIBUTION_REACH):position]
    return _ATTRIBUTION.search(before) is not None


#: An attribution that ends right before a date (…数据显示，| 1-2月份), and how far back
#: it is looked for.
_ATTRIBUTION = re.compile(r"(?:显示|表明|了解到|了解|注意到|获悉|悉|得知|获知|看到|发现|称|指出|"
                          r"介绍|透露|表示|说|统计|调查|报道|公布|发布)[，,：:]\s*"
                          r"(?:截至|截止|到|至|在|于)?\s*$")
_ATTRIBUTION_REACH = 9


def _elapsed_years(ctext: str, figure: _Figure, dates: list[tuple[int, DateFigure]],
                   frame: str | None, context: DocumentContext) -> str | None:
    """The years a clause opening ``N年累计`` / ``N年来`` before the figure covers:
    the N years that end with the last year the paragraph named before it
    (大庆市政府采购规模从2002年的…到2010年的… | 9年累计完成… = 2002/2010), else with
    the year of the section or the document; ``N年来`` always with the latter (up to now)."""
    clause = ctext[figure.clause_start:figure.start]
    sentence = ctext[figure.sentence[0]:figure.start]
    before = ctext[figure.sentence[0]:max(figure.sentence[0], figure.clause_start - 1)]
    opening = before[_last_clause_start(before, 0, len(before)):]  # (…提升，| 5年间 |，…)
    match = _ELAPSED.match(clause) or _ELAPSED.match(sentence) or \
        _ELAPSED.fullmatch(opening)
    if match is None:
        return None
    try:
        count = int(parse_number(match[1]))
    except ValueError:
        return None
    low = bisect_left(dates, figure.sentence[2], key=_position)
    high = bisect_left(dates, figure.start, key=_position)
    years = [int(dates[k][1].value[-4:])
             for k in range(high - 1, max(low, high - _DATES_LOOKED) - 1, -1)
             if re.fullmatch(r"(?:[0-9]{4}/)?[0-9]{4}", dates[k][1].value)]
    # (the last few, latest first; of a span of years, such as a plan period, its last)
    basis = frame or context.date
    if match.group().endswith("来"):
        years = []  # 10年来: the years up to now, whatever year a look back named before
    last = years[0] if years else \
        int(basis[-4:]) if basis and re.fullmatch(r"[0-9]{4}", basis[-4:]) else \
        int(basis[:4]) if basis and basis[:4].isdigit() else None
    if last is None or not 0 < count <= 30:
        return None
    if clause.rstrip().endswith(_FROM_WORDS):
        return str(last - count)  # 5年间，…由245亿元 | 增加到395亿元: the level it started from
    return f"{last - count + 1}/{last}"


#: How many dates on each side of a figure its time is looked for among.
_DATES_LOOKED = 8


M = TypeVar("M")


def _between(located: list[tuple[int, M]], low: int, high: int) -> list[tuple[int, M]]:
    """The items of ``located`` (sorted by position) at ``low <= position < high``."""
    return located[bisect_left(located, low, key=_position):
                   bisect_left(located, high, key=_position)]


def _position(pair: tuple[int, Any]) -> int:
    return int(pair[0])


def _section_periods(page: Page, dates: list[tuple[int, DateFigure]]) -> list[str | None]:
    """The period each section of the page names in its heading, if any: a
    numbered heading or report part (一、2023年工作回顾; 二、2024年主要目标任务)
    frames what follows it until the next heading of its level. A title line
    (a newspaper headline) frames nothing."""
    periods: list[str | None] = []
    ctext = page.clean.text
    for section in page.sections:
        heading = section.heading
        period = None
        if heading.kind != "title":
            low = page.clean.to_clean(heading.start)
            high = page.clean.to_clean(heading.end)
            period = next((d.value for p, d in _between(dates, low, high)
                           if _usable(ctext, p, d) and not _is_day(d.value)
                           and "X" not in d.value and not _YEARS.fullmatch(d.value)), None)
        periods.append(period)
    return periods


#: A paragraph that opens with an enumerator is an item of a list ((一), （2）, 三、, 4．).
_ENUMERATED = re.compile(r"(?:[（(][一二三四五六七八九十0-9]{1,3}[)）]|"
                         r"[一二三四五六七八九十]{1,3}、|[0-9]{1,2}[．.、](?![0-9]))")


def _enumerated(page: Page, start: int) -> bool:
    """Whether the paragraph at clean ``start`` opens with an enumerator, kept in
    the clean text or dropped from it as a list marker (“(一 ) 增撥…”)."""
    if _ENUMERATED.match(page.clean.text, start):
        return True
    original = page.clean.original
    at = page.clean.to_original(start)
    line = original[original.rfind("\n", max(0, at - 16), at) + 1:at]
    return _ENUMERATED.fullmatch("".join(line.split())) is not None


def _list_lead_periods(page: Page, dates: list[tuple[int, DateFigure]]) -> dict[int, str]:
    """The period of the paragraph that leads a list, for each item of the list
    (2013-2014年度新增的服务包括5方面：| (一) 增拨900万元经常开支…；| (二) …): a
    lead ends with a colon and names a period (not a day); its items, the
    enumerated paragraphs that follow it, report that period. Keyed by the clean
    start of each item's paragraph."""
    ctext = page.clean.text
    paragraphs: list[tuple[int, int, int]] = []  # clean start, last sentence's start, end
    for sentence in page.sentences:
        if paragraphs and paragraphs[-1][0] == sentence.paragraph_start:
            paragraphs[-1] = (sentence.paragraph_start, sentence.clean_start, sentence.clean_end)
        else:
            paragraphs.append((sentence.paragraph_start, sentence.clean_start,
                               sentence.clean_end))
    periods: dict[int, str] = {}
    lead: str | None = None
    for start, last, end in paragraphs:
        if _enumerated(page, start):
            if lead is not None:
                periods[start] = lead
            continue
        lead = None
        if ctext[last:end].rstrip().endswith(("：", ":")):  # (its last sentence leads)
            lead = next((_plain_time(d.value) for p, d in _between(dates, last, end)
                         if _usable(ctext, p, d) and not _is_day(d.value)
                         and "X" not in d.value), None)
    return periods


def _period_of(page: Page, periods: list[str | None], position: int) -> str | None:
    """The period of the innermost section around clean ``position`` that names one."""
    index = page.section_index_at(position)
    while index is not None:
        if periods[index] is not None:
            return periods[index]
        index = page.sections[index].parent
    return None


#: How long the measure between a base year and its value may be (相比2020年 |
#: 广东GDP总量 | 110760.94亿元).
_BASE_VALUE_REACH = 12


def _base_value(ctext: str, position: int, between: str, figure: _Figure) -> bool:
    """Whether the figure is the value of the comparison base written before it
    in its clause (相比2020年广东GDP总量110760.94亿元: 2020's, SPEC's base-value
    exception): a base year, then a measure, then the figure, with no change
    word, number or break between (比2020年增长5%: a change, the base no time)."""
    return ctext[position - 1:position] in ("比", "较") and position > figure.clause_start and \
        0 < len(between) <= _BASE_VALUE_REACH and all(_is_letter(ch) for ch in between) and \
        not any(word in between for word in cues().changes_and_links)


#: Words that open a base of comparison (比2019年和2020年; not 从, which opens a span).
_COMPARED_WITH = tuple(word for word in _BASE_BEFORE if word != "从")
#: A base of several years (比2019年和2020年, 较2004、2005年): each is a base.
_LISTED_BASE_YEARS = re.compile(r"(?:比|较|与|同)(?:\d{4}年?(?:、|和|及|与))+\d{4}年?$")
_LISTED_BASE_READ = 40


def _usable(ctext: str, position: int, date: DateFigure) -> bool:
    """Not a comparison base (比去年, 较2021年, 从2021年年底的), not a date that
    describes a thing (建于1985年的住宅楼, 2000年底前建成的小区), not year-less."""
    before = ctext[max(0, position - 1):position]
    end = position + len("".join(date.text.split()))
    attribute = before == "于" and not _ends_in_noun(ctext[max(0, position - 7):position - 1]) \
        and ctext[max(0, position - 2):position] not in _CONJUNCTIONS_IN_YU \
        or ctext.startswith(_BEFORE_WORDS, end)  # 建于1985年, 低于2018年; not 余额于2019年
    origin = before == "由" and not ctext.startswith(_SINCE, end)  # (由2016年度起: a start)
    # 出现自2007年夏季以来第一次缺电: a start inside a clause dates an event, not a figure
    since = before == "自" and ctext.startswith("以来", end) and \
        not _opens_clause(ctext, position - 1) or \
        ctext.startswith(_RECORD_SINCE, end)  # 创2014年以来新高: a record's start, no period
    # 一季度数据4月13日 | 公布: the day of a release, not the period its figures report;
    # 本报北京1月2日 | 讯: the day of a dispatch, the same
    released = ctext.startswith(_RELEASE_VERBS, end) or ctext.startswith(_DATELINE_ENDS, end)
    # 从2008年到2010年，…: a span opened with 从 is the period, no base; nor is a start
    # (从7月7日起调升至6.56%: the rate from that day on) or a topic (从5月份新增贷款来看)
    base = before in _BASE_BEFORE and not (before == "从" and (
        "/" in date.value or _START_OF.match(ctext, end) is not None or
        _TOPIC_FRAME.match(ctext, position - 1) is not None)) or \
        before in "、和及与" and _LISTED_BASE_YEARS.search(
            ctext[max(0, end - _LISTED_BASE_READ):end]) is not None  # (比2019年和 | 2020年)
    # 在上年同期18.0%的高增速基础上，继续实现38.6%的增长: a base the rest builds on
    groundwork = before == "在" and _GROUNDWORK in ctext[end:end + _GROUNDWORK_REACH] and \
        not any(mark in ctext[end:ctext.find(_GROUNDWORK, end)] for mark in "，。；")
    # 以2010年全市公共机构能源消耗为基数，…下降15%; 与2020年相比，…下降18%: a base the
    # text declares, whatever it names between
    declared = before in _DECLARED_BASE_OPENERS and \
        _DECLARED_BASE.match(ctext, end, min(len(ctext), end + _DECLARED_BASE_REACH)) is not None
    return not base and not origin and not attribute and not since and not groundwork and \
        not released and not declared and not _ratio_to(ctext, position, end) and \
        _plain_time(date.value) is not None


#: What makes a date after 从 the start of what holds since (从7月7日起调升至); not a
#: start that describes a noun (从3月开始的执法大检查).
_START_OF = re.compile(rf"(?:{_SINCE_WORDS})(?!的)")


def _ratio_to(ctext: str, position: int, end: int) -> bool:
    """Whether the date at ``position:end`` is what a multiple or a share is taken of
    (年均投资是2010年的1倍, 相当于2019年的85%): a base, not the figure's period; not
    the date of a value (从上年的78.6%, 由2011年第三季的6.4%)."""
    return ctext[max(0, position - 3):position].endswith(_RATIO_VERBS) and \
        _RATIO_OF.match(ctext, end) is not None


#: Verbs that take a multiple or a share of what they name (是2010年的1倍).
_RATIO_VERBS = ("是", "为", "相当于", "等于", "达到", "达")
#: A multiple or a percentage of the thing a date names, right after the date.
_RATIO_OF = re.compile(r"的(?:[0-9０-９.．]+|[一二两三四五六七八九十百半]+)多?(?:倍|%|％)")


#: What opens a base the text declares (以2010年…为基数, 与2020年相比), and what closes
#: it, within how many characters.
_DECLARED_BASE_OPENERS = ("以", "与", "同", "和", "跟")
_DECLARED_BASE = re.compile(r"[^，,；;。]*?(?:为基数|为基期|为基准|为基年|作为基数|相比|比较|对比)")
_DECLARED_BASE_REACH = 24


#: Conjunctions and prepositions that end in 于 (由于去年…, 对于2010年…): a date after
#: one opens what the clause says, not an attribute (建于1985年).
_CONJUNCTIONS_IN_YU = ("由于", "鉴于", "对于", "至于", "关于")

#: The base a figure builds on (在上年同期18.0%的高增速 | 基础上), and how far it reaches.
_GROUNDWORK = "基础上"
_GROUNDWORK_REACH = 20


#: A record since a date (创2014年以来新高, 为2008年以来最好): the date starts a comparison.
_RECORD_SINCE = ("以来新高", "以来最高", "以来最好", "以来最快", "以来最低", "以来首次", "以来新低")
#: What ends a dateline after its day (本报北京1月2日讯, 新华社北京1月2日电（记者…）).
_DATELINE_ENDS = ("讯", "电（", "电(", "电 ")
#: Verbs of releasing and issuing: a date written right before one is an event's.
_RELEASE_VERBS = ("公布", "发布", "颁布", "印发", "出台", "下发", "召开", "举行", "开幕", "闭幕")


def _is_day(value: str) -> bool:
    return len(value) >= 10 and value[4] == "-" and value[7] == "-"


def _frame(ctext: str, dates: list[tuple[int, DateFigure]], year: int | None = None,
           month: int | None = None, title_end: int = 0,
           figures: Sequence[tuple[int, int]] = (), subjects: Mapping[int, int] | None = None
           ) -> str | None:
    """The period a document speaks of: its most frequent DATE among those
    that open a clause (2022年，全市… / 今年以来，…), no day, no comparison
    base, no unknown year (2022 in a bulletin on 2022; not 2000 in 建于2000年
    以前的小区). One mention frames the document only in its title (宁陕县2021年…统计
    公报), or in its lead (the first :data:`_LEAD` characters) when it is the year before
    the document's in the months that still review it (2010年，全市… in February 2011):
    a news story's 今年5月，… or 今年上半年，… dates its own paragraph, not the later ones
    (docs/facts.md, session 20). A month named once in the title frames it only
    when it is the document's month or the one before (a release on May
    published in June; not 今年7月…建成 in an October story). The year before the
    document's, named once, frames it only in the
    months when texts still review that year (not 2010年，… in a September 2011 story),
    unless the title names it (宁陕县2021年…统计公报, published in May 2022).
    A period frames only where it stands in the title, opens a sentence or what
    an attribution reports, or dates a sentence of figures (``figures``: where each
    figure starts and where its sentence does, in order):
    not 公司加大投入，在今年上半年动工兴建了新的生产基地 or 项目…，2013年完工投产,
    which say when something happened. A period right after the place or 全市 that
    opens a clause (``subjects``: their ends and starts) opens it too (韩国5月份…)."""
    located = [(p, d.value) for p, d in dates
               if (_opens_clause(ctext, p) or subjects and p in subjects
                   and _opens_clause(ctext, subjects[p])) and _usable(ctext, p, d)
               and "".join(d.text.split()) not in _CURRENT_PERIODS  # (本月: the frame's)
               and not _is_day(d.value) and "X" not in d.value
               and not _YEARS.fullmatch(d.value)  # (过去5年: a look back, no frame)
               and not _DATELINE.match(ctext, p)  # (2011年09月30来源：: when it was published)
               and not ctext.endswith(_AS_OF, 0, p)  # (截至5月底: a state on a day, no period)
               and (p < title_end or opens_sentence(ctext, p) or _after_attribution(ctext, p)
                    or _sentence_has_figure(p, figures))]
    if not located:
        return None
    counts = Counter(value for _, value in located)
    value, count = counts.most_common(1)[0]  # ties: the first written
    present = counts[str(year)] if year is not None and value[:4].isdigit() and \
        int(value[:4]) < year else 0
    first = next(p for p, v in located if v == value)
    old = year is not None and value[:4].isdigit() and int(value[:4]) < year - 1 and \
        value[:4] + "年" not in ctext[:title_end] or \
        year is not None and month is not None and MONTH_VALUE.fullmatch(value) is not None and \
        not 0 <= 12 * (year - int(value[:4])) + month - int(value[5:]) <= 1 and \
        first >= title_end  # (4月份，… twice in a June story: events of April, not its period)
    if count > 1 and _PRESENT_SHARE * present < count and first < max(_LEAD, len(ctext) // 3) \
            and not old:
        # (a year first named late in a story frames its end, not the story; 2007年，… twice
        # in a 2011 story's look back frames none of its news)
        return value
    if count > 1:
        return None  # a speech on last year and this one: no single period
    lead = next((value for p, value in located if p < title_end or p < _LEAD and (
        year is not None and month is not None and month <= REVIEW_MONTHS
        and value == str(year - 1))), None)  # (the title's, or a review's of the year before)
    if lead is not None and year is not None and lead[:4].isdigit() and \
            not year - 1 <= int(lead[:4]) <= year:
        return None  # 1998年率先起步… in a 2011 story: history, not its period
    if lead is not None and year is not None and month is not None and \
            lead[:4] == str(year - 1) and month > REVIEW_MONTHS and \
            lead[:4] + "年" not in ctext[:title_end]:
        return None  # 2010年，全市… once in a September 2011 story: a look back (not a title's)
    if lead is not None and year is not None and month is not None and \
            MONTH_VALUE.fullmatch(lead) and \
            not 0 <= 12 * (year - int(lead[:4])) + month - int(lead[5:]) <= 1:
        return None  # 今年7月，…建成 in an October story: an event, not its period
    return lead


def _sentence_has_figure(position: int, figures: Sequence[tuple[int, int]]) -> bool:
    """Whether a figure follows ``position`` in its sentence (``figures``: the start of
    each figure and of its sentence, in order)."""
    at = bisect_right(figures, position, key=_position)
    return at < len(figures) and figures[at][1] <= position


def _matched_end(pattern: re.Pattern[str], text: str, start: int) -> int:
    """Where ``pattern``, which matched at ``start``, ends."""
    match = pattern.match(text, start)
    return match.end() if match is not None else start


#: Words before a date that make it the day a state is given for (截至5月底，已整改…).
_AS_OF = ("截至", "截止", "截止到", "截至到")


def _passage_frame(ctext: str, dates: list[tuple[int, DateFigure]], year: int | None
                   ) -> tuple[int, str] | None:
    """A period the lead names as what the text after it reports, where the
    document has no frame: a year just past (刚刚过去的2008年，…) or the years of
    accounts (中钢集团2007-2009年度财务收支审计结果): its position and value. It
    frames only what follows it (a congress's own figures before it are of its day)."""
    for p, d in dates:
        if p >= _LEAD:
            break
        value = d.value
        if _is_day(value) or "X" in value or not value[:4].isdigit():
            continue
        first_year = int(value[:4])
        end = p + len("".join(d.text.split()))
        past = ctext[max(0, p - 6):p].endswith(_JUST_PAST)
        accounts = _ACCOUNTS.match(ctext, end) is not None
        if year is not None and (past and first_year == year - 1 or
                                 accounts and year - _ACCOUNT_YEARS <= first_year < year):
            return p, value
    return None


#: What follows the place of a news dateline: the day and 电, 消息 or 讯.
_DAY_NUMBER = "[0-9０-９一二三四五六七八九十]{1,3}"
_DATELINE_PLACE = re.compile(rf"\s*{_DAY_NUMBER}月{_DAY_NUMBER}日\s*(?:电|消息|讯)")
#: Words before a year just past that the passage after it reports on.
_JUST_PAST = ("刚刚过去的", "过去的", "刚过去的")
#: Accounts of a period (its 审计结果, 财务收支, 预算执行), right after the period.
_ACCOUNTS = re.compile(r"(?:年度)?[^，。；,;]{0,8}?(?:审计|财务收支|预算执行|决算)")
#: How many years back an audit of accounts may reach.
_ACCOUNT_YEARS = 5


#: Words for the period a release reports (本月 in a release on May published in
#: June is May), with the form of that period's value.
_CURRENT_PERIODS = {"本月": re.compile(r"[0-9]{4}-[0-9]{2}"),
                    "当月": re.compile(r"[0-9]{4}-[0-9]{2}"),
                    "本月份": re.compile(r"[0-9]{4}-[0-9]{2}"),
                    "当月份": re.compile(r"[0-9]{4}-[0-9]{2}"),
                    "本季度": re.compile(r"[0-9]{4}-Q[1-4]"),
                    "当季": re.compile(r"[0-9]{4}-Q[1-4]"),
                    "本季": re.compile(r"[0-9]{4}-Q[1-4]")}


def _current_period(date: DateFigure, frame: str | None) -> str | None:
    """The document's period for 本月 / 本季度 when the document is framed by a
    period of that kind (a CPI release on 2023年5月份, published in June): the
    DATE was resolved against the publication date."""
    form = _CURRENT_PERIODS.get("".join(date.text.split()))
    return frame if form is not None and frame is not None and form.fullmatch(frame) else None


_YEARS = re.compile(r"[0-9]{4}/[0-9]{4}")
#: A publication date in a web page's header: what follows it there, or a line of
#: its own (2011年09月30来源：; 2011年09月26 alone on its line).
_DATELINE = re.compile(r"[0-9年月日号:：/. -]{6,20}\s*(?:来源|发布|作者|编辑|【|\n|$)")
#: A past period frames no document whose own ``year`` opens clauses at least
#: 1/_PRESENT_SHARE as often (a budget speech on 2012's economy and 2013's
#: measures speaks of its own day).
_PRESENT_SHARE = 3
#: The characters of a document (title, dateline, first sentences) where one
#: period named is enough to frame it.
_LEAD = 300


def _opens_clause(ctext: str, position: int) -> bool:
    before = ctext[max(0, position - 2):position]
    for word in ("截至", "截止", "在", "于", "到"):
        if before.endswith(word):
            before = ctext[max(0, position - len(word) - 1):position - len(word)]
            break
    return not before or before[-1] in CLAUSE_ENDS or before[-1] in SENTENCE_ENDS


def _plain_time(value: str) -> str | None:
    return None if set(value) <= set("X-/") else value


#: 全乡 / 全镇 refer to the last township named before them; 全县 / 全市 are the
#: document's place (SPEC section 4), which the caller falls back to.
_WHOLE_UNIT = {"全乡": "乡", "全镇": "镇", "全村": "村", "全街道": "街道"}


@dataclass(frozen=True)
class _Places:
    """The GPEs of a page by position, and where 全乡 / 全镇 … stand, for
    lookups by bisection (no scan of the sentence or of all places per figure)."""

    located: list[tuple[int, Entity]]
    by_level: dict[str, list[tuple[int, str]]]
    whole_words: dict[str, list[int]]
    #: Where 全省 / 我市 / 本县 … stand, with the level they name, in order.
    deictics: list[tuple[int, str]]
    #: The document's place and its parents by level (市 -> 洛阳市 in a 西工区 report).
    levels: Mapping[str, str]
    #: Places that open a sentence (新田县…抓抗旱。), in order: the subject of the
    #: paragraph's next sentences that name none.
    openers: list[tuple[int, str]]

    @classmethod
    def of(cls, ctext: str, located: list[tuple[int, Entity]],
           levels: Mapping[str, str] | None = None,
           deictics: Sequence[tuple[int, str]] = (),
           openers: Sequence[tuple[int, str]] = ()) -> _Places:
        by_level: dict[str, list[tuple[int, str]]] = {
            level: [] for level in {*_WHOLE_UNIT.values(), *(lv for _, lv in deictics)}}
        for position, place in located:
            name = _place_name(place)
            for level in by_level:
                if name.endswith(level):
                    by_level[level].append((position, name))
        whole = {word: [m.start() for m in re.finditer(word, ctext)] for word in _WHOLE_UNIT}
        return cls(located, by_level, whole, list(deictics), levels or {}, list(openers))


def _sentence_openers(page: Page, located: Sequence[tuple[int, Entity]]
                      ) -> list[tuple[int, str]]:
    """The places (and bodies' places) of county level or above written within
    the first few characters of their sentence (山东省首批…; 据新田县财政局…), in order."""
    openers: list[tuple[int, str]] = []
    chain_end = -1  # where the last opener's chain of places ends (江苏省 | 宿迁市)
    for position, place in located:
        name = _place_name(place)
        if name.endswith(_LOCAL_LEVELS):
            continue
        end = position + len("".join(place.text.split()))
        if position == chain_end:
            openers[-1] = (openers[-1][0], name)  # the innermost of the chain
            chain_end = end
            continue
        sentence = page.sentence_at(position)
        if position - sentence.clean_start <= _OPENER_REACH and \
                (not openers or page.sentence_at(openers[-1][0]) is not sentence):
            openers.append((position, name))
            chain_end = end
    return openers


#: Townships and villages: a county's report goes through them one sentence at a
#: time (太清宫镇…。县财政局统筹…), so one opening a sentence is no subject of the next.
_LOCAL_LEVELS = ("乡", "镇", "村", "街道", "社区", "办事处")


#: How far into its sentence a place may stand and still open it (据, 在, 今年).
_OPENER_REACH = 4


#: What :func:`_place` says of a figure whose places are a list (江苏、安徽、湖南5省):
#: it belongs to none of them alone.
_SEVERAL_PLACES = ""
_PLACE_LIST_JOINS = ("、", "和", "及", "与")


def _listed_places(ctext: str, first: tuple[int, Entity], second: tuple[int, Entity],
                   figure: _Figure) -> bool:
    """Whether two places named in the figure's sentence are items of one list of
    different places (江苏、安徽), not one body's place named twice (苏州市统计局、
    国家统计局苏州调查队): GPEs as written, joined by 、 和 及 与."""
    (at, a), (bt, b) = first, second
    return at >= figure.sentence[0] and "body" not in a.norm and "body" not in b.norm and \
        _place_name(a) != _place_name(b) and \
        ctext[at + len("".join(a.text.split())):bt] in _PLACE_LIST_JOINS


def _place(ctext: str, figure: _Figure, places: _Places) -> str | None:
    """The nearest GPE before the figure in its clause, else in its sentence;
    else the unit a 全乡 / 全镇 / 全县 there refers to (the last such place
    named before); else the place that opens the paragraph (在土楼村，…)."""
    located = places.located
    k = bisect_left(located, figure.start, key=_position) - 1
    d = bisect_left(places.deictics, (figure.start, "")) - 1
    deictic = places.deictics[d] if d >= 0 and places.deictics[d][0] >= figure.clause_start \
        else None
    if k >= 0 and located[k][0] >= figure.sentence[0]:
        nearest = located[k][1]
        # (a place inside the metric is part of a name: 南京 of 南京豆价格 is not
        # where the price was taken; a place before the metric was cut from it)
        nearest_name = _place_name(nearest)
        if _counted_in_list(ctext, located[k], figure):
            return None  # 胡集村等 | 6个村: what is counted, not where
        listed = k > 0 and _listed_places(ctext, located[k - 1], located[k], figure)
        if listed and located[k][0] >= figure.clause_start:
            # 拨付江苏、安徽…湖南5省 | 资金11.37亿元: of none of them alone; in 西陵寺镇、
            # 河堤乡等低洼易涝区域 | 新建泵站8座, of the county both are in
            shared = [p for p in located[k - 1][1].norm.get("parents") or ()
                      if p in (nearest.norm.get("parents") or ())]
            return str(shared[-1]) if shared else _SEVERAL_PLACES
        # (a list in an earlier clause of the sentence locates no figure of a later one:
        # 参考辽宁和江苏两省成交价，以及…2个省份; nor does a place that opened a sentence
        # before: 县市区有莱阳、栖霞…，采购额分别为… is of the document's unit)
        if listed and deictic is None:
            return None
        written = "".join(nearest.text.split())
        # (荣获中国 | 质量奖提名奖2个: a place that names an honour locates nothing)
        honour = figure.metric.endswith(_HONOURS) and \
            ctext.startswith(figure.metric, located[k][0] + len(written))
        if written not in figure.metric and not honour and (
                deictic is None or located[k][0] > deictic[0] or
                nearest_name.endswith(deictic[1])):
            return nearest_name  # in the clause, else in the sentence
    if deictic is not None:  # 全省 in a city's report: its province (SPEC section 4)
        level = deictic[1]
        if level in places.levels:
            return places.levels[level]
        named_before = places.by_level[level]
        n = bisect_left(named_before, deictic[0], key=_position) - 1
        if n >= 0:
            return named_before[n][1]  # the last place of that level named before
    for word, level in _WHOLE_UNIT.items():
        positions = places.whole_words[word]
        j = bisect_left(positions, figure.start) - 1
        if j >= 0 and positions[j] >= figure.sentence[0]:
            named = places.by_level[level]
            n = bisect_left(named, figure.start, key=_position) - 1
            return named[n][1] if n >= 0 else None
    paragraph = figure.sentence[2]
    opening = _between(located, paragraph, paragraph + 8)
    if opening and ctext.startswith("在", paragraph):
        return _place_name(opening[0][1])
    o = bisect_left(places.openers, figure.sentence[0], key=_position) - 1
    if o >= 0 and places.openers[o][0] >= paragraph:
        return places.openers[o][1]  # 新田县…抓抗旱。| 通过各种渠道筹集资金600多万元
    return None


#: What follows the last place of a list up to the count of what the list names
#: (等, or 、胜利等: more names first).
_LIST_BEFORE_COUNT = re.compile("(?:、[^\\s，。；、等]{1,8}){0,6}等")
#: Endings of the names of honours and rankings, which a place may open (中国质量奖).
_HONOURS = ("奖", "强", "商标", "名牌", "称号", "品牌")


def _elsewhere(ctext: str, located: tuple[int, Entity], org_starts: set[int]) -> bool:
    """Whether a country is named as where something comes from or goes to (来自俄罗斯的
    燃料油, 向美国出口, 销往日本), or a place as a company's nationality (韩国手机生产商LG
    电子): not where the figure was measured, which is the exporter's or the company's."""
    position, place = located
    end = position + len("".join(place.text.split()))
    before = ctext[max(0, position - _ELSEWHERE_REACH):position]
    after = ctext[end:end + _ELSEWHERE_REACH]
    # (only a country's: 来自太原其他16家企业的职工 counts what is in 太原)
    if not isinstance(place.norm.get("code"), str) and (
            before.endswith(_COMES_FROM) or before.endswith(_GOES_TO) or
            before.endswith(_TRADE_PREPOSITIONS) and after.startswith(_TRADE_VERBS)):
        return True  # 来自俄罗斯的, 销往日本, 向美国出口
    if before.endswith(_COMPARED_WITH_PLACE) and after.startswith("的"):
        return True  # 能耗相当于德国的5倍, 仅相当于美国的2.2%: the base's place
    role = _COMPANY_ROLE.match(ctext, end)
    if role is None:
        return False
    name_start = role.end()
    if name_start < len(ctext) and ctext[name_start].isascii() and ctext[name_start].isalpha():
        return True  # 韩国手机生产商 | LG电子
    return name_start in org_starts  # (``org_starts``: where the page's ORGs start)


#: How far around a place the words of origin, destination and trade are read.
_ELSEWHERE_REACH = 4
_COMES_FROM = ("来自", "产自", "原产于", "原产", "进口自", "产于")
_GOES_TO = ("销往", "出口到", "出口至", "运往", "发往", "输往", "出口")
_TRADE_PREPOSITIONS = ("向", "对")
_TRADE_VERBS = ("出口", "输出", "销售", "出售")
#: Words of comparison before a place and its 的: the place of the base compared with.
_COMPARED_WITH_PLACE = ("相当于", "比", "较", "高于", "低于", "超过", "不及", "是")
#: A company's role after its country, up to the company's name (手机生产商, 芯片巨头); no
#: 的 or count between (广东省的两大本地企业广汽丰田 are in 广东省).
_COMPANY_ROLE = re.compile(r"(?:(?![的两二三四五六七八九十])[\u4e00-\u9fff]){0,6}?"
                           r"(?:生产商|制造商|厂商|供应商|运营商|开发商|巨头|企业|公司|集团)")


def _body_places(mentions: Sequence[Mention], cleaned: CleanText) -> list[tuple[int, Entity]]:
    """Bodies with a place written inside their name (南京市政府采购中心, 国家统计局大庆调查队),
    as the places they locate figures in: a figure a body reports is that place's."""
    return [(cleaned.to_clean(m.start),
             Entity("GPE", m.start, m.end, m.text, {"name": m.norm["place"], "body": m.text},
                    m.by))
            for m in mentions if isinstance(m, Entity) and m.label == "GOV"
            and m.norm.get("place")]


def _facility_places(mentions: Sequence[Mention], cleaned: CleanText,
                     document_place: str | None) -> list[tuple[int, Entity]]:
    """Ports and airports named after the division they serve (九江港, 南昌昌北机场) that
    open a clause, as the places of the figures they report (九江港完成货物吞吐量 is 九江
    市's), as a body's place is: the division that opens the name, resolved against the
    document's."""
    found = []
    for m in mentions:
        if not (isinstance(m, Entity) and m.label == "LOC" and m.text.endswith(_FACILITIES)):
            continue
        at = cleaned.to_clean(m.start)
        before = cleaned.text[max(0, at - _FACILITY_LOOKBACK):at].rstrip()
        if before and before[-1] not in CLAUSE_ENDS:
            continue  # (紧邻洛阳北郊机场的中建家园: a landmark, not what the clause reports on)
        opening = [p for p in find_places(m.text) if p.start == 0][:1]
        resolved = resolve_places(opening, document_place) if opening else []
        if resolved and resolved[0].resolved:
            found.append((cleaned.to_clean(m.start),
                          Entity("GPE", m.start, m.end, m.text,
                                 {**resolved[0].norm(), "facility": m.text}, m.by)))
    return found


#: What a facility named after its division ends with (九江港, 长沙黄花机场), and how
#: far back the mark that opens its clause is looked for.
_FACILITIES = ("港", "机场", "港区", "口岸")
_FACILITY_LOOKBACK = 8


#: Around a 全省 / 全市 that is a comparison's base or a ranking, not the figure's
#: subject (比全省平均水平高出, 稳居全省第一, 占全市的).
_COMPARED_BEFORE = ("比", "较", "于", "居", "占", "超", "在", "与", "同")
_COMPARED_AFTER = ("第", "平均", "前", "排", "的", "同")


def _deictics(ctext: str, c: FactCues) -> list[tuple[int, str]]:
    """Where the text refers to the unit it is about (全省, 我市, 本县), with the
    level each names, in order; not where the word is a base of comparison or
    a rank (比全省平均水平, 稳居全省第一), which says nothing of the figure's place."""
    return [(m.start(), c.deictic_levels[m.group(0)])
            for m in c.deictic_pattern.finditer(ctext)
            if not (ctext[m.start() - 1:m.start()] in _COMPARED_BEFORE
                    or ctext.startswith(_COMPARED_AFTER, m.end()))]


def _document_levels(document_place: str | None, places: Sequence[tuple[int, Entity]]
                     ) -> dict[str, str]:
    """The document's place and its parents by the level word their names end
    with (西工区 → {"省": "河南省", "市": "洛阳市", "区": "西工区"}), the parents as the
    gazetteer gave them where the text names the place, else as it gives them
    for the name alone."""
    if document_place is None:
        return {}
    parents = next((list(p.norm.get("parents") or ()) for _, p in places
                    if p.norm.get("name") == document_place), None)
    return levels_of(document_place, parents if parents is not None else
                     parents_of(document_place))


def _deictic_in_clause(figure: _Figure, places: _Places) -> bool:
    """Whether a 全省 / 我市 … stands in the figure's clause before it."""
    d = bisect_left(places.deictics, (figure.start, "")) - 1
    return d >= 0 and places.deictics[d][0] >= figure.clause_start


def _names_a_place(ctext: str, figure: _Figure, places: _Places) -> bool:
    """Whether a GPE stands in the figure's clause before it (not as a member of
    what the figure counts: 大庆、胜利等 | 24个油气生产基地)."""
    k = bisect_left(places.located, figure.start, key=_position) - 1
    if k < 0 or places.located[k][0] < figure.clause_start:
        return False
    return not _counted_in_list(ctext, places.located[k], figure)


def _counted_in_list(ctext: str, located: tuple[int, Entity], figure: _Figure) -> bool:
    """Whether a place (at its clean start) is listed, with other names or none,
    before 等 and the figure's count (胡集村等 | 6个村, 大庆、胜利等 | 24个油气生产基地):
    what the figure counts, not where it is."""
    start, place = located
    return _LIST_BEFORE_COUNT.fullmatch(
        ctext, start + len("".join(place.text.split())), figure.start) is not None


def _cited_from_the_centre(ctext: str, figure: _Figure, central_sources: Sequence[int],
                           local_bodies: Sequence[int], places: _Places) -> bool:
    """Whether the figure's sentence cites a State Council body before it (据国家
    统计局…, 商务部监测显示…) and names no place, no local unit (全省, 我市) and no
    local body (在商务部指导下，省经合局梳理6个…) there: the figure is the country's,
    not the document's place's."""
    k = bisect_left(central_sources, figure.start) - 1
    if k < 0 or central_sources[k] < figure.sentence[0]:
        return False
    b = bisect_left(local_bodies, figure.start) - 1
    if b >= 0 and local_bodies[b] >= figure.sentence[0]:
        return False
    p = bisect_left(places.located, figure.start, key=_position) - 1
    d = bisect_left(places.deictics, (figure.start, "")) - 1
    before = ctext[figure.sentence[0]:figure.start]
    return not (p >= 0 and places.located[p][0] >= figure.sentence[0]) and \
        not (d >= 0 and places.deictics[d][0] >= figure.sentence[0]) and \
        not any(word in before for word in _LOCAL_UNITS)


def _national(ctext: str, figure: _Figure, c: FactCues) -> bool:
    """Whether the figure's clause, up to the figure, says it is the whole
    country's or the world's (全国居民消费价格, 我国公务车采购额, 全世界石油消费量):
    then the place of the document (a province quoting a national figure) is not
    its place. (全国人大, 全国政协 are bodies, and 全市 after the word takes the
    figure back to the document's unit.)"""
    clause = ctext[max(figure.clause_start, figure.start - _CLAUSE_READ):figure.end]
    for word in c.national_words:
        at = clause.find(word)
        while at >= 0:
            rest = clause[at + len(word):]
            # (比全国高出1个百分点: the base of a margin, not whose figure it is; but
            # 高于全国同期 | 1.7% is the nation's figure, and 占全国的 is either)
            if not rest.startswith(_NATIONAL_BODIES) and \
                    not clause[:at].endswith(_WHOLE_BEFORE) and \
                    not any(w in rest for w in _LOCAL_UNITS):
                return True
            at = clause.find(word, at + 1)
    return False


#: Words before 全国 that make it a comparison's base.
_WHOLE_BEFORE = ("比", "较", "居", "高出")  # (与全国…联网 is with, no base)
#: Bodies whose names open with 全国 (no figure of theirs is national for that).
_NATIONAL_BODIES = ("人大", "人民代表大会", "政协", "总工会", "妇联", "工商联")
#: Words that take a figure back to the unit a document is about (全国…，全市增长).
_LOCAL_UNITS = ("全省", "全市", "全县", "全区", "全州", "全盟", "全旗", "我省", "我市", "我县",
                "我区", "本省", "本市", "本县", "本区", *_WHOLE_UNIT)


def place_of_document(mentions: Sequence[Mention],
                      deictics: Sequence[tuple[int, str]] = (),
                      title_end: int = 0) -> str | None:
    """The place a document without context is about: where it refers to
    itself by a level at least twice (全省…全省, 我市), the place of that level it
    names most often; else the county (else the city) it names most often, if
    it names one at least twice and first in its lead; else the one province
    its title (the text before ``title_end``) names, if named again (1-2月广东经济
    数据出炉), or the one province it names at all, if named three times and first
    in its lead. A body names its place too (万载县发改委). Of two named as often,
    the one named first (never the order of a set, which differs between
    processes)."""
    codes = {_place_name(m): m.norm["code"] for m in mentions
             if isinstance(m, Entity) and m.label == "GPE" and isinstance(m.norm.get("code"), str)}
    uses = Counter(level for _, level in deictics).most_common(1)
    if uses and uses[0][1] >= _DOCUMENT_PLACE_MENTIONS:
        of_level = [_place_name(m) for m in mentions
                    if isinstance(m, Entity) and m.label == "GPE"
                    and _place_name(m) in codes and _place_name(m).endswith(uses[0][0])]
        if of_level:
            return Counter(of_level).most_common(1)[0][0]
    named: list[tuple[int, str]] = []  # where each coded place is named, by itself or a body
    for m in mentions:
        if isinstance(m, Entity) and (m.label == "GPE" or m.label == "GOV" and m.norm.get("place")):
            name = _place_name(m) if m.label == "GPE" else str(m.norm["place"])
            if name in codes:
                named.append((m.start, name))
    named.sort(key=lambda item: item[0])
    first_named: dict[str, int] = {}
    for start, name in named:
        first_named.setdefault(name, start)
    counts = Counter(name for _, name in named)
    for level in (3, 2):  # GB/T 2260: county codes end in 2 nonzero digits, city in 00
        names = [name for name in first_named if _level(codes[name]) == level]
        if names:
            name = max(names, key=lambda n: (counts[n], -first_named[n]))
            # (a city named once in a national story is a scene; so is one named twice
            # far into it: a story about a place names it in its lead)
            if counts[name] >= _DOCUMENT_PLACE_MENTIONS and first_named[name] < _LEAD:
                return name
    provinces = [name for name in first_named if _level(codes[name]) == 1]
    in_title = [name for name in provinces if first_named[name] < title_end]
    if len(in_title) == 1 and counts[in_title[0]] >= _DOCUMENT_PLACE_MENTIONS:
        return in_title[0]
    if len(provinces) == 1 and counts[provinces[0]] >= _SOLE_PROVINCE_MENTIONS and \
            first_named[provinces[0]] < _LEAD:
        return provinces[0]  # (a Legislative Council reply that names 香港 throughout)
    return None


def _level(code: str) -> int:
    """1 for a province (GB/T 2260 ``xx0000``), 2 for a city (``xxxx00``), 3 for a county."""
    return 1 if code[2:] == "0000" else 2 if code[4:] == "00" else 3


#: How often a document without context names the place it is about, at least.
_DOCUMENT_PLACE_MENTIONS = 2
#: How often a document names the one province it names, to be about it without a title.
_SOLE_PROVINCE_MENTIONS = 3
