"""A folded card dragged and dropped onto another card is drawn over it, as a
moved item is in any diagram editor (verify56: "layer 1 [2]" dropped onto
"layer 2 weights" went under it, Qt stacking cards of one z in the order
they were made)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QApplication
from window_helpers import answers, show_mlp, show_mlp_open, tmp_settings, window  # noqa: F401

from gui.canvas.folding.group_card import GroupCard


def _drag(qtbot, w, at: QPointF, to: QPointF) -> None:
    """Press at ``at``, move in steps and let go at ``to`` (scene points), as a user drags."""
    vp = w.view.viewport()
    start, end = w.view.mapFromScene(at), w.view.mapFromScene(to)
    qtbot.mousePress(vp, Qt.MouseButton.LeftButton, pos=start)
    for i in range(1, 9):
        qtbot.mouseMove(vp, start + (end - start) * i / 8)
    qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, pos=end)
    QApplication.processEvents()


def _top_card(w, at: QPointF):
    return next(it for it in w.scene.items(at) if isinstance(it, GroupCard) or hasattr(it, "node_id"))


def test_a_folded_card_dropped_onto_another_is_drawn_over_it(qtbot, window):
    w = window
    show_mlp(qtbot, w)
    QApplication.processEvents()
    cards = {c.label: c for c in w.scene.folding.cards()}
    moved, other = cards["layer 1 [2]"], cards["layer 2 weights"]
    r, c = other.sceneBoundingRect(), moved.sceneBoundingRect().center()
    _drag(qtbot, w, c, r.center() + (r.topLeft() - r.center()) * 0.3)  # most of it over the other
    over = moved.sceneBoundingRect().intersected(other.sceneBoundingRect())
    assert over.width() > 100 and over.height() > 40
    assert _top_card(w, over.center()) is moved
    # a click where they overlap picks the card drawn there: the one dropped
    w.scene.clearSelection()
    at = w.view.mapFromScene(over.center())
    qtbot.mouseClick(w.view.viewport(), Qt.MouseButton.LeftButton, pos=at)
    QApplication.processEvents()
    assert moved.isSelected() and not other.isSelected()
    # the other card, taken by its part in view and dropped back onto it, is over it in turn
    w.scene.clearSelection()
    r = other.sceneBoundingRect()
    grip = QPointF(r.right() - 12, r.bottom() - 12)
    assert _top_card(w, grip) is other
    _drag(qtbot, w, grip, grip + (moved.sceneBoundingRect().center() - r.center()))
    over = moved.sceneBoundingRect().intersected(other.sceneBoundingRect())
    assert _top_card(w, over.center()) is other


def test_a_value_card_dropped_onto_a_folded_card_is_drawn_over_it(qtbot, window):
    """The same for a card of no group (the MLP's data x1[2]) let go on the
    folded "layer 1 weights": it went wholly under it."""
    w = window
    show_mlp(qtbot, w)
    QApplication.processEvents()
    other = next(c for c in w.scene.folding.cards() if c.label == "layer 1 weights")
    card = w.scene.node_item(next(n for n in w.model.nodes() if w.model.label(n) == "x1[2]"))
    _drag(qtbot, w, card.sceneBoundingRect().center(), other.sceneBoundingRect().center())
    over = card.sceneBoundingRect().intersected(other.sceneBoundingRect())
    assert over.width() > 60 and over.height() > 40
    assert _top_card(w, over.center()) is card


def test_a_card_in_an_open_group_dropped_onto_another_of_its_group_is_drawn_over_it(qtbot, window):
    """Verify 57: in the opened "layer 2 [2]", n2.2.2[2] dropped onto w2.2.3·… went under it."""
    w = window
    layer = show_mlp_open(qtbot, w, "layer 2 [2]")
    m = w.model
    w.view.set_zoom(1.0)
    sc = w.scene
    boxed = [sc.node_item(n) for n in m.groups.nodes_in(layer)]
    boxed = [it for it in boxed if it is not None and it.isVisible()]
    # two cards of one box, the one made later drawn over the other where they meet
    pairs = [(a, b) for a in boxed for b in boxed if a is not b and a.parentItem() is b.parentItem()]
    moved, other = next((a, b) for a, b in pairs if sc._grid.serial(a.node_id) < sc._grid.serial(b.node_id))
    w.view.centerOn(other.sceneBoundingRect().center())
    sc.clearSelection()  # (the group opened is selected: a drag would move all of it)
    QApplication.processEvents()
    r = other.sceneBoundingRect()
    _drag(qtbot, w, moved.sceneBoundingRect().center(), r.center() + QPointF(r.width() * 0.2, 0))
    over = moved.sceneBoundingRect().intersected(other.sceneBoundingRect())
    assert over.width() > 40 and over.height() > 30
    assert _top_card(w, over.center()) is moved


def test_a_dropped_card_finds_the_cards_under_it_from_the_grid_not_every_item(qtbot, window, monkeypatch):
    """Review 57: Qt's collidingItems looked at every item of the scene (no
    index): 0.2 s a card dropped at 50,000 nodes. The cards near it only."""
    from gui.canvas.cards.node_item import NodeItem
    from gui.canvas.scene import GraphScene

    w = window
    show_mlp(qtbot, w)
    QApplication.processEvents()
    m, sc = w.model, w.scene
    card = sc.node_item(next(n for n in m.nodes() if m.label(n) == "x1[2]"))
    other = next(c for c in sc.folding.cards() if c.label == "layer 1 weights")
    looked: list[int] = []
    real = GraphScene.cards_meeting
    monkeypatch.setattr(GraphScene, "cards_meeting", lambda self, r: looked.append(n := real(self, r)) or n)
    monkeypatch.setattr(NodeItem, "collidingItems", lambda *a: pytest.fail("a pass over every item"))
    _drag(qtbot, w, card.sceneBoundingRect().center(), other.sceneBoundingRect().center())
    assert _top_card(w, card.sceneBoundingRect().intersected(other.sceneBoundingRect()).center()) is card
    assert looked and all(len(found) <= 4 for found in looked), [len(f) for f in looked]
