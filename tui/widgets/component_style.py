"""Component-class styles with their colours resolved against the widget's background.

``Widget.get_component_rich_style(..., partial=True)`` turns a Textual colour into a Rich
one without compositing it: alpha is dropped, so ``$foreground-muted`` comes out as the full
foreground. (Textual's ``auto`` colours, ``$text-muted`` and ``$text-disabled``, are worse:
a component class resolves them against no background and they come out white, which in the
light theme drew column titles white on a light grey; component classes here use the
``$foreground-*`` variables instead.) Line-API widgets that paint their own segments use
this to get the colour the theme means.
"""

from __future__ import annotations

from rich.style import Style
from textual.widget import Widget


def component_style(widget: Widget, name: str) -> Style:
    """The partial Rich style of component class ``name``, its text colour composited over
    the widget's own background (an ``auto`` colour becomes the contrasting text colour)."""
    partial = widget.get_component_rich_style(name, partial=True)
    styles = widget.get_component_styles(name)
    if not styles.has_rule("color"):
        return partial
    color = styles.color
    background = widget.background_colors[1]
    if color.auto:
        resolved = background + background.get_contrast_text(color.a)
    elif color.a < 1:
        resolved = background + color
    else:
        return partial
    return partial + Style(color=resolved.rich_color)
