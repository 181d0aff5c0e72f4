"""Runs and lists of personal names written without separators.

Lists of officials are typeset with spaces between the names; PDF
extraction and zhfacts' clean-up remove them, and MSRA's text has none
either: 何其宗何椿霖佟宝存. A sequence tagger reads such a run as one name, or
as an organization. These functions cut a run into names (a surname, then
one or two given characters) where the cover is unambiguous enough, and
leave foreign names (戈麦尔斯基, 吉姆·吉尔摩) whole.
"""

from __future__ import annotations

from collections.abc import Callable

from zhfacts.words import dictionary_classes, segmenter, surnames


def split_name_lists(text: str, spans: list[tuple[int, int, str]],
                     typed: Callable[[str], bool]) -> list[tuple[int, int, str]]:
    """Split a PERSON span that is a run of names written without separators
    (何其宗何椿霖佟宝存; a list whose spaces the PDF clean-up removed) into
    names of two or three characters that each start with a surname; a long
    ORG span that is such a run (and ends in no type word, ``typed``) is a
    list of people the model misread."""
    out: list[tuple[int, int, str]] = []
    for start, end, label in spans:
        run = text[start:end]
        pieces = name_pieces(run) if label == "PERSON" and end - start >= 4 else None
        if pieces is not None and _parallel(run, pieces):
            continue  # 强农惠农, 便民利民: a slogan of parallel verb-objects, no names
        if label == "ORG" and end - start >= 8 and not typed(run):
            pieces = name_pieces(run)  # 苏步青丁光训董寅初…: a list of names, not an ORG
            pieces = pieces if pieces is not None and len(pieces) >= 3 else None
            label = "PERSON" if pieces else label
        if pieces is None:
            out.append((start, end, label))
            continue
        for offset, length in pieces:
            out.append((start + offset, start + offset + length, "PERSON"))
    return _name_before_list(text, out)


def _parallel(run: str, pieces: list[tuple[int, int]]) -> bool:
    """Whether a cover of two-character pieces repeats its second character in
    every piece (强农惠农富农): parallel phrases, not a list of given names."""
    return all(length == 2 for _, length in pieces) and \
        len({run[offset + 1] for offset, _ in pieces}) == 1


_LIST_BOUNDARY = frozenset("：:、，,（(；;。 \n")


def _name_before_list(text: str, spans: list[tuple[int, int, str]]
                      ) -> list[tuple[int, int, str]]:
    """A list of names the model read from its second name on (…有：何其宗 |
    何椿霖 | 佟宝存): the name between the list's opening punctuation and its
    first tagged name is a name too."""
    single, _ = surnames()
    people = sorted((s, e) for s, e, label in spans if label == "PERSON")
    ends = {e for _, e in people}
    added = []
    for (start, end), (following, _) in zip(people, people[1:], strict=False):
        if end != following or start in ends:
            continue  # not the first name of a run of adjacent names
        for length in (3, 2):
            first = start - length
            if first < 0 or text[first] not in single or \
                    not all(_CJK_RANGE[0] <= ch <= _CJK_RANGE[1] for ch in text[first:start]):
                continue
            if first == 0 or text[first - 1] in _LIST_BOUNDARY:
                added.append((first, start, "PERSON"))
                break
    return sorted(spans + added)


_CJK_RANGE = ("\u4e00", "\u9fff")
#: Characters that foreign names transliterate with and Chinese given names
#: rarely use; two of them in a run make it one foreign name.
_TRANSLITERATION = frozenset("斯尔基夫娃娜克特德姆亚科罗尼卡拉布蒂莫耶维奇诺塞勒里沙伊乌埃奥厄茨"
                             "吉丽莎妮琳蒙贝戈巴普阿哈汉瓦兹")


def name_pieces(run: str) -> list[tuple[int, int]] | None:
    """The best cover of ``run`` by names (a surname, then one or two given
    characters; up to four characters after a compound surname): the most
    three-character names, then the fewest pieces. None unless it is two
    names or more. A long list may end in a name cut off (…万国权何): one
    last character may stay uncovered."""
    single, double = surnames()
    if len(run) == 4 and run[:2] in double:
        return None  # 欧阳东方 is one name
    if not all(_CJK_RANGE[0] <= ch <= _CJK_RANGE[1] for ch in run):
        return None  # 吉姆·吉尔摩: one foreign name
    n = len(run)
    # best[j]: (score, -pieces, where the last piece starts) of the best cover
    # of run[:j]; the pieces are read back at the end (no list copied per
    # step: the cover stays linear in the length of the run).
    best: list[tuple[int, int, int] | None] = [None] * (n + 1)
    best[0] = (0, 0, -1)
    for i in range(n):
        here = best[i]
        if here is None:
            continue
        lengths: tuple[int, ...] = (3, 2) if run[i] in single else ()
        if run[i:i + 2] in double:
            lengths = (4, 3, *lengths)
        for length in lengths:
            j = i + length
            if j > n:
                continue
            candidate = (here[0] + (2 if length >= 3 else 1), here[1] - 1, i)
            current = best[j]
            if current is None or candidate[:2] > current[:2]:
                best[j] = candidate
    ends = [n] + ([n - 1] if n >= 7 else [])
    end = max((j for j in ends if best[j] is not None),
              key=lambda j: best[j][:2], default=None)  # type: ignore[index]
    if end is None:
        return None
    cover: list[tuple[int, int]] = []
    while end > 0:
        start = best[end][2]  # type: ignore[index]
        cover.append((start, end - start))
        end = start
    pieces = cover[::-1]
    if len(pieces) < 2:
        return None
    if any(sum(ch in _TRANSLITERATION for ch in run[i:i + k]) >= 2 for i, k in pieces):
        return None  # 普里马科夫, 苏巴吉亚, 谢尔盖耶夫: one foreign name, not 马科夫 + …
    return pieces


def word_frequency(word: str) -> int:
    """How often jieba's stock dictionary has seen ``word`` (0 for no word)."""
    return segmenter().freq.get(word, 0) or 0


#: A word of the dictionary seen this often that the dictionary does not
#: class as a name is an ordinary word (介绍, 统计, 高兴), not a name.
_ORDINARY_WORD = 100


def name_like(name: str) -> bool:
    """Whether ``name`` looks like a Chinese personal name: it begins with a
    surname (a compound one counts) and is no ordinary word of the dictionary
    (介绍道, 手记 and 统计发现 are what a cue word may be followed by; 高峰 is a
    word but also a name, and the dictionary says so)."""
    single, double = surnames()
    if not (name[:1] in single or name[:2] in double):
        return False
    return word_frequency(name) < _ORDINARY_WORD or dictionary_classes().get(name) == "PER"
