"""A vertical scrollbar drawn as the last cell of a Line-API widget's own lines.

Textual's scrollbar is a widget of its own beside the view: every scroll re-renders its
whole height through Rich (about 4 ms for 45 lines at 160x48), and the compositor cuts
every line of the view in two at its edge (two more ``Strip``s per line, each with seven
caches). A view that repaints every line on each key (a page, a jump) paid that on every
key. Drawn here, the bar is one segment appended to each line the view draws anyway.

It looks the same: the segments come from Textual's own
:meth:`~textual.scrollbar.ScrollBarRender.render_bar` with the colours Textual's
scrollbar would use (the widget's ``scrollbar-*`` styles, hover and grab included), and
the mouse does what it does on Textual's: a click above or below the thumb pages, the
thumb drags. The widget sets ``scrollbar-size-vertical: 0`` (so Textual keeps scrolling
but places no bar) and keeps its last column (or two) for this one: the reading grid always,
the detail view and the facts table when their text runs past the view, as Textual's did.
"""

from __future__ import annotations

from typing import Literal

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.color import Color
from textual.geometry import Region
from textual.scroll_view import ScrollView
from textual.scrollbar import ScrollBarRender

Part = Literal["up", "thumb", "down"]
"""Where on the bar a line is: above the thumb, on it, below it."""

_PARTS: dict[str, Part] = {"scroll_up": "up", "grab": "thumb", "scroll_down": "down"}


class DrawnScrollbar:
    """The bar of one :class:`~textual.scroll_view.ScrollView`, drawn in its last column."""

    def __init__(self, view: ScrollView, width: int = 1) -> None:
        self._view = view
        self.width = width
        """Columns the bar takes (Textual's default is 2; the reading grid's is 1)."""
        self._key: tuple[object, ...] = ()
        self._cells: list[Segment] = []
        self._parts: list[Part | None] = []
        self.hover = False
        self._grab: tuple[int, float] | None = None
        """(screen line, scroll position) where the thumb was grabbed."""
        self._colour_cache: tuple[Color, Color, bool] | None = None
        """(track, thumb, whether the screen shows bars) for the current hover, grab and theme:
        looking styles up walks the CSS, too slow for every line drawn."""

    def restyle(self) -> None:
        """The theme or the widget's styles changed: look the colours up again."""
        self._colour_cache = None

    @property
    def column(self) -> int:
        """The view's column the bar is drawn in."""
        return max(0, self._view.size.width - self.width)

    def cell(self, y: int, blank: Style) -> Segment:
        """The bar's segment on line ``y`` of the view; ``blank`` when nothing scrolls (as
        Textual shows no bar then). As of the last :meth:`update`: the view calls it once per
        frame (from ``render_lines``), as reading its size and scroll is too slow per line."""
        if not self._key:
            self.update()
        cell = self._cells[y] if 0 <= y < len(self._cells) else None
        return Segment(" " * self.width, blank) if cell is None else cell

    def _colours(self) -> tuple[Color, Color, bool]:
        """(track, thumb) as Textual's ScrollBar.render picks them, and whether bars show."""
        if self._colour_cache is not None:
            return self._colour_cache
        view = self._view
        styles = view.styles
        if self._grab is not None:
            background, color = styles.scrollbar_background_active, styles.scrollbar_color_active
        elif self.hover:
            background, color = styles.scrollbar_background_hover, styles.scrollbar_color_hover
        else:
            background, color = styles.scrollbar_background, styles.scrollbar_color
        if background.a < 1:
            base_background, _ = view.background_colors
            background = base_background + background
        shows = view.screen.styles.scrollbar_color.a > 0
        self._colour_cache = (background, background + color, shows)
        return self._colour_cache

    def update(self) -> None:
        """Recompute the bar if the view's size, scroll or colours changed."""
        view = self._view
        height = view.size.height
        virtual = view.virtual_size.height
        position = int(view.scroll_offset.y * 8) / 8  # Textual's bar moves in eighths of a line
        background, color, shows = self._colours()
        shown = view.show_vertical_scrollbar and shows
        key = (height, virtual, position, background, color, shown)
        if key == self._key:
            return
        self._key = key
        bar = ScrollBarRender.render_bar(
            size=height,
            virtual_size=virtual,
            window_size=height if shown and height < virtual else 0,
            position=position,
            thickness=self.width,
            vertical=True,
            back_color=background.rich_color,
            bar_color=color.rich_color,
        )
        segments = [segment for segment in bar.segments if segment.text]
        # The action names in the segments' meta say where each line is; the drawn segments
        # carry no meta (a click on them is handled by mouse_down, not by Textual's actions).
        self._parts = [
            _PARTS.get(str(segment.style.meta.get("@mouse.down", ""))) if segment.style else None
            for segment in segments
        ]
        self._cells = (
            [
                Segment(segment.text, segment.style.clear_meta_and_links() if segment.style else None)
                for segment in segments
            ]
            if shown
            else []
        )

    def _refresh(self) -> None:
        self._colour_cache = None
        view = self._view
        view.refresh(Region(self.column, 0, self.width, view.size.height))

    # ----- mouse (what Textual's ScrollBar does) --------------------------------------------

    def on_bar(self, x: int) -> bool:
        """Column ``x`` of the view is the bar's (and the view scrolls, so there is one)."""
        return x >= self.column and self._view.show_vertical_scrollbar

    def mouse_move(self, event: events.MouseMove) -> bool:
        """Hover and drag; True when it dragged the thumb (the view scrolled)."""
        view = self._view
        if self._grab is not None:
            line, position = self._grab
            height = max(1, view.size.height)
            scale = view.virtual_size.height / height
            view.scroll_to(y=position + (event.screen_y - line) * scale, animate=False)
            return True
        hover = self.on_bar(event.x)
        if hover != self.hover:
            self.hover = hover
            self._refresh()
        return False

    def mouse_down(self, event: events.MouseDown) -> bool:
        """Page or grab; True when the event was on the bar."""
        if not self.on_bar(event.x):
            return False
        self.update()
        part = self._parts[event.y] if 0 <= event.y < len(self._parts) else None
        view = self._view
        if part == "up":
            view.scroll_page_up(animate=False)
        elif part == "down":
            view.scroll_page_down(animate=False)
        elif part == "thumb":
            self._grab = (event.screen_y, view.scroll_offset.y)
            view.capture_mouse()
            self._refresh()
        return True

    def mouse_up(self, event: events.MouseUp) -> bool:
        if self._grab is None:
            return False
        self._grab = None
        self._view.release_mouse()
        self._refresh()
        return True

    def leave(self) -> None:
        if self.hover:
            self.hover = False
            self._refresh()


class ScrollbarMouse:
    """The mouse handlers of a view that draws a :class:`DrawnScrollbar` as ``_bar``: put it
    first among the view's bases (Textual finds handlers along the class's MRO)."""

    _bar: DrawnScrollbar

    def bar_scrolled(self) -> None:
        """The bar scrolled the view (a drag or a page): a hook for views that must react."""

    def on_mouse_move(self, event: events.MouseMove) -> None:
        if self._bar.mouse_move(event):
            self.bar_scrolled()

    def on_mouse_down(self, event: events.MouseDown) -> None:
        if self._bar.mouse_down(event):
            self.bar_scrolled()
            event.stop()

    def on_mouse_up(self, event: events.MouseUp) -> None:
        if self._bar.mouse_up(event):
            event.stop()

    def on_leave(self, event: events.Leave) -> None:
        self._bar.leave()
