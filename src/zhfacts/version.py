"""The version of zhfacts, in one place: the package, the CLI (``--version``)
and every record (``zhfacts_version``) report it; pyproject.toml repeats it
(tests/test_release.py keeps the two equal)."""

__version__ = "0.1.0"
