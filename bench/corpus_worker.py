"""One corpus-mode measurement in a fresh process (``python -m bench.corpus_worker``).

Arguments: JSONL OUTDIR SIZE SEED WORKERS. Prints one JSON object (see bench.json_result):
wall time by stage, stories, purity and completeness against the generator's truth, and
peak memory of this process and of its largest child (a Dask worker process).
"""

from __future__ import annotations

import os
import resource
import sys
import time
from pathlib import Path
from typing import Any

from bench.json_result import report


def measure(jsonl: Path, outdir: Path, size: int, seed: int, workers: int) -> dict[str, Any]:
    from tui.corpus.run import CorpusOptions, run_corpus
    from tui.corpus.synthetic_corpus import generate_corpus

    started = time.perf_counter()
    result = run_corpus([jsonl], outdir, CorpusOptions(workers=workers))
    wall = time.perf_counter() - started
    purity, completeness = generate_corpus(size, seed).score(
        [[*r.articles, *r.folded] for r in result.stories]
    )
    return {
        "articles": result.articles,
        "stories": len(result.stories),
        "failed": len(result.failed),
        "wall": wall,
        "stages": result.seconds,
        "purity": purity,
        "completeness": completeness,
        # Linux reports ru_maxrss in KiB; children are counted once they have exited.
        "client_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "worker_rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
        # CPU seconds do not stretch when other work competes for the cores, unlike wall time.
        "cpu_s": _cpu(resource.RUSAGE_SELF) + _cpu(resource.RUSAGE_CHILDREN),
        # Other work on the machine skews every figure; the 1-minute load says how much.
        "load": os.getloadavg()[0],
    }


def _cpu(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def main() -> int:
    jsonl, outdir, size, seed, workers = sys.argv[1:6]
    return report(lambda: measure(Path(jsonl), Path(outdir), int(size), int(seed), int(workers)))


if __name__ == "__main__":
    raise SystemExit(main())
