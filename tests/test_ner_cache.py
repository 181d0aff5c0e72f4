"""The NER model's tables cached between processes (zhfacts.ner.cache): the cached
model tags exactly as the one built from the CRFsuite file, the key follows the
content, and a bad or unwritable cache only costs the build."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy
import pytest

from zhfacts.ner import cache
from zhfacts.ner import model as ner_model

TEXT = ("记者翟华伟报道：河南省商丘市睢阳区人民政府近日召开会议，市长张三、"
        "副市长李四出席。会议在北京人民大会堂举行，新华社和商丘日报报道。")


@pytest.fixture
def cache_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Path]:
    monkeypatch.setenv("ZHFACTS_CACHE", str(tmp_path / "cache"))
    ner_model._model.cache_clear()
    yield tmp_path / "cache"
    ner_model._model.cache_clear()


def _files(directory: Path) -> list[Path]:
    return sorted(directory.glob("ner-*.npz")) if directory.is_dir() else []


def test_the_cached_model_is_the_built_one(cache_dir: Path) -> None:
    built = ner_model._model()  # nothing cached yet: built, then written
    (path,) = _files(cache_dir)
    tags = ner_model.tag_entities(TEXT)
    ner_model._model.cache_clear()
    cached = ner_model._model()  # read back
    assert cached is not built and _files(cache_dir) == [path]
    assert cached.weights.labels == built.weights.labels
    assert cached.weights.attribute_ids == built.weights.attribute_ids
    assert numpy.array_equal(cached.weights.state, built.weights.state)
    assert numpy.array_equal(cached.weights.transitions, built.weights.transitions)
    assert cached.index.symbols == built.index.symbols
    assert cached.index.radix == built.index.radix
    for mine, theirs in zip(cached.index.tables, built.index.tables, strict=True):
        if isinstance(theirs, dict):
            assert mine == theirs
        elif isinstance(theirs, tuple):
            assert isinstance(mine, tuple)
            assert all(numpy.array_equal(a, b) for a, b in zip(mine, theirs, strict=True))
        else:
            assert isinstance(mine, numpy.ndarray) and numpy.array_equal(mine, theirs)
    assert ner_model.tag_entities(TEXT) == tags and tags


def test_a_bad_cache_file_is_rebuilt(cache_dir: Path) -> None:
    tags = ner_model.tag_entities(TEXT)
    (path,) = _files(cache_dir)
    for damage in (b"not a zip file", path.read_bytes()[:1000]):
        path.write_bytes(damage)
        ner_model._model.cache_clear()
        assert ner_model.tag_entities(TEXT) == tags  # ignored, built and written again
        assert path.stat().st_size > 1_000_000


def test_an_unwritable_cache_costs_only_the_build(monkeypatch: pytest.MonkeyPatch,
                                                  tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a directory")
    monkeypatch.setenv("ZHFACTS_CACHE", str(blocked / "cache"))
    ner_model._model.cache_clear()
    try:
        assert ner_model.tag_entities(TEXT)
    finally:
        ner_model._model.cache_clear()


def test_the_key_follows_the_content() -> None:
    model, meta = b"model bytes", '{"features": []}'
    key = cache.cache_key(model, meta)
    assert cache.cache_key(model, meta) == key and len(key) == 16
    assert cache.cache_key(model + b"!", meta) != key
    assert cache.cache_key(model, meta + " ") != key


def test_a_model_file_being_scored_is_never_cached(cache_dir: Path) -> None:
    from zhfacts.datafiles import data_path

    shipped = Path(str(data_path("ner", ner_model.MODEL_FILE)))
    ner_model.use_model_file(shipped)
    try:
        assert ner_model.tag_entities(TEXT)
        assert _files(cache_dir) == []
    finally:
        ner_model.use_model_file(None)


def test_older_versions_of_the_cache_are_dropped_beyond_a_few(cache_dir: Path) -> None:
    import os

    cache_dir.mkdir(parents=True)
    stale = []
    for age, key in enumerate(("0" * 16, "1" * 16, "2" * 16, "3" * 16)):
        old = cache.cache_path(ner_model.MODEL_NAME, key)
        old.write_bytes(b"an older version's tables")
        os.utime(old, (1_000_000 + age, 1_000_000 + age))
        stale.append(old)
    other = cache_dir / "ner-another-model-0123456789abcdef.npz"
    other.write_bytes(b"not ours")
    ner_model._model()  # a miss: built, written, and the oldest dropped
    kept = _files(cache_dir)
    assert len([p for p in kept if ner_model.MODEL_NAME in p.name]) == cache.KEPT_VERSIONS
    assert stale[3] in kept and stale[2] in kept and not stale[0].exists()
    assert other.exists()


def test_stale_compiled_files_are_removed_beyond_the_newest(tmp_path: Path) -> None:
    import os

    from zhfacts.datafiles import remove_stale_caches

    names = [f"gazetteer-v{i}.msgpack" for i in range(4)]
    for age, name in enumerate(reversed(names)):  # v3 newest, v0 oldest
        (tmp_path / name).write_bytes(b"x")
        os.utime(tmp_path / name, (1_000_000 - age, 1_000_000 - age))
    (tmp_path / "words-1.marshal").write_bytes(b"x")  # another kind of file stays
    remove_stale_caches(tmp_path / "gazetteer-v3.msgpack", "gazetteer-*.msgpack", keep=2)
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "gazetteer-v2.msgpack", "gazetteer-v3.msgpack", "words-1.marshal"]
