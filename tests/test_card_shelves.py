"""Cards made after a graph was built go onto shelves (gui/canvas/cards/card_shelves.py),
not Qt's top level, whose list of every card Qt re-sorts for each addition
after a frame and for the frame after it (issue 14): counted, never timed.
They stack, move, park and go as cards always did."""

from __future__ import annotations

import pytest
from canvas_helpers import drag, make_canvas
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtWidgets import QApplication
from test_bulk_edits import grid_model

from core.graph.model import GraphModel
from gui.canvas.cards import card_shelves
from gui.canvas.cards.card_shelves import CardShelf
from gui.canvas.items import NodeItem
from gui.editing import clipboard
from gui.editing import commands as C
from gui.editing.editor import GraphEditor


def top_level(scene) -> int:
    return sum(1 for it in scene.items() if it.parentItem() is None)


def qt_stacking(scene, region: QRectF) -> list[str]:
    """The visible cards meeting ``region`` as Qt stacks them, topmost first."""
    return [
        it.node_id
        for it in scene.items(
            region, Qt.ItemSelectionMode.IntersectsItemBoundingRect, Qt.SortOrder.DescendingOrder
        )
        if isinstance(it, NodeItem) and it.isVisible()
    ]


def paste_of(scene, stack, ids: list[str]) -> list[str]:
    """Copies of ``ids`` over them (40 units off: a paste lands in free room,
    so the command itself), with the wires between them."""
    ed = GraphEditor(scene, stack)
    scene.select_ids(ids)
    nodes, edges = clipboard.parse(ed.selection_payload())
    cmd = C.PasteCommand(scene.model, nodes, edges, 40.0, 40.0)
    C.push(stack, cmd)
    return cmd.new_ids


@pytest.mark.parametrize("n", [300, 3000])
def test_a_paste_adds_no_card_to_qts_top_level_and_stacks_each_over_what_it_covers(qtbot, monkeypatch, n):
    monkeypatch.setattr(card_shelves, "SIZE", 40)
    m = grid_model(n)
    _, stack, scene, view = make_canvas(qtbot, m)
    view.viewport().repaint()
    before = top_level(scene)
    assert len(scene.shelves) == 1  # made with the graph's cards, before any frame
    new = paste_of(scene, stack, [f"v{i}" for i in range(50)])  # over the cards they were copied from
    view.viewport().repaint()
    assert len(new) == 50 and top_level(scene) == before + 1  # a second shelf of 40, nothing else
    m.add_node("neg", "one", x=30.0, y=30.0)  # a card added alone: on the newest shelf too
    new += paste_of(scene, stack, [f"v{i}" for i in range(3)])  # and a paste over it
    assert top_level(scene) == before + 1 and len(scene.shelves) == 2
    everywhere = scene.graph_rect().adjusted(-50, -50, 50, 50)
    # Qt draws (and clicks) them in the order the card grid files them: the later above
    assert qt_stacking(scene, everywhere) == [it.node_id for it in scene.cards_in(everywhere)]
    pasted = scene.node_item(new[0])
    under = [i for i in qt_stacking(scene, pasted.sceneBoundingRect()) if i in ("v0", new[0], "one")]
    assert under[0] == new[-3] or under.index(new[0]) < under.index("v0")
    # deleted and undone: parked on its shelf and back, still stacked so
    C.push(stack, C.DeleteCommand(m, new[::-1]))
    assert top_level(scene) == before + 1
    stack.undo()
    assert qt_stacking(scene, everywhere) == [it.node_id for it in scene.cards_in(everywhere)]
    assert all(isinstance(scene.node_item(i).parentItem(), CardShelf) for i in new)


def test_a_card_on_a_shelf_is_dragged_grouped_and_gone_with_its_document(qtbot):
    m = GraphModel()
    m.add_node("leaf", "a", value=1.0, x=0.0, y=0.0)
    _, stack, scene, view = make_canvas(qtbot, m)
    view.viewport().repaint()
    before = top_level(scene)
    C.push(stack, C.PasteCommand(m, [{"id": "b", "op": "neg"}], [], 300.0, 0.0))
    assert top_level(scene) == before  # onto the shelf made with the graph
    (b,) = set(m.nodes()) - {"a"}
    card = scene.node_item(b)
    assert isinstance(card.parentItem(), CardShelf)
    x, y = m.position(b)
    view.centerOn(QPointF(x, y))
    QApplication.processEvents()
    drag(view, card.sceneBoundingRect().center(), card.sceneBoundingRect().center() + QPointF(120, 40))
    assert m.position(b) == pytest.approx((x + 120, y + 40), abs=2)
    assert card.scenePos() == QPointF(*m.position(b))
    gid = m.groups.add(["a", b], "pair")  # into its group's box and back
    QApplication.processEvents()
    assert not isinstance(card.parentItem(), CardShelf)
    m.groups.remove(gid)
    QApplication.processEvents()
    assert card.parentItem() is None and card.isVisible() and scene.node_item(b) is card
    scene.set_model(GraphModel())
    assert not [it for it in scene.items() if isinstance(it, NodeItem)]
    shelves = [it for it in scene.items() if isinstance(it, CardShelf)]
    assert len(scene.shelves) == len(shelves) == 1 and shelves[0].childItems() == []  # the new graph's
