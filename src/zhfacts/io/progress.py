"""A progress line for long runs: documents, documents/s, characters/s, and an ETA.

The ETA comes from the input bytes consumed against the input's total size
(:func:`zhfacts.io.sources.input_size`), so no pass over the corpus is needed
to count its documents first. On a terminal the line is redrawn in place
about once a second; into a log file a line is written every ten seconds.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

__all__ = ["Progress"]


class Progress:
    """Counts finished documents and reports the rate to ``stream`` (stderr)."""

    def __init__(self, total_bytes: int | None, *, stream: TextIO | None = None,
                 enabled: bool = True, already_bytes: int = 0) -> None:
        self.stream = stream or sys.stderr
        self.enabled = enabled
        self.total = total_bytes
        self.bytes = already_bytes
        self.start_bytes = already_bytes
        self.documents = 0
        self.characters = 0
        self.started = time.monotonic()
        self.shown = self.started
        self.interactive = self.stream.isatty()
        self.every = 1.0 if self.interactive else 10.0

    def update(self, input_bytes: int, characters: int) -> None:
        self.documents += 1
        self.bytes += input_bytes
        self.characters += characters
        now = time.monotonic()
        if self.enabled and now - self.shown >= self.every:
            self.shown = now
            self._show(now)

    def line(self, now: float | None = None) -> str:
        """The progress line as it would be shown now."""
        now = time.monotonic() if now is None else now
        elapsed = max(now - self.started, 1e-9)
        parts = [f"{self.documents:,} docs", f"{self.documents / elapsed:,.1f} docs/s",
                 f"{self.characters / elapsed:,.0f} chars/s"]
        if self.total:
            share = min(self.bytes / self.total, 1.0)
            parts.append(f"{share:.1%}")
            done_here = self.bytes - self.start_bytes
            if done_here > 0 and self.bytes < self.total:
                remaining = elapsed * (self.total - self.bytes) / done_here
                parts.append(f"ETA {_clock(remaining)}")
        parts.append(f"elapsed {_clock(elapsed)}")
        return " · ".join(parts)

    def _show(self, now: float) -> None:
        if self.interactive:
            self.stream.write("\r" + self.line(now) + "\x1b[K")
        else:
            self.stream.write(self.line(now) + "\n")
        self.stream.flush()

    def finish(self) -> None:
        if self.enabled:
            self._show(time.monotonic())
            if self.interactive:
                self.stream.write("\n")
            self.stream.flush()


def _clock(seconds: float) -> str:
    whole = int(seconds)
    return f"{whole // 3600}:{whole % 3600 // 60:02d}:{whole % 60:02d}"
