"""Shared fixtures: paths to the project's data and the default pipeline; and
the skip guard of CI: with ``ZHFACTS_ALLOWED_SKIPS`` set to a list of allowed
skips (``.ci/run`` sets it to ``.ci/allowed-skips.txt``), a test that skips and
is not on the list fails the run (docs/release.md)."""

from __future__ import annotations

import fnmatch
import json
import os
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


# ------------------------------------------------------------------ the skip guard

ALLOWED_SKIPS_ENV = "ZHFACTS_ALLOWED_SKIPS"
_skips: list[tuple[str, str]] = []  # (node id, reason) of every skip of this session
_unlisted: list[tuple[str, str]] = []  # the skips not on the allowed list


def read_allowed_skips(path: Path) -> dict[str, str]:
    """The allowed skips of ``path``: one ``NODE-ID-PATTERN  # reason`` a line
    (fnmatch patterns over pytest's node ids), ``#`` lines and blank lines ignored.
    An entry without its reason is an error."""
    allowed: dict[str, str] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        pattern, _, reason = line.partition("#")
        if not pattern.strip():
            continue
        if not reason.strip():
            raise pytest.UsageError(f"{path}:{number}: an allowed skip needs its reason "
                                    "after '#'")
        allowed[pattern.strip()] = reason.strip()
    return allowed


def _skip_reason(report: pytest.CollectReport | pytest.TestReport) -> str:
    longrepr = report.longrepr
    if isinstance(longrepr, tuple) and len(longrepr) == 3:
        return str(longrepr[2]).removeprefix("Skipped: ")
    return str(longrepr)


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.skipped and not hasattr(report, "wasxfail"):
        _skips.append((report.nodeid, _skip_reason(report)))


def pytest_collectreport(report: pytest.CollectReport) -> None:
    if report.skipped:  # a whole module skipped (pytest.importorskip at import)
        _skips.append((report.nodeid, _skip_reason(report)))


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    listed = os.environ.get(ALLOWED_SKIPS_ENV)
    if not listed:
        return
    allowed = read_allowed_skips(Path(listed))
    _unlisted[:] = [(node, reason) for node, reason in _skips
                    if not any(fnmatch.fnmatchcase(node, pattern) for pattern in allowed)]
    if _unlisted and exitstatus == pytest.ExitCode.OK:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if _unlisted:
        listed = os.environ.get(ALLOWED_SKIPS_ENV)
        terminalreporter.section("skips not on the allowed list", sep="=", red=True, bold=True)
        for node, reason in _unlisted:
            terminalreporter.line(f"SKIPPED {node}: {reason}")
        terminalreporter.line(f"{len(_unlisted)} skipped test(s) not on {listed}: each must run "
                              "here, or be listed there with its reason (docs/release.md)")
