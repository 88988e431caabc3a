"""``triangulate stories OUTDIR``: the reader opened on a corpus run's story list.

The list sits above the reader; Enter loads the story's saved comparison (no engine run)
into the reader, and ``q`` in the reader comes back to the list (``q`` there quits).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from textual import on
from textual.widgets import DataTable

from tui.app import TriangulateApp
from tui.corpus.output import StoryRow, story_path
from tui.corpus.saved import SavedComparisonError, load_comparison
from tui.messages import ComparisonReady
from tui.screens.reader import ReaderScreen
from tui.screens.stories import StoryChosen, StoryListScreen

LIST_SCREEN = "story-list"


class StoriesApp(TriangulateApp):
    def __init__(self, outdir: Path, rows: Sequence[StoryRow], theme: str | None = None) -> None:
        super().__init__([], theme, None)
        self.outdir = outdir
        self.story_rows = list(rows)
        self.opened: str | None = None
        """The story shown in the reader, if any."""

    def start(self) -> None:
        # Installed, so popping it keeps its filters and cursor for the way back.
        self.install_screen(StoryListScreen(self.story_rows), name=LIST_SCREEN)
        self.push_screen(LIST_SCREEN)

    @on(StoryChosen)
    def open_story(self, event: StoryChosen) -> None:
        path = story_path(self.outdir, event.story_id)
        try:
            comparison = load_comparison(path)
        except SavedComparisonError as error:
            self.notify(str(error), severity="error", markup=False, timeout=10)
            return
        self.opened = event.story_id
        self.inputs = [str(path)]
        self.pop_screen()
        self.post_message(ComparisonReady(comparison))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "export" and not isinstance(self.screen, ReaderScreen):
            return None
        return super().check_action(action, parameters)

    async def action_quit(self) -> None:
        if isinstance(self.screen, ReaderScreen):
            self.push_screen(LIST_SCREEN)
            self.get_screen(LIST_SCREEN).query_one(DataTable).focus()
            return
        await super().action_quit()


def run_stories(outdir: Path, rows: Sequence[StoryRow], theme: str | None) -> int:
    app = StoriesApp(outdir, rows, theme)
    app.run()
    return app.return_code or 0
