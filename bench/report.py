"""Renders benchmark results as the Markdown of docs/benchmarks.md."""

from __future__ import annotations

import statistics
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from bench.runner import Measurement, Results

MIB = 1024.0


@dataclass(frozen=True, slots=True)
class Target:
    text: str
    check: Callable[[float], bool]


def _below(limit: float, unit: str) -> Target:
    return Target(f"≤ {limit:g} {unit}", lambda value: value <= limit)


ENGINE_TARGETS = {
    "seeds": _below(0.05, "s"),
    "synthetic:200": _below(6, "s"),
    "synthetic:400": _below(13, "s"),
}
MEMORY_TARGETS = {"synthetic:400": Target("≤ 1 GiB", lambda kib: kib <= 1024 * 1024)}
GROWTH_TARGET = _below(2.2, "×")
GROWTH_FROM = 50
"""Doublings from this size on are held to the growth target; smaller ones are shown only."""
KEY_MEDIAN = _below(0.03, "s")
KEY_WORST = _below(0.1, "s")
OTHER_TARGETS = {
    "report json (no cache)": _below(0.4, "s"),
    "report json (warm cache)": _below(0.4, "s"),
    "comparison on screen (synthetic:200)": _below(8, "s"),
    "comparison on screen (seeds)": _below(0.8, "s"),
    "first frame, any (seeds)": _below(0.8, "s"),
    "repeat open, cached (synthetic:200)": _below(1, "s"),
}
ARTICLES_ON_SCREEN = _below(1, "s")
"""The first screen with article text, whatever the story's size."""


def seconds(value: float) -> str:
    if value < 1:
        return f"{value * 1000:.1f} ms"
    return f"{value:.2f} s"


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def _met(target: Target | None, value: float | None) -> str:
    if target is None or value is None:
        return ""
    return "yes" if target.check(value) else "**no**"


def _median(m: Measurement) -> float | None:
    return statistics.median(m.samples) if m.samples else None


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    return [_row(header), _row(["---"] * len(header)), *(_row(r) for r in rows), ""]


def _timing_cells(m: Measurement) -> list[str]:
    if not m.samples:
        return [m.note or "no data", "", "", "0"]
    return [
        seconds(statistics.median(m.samples)),
        seconds(min(m.samples)),
        seconds(max(m.samples)),
        str(len(m.samples)),
    ]


def _engine_section(results: Results) -> list[str]:
    rows = []
    for name in results.corpora:
        m = results.engine.get(name, Measurement(note="not run"))
        target = ENGINE_TARGETS.get(name)
        peak = m.extra.get("peak_rss_kib")
        mem_target = MEMORY_TARGETS.get(name)
        rows.append(
            [
                name,
                str(m.extra.get("articles", "")),
                f"{m.extra.get('chars', 0) / 1000:.0f}k" if m.extra else "",
                *_timing_cells(m),
                target.text if target else "",
                _met(target, _median(m)),
                f"{peak / MIB:.0f} MiB" if peak else "",
                f"{m.extra.get('rss_before_kib', 0) / MIB:.0f} MiB" if peak else "",
                mem_target.text if mem_target else "",
                _met(mem_target, float(peak) if peak else None),
            ]
        )
    header = ["Corpus", "Articles", "Chars", "Median", "Min", "Max", "Runs", "Target", "Met"]
    header += ["Peak RSS", "RSS before", "Memory target", "Met"]
    return ["## Engine: `compare()` on in-memory texts", "", *_table(header, rows)]


def _growth_section(results: Results) -> list[str]:
    rows = []
    medians = {name: _median(m) for name, m in results.engine.items()}
    sizes = sorted(int(name.split(":")[1]) for name in medians if name.startswith("synthetic:"))
    for small in sizes:
        big = 2 * small
        a, b = medians.get(f"synthetic:{small}"), medians.get(f"synthetic:{big}")
        if a and b and big in sizes:
            ratio = b / a
            target = GROWTH_TARGET if small >= GROWTH_FROM else None
            rows.append(
                [
                    f"{small} → {big} articles",
                    f"{ratio:.2f}×",
                    target.text if target else "",
                    _met(target, ratio),
                ]
            )
    if not rows:
        return []
    return ["## Growth per doubling", "", *_table(["Doubling", "Time ratio", "Target", "Met"], rows)]


def _baseline_section(results: Results) -> list[str]:
    rows = []
    for name in results.corpora:
        base = results.baseline.get(name)
        ours = _median(results.engine.get(name, Measurement()))
        if base is None:
            continue
        b = _median(base)
        if b is None and "estimate" in base.extra:
            b = float(base.extra["estimate"])
            shown = f"~{seconds(b)} (extrapolated, not run)"
        else:
            shown = seconds(b) if b is not None else base.note
        ratio = f"{b / ours:.1f}×" if b is not None and ours else ""
        rows.append([name, shown, seconds(ours) if ours else "", ratio])
    header = ["Corpus", "Baseline median", "Ours median", "Baseline / ours"]
    return ["## Baseline: all sentence pairs, token_set_ratio, union-find", "", *_table(header, rows)]


def _other_section(results: Results) -> list[str]:
    rows = []
    for name, m in [*results.cli.items(), *results.ui.items()]:
        if name.startswith("key:"):
            med = _median(m)
            worst = max(m.samples) if m.samples else None
            targets = f"median {KEY_MEDIAN.text}, worst {KEY_WORST.text}"
            met = " / ".join(filter(None, [_met(KEY_MEDIAN, med), _met(KEY_WORST, worst)]))
            rows.append([name, *_timing_cells(m), targets, met])
            continue
        target = OTHER_TARGETS.get(name)
        if target is None and name.startswith("articles on screen"):
            target = ARTICLES_ON_SCREEN
        rows.append([name, *_timing_cells(m), target.text if target else "", _met(target, _median(m))])
    if not rows:
        return []
    header = ["Measure", "Median", "Min", "Max", "Runs", "Target", "Met"]
    return ["## Command line and app", "", *_table(header, rows)]


def _score_cells(score: dict[str, Any] | None) -> list[str]:
    if score is None:
        return ["—", "—"]
    return [_pct(score.get("precision")), _pct(score.get("recall"))]


def _accuracy_section(results: Results) -> list[str]:
    rows = []
    for name in results.corpora:
        ours = results.engine.get(name, Measurement()).extra.get("accuracy")
        base = results.baseline.get(name, Measurement()).extra.get("accuracy")
        if ours is None and base is None:
            continue
        truth = ours or base
        assert truth is not None
        conflicts = truth.get("conflicts") or {}
        rows.append(
            [
                name,
                str(truth["links"]["truth"]),
                *_score_cells(ours["links"] if ours else None),
                str(conflicts.get("truth", "—")),
                *_score_cells(ours.get("conflicts") if ours else None),
                *_score_cells(base["links"] if base else None),
            ]
        )
    if not rows:
        return []
    header = ["Corpus", "True links", "Link P", "Link R", "True conflicts", "Conflict P", "Conflict R"]
    header += ["Baseline link P", "Baseline link R"]
    return ["## Accuracy against the synthetic ground truth (sentence pairs)", "", *_table(header, rows)]


def render(results: Results, machine: list[tuple[str, str]], command: str) -> str:
    lines = [
        "# Benchmarks",
        "",
        f"Generated by `{command}`; do not edit by hand. What is measured and how: "
        "[performance.md](performance.md).",
        "",
        "## Machine",
        "",
        *_table(["", ""], [[k, v] for k, v in machine]),
        *_engine_section(results),
        *_growth_section(results),
        *_baseline_section(results),
        *_other_section(results),
        *_accuracy_section(results),
    ]
    return "\n".join(lines).rstrip() + "\n"
