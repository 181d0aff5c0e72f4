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

The cache root is :func:`zhfacts.datafiles.cache_root` of the ``cache_dir``
argument (else ``$ZHFACTS_CACHE``, else ``$XDG_CACHE_HOME/zhfacts``, else
``~/.cache/zhfacts``); the model lives in ``<root>/pkuseg/default``.
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
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path
from typing import TYPE_CHECKING, Any

from zhfacts.datafiles import CACHE_ENV, cache_root
from zhfacts.errors import ZhfactsError

if TYPE_CHECKING:
    from spacy.language import Language

SEGMENTERS = ("char", "jieba", "pkuseg")

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


# --------------------------------------------------------------------------- user dictionary

#: Gazetteer levels whose names go into the default pkuseg user dictionary.
USER_DICT_LEVELS = ("province", "city", "county")
#: Gazetteer levels whose (non-weak) short forms go into it.
SHORT_FORM_LEVELS = ("province", "city")


@dataclass(frozen=True)
class UserDictionary:
    """Words pkuseg must keep whole, and the characters that cancel that after a word.

    ``vetoes`` maps a word to the characters that, written right after it, show
    that it is not the word here (民政局 before 长 is 民政 + 局长; 政务办 before 理 is
    政务 + 办理): the text around it is then left to the model. ``bare_levels``
    (市, 县, 街道 ...) written right before one of the ``bodies`` are cut off as
    words of their own (联合市财政局 -> 联合 + 市 + 财政局, not 联合市 + 财政局).
    """

    words: tuple[str, ...]
    vetoes: Mapping[str, str] = field(default_factory=dict)
    bare_levels: tuple[str, ...] = ()
    bodies: frozenset[str] = frozenset()

    def __len__(self) -> int:
        return len(self.words)


def gazetteer_words(levels: Iterable[str] = USER_DICT_LEVELS,
                    short_form_levels: Iterable[str] = SHORT_FORM_LEVELS) -> list[str]:
    """Names of the gazetteer's divisions at ``levels`` (full and former names), and the
    short forms (河南 for 河南省, 襄樊 for former 襄樊市) at ``short_form_levels``.

    Left out: short forms the gazetteer marks weak (also ordinary words: 共和,
    太和, 朝阳), and two-character names that start with a function character
    of the gazetteer's rules (和县 in 和县级). County short forms are not in the
    default: many are pieces of other words (荣昌 in 繁荣昌盛, 庆元 in 国庆元旦).
    Town and village names (all weak in the gazetteer) come only when their
    level is asked for.
    """
    from zhfacts.entities.gazetteer import FORMS, LEVELS, load_gazetteer, vetoes

    names = {LEVELS.index(level) for level in levels}
    shorts = {LEVELS.index(level) for level in short_form_levels}
    short = {FORMS.index("short"), FORMS.index("former_short")}
    function_chars = vetoes().function_chars
    gazetteer = load_gazetteer()
    words = []
    for surface in gazetteer.surfaces():
        if len(surface) == 2 and surface[0] in function_chars:
            continue
        for node, form, weak in gazetteer.entries(surface):
            level = gazetteer.level(node)
            if (level in shorts and not weak) if form in short else level in names:
                words.append(surface)
                break
    return sorted(words)


def body_words() -> dict[str, str]:
    """The single-domain bodies of the GOV grammar (民政局, 人力资源和社会保障厅, 发改委)
    and the central bodies, each with the veto characters of its head."""
    from zhfacts.entities.bodies import grammar

    g = grammar()
    words = {}
    for head in sorted(g.heads_need_domain | {"委"}):
        veto = g.head_vetoes.get(head, "")
        for domain in sorted(g.domains):
            words[domain + head] = veto
    for word in g.central:
        head = max((h for h in g.heads if word.endswith(h)), key=len, default="")
        words.setdefault(word, g.head_vetoes.get(head, ""))
    return words


@lru_cache(maxsize=8)
def default_user_dict(levels: tuple[str, ...] = USER_DICT_LEVELS,
                      short_form_levels: tuple[str, ...] = SHORT_FORM_LEVELS, *,
                      bodies: bool = True) -> UserDictionary:
    """zhfacts' pkuseg user dictionary: gazetteer place names and GOV body words.

    Built from the package's data (the compiled gazetteer, ``data/gov_bodies.json``);
    nothing is downloaded or unpickled.
    """
    from zhfacts.entities.bodies import grammar

    vetoes = body_words() if bodies else {}
    words = set(gazetteer_words(levels, short_form_levels)) | set(vetoes)
    central = set(grammar().central)
    return UserDictionary(tuple(sorted(words)), {w: v for w, v in vetoes.items() if v},
                          grammar().bare_levels if bodies else (),
                          frozenset(w for w in vetoes if w not in central))


class VetoingPreprocesser:
    """spacy-pkuseg's ``Preprocesser`` (longest user word first, left to right), with
    the vetoes and bare levels of a :class:`UserDictionary`.

    A user word followed by one of its veto characters is not forced: it goes
    back to the model with the text around it. A bare level that ends the text
    before a body word is forced as a word of its own. Everything else is
    delegated.
    """

    def __init__(self, inner: Any, dictionary: UserDictionary) -> None:
        self.inner = inner
        self.vetoes = dictionary.vetoes
        self.bare_levels = dictionary.bare_levels  # longest first
        self.bodies = dictionary.bodies

    def __getattr__(self, name: str) -> Any:  # trie, dict_data: spaCy serializes the trie
        return getattr(self.inner, name)

    def solve(self, text: str) -> tuple[list[str], list[bool], list[str]]:
        pieces, forced, tags = self.inner.solve(text)
        out: list[tuple[str, bool, str]] = []
        for i, (piece, is_word, tag) in enumerate(zip(pieces, forced, tags, strict=True)):
            if is_word and i + 1 < len(pieces) and \
                    pieces[i + 1][:1] in self.vetoes.get(piece, ""):
                is_word, tag = False, ""
            if is_word and piece in self.bodies and out and not out[-1][1]:
                before = out[-1][0]
                level = next((b for b in self.bare_levels if before.endswith(b)), None)
                if level is not None:
                    out.pop()
                    if len(before) > len(level):
                        out.append((before[:-len(level)], False, ""))
                    out.append((level, True, ""))
            if not is_word and out and not out[-1][1]:
                out[-1] = (out[-1][0] + piece, False, "")
            else:
                out.append((piece, is_word, tag))
        return [p for p, _, _ in out], [w for _, w, _ in out], [t for _, _, t in out]


def _user_dictionary(user_dict: bool | UserDictionary) -> UserDictionary | None:
    if isinstance(user_dict, UserDictionary):
        return user_dict
    return default_user_dict() if user_dict else None


# --------------------------------------------------------------------------- pipelines


def read_user_dict(path: str | os.PathLike[str]) -> list[str]:
    """Words of a pkuseg user dictionary: one per line (a tab and a tag may follow)."""
    with open(path, encoding="utf-8") as handle:
        return [w for w in (line.split("\t")[0].strip() for line in handle) if w]


def load_pkuseg(model_path: str | os.PathLike[str], user_words: Iterable[str] | None = None,
                *, postprocess: bool = True, rules: UserDictionary | None = None) -> Any:
    """A ``spacy_pkuseg.pkuseg`` segmenter from a converted model, with no unpickling.

    Same behaviour as spaCy's ``pkuseg_user_dict`` set to a word file (or
    ``"default"`` when no words): user words are forced as words, then pkuseg's
    default dictionary merges the model's pieces (unless ``postprocess`` is
    false: the model's cut alone). ``rules``, a :class:`UserDictionary`, adds
    its vetoes and bare levels (its words are not added: pass them as ``user_words``).
    """
    import spacy_pkuseg

    path = Path(model_path)
    _check_model_dir(path)
    segmenter = spacy_pkuseg.pkuseg(str(path), user_dict=None)
    preprocesser = spacy_pkuseg.Preprocesser(
        [w.strip() for w in user_words or () if w.strip()])
    segmenter.preprocesser = VetoingPreprocesser(preprocesser, rules) if rules is not None \
        else preprocesser
    merge_words = (path / POSTPROCESS_WORDS).read_text(encoding="utf-8").splitlines()
    segmenter.postprocesser.do_process = postprocess
    segmenter.postprocesser.common_words = set()
    segmenter.postprocesser.other_words = set(merge_words)
    return segmenter


def make_pkuseg_nlp(model_path: str | os.PathLike[str] | None = None,
                    user_words: Iterable[str] | None = None, *, postprocess: bool = True,
                    user_dict: bool | UserDictionary = True) -> Language:
    """A blank Chinese pipeline whose tokenizer is pkuseg (model from the cache by default).

    ``user_dict`` (default True) adds zhfacts' user dictionary
    (:func:`default_user_dict`: place names of the gazetteer down to counties and
    the GOV body words); False leaves it out; a :class:`UserDictionary` replaces
    it. ``user_words`` are added either way.
    """
    import spacy

    path = pkuseg_model_path() if model_path is None else Path(model_path)
    dictionary = _user_dictionary(user_dict)
    words = [*(dictionary.words if dictionary else ()), *(user_words or ())]
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "pkuseg"}}})
    tokenizer: Any = nlp.tokenizer  # spaCy's ChineseTokenizer
    tokenizer.pkuseg_seg = load_pkuseg(path, words, postprocess=postprocess,
                                       rules=dictionary)
    return nlp


def make_jieba_nlp(user_dict: bool | UserDictionary = False) -> Language:
    """A blank Chinese pipeline whose tokenizer is jieba.

    With ``user_dict`` (off by default: see docs/segmentation.md), the words go
    into a jieba ``Tokenizer`` of this pipeline's own (jieba's process-wide
    dictionary is not changed) with jieba's suggested frequencies; jieba keeps
    them as preferences, not forced words, and the vetoes do not apply.
    """
    import spacy

    from zhfacts.words import import_jieba

    jieba = import_jieba()  # spaCy's tokenizer imports it too: quiet it first
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    dictionary = _user_dictionary(user_dict)
    if dictionary:
        segmenter = jieba.Tokenizer()
        for word in dictionary.words:
            segmenter.add_word(word)
        tokenizer: Any = nlp.tokenizer
        tokenizer.jieba_seg = segmenter
    return nlp


def make_nlp(segmenter: str = "char", *, model_path: str | os.PathLike[str] | None = None,
             user_words: Iterable[str] | None = None,
             user_dict: bool | UserDictionary | None = None) -> Language:
    """A blank Chinese pipeline with the named segmenter, ready to tokenize.

    ``user_dict``: zhfacts' user dictionary (gazetteer places and GOV body
    words), on by default for ``pkuseg`` and off for ``jieba``; ``False`` turns
    it off, ``True`` on, a :class:`UserDictionary` replaces it. ``char`` has no
    words, so it takes no dictionary.
    """
    if segmenter not in SEGMENTERS:
        raise ValueError(f"segmenter must be one of {SEGMENTERS}, not {segmenter!r}")
    if segmenter == "pkuseg":
        return make_pkuseg_nlp(model_path, user_words,
                               user_dict=True if user_dict is None else user_dict)
    if user_words is not None:  # jieba's dictionary is process-wide: not changed here
        raise ValueError("user words need the pkuseg segmenter")
    if segmenter == "jieba":
        return make_jieba_nlp(False if user_dict is None else user_dict)
    if user_dict:
        raise ValueError("a user dictionary needs the pkuseg or jieba segmenter")
    import spacy

    # zhfacts' own character tokenizer: the same Docs as spaCy's, in linear time.
    tokenizer = {"@tokenizers": "zhfacts.CharTokenizer.v1", "segmenter": "char"}
    return spacy.blank("zh", config={"nlp": {"tokenizer": tokenizer}})
