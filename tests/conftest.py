"""Shared fixtures: paths to the project's data and the default pipeline."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
CASES = Path(__file__).resolve().parent / "cases"
CORPORA = ROOT / "corpora"
SEED = CORPORA / "shangqiu-daily-page.txt"


def load_cases(name: str) -> list[dict[str, Any]]:
    cases: list[dict[str, Any]] = json.loads((CASES / name).read_text(encoding="utf-8"))
    return cases


@pytest.fixture(scope="session")
def nlp() -> Any:
    import zhfacts

    return zhfacts.load()
