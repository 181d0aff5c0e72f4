#!/usr/bin/env python3
"""Build ``src/zhfacts/data/words/``: jieba's word dictionary and its two hidden
Markov models, shipped inside zhfacts so that jieba (42 MB installed, of which
its ``lac_small`` model and ``analyse`` keyword data, 19 MB, are never used) is
no runtime dependency. ``zhfacts.words`` reads them and segments and tags as
jieba 0.42.1 does (``tests/test_words.py`` checks it against jieba).

Two files, xz-compressed (``lzma``, preset 9e):

- ``jieba-dict.txt.xz``: ``jieba/dict.txt`` byte for byte (word, frequency,
  part-of-speech tag; 349,046 lines);
- ``jieba-hmm.json.xz``: the tables of ``jieba.finalseg`` (the B/M/E/S model
  that joins characters no dictionary word covers) and of ``jieba.posseg``
  (the joint position/part-of-speech model and its per-character state table),
  as JSON: a posseg state ``('B', 'n')`` is written ``"B n"``; the
  probabilities are jieba's floats, which JSON writes exactly (shortest repr).

Beside them: ``LICENSE-jieba.txt`` (jieba's MIT licence, from its repository:
jieba's wheel and sdist carry none) and ``jieba.json``, the provenance: package
and version, the sha256 of each source file and of each shipped file, and this
command. ``--check`` verifies that the shipped files still say what the
installed jieba says.

Upstream: jieba (https://github.com/fxsjy/jieba), MIT licence::

    pip install jieba==0.42.1
    python tools/build_word_data.py
    python tools/build_word_data.py --check
"""

from __future__ import annotations

import argparse
import hashlib
import json
import lzma
import sys
from importlib import metadata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "zhfacts" / "data" / "words"
DICTIONARY = "jieba-dict.txt.xz"
MODELS = "jieba-hmm.json.xz"
PROVENANCE = "jieba.json"
LICENCE = "LICENSE-jieba.txt"
FILTERS = [{"id": lzma.FILTER_LZMA2, "preset": 9 | lzma.PRESET_EXTREME}]

#: jieba's licence as its repository states it (LICENSE at github.com/fxsjy/jieba).
LICENCE_TEXT = """The MIT License (MIT)

Copyright (c) 2013 Sun Junyi

Permission is hereby granted, free of charge, to any person obtaining a copy of
this software and associated documentation files (the "Software"), to deal in
the Software without restriction, including without limitation the rights to
use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of
the Software, and to permit persons to whom the Software is furnished to do so,
subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS
FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR
COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER
IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN
CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
"""

#: The jieba files the tables come from (their digests go into the provenance).
#: (jieba reads the ``.py`` form of its tables on CPython, the ``.p`` pickles on Jython.)
SOURCES = ("jieba/dict.txt",
           "jieba/finalseg/prob_start.py", "jieba/finalseg/prob_trans.py",
           "jieba/finalseg/prob_emit.py",
           "jieba/posseg/prob_start.py", "jieba/posseg/prob_trans.py",
           "jieba/posseg/prob_emit.py", "jieba/posseg/char_state_tab.py")


def _state(state: tuple[str, str]) -> str:
    return f"{state[0]} {state[1]}"


def models() -> dict[str, Any]:
    """jieba's HMM tables as JSON-ready dicts (imported from the installed jieba)."""
    from jieba import finalseg, posseg

    return {
        "finalseg": {"start": finalseg.start_P, "trans": finalseg.trans_P,
                     "emit": finalseg.emit_P},
        "posseg": {
            "start": {_state(s): p for s, p in posseg.start_P.items()},
            "trans": {_state(s): {_state(t): p for t, p in row.items()}
                      for s, row in posseg.trans_P.items()},
            "emit": {_state(s): row for s, row in posseg.emit_P.items()},
            "char_states": {char: [_state(s) for s in states]
                            for char, states in posseg.char_state_tab_P.items()},
        },
    }


def shipped_texts() -> tuple[metadata.Distribution, dict[str, bytes]]:
    """The installed jieba and the uncompressed text of each shipped file."""
    dist = metadata.distribution("jieba")
    dictionary = Path(str(dist.locate_file("jieba/dict.txt"))).read_bytes()
    tables = json.dumps(models(), ensure_ascii=False, sort_keys=True,
                        separators=(",", ":")).encode("utf-8")
    return dist, {DICTIONARY: dictionary, MODELS: tables}


def check() -> int:
    """0 if each shipped file decompresses to what the installed jieba gives."""
    _, texts = shipped_texts()
    failures = 0
    for name, text in texts.items():
        path = OUT / name
        ok = path.is_file() and lzma.decompress(path.read_bytes()) == text
        print(f"{'ok  ' if ok else 'DIFF'} {name}")
        failures += not ok
    return 1 if failures else 0


def build() -> None:
    dist, texts = shipped_texts()
    OUT.mkdir(parents=True, exist_ok=True)
    files: dict[str, object] = {}
    for name, text in texts.items():
        packed = lzma.compress(text, format=lzma.FORMAT_XZ, check=lzma.CHECK_CRC64,
                               filters=FILTERS)
        (OUT / name).write_bytes(packed)
        files[name] = {"text_sha256": hashlib.sha256(text).hexdigest(),
                       "text_bytes": len(text),
                       "sha256": hashlib.sha256(packed).hexdigest(),
                       "bytes": len(packed)}
        print(f"{name}: {len(text):,} -> {len(packed):,} bytes")
    (OUT / LICENCE).write_text(LICENCE_TEXT, encoding="utf-8")
    sources = {member: hashlib.sha256(Path(str(dist.locate_file(member))).read_bytes())
               .hexdigest() for member in SOURCES}
    provenance = {
        "_doc": "jieba's word dictionary (jieba-dict.txt.xz: dict.txt unchanged) and the "
                "tables of its two hidden Markov models (jieba-hmm.json.xz: jieba.finalseg "
                "and jieba.posseg, as JSON), xz-compressed; zhfacts.words segments and tags "
                "with them as jieba does. Built by tools/build_word_data.py; see "
                "docs/dependencies.md.",
        "package": "jieba",
        "version": dist.version,
        "homepage": "https://github.com/fxsjy/jieba",
        "licence": "MIT",
        "licence_file": LICENCE,
        "notice": "jieba, Copyright (c) 2013 Sun Junyi, licensed under the MIT licence "
                  "(LICENSE-jieba.txt). dict.txt is unmodified; the model tables are "
                  "jieba's, written as JSON.",
        "command": "python tools/build_word_data.py (with jieba installed)",
        "sources_sha256": sources,
        "files": files,
    }
    (OUT / PROVENANCE).write_text(json.dumps(provenance, ensure_ascii=False, indent=1) + "\n",
                                  encoding="utf-8")
    print(f"jieba {dist.version} -> {OUT}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true",
                        help="only verify that the shipped files match the installed jieba")
    args = parser.parse_args()
    if args.check:
        return check()
    build()
    return 0


if __name__ == "__main__":
    sys.exit(main())
