#!/usr/bin/env python3
"""Make a place written before 政府 one GOV span in gold files (decision 65).

The early real-document rounds annotated ``日本政府`` / ``中国政府`` as the GPE alone;
SPEC lists governments among GOV and issue 13 counts ``日本政府`` as a missed state
body, so the gold now reads ``<place>政府`` as one GOV, as the code does. A place
before ``政府采购`` / ``政府大宗采购`` (procurement) is left alone: there 政府 is not a body;
so is one before ``政府工作报告``, a report's name (``深圳市政府工作报告`` is GPE 深圳市, an
earlier decision of docs/annotation.md). The files are rewritten in place; the command
prints how many spans changed per file.

Usage::

    python tools/relabel_governments.py corpora/real/dev ... --texts ../shared/real-documents
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

from zhfacts.evaluation.scoring import DEFAULT_TEXTS

_BODY = "政府"
_NOT_A_BODY_AFTER = re.compile(r".{0,2}采购|工作报告")


def relabel(record: dict[str, object], text: str) -> int:
    """Merge each GPE directly before a governing 政府 into one GOV; return how many."""
    entities = record.get("entities")
    assert isinstance(entities, list)
    taken = {(e["start"], e["end"]) for e in entities}
    changed = 0
    for entity in entities:
        end = entity["end"]
        if (entity["label"] != "GPE" or text[end:end + len(_BODY)] != _BODY
                or _NOT_A_BODY_AFTER.match(text, end + len(_BODY))
                or any(start < end + len(_BODY) and stop > end for start, stop in taken
                       if (start, stop) != (entity["start"], end))):
            continue
        name = text[entity["start"]:end + len(_BODY)]
        entity.update(end=end + len(_BODY), text=name, label="GOV", norm={"name": name})
        changed += 1
    return changed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+", type=Path)
    parser.add_argument("--texts", type=Path, default=DEFAULT_TEXTS)
    args = parser.parse_args()
    for path in args.paths:
        for file in sorted(path.glob("*.jsonl") if path.is_dir() else [path]):
            lines = file.read_text(encoding="utf-8").splitlines()
            records = [json.loads(line) for line in lines if line.strip()]
            total = 0
            for record in records:
                text = record.get("text")
                if text is None:
                    text = (args.texts / str(record["file"])).read_text(encoding="utf-8")
                total += relabel(record, text)
            if total:
                file.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n"
                                        for r in records), encoding="utf-8")
                print(f"{file}\t{total}")


if __name__ == "__main__":
    main()
