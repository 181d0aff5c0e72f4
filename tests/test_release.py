"""The release and CI bookkeeping (docs/release.md): one version everywhere, the
changelog's top entry, the allowed-skips list of CI and the skip guard that
enforces it. The build itself is checked by tools/release_check.py in .ci/run."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest
from conftest import ALLOWED_SKIPS_ENV, ROOT, read_allowed_skips

import zhfacts

ALLOWED_SKIPS = ROOT / ".ci" / "allowed-skips.txt"


def _pyproject_version() -> str:
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    project = text.split("\n[project]\n", 1)[1].split("\n[", 1)[0]
    found = re.search(r'^version\s*=\s*"([^"]+)"', project, re.MULTILINE)
    assert found, "pyproject.toml needs a static [project] version"
    return found.group(1)


def test_one_version_in_pyproject_the_package_and_its_metadata() -> None:
    version = _pyproject_version()
    assert zhfacts.__version__ == version
    assert metadata.version("zhfacts") == version, "reinstall: pip install -e '.[test]'"


def test_the_command_line_reports_the_version() -> None:
    result = subprocess.run([sys.executable, "-m", "zhfacts.io.cli", "--version"],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0
    assert result.stdout.strip() == f"zhfacts {zhfacts.__version__}"


def test_the_changelogs_top_version_is_the_packages() -> None:
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    versions = re.findall(r"^## \[(\d+\.\d+\.\d+[^\]]*)\]", text, re.MULTILINE)
    assert versions and versions[0] == zhfacts.__version__


def test_every_allowed_skip_has_its_reason(tmp_path: Path) -> None:
    read_allowed_skips(ALLOWED_SKIPS)  # raises on an entry without a reason
    listed = tmp_path / "allowed.txt"
    listed.write_text("# a comment\n\ntests/test_a.py::test_b  # a reason\n"
                      "tests/test_c.py::*[pkuseg*]\t#  another \n", encoding="utf-8")
    assert read_allowed_skips(listed) == {"tests/test_a.py::test_b": "a reason",
                                          "tests/test_c.py::*[pkuseg*]": "another"}
    listed.write_text("tests/test_a.py::test_b\n", encoding="utf-8")
    with pytest.raises(pytest.UsageError, match="reason"):
        read_allowed_skips(listed)


def _run_guarded(tmp_path: Path, allowed: str | None) -> subprocess.CompletedProcess[str]:
    """A small test session with this conftest: one test passes, one skips."""
    shutil.copy(ROOT / "tests" / "conftest.py", tmp_path / "conftest.py")
    (tmp_path / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")  # rootdir here
    (tmp_path / "test_sample.py").write_text(
        "import pytest\n\n"
        "def test_runs():\n    pass\n\n"
        "@pytest.mark.skipif(True, reason='not here')\n"
        "def test_skips():\n    pass\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != ALLOWED_SKIPS_ENV}
    if allowed is not None:
        (tmp_path / "allowed.txt").write_text(allowed, encoding="utf-8")
        env[ALLOWED_SKIPS_ENV] = str(tmp_path / "allowed.txt")
    return subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider"],
                          cwd=tmp_path, env=env, capture_output=True, text=True, check=False)


def test_the_skip_guard_fails_a_run_on_a_skip_not_listed(tmp_path: Path) -> None:
    result = _run_guarded(tmp_path, "# nothing may skip\n")
    assert result.returncode == 1, result.stdout
    assert "SKIPPED test_sample.py::test_skips: not here" in result.stdout
    assert "1 skipped test(s) not on" in result.stdout


def test_the_skip_guard_passes_a_listed_skip(tmp_path: Path) -> None:
    result = _run_guarded(tmp_path, "test_sample.py::test_sk*  # the sample's reason\n")
    assert result.returncode == 0, result.stdout
    assert "1 passed, 1 skipped" in result.stdout


def test_without_the_list_a_skip_is_only_reported(tmp_path: Path) -> None:
    result = _run_guarded(tmp_path, None)
    assert result.returncode == 0, result.stdout
    assert "not on" not in result.stdout
