"""The release check (docs/release.md): build the sdist and the wheel, check them,
install the wheel alone into a new virtual environment and run it on the seed page.

    python tools/release_check.py [--dist DIR]

1. ``python -m build``: the sdist, then the wheel built from the sdist (so a file
   the sdist lacks is missing from the wheel too);
2. ``twine check --strict`` on both;
3. the sdist holds only the repository's own files (nothing from ../shared, no
   tests or corpora: MANIFEST.in) and all that builds the wheel; the wheel holds
   every module and every package data file of ``src/zhfacts`` (``data/**``, with
   ``data/ner/*``), the ``zhfacts`` command and the spaCy entry points;
4. a new virtual environment gets the wheel (and its dependencies from the package
   index), nothing else; ``zhfacts --version`` there names pyproject's version, and
   ``zhfacts extract`` on ``corpora/shangqiu-daily-page.txt``, run outside the
   repository, gives a record with entities and facts, the same record as the
   zhfacts of the environment running this script when that one is installed.

Exits 1 on the first failed step. ``--dist DIR`` keeps the built files in DIR
(default: a temporary directory, removed afterwards). Needs ``build`` and
``twine`` (the test extra) and git (the repository's file list).
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tarfile
import tempfile
import time
import venv
import zipfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "corpora" / "shangqiu-daily-page.txt"
SEED_ARGS = ["--date", "2023-03", "--place", "商丘市", "--no-progress"]


class ReleaseError(Exception):
    pass


def say(message: str) -> None:
    print(f"release check: {message}", flush=True)


def run(command: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(command, capture_output=True, text=True, check=False,
                            **kwargs)  # type: ignore[call-overload]
    if result.returncode != 0:
        raise ReleaseError(f"`{' '.join(map(str, command))}` failed "
                           f"(exit {result.returncode}):\n{result.stdout}{result.stderr}")
    return result  # type: ignore[no-any-return]


def project_version() -> str:
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    project = text.split("\n[project]\n", 1)[1].split("\n[", 1)[0]
    found = re.search(r'^version\s*=\s*"([^"]+)"', project, re.MULTILINE)
    if found is None:
        raise ReleaseError("pyproject.toml: no static [project] version")
    return found.group(1)


def repository_files() -> set[str]:
    """The repository's files: tracked, or new and not ignored (a change not yet
    committed is part of what would be released)."""
    listed = run(["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
                 cwd=ROOT).stdout
    return {name for name in listed.split("\0") if name and (ROOT / name).is_file()}


def package_files(repo: set[str]) -> set[str]:
    """What the wheel must carry, as paths under src/: every module, py.typed and
    every data file (src/zhfacts/data/**)."""
    return {name.removeprefix("src/") for name in repo
            if name.startswith("src/zhfacts/")
            and (name.endswith(".py") or name.endswith("/py.typed")
                 or name.startswith("src/zhfacts/data/"))}


def build(dist: Path) -> tuple[Path, Path]:
    say(f"python -m build --outdir {dist}")
    run([sys.executable, "-m", "build", "--outdir", str(dist), str(ROOT)])
    (sdist,) = dist.glob("zhfacts-*.tar.gz")
    (wheel,) = dist.glob("zhfacts-*.whl")
    say("twine check --strict")
    run([sys.executable, "-m", "twine", "check", "--strict", str(sdist), str(wheel)])
    return sdist, wheel


def check_sdist(sdist: Path, version: str, repo: set[str], needed: set[str]) -> None:
    prefix = f"zhfacts-{version}/"
    with tarfile.open(sdist) as archive:
        names = {member.name for member in archive.getmembers() if member.isfile()}
    outside = sorted(name for name in names if not name.startswith(prefix))
    if outside:
        raise ReleaseError(f"{sdist.name}: files outside {prefix}: {outside[:5]}")
    files = {name.removeprefix(prefix) for name in names}
    generated = {"PKG-INFO", "setup.cfg"}
    foreign = sorted(name for name in files - repo - generated
                     if not name.startswith("src/zhfacts.egg-info/"))
    if foreign:
        raise ReleaseError(f"{sdist.name}: files that are not the repository's: {foreign[:10]}")
    unwanted = sorted(name for name in files if name.startswith(("tests/", "corpora/")))
    if unwanted:
        raise ReleaseError(f"{sdist.name}: tests or corpora in the sdist: {unwanted[:10]}")
    required = {"pyproject.toml", "README.md", "LICENSE", "CHANGELOG.md", "MANIFEST.in"}
    missing = sorted(required - files) + sorted({f"src/{name}" for name in needed} - files)
    if missing:
        raise ReleaseError(f"{sdist.name}: missing {missing[:10]}")
    say(f"{sdist.name}: {len(files)} files, {sdist.stat().st_size / 1e6:.1f} MB, only the "
        "repository's")


def check_wheel(wheel: Path, version: str, needed: set[str]) -> None:
    info = f"zhfacts-{version}.dist-info/"
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        entry_points = archive.read(info + "entry_points.txt").decode("utf-8")
        metadata = archive.read(info + "METADATA").decode("utf-8")
    stray = sorted(name for name in names
                   if not name.startswith(("zhfacts/", info)) or "__pycache__" in name)
    if stray:
        raise ReleaseError(f"{wheel.name}: stray files {stray[:10]}")
    missing = sorted(needed - names)
    if missing:
        raise ReleaseError(f"{wheel.name}: missing {missing[:10]}")
    if not any(name.startswith("zhfacts/data/ner/") for name in names):
        raise ReleaseError(f"{wheel.name}: no data/ner/ files")
    for line in ("zhfacts = zhfacts.io.cli:main",
                 "zhfacts_figures = zhfacts.pipeline.components:make_figure_recognizer"):
        if line not in entry_points:
            raise ReleaseError(f"{wheel.name}: entry point missing: {line}")
    if f"\nVersion: {version}\n" not in metadata:
        raise ReleaseError(f"{wheel.name}: METADATA does not say version {version}")
    data = sum(1 for name in names if name.startswith("zhfacts/data/"))
    say(f"{wheel.name}: {len(names)} files ({data} package data files), "
        f"{wheel.stat().st_size / 1e6:.1f} MB")


def seed_record(zhfacts: list[str], where: Path) -> dict[str, Any]:
    out = where / "seed.jsonl"
    run([*zhfacts, "extract", str(SEED), *SEED_ARGS, "-o", str(out)], cwd=where)
    (record,) = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    out.unlink()
    return record  # type: ignore[no-any-return]


def check_install(wheel: Path, version: str, work: Path) -> None:
    environment = work / "venv"
    say(f"a new virtual environment with {wheel.name} alone")
    venv.create(environment, with_pip=True)
    python = environment / "bin" / "python"
    started = time.perf_counter()
    run([str(python), "-m", "pip", "install", "--quiet", str(wheel)], cwd=work)
    say(f"installed in {time.perf_counter() - started:.0f} s")
    located = run([str(python), "-c", "import zhfacts; print(zhfacts.__file__)"],
                  cwd=work).stdout.strip()
    if not Path(located).is_relative_to(environment):
        raise ReleaseError(f"zhfacts was imported from {located}, not from the new environment")
    command = environment / "bin" / "zhfacts"
    shown = run([str(command), "--version"], cwd=work).stdout.strip()
    if shown != f"zhfacts {version}":
        raise ReleaseError(f"zhfacts --version says {shown!r}, pyproject.toml {version}")
    say(f"zhfacts --version: {shown}")
    record = seed_record([str(command)], work)
    entities, facts = record.get("entities"), record.get("facts")
    if "error" in record or not entities or not facts:
        raise ReleaseError(f"zhfacts extract on the seed page: {str(record)[:500]}")
    say(f"zhfacts extract on the seed page: {len(entities)} entities, {len(facts)} facts")
    try:
        import zhfacts
    except ImportError:
        say("no zhfacts installed here to compare the record with")
        return
    if zhfacts.__version__ != version:
        say(f"the zhfacts here is {zhfacts.__version__}, not compared")
        return
    reference = seed_record([sys.executable, "-m", "zhfacts.io.cli"], work)
    if reference != record:
        raise ReleaseError("the wheel's record of the seed page differs from the record of "
                           f"the zhfacts at {Path(zhfacts.__file__).parent}")
    say("the same record as the zhfacts of this environment")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--dist", type=Path, help="keep the sdist and wheel in DIR")
    args = parser.parse_args(argv)
    version = project_version()
    with tempfile.TemporaryDirectory(prefix="zhfacts-release-") as tmp:
        work = Path(tmp)
        dist = (args.dist or work / "dist").resolve()
        for old in dist.glob(f"zhfacts-{version}*"):
            old.unlink()
        try:
            repo = repository_files()
            needed = package_files(repo)
            sdist, wheel = build(dist)
            check_sdist(sdist, version, repo, needed)
            check_wheel(wheel, version, needed)
            check_install(wheel, version, work)
        except ReleaseError as error:
            print(f"release check failed: {error}", file=sys.stderr)
            return 1
    say(f"zhfacts {version}: passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
