#!/usr/bin/env python3
"""A fourth unlabeled view: news pages of the procurement portal the 2011 news of
``../shared/real-documents`` came from, for reading zhfacts' output on unseen
text of that kind (docs/evaluation.md, "Session 19").

The portal's pages are in the public repository ``likgjava/eb`` (commit
``7470cfbcce2c``), which this tool does not fetch: clone it yourself and give
its path. The tool writes each news page's title and paragraphs as one text
file, and ``meta.json`` with every page's publication date, into ``--out``
(outside the repository: the pages are news whose copyright is the papers').
It leaves out the pages ``shared/real-documents`` holds (named in its README)
and any page that shares a passage with one of its texts, so that no held-back
document is read through this view, and pages under 300 characters or without
a numeral::

    git clone https://github.com/likgjava/eb /tmp/eb
    python tools/portal_news_view.py /tmp/eb --out /tmp/portal-view

Nothing is scored: the pages carry no gold.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import subprocess
from pathlib import Path

#: The portal's channels that hold news articles.
CHANNELS = ("cgxqzx", "caigoudt", "sqzx", "supplierzx", "hangyeliaowang", "jingyingdongtai")
_PAGE = re.compile(rf"webapp/view/staticpags/({'|'.join(CHANNELS)})/(ff[0-9a-f]{{30}})\.jsp$")
#: A numeral: a page without one holds no figure.
_NUMERAL = re.compile(r"\d|[一二三四五六七八九十]")
_TITLE = re.compile(r"<h1>(.*?)</h1>", re.S)
_DATE = re.compile(r"发布时间：(\d{4}-\d\d-\d\d)")
_BODY = re.compile(r'<div class="source">.*?</div>(.*?)</div>\s*</div>', re.S)
#: How long a passage two texts share makes them one document.
_PASSAGE = 30


def page_text(source: str) -> tuple[str, str] | None:
    """A page's text (its title, then one line per paragraph) and date."""
    title, date, body = _TITLE.search(source), _DATE.search(source), _BODY.search(source)
    if not (title and date and body):
        return None
    text = re.sub(r"</p>|<br\s*/?>", "\n", body.group(1))
    text = html.unescape(re.sub(r"<[^>]+>", "", text)).replace("\xa0", " ")
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    return html.unescape(title.group(1)).strip() + "\n" + "\n".join(lines) + "\n", date.group(1)


def passages_of(texts: list[str]) -> set[str]:
    """Every passage of :data:`_PASSAGE` characters of ``texts`` (whitespace left
    out), at every offset: a page that quotes one paragraph of a held-back
    document is found however the paragraph falls (a sample of passages, the
    first version of this tool, let such pages through)."""
    passages = set()
    for text in texts:
        squeezed = re.sub(r"\s", "", text)
        passages.update(squeezed[i:i + _PASSAGE] for i in range(len(squeezed) - _PASSAGE + 1))
    return passages


def shares_a_passage(text: str, passages: set[str]) -> bool:
    """Whether ``text`` holds one of ``passages`` (whitespace left out)."""
    squeezed = re.sub(r"\s", "", text)
    return any(squeezed[i:i + _PASSAGE] in passages
               for i in range(len(squeezed) - _PASSAGE + 1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("clone", type=Path, help="a clone of github.com/likgjava/eb")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    args = parser.parse_args()
    documents = args.shared / "real-documents"
    held = set(re.findall(r"(ff[0-9a-f]{30})\.jsp", (documents / "README.md").read_text()))
    shared = passages_of([p.read_text(encoding="utf-8") for p in sorted(documents.glob("*.txt"))])
    names = subprocess.run(["git", "-C", str(args.clone), "ls-tree", "-r", "--name-only", "HEAD"],
                           capture_output=True, text=True, check=True).stdout.split()
    args.out.mkdir(parents=True, exist_ok=True)
    meta = []
    for name in names:
        match = _PAGE.match(name)
        if match is None or match.group(2) in held:
            continue
        source = subprocess.run(["git", "-C", str(args.clone), "show", "HEAD:" + name],
                                capture_output=True, text=True, check=True).stdout
        page = page_text(source)
        if page is None or len(page[0]) < 300 or not _NUMERAL.search(page[0]) or \
                shares_a_passage(page[0], shared):
            continue
        stem = f"{match.group(1)}-{match.group(2)}"
        (args.out / f"{stem}.txt").write_text(page[0], encoding="utf-8")
        meta.append({"name": stem, "date": page[1], "chars": len(page[0]), "path": name})
    (args.out / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=0),
                                        encoding="utf-8")
    print(f"{len(meta)} pages into {args.out}")


if __name__ == "__main__":
    main()
