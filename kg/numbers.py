"""Numbers as figure descriptions write them: `~40.0`, `≈ 59.8`, `4×10²`, `1/16`, `0.3B`, `27%`."""

from __future__ import annotations

import re
from dataclasses import dataclass

_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")

# One number: sign, digits with optional thousands separators and decimals,
# an optional power of ten (4×10², 1e-3, 10^3) or a fraction (1/16).
NUMBER = (
    r"(?:10(?:\^[-−]?\d+|[⁰¹²³⁴⁵⁶⁷⁸⁹⁻]+)"
    r"|[-+−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
    r"(?:\s*[×x*]\s*10(?:\^?[-−]?\d+|[⁰¹²³⁴⁵⁶⁷⁸⁹⁻]+)|[eE][-+]?\d+|/\d+(?:\.\d+)?)?"
    r"|\.\d+)"
)
NUMBER_RE = re.compile(NUMBER)
APPROX = r"(?:~=|~|≈|≃|∼|approximately|approx\.?|about|around|roughly|nearly|almost|circa|ca\.)"
APPROX_RE = re.compile(rf"^\s*{APPROX}\s*", re.IGNORECASE)

# Multipliers written against a value: '1.2k' returns, '3M' steps. Billions stay as
# written ('0.3B' is a model size read in billions, as the gold files do).
THOUSANDS = {"k": 1e3, "K": 1e3, "M": 1e6}


def to_float(text: str) -> float | None:
    """Parse one number as written; None when it is not one."""
    s = text.strip().replace("−", "-").replace(",", "")
    if not s:
        return None
    m = re.fullmatch(r"([-+]?\d*\.?\d+)\s*[×x*]\s*10\^?([-]?\d+)", s.translate(_SUPERSCRIPTS))
    if m:
        return float(m.group(1)) * 10 ** int(m.group(2))
    m = re.fullmatch(r"10\^?([-]?\d+)", s.translate(_SUPERSCRIPTS))
    if m and ("^" in s or any(c in text for c in "⁰¹²³⁴⁵⁶⁷⁸⁹")):
        return 10.0 ** int(m.group(1))
    m = re.fullmatch(r"([-+]?\d+(?:\.\d+)?)/(\d+(?:\.\d+)?)", s)
    if m:
        denominator = float(m.group(2))
        return float(m.group(1)) / denominator if denominator else None
    try:
        return float(s)
    except ValueError:
        return None


@dataclass(frozen=True)
class Quantity:
    value: float
    approximate: bool
    unit: str | None
    start: int
    end: int
    text: str


_QUANTITY_RE = re.compile(
    rf"(?P<approx>{APPROX}\s*)?(?P<num>{NUMBER})(?P<pct>\s*%)?",
    re.IGNORECASE,
)


def leading_quantity(text: str) -> Quantity | None:
    """The quantity a string starts with (`~40.0`, `≈ 59.8`, `27%`, `~600 TPS`)."""
    m = re.match(
        rf"\s*(?P<approx>{APPROX}\s*)?(?P<num>{NUMBER})(?P<unit>\s*%|\s*[A-Za-z/]+(?:/[A-Za-z]+)?)?",
        text,
        re.IGNORECASE,
    )
    if not m:
        return None
    value = to_float(m.group("num"))
    if value is None:
        return None
    unit = (m.group("unit") or "").strip() or None
    if unit in THOUSANDS and m.group("unit") == unit:  # '1.2k', '3M' written against the number
        value, unit = value * THOUSANDS[unit], None
    return Quantity(value, bool(m.group("approx")), unit, m.start("num"), m.end(), m.group(0).strip())


def quantities(text: str) -> list[Quantity]:
    """Every number in a string, with its approximation mark and a % unit."""
    found = []
    for m in _QUANTITY_RE.finditer(text):
        value = to_float(m.group("num"))
        if value is None:
            continue
        unit = "%" if m.group("pct") else None
        found.append(Quantity(value, bool(m.group("approx")), unit, m.start("num"), m.end(), m.group(0)))
    return found


def format_decimal(value: float) -> str:
    """Shortest plain decimal for a float: 2500.0 -> '2500', 0.0625 -> '0.0625'."""
    text = f"{value:.10f}".rstrip("0").rstrip(".")
    return "0" if text in {"-0", ""} else text
