"""One measurement in a fresh process, so peak memory belongs to one corpus alone.

``python -m bench.worker engine|baseline CORPUS REPEATS [WARMUP [BUDGET]]`` prints one JSON object
on its last stdout line: the timings in seconds, memory in KiB and, for synthetic
corpora, accuracy against the ground truth.
"""

from __future__ import annotations

import resource
import sys
import time
from typing import Any

from bench import accuracy, baseline
from bench.corpora import load_corpus
from bench.json_result import report
from tui.core import memo

DEFAULT_BUDGET = 45.0
"""Seconds of timed runs after which no further repeat starts."""


def _rss_kib() -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def _score_json(score: accuracy.Score | None) -> dict[str, Any] | None:
    if score is None:
        return None
    return {
        "predicted": score.predicted,
        "correct": score.correct,
        "found": score.found,
        "truth": score.truth,
        "precision": score.precision,
        "recall": score.recall,
    }


def _accuracy_json(result: accuracy.Accuracy | None) -> dict[str, Any] | None:
    if result is None:
        return None
    return {"links": _score_json(result.links), "conflicts": _score_json(result.conflicts)}


def measure(mode: str, corpus_name: str, repeats: int, warmup: int, budget: float) -> dict[str, Any]:
    corpus = load_corpus(corpus_name)
    texts = [i.text for i in corpus.inputs]
    if mode == "engine":
        from tui.core.pipeline import compare

        def run() -> Any:
            return compare(list(corpus.inputs))

        def predict(output: Any) -> accuracy.Prediction:
            assert corpus.story is not None
            return accuracy.from_comparison(corpus.story, output)

    elif mode == "baseline":

        def run() -> Any:
            return baseline.run(texts)

        def predict(output: Any) -> accuracy.Prediction:
            assert isinstance(output, accuracy.Prediction)
            return output

    else:
        raise ValueError(f"unknown mode {mode!r}")
    for _ in range(warmup):
        run()
    rss_before = _rss_kib()
    times: list[float] = []
    output = None
    for _ in range(repeats):
        memo.clear()  # each timed run starts with empty per-text caches (imports and patterns stay warm)
        start = time.perf_counter()
        output = run()
        times.append(time.perf_counter() - start)
        if sum(times) > budget:
            break  # a slow engine gets fewer runs rather than stalling the whole benchmark
    # Peak memory is read before scoring so it is the engine's, not the scorer's.
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    result = None
    if corpus.story is not None and output is not None:
        result = accuracy.score(corpus.story, predict(output))
    return {
        "times": times,
        "rss_before_kib": rss_before,
        "peak_rss_kib": peak,
        "accuracy": _accuracy_json(result),
        "articles": len(texts),
        "chars": sum(len(t) for t in texts),
    }


def main(argv: list[str]) -> int:
    mode, corpus_name, repeats = argv[0], argv[1], int(argv[2])
    warmup = int(argv[3]) if len(argv) > 3 else 0
    budget = float(argv[4]) if len(argv) > 4 else DEFAULT_BUDGET
    return report(lambda: measure(mode, corpus_name, repeats, warmup, budget))


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
