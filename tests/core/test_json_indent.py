"""The report's indented JSON is ``json.dumps``'s, character for character."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from tui.core.json_format import _indented, dumps, to_dict
from tui.core.pipeline import compare

SEEDS = Path(__file__).resolve().parents[2] / "seeds"

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),  # NaN and the infinities included: left to json's own rules
    st.text(),  # controls, quotes, backslashes, astral characters, U+2028
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.lists(inner, max_size=3).map(tuple),
        st.dictionaries(st.text(max_size=5), inner, max_size=4),
        st.dictionaries(st.one_of(st.integers(), st.booleans(), st.none()), inner, max_size=2),
    ),
    max_leaves=25,
)


@given(values, st.sampled_from([0, 1, 2, 4]))
def test_any_plain_value_is_written_as_json_writes_it(value: Any, indent: int) -> None:
    assert _indented(value, indent) == json.dumps(value, ensure_ascii=False, indent=indent)


def test_the_seeds_report_is_json_dumps() -> None:
    comparison = compare([str(p) for p in sorted(SEEDS.glob("*.txt"))])
    data = to_dict(comparison)
    assert _indented(data, 2) == json.dumps(data, ensure_ascii=False, indent=2)
    assert json.loads(dumps(comparison)) == data
