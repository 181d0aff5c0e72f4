"""Corpora at scale: the bulk API, workers, resume, gzip and stdin input,
Parquet output, the progress line, and the Dask path."""

from __future__ import annotations

import gzip
import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import SEED
from zhfacts.io.bulk import PipelineConfig, extract_many
from zhfacts.io.checkpoint import Checkpoint, ResumePoint
from zhfacts.io.cli import main
from zhfacts.io.progress import Progress
from zhfacts.io.sources import Document, read_documents

CORPORA = SEED.parent
SENTENCES = ["商丘市民政局发放低保资金8.9亿元。", "2022年全市认定低保对象30.6万人。",
             "市财政局拨付3000万元，用于改造农村公路266处。", "", "记者 翟华伟 报道"]


def _documents(count: int) -> list[dict[str, str]]:
    return [{"id": f"d{k}", "text": SENTENCES[k % len(SENTENCES)] * (1 + k % 3),
             "date": "2023-03"} for k in range(count)]


def _jsonl(path: Path, documents: list[dict[str, str]]) -> Path:
    path.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in documents),
                    encoding="utf-8")
    return path


def test_extract_many_is_lazy_ordered_and_equal_across_workers() -> None:
    documents = _documents(23) + ["a plain string", 42]  # type: ignore[list-item]
    serial = list(extract_many(documents))
    assert [r["id"] for r in serial] == [f"d{k}" for k in range(23)] + ["23", "24"]
    assert "error" in serial[-1] and "error" not in serial[0]
    parallel = list(extract_many(documents, workers=2, batch_size=3))
    assert parallel == serial
    # Lazy: the first record comes before the input is exhausted.
    consumed = []

    def endless() -> object:
        k = 0
        while True:
            consumed.append(k)
            yield {"id": str(k), "text": SENTENCES[k % 3]}
            k += 1

    first = next(iter(extract_many(endless())))  # type: ignore[arg-type]
    assert first["id"] == "0" and len(consumed) == 1


def test_extract_many_refuses_nonsense_settings() -> None:
    with pytest.raises(ValueError, match="workers"):
        list(extract_many([], workers=0))
    with pytest.raises(ValueError, match="batch_size"):
        list(extract_many([], batch_size=0))


class _DyingPipeline:
    """The real pipeline, except that a document saying KILL ends its process
    at once, as an out-of-memory kill would."""

    def __init__(self, real: object) -> None:
        self.real = real

    def __getattr__(self, name: str) -> object:
        return getattr(self.real, name)

    def __call__(self, doc: object) -> object:
        if "KILL" in doc.text:  # type: ignore[attr-defined]
            os._exit(1)
        return self.real(doc)  # type: ignore[operator]


class _DyingConfig(PipelineConfig):
    def load(self) -> object:
        return _DyingPipeline(super().load())


def test_a_worker_that_dies_loses_only_its_document() -> None:
    documents = [{"id": str(k), "text": "KILL" if k == 5 else SENTENCES[k % 3]}
                 for k in range(12)]
    records = list(extract_many(documents, workers=2, batch_size=2, config=_DyingConfig()))
    assert [r["id"] for r in records] == [str(k) for k in range(12)]
    assert "died" in records[5]["error"]
    assert records[:5] + records[6:] == list(extract_many(documents[:5] + documents[6:]))


def test_cli_workers_give_the_same_output_as_one_process(tmp_path: Path) -> None:
    source = _jsonl(tmp_path / "docs.jsonl", _documents(30))
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert main(["extract", str(source), "-o", str(one), "--no-progress"]) == 0
    assert main(["extract", str(source), "-o", str(two), "--workers", "2",
                 "--no-progress"]) == 0
    assert one.read_bytes() == two.read_bytes()


def test_output_does_not_depend_on_the_process_hash_seed(tmp_path: Path) -> None:
    # Workers are other processes, with other string hash seeds: nothing in
    # the output may depend on the iteration order of a set or dict of strings.
    outputs = []
    for seed in ("0", "1"):
        output = tmp_path / f"seed-{seed}.jsonl"
        subprocess.run([sys.executable, "-m", "zhfacts.io.cli", "extract", str(CORPORA),
                        "-o", str(output), "--no-progress"], check=True,
                       env={**os.environ, "PYTHONHASHSEED": seed}, stderr=subprocess.DEVNULL)
        outputs.append(output.read_bytes())
    assert outputs[0] == outputs[1]


def test_gzip_and_stdin_jsonl_read_like_jsonl(tmp_path: Path) -> None:
    documents = _documents(6)
    plain = _jsonl(tmp_path / "docs.jsonl", documents)
    packed = tmp_path / "docs.jsonl.gz"
    packed.write_bytes(gzip.compress(plain.read_bytes()))
    from_plain = [d.text for d in read_documents([str(plain)])]
    from_gzip = list(read_documents([str(packed)]))
    assert [d.text for d in from_gzip] == from_plain
    assert sum(d.input_bytes for d in from_gzip) == packed.stat().st_size
    stdin = io.BytesIO(plain.read_bytes())
    assert [d.text for d in read_documents(["-"], stdin=stdin, stdin_format="jsonl")] == \
        from_plain
    cut = tmp_path / "cut.jsonl.gz"
    cut.write_bytes(packed.read_bytes()[:-20])  # a truncated download
    read = list(read_documents([str(cut)]))
    assert read[-1].error and "decompress" in read[-1].error


def _killed_then_resumed(tmp_path: Path, fmt: str, output: Path, *more: str) -> None:
    """Start a run, kill it (SIGKILL) once it has written some documents,
    resume it, and check every document is in the output exactly once."""
    source = _jsonl(tmp_path / "docs.jsonl", _documents(400))
    command = [sys.executable, "-m", "zhfacts.io.cli", "extract", str(source), "-o", str(output),
               "--format", fmt, "--no-progress", "--checkpoint", *more]
    checkpoint = output.with_name(output.name + ".progress")
    run = subprocess.Popen(command, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and run.poll() is None:
        if checkpoint.exists() and len(checkpoint.read_text().splitlines()) > 5:
            break
        time.sleep(0.05)
    os.kill(run.pid, signal.SIGKILL)
    run.wait()
    lines = checkpoint.read_text().splitlines()
    assert 1 < len(lines) and int(lines[-1].split()[0]) < 400, "not killed halfway"
    assert main([*command[3:], "--resume"]) == 0


def test_resume_after_a_kill_loses_and_repeats_nothing_jsonl(tmp_path: Path) -> None:
    output = tmp_path / "out.jsonl"
    _killed_then_resumed(tmp_path, "jsonl", output)
    ids = [json.loads(line)["id"] for line in output.read_text("utf-8").splitlines()]
    assert ids == [f"d{k}" for k in range(400)]


def test_resume_after_a_kill_loses_and_repeats_nothing_parquet(tmp_path: Path) -> None:
    import pyarrow.parquet

    output = tmp_path / "facts"
    _killed_then_resumed(tmp_path, "facts-parquet", output, "--part-documents", "20")
    table = pyarrow.parquet.read_table(output)
    ids = list(dict.fromkeys(table.column("id").to_pylist()))
    assert ids == [f"d{k}" for k in range(400)]
    fresh = tmp_path / "fresh"
    assert main(["extract", str(tmp_path / "docs.jsonl"), "-o", str(fresh), "--format",
                 "facts-parquet", "--no-progress", "--part-documents", "20"]) == 0
    assert pyarrow.parquet.read_table(fresh).to_pylist() == table.to_pylist()


def test_resume_refuses_other_inputs_and_needs_a_file(tmp_path: Path) -> None:
    source = _jsonl(tmp_path / "docs.jsonl", _documents(3))
    output = tmp_path / "out.jsonl"
    assert main(["extract", str(source), "-o", str(output), "--no-progress",
                 "--checkpoint"]) == 0
    other = _jsonl(tmp_path / "other.jsonl", _documents(2))
    assert main(["extract", str(other), "-o", str(output), "--resume", "--no-progress"]) == 2
    assert main(["extract", str(source), "--resume", "--no-progress"]) == 2
    # Resuming a finished run does nothing and changes nothing.
    before = output.read_bytes()
    assert main(["extract", str(source), "-o", str(output), "--resume", "--no-progress"]) == 0
    assert output.read_bytes() == before
    # An output cut shorter than the checkpoint says is refused, not padded.
    output.write_bytes(before[:10])
    assert main(["extract", str(source), "-o", str(output), "--resume", "--no-progress"]) == 2
    # With the output gone, a resume starts afresh instead of skipping documents.
    output.unlink()
    assert main(["extract", str(source), "-o", str(output), "--resume", "--no-progress"]) == 0
    assert output.read_bytes() == before


def test_checkpoint_ignores_a_line_cut_by_the_kill(tmp_path: Path) -> None:
    checkpoint = Checkpoint(tmp_path / "out.jsonl", {"inputs": ["x"]})
    checkpoint.start(None)
    checkpoint.record(3, 120)
    checkpoint.record(4, 161)
    checkpoint.close()
    with checkpoint.path.open("a", encoding="utf-8") as handle:
        handle.write("5 19")  # killed in the middle of this line
    assert checkpoint.load() == ResumePoint(4, 161)


def test_parquet_keeps_exact_values_and_every_document(tmp_path: Path) -> None:
    import pyarrow.parquet

    source = _jsonl(tmp_path / "docs.jsonl", _documents(5))
    output = tmp_path / "entities"
    assert main(["extract", str(source), "-o", str(output), "--format", "parquet",
                 "--no-progress"]) == 0
    rows = pyarrow.parquet.read_table(output).to_pylist()
    assert {r["id"] for r in rows} == {f"d{k}" for k in range(5)}
    money = [r for r in rows if r["text"] == "8.9亿元"]
    assert money and money[0]["value"] == "890000000" and money[0]["unit"] == "CNY"
    assert main(["extract", str(source), "--format", "parquet", "--no-progress"]) == 2


def test_progress_line_shows_rate_share_and_eta() -> None:
    stream = io.StringIO()
    progress = Progress(1000, stream=stream)
    progress.started -= 10  # ten seconds ago
    for _ in range(4):
        progress.update(100, 50)
    line = progress.line()
    assert "4 docs" in line and "docs/s" in line and "chars/s" in line
    assert "40.0%" in line and "ETA 0:00:1" in line  # 60 % left at 40 % per 10 s


def test_documents_carry_their_input_bytes(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("商丘", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text("睢阳区", encoding="utf-8")
    read = list(read_documents([str(tmp_path)]))
    assert [Path(d.id).name for d in read] == ["a.txt", "b.txt"]
    assert [d.input_bytes for d in read] == [6, 9]
    assert isinstance(read[0], Document)


def test_dask_local_cluster_equals_one_process(tmp_path: Path) -> None:
    import dask.bag
    from dask.distributed import Client, LocalCluster

    from zhfacts.io.cluster import extract_bag, read_jsonl_bag

    texts = [{"id": p.name, "text": p.read_text("utf-8"), "date": "2023-03"}
             for p in sorted(CORPORA.glob("*.txt"))] + _documents(10)
    source = _jsonl(tmp_path / "docs.jsonl", _documents(7))
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster):
        distributed = extract_bag(dask.bag.from_sequence(texts, npartitions=5)).compute()
        from_files = extract_bag(read_jsonl_bag(str(source))).compute()
    assert distributed == list(extract_many(texts))
    assert from_files == list(extract_many(read_documents([str(source)])))


def test_jsonl_bag_names_records_without_id_as_zhfacts_extract_does(tmp_path: Path) -> None:
    import dask

    from zhfacts.io.cluster import read_jsonl_bag

    source = tmp_path / "docs.jsonl"
    source.write_text('{"text": "a"}\n\n{"text": "b", "id": "k"}\n{"text": "c"}\n',
                      encoding="utf-8")
    with dask.config.set(scheduler="synchronous"):
        from_bag = [d.id for d in read_jsonl_bag(str(source)).compute()]
    assert from_bag == [d.id for d in read_documents([str(source)])]
    assert len(set(from_bag)) == 3
