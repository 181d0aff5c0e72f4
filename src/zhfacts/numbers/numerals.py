"""The number engine: the exact ``Decimal`` a numeral string denotes.

``parse_number`` reads one numeral as written in Chinese text -- Arabic,
full-width, Chinese 小写/大写, mixed (``5万3千``, ``3万4000``), with
magnitudes (``141.68万``, ``1.2万亿``, ``3个亿``, ``五兆``, ``四万万``, ``40k``),
signs, fractions (``三分之一``, ``百分之三十``, ``3/5``, ``1 3/5``,
``三又三分之一``), exponents (``2e5``, ``2^-1``), 余/多/几 inside a figure
(``十余万`` reads as its base, 100000), 半, 打 and percent words (``30%``,
``七成五``, ``八五折``, ``1.5倍``) -- and returns the number it denotes,
exactly. ``canonical`` renders a ``Decimal`` as the SPEC's plain decimal
string. docs/numbers.md records the decisions (兆, 万万, separators,
whitespace, the length cap) and what cn2an does versus what this module adds.

Design:
- No floats anywhere. Decimals are built from digit strings, tuples or
  integer ratios, which is exact and needs no context; the rounded values (a
  non-terminating fraction, a power with more than 15 significant digits) use
  a local 15-digit half-even context, never the global one.
- cn2an reads the pure Chinese integer core (``一百四十一``, ``十三万二``,
  ``二〇二二``). It is imported lazily (importing it costs ~0.25 s) and only
  ever gets a validated string of Chinese digits and units; its exceptions
  (ValueError, and KeyError on ``一亿五``) become :class:`NumeralError`.
  Everything else -- sign, decimal point, magnitudes after a decimal,
  separators, full-width and traditional forms, 个亿, 兆, 万万, fractions,
  mixed numbers, exponents, percent words, the ``一亿五`` reading cn2an
  crashes on -- is done here.
- Input is capped at :data:`MAX_NUMERAL_CHARS` characters (after whitespace
  is removed) and exponents at :data:`MAX_EXPONENT`, so every call is cheap
  whatever it is given.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import ROUND_HALF_EVEN, Context, Decimal
from functools import lru_cache
from math import gcd

from zhfacts.errors import NumeralError

__all__ = ["FRACTION_DIGITS", "MAX_EXPONENT", "MAX_NUMERAL_CHARS", "canonical", "parse_number"]

#: Longest numeral accepted, counted after whitespace is removed. The longest
#: well-formed Chinese integer cn2an reads (9999...9999, 16 digits) is 31
#: characters; 64 leaves room for decimals and fractions and keeps every call
#: bounded.
MAX_NUMERAL_CHARS = 64

#: Significant digits of a fraction whose decimal does not terminate (SPEC 3),
#: and of a power whose exact value does not fit in them.
FRACTION_DIGITS = 15

#: Largest absolute exponent read in ``2e5`` / ``2^5``: 1e100 has 101 digits,
#: and a power of a 64-character base stays a few thousand digits at most.
MAX_EXPONENT = 100

# Raw input longer than this is rejected before any work, whitespace or not.
_MAX_RAW_CHARS = 1024
# canonical() refuses values whose plain rendering would be longer than this
# (Decimal("1E+999999999") would be a gigabyte of zeros).
_MAX_CANONICAL_CHARS = 4096

# Folding to the one form the parser reads. Built from literals, cheap.
_FOLD = str.maketrans(
    {
        a: b
        for src, dst in (
            ("０１２３４５６７８９．，－＋％", "0123456789.,-+%"),  # full-width
            ("／＾ｅＥｋＫＭ", "/^eEkKM"),  # full-width slash, power, exponent, k, M
            ("−﹣﹪", "--%"),  # other minus and percent signs
            ("壹贰叁肆伍陆柒捌玖拾佰仟", "一二三四五六七八九十百千"),  # 大写
            ("貳參叄陸萬億兩負點個幾餘倆", "二三三六万亿二负点个几余二"),  # traditional
            ("两俩〇○幺", "二二零零一"),  # 两/俩 = 二; 〇 and its look-alike ○; 幺 (phone numbers)
        )
        for a, b in zip(src, dst, strict=True)
    }
)

_ASCII_DIGITS = "0123456789"
_CN_DIGITS = "零一二三四五六七八九"
_DIGIT_VALUE = {c: i for i, c in enumerate(_ASCII_DIGITS)} | {
    c: i for i, c in enumerate(_CN_DIGITS)
}
_UNITS = "十百千万亿兆"
# Powers of ten of the magnitudes that may follow a number (stacked: 千万 = 7),
# and of the suffixes k/K/M after an Arabic number.
_POWER = {"百": 2, "千": 3, "万": 4, "亿": 8, "兆": 12, "k": 3, "K": 3, "M": 6}
# Digits of the full group below a magnitude (3万4000: four after 万).
_GROUP_DIGITS = {"万": 4, "亿": 8, "兆": 12}
# Characters of an integer written with Chinese units and maybe Arabic runs.
_INT_CHARS = frozenset(_ASCII_DIGITS + _CN_DIGITS + _UNITS)
# Percent-like signs after a number: their power of ten.
_PER_SIGNS = {"%": -2, "‰": -3, "‱": -4}
# Named denominators of 百分之/千分之/万分之.
_NAMED_DENOMINATORS = {"百": 100, "千": 1000, "万": 10000}

_ZERO = Decimal(0)
_HALF = Decimal((0, (5,), -1))

# Plain ASCII decimal: the fast path, tried on the raw text.
_PLAIN_RE = re.compile(r"[+-]?[0-9]+(?:\.[0-9]+)?")
# Arabic number (separators only in whole groups of three) + magnitude stack.
_ARABIC_RE = re.compile(
    r"(?P<int>[1-9][0-9]{0,2}(?:,[0-9]{3})+|[0-9]*)"
    r"(?:\.(?P<frac>[0-9]+))?"
    r"(?P<stack>[百千]?万?[亿兆]?|[kKM])"
)
_STACK_RE = re.compile(r"[百千]?万?[亿兆]?")
_RUN_RE = re.compile(r"[0-9]+")
# 2e5, -12e-1, .5E+3 (the sign in front is read by _signed).
_SCI_RE = re.compile(r"(?P<mant>[0-9]+(?:\.[0-9]+)?|\.[0-9]+)[eE](?P<sign>[+-]?)(?P<exp>[0-9]+)")
# 2^5, 2.5^-1, 1.1^--23 (two minus signs cancel).
_POW_RE = re.compile(r"(?P<base>[0-9]+(?:\.[0-9]+)?)\^(?P<signs>[+-]{0,2})(?P<exp>[0-9]+)")
# 3万4000: a full Arabic group after the last magnitude.
_GROUP_RE = re.compile(r"(?P<head>.*[万亿兆])(?P<run>[0-9]+)")

_WHY_CHAR = {
    ",": "thousands separators must split whole groups of three digits",
    ".": "misplaced decimal point (one point, digits on both sides, magnitudes after)",
}


_SINGLE_CHINESE = {
    char: Decimal(value)
    for value, chars in enumerate(["零〇", "一壹", "二两贰兩俩倆", "三叁參", "四肆", "五伍",
                                   "六陆陸", "七柒", "八捌", "九玖", "十拾"])
    for char in chars
}


def parse_number(text: str) -> Decimal:
    """Return the exact number ``text`` denotes; raise NumeralError otherwise.

    Outer and inner whitespace is ignored (PDF text breaks lines inside
    figures). The result carries no trailing zeros and no exponent, so
    ``str()`` of it is already the SPEC form for ordinary magnitudes.
    """
    if not isinstance(text, str):
        raise NumeralError(f"parse_number() needs a str, got {type(text).__name__}")
    if len(text) <= MAX_NUMERAL_CHARS and _PLAIN_RE.fullmatch(text):
        return _tidy(Decimal(text))
    single = _SINGLE_CHINESE.get(text)
    if single is not None:  # 一, 两, 十: the commonest numerals in running text
        return single
    if len(text) > _MAX_RAW_CHARS:
        raise NumeralError(f"not a numeral: {len(text)} characters is too long")
    s = "".join(text.translate(_FOLD).split())
    if not s:
        raise NumeralError("not a numeral: the string is empty")
    if len(s) > MAX_NUMERAL_CHARS:
        raise NumeralError(
            f"not a numeral: longer than {MAX_NUMERAL_CHARS} characters: {_show(text)}"
        )
    try:
        if "/" in s:
            return _tidy(_slash(text.translate(_FOLD)))
        return _tidy(_signed(s))
    except NumeralError as exc:
        raise NumeralError(f"{_show(text)} is not a numeral: {_reason(exc)}") from None


def canonical(d: Decimal) -> str:
    """Render ``d`` as the SPEC's decimal string: plain digits, no exponent.

    No trailing zeros after the point, no trailing ``.0``, and ``-0`` is
    ``0``. Exact for every finite Decimal whose plain form fits in 4096
    characters; anything else raises NumeralError.
    """
    if not isinstance(d, Decimal):
        raise NumeralError(f"canonical() needs a Decimal, got {type(d).__name__}")
    if not d.is_finite():
        raise NumeralError(f"canonical() needs a finite Decimal, got {d}")
    sign, digits, exp = d.as_tuple()
    assert isinstance(exp, int)  # finite, checked above
    n = len(digits)
    k = 0
    while exp + k < 0 and k < n and digits[n - 1 - k] == 0:
        k += 1
    ds = "".join(map(str, digits[: n - k])).lstrip("0")
    if not ds:
        return "0"
    exp += k
    size = len(ds) + exp if exp >= 0 else max(len(ds), -exp) + 2
    if size > _MAX_CANONICAL_CHARS:
        raise NumeralError(f"canonical(): {d} is too long to write out ({size} characters)")
    if exp >= 0:
        body = ds + "0" * exp
    else:
        point = len(ds) + exp
        body = ds[:point] + "." + ds[point:] if point > 0 else "0." + "0" * -point + ds
    return "-" + body if sign else body


# --- grammar -----------------------------------------------------------------


def _signed(s: str) -> Decimal:
    """One leading sign (``-``, ``+``, ``负``), then an unsigned numeral."""
    negative = s[0] in "-负"
    if s[0] in "-+负":
        s = s[1:]
        if not s:
            raise NumeralError("a sign without a number")
    value = _unsigned(s)
    return value.copy_negate() if negative else value


def _unsigned(s: str) -> Decimal:
    """Dispatch on the form: mixed number, fraction, percent sign, 倍, 打, 折, 成, or plain."""
    if "又" in s:
        return _mixed_number(s)
    if "分之" in s:
        return _ratio(*_fraction(s))
    last = s[-1]
    if last in _PER_SIGNS:
        return _scale10(_core(s[:-1]), _PER_SIGNS[last])
    if last == "倍":
        return _core(s[:-1])
    if last == "打":
        p, q = _core(s[:-1]).as_integer_ratio()
        return _ratio(p * 12, q)
    if last == "折":
        return _discount(s[:-1])
    if "成" in s:
        return _tenths(s)
    return _core(s)


def _fraction(s: str) -> tuple[int, int]:
    """``X分之Y`` is Y/X, as an exact ratio; Y may carry a sign (百分之负三)."""
    parts = s.split("分之")
    if len(parts) != 2 or not parts[0] or not parts[1]:
        raise NumeralError("a fraction is written X分之Y, with both parts")
    den_text, num_text = parts
    named = _NAMED_DENOMINATORS.get(den_text)
    if named is not None:
        den = named
    else:
        den_num, den_den = _core(den_text).as_integer_ratio()
        if den_den != 1 or den_num == 0:
            raise NumeralError("the denominator of X分之Y must be a whole number above 0")
        den = den_num
    negative = num_text[0] in "-负"
    if num_text[0] in "-+负":
        num_text = num_text[1:]
    p, q = _core(num_text).as_integer_ratio()
    return (-p if negative else p), q * den


def _mixed_number(s: str) -> Decimal:
    """``三又三分之一`` = 3 + 1/3: a whole number, 又, a fraction; rounded as one value."""
    whole_text, _, frac_text = s.partition("又")
    if not whole_text or "又" in frac_text or "分之" not in frac_text or "分之" in whole_text:
        raise NumeralError("a mixed number is written 三又三分之一 (whole 又 fraction)")
    whole, one = _core(whole_text).as_integer_ratio()
    if one != 1:
        raise NumeralError("the whole part before 又 must be a whole number")
    p, q = _fraction(frac_text)
    if p < 0:
        raise NumeralError("a sign goes in front of a mixed number, not after 又")
    return _ratio(whole * q + p, q)


def _slash(folded: str) -> Decimal:
    """``3/5``, ``-3/2``, ``1 3/5`` (whitespace between the whole part and the fraction).

    Read on the folded text with its whitespace, since whitespace is what
    separates a mixed number's whole part (``1 3/5`` = 1.6, ``13/5`` = 2.6).
    """
    left, _, right = folded.strip().partition("/")
    negative = left[:1] in ("-", "负")
    if left[:1] in ("-", "+", "负"):
        left = left[1:]
    parts, den_text = left.split(), right.strip()
    if not 1 <= len(parts) <= 2 or not all(_is_digits(x) for x in (*parts, den_text)):
        raise NumeralError("a slash fraction is written 3/5, or 1 3/5 for a mixed number")
    den = int(den_text)
    if den == 0:
        raise NumeralError("the denominator of a/b must be above 0")
    num = int(parts[-1]) + (int(parts[0]) * den if len(parts) == 2 else 0)
    return _ratio(-num if negative else num, den)


def _is_digits(s: str) -> bool:
    return bool(s) and all(c in _ASCII_DIGITS for c in s)


def _ratio(p: int, q: int) -> Decimal:
    """p/q exactly if its decimal terminates, else rounded (SPEC 3)."""
    g = gcd(p, q)
    p, q = p // g, q // g
    rest, twos, fives = q, 0, 0
    while rest % 2 == 0:
        rest //= 2
        twos += 1
    while rest % 5 == 0:
        rest //= 5
        fives += 1
    if rest == 1:
        k = max(twos, fives)
        return _scale10(Decimal(p * (10**k // q)), -k)
    ctx = Context(prec=FRACTION_DIGITS, rounding=ROUND_HALF_EVEN)
    return ctx.divide(Decimal(p), Decimal(q))


def _tenths(s: str) -> Decimal:
    """``七成`` = 0.7, ``七成五`` = 0.75, ``三成半`` = 0.35, ``半成`` = 0.05:
    成 counts tenths, a digit (or 半 = 5) after it hundredths."""
    head, _, tail = s.partition("成")
    if not head or "成" in tail:
        raise NumeralError("成 needs a number before it (七成, 七成五)")
    tens = _core(head)
    if tens > 10:
        raise NumeralError("at most 十成 (100%)")
    if not tail:
        return _scale10(tens, -1)
    if tail == "半":
        hundredths = 5
    elif len(tail) == 1 and tail in _DIGIT_VALUE:
        hundredths = _DIGIT_VALUE[tail]
    else:
        raise NumeralError("only one digit or 半 may follow 成 (七成五, 三成半)")
    whole, one = tens.as_integer_ratio()
    if one != 1 or whole > 9:
        raise NumeralError("a digit after 成 needs a single digit before it (七成五)")
    return _scale10(Decimal(whole * 10 + hundredths), -2)


def _discount(s: str) -> Decimal:
    """The price paid: ``八折`` = 0.8, ``八五折``/``85折`` = 0.85, ``8.5折`` = 0.85,
    ``半折`` = 0.5."""
    if s == "半":
        return _HALF
    if 1 <= len(s) <= 2 and all(c in _DIGIT_VALUE for c in s):
        digits = [_DIGIT_VALUE[c] for c in s]
        if 0 in digits:
            raise NumeralError("a discount is written with digits 1-9 (八折, 八五折)")
        value = 0
        for d in digits:
            value = value * 10 + d
        return _scale10(Decimal(value), -len(digits))
    if "." in s or "点" in s:
        value_dec = _core(s)
        if 0 < value_dec < 10:
            return _scale10(value_dec, -1)
    raise NumeralError("a discount is written 八折, 八五折, 85折 or 8.5折")


def _core(s: str) -> Decimal:
    """An unsigned number with optional magnitudes: the heart of the grammar."""
    if not s:
        raise NumeralError("a number is missing")
    if "万万" in s:
        s = s.replace("万万", "亿")  # 四万万 = 四亿
    if "亿亿" in s:
        raise NumeralError("亿亿 (archaic for 10^16) is not read")
    if "个" in s:
        s = _drop_ge(s)
    if "余" in s or "多" in s or "几" in s:
        s = _drop_approx(s)
    if "半" in s:
        return _half(s)
    if s[0] in "百千" and len(s) > 1:
        s = "一" + s  # 百三 = 一百三, 千万 = 一千万
    m = _ARABIC_RE.fullmatch(s)
    if m:
        return _arabic(m)
    if "e" in s or "E" in s:
        return _scientific(s)
    if "^" in s:
        return _power(s)
    m = _GROUP_RE.fullmatch(s)
    if m and len(m["run"]) == _GROUP_DIGITS[m["head"][-1]]:
        return _full_group(m["head"], m["run"])
    if "点" in s:
        return _chinese_decimal(s)
    for ch in s:
        if ch not in _INT_CHARS:
            raise NumeralError(_WHY_CHAR.get(ch, f"unexpected character {ch!r}"))
    if any(c in _ASCII_DIGITS for c in s):
        return Decimal(_mixed_int(s))
    return Decimal(_chinese_int(s))


def _drop_ge(s: str) -> str:
    """``3个亿`` = ``3亿``: 个 between a number and 万/亿 is colloquial, drop it."""
    i = s.find("个")
    if (
        s.count("个") != 1
        or i == 0
        or i == len(s) - 1
        or s[i + 1] not in "万亿"
        or s[i - 1] in "万亿点.,"
    ):
        raise NumeralError("个 may only stand between a number and 万 or 亿 (3个亿)")
    return s[:i] + s[i + 1 :]


def _drop_approx(s: str) -> str:
    """``十余万`` -> ``十万``, ``二十几万`` -> ``二十万``, ``一百零几万`` -> ``一百万``.

    余/多/几 inside a numeral say "more than"; the figure layer sets that
    qualifier, the number is the stated base. One marker, right before a
    magnitude (万/亿/兆): 余/多 after a round number (十, 百, 千, 万, or Arabic
    digits with no point), 几 as the ones digit after 十 or after 百/千 + 零.
    """
    marks = [i for i, c in enumerate(s) if c in "余多几"]
    if len(marks) != 1:
        raise NumeralError("at most one 余, 多 or 几 in a numeral")
    i = marks[0]
    mark, prev = s[i], s[i - 1] if i else ""
    if i + 1 == len(s) or s[i + 1] not in "万亿兆":
        raise NumeralError(f"{mark} is read only before 万, 亿 or 兆 (十余万, 二十几万)")
    if mark == "几":
        if prev == "十":
            return s[:i] + s[i + 1 :]
        if prev == "零" and i >= 2 and s[i - 2] in "百千":
            return s[: i - 1] + s[i + 1 :]
        raise NumeralError("几 stands for the ones digit after 十 or 零 (二十几万, 一百零几万)")
    if prev and (prev in "十百千万" or (prev in _ASCII_DIGITS and "." not in s[:i])):
        return s[:i] + s[i + 1 :]
    raise NumeralError(f"{mark} follows a round number (十余万, 500余万, 一千多万)")


def _half(s: str) -> Decimal:
    """``半`` = 0.5, ``半百`` = 50, ``半万`` = 5000: half of one magnitude."""
    if s == "半":
        return _HALF
    if len(s) == 2 and s[0] == "半" and s[1] in "百千万亿兆":
        return _scale10(_HALF, _POWER[s[1]])
    raise NumeralError("半 is read alone (0.5) or before one magnitude (半百 = 50)")


def _scientific(s: str) -> Decimal:
    """``2e5``, ``12.32e+14``, ``12e-1``: exact, the exponent at most MAX_EXPONENT."""
    m = _SCI_RE.fullmatch(s)
    if m is None:
        raise NumeralError("an exponent is written 2e5, 1.5E-3 (Arabic digits, whole exponent)")
    exp = _exponent(m["exp"], m["sign"])
    return _bounded(_scale10(Decimal(m["mant"]), exp))


def _power(s: str) -> Decimal:
    """``2^5`` = 32, ``2^-1`` = 0.5: exact if the value terminates within 15
    significant digits, else rounded half-even to 15 (like a fraction)."""
    m = _POW_RE.fullmatch(s)
    if m is None:
        raise NumeralError("a power is written 2^5, 2.5^-1 (Arabic base, whole exponent)")
    n = _exponent(m["exp"], "-" if m["signs"].count("-") % 2 else "")
    p, q = Decimal(m["base"]).as_integer_ratio()
    if p == 0 and n <= 0:
        raise NumeralError("0 to the power 0 or below is undefined")
    if n < 0:
        p, q, n = q, p, -n
    ctx = Context(prec=FRACTION_DIGITS, rounding=ROUND_HALF_EVEN)
    return _bounded(ctx.divide(Decimal(p**n), Decimal(q**n)))


def _exponent(digits: str, sign: str) -> int:
    """A whole exponent, capped so no value explodes."""
    if len(digits) > 4 or int(digits) > MAX_EXPONENT:
        raise NumeralError(f"exponents are read up to {MAX_EXPONENT}")
    return -int(digits) if sign == "-" else int(digits)


def _bounded(d: Decimal) -> Decimal:
    """The value of an exponent form, kept within 10^-MAX_EXPONENT .. 10^(MAX_EXPONENT+1)."""
    if d and abs(d.adjusted()) > MAX_EXPONENT:
        raise NumeralError(f"the value is beyond 10^±{MAX_EXPONENT}")
    return d


def _full_group(head: str, run: str) -> Decimal:
    """``3万4000`` = 34000: a full Arabic group (4 digits after 万, 8 after 亿,
    12 after 兆) fills the places below the magnitude."""
    if "." in head or "点" in head:
        raise NumeralError("a decimal before 万/亿 cannot take a group after it")
    whole, one = _core(head).as_integer_ratio()
    if one != 1:  # pragma: no cover - a head without a point is whole
        raise NumeralError("the part before the group must be a whole number")
    return Decimal(whole + int(run))


def _arabic(m: re.Match[str]) -> Decimal:
    """Arabic digits (maybe with separators and a point) times the magnitudes."""
    whole = m["int"].replace(",", "")
    frac = m["frac"]
    if not whole and frac is None:
        raise NumeralError("magnitudes (万, 亿, ...) need a number before them")
    value = Decimal(f"{whole or '0'}.{frac}") if frac is not None else Decimal(whole)
    return _scale10(value, sum(_POWER[c] for c in m["stack"]))


def _chinese_decimal(s: str) -> Decimal:
    """``一百四十一点六八万``: Chinese integer, 点, digits, then magnitudes."""
    head, _, tail = s.partition("点")
    if "点" in tail:
        raise NumeralError("more than one 点")
    if not head or not tail:
        raise NumeralError("点 needs digits on both sides")
    for ch in head:
        if ch not in _CN_DIGITS and ch not in _UNITS:
            raise NumeralError(f"unexpected character {ch!r} before 点")
    i = 0
    while i < len(tail) and tail[i] in _CN_DIGITS:
        i += 1
    frac, stack = tail[:i], tail[i:]
    if not frac:
        raise NumeralError("点 needs digits after it")
    if not _STACK_RE.fullmatch(stack):
        raise NumeralError(f"unexpected {stack!r} after the decimal digits")
    if stack and any(c in head for c in "万亿兆"):
        raise NumeralError("magnitudes on both sides of 点")
    digits = "".join(str(_DIGIT_VALUE[c]) for c in frac)
    value = Decimal(f"{_chinese_int(head)}.{digits}")
    return _scale10(value, sum(_POWER[c] for c in stack))


def _mixed_int(s: str) -> int:
    """``5万3千``, ``1亿2千万``, ``13万2``: Arabic runs inside a Chinese integer.

    Each run (at most four digits, no leading zero) must sit between units:
    before 百/千/万/亿, or last and single after a unit (``13万2``), or after
    零. Runs are rewritten in Chinese and the whole is read as Chinese.
    """
    out: list[str] = []
    pos = 0
    for m in _RUN_RE.finditer(s):
        run, (a, b) = m.group(), m.span()
        prev = s[a - 1] if a else ""
        nxt = s[b] if b < len(s) else ""
        if run[0] == "0" or len(run) > 4:
            raise NumeralError(f"{run!r} cannot stand inside a Chinese numeral")
        if prev and prev not in _UNITS and prev != "零":
            raise NumeralError("Arabic digits run into Chinese digits")
        if nxt:
            if nxt not in "百千万亿兆":
                raise NumeralError(f"{run}{nxt} is not a numeral (write {run}0 or 三十)")
        elif prev != "零" and (prev not in _UNITS or len(run) != 1):
            raise NumeralError("only a single digit may follow a magnitude (13万2)")
        out.append(s[pos:a])
        out.append(_an2cn(run))
        pos = b
    out.append(s[pos:])
    return _chinese_int("".join(out))


def _chinese_int(s: str) -> int:
    """A Chinese integer (digits and units only), read by cn2an.

    Fixes around cn2an: a dangling 零 after a unit (``一百零``) is rejected
    rather than ignored; ``一亿五`` (= 一亿五千万) is read here because cn2an
    raises KeyError on a digit after 亿; 兆 (10^12) is split off here; and
    a redundant 零 before 十 (``零十``, ``一百零十``) is dropped.
    """
    if "兆" in s:
        return _zhao_int(s)
    if s.startswith("零十"):
        s = s[1:]
    if "百零十" in s:
        s = s.replace("百零十", "百一十")
    if len(s) > 1 and s[-1] == "零" and s[-2] in _UNITS:
        raise NumeralError("a numeral cannot end in 零 after a unit")
    if len(s) >= 3 and s[-2] == "亿" and s[-1] in _CN_DIGITS[1:]:
        if s[-3] == "万":
            raise NumeralError("a digit after 万亿 is ambiguous")
        return _cn2an_int(s[:-1]) + _DIGIT_VALUE[s[-1]] * 10**7
    return _cn2an_int(s)


def _zhao_int(s: str) -> int:
    """``五兆六十二亿四万五千二``: 1-9999 兆 (10^12), then a number below 10^12.

    The part after 兆 starts in the 亿 group, or after 零 (``五兆零六``); a
    bare small number after 兆 (``一兆五``) is ambiguous, as after 万亿.
    """
    head, _, tail = s.partition("兆")
    if not head or "兆" in tail:
        raise NumeralError("兆 needs a number before it, and comes once")
    zhao = _chinese_int(head)
    if not 0 < zhao < 10**4:
        raise NumeralError("the number before 兆 is 1 to 9999")
    if not tail:
        return zhao * 10**12
    if tail[0] == "零":
        if len(tail) == 1:
            raise NumeralError("a numeral cannot end in 零 after a unit")
        rest = _chinese_int(tail[1:])
    else:
        rest = _chinese_int(tail)
        if rest < 10**8:
            raise NumeralError("after 兆, a number below 亿 needs 零 (五兆零六)")
    if rest >= 10**12:
        raise NumeralError("the part after 兆 must be below 10^12")
    return zhao * 10**12 + rest


# --- cn2an, lazily --------------------------------------------------------------


@lru_cache(maxsize=1)
def _cn2an_functions() -> tuple[Callable[..., object], Callable[..., object]]:
    """Import cn2an on first use (its import builds objects and costs ~0.25 s)."""
    import cn2an

    return cn2an.cn2an, cn2an.an2cn


def _cn2an_int(s: str) -> int:
    """cn2an's reading of a pure Chinese integer, checked to be a whole int."""
    convert = _cn2an_functions()[0]
    try:
        value = convert(s, "normal")
    except Exception as exc:  # cn2an raises ValueError, KeyError, ...
        raise NumeralError(f"{s!r} is not a well-formed Chinese numeral") from exc
    if type(value) is not int or value < 0:
        raise NumeralError(f"{s!r} is not a well-formed Chinese integer")
    return value


def _an2cn(run: str) -> str:
    """cn2an's Chinese rendering of an Arabic run below 10000 (always correct there)."""
    render = _cn2an_functions()[1]
    try:
        out = render(run, "low")
    except Exception as exc:  # pragma: no cover - runs are validated first
        raise NumeralError(f"cannot rewrite {run!r} in Chinese") from exc
    if not isinstance(out, str):  # pragma: no cover
        raise NumeralError(f"cannot rewrite {run!r} in Chinese")
    return out


# --- exact Decimal helpers ------------------------------------------------------


def _scale10(d: Decimal, k: int) -> Decimal:
    """d * 10**k, exactly: only the exponent changes, no context involved."""
    sign, digits, exp = d.as_tuple()
    assert isinstance(exp, int)
    return Decimal((sign, digits, exp + k))


def _tidy(d: Decimal) -> Decimal:
    """Drop trailing fractional zeros and positive exponents; -0 is 0."""
    sign, digits, exp = d.as_tuple()
    assert isinstance(exp, int)
    if not any(digits):
        return _ZERO
    if exp > 0:
        return Decimal((sign, digits + (0,) * exp, 0))
    n, k = len(digits), 0
    while k < -exp and digits[n - 1 - k] == 0:
        k += 1
    return Decimal((sign, digits[: n - k], exp + k)) if k else d


def _show(text: str) -> str:
    """A short repr of the input for messages."""
    return repr(text) if len(text) <= 40 else repr(text[:40]) + "..."


def _reason(exc: NumeralError) -> str:
    """The message of an inner NumeralError without its code prefix."""
    msg = str(exc)
    prefix = f"[{NumeralError.code}] "
    return msg[len(prefix) :] if msg.startswith(prefix) else msg
