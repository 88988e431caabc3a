"""The Triangulate reader: a keyboard-driven Textual app for side-by-side review.

The app owns the data (comparison, review state, settings); the reader screen
and its widgets own the view. The engine runs in a thread worker, imported only
when the worker starts, so the first frame never waits for it.
"""

from __future__ import annotations

import contextlib
import gc
import os
import threading
import time
import traceback
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events, on, work
from textual.app import App
from textual.binding import Binding, BindingType
from textual.command import CommandPalette
from textual.message import Message
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.theme import Theme
from textual.timer import Timer
from textual.widgets import Input
from textual.worker import get_current_worker

from tui.commands import BindingCommands
from tui.config import Settings, load_settings, save_settings
from tui.config import reason as settings_reason
from tui.core.models import Claim, Comparison
from tui.idle_collection import CHECK_EVERY, IdleCollection
from tui.key_order import KeyOrder, KeySettled
from tui.messages import (
    BoilerplateToggled,
    ClaimChosen,
    ComparisonFailed,
    ComparisonPreview,
    ComparisonProgress,
    ComparisonReady,
    CursorMoved,
    DetailRequested,
    MarkRequested,
)
from tui.review.store import UnreadableReview
from tui.screens.reader import ReaderScreen
from tui.state.pacing import Paced
from tui.themes import CLAIM_VARIABLES, DEFAULT_DARK, load_themes
from tui.widgets import strip_cycles

if TYPE_CHECKING:
    from tui.core.forking import Beside
    from tui.review.marks import Mark, ReviewState
    from tui.review.store import ReviewStore
    from tui.screens.export import ExportRequest
    from tui.state.reading_model import ReadingModel

MONO_THEME = "triangulate-mono"
PREVIEW_WAIT = 1.0
"""Seconds the engine's thread waits at most for the articles' preview to be drawn before it
goes on with the analysis anyway."""
AHEAD_PREVIEW_AFTER = 0.3
"""Seconds the reader waits for a small story's analysis started ahead (:mod:`tui.core.ahead`)
before it shows the articles meanwhile: on a free core the comparison is there already."""
PROGRESS_EVERY = 0.25
"""Seconds at least between two showings of the analysis's progress (the latest report)."""
DETAIL_AHEAD_DELAY = 0.03
"""Seconds the reader's selection stays put before its detail is laid out ahead (the frame
that shows the selection is drawn first, and a key held down does not wait for it)."""


def no_color_requested() -> bool:
    """``NO_COLOR`` is set (Textual, like the no-color.org convention, honours it when present)."""
    return "NO_COLOR" in os.environ


def _excerpt(comparison: Comparison, claim: Claim) -> str:
    first = comparison.sentence_by_id.get(claim.sentence_ids[0]) if claim.sentence_ids else None
    return first.text if first else ""


def _fact(comparison: Comparison, claim: Claim) -> str:
    """The claim's fact as the facts table names it, kept with a mark (see ``ClaimReview.fact``)."""
    from tui.state.orphans import fact_of

    return fact_of(comparison, claim)


def _about(comparison: Comparison, claim: Claim) -> tuple[str, str, tuple[str, ...], str]:
    """What a mark keeps of its claim: excerpt, fact, member keys and label (``ClaimReview``)."""
    from tui.review.reattach import member_keys

    return _excerpt(comparison, claim), _fact(comparison, claim), member_keys(claim), claim.label


def _settle_heap() -> None:
    """Take the comparison, which lives as long as the app, out of the collector's scans.

    Otherwise every full collection walks each sentence, claim and cached strip: a pause
    of tens of milliseconds landing on a key press with twenty articles open.
    """
    gc.collect()
    gc.freeze()


def _lasting_model(comparison: Comparison) -> ReadingModel:
    """The reading model of the comparison the app shows, out of the collector's scans at once.

    It lives as long as the comparison (which is frozen already: as it was loaded from the cache,
    or by the engine's thread after a collection). Built with the collector running, its 100,000
    dict entries and tuples at 200 articles set off 80-90 young collections and then sat in the
    generations that every collection until the first frame's settling walks again; nothing in
    it is cyclic garbage, so it is frozen as built, as :func:`tui.core.cache.load` does."""
    from tui.core.collector import collector_paused
    from tui.state.reading_model import ReadingModel

    # Something is frozen (the start-up heap, frozen in on_load, and the comparison): no need
    # to walk the frozen list to find that out.
    with collector_paused(frozen=True):
        model = ReadingModel(comparison)
        gc.freeze()
    return model


class HeapToSettle(Message):
    """Long-lived lookups were built in a thread: collect and freeze on the app's loop."""


class TriangulateApp(App[int]):
    """Side-by-side review of several articles about one story."""

    CSS_PATH = "app.tcss"
    TITLE = "Triangulate"
    COMMANDS: ClassVar[set[Any]] = App.COMMANDS | {BindingCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("question_mark", "help", "Help", key_display="?", id="app.help"),
        Binding("T", "cycle_theme", "Next theme", show=False, id="view.theme"),
        Binding("v", "mark('verified')", "Mark verified", show=False, id="review.verified"),
        Binding("d", "mark('disputed')", "Mark disputed", show=False, id="review.disputed"),
        Binding("r", "mark('follow-up')", "Mark needs follow-up", show=False, id="review.follow-up"),
        Binding("x", "mark('')", "Clear mark", show=False, id="review.clear"),
        Binding("O", "orphans", "Orphaned marks", show=False, id="review.orphans"),
        # Priority: the app opens the editor before it hands on the next key, so the keys typed
        # right after (in one burst: a paste, a slow link) reach it, not the commands of the
        # grid, the detail view or the facts table (which list "a" but leave it to this).
        Binding("a", "note", "Note on claim", show=False, id="review.note", priority=True),
        Binding("e", "export", "Export report", show=False, id="app.export", priority=True),
    ]

    def __init__(
        self,
        inputs: Sequence[str],
        theme: str | None = None,
        review_path: Path | None = None,
        *,
        comparison: Comparison | None = None,
        names: Mapping[str, str] | None = None,
        title: str | None = None,
        ahead: Beside[Comparison] | None = None,
    ) -> None:
        # Textual answers NO_COLOR with a greyscale filter, which still sends 256-colour
        # greys; with native ANSI colour on, its filter drops colour altogether.
        super().__init__(ansi_color=True if no_color_requested() else None)
        strip_cycles.install()
        self.inputs = list(inputs)
        self.names = dict(names or {})
        """Outlet names the user gave (``--source``), by input path."""
        self.story_title = title
        self._ahead = ahead
        """The inputs' analysis already running in a forked child (:mod:`tui.core.ahead`)."""
        self.requested_theme = theme
        self.review_path = review_path
        self.comparison: Comparison | None = comparison
        self.model: ReadingModel | None = None
        self.review: ReviewState | None = None
        self.store: ReviewStore | None = None
        self.exit_status = 0
        self.settings = Settings()
        self._theme_names: list[str] = []
        self._saved_theme: str | None = None
        """The theme the settings file already has in effect: starting with it saves nothing."""
        self._detail_ahead: Timer | None = None
        self._progress: Paced[tuple[str, float]] = Paced(PROGRESS_EVERY)
        """The analysis's latest progress report, shown at most every PROGRESS_EVERY seconds."""
        self._collection = IdleCollection()
        """Full garbage collections while no key comes (:mod:`tui.idle_collection`)."""
        self._keys = KeyOrder(self, super().on_event)
        self._unstored: Callable[[], None] | None = None
        """Writes the analysis cache's entry for a story analysed now; taken (once) after the
        comparison is on screen, or when the app closes (:meth:`_store_analysis`)."""
        self._unstored_lock = threading.Lock()

    # ----- notifications ---------------------------------------------------------------

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Every notification is plain text, whoever sends it (widgets pass ``markup=True``).

        Messages carry file names, server replies, theme names and search text, none of it
        ours: as markup, ``br[a="]acket.txt`` raised MarkupError and ``[@click=…]`` was live.
        Control characters are spelled out so none reaches the terminal.
        """
        from tui.core.display import visible

        super().notify(
            visible(message, keep_newlines=True),
            title=visible(title),
            severity=severity,
            timeout=timeout,
            markup=False,
        )

    # ----- start-up --------------------------------------------------------------------

    def get_default_screen(self) -> Screen[Any]:
        return ReaderScreen()

    @property
    def reader(self) -> ReaderScreen:
        screen = self.screen_stack[0]
        assert isinstance(screen, ReaderScreen)
        return screen

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return dict(CLAIM_VARIABLES)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.InputEvent) and not event.is_forwarded and self._collection.input_seen():
            # Overdue: run it once this input is answered on screen, not inside the next one.
            self.call_after_refresh(self._collection.collect_overdue)
        if isinstance(event, events.Key) and not self.screen_stack:
            return  # closing: a key still on its way has no screen left to act on
        if isinstance(event, events.Key) and not event.is_forwarded:
            # In order, each where the keys before it left the focus (tui.key_order).
            await self._keys.arrived(event)
            return
        await super().on_event(event)

    @property
    def keys_waiting(self) -> bool:
        """Keys have arrived that are not yet handled (tui.key_order)."""
        return not self._keys.idle

    @on(KeySettled)
    async def _key_settled(self, message: KeySettled) -> None:
        await self._keys.settled(message)

    async def on_idle(self) -> None:
        await self._keys.check()

    def on_load(self) -> None:
        # What the process has built so far (the imported modules of Textual, Rich and the app,
        # 40,000 objects tracked) lives as long as it: out of the collector's scans, or the full
        # collections that start-up sets off walk all of it (50-100 ms before the first frame
        # of a story). Here, as the app starts running, so that on_unmount lets them go again.
        gc.freeze()
        # The theme before anything is styled: the stylesheet is parsed on the first styling
        # (the screen's compose), with the theme's variables. Set in on_mount, the app's and
        # the screen's CSS was parsed with Textual's default theme first and then parsed twice
        # more for the chosen one (the reparse, then the stylesheet again), and the app and
        # screen restyled: 10-15 ms of every start. (Notifications wait for the screen.)
        loaded = load_settings()
        self.settings = loaded.settings
        if loaded.warning:
            self.notify(loaded.warning, severity="warning")
        self._install_themes()

    def on_mount(self) -> None:
        if self.comparison is not None:
            self.post_message(ComparisonReady(self.comparison))
        else:
            self.start()

    def start(self) -> None:
        """Begin once mounted without a comparison: compare the inputs (the story list overrides)."""
        self._compare()

    def _install_themes(self) -> None:
        themes = load_themes()
        for problem in themes.problems:
            self.notify(problem, severity="warning", timeout=8)
        for theme in themes.themes:
            self.register_theme(theme)
        self._theme_names = [t.name for t in themes.themes]
        if not self._theme_names:
            self.notify("No themes found: using Textual's default.", severity="warning")
            self._theme_names = ["textual-dark", "textual-light"]
        # Only themes that know the claim colours: Textual's own (gruvbox, textual-light...) kept
        # the dark theme's claim colours, pale green on light grey in textual-light.
        available = [name for name in self.available_themes if name in self._theme_names]
        saved = self.settings.theme if self.settings.theme in available else None
        if saved is None and no_color_requested() and MONO_THEME in available:
            saved = MONO_THEME
        fallback = saved or (DEFAULT_DARK if DEFAULT_DARK in available else self._theme_names[0])
        wanted = self.requested_theme or self.settings.theme
        if wanted is not None and wanted not in available:
            # Names from the command line and the settings file are untrusted: shown with repr.
            self.notify(f"Unknown theme {wanted!r}: using {fallback}.", severity="warning")
            wanted = None
        self.theme = wanted or fallback
        for name in [n for n in self.available_themes if n not in available]:
            self.unregister_theme(name)  # and so out of the palette's theme list
        self._saved_theme = self.theme
        self.theme_changed_signal.subscribe(self, self._theme_changed)

    def _theme_changed(self, theme: Theme) -> None:
        for screen in self.screen_stack:
            restyle = getattr(screen, "restyle", None)
            if callable(restyle) and screen.is_mounted:  # (at start-up nothing is styled yet)
                restyle()
        if theme.name == self._saved_theme:
            # The signal for the theme set at start-up: nothing to save, and saving would
            # import tomlkit and write the file on every start (40 ms of a repeat open).
            return
        self._saved_theme = theme.name
        self.settings = self.settings.with_theme(theme.name)
        self._save_settings()

    def _save_settings(self) -> None:
        try:
            save_settings(self.settings)
        except OSError as error:
            self.notify(f"Could not save settings: {settings_reason(error)}", severity="warning")

    # ----- the comparison worker -----------------------------------------------------------

    @work(thread=True, exclusive=True, exit_on_error=False, group="compare")
    def _compare(self) -> None:
        worker = get_current_worker()
        analysed = False

        def before_analysis() -> None:
            nonlocal analysed
            analysed = True

        # Imported here, not with the app: the first frame does not wait for them.
        from tui.core.errors import InputError
        from tui.core.patterns import save_compiled
        from tui.core.pipeline import Cancelled, compare

        last = 0.0

        def progress(stage: str, fraction: float) -> None:
            nonlocal last
            now = time.monotonic()
            if now - last >= 0.1 or fraction >= 1.0:
                last = now
                self.post_message(ComparisonProgress(stage, fraction))

        def preview(early: Comparison) -> None:
            # The analysis takes the interpreter lock in turns with the drawing, so it waits
            # until the articles are on screen; segmenting does not wait for any frame, so on
            # a small story the very first frame shows them (drawing the loading screen first,
            # then restyling and laying out again, made the articles come 0.1-0.2 s later).
            # Bounded, so an app that never draws still analyses.
            if not worker.is_cancelled:
                shown = threading.Event()
                self.post_message(ComparisonPreview(early, shown))
                shown.wait(PREVIEW_WAIT)

        try:
            if self._ahead is not None:
                # A small story, analysed in a child since before the app started: on a free
                # core the comparison comes about when the first frame does, with no preview.
                # If it is late (the machine is busy), the articles are segmented and shown
                # here meanwhile, as the reader's own analysis would have shown them.
                ahead, late = self._ahead, time.monotonic() + AHEAD_PREVIEW_AFTER
                previewed = False

                def check_ahead() -> None:
                    nonlocal previewed
                    if worker.is_cancelled:
                        raise Cancelled
                    if not previewed and time.monotonic() >= late and not ahead.ready():
                        previewed = True
                        self._preview_alone(preview, lambda: worker.is_cancelled)

                comparison = ahead.result(check_ahead)
                analysed = True
            else:
                comparison = compare(
                    self.inputs,
                    progress=progress,
                    cancelled=lambda: worker.is_cancelled,
                    use_cache=True,
                    names=self.names,
                    preview=preview,
                    before_analysis=before_analysis,
                    keep_cached=True,  # frozen as it is loaded: it lives as long as the app
                    store_later=self._store_later,  # after the comparison is on screen
                )
        except InputError as error:
            self.post_message(ComparisonFailed(str(error)))
        except Exception as error:
            self.log.error(traceback.format_exc())
            self.post_message(ComparisonFailed(f"Internal error: {type(error).__name__}: {error}"))
        else:
            if self._ahead is None:  # (the analysis ahead stores its own, where it compiled them)
                save_compiled()  # the next start builds the core's patterns instead of compiling them
            if not worker.is_cancelled:
                # The comparison lives as long as the app: take it out of the collector's
                # generations now, or every collection set off while the reader indexes it
                # and draws the first frame walks all of it (a 200-article story from the
                # cache is 170,000 objects: that was a third of the time to the first frame).
                # Collected first, so the analysis's own garbage is not frozen with it. (A
                # cached result was frozen as it was loaded, with no garbage made.)
                if analysed:
                    _settle_heap()
                self.post_message(ComparisonReady(comparison))

    def _preview_alone(self, preview: Callable[[Comparison], None], cancelled: Callable[[], bool]) -> None:
        """Read and segment the inputs here and hand them to ``preview``, no further: the
        engine's own cancelling ends the call right after its preview."""
        from tui.core.errors import InputError
        from tui.core.pipeline import Cancelled, compare

        shown = False

        def keep(early: Comparison) -> None:
            nonlocal shown
            shown = True
            preview(early)

        # An input error is the analysis's to report (the child's, or the reader's fallback).
        with contextlib.suppress(Cancelled, InputError):
            compare(self.inputs, names=self.names, preview=keep, cancelled=lambda: shown or cancelled())

    @on(ComparisonProgress)
    def comparison_progress_received(self, event: ComparisonProgress) -> None:
        # Paced: each showing lays the screen out and draws it again, on the interpreter lock
        # the analysis needs, and every stage's end is reported at once (five frames in the
        # seeds' 0.3 s analysis). A burst shows its last report; the last report always shows.
        wait = self._progress.offer((event.stage, event.fraction), time.monotonic())
        if wait == 0.0:
            self._show_progress()
        elif wait is not None:
            self.set_timer(wait, self._show_progress, name="progress")

    def _show_progress(self) -> None:
        report = self._progress.take(time.monotonic())
        # (Late: the comparison, or the reason there is none, may be on screen already.)
        if report is not None and self.comparison is None and self.exit_status == 0 and self.screen_stack:
            self.reader.show_progress(*report)

    @on(ComparisonPreview)
    def comparison_preview_received(self, event: ComparisonPreview) -> None:
        from tui.state.reading_model import ReadingModel

        if self.comparison is None and event.comparison.articles:
            model = ReadingModel(event.comparison)
            self.reader.show_preview(model, hide_boilerplate=self.settings.hide_boilerplate)
            if event.shown is not None:
                self.call_after_refresh(event.shown.set)
        elif event.shown is not None:
            event.shown.set()

    @on(ComparisonFailed)
    def comparison_failed_received(self, event: ComparisonFailed) -> None:
        self.exit_status = 2
        self.reader.show_failure(event.reason)

    @on(ComparisonReady)
    def comparison_ready_received(self, event: ComparisonReady) -> None:
        comparison = event.comparison
        if self.story_title:
            comparison = replace(comparison, title=self.story_title)
        self.comparison = comparison
        self.model = _lasting_model(comparison)
        self._open_review(comparison)
        for path, reason in comparison.skipped:
            self.notify(f"Skipped {path}: {reason}", severity="warning", timeout=8)
        if not comparison.articles:
            self.exit_status = 2
            self.reader.show_failure("No readable articles in the input.")
            return
        if len(comparison.articles) == 1:
            # Every claim is then "unique": say why, rather than let it read as a finding.
            self.notify(
                "Only one article: nothing to compare it with. Give two or more about the story.",
                severity="warning",
                timeout=8,
            )
        self.reader.refresh_marks(self.marks())
        self.reader.show_comparison(self.model, pivot=None, hide_boilerplate=self.settings.hide_boilerplate)
        model = self.model

        def after_first_frame() -> None:
            # Not before: the thread would take the interpreter lock in turns with the
            # first frame of a 200-article story and nearly double the time to it.
            from tui.core.story_groups import mixed_story_warning

            # After the comparison is drawn: it imports numpy, which a cached open had not.
            mixed = mixed_story_warning(comparison)
            if mixed is not None:
                self.notify(mixed, severity="warning", timeout=15)
            _settle_heap()
            self._prepare(model)
            if not self._collection.active:
                self._collection.start()
                self.set_interval(CHECK_EVERY, self._collection.tick)

        self.call_after_refresh(after_first_frame)

    def _store_later(self, store: Callable[[], None]) -> None:
        with self._unstored_lock:
            self._unstored = store

    def _store_analysis(self) -> None:
        """Write the analysis cache's entry, if the analysis left one to write and no one has
        taken it yet."""
        with self._unstored_lock:
            store, self._unstored = self._unstored, None
        if store is not None:
            store()

    @work(thread=True, exit_on_error=False, group="prepare")
    def _prepare(self, model: ReadingModel) -> None:
        """Build, while the reader reads, what the facts table and the detail view will ask
        for, so their first opening does not wait seconds on a story of hundreds of articles;
        then store the analysis for the next open."""
        model.fact_rows  # noqa: B018 - computed and kept by the model
        model.cited_by_sentence  # noqa: B018
        self._store_analysis()
        # Frozen so the collector does not walk them on key presses; collected first on the
        # app's loop, between two inputs: from this thread the full collection could take the
        # interpreter lock in the middle of a key. (A message, which an app that has already
        # closed just drops, not call_from_thread, which would wait for it.)
        self.post_message(HeapToSettle())

    @on(HeapToSettle)
    def _settle_heap_requested(self, event: HeapToSettle) -> None:
        _settle_heap()

    def on_unmount(self) -> None:
        self._store_analysis()  # closed before the reader got to it: the next open is still quick
        self._collection.stop()
        gc.unfreeze()  # let a process that runs several apps (tests) reclaim this one

    def _open_review(self, comparison: Comparison) -> None:
        from tui.review.marks import ReviewState
        from tui.review.store import UnreadableReview, open_review

        try:
            store, loaded = open_review(comparison.articles, self.review_path, comparison.claims)
        except (OSError, UnreadableReview) as error:
            self.notify(f"Review marks unavailable: {error}", severity="error", timeout=10)
            self.review = ReviewState()
            return
        self.store = store
        self.review = loaded.state
        if loaded.warning:
            self.notify(loaded.warning, severity="warning", timeout=10)
        if loaded.notice:
            self.notify(loaded.notice, timeout=10)
        from tui.state.orphans import orphan_notice, reattached_notice

        moved = reattached_notice(loaded.reattached)
        if moved:
            self.notify(moved, timeout=10)
        orphaned = orphan_notice(len(loaded.state.orphans(comparison)), len(loaded.state.entries))
        if orphaned:
            self.notify(orphaned, severity="warning", timeout=12)

    # ----- review --------------------------------------------------------------------------

    def marks(self) -> dict[str, str]:
        """Claim key -> mark for every marked claim."""
        if self.review is None:
            return {}
        return {e.key: e.mark for e in self.review.entries if e.mark is not None}

    def review_of(self, claim: Claim) -> tuple[str | None, str]:
        entry = self.review.get(claim.key) if self.review is not None else None
        return (entry.mark, entry.note) if entry is not None else (None, "")

    def _target_claim(self) -> Claim | None:
        """The claim review keys act on: whatever the active screen says it is showing."""
        if self.comparison is None:
            return None
        claim_id = getattr(self._under_palette(), "target_claim_id", None)
        return self.comparison.claim_by_id.get(claim_id) if isinstance(claim_id, str) else None

    def _store_review(self, state: ReviewState) -> None:
        self.review = state
        if self.store is not None:
            before = self.store.path
            try:
                # The store merges with marks another reader saved meanwhile: show those too.
                self.review = self.store.save(state)
            except (OSError, UnreadableReview) as error:
                self.notify(f"Could not save review marks: {error}", severity="error", timeout=10)
            if self.store.path != before:
                self.notify(
                    f"{before} changed on disk and cannot be read; it was left untouched. "
                    f"Marks are now saved to {self.store.path}.",
                    severity="warning",
                    timeout=10,
                )
        marks = self.marks()
        for screen in self.screen_stack:
            refresh = getattr(screen, "refresh_marks", None)
            if callable(refresh):
                refresh(marks)

    def _under_palette(self) -> Screen[Any]:
        """The screen the user works in: the one under the command palette while it is open
        (the palette lists that screen's commands, and runs them once it has closed)."""
        if isinstance(self.screen, CommandPalette) and len(self.screen_stack) > 1:
            return self.screen_stack[-2]
        return self.screen

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        screen = self._under_palette()
        typing = isinstance(self.focused, Input) and screen is self.screen
        if action in ("note", "export") and (typing or getattr(screen, "TAKES_TEXT", False)):
            return False  # typed into a box or a note, "a" and "e" are text
        if action in ("mark", "note"):
            return True if self._target_claim() is not None and self.review is not None else None
        if action == "export":
            return True if self.comparison is not None and self.review is not None else None
        if action == "orphans":
            ready = self.comparison is not None and self.review is not None
            return True if ready and isinstance(self.screen, ReaderScreen) else None
        return True

    @on(MarkRequested)
    def _mark_requested(self, event: MarkRequested) -> None:
        claim = self.comparison.claim_by_id.get(event.claim_id) if self.comparison else None
        if claim is not None:
            self._set_mark(claim, event.mark)

    @on(CursorMoved)
    def _selection_moved(self, event: CursorMoved) -> None:
        # Once the selection has stayed put for a moment: a key held down moves it again
        # before then, and restarts the wait.
        if self._detail_ahead is not None:
            self._detail_ahead.reset()
        elif event.claim_id is not None:
            self._detail_ahead = self.set_timer(DETAIL_AHEAD_DELAY, self._prepare_detail, name="detail ahead")

    def _prepare_detail(self) -> None:
        """Lay out the reader's selected claim in the closed detail view and facts table, so
        Enter or `t` only has to show them (building and wrapping the detail of a fact that 200
        sources state was half of Enter)."""
        self._detail_ahead = None
        if not self.screen_stack:
            return  # the app is closing: the timer outlived its screens
        reader = self.reader
        selected = reader.grid.selected if self.screen is reader else None
        if self.model is None or selected is None:
            return
        from tui.screens.detail import prepare_detail
        from tui.screens.facts import prepare_facts

        prepare_detail(self, self.model, selected.id, self.review_of)
        prepare_facts(self, self.model, reader.marks(), reader.fact_columns(), selected.id)

    @on(DetailRequested)
    def _detail_requested(self, event: DetailRequested) -> None:
        if self.model is None or event.claim_id not in self.model.comparison.claim_by_id:
            return
        from tui.screens.detail import open_detail

        open_detail(self, self.model, event.claim_id, self.review_of)

    def action_mark(self, mark: str) -> None:
        claim = self._target_claim()
        if claim is not None:
            self._set_mark(claim, mark)

    def _set_mark(self, claim: Claim, mark: str) -> None:
        if self.review is None or self.comparison is None:
            return
        value: Mark | None = None
        from tui.review.marks import MARKS

        for known in MARKS:
            if known == mark:
                value = known
        comparison = self.comparison
        self._store_review(self.review.with_mark(claim.key, value, *_about(comparison, claim)))

    def action_note(self) -> None:
        claim = self._target_claim()
        if claim is not None:
            self._edit_note(claim)

    def _edit_note(self, claim: Claim) -> None:
        if self.comparison is None:
            return
        from tui.screens.note import NoteScreen

        comparison = self.comparison
        _, note = self.review_of(claim)

        def save(text: str | None) -> None:
            if text is not None and self.review is not None:
                self._store_review(self.review.with_note(claim.key, text.strip(), *_about(comparison, claim)))

        self.push_screen(NoteScreen(_excerpt(comparison, claim), note), save)

    def action_orphans(self) -> None:
        if self.comparison is None or self.review is None:
            return
        from tui.screens.orphans import OrphansScreen
        from tui.state.orphans import orphan_items

        items = orphan_items(self.review, self.comparison)
        if not items:
            self.notify("No orphaned marks: every mark and note is on a claim.", timeout=4)
            return

        def chosen(claim_id: str | None) -> None:
            if claim_id is not None:
                self.reader.post_message(ClaimChosen(claim_id))

        self.push_screen(OrphansScreen(items, self.marks()), chosen)

    # ----- export ----------------------------------------------------------------------------

    def default_report_path(self) -> Path:
        """Beside the first input on disk (never inside an input folder), else the cwd, named
        for this story (:func:`tui.export.default_report_name`) so that exporting another
        story from the same folder does not replace this one. Never beside the bundled story:
        that is the program's own folder (site-packages, once installed)."""
        from tui.cli import bundled_seeds
        from tui.export import default_report_name

        name = default_report_name(self.comparison) if self.comparison is not None else "triangulate-report"
        ours = bundled_seeds().resolve()
        for item in self.inputs:
            path = Path(item)
            try:
                if path.resolve() == ours or ours in path.resolve().parents:
                    continue
                if item != "-" and "://" not in item and path.exists():
                    return path.resolve().parent / f"{name}.md"
            except OSError:
                continue
        return Path.cwd() / f"{name}.md"

    def action_export(self) -> None:
        from tui.screens.export import ExportScreen

        self.push_screen(ExportScreen(self.default_report_path()), self._write_report)

    def _write_report(self, request: ExportRequest | None) -> None:
        if request is None or self.comparison is None or self.review is None:
            return
        try:
            from tui.core.atomic import write_output
            from tui.core.metadata import for_sharing
            from tui.export import render

            text: str = render(for_sharing(self.comparison), self.review, request.fmt)
            problem = self._export_problem(request.path)
            if problem is not None:
                self.notify(f"Export refused: {request.path} {problem}", severity="error", timeout=10)
                return
            write_output(request.path, text.encode("utf-8"))
        except (ImportError, OSError, ValueError) as error:
            self.notify(f"Export failed: {error}", severity="error", timeout=10)
            return
        self.notify(f"Report written to {request.path}", timeout=8)

    def _export_problem(self, target: Path) -> str | None:
        """Why a report must not go to ``target``: it is an article, the review file or
        another review file of the reader's folder."""
        from tui.review.store import in_review_folder

        if self.comparison is None:
            return None
        if in_review_folder(target):
            return "is in the reader's review folder"
        ours = [a.path for a in self.comparison.articles]
        if self.store is not None:
            ours.append(str(self.store.path))
        for name in ours:
            try:
                if os.path.samefile(name, target):
                    return "is one of the inputs or the review file"
            except (OSError, ValueError):
                continue
        return None

    # ----- app-wide actions ------------------------------------------------------------------

    def deliver_screenshot(
        self, filename: str | None = None, path: str | None = None, time_format: str | None = None
    ) -> str | None:
        """Save an SVG of the screen beside the inputs (where reports go), atomically.

        Textual's own delivery aims at ~/Downloads, which is missing on most servers, so the
        palette's Screenshot command only ever said "Failed to save screenshot".
        """
        from datetime import datetime

        from tui.core.atomic import write_atomic

        directory = Path(path).expanduser() if path else self.default_report_path().parent
        stamp = datetime.now().strftime(time_format or "%Y-%m-%dT%H_%M_%S")
        target = directory / (filename or f"triangulate-{stamp}.svg")
        try:
            write_atomic(target, self.export_screenshot().encode("utf-8"))
        except OSError as error:
            self.notify(f"Could not save the screenshot: {error}", severity="error", markup=False)
            return None
        self.notify(f"Screenshot saved to {target}", title="Screenshot", markup=False)
        return str(target)

    def action_help_quit(self) -> None:
        """ctrl+c does not quit (in a text box it copies): say which keys do. Textual's own
        notice is markup ("Press [b]ctrl+q[/b]"), shown as it is by our plain notifications."""
        keys = [
            key
            for key, active in self.active_bindings.items()
            if active.binding.action in ("quit", "app.quit")
        ]
        keys.sort(key=len)  # "q" before "ctrl+q"
        if keys:
            self.notify(f"Press {' or '.join(keys)} to quit.", title="Do you want to quit?")

    def action_help(self) -> None:
        from tui.screens.help import HelpScreen

        # The keys of the screen it is asked from: the reader's, or the facts table's.
        # (Modal screens never get here: they cut the app's bindings off.)
        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen(self.screen))

    def action_cycle_theme(self) -> None:
        names = [n for n in self._theme_names if n in self.available_themes]
        if not names:
            return
        index = names.index(self.theme) + 1 if self.theme in names else 0
        self.theme = names[index % len(names)]
        self.notify(f"Theme: {self.theme}", timeout=2)

    async def action_quit(self) -> None:
        self.exit(return_code=self.exit_status)

    @on(BoilerplateToggled)
    def remember_boilerplate(self, event: BoilerplateToggled) -> None:
        self.settings = replace(self.settings, hide_boilerplate=event.hidden)
        self._save_settings()


def run_app(
    inputs: list[str],
    theme: str | None,
    review_path: Path | None,
    *,
    names: Mapping[str, str] | None = None,
    title: str | None = None,
    ahead: Beside[Comparison] | None = None,
) -> int:
    """Run the reader until the user quits; returns the process exit status. ``ahead`` is
    the inputs' analysis started before (:func:`tui.core.ahead.start_analysis`); a child
    still running when the reader ends is ended with it."""
    app = TriangulateApp(inputs, theme, review_path, names=names, title=title, ahead=ahead)
    with ahead or contextlib.nullcontext():
        app.run()
    return app.return_code or 0
