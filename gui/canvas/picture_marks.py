"""What a picture for a slide leaves out when File › Export › Editor Marks
in Pictures is off: the ▾ that folds a group, the param/const tag on a
leaf, and, in a picture of a finished pass, the ring it puts round every
card (a teacher's trial called them editor chrome; mid-pass the rings say
which gradients are final, and stay). The items read ``shown`` and
``rings`` as they paint; they are off only while such a picture is drawn
(gui/canvas/image_export.py)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

#: False while a picture without the editor's marks is drawn.
shown = True
#: False while a finished pass is drawn so (its "done" rings round every card).
rings = True
#: True while any picture is drawn: what only helps at the screen (Find's ring round a
#: match) is left out whatever the marks (t70 #7: a slide came with a pink frame round w1).
picturing = False


@contextmanager
def left_out(leave_out: bool, finished: bool = False) -> Iterator[None]:
    """While in it, the editor's marks are not drawn (if ``leave_out``), nor
    the done rings of a ``finished`` pass."""
    global shown, rings, picturing
    was = shown, rings, picturing
    shown = shown and not leave_out
    rings = rings and not (leave_out and finished)
    picturing = True
    try:
        yield
    finally:
        shown, rings, picturing = was
