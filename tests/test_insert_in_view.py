"""Graph › Insert Neuron… and Insert MLP… show the new part and as much of
the graph built before as whole cards allow (gui/learning/templates.py).

A trial: Insert Neuron zoomed to the neuron alone, at 84 %; the graph the
user had built was out of view until he pressed Fit (23, 24).
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt, QTimer
from PySide6.QtWidgets import QApplication
from test_import_code_nn import click_menu_entry
from test_palette_placing import double_click_palette, name_value
from test_window_files import open_blog_example
from window_helpers import action, answers, tmp_settings, window  # noqa: F401

from gui.canvas.cards.card_text import FULL_ZOOM
from gui.learning.templates import READABLE


def insert_from_graph_menu(qtbot, w, name: str) -> list[str]:
    """Graph › ``name`` clicked, its dialog accepted with its defaults; the new ids."""
    before = set(w.model.nodes())

    def accept() -> None:
        dlg = QApplication.activeModalWidget()
        assert dlg is not None
        dlg.accept()

    QTimer.singleShot(100, accept)
    click_menu_entry(qtbot, w, "graph", action(w, name))
    qtbot.waitUntil(lambda: len(w.model) > len(before), timeout=5000)
    QApplication.processEvents()
    return [n for n in w.model.nodes() if n not in before]


def seen(w) -> QRectF:
    return w.view.mapToScene(w.view.viewport().rect()).boundingRect()


def shown_whole(w, ids) -> list[str]:
    """Those of ``ids`` whose cards are wholly in view (a card folded in a group: its group's card)."""
    out = []
    for n in ids:
        it = w.scene.node_item(n)
        if it is not None and it.isVisible() and seen(w).contains(it.sceneBoundingRect()):
            out.append(n)
    return out


def new_graph(qtbot, w, *values: str) -> list[str]:
    """File › New, then a Value for each of ``values`` ("a = 5") double-clicked in the palette."""
    w.resize(1600, 1000)
    qtbot.keyClick(w, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    QApplication.processEvents()
    ids = []
    for text in values:
        ids.append(double_click_palette(qtbot, w, "leaf"))
        name_value(qtbot, w, text)
    return ids


def test_a_neuron_inserted_beside_a_small_graph_shows_all_of_it(qtbot, window):
    """All of it fits with whole cards: all of it is shown, cards whole."""
    w = window
    old = new_graph(qtbot, w, "a = 5")
    new = insert_from_graph_menu(qtbot, w, "learn_insert_neuron")
    assert w.model.output == "o"
    assert shown_whole(w, old + new) == old + new
    assert w.view.zoom >= FULL_ZOOM


def test_a_neuron_inserted_beside_the_users_graph_shows_both(qtbot, window):
    """The trial's a·b, then Insert Neuron: both in view, cards that still
    write their names and values (he pressed Fit to see them: 59 %)."""
    w = window
    old = new_graph(qtbot, w, "a = 5", "b = -3")
    old.append(double_click_palette(qtbot, w, "mul"))
    new = insert_from_graph_menu(qtbot, w, "learn_insert_neuron")
    assert shown_whole(w, old + new) == old + new
    assert w.view.zoom >= READABLE


def test_an_mlp_inserted_beside_a_graph_shows_the_mlp_and_the_way_back(qtbot, window):
    """The MLP and the graph beside it do not fit readably: the MLP whole in
    view, the view moved toward the graph built before as far as it can."""
    w = window
    w.resize(1600, 1000)
    open_blog_example(w)
    neuron = insert_from_graph_menu(qtbot, w, "learn_insert_neuron")
    assert shown_whole(w, neuron) == neuron  # (the lecture's graph beside it: tested above)
    before = w.view.graph_rect()
    mlp = insert_from_graph_menu(qtbot, w, "learn_insert_mlp")
    assert w.model.output == "loss"
    groups = [c.sceneBoundingRect() for c in w.scene.folding.cards() if c.isVisible()]
    shown = [n for n in mlp if w.scene.node_item(n).isVisible()]
    assert shown_whole(w, shown) == shown and all(seen(w).contains(g) for g in groups)
    assert w.view.zoom >= READABLE
    assert seen(w).intersects(before), "the graph built before is out of view"
