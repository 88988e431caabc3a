"""Fit the statement-link score: a logistic regression over :mod:`tui.core.pair_features`.

Training pairs come from two places, both read at run time and never committed:
- MRPC (``../shared/data/mrpc-train.jsonl``): news sentence pairs judged paraphrase or not;
- the development stories (``../shared/devset``): clauses that state one gold fact in two
  outlets are positives; clauses that state different gold facts and share a word are
  negatives (the candidates the engine must tell apart).

``python -m tui.evaluation.fit_pair_score`` prints cross-validated accuracy and writes the
coefficients to ``tui/core/pair_model.py`` (atomically).
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from tui.core.atomic import write_atomic
from tui.core.facts import extract_facts
from tui.core.ingest import load
from tui.core.match import Item, weights
from tui.core.normalise import Normalised, normalise, normalise_story
from tui.core.offsets import source_offset
from tui.core.pair_features import FEATURES, pair_features, wording_similarity
from tui.core.segment import segment

_ROOT = Path(__file__).resolve().parents[2]
_NEGATIVES_PER_POSITIVE = 3
_MODEL = _ROOT / "tui" / "core" / "pair_model.py"

Pairs = tuple[list[Normalised], list[Normalised], list[int], list[dict[str, float]]]


def mrpc_pairs(path: Path) -> Pairs:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    left = [normalise(r["s1"]) for r in rows]
    right = [normalise(r["s2"]) for r in rows]
    idf = weights([Item(0, n) for n in left + right])
    return left, right, [int(r["label"]) for r in rows], [idf] * len(rows)


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    ov = min(a[1], b[1]) - max(a[0], b[0])
    return ov > 0 and ov * 2 >= min(a[1] - a[0], b[1] - b[0])


def story_pairs(story: Path, rng: random.Random) -> Pairs:
    gold = json.loads((story / "gold.json").read_text(encoding="utf-8"))
    files = sorted(gold["articles"])
    articles = tuple(segment(load(str(story / name), n), f"a{n}") for n, name in enumerate(files))
    facts = extract_facts(normalise_story(articles))
    clauses: list[tuple[str, tuple[int, int], Normalised]] = []
    for fact in facts.facts:
        if fact.kind != "statement":
            continue
        article, sentence = facts.articles[fact.article], facts.sentences[fact.sentence]
        span = (source_offset(article, sentence, fact.start), source_offset(article, sentence, fact.end))
        clauses.append((files[fact.article], span, fact.norm))
    texts = {name: (story / name).read_text(encoding="utf-8") for name in files}
    claims_of: list[set[str]] = [set() for _ in clauses]
    for claim in gold["claims"]:
        for m in claim["mentions"]:
            at = texts[m["article"]].find(m["quote"])
            if at < 0:
                continue
            span = (at, at + len(m["quote"]))
            for k, (name, clause_span, _) in enumerate(clauses):
                if name == m["article"] and _overlaps(span, clause_span):
                    claims_of[k].add(claim["id"])
    idf = weights([Item(0, c[2]) for c in clauses])
    positives: list[tuple[int, int]] = []
    negatives: list[tuple[int, int]] = []
    for i in range(len(clauses)):
        for j in range(i + 1, len(clauses)):
            if clauses[i][0] == clauses[j][0] or not claims_of[i] or not claims_of[j]:
                continue
            if claims_of[i] & claims_of[j]:
                positives.append((i, j))
            elif set(clauses[i][2].tokens) & set(clauses[j][2].tokens):
                negatives.append((i, j))
    rng.shuffle(negatives)
    chosen = [(p, 1) for p in positives] + [
        (p, 0) for p in negatives[: _NEGATIVES_PER_POSITIVE * len(positives)]
    ]
    left = [clauses[i][2] for (i, _), _ in chosen]
    right = [clauses[j][2] for (_, j), _ in chosen]
    return left, right, [y for _, y in chosen], [idf] * len(chosen)


def feature_matrix(pairs: Pairs) -> np.ndarray[Any, Any]:
    left, right, _, idfs = pairs
    rows = [pair_features([a], [b], idf)[0] for a, b, idf in zip(left, right, idfs, strict=True)]
    return np.asarray(rows) if rows else np.zeros((0, len(FEATURES)))


def fit(x: np.ndarray[Any, Any], y: np.ndarray[Any, Any]) -> tuple[np.ndarray[Any, Any], float]:
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=1.0, max_iter=2000)
    model.fit(x, y)
    return model.coef_[0], float(model.intercept_[0])


def cross_validated(x: np.ndarray[Any, Any], y: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    """Out-of-fold probabilities (5 folds, stratified, fixed seed)."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold, cross_val_predict

    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=7)
    return np.asarray(
        cross_val_predict(LogisticRegression(C=1.0, max_iter=2000), x, y, cv=folds, method="predict_proba")[
            :, 1
        ]
    )


def ablation(
    x: np.ndarray[Any, Any], y: np.ndarray[Any, Any], names: Sequence[str]
) -> list[tuple[str, float]]:
    """Cross-validated accuracy (each fit at its own best threshold) with every feature, then
    with each one left out: what a feature adds to the score, and what it would cost to drop
    one that is slow to work out (the wording ratios left this way, docs/performance.md)."""
    out: list[tuple[str, float]] = []
    for dropped in ["", *names]:
        keep = [k for k, name in enumerate(names) if name != dropped]
        p = cross_validated(x[:, keep], y)
        out.append((dropped, float(np.mean((p >= best_threshold(p, y)) == (y == 1)))))
    return out


def best_threshold(p: np.ndarray[Any, Any], y: np.ndarray[Any, Any]) -> float:
    grid = np.arange(0.2, 0.81, 0.01)
    accuracy = [float(np.mean((p >= t) == (y == 1))) for t in grid]
    return round(float(grid[int(np.argmax(accuracy))]), 2)


def render(coef: Sequence[float], intercept: float, threshold: float, report: str) -> str:
    lines = [
        '"""Coefficients of the statement-link score.',
        "",
        "Written by ``python -m tui.evaluation.fit_pair_score``; do not edit by hand.",
        "",
        *("" + line for line in report.strip().splitlines()),
        '"""',
        "",
        "WEIGHTS: dict[str, float] = {",
        *(f'    "{name}": {value:.4f},' for name, value in zip(FEATURES, coef, strict=True)),
        "}",
        f"INTERCEPT = {intercept:.4f}",
        f"THRESHOLD = {threshold:.2f}",
        '"""Probability at which two clauses are taken to state the same fact."""',
        "",
    ]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mrpc", type=Path, default=_ROOT.parent / "shared" / "data" / "mrpc-train.jsonl")
    parser.add_argument("--devset", type=Path, default=_ROOT.parent / "shared" / "devset")
    parser.add_argument("--dry-run", action="store_true", help="print, do not write the model")
    parser.add_argument(
        "--ablate", action="store_true", help="print the accuracy without each feature; write nothing"
    )
    args = parser.parse_args(argv)
    rng = random.Random(11)
    mrpc = mrpc_pairs(args.mrpc)
    x_mrpc, y_mrpc = feature_matrix(mrpc), np.asarray(mrpc[2])
    stories = [feature_and_label for s in sorted(args.devset.iterdir()) if (s / "gold.json").exists()
               for feature_and_label in [story_pairs(s, rng)]]  # fmt: skip
    x_dev = np.vstack([feature_matrix(p) for p in stories])
    y_dev = np.concatenate([np.asarray(p[2]) for p in stories])
    x, y = np.vstack([x_mrpc, x_dev]), np.concatenate([y_mrpc, y_dev])
    if args.ablate:
        for dropped, accuracy in ablation(x, y, FEATURES):
            print(f"{'without ' + dropped if dropped else 'all features':28s} {accuracy:.3f}")
        return 0
    p_mrpc = cross_validated(x_mrpc, y_mrpc)
    p_all = cross_validated(x, y)
    threshold = best_threshold(p_all, y)
    acc_mrpc = float(np.mean((p_mrpc >= 0.5) == (y_mrpc == 1)))
    acc_all = float(np.mean((p_all >= threshold) == (y == 1)))
    acc_dev = float(np.mean((p_all[len(y_mrpc) :] >= threshold) == (y_dev == 1)))
    # The reference a score has to beat: wording similarity alone, at its best threshold.
    sort_scores = np.asarray(
        [wording_similarity(a.text, b.text) for a, b in zip(mrpc[0], mrpc[1], strict=True)]
    )
    sort_best = max(float(np.mean((sort_scores >= t) == (y_mrpc == 1))) for t in np.arange(0.3, 0.95, 0.01))
    report = (
        f"Pairs: {len(y_mrpc)} MRPC ({int(y_mrpc.sum())} same), {len(y_dev)} from the dev stories "
        f"({int(y_dev.sum())} same).\n"
        f"5-fold cross-validated accuracy: MRPC alone {acc_mrpc:.3f}\n"
        f"(token_sort_ratio with its best threshold, in-sample: {sort_best:.3f});\n"
        f"all pairs {acc_all:.3f} at threshold {threshold:.2f}; dev-story pairs {acc_dev:.3f}."
    )
    coef, intercept = fit(x, y)
    print(report)
    text = render(coef.tolist(), intercept, threshold, report)
    if args.dry_run:
        print(text)
    else:
        write_atomic(_MODEL, text.encode("utf-8"))
        print(f"wrote {_MODEL.relative_to(_ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
