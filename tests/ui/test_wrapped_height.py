"""Row heights are counted on plain text; the count must equal Rich's own word wrap."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.text import Text

from tui.widgets.cell_text import wrapped_height

CONSOLE = Console(width=200)

PIECES = st.sampled_from(
    [
        "a",
        "word",
        "shares",
        "7%",
        "“quoted”",
        "naïve",
        "東京",
        "x" * 45,
        "https://example.com/a/very/long/path",
        " ",
        "  ",
        "\n",
        "\n\n",
        "—",
    ]
)


def rich_height(plain: str, width: int) -> int:
    return len(Text(plain, end="").wrap(CONSOLE, width, overflow="fold"))


@settings(max_examples=400, deadline=None)
@given(st.lists(PIECES, max_size=40).map("".join), st.integers(min_value=1, max_value=60))
def test_wrapped_height_is_riches_line_count(plain: str, width: int) -> None:
    assert wrapped_height(plain, width) == rich_height(plain, width)


def test_wrapped_height_on_a_real_paragraph() -> None:
    paragraph = (
        "Meta said on Wednesday that its shares rose 7% in after-hours trading, while a rival "
        "outlet put the rise at 8%; analysts at “Big Bank” called it a beat."
    )
    for width in (10, 20, 35, 37, 80):
        assert wrapped_height(paragraph, width) == rich_height(paragraph, width)
