"""Hand-written sentence pairs for the pair benchmark (:mod:`tui.evaluation.pairs`).

Written for this project, in ``hand_pairs.txt`` beside this module: the value forms the
news sentences of the MRPC sample rarely show (converted units, decimal commas, clock
times, weekdays, vague quantities, parenthetical conversions) and the harder name and
negation cases. One pair a line: ``kind | 1 (a conflict) or 0 | first || second``.
"""

from __future__ import annotations

from pathlib import Path

from tui.evaluation.pairs import Pair

HAND_PAIRS = Path(__file__).with_name("hand_pairs.txt")


def hand_pairs(path: Path = HAND_PAIRS) -> list[Pair]:
    pairs: list[Pair] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, conflict, texts = (part.strip() for part in line.split("|", 2))
        a, _, b = texts.partition("||")
        pairs.append(Pair(a.strip(), b.strip(), conflict == "1", kind, "hand"))
    return pairs
