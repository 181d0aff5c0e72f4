"""Docs generated from data stay current with it."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from conftest import ROOT


def test_units_page_matches_the_data_files() -> None:
    spec = importlib.util.spec_from_file_location("units_doc", ROOT / "tools" / "units_doc.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert (ROOT / "docs" / "units.md").read_text(encoding="utf-8") == module.render(), (
        "docs/units.md is stale: python tools/units_doc.py > docs/units.md")


def test_readme_opens_with_the_two_set_up_commands() -> None:
    readme = Path(ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("```bash\n", 1)[1].split("```", 1)[0].strip().splitlines()
    assert len(block) == 2
    assert "pip install" in block[0] and "zhfacts extract corpora/" in block[0]
    assert block[1].endswith("pytest")
