"""Work in a forked child gives what this process gives, and the story-wide stages that use it
(value links beside the statement links, half the statement claims) give the serial result."""

from __future__ import annotations

import fcntl
import os
import threading
from pathlib import Path

import pytest

from bench.synthetic import generate_story
from tui.core import claims as claims_module
from tui.core import forking, memo
from tui.core.claims import classify
from tui.core.facts import Facts
from tui.core.ingest import Document, TextInput, load
from tui.core.json_format import dumps
from tui.core.linking import Links, link_facts
from tui.core.metadata import distinct_names
from tui.core.pipeline import Cancelled, compare_documents

SEEDS = Path(__file__).resolve().parents[2] / "seeds"

needs_fork = pytest.mark.skipif(forking.spare_cores() < 1, reason="needs fork and two cores")


def _documents() -> list[Document]:
    """The seeds and synthetic articles: value and statement links, name and value conflicts."""
    seeds = [TextInput(p.read_text(encoding="utf-8"), p.stem) for p in sorted(SEEDS.glob("*.txt"))]
    story = generate_story(8, paragraphs=8, seed=5)
    inputs = seeds + [TextInput(a.text, a.name) for a in story.articles]
    return distinct_names(load(item, n) for n, item in enumerate(inputs))


def _facts() -> Facts:
    found: list[Facts] = []
    original = link_facts

    def keep(facts: Facts, check: object = None, beside_ok: object = None) -> Links:
        found.append(facts)
        return original(facts, beside_ok=False)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("tui.core.linking.link_facts", keep)
        compare_documents(_documents(), workers=0)
    return found[0]


@needs_fork
def test_a_child_result_is_the_work_result() -> None:
    parent = os.getpid()
    with forking.beside(lambda: (os.getpid() != parent, [1.5, -0.0, "x"])) as job:
        assert job.forked
        assert job.result() == (True, [1.5, -0.0, "x"])
    assert not job.forked


def test_not_enabled_is_done_here() -> None:
    parent = os.getpid()
    with forking.beside(lambda: os.getpid() == parent, enabled=False) as job:
        assert not job.forked
        assert job.result() is True


@needs_fork
def test_a_child_that_dies_leaves_the_work_to_this_process() -> None:
    parent = os.getpid()

    def work() -> str:
        if os.getpid() != parent:
            os._exit(3)  # the child dies without a result
        return "here"

    with forking.beside(work) as job:
        assert job.forked
        assert job.result() == "here"


@needs_fork
def test_a_check_that_raises_ends_the_child_and_passes_on() -> None:
    import time

    class Stop(Exception):
        pass

    def stop() -> None:
        raise Stop

    with forking.beside(lambda: time.sleep(30)) as job:
        pid = job._pid
        assert pid is not None
        with pytest.raises(Stop):
            job.result(stop)
    assert not job.forked
    with pytest.raises(ChildProcessError):  # ended and reaped, not left running
        os.waitpid(pid, os.WNOHANG)


@pytest.mark.parametrize("split", [0, 1, 3, 7])
@pytest.mark.parametrize("enabled", [True, False])
def test_map_beside_is_the_plain_map(split: int, enabled: bool) -> None:
    items = list(range(7))
    assert forking.map_beside(lambda x: (x, x * 0.1), items, split, enabled) == [(x, x * 0.1) for x in items]


def test_no_spare_core_inside_a_pool_worker(monkeypatch: pytest.MonkeyPatch) -> None:
    import multiprocessing

    monkeypatch.setattr(multiprocessing, "parent_process", lambda: object())
    assert forking.spare_cores() == 0
    assert not forking.beside(lambda: 1).forked


@needs_fork
def test_forked_links_equal_serial_links() -> None:
    facts = _facts()
    memo.clear()
    serial = link_facts(facts, beside_ok=False)
    memo.clear()
    forked = link_facts(facts, beside_ok=True)
    assert serial.value_links and serial.statement_links
    assert forked == serial
    assert [type(k) for k in forked.value_links[:3]] == [type(k) for k in serial.value_links[:3]]


@needs_fork
def test_forked_claims_equal_serial_claims() -> None:
    facts = _facts()
    links = link_facts(facts, beside_ok=False)
    memo.clear()
    serial = classify(links, beside_ok=False)
    memo.clear()
    forked = classify(links, beside_ok=True)
    assert len(serial.claims) > 10
    assert forked == serial


def _forked_everywhere(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("tui.core.linking.BESIDE_FROM_FACTS", 0)
    monkeypatch.setattr(claims_module, "BESIDE_FROM_LINKS", 0)


@needs_fork
def test_forked_comparison_from_a_thread_is_the_serial_one(monkeypatch: pytest.MonkeyPatch) -> None:
    """The reader calls the engine from a thread while its own threads run."""
    documents = _documents()
    memo.clear()
    serial = dumps(compare_documents(documents, workers=0))
    _forked_everywhere(monkeypatch)
    memo.clear()
    found: list[str] = []
    busy = threading.Event()
    other = threading.Thread(target=busy.wait)  # another thread alive while the children fork
    other.start()
    thread = threading.Thread(target=lambda: found.append(dumps(compare_documents(documents))))
    thread.start()
    thread.join()
    busy.set()
    other.join()
    assert found == [serial]


@needs_fork
def test_cancelling_while_a_child_works(monkeypatch: pytest.MonkeyPatch) -> None:
    _forked_everywhere(monkeypatch)
    waiting: list[bool] = []
    original = forking.Beside.result

    def result(self: forking.Beside[object], check: object = None) -> object:
        waiting.append(True)  # from here on, the caller's checks say cancel
        return original(self, check)  # type: ignore[arg-type]

    monkeypatch.setattr(forking.Beside, "result", result)
    with pytest.raises(Cancelled):
        compare_documents(_documents(), cancelled=lambda: bool(waiting))
    assert waiting == [True]


def test_no_child_when_told_zero_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    _forked_everywhere(monkeypatch)

    def refuse() -> int:
        raise AssertionError("forked")

    monkeypatch.setattr(os, "fork", refuse)
    assert compare_documents(_documents(), workers=0).claims


def _blocks_mapped_for(size: int) -> int:
    """How many blocks ``malloc`` took by ``mmap`` (glibc's ``mallinfo2().hblks``) for a block
    of ``size`` bytes: 1 or 0 (from the heap)."""
    import ctypes

    class MallInfo2(ctypes.Structure):
        _fields_ = [
            (name, ctypes.c_size_t)
            for name in "arena ordblks smblks hblks hblkhd usmblks fsmblks uordblks fordblks keepcost".split()
        ]

    mallinfo2 = ctypes.CDLL(None).mallinfo2
    mallinfo2.restype = MallInfo2
    before = mallinfo2().hblks
    held = bytearray(size)
    blocks = int(mallinfo2().hblks - before)
    del held
    return blocks


def _has_mallinfo2() -> bool:
    import ctypes

    try:
        return hasattr(ctypes.CDLL(None), "mallinfo2")
    except OSError:
        return False


@needs_fork
@pytest.mark.skipif(not _has_mallinfo2(), reason="needs glibc 2.33 or later")
def test_children_keep_large_blocks_on_their_heap_and_this_process_does_not() -> None:
    # 64 MiB is above glibc's largest adaptive mmap threshold (32 MiB): mapped by default.
    size = 64 << 20
    with forking.beside(lambda: _blocks_mapped_for(size)) as job:
        assert job.forked
        assert job.result() == 0
    with forking.fork_pool(1) as pool:
        assert pool.submit(_blocks_mapped_for, size).result() == 0
    assert _blocks_mapped_for(size) == 1


@needs_fork
def test_ready_says_whether_the_result_would_wait() -> None:
    gate, release = os.pipe()
    try:
        with forking.beside(lambda: os.read(gate, 1)) as job:
            assert not job.ready()  # the child waits on the gate: nothing sent yet
            os.write(release, b"x")
            assert job.result() == b"x"
            assert job.ready()  # taken: result() answers at once
    finally:
        os.close(gate)
        os.close(release)
    assert forking.beside(lambda: 1, enabled=False).ready()  # no child: done here at once


@needs_fork
@pytest.mark.skipif(not hasattr(fcntl, "F_GETPIPE_SZ"), reason="pipe sizes are Linux's")
def test_a_pool_worker_can_send_results_ahead_of_this_process() -> None:
    # A worker whose result pipe is full waits for this process's result thread, which waits
    # for the interpreter lock: the pipe holds a few text chunks (each 200-250 KB), not 64 KiB.
    # The pipe is the pool's own (a private attribute): if Python renames it, the widening
    # does nothing and this test says so.
    with forking.fork_pool(1) as pool:
        pipe = pool._result_queue._writer.fileno()  # type: ignore[attr-defined]
        assert fcntl.fcntl(pipe, fcntl.F_GETPIPE_SZ) >= forking.RESULT_PIPE >= 4 * 250_000
