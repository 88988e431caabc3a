"""Whether two stated values of one fact agree, differ only by rounding, or conflict.

Precision and bounds decide: "more than 15,000" and "15,300" agree (15,300 lies within the
step the round figure was written to), "more than 20" and "30" do not; "61.5" and "61.52"
agree; "12%" and "12.3%" differ only by rounding; "at least 38" and "at least 40" are two
different tallies.
"""

from __future__ import annotations

import re
from typing import Literal

from tui.core.normalise import Value

Agreement = Literal["equal", "rounded", "different", "incomparable"]
_APPROX_SHARE = 0.05
"""An "about" figure tolerates this relative difference beyond half its written step."""
_DIGITS = re.compile(r"\d[\d,]*(?:\.(\d+))?")


def step(value: Value) -> float:
    """The unit of the last written digit, in the value's own scale: 61.5 -> 0.1, 15,000 -> 1000,
    "$14.3 billion" -> 1e8; 1 for a figure written in words."""
    match = _DIGITS.search(value.text)
    if match is None:
        return 1.0  # a figure in words ("five") is exact to the unit
    digits = match.group(0).replace(",", "")
    written = float(digits) if digits.replace(".", "", 1).isdigit() else 0.0
    scale = value.amount / written if written else 1.0
    if match.group(1):
        return 10.0 ** -len(match.group(1)) * scale
    whole = digits.split(".")[0]
    zeros = len(whole) - len(whole.rstrip("0")) if whole.strip("0") else 0
    return 10.0**zeros * scale


def agreement(a: Value, b: Value) -> Agreement:
    if a.kind != b.kind:
        return "incomparable"
    if a.kind == "money" and a.unit != b.unit:
        return "incomparable"  # no claim on the exchange rate
    if a.kind == "date":
        return "equal" if _dates_agree(a, b) else "different"
    if a.amount == b.amount and a.bound == b.bound:
        return "equal"
    lo, hi = sorted((a.amount, b.amount))
    if hi and (hi - lo) / abs(hi) <= 0.0005 and a.bound == b.bound:
        return "equal"
    for x, y in ((a, b), (b, a)):
        if x.bound in ("ge", "le") and y.bound in ("ge", "le", "eq", "approx"):
            if x.bound == y.bound and y.bound in ("ge", "le"):
                continue  # two different bounds of one count are two different tallies
            if _within_bound(x, y):
                return "equal"
    for x, y in ((a, b), (b, a)):
        if x.bound == "approx" and abs(x.amount - y.amount) <= max(step(x) / 2, _APPROX_SHARE * abs(x.amount)):
            return "equal"
    if a.bound == b.bound == "eq" or {a.bound, b.bound} <= {"eq", "approx"}:
        coarse, fine = (a, b) if step(a) >= step(b) else (b, a)
        unit = step(coarse)
        if unit > step(fine) and abs(round(fine.amount / unit) * unit - coarse.amount) < unit / 1000:
            return "rounded"
    return "different"


def _within_bound(bound: Value, other: Value) -> bool:
    """Whether ``other`` fits under ``bound`` ("more than 15,000") at the bound's own step."""
    unit = step(bound)
    if bound.bound == "ge":
        return bound.amount <= other.amount < bound.amount + unit
    return bound.amount - unit < other.amount <= bound.amount


def _dates_agree(a: Value, b: Value) -> bool:
    if a.unit == b.unit:
        return a.amount == b.amount
    year_a = a.amount // 100 if a.unit == "month" else a.amount
    year_b = b.amount // 100 if b.unit == "month" else b.amount
    return year_a == year_b  # "September 2023" is consistent with "2023"
