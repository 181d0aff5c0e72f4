"""Tests of zhfacts.numbers.numerals: golden cases as data, then Hypothesis properties.

Golden cases live in tests/cases/numerals.json, one test id per case. The
properties render random Decimals in every supported way (plain, with 万/亿,
full-width, with separators, cn2an's 小写/大写) and parse them back.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from decimal import ROUND_HALF_EVEN, Context, Decimal, localcontext
from math import gcd
from pathlib import Path
from typing import Any

import cn2an
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from zhfacts.errors import NumeralError
from zhfacts.numbers.numerals import MAX_EXPONENT, MAX_NUMERAL_CHARS, canonical, parse_number

CASES_FILE = Path(__file__).parent / "cases" / "numerals.json"
CASES: list[dict[str, Any]] = json.loads(CASES_FILE.read_text(encoding="utf-8"))

FAST = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FULL_WIDTH = str.maketrans("0123456789.-+,", "０１２３４５６７８９．－＋，")


# --- golden cases ---------------------------------------------------------------


def test_cases_file_is_well_formed() -> None:
    inputs = [case["input"] for case in CASES]
    assert len(inputs) == len(set(inputs)), "duplicate inputs in numerals.json"
    assert len(CASES) >= 120
    for case in CASES:
        assert isinstance(case["input"], str)
        assert ("value" in case) != ("error" in case), case
        if "value" in case:
            assert canonical(Decimal(case["value"])) == case["value"], case


@pytest.mark.parametrize(
    "case",
    [c for c in CASES if "value" in c],
    ids=lambda c: repr(c["input"]),
)
def test_golden_value(case: dict[str, Any]) -> None:
    result = parse_number(case["input"])
    assert isinstance(result, Decimal)
    assert result == Decimal(case["value"])
    assert canonical(result) == case["value"]
    if result.adjusted() >= -6:  # below 1e-6 str() always uses an exponent
        assert str(result) == case["value"]  # results are already tidy


@pytest.mark.parametrize(
    "case",
    [c for c in CASES if "error" in c],
    ids=lambda c: repr(c["input"]),
)
def test_golden_error(case: dict[str, Any]) -> None:
    with pytest.raises(NumeralError):
        parse_number(case["input"])


# --- API edges --------------------------------------------------------------------


@pytest.mark.parametrize("bad", [None, 3, Decimal("3"), b"3", ["3"]], ids=repr)
def test_non_str_input_raises_numeral_error(bad: Any) -> None:
    with pytest.raises(NumeralError, match="needs a str"):
        parse_number(bad)


def test_numeral_error_is_value_error_with_code_and_input() -> None:
    with pytest.raises(ValueError, match=r"\[E001\].*'1\.2\.3'"):
        parse_number("1.2.3")


def test_zhao_is_ten_to_the_twelfth() -> None:
    # 兆 = 10^12 as in the specs and in financial text; 兆瓦 (megawatt) is a
    # unit the figure layer reads before it calls parse_number.
    assert parse_number("3兆") == 3 * 10**12
    assert parse_number("三兆") == parse_number("三万亿")
    with pytest.raises(NumeralError, match="零"):
        parse_number("一兆五")  # ambiguous, as after 万亿


def test_exponent_forms_stay_bounded() -> None:
    big = "9" * 30 + "." + "9" * 25
    start = time.perf_counter()
    for text in (
        f"{big}^{MAX_EXPONENT}",
        f"{big}^-{MAX_EXPONENT}",
        f"0.07^{MAX_EXPONENT}",
        f"1e{MAX_EXPONENT + 1}",
        f"2^{MAX_EXPONENT + 1}",
        "1e" + "9" * 60,
    ):
        with pytest.raises(NumeralError):
            parse_number(text)
    assert time.perf_counter() - start < 0.1
    assert parse_number(f"1e{MAX_EXPONENT}") == Decimal(10) ** MAX_EXPONENT
    assert parse_number(f"2^{MAX_EXPONENT}") == Decimal("1.26765060022823E+30")


@pytest.mark.parametrize(
    "text",
    [
        "1" * 200_000,
        "一" * 200_000,
        "万" * 200_000,
        "1.5" * 70_000,
        " " * 199_999 + "1",
        "1 " * 100_000,
        "一" * (MAX_NUMERAL_CHARS + 1),
        "9" * (MAX_NUMERAL_CHARS + 1),
    ],
    ids=["digits", "yi", "wan", "points", "spaces", "spaced", "cap+1-cn", "cap+1-ar"],
)
def test_huge_inputs_fail_fast(text: str) -> None:
    start = time.perf_counter()
    with pytest.raises(NumeralError):
        parse_number(text)
    assert time.perf_counter() - start < 0.1


def test_cap_is_inclusive() -> None:
    assert parse_number("9" * MAX_NUMERAL_CHARS) == Decimal("9" * MAX_NUMERAL_CHARS)


def test_global_context_is_neither_used_nor_changed() -> None:
    with localcontext() as ctx:
        ctx.prec = 3
        ctx.clear_flags()  # other tests may leave flags on the context copied here
        assert parse_number("1234567.891") == Decimal("1234567.891")
        assert parse_number("123456789.123万") == Decimal("1234567891230")
        assert parse_number("三分之一") == Decimal("0.333333333333333")
        assert parse_number("1.1^23") == Decimal("8.95430243255237")
        assert parse_number("-127.32e13") == Decimal("-1273200000000000")
        assert parse_number("五十打") == Decimal(600)
        assert parse_number("三百五又三分之一") == Decimal("350.333333333333")
        assert parse_number("1 3/5") == Decimal("1.6")
        assert ctx.prec == 3
        assert not any(ctx.flags.values())


def test_plain_arabic_is_fast() -> None:
    start = time.perf_counter()
    for _ in range(20_000):
        parse_number("8.9")
    assert time.perf_counter() - start < 1.0  # ~3 us a call; loose for slow CI


def test_arabic_input_does_not_import_cn2an() -> None:
    code = (
        "import sys; from zhfacts.numbers.numerals import parse_number;"
        "parse_number('8.9'); parse_number('30.6万'); parse_number('30%');"
        "parse_number('2e5'); parse_number('2^-1'); parse_number('40k'); parse_number('1 3/5');"
        "parse_number('3万4000'); parse_number('1.5兆');"
        "assert 'cn2an' not in sys.modules, 'cn2an imported'"
    )
    src = str(Path(__file__).parents[1] / "src")
    subprocess.run([sys.executable, "-c", code], check=True, env={"PYTHONPATH": src}, timeout=60)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal("1.4168E+6"), "1416800"),
        (Decimal("58.80"), "58.8"),
        (Decimal("306000.0"), "306000"),
        (Decimal("-0"), "0"),
        (Decimal("-0.000"), "0"),
        (Decimal("0E+5"), "0"),
        (Decimal("-1E-5"), "-0.00001"),
        (Decimal("1E+3"), "1000"),
        (Decimal("0.10"), "0.1"),
        (Decimal("-12.3400"), "-12.34"),
        (Decimal("100"), "100"),
    ],
    ids=str,
)
def test_canonical_examples(value: Decimal, expected: str) -> None:
    assert canonical(value) == expected


@pytest.mark.parametrize(
    "bad",
    [Decimal("NaN"), Decimal("Infinity"), Decimal("-Infinity"), Decimal("1E+999999"), 3],
    ids=str,
)
def test_canonical_rejects(bad: Any) -> None:
    with pytest.raises(NumeralError):
        canonical(bad)


# --- properties ---------------------------------------------------------------------


def decimals(max_digits: int = 16, min_exp: int = -20, max_exp: int = 12) -> Any:
    """Finite Decimals with up to ``max_digits`` significant digits."""
    return st.builds(
        lambda sign, coef, exp: Decimal(sign + str(coef) + "E" + str(exp)),
        st.sampled_from(["", "-"]),
        st.integers(0, 10**max_digits - 1),
        st.integers(min_exp, max_exp),
    )


def scaled(d: Decimal, k: int) -> Decimal:
    """d * 10**k without a context."""
    sign, digits, exp = d.as_tuple()
    assert isinstance(exp, int)
    return Decimal((sign, digits, exp + k))


@FAST
@given(decimals())
def test_plain_rendering_round_trips(d: Decimal) -> None:
    assert parse_number(canonical(d)) == d
    assert parse_number(" " + canonical(d) + "\n") == d


@FAST
@given(
    decimals(),
    st.sampled_from(
        [
            ("万", 4),
            ("亿", 8),
            ("千万", 7),
            ("万亿", 12),
            ("萬", 4),
            ("兆", 12),
            ("万万", 8),
            ("k", 3),
            ("K", 3),
            ("M", 6),
        ]
    ),
)
def test_magnitude_rendering_round_trips(d: Decimal, magnitude: tuple[str, int]) -> None:
    word, power = magnitude
    text = canonical(scaled(d, -power)) + word
    assume(len(text) <= MAX_NUMERAL_CHARS)
    assert parse_number(text) == d


@FAST
@given(decimals())
def test_full_width_rendering_round_trips(d: Decimal) -> None:
    assert parse_number(canonical(d).translate(FULL_WIDTH)) == d


def with_separators(text: str) -> str:
    sign = "-" if text.startswith("-") else ""
    whole, _, frac = text.lstrip("-").partition(".")
    grouped = f"{int(whole):,}"
    return sign + grouped + ("." + frac if frac else "")


@FAST
@given(decimals(min_exp=-6, max_exp=12))
def test_separator_rendering_round_trips(d: Decimal) -> None:
    text = with_separators(canonical(d))
    assert parse_number(text) == d
    assert parse_number(text.translate(FULL_WIDTH)) == d
    assert parse_number(text + "万") == scaled(d, 4)


def an2cn_renders_correctly(d: Decimal) -> bool:
    """The inputs cn2an 0.5.24's an2cn renders correctly.

    an2cn handles at most 16 integer digits and 16 decimals, and it drops the
    零 that 亿 needs before a bare 千 group: 100007000 comes out as 一亿七千
    (should be 一亿零七千), which reads as a different number.
    """
    sign, digits, exp = d.as_tuple()
    assert isinstance(exp, int)
    whole = int(abs(d))
    if whole >= 10**16 or -exp > 16:
        return False
    dropped_zero = whole >= 10**8 and (whole // 10**4) % 10**4 == 0 and (whole // 1000) % 10
    return not dropped_zero


@FAST
@given(decimals(min_exp=-16, max_exp=0), st.sampled_from(["low", "up"]))
def test_an2cn_rendering_round_trips(d: Decimal, mode: str) -> None:
    assume(an2cn_renders_correctly(d))
    text = cn2an.an2cn(canonical(d), mode)
    assert parse_number(text) == d, text


# Integers with many zero digits exercise 零 and empty 万/亿 groups.
SPARSE_INTEGERS = st.lists(st.sampled_from("0000000123456789"), min_size=1, max_size=16).map(
    lambda ds: int("".join(ds))
)


@FAST
@given(st.integers(0, 10**16 - 1) | SPARSE_INTEGERS)
def test_an2cn_integers_round_trip(n: int) -> None:
    assume(an2cn_renders_correctly(Decimal(n)))
    assert parse_number(cn2an.an2cn(str(n))) == n
    assert parse_number(cn2an.an2cn(str(n), "up")) == n


@FAST
@given(decimals(12, -12, 0), st.sampled_from([("万", 4), ("亿", 8), ("千万", 7), ("万亿", 12)]))
def test_chinese_decimal_with_magnitude_round_trips(d: Decimal, magnitude: tuple[str, int]) -> None:
    # 一百四十一点六八万: cn2an cannot read these; zhfacts must.
    word, power = magnitude
    assume(0 < abs(d) < 10**4)  # 零万 is not read
    # 五千万 is Chinese, 十千万 is not (a whole number before 千万 is one digit).
    assume(word != "千万" or d != d.to_integral_value() or abs(d) < 10)
    text = cn2an.an2cn(canonical(d)) + word
    assert parse_number(text) == scaled(d, power), text


@FAST
@given(st.integers(1, 9999), st.integers(1, 9), st.sampled_from(["千", ""]))
def test_mixed_wan_forms(wan: int, digit: int, unit: str) -> None:
    # 5万3千 and the colloquial 13万2 both mean wan*10^4 + digit*10^3.
    assert parse_number(f"{wan}万{digit}{unit}") == wan * 10**4 + digit * 1000


def terminates(p: int, q: int) -> bool:
    """Whether p/q has a finite decimal expansion."""
    q //= gcd(p, q)
    for f in (2, 5):
        while q % f == 0:
            q //= f
    return q == 1


@FAST
@given(st.integers(0, 10**6), st.integers(1, 10**6))
def test_fractions_are_exact_or_fifteen_digits(p: int, q: int) -> None:
    result = parse_number(f"{q}分之{p}")
    if terminates(p, q):
        with localcontext(Context(prec=100)):
            assert result * q == p
    else:
        rounded = Context(prec=15, rounding=ROUND_HALF_EVEN).divide(Decimal(p), Decimal(q))
        assert result == rounded
        assert len(result.as_tuple().digits) <= 15


@FAST
@given(decimals())
def test_negative_words_and_percent(d: Decimal) -> None:
    text = canonical(d)
    assert parse_number(text + "%") == scaled(d, -2)
    assert parse_number(text + "‰") == scaled(d, -3)
    assert parse_number(text + "倍") == d
    if not text.startswith("-"):
        assert parse_number("负" + text) == -d


def fifteen_digits(p: int, q: int) -> Decimal:
    """p/q exact if it terminates, else rounded half-even to 15 significant digits."""
    if terminates(p, q):
        with localcontext(Context(prec=200)):
            return Decimal(p) / Decimal(q)
    return Context(prec=15, rounding=ROUND_HALF_EVEN).divide(Decimal(p), Decimal(q))


@FAST
@given(st.integers(-(10**9), 10**9), st.integers(1, 10**6))
def test_slash_fractions_match_fen_zhi(p: int, q: int) -> None:
    result = parse_number(f"{p}/{q}")
    assert result == fifteen_digits(p, q)
    if p >= 0:
        assert result == parse_number(f"{q}分之{p}")
    assert parse_number(f"{q}分之{p}".replace("-", "负")) == result


@FAST
@given(st.integers(0, 10**6), st.integers(0, 10**4), st.integers(1, 10**4), st.booleans())
def test_mixed_numbers(whole: int, p: int, q: int, negative: bool) -> None:
    # 1 3/5 and 一又五分之三 are whole + p/q, rounded as one value; a sign covers both.
    expected = fifteen_digits(whole * q + p, q)
    sign = "-" if negative else ""
    assert parse_number(f"{sign}{whole} {p}/{q}") == (-expected if negative else expected)
    assert parse_number(f"{sign}{whole}又{q}分之{p}") == (-expected if negative else expected)


@FAST
@given(decimals(min_exp=-40, max_exp=40), st.sampled_from(["e", "E"]))
def test_e_notation_round_trips(d: Decimal, e: str) -> None:
    assume(d == 0 or abs(d.adjusted()) <= MAX_EXPONENT)
    text = format(d, "e").replace("e", e)  # exact: 1.2345e+3
    assert parse_number(text) == d
    assert parse_number(text.replace("+", "")) == d


@FAST
@given(st.integers(0, 10**6), st.integers(0, 4), st.integers(-30, 30))
def test_powers_are_exact_or_fifteen_digits(coef: int, places: int, n: int) -> None:
    base = scaled(Decimal(coef), -places)
    p, q = base.as_integer_ratio()
    assume(p != 0 or n > 0)
    num, den = (p**n, q**n) if n >= 0 else (q**-n, p**-n)
    with localcontext(Context(prec=400)):  # exact here: at most ~300 digits terminate
        quotient = Decimal(num) / Decimal(den)
    # Exact when it fits in 15 significant digits, else rounded half-even to 15.
    expected = Context(prec=15, rounding=ROUND_HALF_EVEN).create_decimal(quotient)
    assume(expected == 0 or abs(expected.adjusted()) <= MAX_EXPONENT)
    assert parse_number(f"{canonical(base)}^{n}") == expected
    assert parse_number(f"-{canonical(base)}^{n}") == -expected


@FAST
@given(st.integers(1, 9999), st.integers(0, 9999), st.sampled_from(["余", "多"]))
def test_full_group_and_approximate_markers(wan: int, rest: int, mark: str) -> None:
    # 3万4000: a four-digit group after 万; 十余万 / 500余万 read as their base.
    assert parse_number(f"{wan}万{rest:04d}") == wan * 10**4 + rest
    assert parse_number(f"{wan * 10}{mark}万") == wan * 10**5
    assume(wan < 1000)  # 一万余万 and 一万零一十万 are not numerals
    chinese = cn2an.an2cn(str(wan * 10))  # ends in 十, 百 or 千
    assert parse_number(f"{chinese}{mark}万") == wan * 10**5


@settings(max_examples=1000, deadline=None)
@given(st.text())
def test_any_text_parses_or_raises_numeral_error(text: str) -> None:
    try:
        result = parse_number(text)
    except NumeralError:
        return
    assert isinstance(result, Decimal)
    assert result.is_finite()


NUMERAL_ALPHABET = (
    "0123456789.,+-%‰ ０１２３４５６７８９．，－/^eEkKM／"
    "零〇一二三四五六七八九十百千万亿两壹贰拾佰仟萬億点负个分之成折倍兆余多几半打又俩"
)


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet=NUMERAL_ALPHABET, max_size=24))
def test_numeral_like_text_parses_or_raises_numeral_error(text: str) -> None:
    try:
        result = parse_number(text)
    except NumeralError:
        return
    assert isinstance(result, Decimal)
    assert Decimal(canonical(result)) == result


@settings(max_examples=500, deadline=None)
@given(st.decimals(allow_nan=False, allow_infinity=False) | decimals(40, -60, 60))
def test_canonical_round_trips(d: Decimal) -> None:
    exp = d.as_tuple().exponent
    assume(isinstance(exp, int) and abs(exp) < 1000)
    text = canonical(d)
    assert Decimal(text) == d
    assert "E" not in text and "e" not in text
    assert not text.endswith(".")
    assert "." not in text or not text.endswith("0")
    assert text != "-0"
    if len(text) <= MAX_NUMERAL_CHARS:
        assert parse_number(text) == d
