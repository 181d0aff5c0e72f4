"""Word segmenters for the pipeline (char, jieba, pkuseg) and the offline pkuseg model.

spacy-pkuseg downloads its models from a host that many users (and CI) cannot
reach. pkuseg's mixed-domain ``default`` model is also shipped inside the
pkuseg 0.0.25 source distribution on PyPI (MIT licence), so
:func:`setup_pkuseg` fetches that sdist with pip, checks its sha256, and
converts the model ONCE into the format spacy-pkuseg loads without pickle:

* ``features.msgpack``: the feature and tag tables (from ``features.pkl``,
  read with :class:`RestrictedUnpickler`, which builds no object but plain
  containers, strings and numbers);
* ``weights.npz``: the CRF weights (copied as is; numpy reads it with
  ``allow_pickle=False``);
* ``postprocess_words.txt``: pkuseg's default post-processing dictionary
  (``dicts/default.pkl``, a pickled string), one word per line;
* ``manifest.json``: source package and version, sdist sha256, date.

Nothing is unpickled at run time: :func:`make_pkuseg_nlp` builds the segmenter
with ``user_dict=None`` (spacy-pkuseg would otherwise unpickle its bundled
``dicts/default.pkl``) and fills in the user words and the post-processing
words from text.

The cache root is the ``cache_dir`` argument, else ``$ZHFACTS_CACHE``, else
``$XDG_CACHE_HOME/zhfacts``, else ``~/.cache/zhfacts``; the model lives in
``<root>/pkuseg/default``.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import json
import os
import pickle
import shutil
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Callable, Iterable
from importlib.util import find_spec
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import ZhfactsError

if TYPE_CHECKING:
    from spacy.language import Language

SEGMENTERS = ("char", "jieba", "pkuseg")

CACHE_ENV = "ZHFACTS_CACHE"
PKUSEG_PACKAGE = "pkuseg"
PKUSEG_VERSION = "0.0.25"
PKUSEG_SDIST = f"pkuseg-{PKUSEG_VERSION}.tar.gz"
PKUSEG_SDIST_SHA256 = "dd012bf93689721c9574bc2b2ba98fb4ac22790cec0af354a78e217828b81e91"
PKUSEG_MODEL = "default"

FEATURES = "features.msgpack"
WEIGHTS = "weights.npz"
POSTPROCESS_WORDS = "postprocess_words.txt"
MANIFEST = "manifest.json"
MODEL_FILES = (FEATURES, WEIGHTS, POSTPROCESS_WORDS, MANIFEST)

_SDIST_ROOT = f"pkuseg-{PKUSEG_VERSION}/pkuseg/"
_SDIST_FEATURES = _SDIST_ROOT + "models/default/features.pkl"
_SDIST_WEIGHTS = _SDIST_ROOT + "models/default/weights.npz"
_SDIST_DICT = _SDIST_ROOT + "dicts/default.pkl"
_SETUP_HINT = "run `zhfacts setup pkuseg` (downloads pkuseg 0.0.25 from PyPI once)"


class PkusegModelError(ZhfactsError):
    """E006: the pkuseg model is not set up (or cannot be set up)."""

    code = "E006"


# --------------------------------------------------------------------------- cache


def cache_root(cache_dir: str | os.PathLike[str] | None = None) -> Path:
    """The zhfacts cache root: argument, ``$ZHFACTS_CACHE``, XDG cache, ``~/.cache``."""
    if cache_dir is not None:
        return Path(cache_dir).expanduser()
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV]).expanduser()
    if os.environ.get("XDG_CACHE_HOME"):
        return Path(os.environ["XDG_CACHE_HOME"]).expanduser() / "zhfacts"
    return Path.home() / ".cache" / "zhfacts"


def pkuseg_model_dir(cache_dir: str | os.PathLike[str] | None = None) -> Path:
    """Where the converted pkuseg model is (or would be) cached."""
    return cache_root(cache_dir) / "pkuseg" / PKUSEG_MODEL


def pkuseg_model_path(cache_dir: str | os.PathLike[str] | None = None) -> Path:
    """The cached pkuseg model directory; :class:`PkusegModelError` when it is not set up."""
    path = pkuseg_model_dir(cache_dir)
    _check_model_dir(path)
    return path


def _check_model_dir(path: Path) -> None:
    missing = [name for name in MODEL_FILES if not (path / name).is_file()]
    if missing:
        raise PkusegModelError(
            f"no pkuseg model at {path} (missing {', '.join(missing)}): {_SETUP_HINT}, "
            f"or set {CACHE_ENV} to the cache that holds it")


# --------------------------------------------------------------------------- set-up


class RestrictedUnpickler(pickle.Unpickler):
    """An unpickler that builds plain data only: it resolves no global but set/frozenset.

    pkuseg's pickles hold dicts, lists, strings and integers; anything that
    names a callable (``os.system``, ``builtins.eval``, numpy's reconstructors)
    is refused with :class:`pickle.UnpicklingError` before it runs.
    """

    ALLOWED = frozenset({("builtins", "set"), ("builtins", "frozenset")})

    def find_class(self, module: str, name: str) -> Any:
        if module == "__builtin__":  # protocols 0-2 spell builtins the Python 2 way
            module = "builtins"
        if (module, name) in self.ALLOWED:
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"global {module}.{name} is not allowed")


def restricted_loads(data: bytes) -> Any:
    """Unpickle ``data`` with :class:`RestrictedUnpickler`."""
    return RestrictedUnpickler(io.BytesIO(data)).load()


def setup_pkuseg(cache_dir: str | os.PathLike[str] | None = None, *,
                 sdist: str | os.PathLike[str] | None = None, force: bool = False,
                 log: Callable[[str], None] | None = None) -> Path:
    """Fetch pkuseg 0.0.25's sdist from PyPI, convert its default model, cache it.

    ``sdist`` uses a local copy of ``pkuseg-0.0.25.tar.gz`` instead of pip
    (for machines without PyPI). The sdist's sha256 must match. Returns the
    model directory; does nothing when it is already set up, unless ``force``.
    """
    say = log or (lambda message: None)
    target = pkuseg_model_dir(cache_dir)
    if not force and all((target / name).is_file() for name in MODEL_FILES):
        say(f"pkuseg model already set up at {target}")
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="zhfacts-pkuseg-") as tmp:
        archive = Path(sdist) if sdist is not None else _download_sdist(Path(tmp), say)
        digest = _sha256(archive)
        if digest != PKUSEG_SDIST_SHA256:
            raise PkusegModelError(f"{archive.name}: sha256 {digest} is not the expected "
                                   f"{PKUSEG_SDIST_SHA256}; refusing to use it")
        staging = Path(tempfile.mkdtemp(prefix=".default-", dir=target.parent))
        try:
            say(f"converting the default model from {archive.name}")
            _convert(archive, staging)
            _write_manifest(staging, digest)
            if target.exists():
                shutil.rmtree(target)
            staging.rename(target)
        finally:
            if staging.exists():
                shutil.rmtree(staging)
    say(f"pkuseg model ready at {target}")
    return target


def _download_sdist(tmp: Path, say: Callable[[str], None]) -> Path:
    """``pip download`` the sdist; its setup.py imports numpy and needs setuptools + wheel."""
    env = dict(os.environ)
    helpers = [name for name in ("numpy", "setuptools", "wheel") if find_spec(name) is None]
    if helpers:  # put the build helpers on PYTHONPATH for pip's metadata step only
        say(f"installing build helpers for the download step ({', '.join(helpers)})")
        _pip(["install", "--quiet", "--target", str(tmp / "helpers"), *helpers], env)
        env["PYTHONPATH"] = os.pathsep.join(
            filter(None, [str(tmp / "helpers"), env.get("PYTHONPATH")]))
    say(f"downloading {PKUSEG_SDIST} from PyPI with pip")
    _pip(["download", "--no-deps", "--no-binary", ":all:", "--no-build-isolation",
          "--dest", str(tmp / "sdist"), f"{PKUSEG_PACKAGE}=={PKUSEG_VERSION}"], env)
    archive = tmp / "sdist" / PKUSEG_SDIST
    if not archive.is_file():
        raise PkusegModelError(f"pip did not produce {PKUSEG_SDIST}")
    return archive


def _pip(arguments: list[str], env: dict[str, str]) -> None:
    command = [sys.executable, "-m", "pip", *arguments]
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        tail = "\n".join((result.stderr or result.stdout).strip().splitlines()[-15:])
        raise PkusegModelError(f"`pip {' '.join(arguments)}` failed "
                               f"(exit {result.returncode}):\n{tail}")


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _member(archive: tarfile.TarFile, name: str) -> bytes:
    info = archive.getmember(name)
    handle = archive.extractfile(info) if info.isfile() else None
    if handle is None:
        raise PkusegModelError(f"{PKUSEG_SDIST}: {name} is not a regular file")
    with handle:
        return handle.read()


def _convert(archive_path: Path, out: Path) -> None:
    import numpy as np
    import srsly

    try:
        with tarfile.open(archive_path, "r:gz") as archive:
            features_pkl = _member(archive, _SDIST_FEATURES)
            weights = _member(archive, _SDIST_WEIGHTS)
            dictionary_pkl = _member(archive, _SDIST_DICT)
    except (KeyError, tarfile.TarError) as error:
        raise PkusegModelError(f"{archive_path.name}: not the expected sdist ({error})"
                               ) from error
    features = _check_features(_plain_data(features_pkl, "features.pkl"))
    with np.load(io.BytesIO(weights), allow_pickle=False) as npz:
        sizes, w = npz["sizes"], npz["w"]
        n_tag, n_feature = int(sizes[0]), int(sizes[1])
        if (n_tag, n_feature) != (len(features["tag_to_idx"]), len(features["feature_to_idx"])
                                  ) or w.dtype != np.float64 or w.shape != (
                                      n_tag * (n_feature + n_tag),):
            raise PkusegModelError("weights.npz does not match features.pkl")
    dictionary = _plain_data(dictionary_pkl, "dicts/default.pkl")
    if not isinstance(dictionary, str):
        raise PkusegModelError("dicts/default.pkl is not a string of words")
    words = sorted({word.strip() for word in dictionary.split("\n") if word.strip()})

    srsly.write_msgpack(out / FEATURES, {
        "unigram": sorted(features["unigram"]),
        "bigram": sorted(features["bigram"]),
        "feature_to_idx": features["feature_to_idx"],
        "tag_to_idx": features["tag_to_idx"],
    })
    (out / WEIGHTS).write_bytes(weights)
    (out / POSTPROCESS_WORDS).write_text("\n".join(words) + "\n", encoding="utf-8")


def _plain_data(data: bytes, name: str) -> Any:
    try:
        return restricted_loads(data)
    except (pickle.UnpicklingError, EOFError, ValueError) as error:
        raise PkusegModelError(f"{name} refused: {error}") from error


def _check_features(data: Any) -> dict[str, Any]:
    """The unpickled feature tables, checked to be exactly the plain data expected."""
    if not isinstance(data, dict):
        raise PkusegModelError("features.pkl: not a dict")
    for key in ("unigram", "bigram"):
        values = data.get(key)
        if not isinstance(values, list | set) or not all(isinstance(v, str) for v in values):
            raise PkusegModelError(f"features.pkl: {key} is not a list of strings")
    for key in ("feature_to_idx", "tag_to_idx"):
        table = data.get(key)
        if not isinstance(table, dict) or not all(
                isinstance(k, str) and type(v) is int for k, v in table.items()):
            raise PkusegModelError(f"features.pkl: {key} is not a str -> int table")
    return data


def _write_manifest(out: Path, digest: str) -> None:
    manifest = {
        "model": PKUSEG_MODEL,
        "source": {"package": PKUSEG_PACKAGE, "version": PKUSEG_VERSION,
                   "file": PKUSEG_SDIST, "sha256": digest, "index": "PyPI",
                   "licence": "MIT (pkuseg-python)"},
        "format": "spacy-pkuseg: features.msgpack + weights.npz; post-processing words as text",
        "files": {name: _sha256(out / name) for name in (FEATURES, WEIGHTS, POSTPROCESS_WORDS)},
        "created": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
    }
    (out / MANIFEST).write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")


# --------------------------------------------------------------------------- pipelines


def read_user_dict(path: str | os.PathLike[str]) -> list[str]:
    """Words of a pkuseg user dictionary: one per line (a tab and a tag may follow)."""
    with open(path, encoding="utf-8") as handle:
        return [w for w in (line.split("\t")[0].strip() for line in handle) if w]


def load_pkuseg(model_path: str | os.PathLike[str], user_words: Iterable[str] | None = None,
                *, postprocess: bool = True) -> Any:
    """A ``spacy_pkuseg.pkuseg`` segmenter from a converted model, with no unpickling.

    Same behaviour as spaCy's ``pkuseg_user_dict`` set to a word file (or
    ``"default"`` when no words): user words are forced as words, then pkuseg's
    default dictionary merges the model's pieces (unless ``postprocess`` is
    false: the model's cut alone).
    """
    import spacy_pkuseg

    path = Path(model_path)
    _check_model_dir(path)
    segmenter = spacy_pkuseg.pkuseg(str(path), user_dict=None)
    segmenter.preprocesser = spacy_pkuseg.Preprocesser(
        [w.strip() for w in user_words or () if w.strip()])
    merge_words = (path / POSTPROCESS_WORDS).read_text(encoding="utf-8").splitlines()
    segmenter.postprocesser.do_process = postprocess
    segmenter.postprocesser.common_words = set()
    segmenter.postprocesser.other_words = set(merge_words)
    return segmenter


def make_pkuseg_nlp(model_path: str | os.PathLike[str] | None = None,
                    user_words: Iterable[str] | None = None, *, postprocess: bool = True
                    ) -> Language:
    """A blank Chinese pipeline whose tokenizer is pkuseg (model from the cache by default)."""
    import spacy

    path = pkuseg_model_path() if model_path is None else Path(model_path)
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "pkuseg"}}})
    tokenizer: Any = nlp.tokenizer  # spaCy's ChineseTokenizer
    tokenizer.pkuseg_seg = load_pkuseg(path, user_words, postprocess=postprocess)
    return nlp


def make_nlp(segmenter: str = "char", *, model_path: str | os.PathLike[str] | None = None,
             user_words: Iterable[str] | None = None) -> Language:
    """A blank Chinese pipeline with the named segmenter, ready to tokenize."""
    if segmenter not in SEGMENTERS:
        raise ValueError(f"segmenter must be one of {SEGMENTERS}, not {segmenter!r}")
    if segmenter == "pkuseg":
        return make_pkuseg_nlp(model_path, user_words)
    if user_words is not None:  # jieba's dictionary is process-wide: not changed here
        raise ValueError("user words need the pkuseg segmenter")
    import spacy

    return spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": segmenter}}})
