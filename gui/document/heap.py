"""A big document's objects kept out of Python's cycle collector.

A 50,000-node document is about a million tracked objects (the model, its
cards and wires, their Python wrappers) that live as long as it is open.
Every full collection walks them all, ~0.3–0.6 s, and one lands whenever
enough new objects have piled up: in the middle of a step of Backward, a
fold, a delete. So one collection clears what the previous document left
(its model, scene and signals hold each other in cycles) — run when the
scene has let the old cards go and before it makes the new ones, so it does
not walk those too — and once the big document is built, everything is
frozen (``gc.freeze``): later collections walk only what is new. The next
document unfreezes it first, so nothing of a closed document outlives the
collection that follows.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import QTimer

from core.autograd.engine import gc_paused

#: From this many nodes a document is frozen once built (below, a full
#: collection costs milliseconds and freezing buys nothing).
FREEZE_FROM = 5000


#: Inside a big ``document_heap`` whose old document is not yet collected.
_old_pending = False
#: The collector was paused by ``pause_for_open`` and is not on again yet.
_open_pause = False


def pause_for_open() -> None:
    """A file is about to be read into a new document: the collector is
    paused from here until that document is shown (``document_heap`` goes on
    with the pause) or ``resume_after_open``. Each pause of its own (the
    reader's, the builders') ended in a collection of the young objects,
    which were the whole new model: walked again for nothing (~0.1 s at
    50,000 nodes) before the one collection that follows the show."""
    global _open_pause
    if gc.isenabled():
        gc.disable()
        _open_pause = True


def resume_after_open() -> None:
    """The file was not shown after all (unreadable, cancelled, declined):
    the collector runs again, if ``pause_for_open`` paused it."""
    global _open_pause
    if _open_pause:
        _open_pause = False
        gc.enable()


def old_document_released() -> None:
    """The scene has let the old document's cards and wires go and not yet
    made the new ones: the collection that frees the old document runs now,
    before some 10^6 new objects are there for it to walk as well."""
    global _old_pending
    if _old_pending:
        _old_pending = False
        gc.collect()


@contextmanager
def document_heap(nodes: int) -> Iterator[None]:
    """Around showing a new document of ``nodes`` nodes: what was frozen for
    the old one is released before; a big new one is collected and frozen after.

    While a big one is shown the collector is paused: building its scene
    makes some 10^6 long-lived objects, and each collection on the way
    (the builders pause it for their own loops, not between them) walked
    them all again, up to a second at 50,000 nodes; the one collection
    after does the work once. A pause from ``pause_for_open`` (the file's
    reading) goes on through the show and ends with it."""
    global _old_pending, _open_pause
    gc.unfreeze()  # nothing frozen: nothing to do (asking first counts the frozen objects one by one)
    reading, _open_pause = _open_pause, False
    big = nodes >= FREEZE_FROM and (gc.isenabled() or reading)
    if big:
        gc.disable()
        _old_pending = True
    try:
        yield
    finally:
        if reading and not big:
            gc.enable()
        if big:
            gc.enable()
            if _old_pending:  # no scene said when the old one was let go
                gc.collect()
            _old_pending = False
            gc.freeze()


def built_anew(size: int) -> None:
    """Part of an open document of ``size`` nodes was just made again, to
    live as long as it (the far overview's block and line of every card and
    wire, after its groups changed: ~200,000 objects at 50,000 nodes): from
    ``FREEZE_FROM`` nodes it joins the frozen heap, as a big bulk edit's
    objects do (core/graph/bulk_edit.py). Left unfrozen, the next young
    collection that reached them took ~0.2 s and each full one after
    ~0.3 s, in whatever came next (folding the new groups)."""
    if size >= FREEZE_FROM and gc.isenabled():
        gc.freeze()


@contextmanager
def batch_heap(made: Callable[[], int]) -> Iterator[None]:
    """Around a batch with the collector paused; if it made ``FREEZE_FROM``
    or more things to live on (``made``: a count read before and after, such
    as the wires a fold re-routed: each one's ends are kept for the lazy
    wires and for Expand All), they join the frozen heap before the
    collector is back. Its first young collection walked them all (~30-45 ms
    right after folding every group at 50,000 nodes), the next generation's
    again."""
    before = made()
    with gc_paused():
        yield
        if made() - before >= FREEZE_FROM:
            gc.freeze()


@contextmanager
def pass_heap(nodes: int) -> Iterator[None]:
    """Around computing and showing a pass over a document of ``nodes``
    nodes: for a big one, the collector is paused and what was made is
    frozen with the document's heap after.

    A pass over 50,000 nodes keeps some 10^5 small records (each step's
    inputs, their values, what it added) as long as it is shown, and its
    first view files the wires a fold noted (gui/canvas/wires/lazy_wires.py);
    left young, a young collection walked them within the press of
    Backward, the next generation's walked them again with whatever else
    was young (0.3-0.8 s in all), and every full collection after would."""
    if nodes < FREEZE_FROM:
        yield
        return
    with gc_paused():
        try:
            yield
        finally:
            gc.freeze()  # before the collector is back: its first collection would walk them


#: What a view stopped using, freed a moment after the change that dropped it.
_LATER: list = []


def free_later(held: object) -> None:
    """Keep ``held`` alive until the event loop has been idle a moment: the
    old lines of a fold (~38,000 Qt objects at 50,000 nodes) cost ~0.7 µs
    each to free, ~28 ms inside the gesture that replaced them."""
    if held is None:
        return
    if not _LATER:
        QTimer.singleShot(300, _LATER.clear)
    _LATER.append(held)
