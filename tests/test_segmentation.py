"""Segmenters and the offline pkuseg set-up: nothing here downloads anything.

The set-up is exercised on a tiny fake pkuseg sdist built in the test (two
tags, two features), so the whole route (restricted unpickling, conversion,
manifest, loading with spacy-pkuseg, user words, post-processing) runs in
milliseconds. The real model is only smoke-tested when it is already cached.
"""

from __future__ import annotations

import io
import json
import os
import pickle
import subprocess
import tarfile
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from zhfacts import ZhfactsError
from zhfacts.datafiles import CACHE_ENV, cache_root
from zhfacts.pipeline import segmentation as seg
from zhfacts.pipeline.segmentation import (
    PkusegModelError,
    RestrictedUnpickler,
    UserDictionary,
    body_words,
    default_user_dict,
    gazetteer_words,
    make_nlp,
    make_pkuseg_nlp,
    pkuseg_model_dir,
    pkuseg_model_path,
    read_user_dict,
    restricted_loads,
    setup_pkuseg,
)

# ---------------------------------------------------------------- cache paths


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    monkeypatch.delenv(CACHE_ENV, raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    return tmp_path


def test_cache_root_defaults_to_home_cache(clean_env: Path) -> None:
    assert cache_root() == clean_env / "home" / ".cache" / "zhfacts"
    assert pkuseg_model_dir() == clean_env / "home" / ".cache" / "zhfacts" / "pkuseg" / "default"


def test_cache_root_order(clean_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(clean_env / "xdg"))
    assert cache_root() == clean_env / "xdg" / "zhfacts"
    monkeypatch.setenv(CACHE_ENV, str(clean_env / "env"))
    assert cache_root() == clean_env / "env"
    assert cache_root(clean_env / "arg") == clean_env / "arg"
    assert pkuseg_model_dir(clean_env / "arg") == clean_env / "arg" / "pkuseg" / "default"


def test_missing_model_is_a_clear_error(clean_env: Path) -> None:
    with pytest.raises(PkusegModelError) as raised:
        pkuseg_model_path()
    message = str(raised.value)
    assert message.startswith("[E006]")
    assert "zhfacts setup pkuseg" in message
    assert str(pkuseg_model_dir()) in message
    assert isinstance(raised.value, ZhfactsError)
    with pytest.raises(PkusegModelError, match="zhfacts setup pkuseg"):
        make_pkuseg_nlp()


# ---------------------------------------------------------------- restricted unpickling


class _Exploit:
    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[Any, ...]:
        return (os.system, (f"touch {self.marker}",))


def test_restricted_unpickler_refuses_os_system(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
        payload = pickle.dumps(_Exploit(marker), protocol=protocol)
        with pytest.raises(pickle.UnpicklingError, match="not allowed"):
            restricted_loads(payload)
    assert not marker.exists()


@pytest.mark.parametrize("thing", [eval, subprocess.call, np.zeros(3), object()])
def test_restricted_unpickler_refuses_any_object(thing: Any) -> None:
    with pytest.raises(pickle.UnpicklingError):
        restricted_loads(pickle.dumps(thing))


@pytest.mark.parametrize("protocol", range(pickle.HIGHEST_PROTOCOL + 1))
def test_restricted_unpickler_reads_plain_data(protocol: int) -> None:
    data = {"unigram": ["中"], "bigram": {"中国"}, "feature_to_idx": {"c.中": 2**40},
            "tag_to_idx": {"B": 0}, "x": (1.5, None, True, frozenset({"a"}))}
    assert restricted_loads(pickle.dumps(data, protocol=protocol)) == data
    assert {("builtins", "set"), ("builtins", "frozenset")} == RestrictedUnpickler.ALLOWED


# ---------------------------------------------------------------- set-up on a fake sdist

# Two tags and two features; the only non-zero weight makes every character a
# "B" (a word start), so the tiny model cuts text into single characters.
TINY_FEATURES = {"unigram": ["中"], "bigram": [], "feature_to_idx": {"$$": 0, "c.中": 1},
                 "tag_to_idx": {"B": 0, "I": 1}}


def _tiny_weights() -> bytes:
    buffer = io.BytesIO()
    w = np.zeros(2 * (2 + 2))
    w[0] = 1.0  # feature $$ (on every character), tag B
    np.savez(buffer, sizes=np.array([2, 2]), w=w)
    return buffer.getvalue()


def _fake_sdist(path: Path, features: bytes | None = None) -> Path:
    members = {
        seg._SDIST_FEATURES: features or pickle.dumps(TINY_FEATURES, protocol=4),
        seg._SDIST_WEIGHTS: _tiny_weights(),
        seg._SDIST_DICT: pickle.dumps("中国人\n国家\n", protocol=3),
        f"pkuseg-{seg.PKUSEG_VERSION}/setup.py": b"raise SystemExit('never run')\n",
    }
    with tarfile.open(path, "w:gz") as archive:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return path


@pytest.fixture
def fake_sdist(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = _fake_sdist(tmp_path / seg.PKUSEG_SDIST)
    monkeypatch.setattr(seg, "PKUSEG_SDIST_SHA256", seg._sha256(path))
    return path


@pytest.fixture
def tiny_model(tmp_path: Path, fake_sdist: Path) -> Path:
    return setup_pkuseg(tmp_path / "cache", sdist=fake_sdist)


def test_setup_converts_and_writes_manifest(tmp_path: Path, tiny_model: Path,
                                            fake_sdist: Path) -> None:
    import srsly

    assert tiny_model == pkuseg_model_dir(tmp_path / "cache")
    assert pkuseg_model_path(tmp_path / "cache") == tiny_model
    assert sorted(p.name for p in tiny_model.iterdir()) == sorted(seg.MODEL_FILES)
    assert srsly.read_msgpack(tiny_model / "features.msgpack") == TINY_FEATURES
    assert (tiny_model / "postprocess_words.txt").read_text(encoding="utf-8") == "中国人\n国家\n"
    manifest = json.loads((tiny_model / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["source"]["package"] == "pkuseg"
    assert manifest["source"]["version"] == "0.0.25"
    assert manifest["source"]["sha256"] == seg._sha256(fake_sdist)
    assert manifest["created"][:4].isdigit()
    assert not [p for p in tiny_model.parent.iterdir() if p.name != "default"]  # no staging


def test_setup_is_done_once(tmp_path: Path, tiny_model: Path, fake_sdist: Path) -> None:
    (tiny_model / "manifest.json").write_text("{}", encoding="utf-8")
    setup_pkuseg(tmp_path / "cache", sdist=fake_sdist)
    assert (tiny_model / "manifest.json").read_text(encoding="utf-8") == "{}"
    setup_pkuseg(tmp_path / "cache", sdist=fake_sdist, force=True)
    assert json.loads((tiny_model / "manifest.json").read_text(encoding="utf-8"))["model"]


def test_setup_refuses_a_wrong_sdist(tmp_path: Path) -> None:
    sdist = _fake_sdist(tmp_path / seg.PKUSEG_SDIST)  # real hash expected: mismatch
    with pytest.raises(PkusegModelError, match="sha256"):
        setup_pkuseg(tmp_path / "cache", sdist=sdist)
    assert not pkuseg_model_dir(tmp_path / "cache").exists()


def test_setup_refuses_a_malicious_pickle(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                          ) -> None:
    marker = tmp_path / "pwned"
    sdist = _fake_sdist(tmp_path / seg.PKUSEG_SDIST, pickle.dumps(_Exploit(marker)))
    monkeypatch.setattr(seg, "PKUSEG_SDIST_SHA256", seg._sha256(sdist))
    with pytest.raises(PkusegModelError, match=r"features.pkl refused: global (posix|nt)\.system"):
        setup_pkuseg(tmp_path / "cache", sdist=sdist)
    assert not marker.exists()
    assert not pkuseg_model_dir(tmp_path / "cache").exists()


def test_setup_downloads_with_pip(tmp_path: Path, fake_sdist: Path,
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[list[str], dict[str, str]]] = []

    def fake_run(command: list[str], env: dict[str, str], **_: Any
                 ) -> subprocess.CompletedProcess[str]:
        calls.append((command, env))
        if "download" in command:
            dest = Path(command[command.index("--dest") + 1])
            dest.mkdir(parents=True)
            (dest / seg.PKUSEG_SDIST).write_bytes(fake_sdist.read_bytes())
        return subprocess.CompletedProcess(command, 0, "", "")

    monkeypatch.setattr(subprocess, "run", fake_run)
    monkeypatch.setattr(seg, "find_spec", lambda name: None if name == "wheel" else object())
    setup_pkuseg(tmp_path / "cache")
    (install, _), (download, env) = calls
    assert install[1:4] == ["-m", "pip", "install"] and install[-1] == "wheel"
    helpers = install[install.index("--target") + 1]
    assert env["PYTHONPATH"].split(os.pathsep)[0] == helpers
    assert download[1:4] == ["-m", "pip", "download"]
    assert {"--no-deps", "--no-build-isolation", "pkuseg==0.0.25"} <= set(download)
    assert download[download.index("--no-binary") + 1] == ":all:"


def test_pip_failure_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def failing_run(command: list[str], **_: Any) -> subprocess.CompletedProcess[str]:
        return subprocess.CompletedProcess(command, 1, "", "ERROR: no network")

    monkeypatch.setattr(subprocess, "run", failing_run)
    with pytest.raises(PkusegModelError, match="no network"):
        setup_pkuseg(tmp_path / "cache")


# ---------------------------------------------------------------- pipelines on the tiny model


def _words(nlp: Any, text: str) -> list[str]:
    return [token.text for token in nlp(text)]


def test_pkuseg_pipeline_on_tiny_model(tiny_model: Path) -> None:
    nlp = make_pkuseg_nlp(tiny_model)
    assert _words(nlp, "中国人很好") == ["中国人", "很", "好"]  # merged: post-processing words
    assert _words(make_pkuseg_nlp(tiny_model, postprocess=False), "中国人") == ["中", "国", "人"]
    with_words = make_pkuseg_nlp(tiny_model, ["很好", " "])
    assert _words(with_words, "中国人很好 ！") == ["中国人", "很好", "！"]
    assert make_nlp("pkuseg", model_path=tiny_model).tokenizer("好").text == "好"


def test_spacy_initialize_route_reads_the_converted_model(tiny_model: Path, tmp_path: Path
                                                          ) -> None:
    """spaCy's own route loads the same files (with spacy-pkuseg's bundled dictionary)."""
    import spacy

    words = tmp_path / "user.txt"
    words.write_text("很好\n", encoding="utf-8")
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "pkuseg"}}})
    nlp.tokenizer.initialize(  # type: ignore[union-attr]
        pkuseg_model=str(tiny_model), pkuseg_user_dict=str(words))
    assert _words(nlp, "中国人很好")[-1] == "很好"


def test_a_raw_pickle_model_is_never_loaded(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    (tmp_path / "features.pkl").write_bytes(pickle.dumps(_Exploit(marker)))
    (tmp_path / "weights.npz").write_bytes(_tiny_weights())
    with pytest.raises(PkusegModelError, match="features.msgpack"):
        make_pkuseg_nlp(tmp_path)
    assert not marker.exists()


def test_read_user_dict(tmp_path: Path) -> None:
    path = tmp_path / "words.txt"
    path.write_text("十四五\n\n商丘市民政局\tORG\n  一网通办  \n", encoding="utf-8")
    assert read_user_dict(path) == ["十四五", "商丘市民政局", "一网通办"]


def test_char_and_jieba_pipelines() -> None:
    assert _words(make_nlp("char"), "国务院") == ["国", "务", "院"]
    assert "".join(_words(make_nlp("jieba"), "国务院常务会议")) == "国务院常务会议"
    with pytest.raises(ValueError, match="segmenter"):
        make_nlp("hanlp")
    with pytest.raises(ValueError, match="pkuseg"):
        make_nlp("jieba", user_words=["十四五"])


# ---------------------------------------------------------------- the real model, when cached


def _real_model() -> Path | None:
    try:
        return pkuseg_model_path()
    except PkusegModelError:
        return None


@pytest.mark.skipif(_real_model() is None,
                    reason="pkuseg model not set up here (run `zhfacts setup pkuseg`)")
def test_real_pkuseg_model_segments_offline() -> None:
    nlp = make_pkuseg_nlp(user_words=["城乡低保资金"])
    text = "商丘市民政局2024年发放城乡低保资金3.2亿元，惠及困难群众12万人。"
    words = _words(nlp, text)
    assert "".join(words) == text
    assert {"商丘市", "民政局", "城乡低保资金", "困难", "群众"} <= set(words)
    manifest = json.loads((pkuseg_model_path() / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["source"]["sha256"] == seg.PKUSEG_SDIST_SHA256


@pytest.mark.skipif(_real_model() is None,
                    reason="pkuseg model not set up here (run `zhfacts setup pkuseg`)")
def test_real_pkuseg_with_the_user_dictionary() -> None:
    text = "市民政局联合市财政局开展专项检查，河南省人力资源和社会保障厅发布通知。"
    without = _words(make_nlp("pkuseg", user_dict=False), text)
    assert without[:2] == ["市民", "政局"]  # the trap the dictionary is for
    nlp = make_nlp("pkuseg")
    words = _words(nlp, text)
    assert "".join(words) == text
    assert words[:6] == ["市", "民政局", "联合", "市", "财政局", "开展"]
    assert {"河南省", "人力资源和社会保障厅"} <= set(words)
    assert _words(nlp, "县民政局局长和民政局长")[-1] == "局长"  # vetoed


# ---------------------------------------------------------------- zhfacts' user dictionary

BODIES = UserDictionary(("民政局", "财政局", "河南省"), {"民政局": "长"}, ("街道", "市", "县"),
                        frozenset({"民政局", "财政局"}))


def test_user_dictionary_on_tiny_model(tiny_model: Path) -> None:
    """The tiny model cuts every character, so only the dictionary makes words."""
    nlp = make_pkuseg_nlp(tiny_model, user_dict=BODIES)
    assert _words(nlp, "市民政局联合市财政局") == ["市", "民政局", "联", "合", "市", "财政局"]
    assert _words(nlp, "县民政局长") == ["县", "民", "政", "局", "长"]  # vetoed: 局长
    assert _words(nlp, "街道财政局") == ["街道", "财政局"]
    assert _words(nlp, "河南省市场") == ["河南省", "市", "场"]  # no body after 市
    assert _words(make_pkuseg_nlp(tiny_model, user_dict=False), "民政局") == ["民", "政", "局"]
    assert _words(make_nlp("pkuseg", model_path=tiny_model, user_dict=BODIES, user_words=["联合"]),
                  "联合市财政局") == ["联合", "市", "财政局"]


def test_default_user_dictionary_is_on_for_pkuseg(tiny_model: Path) -> None:
    assert _words(make_nlp("pkuseg", model_path=tiny_model), "市财政局") == ["市", "财政局"]
    assert _words(make_nlp("pkuseg", model_path=tiny_model, user_dict=False),
                  "财政局") == ["财", "政", "局"]
    with pytest.raises(ValueError, match="user dictionary"):
        make_nlp("char", user_dict=True)


def test_default_user_dictionary_words() -> None:
    dictionary = default_user_dict()
    words = set(dictionary.words)
    assert {"民政局", "财政局", "人力资源和社会保障厅", "发改委", "国务院"} <= words
    assert {"河南省", "河南", "商丘市", "商丘", "民权县", "襄樊市"} <= words
    assert "荣昌" not in words  # a county short form: not by default
    assert "和县" not in words  # 和 + 县 in 和县级
    assert "长" in dictionary.vetoes["民政局"] and "长" in dictionary.vetoes["国家统计局"]
    assert "市" in dictionary.bare_levels and "民政局" in dictionary.bodies
    assert "国务院" not in dictionary.bodies
    assert "荣昌" in gazetteer_words(short_form_levels=("province", "city", "county"))
    assert set(gazetteer_words(levels=(), short_form_levels=())) == set()
    assert body_words()["民政办"] == body_words()["财政办"]


def test_jieba_user_dictionary_is_its_own() -> None:
    import jieba

    word = "民权县城关镇财政所"
    nlp = make_nlp("jieba", user_dict=UserDictionary((word,)))
    assert _words(nlp, word + "发布") == [word, "发布"]
    assert word not in jieba.dt.FREQ  # jieba's process-wide dictionary is untouched
    assert word not in _words(make_nlp("jieba"), word)
