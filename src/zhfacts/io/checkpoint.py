"""Resuming an interrupted ``zhfacts extract`` without redoing or duplicating documents.

Output is written in input order, so a run is fully described by how many
documents it finished and where its output stood at that moment. After each
document (or each finished Parquet part) the run appends ``done mark`` to a
checkpoint file beside the output (``OUTPUT.progress``), after the output
itself was flushed. The file starts with a JSON header naming the inputs and
the options, so a resume with other inputs or options is refused instead of
mixing two runs. It is written only when asked (``--checkpoint``, or
``--resume``, which implies it); a run without either writes none and
removes a stale one left beside the output it rewrites.

``--resume`` reads the last complete line: it cuts a file output back to the
mark (dropping a document that was half written when the run died), skips
that many input documents, and appends the rest. A kill at any moment loses
at most the documents in flight, which the resumed run does again.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from zhfacts.errors import InputError

__all__ = ["Checkpoint", "ResumePoint", "checkpoint_path"]

_VERSION = 1


@dataclass(frozen=True)
class ResumePoint:
    """How far an earlier run got: documents done and the writer's mark then."""

    done: int
    mark: int


def checkpoint_path(output: Path) -> Path:
    """Where the checkpoint of ``output`` is kept: ``OUTPUT.progress`` beside it."""
    return output.with_name(output.name + ".progress")


class Checkpoint:
    """The checkpoint file of one output."""

    def __init__(self, output: Path, settings: dict[str, Any]) -> None:
        self.path = checkpoint_path(output)
        self.header = {"zhfacts_checkpoint": _VERSION, **settings}
        self.handle: TextIO | None = None

    def load(self) -> ResumePoint | None:
        """The point to resume from (``None``: no earlier run). Raises
        :class:`InputError` when the earlier run had other inputs or options."""
        try:
            lines = self.path.read_text(encoding="utf-8").split("\n")
        except FileNotFoundError:
            return None
        if len(lines) < 2:  # killed while writing the header: nothing was done
            return None
        try:
            header = json.loads(lines[0])
        except json.JSONDecodeError:
            header = None
        if header != self.header:
            raise InputError(f"{self.path} belongs to a run with other inputs or options; "
                             "run again without --resume (or with the same arguments)")
        point = ResumePoint(0, 0)
        for line in lines[1:-1]:  # the text after the last newline is a cut line
            fields = line.split()
            if len(fields) == 2 and all(f.isdigit() for f in fields):
                point = ResumePoint(int(fields[0]), int(fields[1]))
        return point

    def start(self, point: ResumePoint | None) -> None:
        """Open for appending; a fresh run (``point`` is None) starts the file anew."""
        if point is None:
            self.handle = self.path.open("w", encoding="utf-8")
            self.handle.write(json.dumps(self.header, ensure_ascii=False) + "\n")
        else:
            self.handle = self.path.open("a", encoding="utf-8")
            self.handle.write("\n")  # a line cut by the kill stays a line of its own
        self.handle.flush()

    def record(self, done: int, mark: int) -> None:
        assert self.handle is not None
        self.handle.write(f"{done} {mark}\n")
        self.handle.flush()

    def close(self) -> None:
        if self.handle is not None:
            self.handle.close()
            self.handle = None
