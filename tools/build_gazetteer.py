#!/usr/bin/env python3
"""Build ``src/zhfacts/data/gazetteer/``: the gazetteer's division data, taken
from a jionlp wheel (or an installed jionlp) and shipped inside zhfacts, so that
jionlp (and its dependency jiojio, ~220 MB installed together) is no runtime
dependency.

Three of jionlp's data files are copied byte for byte and compressed with xz
(``lzma``, preset 9e, a 16 MiB dictionary):

- ``dictionary/china_location.zip`` -> its one member ``china_location.txt``
  (the tab-indented division tree, 704,000 lines) -> ``china_location.txt.xz``;
- ``dictionary/china_location_change.txt`` (division changes since 2002)
  -> ``china_location_change.txt.xz``;
- ``dictionary/world_location.txt`` (countries, capitals, major cities)
  -> ``world_location.txt.xz``.

Beside them: ``LICENSE-jionlp.txt`` (jionlp's licence, Apache-2.0, from its
dist-info) and ``jionlp.json``, the provenance: package and version, the
sha256 of the wheel (when built from one), of each source file and of each
uncompressed text, and this command. The content is not changed (Apache-2.0
section 4(b) asks for a notice on changed files; there are none), so the
uncompressed texts hash to what jionlp ships; ``--check`` verifies that.

Upstream: JioNLP (https://github.com/dongrixinyu/JioNLP), Apache License 2.0::

    pip download jionlp==1.5.31 --no-deps -d /tmp/jionlp
    python tools/build_gazetteer.py /tmp/jionlp/jionlp-1.5.31-py2.py3-none-any.whl
    python tools/build_gazetteer.py --check /tmp/jionlp/jionlp-1.5.31-py2.py3-none-any.whl

The source may also be an installed jionlp: its ``site-packages`` directory or
the ``jionlp`` package directory in it. The compiled gazetteer is not shipped:
zhfacts compiles these texts on first use into the user's cache
(``zhfacts.entities.gazetteer.cache``, docs/gazetteer.md).
"""

from __future__ import annotations

import argparse
import email.parser
import hashlib
import io
import json
import lzma
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "zhfacts" / "data" / "gazetteer"
PROVENANCE = "jionlp.json"
LICENCE = "LICENSE-jionlp.txt"

#: shipped name -> (file in the jionlp package, member of that file if it is a zip)
FILES: dict[str, tuple[str, str | None]] = {
    "china_location.txt.xz": ("jionlp/dictionary/china_location.zip", "china_location.txt"),
    "china_location_change.txt.xz": ("jionlp/dictionary/china_location_change.txt", None),
    "world_location.txt.xz": ("jionlp/dictionary/world_location.txt", None),
}
#: xz with a dictionary as large as the largest text (12 MB): the best ratio, and
#: a decoder that needs no more memory than that.
FILTERS = [{"id": lzma.FILTER_LZMA2, "preset": 9 | lzma.PRESET_EXTREME, "dict_size": 1 << 24}]


class Source:
    """A jionlp wheel, or an installed jionlp, as a function from a path inside
    the wheel (``jionlp/...``, ``jionlp-<v>.dist-info/...``) to its bytes."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.wheel_sha256: str | None = None
        self.read: Callable[[str], bytes]
        if path.is_file():
            data = path.read_bytes()
            self.wheel_sha256 = hashlib.sha256(data).hexdigest()
            archive = zipfile.ZipFile(io.BytesIO(data))
            names = archive.namelist()
            self.read = archive.read
        else:
            root = path.parent if (path / "dictionary").is_dir() else path
            if not (root / "jionlp" / "dictionary").is_dir():
                raise SystemExit(f"{path}: neither a jionlp wheel, nor site-packages with "
                                 "jionlp, nor the jionlp package directory")
            names = [p.relative_to(root).as_posix() for p in root.glob("jionlp-*.dist-info/*")]
            names += [p.relative_to(root).as_posix()
                      for p in root.glob("jionlp-*.dist-info/licenses/*")]
            self.read = lambda name: (root / name).read_bytes()
        infos = sorted({name.split("/")[0] for name in names if ".dist-info/" in name
                        and name.startswith("jionlp-")})
        if len(infos) != 1:
            raise SystemExit(f"{path}: expected one jionlp-*.dist-info, found {infos}")
        self.dist_info = infos[0]
        metadata = email.parser.Parser().parsestr(
            self.read(f"{self.dist_info}/METADATA").decode("utf-8"), headersonly=True)
        self.version = metadata["Version"]
        self.home = metadata.get("Home-page") or "https://github.com/dongrixinyu/JioNLP"
        self.licence_text = next(
            (self.read(name) for name in (f"{self.dist_info}/licenses/LICENSE",
                                          f"{self.dist_info}/LICENSE") if name in names), None)
        if self.licence_text is None:
            raise SystemExit(f"{path}: jionlp's LICENSE is missing from {self.dist_info}")


def texts(source: Source) -> dict[str, tuple[bytes, dict[str, object]]]:
    """Each shipped name -> its uncompressed text and its provenance entry."""
    out: dict[str, tuple[bytes, dict[str, object]]] = {}
    for shipped, (member, inner) in FILES.items():
        raw = source.read(member)
        text = zipfile.ZipFile(io.BytesIO(raw)).read(inner) if inner else raw
        text.decode("utf-8")  # a text file, or the source is not what we expect
        entry: dict[str, object] = {
            "source": member + (f", member {inner}" if inner else ""),
            "source_sha256": hashlib.sha256(raw).hexdigest(),
            "text_sha256": hashlib.sha256(text).hexdigest(),
            "text_bytes": len(text),
        }
        out[shipped] = text, entry
    return out


def check(source: Source) -> int:
    """Compare the shipped files with the source: 0 if each decompresses to it."""
    failures = 0
    for shipped, (text, _) in texts(source).items():
        path = OUT / shipped
        ok = path.is_file() and lzma.decompress(path.read_bytes()) == text
        print(f"{'ok  ' if ok else 'DIFF'} {shipped}")
        failures += not ok
    licence = OUT / LICENCE
    ok = licence.is_file() and licence.read_bytes() == source.licence_text
    print(f"{'ok  ' if ok else 'DIFF'} {LICENCE}")
    return 1 if failures or not ok else 0


def build(source: Source) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    files: dict[str, object] = {}
    for shipped, (text, entry) in texts(source).items():
        packed = lzma.compress(text, format=lzma.FORMAT_XZ, check=lzma.CHECK_CRC64,
                               filters=FILTERS)
        (OUT / shipped).write_bytes(packed)
        entry["sha256"] = hashlib.sha256(packed).hexdigest()
        entry["bytes"] = len(packed)
        files[shipped] = entry
        print(f"{shipped}: {len(text):,} -> {len(packed):,} bytes")
    assert source.licence_text is not None
    (OUT / LICENCE).write_bytes(source.licence_text)
    provenance = {
        "_doc": "The administrative-division data of zhfacts' gazetteer (zhfacts.entities."
                "gazetteer, zhfacts.entities.world): data files of the jionlp package, "
                "unchanged, xz-compressed. Built by tools/build_gazetteer.py; see "
                "docs/gazetteer.md.",
        "package": "jionlp",
        "version": source.version,
        "homepage": source.home,
        "licence": "Apache-2.0",
        "licence_file": LICENCE,
        "notice": "JioNLP, Copyright dongrixinyu and the JioNLP contributors, licensed "
                  "under the Apache License, Version 2.0 (LICENSE-jionlp.txt). The files "
                  "are unmodified; zhfacts only compresses them.",
        "built_from": {"file": source.path.name, "sha256": source.wheel_sha256}
        if source.wheel_sha256 else {"installed": f"jionlp {source.version}"},
        "command": "python tools/build_gazetteer.py <jionlp wheel or installed package dir>",
        "files": files,
    }
    (OUT / PROVENANCE).write_text(json.dumps(provenance, ensure_ascii=False, indent=1) + "\n",
                                  encoding="utf-8")
    print(f"jionlp {source.version} -> {OUT}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", type=Path,
                        help="a jionlp wheel, or site-packages with jionlp, or its package dir")
    parser.add_argument("--check", action="store_true",
                        help="only verify that the shipped files match the source")
    args = parser.parse_args()
    source = Source(args.source)
    if args.check:
        return check(source)
    build(source)
    return 0


if __name__ == "__main__":
    sys.exit(main())
