"""Lay paragraphs out in rows so that paragraphs sharing claims face each other.

Progressive alignment: the best-connected article seeds the rows, then each further
article is aligned to the rows built so far by a monotone dynamic programme (order in
every article is preserved). A paragraph may join a row whose previous paragraph from
the same article already sits there, so one paragraph can face several. Paragraphs
that match nothing, or whose match would break the order (reordered content), get a
row of their own; claims still link them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import chain
from operator import attrgetter
from typing import Any

import numpy as np

from tui.core.claims import Claims
from tui.core.models import Article, Row
from tui.core.unique import unique, unique_inverse

ParagraphKey = tuple[int, int]
"""(article position, paragraph index)."""


def align(
    paragraph_counts: Sequence[int],
    weights: Mapping[tuple[ParagraphKey, ParagraphKey], float],
) -> list[dict[int, list[int]]]:
    """Rows as ``{article position: [paragraph indexes]}``."""
    return _align(paragraph_counts, _Graph.of_weights(paragraph_counts, weights))


def _align(paragraph_counts: Sequence[int], graph: _Graph) -> list[dict[int, list[int]]]:
    n = len(paragraph_counts)
    strength = graph.strength
    order = sorted(range(n), key=lambda a: (-strength[a], a))
    if not order:
        return []
    first = order[0]
    # Rows are numbered as they are made and extended in place; their order is an array of
    # those numbers that each article's new rows are inserted into, and each article reads
    # its neighbours' rows from arrays. A list of every row rebuilt for every article, with
    # a Python step per row to index it, made alignment quadratic in the number of articles.
    rows: list[dict[int, list[int]]] = [{first: [p]} for p in range(paragraph_counts[first])]
    sequence = np.arange(len(rows), dtype=np.int64)
    placed = np.full(graph.paragraphs, -1, dtype=np.int64)
    placed[graph.offset[first] : graph.offset[first] + len(rows)] = sequence
    for article in order[1:]:
        count = paragraph_counts[article]
        if count == 0:
            continue
        total = len(rows)
        where = np.empty(total, dtype=np.int64)
        where[sequence] = np.arange(total)
        start = graph.offset[article]
        inserted: list[int] = []
        for p, joined, before in _placements(total, count, graph.gains(article, count, placed, where, total)):
            if joined is None:
                number = len(rows)
                rows.append({article: [p]})
                inserted.append(before)
            else:
                number = int(sequence[joined])
                rows[number].setdefault(article, []).append(p)
            placed[start + p] = number
        if inserted:
            # np.insert keeps the order of new rows inserted before the same row.
            sequence = np.insert(sequence, inserted, np.arange(total, len(rows), dtype=np.int64))
    return _compact([rows[k] for k in sequence.tolist()])


def _placements(
    total: int, count: int, gains: tuple[np.ndarray[Any, Any], np.ndarray[Any, Any], np.ndarray[Any, Any]]
) -> list[tuple[int, int | None, int]]:
    """Where each of an article's ``count`` paragraphs goes among ``total`` rows, given the
    link weight of each (paragraph, row index) cell it links to: ``(paragraph, row index, -1)``
    to join a row, ``(paragraph, None, i)`` for a new row before row ``i`` (``total``: last);
    in paragraph order, where :func:`_seat` places them.

    The programme runs over the rows some paragraph links to and, below
    :data:`COMPACT_FROM_ROWS` rows, the last row of each run of rows between them (and
    column 0's run): along such a run no paragraph matches, so the programme's values are
    the same in every column of it (each a maximum of the one before it and the same run
    in the DP row above), and the walk back stops at its last column or passes all of it.
    That is the full programme's result without a column per row."""
    paragraph, column, value = gains
    linked, at = unique_inverse(column)
    if total <= COMPACT_FROM_ROWS:
        # DP column d: d rows consumed; the linked rows' columns are linked + 1.
        linked_column = np.zeros(total + 2, dtype=bool)
        linked_column[linked + 1] = True
        linked_column[total + 1] = True
        ends = np.flatnonzero(~linked_column[: total + 1] & linked_column[1:])
        columns = unique(np.concatenate((ends, linked + 1)))  # np.union1d, without importing numpy.ma
        before = columns
        gain_at = np.searchsorted(columns, linked + 1) - 1
    else:
        columns = np.concatenate(([0], linked + 1))
        before = np.append(linked, total)
        gain_at = np.arange(len(linked))
    w = np.zeros((count, len(columns) - 1))
    w[paragraph, gain_at[at]] = value
    row_at = (columns - 1).tolist()
    insert_at = before.tolist()
    return [
        (p, None, insert_at[j]) if joined is None else (p, row_at[joined + 1], -1)
        for p, joined, j in _walk(*_programme(w))
    ]


class _Graph:
    """The paragraphs' summed link weights to each other, both ways, as arrays sorted by
    paragraph (each paragraph's neighbours in the order a dict filled in link order would
    hold them), and each article's summed weight. Built with numpy from the weights: a large
    story has hundreds of thousands of paragraph pairs, which a dict per paragraph took one
    Python step each to fill and each article's alignment another to read."""

    @classmethod
    def of_weights(
        cls, counts: Sequence[int], weights: Mapping[tuple[ParagraphKey, ParagraphKey], float]
    ) -> _Graph:
        k = len(weights)
        ends = np.fromiter(chain.from_iterable(chain.from_iterable(weights)), dtype=np.int64, count=4 * k)
        return cls(counts, ends.reshape(k, 4), np.fromiter(weights.values(), dtype=np.float64, count=k))

    def __init__(self, counts: Sequence[int], ends: np.ndarray[Any, Any], w: np.ndarray[Any, Any]) -> None:
        """``ends``: each pair's (article, paragraph, article, paragraph), ``w`` its weight, in
        the order of a weights dictionary."""
        n = len(counts)
        self.offset = [0, *np.cumsum(np.asarray(counts, dtype=np.int64)).tolist()]
        self.paragraphs = self.offset[-1]
        # Each pair gives x -> y, then y -> x; sums start at 0.0 and add in that order, as
        # bincount does, so every float is the one the per-pair loop made.
        twice = np.repeat(w, 2)
        self.strength: list[float] = np.bincount(ends[:, [0, 2]].ravel(), weights=twice, minlength=n).tolist()
        counts_at = np.asarray(counts, dtype=np.int64)
        offsets = np.asarray(self.offset[:-1], dtype=np.int64)

        def number(article: np.ndarray[Any, Any], paragraph: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
            inside = (paragraph >= 0) & (paragraph < counts_at[article])
            return np.where(inside, offsets[article] + paragraph, -1)  # -1: never placed

        x, y = number(ends[:, 0], ends[:, 1]), number(ends[:, 2], ends[:, 3])
        src = np.stack((x, y), axis=1).ravel()
        dst = np.stack((y, x), axis=1).ravel()
        keep = src >= 0  # a paragraph past its article's count is never aligned
        src, dst, twice = src[keep], dst[keep], twice[keep]
        width = self.paragraphs + 1
        codes = src * width + (dst + 1)
        pairs, first, where = _first_and_inverse(codes)
        sums = np.bincount(where, weights=twice, minlength=len(pairs))
        # By paragraph, then first occurrence: pairs are sorted by code, so by paragraph
        # already, and one sort key (first occurrences are distinct) orders both.
        by = np.argsort(pairs // width * len(codes) + first)
        self.source = (pairs // width)[by]
        self.target = (pairs % width - 1)[by]
        self.weight = sums[by]
        self.starts = np.searchsorted(self.source, np.arange(self.paragraphs + 1))

    def gains(
        self, article: int, count: int, placed: np.ndarray[Any, Any], where: np.ndarray[Any, Any], rows: int
    ) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any], np.ndarray[Any, Any]]:
        """Link weight between each paragraph of ``article`` and each row it links to:
        paragraphs, row indexes and sums (each summed in neighbour order from 0.0, as
        :func:`_gains` sums them). ``placed`` is each paragraph's row number (-1: not placed),
        ``where`` each row number's index among the ``rows`` rows."""
        start = self.offset[article]
        lo, hi = self.starts[start], self.starts[start + count]
        target = self.target[lo:hi]
        row = np.where(target >= 0, placed[target], -1)
        seated = row >= 0
        paragraph = self.source[lo:hi][seated] - start
        column = where[row[seated]]
        cells, at = unique_inverse(paragraph * rows + column)
        sums = np.bincount(at, weights=self.weight[lo:hi][seated], minlength=len(cells))
        return cells // rows, cells % rows, sums


def _first_and_inverse(
    codes: np.ndarray[Any, Any],
) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    """``unique_first`` and ``unique_inverse`` of ``codes`` from one sort (hundreds of
    thousands of paragraph pairs at 400 articles): the distinct codes, each one's first
    position, and each element's index among them."""
    order = np.argsort(codes, kind="stable")
    ordered = codes[order]
    starts = np.ones(len(ordered), dtype=bool)
    starts[1:] = ordered[1:] != ordered[:-1]
    inverse = np.empty(len(codes), dtype=np.intp)
    inverse[order] = np.cumsum(starts) - 1
    return ordered[starts], order[starts], inverse


def _compact(rows: list[dict[int, list[int]]]) -> list[dict[int, list[int]]]:
    """Let the unmatched paragraphs of different articles that fall between the same two
    aligned rows share rows, as a side-by-side diff shows changed blocks next to each other;
    otherwise the view becomes a staircase of mostly empty cells. Order is kept per article."""
    out: list[dict[int, list[int]]] = []
    gap: list[dict[int, list[int]]] = []

    def flush() -> None:
        queues: dict[int, list[list[int]]] = {}
        for row in gap:
            for art, paras in row.items():
                queues.setdefault(art, []).append(paras)
        depth = max((len(q) for q in queues.values()), default=0)
        for k in range(depth):
            out.append({art: list(q[k]) for art, q in sorted(queues.items()) if k < len(q)})
        gap.clear()

    for row in rows:
        if len(row) == 1:
            gap.append(row)
        else:
            flush()
            out.append(row)
    flush()
    return out


def _add_article(
    rows: list[dict[int, list[int]]],
    article: int,
    count: int,
    neighbours: Mapping[ParagraphKey, Mapping[ParagraphKey, float]],
    placed: Mapping[ParagraphKey, dict[int, list[int]]],
) -> tuple[list[dict[int, list[int]]], list[tuple[int, dict[int, list[int]]]]]:
    """The rows with ``article`` added, and the row each of its paragraphs sits in, from
    neighbours and placed paragraphs as dictionaries (the plain form of :class:`_Graph`)."""
    if count == 0:
        return rows, []
    cells = _gains(rows, article, count, neighbours, placed)
    paragraph = np.asarray([i for i, row_cells in enumerate(cells) for _ in row_cells], dtype=np.int64)
    column = np.asarray([j for row_cells in cells for j in row_cells], dtype=np.int64)
    value = np.asarray([v for row_cells in cells for v in row_cells.values()], dtype=np.float64)
    return _seat(rows, article, count, (paragraph, column, value))


def _seat(
    rows: list[dict[int, list[int]]],
    article: int,
    count: int,
    gains: tuple[np.ndarray[Any, Any], np.ndarray[Any, Any], np.ndarray[Any, Any]],
) -> tuple[list[dict[int, list[int]]], list[tuple[int, dict[int, list[int]]]]]:
    """The rows with ``article``'s ``count`` paragraphs added, given the link weight of each
    (paragraph, row index) cell it links to; and the row each paragraph sits in. The plain
    form of :func:`_placements` (a programme column per row below COMPACT_FROM_ROWS, the
    list of rows rebuilt), which the tests hold it to."""
    paragraph, column, value = gains
    if len(rows) <= COMPACT_FROM_ROWS:
        w = np.zeros((count, len(rows)))
        w[paragraph, column] = value
        return _trace(rows, article, *_programme(w))
    # Only the rows some paragraph links to take part in the programme: a row no paragraph of
    # this article links to can only be passed over, wherever the others go.
    linked, at = unique_inverse(column)
    w = np.zeros((count, len(linked)))
    w[paragraph, at] = value
    view, seated = _trace([rows[j] for j in linked.tolist()], article, *_programme(w))
    return _merge_passed(rows, linked.tolist(), view), seated


COMPACT_FROM_ROWS = 1000
"""From this many rows, each article is aligned to the rows its paragraphs link to, not to
every row: the rows grow with the articles, so aligning each article to all of them made the
stage grow with the square of the articles (14.5M cells at 200 synthetic articles, 58.6M at
400). The optimum is the same; a paragraph that matches nothing is placed just before the next
linked row (or last) rather than wherever the full programme's walk back stopped. No real
multi-outlet story comes near this many rows (the dev set's have about 30)."""


def _merge_passed(
    rows: Sequence[dict[int, list[int]]], linked: Sequence[int], view: list[dict[int, list[int]]]
) -> list[dict[int, list[int]]]:
    """``view`` (the linked rows, in order, with the new article's rows among them) with the
    rows that were left out put back in their places: each before the next linked row."""
    out: list[dict[int, list[int]]] = []
    taken = 0  # items of view already placed
    passed = 0  # the first row not yet placed
    for j in linked:
        out.extend(rows[passed:j])  # rows passed over, as slices: thousands of them
        row = rows[j]
        # The view's items up to and including this row: the new rows before it, then it
        # (rows are dicts extended in place, so the row is found by identity).
        while view[taken] is not row:
            out.append(view[taken])
            taken += 1
        out.append(row)
        taken += 1
        passed = j + 1
    out.extend(rows[passed:])
    out.extend(view[taken:])
    return out


def _gains(
    rows: Sequence[dict[int, list[int]]],
    article: int,
    count: int,
    neighbours: Mapping[ParagraphKey, Mapping[ParagraphKey, float]],
    placed: Mapping[ParagraphKey, dict[int, list[int]]],
) -> list[dict[int, float]]:
    """Link weight between each paragraph of ``article`` and each row it links to, by row index."""
    # Built in C (zip, map): it is rebuilt for every article over every row so far.
    index = dict(zip(map(id, rows), range(len(rows)), strict=True))
    out: list[dict[int, float]] = []
    for i in range(count):
        # Summed in Python floats (the same additions in the same order as into an array,
        # without a numpy scalar read and write per neighbour).
        cells: dict[int, float] = {}
        for other, value in neighbours.get((article, i), {}).items():
            row = placed.get(other)
            if row is not None:
                j = index[id(row)]
                cells[j] = cells.get(j, 0.0) + value
        out.append(cells)
    return out


_NEG = -1e18


def _programme(w: np.ndarray[Any, Any]) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    """Vectorised DP over (paragraphs consumed i, rows consumed j).

    ``M[i, j]``: p_i sits in row j. ``U[i, j]``: it does not (p_i opened a new row, or
    row j was skipped). Each DP row is a shifted maximum plus a running maximum, so
    numpy runs the inner loop. Which option each ``M`` cell came from is not kept: the walk
    back asks :func:`_move` for the few cells it passes (at most one per paragraph), where a
    table of them took four of each DP row's ten array operations.
    """
    m, r = w.shape
    big_m = np.full((m + 1, r + 1), _NEG)
    big_u = np.full((m + 1, r + 1), _NEG)
    big_u[0, :] = 0.0
    gained = w > 0
    linked: list[bool] = np.asarray(gained.any(axis=1)).tolist()
    for i in range(1, m + 1):
        prev_u, prev_m = big_u[i - 1], big_m[i - 1]
        # U starts as new_row, the best of U and M above: already a running maximum
        # (U[i-1, j+1] >= M[i-1, j], and U[i-1] rises).
        row_u = big_u[i]
        np.maximum(prev_u, prev_m, out=row_u)
        if not linked[i - 1]:
            continue  # a paragraph that links to no row: M stays _NEG, U is new_row (a quarter of them)
        # M: the best of the diagonal from U or M, or stacked on the match above (the first two's
        # maximum is new_row's), plus the gain where there is one (else it stays _NEG).
        best = np.maximum(row_u[:-1], prev_m[1:])
        np.add(best, w[i - 1], out=big_m[i, 1:], where=gained[i - 1])
        # U: the running maximum of new_row and the match one column left, in place.
        np.maximum(row_u[1:], big_m[i, :-1], out=row_u[1:])
        np.maximum.accumulate(row_u, out=row_u)
    return big_m, big_u


def _move(big_m: np.ndarray[Any, Any], big_u: np.ndarray[Any, Any], i: int, j: int) -> int:
    """Where ``M[i, j]`` came from, the first of the options that is largest (as argmax over
    them picks): 0 the diagonal from U, 1 the diagonal from M, 2 stacked on ``M[i-1, j]``."""
    diagonal, matched, stacked = (
        float(big_u[i - 1, j - 1]),
        float(big_m[i - 1, j - 1]),
        float(big_m[i - 1, j]),
    )
    best = max(max(diagonal, matched), stacked)
    return 0 if diagonal == best else 1 if matched == best else 2


def _trace(
    rows: list[dict[int, list[int]]],
    article: int,
    big_m: np.ndarray[Any, Any],
    big_u: np.ndarray[Any, Any],
) -> tuple[list[dict[int, list[int]]], list[tuple[int, dict[int, list[int]]]]]:
    """Follow the optimum back from the end and rebuild the rows with the new article; also
    the row each paragraph went to (so the caller need not search every row for them)."""
    placement = _walk(big_m, big_u)
    # Rows are extended in place: copying every row for every added article would make
    # alignment quadratic in the number of articles.
    out: list[dict[int, list[int]]] = []
    seated: list[tuple[int, dict[int, list[int]]]] = []
    cursor = 0
    for paragraph, row, before in placement:
        if cursor < before:
            out.extend(rows[cursor:before])
            cursor = before
        if row is None:
            out.append({article: [paragraph]})
        else:
            if cursor == row:
                out.append(rows[cursor])
                cursor += 1
            out[-1].setdefault(article, []).append(paragraph)
        seated.append((paragraph, out[-1]))
    out.extend(rows[cursor:])
    return out, seated


def _walk(big_m: np.ndarray[Any, Any], big_u: np.ndarray[Any, Any]) -> list[tuple[int, int | None, int]]:
    """The optimum followed back from the end: ``(paragraph, row, rows before it)`` for each
    paragraph in order, ``row`` None for a paragraph that opens a row of its own."""
    i, j = big_m.shape[0] - 1, big_m.shape[1] - 1
    in_match = big_m[i, j] > big_u[i, j]
    placement: list[tuple[int, int | None, int]] = []
    while i > 0:
        if in_match:
            placement.append((i - 1, j - 1, j - 1))
            move = _move(big_m, big_u, i, j)
            if move == 2:
                i -= 1
            else:
                i, j = i - 1, j - 1
                in_match = move == 1
            continue
        value = big_u[i, j]
        if value == max(big_u[i - 1, j], big_m[i - 1, j]):
            placement.append((i - 1, None, j))
            i -= 1
            in_match = big_m[i, j] > big_u[i, j]
        else:
            j = _next_stop(big_m, big_u, i, j)
            in_match = big_m[i, j] >= big_u[i, j]
    placement.reverse()
    return placement


def _next_stop(big_m: np.ndarray[Any, Any], big_u: np.ndarray[Any, Any], i: int, j: int) -> int:
    """Where the walk back along DP row ``i`` from column ``j`` (not placing paragraph ``i``
    there) stops: the nearest column left of ``j`` where a match starts (M >= U) or ``U`` came
    from the row above. Found in numpy windows rather than one Python step a column: the rows
    skipped are every row built so far that this article does not join, thousands of them
    for each article of a large story. Column 0 always stops (``U`` there is the row above's)."""
    step, hi = 32, j
    while hi > 0:
        lo = max(hi - step, 0)
        here_u = big_u[i, lo:hi]
        stops = (big_m[i, lo:hi] >= here_u) | (here_u == np.maximum(big_u[i - 1, lo:hi], big_m[i - 1, lo:hi]))
        found = np.flatnonzero(stops)
        if len(found):
            return lo + int(found[-1])
        hi, step = lo, step * 2
    return 0


def to_rows(rows: Sequence[dict[int, list[int]]], article_ids: Sequence[str]) -> tuple[Row, ...]:
    return tuple(
        Row(tuple((article_ids[a], tuple(sorted(paras))) for a, paras in sorted(row.items()))) for row in rows
    )


def align_claims(claims: Claims) -> tuple[Row, ...]:
    """The align stage: rows in which paragraphs that state the same facts face each other."""
    articles = claims.links.facts.articles
    lead = [_leading_titles(a) for a in articles]
    counts = [len(a.paragraphs) - k for a, k in zip(articles, lead, strict=True)]
    rows = _align(counts, _Graph(counts, *_body_links(claims, lead)))
    return to_rows(_with_headlines(lead, rows), [a.id for a in articles])


def _body_weights(claims: Claims, lead: Sequence[int]) -> dict[tuple[ParagraphKey, ParagraphKey], float]:
    """Link weight between body paragraphs, numbered from each article's first body paragraph
    (the headlines have their own row: see :func:`_with_headlines`), as the weights
    :func:`align` takes."""
    ends, sums = _body_links(claims, lead)
    return {((x, p), (y, q)): total for (x, p, y, q), total in zip(ends.tolist(), sums.tolist(), strict=True)}


def _body_links(claims: Claims, lead: Sequence[int]) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    """:func:`_body_weights` as the arrays :class:`_Graph` takes: each pair's (article,
    paragraph, article, paragraph) and weight, in the order of the dictionary. Built directly
    from the links: a large story has hundreds of thousands of paragraph pairs, and holding
    all of them and then the body's was the stage's peak memory; a dictionary of them, keyed
    by tuples, only to be read back into arrays was 0.4 s of 400 articles' alignment."""
    facts = claims.links.facts
    place: dict[tuple[int, int], int] = {}
    keys: list[tuple[int, int]] = []
    of_fact: list[int] = []  # each fact's body paragraph, in keys; -1 for a headline
    for f in facts.facts:
        at = (f.article, facts.sentences[f.sentence].paragraph_index)
        if at[1] < lead[at[0]]:
            of_fact.append(-1)
            continue
        if at not in place:
            place[at] = len(keys)
            keys.append((at[0], at[1] - lead[at[0]]))
        of_fact.append(place[at])
    paragraph = np.asarray(of_fact, dtype=np.int64)
    links = claims.links
    statements = np.asarray(links.statements, dtype=np.int64)

    # Every link's two facts and score as arrays (statement links, then value links, as
    # Links.fact_pairs gives them): the sums below were one Python step per link, hundreds of
    # thousands at 200 articles.
    def read(field: str, kind: type) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]:
        # One attribute of every link, read in C (attrgetter) rather than a list built first.
        get = attrgetter(field)
        statement, value = links.statement_links, links.value_links
        return (
            np.fromiter(map(get, statement), dtype=kind, count=len(statement)),
            np.fromiter(map(get, value), dtype=kind, count=len(value)),
        )

    statement_a, value_a = read("a", np.int64)
    statement_b, value_b = read("b", np.int64)
    a = np.concatenate((statements[statement_a], value_a))
    b = np.concatenate((statements[statement_b], value_b))
    score = np.concatenate(read("score", np.float64))
    claimed = np.zeros(len(facts.facts), dtype=bool)
    claimed[list(claims.claimed)] = True
    repeats = np.ones(len(facts.facts), dtype=np.int64)
    for fact, times in claims.repeats.items():
        repeats[fact] = times
    kept = claimed[a] & claimed[b] & (paragraph[a] >= 0) & (paragraph[b] >= 0)
    a, b, score = a[kept], b[kept], score[kept]
    # A fact its outlet states twice weighs half in each place: the paragraph stating
    # more of what the other outlet says should face it, not whichever repeat came last.
    share = score / (repeats[a] * repeats[b])
    n = max(len(keys), 1)
    codes = paragraph[a] * n + paragraph[b]
    pairs, first, where = _first_and_inverse(codes)
    # bincount adds each pair's shares in link order from 0.0, as the per-link sum did, and
    # the pairs come in the order of their first link, as the dict filled them.
    sums = np.bincount(where, weights=share, minlength=len(pairs))
    order = np.argsort(first, kind="stable")
    pairs = pairs[order]
    key = np.asarray(keys, dtype=np.int64).reshape(len(keys), 2)
    return np.concatenate((key[pairs // n], key[pairs % n]), axis=1), sums[order]


def _with_headlines(lead: Sequence[int], rows: list[dict[int, list[int]]]) -> list[dict[int, list[int]]]:
    """The body rows renumbered, below one row of every article's headlines (if any has one)."""
    if not any(lead):
        return rows
    first = {a: list(range(k)) for a, k in enumerate(lead) if k}
    return [first] + [{a: [p + lead[a] for p in paras] for a, paras in row.items()} for row in rows]


def _leading_titles(article: Article) -> int:
    count = 0
    while count < len(article.paragraphs) and article.paragraphs[count].kind == "title":
        count += 1
    return count
