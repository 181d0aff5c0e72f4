"""Named entities of a document (GOV, ORG, PERSON, GPE, LOC), in original offsets.

The spaCy-free path, like :mod:`zhfacts.recognizer` for figures: clean the
text, run the recognizers on the clean string, map every span back so that
``entity.text == text[entity.start:entity.end]``. Government bodies come from
the grammar in :mod:`zhfacts.bodies`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .bodies import body_norm, find_bodies, levels_of
from .context import DocumentContext
from .textmap import CleanText, clean


@dataclass(frozen=True)
class Entity:
    """A named entity; ``norm`` is always an object with at least ``name``."""

    label: str
    start: int
    end: int
    text: str
    norm: dict[str, Any] = field(default_factory=dict)
    by: str = "rule"

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text, "label": self.label,
                "norm": self.norm, "by": self.by}


def find_entities(text: str, context: DocumentContext | None = None,
                  cleaned: CleanText | None = None) -> list[Entity]:
    """Every named entity zhfacts recognizes in ``text``, in text order, flat."""
    context = context or DocumentContext()
    cleaned = cleaned or clean(text)
    levels = levels_of(context.place)
    found: list[Entity] = []
    for body in find_bodies(cleaned.text):
        start, end = cleaned.span(body.start, body.end)
        found.append(Entity("GOV", start, end, text[start:end],
                            {"name": body_norm(body, levels)}))
    found.sort(key=lambda entity: entity.start)
    return found
