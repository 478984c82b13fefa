"""What a picture for a slide leaves out when File › Export › Editor Marks
in Pictures is off: the ▾ that folds a group, the param/const tag on a
leaf, and the ring a finished pass puts round every card (a teacher's
trial called them editor chrome). The items read ``shown`` as they paint;
it is off only while such a picture is drawn (gui/canvas/image_export.py)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

#: False while a picture without the editor's marks is drawn.
shown = True


@contextmanager
def left_out(leave_out: bool) -> Iterator[None]:
    """While in it, the editor's marks are not drawn (if ``leave_out``)."""
    global shown
    was, shown = shown, shown and not leave_out
    try:
        yield
    finally:
        shown = was
