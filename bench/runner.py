"""Runs each measurement in a subprocess and collects the figures."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.corpora import SEEDS_DIR, load_corpus, synthetic_name

ROOT = Path(__file__).resolve().parent.parent
BASELINE_BUDGET = 60.0
"""Seconds one baseline run may take; larger corpora are extrapolated instead."""
UI_BUDGET = 45.0
"""Seconds of first-frame runs for one corpus after which no further run starts."""


@dataclass(frozen=True, slots=True)
class Plan:
    sizes: tuple[int, ...]
    quick: bool
    cli: bool = True
    ui: bool = True
    engine: bool = True
    """Engine and baseline runs (``--only-ui`` turns them off)."""


@dataclass
class Measurement:
    """One figure: samples in seconds (or an error/skip note)."""

    samples: list[float] = field(default_factory=list)
    note: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Results:
    engine: dict[str, Measurement] = field(default_factory=dict)
    baseline: dict[str, Measurement] = field(default_factory=dict)
    cli: dict[str, Measurement] = field(default_factory=dict)
    ui: dict[str, Measurement] = field(default_factory=dict)
    corpora: list[str] = field(default_factory=list)


def isolated_env(home: Path) -> dict[str, str]:
    """The environment for child processes: no analysis cache, settings and data in ``home``."""
    env = dict(os.environ)
    env["TRIANGULATE_NO_CACHE"] = "1"
    env["HOME"] = str(home)
    for var, sub in (("XDG_CONFIG_HOME", "config"), ("XDG_DATA_HOME", "data"), ("XDG_CACHE_HOME", "cache")):
        env[var] = str(home / sub)
    env["XDG_STATE_HOME"] = str(home / "state")
    env.pop("TRIANGULATE_CACHE_DIR", None)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")]))
    return env


def _run_json(args: Sequence[str], env: dict[str, str], timeout: float) -> dict[str, Any]:
    try:
        done = subprocess.run(
            [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout
        )
    except subprocess.TimeoutExpired:
        return {"error": f"timed out after {timeout:.0f} s"}
    lines = done.stdout.strip().splitlines()
    try:
        result: dict[str, Any] = json.loads(lines[-1]) if lines else {}
    except json.JSONDecodeError:
        result = {}
    if not result:
        tail = done.stderr.strip().splitlines()[-1:] or ["no output"]
        return {"error": f"exit {done.returncode}: {tail[0][:200]}"}
    return result


def _repeats(name: str, quick: bool) -> tuple[int, int]:
    """(timed runs, untimed warm-up runs) for a corpus: fewer for the big ones."""
    if quick:
        return 1, 0
    if name == "seeds":
        return 7, 1
    n = int(name.split(":")[1])
    if n <= 20:
        return 5, 1
    return 3, 0  # the worker's time budget cuts the big corpora short


def _measurement(result: dict[str, Any]) -> Measurement:
    if "error" in result:
        return Measurement(note=str(result["error"]))
    times = [float(t) for t in result.pop("times")]
    return Measurement(times, extra=result)


def run_engine(plan: Plan, env: dict[str, str], log: Callable[[str], None]) -> dict[str, Measurement]:
    out: dict[str, Measurement] = {}
    for name in corpus_names(plan):
        repeats, warmup = _repeats(name, plan.quick)
        log(f"engine {name} x{repeats}")
        out[name] = _measurement(
            _run_json(["-m", "bench.worker", "engine", name, str(repeats), str(warmup)], env, timeout=1200)
        )
    return out


def run_baseline(plan: Plan, env: dict[str, str], log: Callable[[str], None]) -> dict[str, Measurement]:
    """Times the baseline up to the budget; beyond it, extrapolates quadratically."""
    out: dict[str, Measurement] = {}
    last: tuple[int, float] | None = None  # (sentences proxy: articles, seconds)
    for name in corpus_names(plan):
        n = len(load_corpus(name).inputs) if name == "seeds" else int(name.split(":")[1])
        if name != "seeds" and last is not None:
            estimate = last[1] * (n / last[0]) ** 2
            if estimate > BASELINE_BUDGET:
                out[name] = Measurement(note="extrapolated", extra={"estimate": estimate})
                continue
        repeats = 1 if plan.quick or n > 20 else 3
        log(f"baseline {name} x{repeats}")
        m = _measurement(_run_json(["-m", "bench.worker", "baseline", name, str(repeats)], env, timeout=600))
        out[name] = m
        if m.samples and name != "seeds":
            last = (n, sorted(m.samples)[len(m.samples) // 2])
    return out


def corpus_names(plan: Plan) -> list[str]:
    return ["seeds", *(synthetic_name(n) for n in plan.sizes)]


def _cli_command() -> list[str] | None:
    script = Path(sys.executable).parent / "triangulate"
    if not (ROOT / "tui" / "cli.py").exists():
        return None
    return [str(script)] if script.exists() else [sys.executable, "-m", "tui"]


def run_cli(
    plan: Plan, env: dict[str, str], home: Path, log: Callable[[str], None]
) -> dict[str, Measurement]:
    """Wall time of ``triangulate report seeds --format json``, cold (no cache) and warm."""
    command = _cli_command()
    if command is None:
        note = "skipped: tui/cli.py does not exist yet"
        return {
            "report json (no cache)": Measurement(note=note),
            "report json (warm cache)": Measurement(note=note),
        }
    args = [*command, "report", str(SEEDS_DIR), "--format", "json"]
    repeats = 1 if plan.quick else 7
    warm_env = dict(env)
    warm_env.pop("TRIANGULATE_NO_CACHE")
    warm_env["TRIANGULATE_CACHE_DIR"] = str(home / "analysis-cache")
    out: dict[str, Measurement] = {}
    for label, run_env, prime in (
        ("report json (no cache)", env, False),
        ("report json (warm cache)", warm_env, True),
    ):
        log(f"cli {label} x{repeats}")
        out[label] = _time_command(args, run_env, repeats, prime)
    return out


def _time_command(args: list[str], env: dict[str, str], repeats: int, prime: bool) -> Measurement:
    m = Measurement()
    for i in range(repeats + int(prime)):
        start = time.perf_counter()
        try:
            done = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, timeout=300)
        except subprocess.TimeoutExpired:
            return Measurement(note="timed out")
        elapsed = time.perf_counter() - start
        if done.returncode != 0:
            err = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
            return Measurement(note=f"exit {done.returncode}: {err[0][:160]}")
        if prime and i == 0:
            continue
        m.samples.append(elapsed)
    return m


def run_ui(plan: Plan, env: dict[str, str], home: Path, log: Callable[[str], None]) -> dict[str, Measurement]:
    """First frames (seeds, 50 and 200 articles), repeat opens from the analysis cache, and
    key latency (20 and 200 articles), headless."""
    if not (ROOT / "tui" / "app.py").exists():
        return {"first frame": Measurement(note="skipped: tui/app.py does not exist yet")}
    out: dict[str, Measurement] = {}
    frame_corpora = ["seeds"] if plan.quick else ["seeds", synthetic_name(50), synthetic_name(200)]
    repeats = 1 if plan.quick else 5
    for name in frame_corpora:
        directory = _corpus_dir(name, home)
        # The analysis cache is on, in a directory of its own: the first run finds it empty
        # (a cold open, writing the cache as a user's first open does), the next ones find
        # the entry the first one wrote.
        cache_env = dict(env)
        cache_env.pop("TRIANGULATE_NO_CACHE", None)
        cache_env["TRIANGULATE_CACHE_DIR"] = str(home / "ui-cache" / name.replace(":", "-"))
        log(f"first frame {name} x{repeats} (cold), then x{repeats} from the cache")
        ready, first, text, cached = Measurement(), Measurement(), Measurement(), Measurement()
        for _ in range(repeats):
            start = time.monotonic()
            run_env = cache_env if not ready.samples else env  # the first run fills the cache
            result = _run_json(["-m", "bench.ui_worker", "frame", str(directory)], run_env, timeout=300)
            if "error" in result:
                ready = first = text = Measurement(note=str(result["error"]))
                break
            ready.samples.append(float(result["ready_frame"]) - start)
            first.samples.append(float(result["first_frame"]) - start)
            if result.get("text_frame") is not None:
                text.samples.append(float(result["text_frame"]) - start)
            if sum(ready.samples) > UI_BUDGET:
                break
        for _ in range(repeats if ready.samples else 0):
            start = time.monotonic()
            result = _run_json(["-m", "bench.ui_worker", "frame", str(directory)], cache_env, timeout=300)
            if "error" in result:
                cached = Measurement(note=str(result["error"]))
                break
            cached.samples.append(float(result["ready_frame"]) - start)
        out[f"first frame, any ({name})"] = first
        out[f"articles on screen ({name})"] = text
        out[f"comparison on screen ({name})"] = ready
        out[f"repeat open, cached ({name})"] = cached
    key_corpora = [synthetic_name(2)] if plan.quick else [synthetic_name(20), synthetic_name(200)]
    key_repeats = 2 if plan.quick else 20
    for key_corpus in key_corpora:
        log(f"keys {key_corpus} x{key_repeats}")
        # Keys are timed on the comparison, not the engine: the story comes from the analysis
        # cache the first-frame runs filled for the same corpus (synthetic:200), so a slow or
        # busy machine does not spend minutes, or time out, before the first key.
        key_env = dict(env)
        key_env.pop("TRIANGULATE_NO_CACHE", None)
        key_env["TRIANGULATE_CACHE_DIR"] = str(home / "ui-cache" / key_corpus.replace(":", "-"))
        result = _run_json(
            ["-m", "bench.ui_worker", "keys", str(_corpus_dir(key_corpus, home)), str(key_repeats)],
            key_env,
            timeout=1200,
        )
        if "error" in result:
            out[f"keys ({key_corpus})"] = Measurement(note=str(result["error"]))
        else:
            for key, samples in result["keys"].items():
                out[f"key: {key} ({key_corpus})"] = Measurement([float(s) for s in samples])
    return out


def _corpus_dir(name: str, home: Path) -> Path:
    """A directory of .txt files the app can open (the seeds are one already)."""
    if name == "seeds":
        return SEEDS_DIR
    directory = home / "corpora" / name.replace(":", "-")
    if not directory.exists():
        directory.mkdir(parents=True)
        for i, item in enumerate(load_corpus(name).inputs):
            (directory / f"{i:03d}.txt").write_text(item.text, encoding="utf-8")
    return directory


def run_all(plan: Plan, log: Callable[[str], None]) -> Results:
    results = Results(corpora=corpus_names(plan))
    with tempfile.TemporaryDirectory(prefix="triangulate-bench-") as tmp:
        home = Path(tmp)
        env = isolated_env(home)
        if plan.engine:
            results.engine = run_engine(plan, env, log)
            results.baseline = run_baseline(plan, env, log)
        if plan.cli:
            results.cli = run_cli(plan, env, home, log)
        if plan.ui:
            results.ui = run_ui(plan, env, home, log)
    return results
