"""Shared fixtures: paths to the project's data and the default pipeline."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
CASES = Path(__file__).resolve().parent / "cases"
CORPORA = ROOT / "corpora"


def shared_dir() -> Path:
    """``../shared`` beside the repository, found as .ci/run finds it: beside
    this clone, else beside the repository it was cloned from."""
    beside = ROOT.parent / "shared"
    if beside.is_dir():
        return beside
    origin = subprocess.run(["git", "config", "--get", "remote.origin.url"], cwd=ROOT,
                            capture_output=True, text=True, check=False).stdout.strip()
    if origin and (Path(origin).parent / "shared").is_dir():
        return Path(origin).parent / "shared"
    return beside
SEED = CORPORA / "shangqiu-daily-page.txt"


def load_cases(name: str) -> list[dict[str, Any]]:
    cases: list[dict[str, Any]] = json.loads((CASES / name).read_text(encoding="utf-8"))
    return cases


@pytest.fixture(scope="session")
def nlp() -> Any:
    import zhfacts

    return zhfacts.load()
