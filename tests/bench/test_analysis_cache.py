"""The analysis cache: round trip, corrupt entries, engine version and input changes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tui.core import cache
from tui.core.models import Article, Claim, Comparison, Paragraph, Row, Sentence


@pytest.fixture(autouse=True)
def _cache_in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRIANGULATE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("TRIANGULATE_NO_CACHE", raising=False)


def _comparison(engine_version: str = "1") -> Comparison:
    text = "Shares rose 7% on Monday."
    sentence = Sentence("a0.p0.s0", "a0", 0, 0, 0, len(text), text)
    paragraph = Paragraph(0, "body", 0, len(text), text, (sentence,))
    article = Article("a0", "one.txt", "One", "Shares", text, (paragraph,), "00" * 32)
    claim = Claim("c0", "unique", ("a0.p0.s0",), (), (), "k0", 1.0, ("a0",))
    return Comparison((article,), (claim,), (Row((("a0", (0,)),)),), engine_version)


INPUTS = [("one.txt", b"Shares rose 7% on Monday."), ("two.txt", b"Shares rose 8%.")]


def test_round_trip_returns_an_equal_comparison() -> None:
    key = cache.cache_key(INPUTS, "1")
    assert cache.load(key) is None
    original = _comparison()
    cache.store(key, original)
    loaded = cache.load(key)
    assert loaded == original
    assert loaded is not None and loaded.sentence_by_id["a0.p0.s0"].text == "Shares rose 7% on Monday."


def test_engine_version_change_is_a_miss() -> None:
    cache.store(cache.cache_key(INPUTS, "1"), _comparison("1"))
    assert cache.cache_key(INPUTS, "2") != cache.cache_key(INPUTS, "1")
    assert cache.load(cache.cache_key(INPUTS, "2")) is None


def test_key_depends_on_content_order_and_boundaries() -> None:
    base = cache.cache_key(INPUTS, "1")
    assert cache.cache_key(INPUTS, "1") == base
    assert cache.cache_key(list(reversed(INPUTS)), "1") != base
    assert cache.cache_key([("one.txt", b"Shares rose 7% on Monday!"), INPUTS[1]], "1") != base
    # Moving bytes between the name and the content must not collide.
    assert cache.cache_key([("ab", b"c")], "1") != cache.cache_key([("a", b"bc")], "1")


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],  # torn write
        lambda data: b"garbage" + data,  # wrong header
        lambda data: data[:30] + b"\x00" * 20 + data[50:],  # corrupt pickle
        lambda data: b"",
    ],
)
def test_corrupt_entry_is_a_miss_and_is_rebuilt(damage: Callable[[bytes], bytes]) -> None:
    key = cache.cache_key(INPUTS, "1")
    cache.store(key, _comparison())
    path = cache.cache_dir() / f"{key}.cmp"
    path.write_bytes(damage(path.read_bytes()))
    assert cache.load(key) is None
    cache.store(key, _comparison())
    assert cache.load(key) == _comparison()


def test_loading_leaves_the_collector_as_it_found_it() -> None:
    """Loading pauses the garbage collector; a hit or a corrupt entry must not leave it off
    (nor turn it on for a caller that had it off)."""
    import gc

    key = cache.cache_key(INPUTS, "1")
    cache.store(key, _comparison())
    assert gc.isenabled()
    assert cache.load(key) == _comparison()
    assert gc.isenabled()
    path = cache.cache_dir() / f"{key}.cmp"
    data = path.read_bytes()
    path.write_bytes(data[:30] + b"\x00" * 20 + data[50:])
    assert cache.load(key) is None
    assert gc.isenabled()
    path.write_bytes(data)
    gc.disable()
    try:
        assert cache.load(key) == _comparison()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_entry_holding_another_type_is_a_miss() -> None:
    import pickle

    key = cache.cache_key(INPUTS, "1")
    cache.store(key, _comparison())
    path = cache.cache_dir() / f"{key}.cmp"
    header = path.read_bytes().split(b"\n", 1)[0] + b"\n"
    path.write_bytes(header + pickle.dumps({"not": "a comparison"}))
    assert cache.load(key) is None


class _Planted:
    """An object whose unpickling calls a function of the standard library."""

    def __init__(self, target: Path) -> None:
        self.target = target

    def __reduce__(self) -> tuple[Any, ...]:
        return (Path.touch, (self.target,))


def test_an_entry_naming_anything_but_a_comparisons_parts_is_refused_before_it_runs(tmp_path: Path) -> None:
    import pickle

    key = cache.cache_key(INPUTS, "1")
    cache.store(key, _comparison())
    path = cache.cache_dir() / f"{key}.cmp"
    header = path.read_bytes().split(b"\n", 1)[0] + b"\n"
    ran = tmp_path / "ran"
    path.write_bytes(header + pickle.dumps(_Planted(ran)))
    assert cache.load(key) is None
    assert not ran.exists()


def test_disabled_cache_neither_stores_nor_loads(monkeypatch: pytest.MonkeyPatch) -> None:
    key = cache.cache_key(INPUTS, "1")
    cache.store(key, _comparison())
    monkeypatch.setenv("TRIANGULATE_NO_CACHE", "1")
    assert cache.load(key) is None
    other = cache.cache_key(INPUTS, "9")
    cache.store(other, _comparison())
    monkeypatch.delenv("TRIANGULATE_NO_CACHE")
    assert cache.load(other) is None
    assert cache.load(key) == _comparison()


def test_store_leaves_no_temporary_files() -> None:
    key = cache.cache_key(INPUTS, "1")
    cache.store(key, _comparison())
    cache.store(key, _comparison())
    assert [p.name for p in cache.cache_dir().iterdir()] == [f"{key}.cmp"]


def test_keys_that_are_not_digests_are_refused() -> None:
    cache.store("../escape", _comparison())
    assert cache.load("../escape") is None
    assert not cache.cache_dir().exists()


def test_round_trip_of_a_real_comparison_keeps_every_field() -> None:
    """Entries store each model dataclass as its field values and rebuild it from them
    (slotted ones through their slots, see ``cache._builder``): on the seeds (mentions,
    conflicts, evidence, cited sources) that must give back an equal comparison, field for
    field."""
    from tui.core.pipeline import compare

    seeds = Path(__file__).resolve().parents[2] / "seeds"
    original = compare([str(seeds)], use_cache=False)
    key = cache.cache_key(INPUTS, "seeds")
    cache.store(key, original)
    loaded = cache.load(key)
    assert loaded == original
    assert loaded is not None and loaded.cited_sources == original.cited_sources
    assert [c.mentions for c in loaded.claims] == [c.mentions for c in original.claims]


def test_every_slotted_model_is_rebuilt_equal_to_its_constructors_object() -> None:
    """Entries set each slot of the very class through its descriptor, column by column (so
    equality, hashing and ``replace`` behave as on an object the engine made): one object of
    every slotted model class, each field a distinct value, comes back field for field."""
    import dataclasses
    from dataclasses import replace

    from tui.core import models

    def made(cls: type, salt: int) -> Any:
        values: list[Any] = []
        for i, f in enumerate(dataclasses.fields(cls)):
            kind = str(f.type)
            if kind == "int":
                values.append(i + salt)
            elif kind == "float":
                values.append(i + salt + 0.25)
            elif kind.startswith("tuple[") and kind[6:].split(",")[0] in cache._SLOTTED:
                values.append((made(cache._SLOTTED[kind[6:].split(",")[0]], salt + 1),))
            elif kind.startswith("tuple["):
                values.append((f"t{i}-{salt}",))
            else:
                values.append(f"v{i}-{salt}")
        return cls(*values)

    slotted = [
        c
        for c in vars(models).values()
        if isinstance(c, type) and dataclasses.is_dataclass(c) and "__slots__" in c.__dict__
    ]
    assert len(slotted) >= 8 and set(slotted) == set(cache._SLOTTED.values()) == set(cache._ORDER)
    original = Comparison(
        (made(models.Article, 0),),
        (made(models.Claim, 0),),
        (made(models.Row, 0),),
        "1",
        cited_sources=(made(models.CitedSource, 0),),
    )
    loaded = cache._loads(cache._dumps(original))
    assert loaded == original
    seen: set[type] = set()

    def same(a: Any, b: Any) -> None:
        assert type(a) is type(b)
        if type(a) in cache._SLOTTED.values():
            seen.add(type(a))
            assert a == b and hash(a) == hash(b) and replace(a) == a
            for f in dataclasses.fields(a):
                same(getattr(a, f.name), getattr(b, f.name))
        elif isinstance(a, tuple):
            for x, y in zip(a, b, strict=True):
                same(x, y)
        else:
            assert a == b

    for f in dataclasses.fields(Comparison):
        same(getattr(loaded, f.name), getattr(original, f.name))
    assert seen == set(slotted), "every slotted class was in the entry"


def test_storing_leaves_no_cyclic_garbage() -> None:
    """The reader stores a fresh analysis just before it draws it: garbage that only the cycle
    collector frees (the old encoder's rows, held by its two mutually recursive closures: 93,000
    objects at 200 articles) cost a full collection over the whole analysis first."""
    import gc

    original = _comparison()
    gc.collect()
    gc.disable()
    try:
        cache.store(cache.cache_key(INPUTS, "1"), original)
        assert gc.collect() == 0
    finally:
        gc.enable()


def test_an_object_held_twice_is_stored_once_and_comes_back_shared() -> None:
    """Rows are numbered by identity: one object in two tuples is one row, loaded as one object."""
    text = "Shares rose 7% on Monday."
    sentence = Sentence("a0.p0.s0", "a0", 0, 0, 0, len(text), text)
    paragraphs = tuple(Paragraph(i, "body", 0, len(text), text, (sentence,)) for i in range(2))
    article = Article("a0", "one.txt", "One", "Shares", text, paragraphs, "00" * 32)
    original = Comparison((article,), (), (Row((("a0", (0, 1)),)),), "1")
    tables, _ = cache._encode(original)
    assert dict((name, n) for name, n, _ in tables)["Sentence"] == 1
    loaded = cache._loads(cache._dumps(original))
    assert loaded == original
    first, second = loaded.articles[0].paragraphs
    assert first.sentences[0] is second.sentences[0]


def test_a_model_object_inside_a_plain_field_is_not_stored() -> None:
    text = "Shares rose 7% on Monday."
    sentence = Sentence("a0.p0.s0", "a0", 0, 0, 0, len(text), text)
    odd = Comparison((), (), (), "1", skipped=((sentence, "x"),))  # type: ignore[arg-type]
    key = cache.cache_key(INPUTS, "1")
    cache.store(key, odd)
    assert cache.load(key) is None


def test_an_entry_of_the_previous_form_is_a_miss() -> None:
    """Version 2 entries rebuilt objects by their constructors, version 3 by generated
    builders; such a file, intact, is not read as this version's (it is analysed again and
    replaced)."""
    import pickle

    key = cache.cache_key(INPUTS, "1")
    cache.store(key, _comparison())
    path = cache.cache_dir() / f"{key}.cmp"
    path.write_bytes(b"TRIANGULATE-CACHE v2\n" + pickle.dumps(_comparison()))
    assert cache.load(key) is None
    path.write_bytes(b"TRIANGULATE-CACHE v3\n" + pickle.dumps(_comparison()))
    assert cache.load(key) is None
    cache.store(key, _comparison())
    assert cache.load(key) == _comparison()


def test_a_kept_result_is_frozen_out_of_the_collector_as_it_is_loaded() -> None:
    import gc

    key = cache.cache_key(INPUTS, "1")
    cache.store(key, _comparison())
    try:
        gc.collect()
        before = gc.get_freeze_count()
        loaded = cache.load(key, freeze=True)
        assert loaded == _comparison()
        assert gc.get_freeze_count() > before, "frozen"
        assert gc.get_count()[0] < 50, "nothing loaded is left for the next young collection"
        plain_before = gc.get_freeze_count()
        assert cache.load(key) == _comparison()
        assert gc.get_freeze_count() == plain_before, "not frozen unless asked"
    finally:
        gc.unfreeze()


def test_before_analysis_runs_on_a_miss_after_the_inputs_are_read_and_not_on_a_hit(tmp_path: Path) -> None:
    from tui.core.pipeline import compare

    article = tmp_path / "one.txt"
    article.write_text("Shares rose 7% on Monday, the company said.\n", encoding="utf-8")
    other = tmp_path / "two.txt"
    other.write_text("Shares rose 8% on Monday, the firm said.\n", encoding="utf-8")
    stages: list[str] = []

    def progress(stage: str, fraction: float) -> None:
        if not stages or stages[-1] != stage:
            stages.append(stage)

    def before() -> None:
        stages.append("before analysis")

    first = compare([article, other], use_cache=True, progress=progress, before_analysis=before)
    assert stages[0] == "load" and stages[1] == "before analysis", stages
    stages.clear()
    again = compare([article, other], use_cache=True, progress=progress, before_analysis=before)
    assert again == first
    assert "before analysis" not in stages and stages[-1] == "cache", stages
    stages.clear()
    compare([article, other], use_cache=False, progress=progress, before_analysis=before)
    assert stages[1] == "before analysis", stages


def _story(folder: Path) -> list[Path]:
    folder.mkdir(exist_ok=True)
    one = folder / "one.txt"
    one.write_text("Shares rose 7% on Monday, the company said.\n", encoding="utf-8")
    two = folder / "two.txt"
    two.write_text("Shares rose 8% on Monday, the firm said.\n", encoding="utf-8")
    return [one, two]


def _entries() -> set[str]:
    return {p.name for p in cache.cache_dir().glob("*.cmp")}


def test_local_files_are_keyed_by_their_bytes_and_a_hit_equals_the_analysis(tmp_path: Path) -> None:
    """Local files are keyed before they are decoded and described (their bytes, names and
    sources.toml entries): a hit gives what the analysis gave, and any change to what loading
    and describing read is a miss."""
    from tui.core.pipeline import compare

    one, two = _story(tmp_path / "story")
    first = compare([one, two], use_cache=True)
    assert compare([one, two], use_cache=True) == first == compare([one, two], use_cache=False)
    stored = _entries()
    assert len(stored) == 1

    def changed(*inputs: Any, **options: Any) -> Comparison:
        result = compare(list(inputs), use_cache=True, **options)
        assert result == compare(list(inputs), use_cache=False, **options)
        assert _entries() - stored, "a new entry: the change was a miss"
        stored.update(_entries())
        return result

    assert changed(one, two, names={str(one): "Harbour Times"}).articles[0].source == "Harbour Times"
    manifest = tmp_path / "story" / "sources.toml"
    manifest.write_text('["two.txt"]\noutlet = "County Wire"\n', encoding="utf-8")
    assert changed(one, two).articles[1].source == "County Wire"
    manifest.write_text('["two.txt"]\noutlet = "Coast Wire"\n', encoding="utf-8")
    assert changed(one, two).articles[1].source == "Coast Wire"
    manifest.write_text("not = [toml\n", encoding="utf-8")
    broken = changed(one, two)
    assert [reason for _, reason in broken.skipped] and broken.articles[1].source == "Two"
    two.write_text("Shares rose 9% on Monday, the firm said.\n", encoding="utf-8")
    assert "9%" in changed(one, two).articles[1].text
    assert changed(two, one).articles[0].path == str(two)


def test_a_hit_reports_what_loading_skipped_and_what_was_missing_this_time(tmp_path: Path) -> None:
    """Files that read but do not load (an empty one) are skipped on a hit as on the miss that
    stored it; inputs skipped before any is read (a directory without articles) are this call's."""
    from tui.core.pipeline import compare

    one, two = _story(tmp_path / "story")
    empty = tmp_path / "story" / "empty.txt"
    empty.write_text("   \n", encoding="utf-8")
    missing = tmp_path / "nothing here"
    missing.mkdir()
    first = compare([one, empty, two], use_cache=True)
    assert [path for path, _ in first.skipped] == [str(empty)]
    again = compare([missing, one, empty, two], use_cache=True)
    plain = compare([missing, one, empty, two], use_cache=False)
    assert again == plain
    assert [path for path, _ in again.skipped] == [str(missing), str(empty)]
    assert len(_entries()) == 1


def test_an_input_that_is_not_a_plain_readable_file_keys_on_the_loaded_documents(tmp_path: Path) -> None:
    from tui.core.pipeline import TextInput, compare

    one, _ = _story(tmp_path / "story")
    text = TextInput("Shares rose 8% on Monday, the firm said.", "Wire")
    first = compare([one, text], use_cache=True)
    assert compare([one, text], use_cache=True) == first == compare([one, text], use_cache=False)
    assert len(_entries()) == 1
