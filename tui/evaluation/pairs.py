"""A sentence-pair benchmark for values, names and negation (``make eval``).

Each pair is two wordings of one news sentence. An *edited* pair changes one fact (a count,
an amount of money, a percentage, a date, a name, or the polarity) and should be reported
as a conflict; a *rewritten* pair says the same thing another way (digits as words, another
scale word, another currency or date format, a converted unit, a variant of a name) and
should not. Pairs are built deterministically from the news sentences of
``../shared/data/mrpc-train.jsonl`` (read at run time, never committed) and from the
hand-written pairs in :mod:`tui.evaluation.hand_pairs`.

Two judges are reported: the whole engine (``tui.compare`` on the two sentences as two
articles, a conflict if any claim is labelled conflict) and the grammar alone
(:func:`values.agreement` on the edited spans, :func:`names.name_change`,
:func:`negation.negation_conflict`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from tui.core.names import name_change
from tui.core.negation import negation_conflict
from tui.core.values import Value, agreement, extract_values

MRPC = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "mrpc-train.jsonl"
EDIT_KINDS = ("number", "money", "percent", "date", "name", "negation")
PER_KIND = 60
"""Generated pairs per edit or rewrite kind: enough for stable figures, quick to run."""


@dataclass(frozen=True, slots=True)
class Pair:
    a: str
    b: str
    conflict: bool
    kind: str
    """The edit kind (``number`` … ``negation``) or the rewrite kind (``words``, ``scale``, …)."""
    source: str = "mrpc"
    """``mrpc`` for generated pairs, ``hand`` for hand-written ones."""


# --- loading ---------------------------------------------------------------------------------


def mrpc_sentences(path: Path = MRPC) -> list[str]:
    """Every distinct sentence of the MRPC sample, in file order."""
    seen: dict[str, None] = {}
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                row = json.loads(line)
                for key in ("s1", "s2"):
                    seen.setdefault(_tidy(str(row[key])), None)
    return list(seen)


def _tidy(text: str) -> str:
    """MRPC is tokenised ("1.5 percent ." , "Bush 's"); join the tokens back as news prints them."""
    text = re.sub(r"\s+([.,;:!?%)'])", r"\1", text)
    text = re.sub(r"([($])\s+", r"\1", text)
    text = text.replace(" n't", "n't").replace(" 's", "'s")
    return re.sub(r"\s+", " ", text).strip()


# --- edits -------------------------------------------------------------------------------------


def _replace(text: str, start: int, end: int, new: str) -> str:
    return text[:start] + new + text[end:]


def _bump_digits(digits: str) -> str | None:
    """A clearly different figure written the same way: 1,200 -> 1,500; 4.5 -> 5.7; 12 -> 15."""
    plain = digits.replace(",", "")
    try:
        number = float(plain)
    except ValueError:
        return None
    decimals = len(plain.partition(".")[2])
    changed = number * 1.25 + (10**-decimals if decimals else 1)
    if decimals:
        out = f"{changed:.{decimals}f}"
    else:
        integer = int(changed)
        stripped = plain.rstrip("0")
        zeros = len(plain) - len(stripped)
        if zeros:
            integer = round(integer, -zeros) or integer
            if integer == int(number):
                integer += 10**zeros
        out = f"{integer:,}" if "," in digits else str(integer)
    return out if out != digits else None


def _edit_figure(text: str, kind: str) -> tuple[str, tuple[int, int], tuple[int, int]] | None:
    for value in extract_values(text):
        if value.kind != kind or (kind == "number" and value.unit in ("year",)):
            continue
        digits = re.search(r"\d[\d,]*(?:\.\d+)?", value.text)
        if not digits or value.high is not None:
            continue
        new = _bump_digits(digits.group(0))
        if new is None or new in text:
            continue
        start = value.start + digits.start()
        end = value.start + digits.end()
        edited = _replace(text, start, end, new)
        return edited, (value.start, value.end), (value.start, value.end + len(new) - (end - start))
    return None


_MONTH_NAMES = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_DAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def _edit_date(text: str) -> tuple[str, tuple[int, int], tuple[int, int]] | None:
    for value in extract_values(text):
        if value.kind == "weekday":
            new = _DAY_NAMES[(int(value.amount) + 2) % 7]
        elif value.kind == "date" and value.unit == "year":
            new = str(int(value.amount) - 1)
        elif value.kind == "date" and value.unit in ("month", "day", "monthday", "monthonly"):
            month = re.search("|".join(_MONTH_NAMES), value.text)
            if not month:
                continue
            index = _MONTH_NAMES.index(month.group(0))
            new = value.text[: month.start()] + _MONTH_NAMES[(index + 2) % 12] + value.text[month.end() :]
        else:
            continue
        if new in text:
            continue  # the edited date must not already be stated elsewhere in the sentence
        edited = _replace(text, value.start, value.end, new)
        return edited, (value.start, value.end), (value.start, value.start + len(new))
    return None


_REPLACEMENT_NAMES = [
    "Halvorsen",
    "Okonkwo",
    "Brennan",
    "Castellano",
    "Lindqvist",
    "Nakamura",
    "Delacroix",
    "Whitfield",
    "Marchetti",
    "Oyelaran",
]
_NAME = re.compile(r"(?<=[a-z,] )(?:Mr\. |Ms\. |Dr\. )?([A-Z][a-z]{2,}(?:-[A-Z][a-z]+)?)(?=[ ,.'])")
_NOT_NAMES = frozenset(
    [
        *_MONTH_NAMES,
        *_DAY_NAMES,
        "The",
        "This",
        "That",
        "But",
        "And",
        "In",
        "It",
        "He",
        "She",
        "They",
        "We",
        "On",
        "At",
        "For",
        "President",
        "Rep",
        "Sen",
        "Gov",
        "Gen",
        "Secretary",
        "Minister",
        "Judge",
        "Congress",
        "Senate",
        "House",
        "Jan",
        "Feb",
        "Mar",
        "Apr",
        "Jun",
        "Jul",
        "Aug",
        "Sep",
        "Sept",
        "Oct",
        "Nov",
        "Dec",
    ]
)


def _edit_name(text: str, index: int) -> str | None:
    for m in _NAME.finditer(text):
        word = m.group(1)
        if word in _NOT_NAMES or text.count(word) > 1 or text[m.end(1) : m.end(1) + 1] == ".":
            continue  # a title, a month, an abbreviation, or a name said twice (only one would change)
        choices = [n for n in _REPLACEMENT_NAMES if n[0] != word[0] and n not in text]
        if not choices:
            continue
        return _replace(text, m.start(1), m.end(1), choices[index % len(choices)])
    return None


_AUX = re.compile(
    r"\b(is|are|was|were|will|would|can|could|has|have|had|should|must|did|does)\s+(?!not\b|n't)([a-z]+)"
)
_NOT = re.compile(r"\b(is|are|was|were|will|would|could|has|have|had|should|did|does)\s+not\s+")


def _edit_negation(text: str) -> str | None:
    found = _NOT.search(text)
    if found:
        return text[: found.start()] + found.group(1) + " " + text[found.end() :]
    aux = _AUX.search(text)
    if aux and aux.group(2) not in ("to", "been", "not", "also", "a", "an", "the"):
        return text[: aux.end(1)] + " not" + text[aux.end(1) :]
    return None


# --- rewrites ----------------------------------------------------------------------------------

_ONES = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def spelled(n: int) -> str:
    if n < 20:
        return _ONES[n]
    tens, ones = divmod(n, 10)
    return _TENS[tens] + (f"-{_ONES[ones]}" if ones else "")


def _rewrite_words(text: str) -> str | None:
    """A count in digits written in words ("12 people" -> "twelve people")."""
    for value in extract_values(text):
        standalone = re.fullmatch(r"\s?", text[value.start - 1 : value.start]) is not None
        if (
            value.kind == "number"
            and re.fullmatch(r"\d{1,2}", value.text)
            and 2 <= value.amount < 100
            and (value.start == 0 or standalone)
        ):
            return _replace(text, value.start, value.end, spelled(int(value.amount)))
    return None


_SCALED = re.compile(r"(\$|€|£)(\d+(?:\.\d+)?) (million|billion)\b")


def _rewrite_scale(text: str) -> str | None:
    """ "$1.2 billion" -> "$1,200 million"; "$45 million" -> "$45m"."""
    m = _SCALED.search(text)
    if not m:
        return None
    sign, amount, scale = m.groups()
    if scale == "billion":
        millions = round(float(amount) * 1000)
        return _replace(text, m.start(), m.end(), f"{sign}{millions:,} million")
    return _replace(text, m.start(), m.end(), f"{sign}{amount}m")


_CURRENCY_WORD = {"$": "dollars", "€": "euros", "£": "pounds"}
_SIGNED = re.compile(r"(?<![A-Za-z])(\$|€|£)(\d[\d,]*(?:\.\d+)?)(?: (million|billion))?")


def _rewrite_currency(text: str) -> str | None:
    """ "$45 million" -> "45 million dollars"."""
    m = _SIGNED.search(text)
    if not m or re.match(r"\s*(?:a|per)\s+share", text[m.end() :]):
        return None
    sign, amount, scale = m.groups()
    words = f"{amount} {scale + ' ' if scale else ''}{_CURRENCY_WORD[sign]}"
    return _replace(text, m.start(), m.end(), words)


_PERCENT = re.compile(r"(\d+(?:\.\d+)?)( percent|%)")


def _rewrite_percent(text: str) -> str | None:
    m = _PERCENT.search(text)
    if not m:
        return None
    return _replace(text, m.start(), m.end(), m.group(1) + (" per cent" if m.group(2) == "%" else "%"))


_MONTH_DAY = re.compile(rf"\b({'|'.join(_MONTH_NAMES)}) (\d{{1,2}})(?:, (\d{{4}}))?\b")


def _rewrite_date(text: str) -> str | None:
    """ "March 12, 2024" -> "12 March 2024"."""
    m = _MONTH_DAY.search(text)
    if not m:
        return None
    month, day, year = m.groups()
    return _replace(text, m.start(), m.end(), f"{day} {month}" + (f" {year}" if year else ""))


_VARIANTS = [
    (re.compile(r"\bU\.S\.(?= [a-z])"), "United States"),
    (re.compile(r"\bUnited States\b"), "U.S."),
    (re.compile(r"\b(?:Mr|Mrs|Ms|Dr)\. (?=[A-Z])"), ""),
    (re.compile(r"\bPresident (?=[A-Z][a-z]+ [a-z])"), "Mr. "),
]


def _rewrite_name(text: str) -> str | None:
    for pattern, replacement in _VARIANTS:
        m = pattern.search(text)
        if m:
            return _replace(text, m.start(), m.end(), replacement)
    return None


_EDITS: dict[str, Callable[[str, int], str | None]] = {
    "number": lambda s, i: (_edit_figure(s, "number") or (None,))[0],
    "money": lambda s, i: (_edit_figure(s, "money") or (None,))[0],
    "percent": lambda s, i: (_edit_figure(s, "percent") or (None,))[0],
    "date": lambda s, i: (_edit_date(s) or (None,))[0],
    "name": _edit_name,
    "negation": lambda s, i: _edit_negation(s),
}
_REWRITES: dict[str, Callable[[str], str | None]] = {
    "words": _rewrite_words,
    "scale": _rewrite_scale,
    "currency": _rewrite_currency,
    "percent-format": _rewrite_percent,
    "date-format": _rewrite_date,
    "name-variant": _rewrite_name,
}


def generate(sentences: Sequence[str], per_kind: int = PER_KIND) -> list[Pair]:
    """Edited and rewritten pairs, the same for the same sentences (no randomness)."""
    pairs: list[Pair] = []
    for kind, edit in _EDITS.items():
        made = 0
        for index, sentence in enumerate(sentences):
            if made >= per_kind:
                break
            edited = edit(sentence, index)
            if edited and edited != sentence:
                pairs.append(Pair(sentence, edited, True, kind))
                made += 1
    for kind, rewrite in _REWRITES.items():
        made = 0
        for sentence in sentences:
            if made >= per_kind:
                break
            rewritten = rewrite(sentence)
            if rewritten and rewritten != sentence:
                pairs.append(Pair(sentence, rewritten, False, kind))
                made += 1
    return pairs


def paraphrase_pairs(path: Path = MRPC, per_kind: int = PER_KIND) -> list[Pair]:
    """A harder, informative slice: MRPC pairs people judged the same meaning, as they are
    (``paraphrase``, not a conflict) and with a figure or date that both state edited in the
    second sentence only (``across-<kind>``, a conflict)."""
    rows: list[tuple[str, str]] = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                row = json.loads(line)
                if row.get("label") == 1:
                    rows.append((_tidy(str(row["s1"])), _tidy(str(row["s2"]))))
    out = [Pair(a, b, False, "paraphrase") for a, b in rows]
    for kind in ("number", "money", "percent", "date"):
        made = 0
        for a, b in rows:
            if made >= per_kind:
                break
            edit = _edit_date(b) if kind == "date" else _edit_figure(b, kind)
            if edit is None:
                continue
            edited, (start, end), _ = edit
            if b[start:end] in a:  # both sentences state the value that is edited
                out.append(Pair(a, edited, True, f"across-{kind}"))
                made += 1
    return out


def all_pairs(path: Path = MRPC) -> tuple[list[Pair], str]:
    """Generated pairs (when the MRPC sample is there) and the hand-written ones, with a note."""
    from tui.evaluation.hand_pairs import hand_pairs

    hand = hand_pairs()
    if not path.is_file():
        return hand, f"{path} not found: hand-written pairs only"
    return [*generate(mrpc_sentences(path)), *hand], f"pairs from {path.name} and hand-written"


# --- judging -----------------------------------------------------------------------------------


def engine_flags(pair: Pair) -> bool:
    """Whether the engine labels any claim of the two one-sentence articles a conflict."""
    import tui
    from tui.core.ingest import TextInput

    comparison = tui.compare([TextInput(pair.a, "A"), TextInput(pair.b, "B")])
    return any(claim.label == "conflict" for claim in comparison.claims)


def grammar_flags(pair: Pair) -> bool:
    """Whether the grammar alone sees a changed value, name or polarity between the two texts."""
    if name_change(pair.a, pair.b) or negation_conflict(pair.a, pair.b):
        return True
    va, vb = _unshared(extract_values(pair.a), extract_values(pair.b))
    for x in va:
        verdicts = [agreement(x, y) for y in vb if _same_family(x, y)]
        if verdicts and all(v in ("different", "rounded") for v in verdicts):
            return True
    return False


def _unshared(va: Iterable[Value], vb: Iterable[Value]) -> tuple[list[Value], list[Value]]:
    """Values whose wording differs between the two texts: the edited or rewritten span."""
    texts_a = [v.text for v in va]
    texts_b = [v.text for v in vb]
    return [v for v in va if v.text not in texts_b], [v for v in vb if v.text not in texts_a]


def _same_family(x: Value, y: Value) -> bool:
    dates = ("date", "weekday")
    return x.kind == y.kind or (x.kind in dates and y.kind in dates)


@dataclass(frozen=True, slots=True)
class Result:
    judge: str
    precision: float
    recall: float
    f1: float
    recall_by_kind: dict[str, tuple[int, int]]
    rewrites_flagged: tuple[int, int]
    rewrites_by_kind: dict[str, tuple[int, int]]


def score(pairs: Sequence[Pair], flags: Sequence[bool], judge: str) -> Result:
    tp = sum(1 for p, f in zip(pairs, flags, strict=True) if p.conflict and f)
    fp = sum(1 for p, f in zip(pairs, flags, strict=True) if not p.conflict and f)
    fn = sum(1 for p, f in zip(pairs, flags, strict=True) if p.conflict and not f)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    by_kind: dict[str, tuple[int, int]] = {}
    rewrites: dict[str, tuple[int, int]] = {}
    for pair, flag in zip(pairs, flags, strict=True):
        table = by_kind if pair.conflict else rewrites
        hit, total = table.get(pair.kind, (0, 0))
        table[pair.kind] = (hit + int(flag), total + 1)
    flagged = (sum(h for h, _ in rewrites.values()), sum(t for _, t in rewrites.values()))
    return Result(judge, precision, recall, f1, by_kind, flagged, rewrites)


def run(
    path: Path = MRPC, judges: Sequence[str] = ("engine", "grammar")
) -> tuple[list[Result], list[Result], int, str]:
    """Scores on the benchmark and on the informative paraphrase slice (empty without MRPC)."""
    pairs, note = all_pairs(path)
    extra = paraphrase_pairs(path) if path.is_file() else []
    results: list[Result] = []
    informative: list[Result] = []
    for judge in judges:
        flag = engine_flags if judge == "engine" else grammar_flags
        results.append(score(pairs, [flag(p) for p in pairs], judge))
        informative.append(score(extra, [flag(p) for p in extra], judge))
    return results, informative, len(pairs), note


def table(results: Sequence[Result], count: int, note: str, informative: Sequence[Result] = ()) -> str:
    def ratio(pair: tuple[int, int]) -> str:
        hit, total = pair
        return f"{hit / total:.2f} ({hit}/{total})" if total else "-"

    width = 22
    lines = [
        f"Pair benchmark: {count} pairs ({note})",
        "".ljust(width) + "".join(r.judge.rjust(18) for r in results),
    ]
    lines.append("conflict precision".ljust(width) + "".join(f"{r.precision:18.2f}" for r in results))
    lines.append("conflict recall".ljust(width) + "".join(f"{r.recall:18.2f}" for r in results))
    lines.append("conflict F1".ljust(width) + "".join(f"{r.f1:18.2f}" for r in results))
    for kind in EDIT_KINDS:
        lines.append(
            f"recall {kind}".ljust(width)
            + "".join(ratio(r.recall_by_kind.get(kind, (0, 0))).rjust(18) for r in results)
        )
    lines.append(
        "rewrites flagged ↓".ljust(width) + "".join(ratio(r.rewrites_flagged).rjust(18) for r in results)
    )
    kinds = sorted({k for r in results for k in r.rewrites_by_kind})
    for kind in kinds:
        lines.append(
            f"  {kind} ↓".ljust(width)
            + "".join(ratio(r.rewrites_by_kind.get(kind, (0, 0))).rjust(18) for r in results)
        )
    lines.append("Targets: F1 >= 0.90, recall >= 0.85 per kind, rewrites flagged <= 3%.")
    if informative and any(r.rewrites_flagged[1] for r in informative):
        lines.append("Informative, MRPC pairs judged the same meaning (not in the figures above):")
        lines.append(
            "  paraphrases flagged".ljust(width)
            + "".join(ratio(r.rewrites_by_kind.get("paraphrase", (0, 0))).rjust(18) for r in informative)
        )
        for kind in sorted({k for r in informative for k in r.recall_by_kind}):
            lines.append(
                f"  recall {kind}".ljust(width)
                + "".join(ratio(r.recall_by_kind.get(kind, (0, 0))).rjust(18) for r in informative)
            )
    return "\n".join(lines)
