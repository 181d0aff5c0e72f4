"""Quiet by default: no console output from the library or the command line
unless asked (--verbose, --progress, logging configured by the user), and no
checkpoint file unless asked (--checkpoint, --resume)."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

from conftest import SEED
from zhfacts.io.cli import main

SENTENCE = "2022年全市低保对象30.6万人。"


def _fresh_env(tmp_path: Path) -> dict[str, str]:
    """A subprocess environment whose temp dir is new, so jieba (the optional
    segmenter) finds no cached prefix dictionary and really builds it (and
    would log "Building prefix dict ...")."""
    temp = tmp_path / "tmp"
    temp.mkdir(exist_ok=True)
    return {**os.environ, "TMPDIR": str(temp), "TEMP": str(temp), "TMP": str(temp)}


def _python(code: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=_fresh_env(tmp_path), timeout=600)


def _cli(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "zhfacts.io.cli", *args], capture_output=True,
                          text=True, env=_fresh_env(tmp_path), timeout=600)


def test_import_and_extract_print_nothing(tmp_path: Path) -> None:
    code = (f"import sys, zhfacts; zhfacts.extract({SENTENCE!r})\n"
            # zhfacts' own words (data/words) serve the default pipeline: jieba,
            # the optional segmenter, is never imported.
            "assert 'jieba' not in sys.modules\n")
    result = _python(code, tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert result.stderr == ""


def test_jieba_lines_reach_logging_configured_by_the_user(tmp_path: Path) -> None:
    code = ("import logging, sys\n"
            "logging.basicConfig(level=logging.DEBUG, stream=sys.stdout,"
            " format='%(name)s %(message)s')\n"
            "import zhfacts\n"
            f"zhfacts.load(segmenter='jieba')({SENTENCE!r})\n")
    result = _python(code, tmp_path)
    assert result.returncode == 0, result.stderr
    assert "jieba Building prefix dict" in result.stdout
    assert result.stdout.count("Prefix dict has been built") == 1  # once, not twice
    assert result.stderr == ""


def test_jieba_logger_keeps_no_console_handler() -> None:
    from zhfacts.words import import_jieba

    jieba = import_jieba()
    logger = logging.getLogger("jieba")
    assert jieba.log_console not in logger.handlers
    assert all(isinstance(h, logging.NullHandler) for h in logger.handlers)
    assert logger.propagate


def test_cli_extract_prints_nothing_on_stderr(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    result = _cli(tmp_path, "extract", str(SEED), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout == ""
    assert out.read_text("utf-8").count("\n") == 1


def test_cli_verbose_shows_the_log_lines(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    result = _cli(tmp_path, "extract", str(SEED), "-o", str(out), "--verbose",
                  "--segmenter", "jieba")
    assert result.returncode == 0, result.stderr
    assert "jieba: Building prefix dict" in result.stderr
    assert result.stderr.count("Prefix dict has been built") == 1
    assert "zhfacts.io.bulk: pipeline loaded" in result.stderr
    assert "zhfacts.io.cli: 1 documents" in result.stderr
    assert "docs/s" not in result.stderr  # the progress line is another option


def test_progress_into_a_pipe_only_when_asked(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    result = _cli(tmp_path, "extract", str(SEED), "-o", str(out), "--progress")
    assert result.returncode == 0, result.stderr
    assert "1 docs" in result.stderr and "docs/s" in result.stderr
    assert "jieba" not in result.stderr


def test_no_checkpoint_unless_asked(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    progress = tmp_path / "out.jsonl.progress"
    assert main(["extract", str(SEED), "-o", str(out)]) == 0
    assert out.exists() and not progress.exists()
    assert main(["extract", str(SEED), "-o", str(out), "--checkpoint"]) == 0
    lines = progress.read_text("utf-8").splitlines()
    assert '"zhfacts_checkpoint"' in lines[0] and lines[-1].split()[0] == "1"
    # A run without the option rewrites the output: the checkpoint of the
    # earlier run no longer describes it and goes.
    assert main(["extract", str(SEED), "-o", str(out)]) == 0
    assert not progress.exists()
    # --resume implies the checkpoint (a first --resume run starts afresh).
    assert main(["extract", str(SEED), "-o", str(out), "--resume"]) == 0
    assert progress.exists()
    assert main(["extract", str(SEED), "--checkpoint"]) == 2  # needs -o
