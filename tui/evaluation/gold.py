"""Load hand-labelled gold for a story (``gold.toml``) and resolve it against a comparison.

Gold names sentences and paragraphs by (article file stem, a short quote of their text)
rather than by engine ids, so the labels survive changes in segmentation; resolving
turns each reference into the id the engine gave that sentence or paragraph.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, cast, get_args

from tui.core.ingest import SUPPORTED_SUFFIXES as ARTICLE_SUFFIXES
from tui.core.models import Article, Comparison, ConflictKind

CONFLICT_KINDS: tuple[str, ...] = get_args(ConflictKind)

GOLD_FILE = "gold.toml"
"""The suffixes the engine reads from a directory; the gold's articles are those files."""

GoldLabel = Literal["shared", "conflict"]


class GoldError(ValueError):
    """The gold file is malformed or names an article that does not exist."""


@dataclass(frozen=True, slots=True)
class Ref:
    """A sentence or paragraph: the article's file stem and a quote unique within the article."""

    article: str
    quote: str

    def __str__(self) -> str:
        return f"{self.article}: “{self.quote}”"


@dataclass(frozen=True, slots=True)
class GoldClaim:
    """Sentences from different articles that state the same fact."""

    id: str
    label: GoldLabel
    sentences: tuple[Ref, ...]
    kinds: tuple[ConflictKind, ...]
    """For conflicts, the acceptable conflict kinds (any one of them counts)."""
    values: tuple[str, ...]
    """For conflicts, the differing values as the articles state them (documentation)."""
    note: str


@dataclass(frozen=True, slots=True)
class GoldUnique:
    id: str
    sentence: Ref
    note: str


@dataclass(frozen=True, slots=True)
class GoldBoilerplate:
    id: str
    paragraph: Ref
    note: str


@dataclass(frozen=True, slots=True)
class GoldAlignment:
    """Two paragraphs from different articles that should share a row."""

    id: str
    a: Ref
    b: Ref
    note: str


@dataclass(frozen=True, slots=True)
class GoldDistinct:
    """A trap: look-alike sentences about different things that must not be a conflict."""

    id: str
    a: Ref
    b: Ref
    note: str


@dataclass(frozen=True, slots=True)
class Story:
    name: str
    title: str
    gold_path: Path
    files: tuple[Path, ...]
    claims: tuple[GoldClaim, ...]
    uniques: tuple[GoldUnique, ...]
    boilerplate: tuple[GoldBoilerplate, ...]
    alignments: tuple[GoldAlignment, ...]
    distinct: tuple[GoldDistinct, ...]

    def refs(self) -> tuple[tuple[str, Ref, Literal["sentence", "paragraph"]], ...]:
        """Every reference in the gold, with the id of the item that holds it and its level."""
        out: list[tuple[str, Ref, Literal["sentence", "paragraph"]]] = []
        for claim in self.claims:
            out.extend((claim.id, r, "sentence") for r in claim.sentences)
        out.extend((u.id, u.sentence, "sentence") for u in self.uniques)
        for d in self.distinct:
            out.extend([(d.id, d.a, "sentence"), (d.id, d.b, "sentence")])
        out.extend((b.id, b.paragraph, "paragraph") for b in self.boilerplate)
        for al in self.alignments:
            out.extend([(al.id, al.a, "paragraph"), (al.id, al.b, "paragraph")])
        return tuple(out)


def load_story(path: Path) -> Story:
    """Read ``path`` (a ``gold.toml`` or the directory holding one)."""
    gold_path = path / GOLD_FILE if path.is_dir() else path
    try:
        data = tomllib.loads(gold_path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise GoldError(f"{gold_path}: {exc}") from None
    where = str(gold_path)
    articles_dir = (gold_path.parent / _str(data, "articles", where, default=".")).resolve()
    files = tuple(
        sorted(
            p
            for p in articles_dir.iterdir()
            if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES and not p.name.startswith(".")
        )
    )
    if len(files) < 2:
        raise GoldError(f"{where}: {articles_dir} has fewer than two articles")
    stems = [p.stem for p in files]

    def ref(value: object, context: str) -> Ref:
        if not (isinstance(value, list) and len(value) == 2 and all(isinstance(v, str) for v in value)):
            raise GoldError(f"{context}: a reference is [article stem, quote], got {value!r}")
        article, quote = cast(list[str], value)
        matches = [s for s in stems if s == article] or [s for s in stems if s.startswith(article)]
        if len(matches) != 1:
            raise GoldError(f"{context}: {article!r} names {len(matches)} articles of {stems}")
        if not quote.strip():
            raise GoldError(f"{context}: empty quote")
        return Ref(matches[0], quote)

    seen: set[str] = set()

    def item_id(table: Mapping[str, Any], section: str, index: int) -> str:
        ident = _str(table, "id", f"{where} [[{section}]] #{index + 1}")
        if ident in seen:
            raise GoldError(f"{where}: duplicate id {ident!r}")
        seen.add(ident)
        return ident

    claims: list[GoldClaim] = []
    for i, t in enumerate(_tables(data, "claim", where)):
        ident = item_id(t, "claim", i)
        ctx = f"{where} claim {ident}"
        label = _str(t, "label", ctx)
        if label not in ("shared", "conflict"):
            raise GoldError(f"{ctx}: label must be shared or conflict, got {label!r}")
        sentences = tuple(ref(v, ctx) for v in _list(t, "sentences", ctx))
        if len({r.article for r in sentences}) < 2:
            raise GoldError(f"{ctx}: a claim needs sentences from at least two articles")
        kinds = tuple(_list(t, "kinds", ctx, default=[]))
        for kind in kinds:
            if kind not in CONFLICT_KINDS:
                raise GoldError(f"{ctx}: unknown conflict kind {kind!r}")
        if (label == "conflict") != bool(kinds):
            raise GoldError(f"{ctx}: conflicts, and only conflicts, list kinds")
        values = tuple(str(v) for v in _list(t, "values", ctx, default=[]))
        claims.append(
            GoldClaim(
                ident,
                cast(GoldLabel, label),
                sentences,
                cast(tuple[ConflictKind, ...], kinds),
                values,
                _str(t, "note", ctx, default=""),
            )
        )
    uniques = [
        GoldUnique(
            ident := item_id(t, "unique", i),
            ref(t.get("sentence"), f"{where} unique {ident}"),
            _str(t, "note", where, default=""),
        )
        for i, t in enumerate(_tables(data, "unique", where))
    ]
    boilerplate = [
        GoldBoilerplate(
            ident := item_id(t, "boilerplate", i),
            ref(t.get("paragraph"), f"{where} boilerplate {ident}"),
            _str(t, "note", where, default=""),
        )
        for i, t in enumerate(_tables(data, "boilerplate", where))
    ]
    alignments = [
        GoldAlignment(ident := item_id(t, "aligned", i), *_pair(t, "paragraphs", ref, where, ident))
        for i, t in enumerate(_tables(data, "aligned", where))
    ]
    distinct = [
        GoldDistinct(ident := item_id(t, "distinct", i), *_pair(t, "sentences", ref, where, ident))
        for i, t in enumerate(_tables(data, "distinct", where))
    ]
    return Story(
        name=_str(data, "name", where, default=gold_path.parent.name),
        title=_str(data, "title", where, default=""),
        gold_path=gold_path,
        files=files,
        claims=tuple(claims),
        uniques=tuple(uniques),
        boilerplate=tuple(boilerplate),
        alignments=tuple(alignments),
        distinct=tuple(distinct),
    )


def _pair(table: Mapping[str, Any], key: str, ref: Any, where: str, ident: str) -> tuple[Ref, Ref, str]:
    ctx = f"{where} {ident}"
    values = _list(table, key, ctx)
    if len(values) != 2:
        raise GoldError(f"{ctx}: {key} must hold exactly two references")
    a, b = ref(values[0], ctx), ref(values[1], ctx)
    if a.article == b.article:
        raise GoldError(f"{ctx}: the two references must be in different articles")
    return a, b, _str(table, "note", ctx, default="")


def _tables(data: Mapping[str, Any], key: str, where: str) -> list[Mapping[str, Any]]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise GoldError(f"{where}: {key} must be an array of tables ([[{key}]])")
    return value


def _str(table: Mapping[str, Any], key: str, where: str, default: str | None = None) -> str:
    value = table.get(key, default)
    if not isinstance(value, str):
        raise GoldError(f"{where}: {key} must be a string")
    return value


def _list(table: Mapping[str, Any], key: str, where: str, default: list[Any] | None = None) -> list[Any]:
    value = table.get(key, default)
    if not isinstance(value, list):
        raise GoldError(f"{where}: {key} must be an array")
    return value


# --- resolving references against the engine's segmentation ---------------------------------

_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Collapse whitespace; quotes are otherwise matched exactly (case, punctuation)."""
    return _SPACE.sub(" ", text).strip()


@dataclass(frozen=True, slots=True)
class Resolution:
    """Engine ids for every reference that matched exactly one place, and what did not."""

    sentences: Mapping[Ref, str]
    """Ref -> sentence id."""
    paragraphs: Mapping[Ref, tuple[str, int]]
    """Ref -> (article id, paragraph index)."""
    article_ids: Mapping[str, str]
    """File stem -> article id."""
    problems: tuple[str, ...]
    """One line per reference that matched no place or several."""


def articles_by_stem(comparison: Comparison) -> dict[str, Article]:
    return {Path(a.path).stem: a for a in comparison.articles}


def resolve(story: Story, comparison: Comparison) -> Resolution:
    by_stem = articles_by_stem(comparison)
    sentences: dict[Ref, str] = {}
    paragraphs: dict[Ref, tuple[str, int]] = {}
    problems: list[str] = []
    for owner, r, level in story.refs():
        article = by_stem.get(r.article)
        if article is None:
            problems.append(f"{owner}: article {r.article} is missing from the comparison")
            continue
        quote = normalise(r.quote)
        if level == "sentence":
            hits = [s.id for s in article.sentences if quote in normalise(s.text)]
            if len(hits) == 1:
                sentences[r] = hits[0]
                continue
        else:
            found = [p.index for p in article.paragraphs if quote in normalise(p.text)]
            if len(found) == 1:
                paragraphs[r] = (article.id, found[0])
                continue
            hits = [str(i) for i in found]
        what = "no" if not hits else f"{len(hits)}"
        problems.append(f"{owner}: {what} {level}s match {r}")
    return Resolution(
        sentences=sentences,
        paragraphs=paragraphs,
        article_ids={stem: a.id for stem, a in by_stem.items()},
        problems=tuple(problems),
    )


def discover(paths: Sequence[Path]) -> list[Path]:
    """Gold files under ``paths``: each path is a gold file, a story directory or a folder of them."""
    found: list[Path] = []
    for path in paths:
        if path.is_file():
            found.append(path)
        elif (path / GOLD_FILE).is_file():
            found.append(path / GOLD_FILE)
        elif path.is_dir():
            found.extend(sorted(path.glob(f"*/{GOLD_FILE}")))
    return found
