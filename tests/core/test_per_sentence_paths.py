"""The per-sentence shortcuts of the linking and classify stages give what their plain rules
give (issues 13 and 9, seventh round)."""

from __future__ import annotations

import gc
import itertools
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

import numpy as np
import pytest

from bench.synthetic import generate_story
from tests.core.conftest import facts_of
from tui.core.claims import _pair_verdicts
from tui.core.facts import Fact, Facts
from tui.core.pipeline import Cancelled, TextInput, compare
from tui.core.value_links import _equal_values
from tui.core.values import Value, agreement, agreement_key

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@lru_cache(maxsize=1)
def stories() -> tuple[Facts, ...]:
    """The seeds and a synthetic story with repeated wire copy and reworded figures."""
    seeds = facts_of([TextInput(p.read_text(encoding="utf-8"), p.stem) for p in sorted(SEEDS.glob("*.txt"))])
    story = generate_story(8, paragraphs=12, seed=5)
    return seeds, facts_of([TextInput(a.text, a.name) for a in story.articles])


def _valued(facts: Facts) -> list[Fact]:
    return [f for f in facts.facts if f.value is not None]


def _value(f: Fact) -> Value:
    assert f.value is not None
    return f.value


def test_values_with_one_agreement_key_agree_alike_with_every_value() -> None:
    for facts in stories():
        values = list(dict.fromkeys(_value(f) for f in _valued(facts)))
        first: dict[object, Value] = {}
        for v in values:
            first.setdefault(agreement_key(v), v)
        shared = [v for v in values if first[agreement_key(v)] is not v]
        assert shared, "the story should repeat figures at other places"
        for v in shared:
            stand_in = first[agreement_key(v)]
            for other in values:
                assert agreement(v, other) == agreement(stand_in, other)
                assert agreement(other, v) == agreement(other, stand_in)


def test_every_field_agreement_reads_is_in_its_key() -> None:
    """Values that differ in one field at a time: any field the key left out would put two of
    them under one key while they agree differently with some third value."""
    grid: list[Value] = []
    for kind, amount, bound, high, precision, text, converted in itertools.product(
        ("number", "percent", "measure", "money"),
        (38.0, 40.0, 15000.0),
        ("eq", "ge", "le", "approx"),
        (None, 45.0),
        (0.0, 1.0, 1000.0),
        ("15 km", "15,000 m"),
        ((), (("EUR", 40.0, 1.0),)),
    ):
        unit = {"measure": "m", "money": "USD"}.get(kind, "")
        value = Value(kind, amount, unit, bound, text, 0, len(text), high=high, precision=precision)  # type: ignore[arg-type]
        grid.append(replace(value, converted=converted))
    grid.append(Value("money", 40.0, "EUR", "eq", "€40", 0, 3, precision=1.0))
    grid.append(Value("measure", 15000.0, "m", "eq", "15 km", 0, 5, precision=1000.0, dimension="area"))
    groups: dict[object, list[Value]] = {}
    for v in grid:
        groups.setdefault(agreement_key(v), []).append(v)
    for v in grid:
        # Offsets and context are not read: the same figure elsewhere shares the key.
        moved = replace(v, start=7, end=7 + len(v.text), context=frozenset({"toll"}))
        groups[agreement_key(v)].append(moved)
    for members in groups.values():
        for other in grid:
            assert len({agreement(v, other) for v in members}) == 1
            assert len({agreement(other, v) for v in members}) == 1


def test_equal_values_per_key_equal_the_rule_per_pair() -> None:
    for facts in stories():
        members = _valued(facts)
        i, j = np.triu_indices(len(members), k=1)
        pairs = zip(i.tolist(), j.tolist(), strict=True)
        plain = [agreement(_value(members[a]), _value(members[b])) == "equal" for a, b in pairs]
        assert _equal_values(members, i, j).tolist() == plain


def test_pair_verdicts_per_key_equal_the_rule_per_pair() -> None:
    for facts in stories():
        items = list(facts.facts[:400])
        different, rounded = _pair_verdicts(items)
        for a in range(len(items)):
            for b in range(len(items)):
                fa, fb = items[a], items[b]
                asked = a < b and fa.article != fb.article and fa.value is not None and fb.value is not None
                answer = agreement(_value(fa), _value(fb)) if asked else None
                assert different[a, b] == (answer == "different")
                assert rounded[a, b] == (answer == "rounded")


def test_the_collector_is_paused_while_facts_are_linked_and_classified_and_on_after() -> None:
    seen: dict[str, bool] = {}
    inputs = [TextInput(p.read_text(encoding="utf-8"), p.stem) for p in sorted(SEEDS.glob("*.txt"))]
    assert gc.isenabled()

    def note(stage: str, fraction: float) -> None:
        seen.setdefault(stage, gc.isenabled())

    compare(inputs, progress=note)
    assert not seen["match"] and not seen["classify"] and not seen["align"]
    assert seen["load"], "on while the inputs are read"
    assert gc.isenabled()
    with pytest.raises(Cancelled):
        compare(
            inputs,
            progress=lambda stage, fraction: seen.update(stopping=stage == "match"),
            cancelled=lambda: seen.get("stopping", False),
        )
    assert gc.isenabled(), "on again after a cancelled analysis"
