"""Render docs/units.md from the package's data files, so the tables cannot drift.

Usage: python tools/units_doc.py > docs/units.md   (tests/test_docs.py checks it is current)
"""

from __future__ import annotations

from collections import defaultdict

from zhfacts.numbers.lexicon import lexicon

HEADER = """# Units, qualifiers and rates

Generated from `src/zhfacts/data/` by `python tools/units_doc.py > docs/units.md`;
`tests/test_docs.py` fails when this page and the data disagree. Codes follow
SPEC section 3; a classifier without a SPEC code stays itself.
"""


def _table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell.replace("|", "\\\\|") for cell in row) + " |"
              for row in rows]
    return lines


def render() -> str:
    lex = lexicon()
    out = [HEADER]
    by_code: dict[tuple[str, str], list[str]] = defaultdict(list)
    notes: dict[tuple[str, str], set[str]] = defaultdict(set)
    for unit in lex.units.values():
        key = (unit.label, unit.code)
        by_code[key].append(unit.surface)
        if unit.factor != 1:
            notes[key].add(f"{unit.surface} = {unit.factor} {unit.code}")
        if unit.context:
            notes[key].add(f"{unit.surface} only after {'/'.join(unit.context)} in the clause")
        if unit.otherwise:
            notes[key].add(f"{unit.surface} otherwise the classifier {unit.otherwise}")
        if unit.compound_only:
            notes[key].add(f"{unit.surface} only after a larger unit (五元三毛)")
    for label in ("MONEY", "QUANTITY", "PERCENT", "DURATION", "AGE", "AMBIGUOUS_CURRENCY"):
        title = {"DURATION": "DURATION (read, not emitted)",
                 "AGE": "AGE (read, not emitted)",
                 "AMBIGUOUS_CURRENCY": "Currencies of no one country (read, not emitted)"
                 }.get(label, label)
        out.append(f"\n## {title}\n")
        rows = [(code, "、".join(surfaces), "; ".join(sorted(notes[(lab, code)])))
                for (lab, code), surfaces in by_code.items() if lab == label]
        out += _table(("code", "written as", "note"), rows)
    out.append("\n## Currency prefixes (part of the span)\n")
    out += _table(("written", "code"), sorted(lex.currency_prefixes.items()))
    for title, table in (("Qualifiers written before the figure", lex.qualifiers_before),
                         ("Qualifiers written after the figure (outside the span)",
                          lex.qualifiers_after),
                         ("Markers inside the figure", lex.qualifiers_inside)):
        out.append(f"\n## {title}\n")
        grouped: dict[str, list[str]] = defaultdict(list)
        for word, code in table.items():
            grouped[code].append(word)
        out += _table(("qualifier", "words"), [(code, "、".join(words))
                                               for code, words in grouped.items()])
    out.append("\nBound words that govern a figure further back in the clause: "
               + "、".join(sorted(lex.distant_bounds)) + ".\n")
    for title, table in (("Rates written before the figure", lex.rates_before),
                         ("Rates written after the unit (inside the span)", lex.rates_after),
                         ("Rates anywhere earlier in the clause", lex.rates_in_clause)):
        out.append(f"\n## {title}\n")
        grouped = defaultdict(list)
        for word, code in table.items():
            grouped[code].append(word)
        out += _table(("per", "words"), [(code, "、".join(words))
                                         for code, words in grouped.items()])
    out.append("\n## Counted nouns (unit of a magnitude written without one)\n")
    grouped = defaultdict(list)
    for word, code in lex.counted_nouns.items():
        grouped[code].append(word)
    out += _table(("unit", "nouns"), [(code, "、".join(words)) for code, words in grouped.items()])
    out.append("\n## Fixed expressions whose numerals are not figures\n")
    out.append("、".join(lex.numbered_terms))
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    print(render(), end="")
