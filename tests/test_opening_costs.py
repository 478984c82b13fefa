"""Opening a big file does its whole-graph work once (issue 14): counted,
never timed. The cycle collector walks the new heap once, after the
document is shown; the old document's cards end their gestures in one
call; a card made far out gets its paint cache only when the view reveals
it; the canvas is not repainted behind the dialog while a big file loads."""

from __future__ import annotations

import gc
import os
import threading

import pytest
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QGraphicsItem
from test_scaling_open import grid_model
from window_helpers import Button, answers, tmp_settings, window  # noqa: F401

from core.files import fileio
from gui.canvas.items import NodeItem
from gui.common import style as S
from gui.document import heap

_CACHED = QGraphicsItem.CacheMode.DeviceCoordinateCache
_NO_CACHE = QGraphicsItem.CacheMode.NoCache


@pytest.fixture
def unfrozen():
    yield
    gc.unfreeze()


@pytest.fixture
def collections():
    """The generation of each collection the cycle collector runs meanwhile."""
    seen: list[int] = []

    def note(phase: str, info: dict) -> None:
        if phase == "start":
            seen.append(info["generation"])

    gc.callbacks.append(note)
    yield seen
    gc.callbacks.remove(note)


def test_a_big_document_is_walked_by_the_collector_once(window, monkeypatch, unfrozen, collections):
    monkeypatch.setattr(heap, "FREEZE_FROM", 100)
    frozen, counted = gc.get_freeze_count, []  # counting walks every frozen object
    monkeypatch.setattr(gc, "get_freeze_count", lambda: counted.append(1) or frozen())
    big = grid_model(600)
    collections.clear()
    window.open_model(big, "big")  # some 10^4 new objects: dozens of young collections
    assert collections == [2]  # the one that clears the old document's cycles, then the heap is frozen
    assert gc.isenabled() and frozen() > 0
    window.undo_stack.setClean()
    window.open_model(grid_model(60), "small")  # below the bound: the collector as ever
    assert gc.isenabled() and frozen() == 0
    assert counted == []


def test_the_collector_is_on_again_when_showing_a_document_fails(unfrozen):
    with pytest.raises(RuntimeError), heap.document_heap(heap.FREEZE_FROM):
        assert not gc.isenabled()  # paused while the document is shown
        raise RuntimeError("no scene")
    assert gc.isenabled()


def test_the_old_cards_end_their_gestures_in_one_call(window):
    window.open_model(grid_model(400), "first")
    QApplication.processEvents()
    handler = window.scene.interaction
    calls: list[int] = []
    one, many = handler.node_removing, handler.nodes_removing
    handler.node_removing = lambda n: calls.append(1) or one(n)  # type: ignore[method-assign]
    handler.nodes_removing = lambda ids: calls.append(len(ids)) or many(ids)  # type: ignore[method-assign]
    window.undo_stack.setClean()
    window.open_model(grid_model(50), "second")
    assert calls == [400]  # one call for every card, not one each


def test_a_card_made_far_out_is_cached_once_the_view_reveals_it(window, tmp_path, monkeypatch):
    path = str(tmp_path / "big.mgraph")
    fileio.save(grid_model(1200, cols=120), path)  # its fit is far out
    assert window.open_path(path)
    QApplication.processEvents()
    sc, v = window.scene, window.view
    assert sc.far and {it.cacheMode() for it in sc.node_items()} == {_NO_CACHE}
    v.set_zoom(1.0)
    v.viewport().repaint()
    seen = v.mapToScene(v.viewport().rect()).boundingRect()
    near = sc.node_items_in(seen)
    assert near and all(it.cacheMode() == _CACHED for it in near)  # drawn as any card near
    assert sum(it.cacheMode() == _CACHED for it in sc.node_items()) < len(sc.node_items()) / 4
    # out and back in: a revealed card keeps its cache (setting it again would drop its picture)
    calls: list[int] = []
    set_mode = NodeItem.setCacheMode
    monkeypatch.setattr(NodeItem, "setCacheMode", lambda it, *a: calls.append(1) or set_mode(it, *a))
    v.set_zoom(S.FAR_ZOOM / 2)
    v.set_zoom(1.0)
    v.viewport().repaint()
    assert calls == [] and all(it.cacheMode() == _CACHED for it in near)


class _Paints(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def test_the_canvas_is_not_repainted_while_a_big_file_loads(window, tmp_path, monkeypatch):
    from gui.window import loading

    path = str(tmp_path / "g.mgraph")
    fileio.save(grid_model(300), path)
    window.open_model(grid_model(400), "shown")
    QApplication.processEvents()
    window.undo_stack.setClean()
    real = loading.opening.load_file
    monkeypatch.setattr(loading, "BIG_FILE_BYTES", 0)  # through the loading thread and its dialog
    gate = threading.Event()

    def slow(p):
        gate.wait(10)
        return real(p)

    monkeypatch.setattr(loading.opening, "load_file", slow)
    paints = _Paints()
    window.view.viewport().installEventFilter(paints)
    during: list[int] = []

    def later() -> None:  # the event loop turns while the file loads
        window.view.viewport().update()  # as anything asking for a repaint meanwhile
        QApplication.processEvents()
        during.append(paints.count)
        gate.set()

    QTimer.singleShot(150, later)
    assert window.open_path(path)
    assert during == [0]
    QApplication.processEvents()
    assert paints.count >= 1 and window.view.viewport().updatesEnabled()  # the new graph is drawn


def test_the_old_items_go_in_the_order_they_came(window):
    """Qt takes a top-level item out of its list of them (sorted by stacking
    order) by a walk from the front: the cards go in the order they were
    added, each found first; the wires made since go before them (out of
    the wire boxes, which step aside while the cards go)."""
    window.open_model(grid_model(1200, cols=120), "first")  # far out: no wire item yet
    QApplication.processEvents()
    sc = window.scene
    window.view.set_zoom(1.0)
    window.view.viewport().repaint()  # the wires in view get their items now
    made = sc.wires.made_items()
    assert 0 < len(made) < len(sc.wires)
    gone: list = []
    remove = sc.removeItem
    sc.removeItem = lambda it: gone.append(it) or remove(it)  # type: ignore[method-assign]
    window.undo_stack.setClean()
    window.open_model(grid_model(50), "second")
    cards = [it for it in gone if isinstance(it, NodeItem)]
    assert [c.node_id for c in cards] == [f"v{i}" for i in range(1200)]
    assert gone[: len(made)] == made
    first = gone.index(cards[0])
    assert gone[first : first + len(cards)] == cards  # one after the other


def test_no_layer_stacks_under_the_old_cards_while_they_go(window):
    """Each layer the scene keeps under its cards (the through wires, the
    wire box, the overview, the frames) sat ahead of every card in Qt's
    top-level list, so each card's removal moved all the cards after it
    (quadratic: 0.68 s for 50,000 cards): they step out of the scene while
    the cards go, and come back as they were."""
    window.open_model(grid_model(1200, cols=120), "first")
    QApplication.processEvents()
    sc = window.scene
    under = [it for it in sc.items() if it.parentItem() is None and it.zValue() < 1.0]
    assert len(under) >= 4
    seen: list[list] = []
    remove = sc.removeItem

    def spy(it) -> None:
        if isinstance(it, NodeItem) and it.node_id in ("v0", "v1199"):  # the first and the last
            seen.append([x for x in under if x.scene() is sc])
        remove(it)

    sc.removeItem = spy  # type: ignore[method-assign]
    window.undo_stack.setClean()
    window.open_model(grid_model(1300, cols=120), "second")
    assert seen == [[], []]
    assert all(x.scene() is sc and x.parentItem() is None for x in under)  # back, as they were
    assert sorted(x.zValue() for x in under) == sorted(
        x.zValue() for x in sc.items() if x.parentItem() is None and x.zValue() < 1.0
    )


@pytest.mark.parametrize("threaded", [False, True])
def test_the_collector_walks_an_opened_file_once(
    window, tmp_path, monkeypatch, unfrozen, collections, threaded
):
    """The collector is paused from the file's reading through the show: the
    reader's own pause ended in a collection of the young objects (the
    whole new model, read a moment ago) before the one after the show."""
    from gui.window import loading

    monkeypatch.setattr(heap, "FREEZE_FROM", 100)
    if threaded:
        monkeypatch.setattr(loading, "BIG_FILE_BYTES", 0)  # read on the loader's thread
    path = str(tmp_path / "g.mgraph")
    fileio.save(grid_model(1500), path)  # tens of thousands of new objects: young collections due
    window.open_model(grid_model(200), "shown")
    window.undo_stack.setClean()
    collections.clear()
    assert window.open_path(path)
    assert collections == [2]  # the one that frees the old document, then the heap is frozen
    assert gc.isenabled()


def test_the_collector_runs_again_when_a_file_is_not_shown(window, tmp_path, answers):
    bad = tmp_path / "bad.mgraph"
    bad.write_text("{not json")
    answers.save_changes = None
    assert not window.open_path(str(bad))  # an error: reported, nothing shown
    assert answers.errors and gc.isenabled()
    good = str(tmp_path / "g.mgraph")
    fileio.save(grid_model(30), good)
    window.document.mark_modified()  # unsaved changes: the question comes after the reading
    answers.save_changes = Button.Cancel
    assert not window.open_path(good)
    QApplication.processEvents()
    assert gc.isenabled()


def test_the_old_documents_overview_is_gone_before_the_collection_that_frees_it(
    window, monkeypatch, unfrozen
):
    """The collection that frees the old document walks every object there
    is: the old graph's overview lines and blocks (one of each per wire and
    card) are dropped before it, not kept until the new graph's replace them."""
    monkeypatch.setattr(heap, "FREEZE_FROM", 100)
    window.open_model(grid_model(1200, cols=120), "first")  # built far out: the overview has it all
    layer = window.scene._layer
    assert window.scene.far and layer._lines[None] and any(layer._blocks)
    kept: list[int] = []  # at the start of each full collection: the lines and blocks still held

    def note(phase: str, info: dict) -> None:
        if phase == "start" and info["generation"] == 2:
            kept.append(
                sum(map(len, layer._lines.values())) + sum(len(b) for c in layer._blocks for b in c.values())
            )

    gc.callbacks.append(note)
    try:
        window.undo_stack.setClean()
        window.open_model(grid_model(1100, cols=110), "second")
    finally:
        gc.callbacks.remove(note)
    assert kept == [0]
    QApplication.processEvents()
    assert len(layer._lines[None]) == len(window.model.edges())  # the new graph's, as built


def test_opening_and_saving_a_file_write_the_settings_once(window, tmp_path, monkeypatch, answers):
    """The recent list and the last folder go into the settings file in one
    write (a write of the file each cost opening 10-40 ms)."""
    from PySide6.QtCore import QSettings

    from gui.common import settings

    path = str(tmp_path / "g.mgraph")
    fileio.save(grid_model(30), path)
    writes: list[int] = []
    sync = QSettings.sync
    monkeypatch.setattr(QSettings, "sync", lambda s: writes.append(1) or sync(s))
    assert window.open_path(path)
    assert writes == [1]
    assert settings.recent_files()[0] == os.path.abspath(path) and settings.last_folder() == str(tmp_path)
    other = str(tmp_path / "sub" / "h.mgraph")
    os.makedirs(os.path.dirname(other))
    answers.save_path = other
    writes.clear()
    assert window.save_as()
    assert writes == [1] and settings.recent_files()[:2] == [other, os.path.abspath(path)]
    assert settings.last_folder() == os.path.dirname(other)
