"""Many cards leaving their groups' boxes at once (the groups gone: a delete
of every grouped node tells its groups first, an ungrouping) go onto fresh
shelves (gui/canvas/cards/card_shelves.py ``onto_fresh``), not Qt's top
level: Qt takes an item out of its top level by a search of its list of
them, closed up behind it, and the undo of deleting 50,000 grouped nodes
took each card out of the middle of that list (~10 GB moved: ~0.24 s).
Counted, never timed: what is in Qt's top level, what stacks over what."""

from __future__ import annotations

import random

import pytest
from canvas_helpers import make_canvas
from fold_consistency import consistent
from PySide6.QtCore import QRectF, Qt
from PySide6.QtWidgets import QApplication
from test_bulk_edits import grid_model
from test_card_shelves import qt_stacking, top_level
from test_grouped_delete_passes import grouped_chain
from window_helpers import answers, open_expanded, tmp_settings, window  # noqa: F401

from core.graph.group_records import Group
from gui.canvas.cards import card_shelves
from gui.canvas.folding import box_homes
from gui.canvas.items import NodeItem


def piled(qtbot, shelved: bool, monkeypatch):
    """A canvas of 400 cards piled over each other (ten spots), in groups of 40,
    a few raised among their group's own (as a card let go over others is);
    then every group gone (cards out of their boxes: onto shelves if ``shelved``)."""
    monkeypatch.setattr(box_homes, "TO_SHELVES", 8 if shelved else 10**9)
    monkeypatch.setattr(card_shelves, "SIZE", 48)
    m = grid_model(400)
    rnd = random.Random(3)
    m.set_positions({n: (rnd.randrange(10) * 30.0, rnd.randrange(2) * 40.0) for n in m.nodes()})
    ids = m.nodes()
    rnd.shuffle(ids)
    m.groups.load([Group(f"g{k}", f"g{k}", set(ids[i : i + 40])) for k, i in enumerate(range(0, 400, 40))])
    _, _, scene, view = make_canvas(qtbot, m)
    QApplication.processEvents()
    for n in ids[::37]:
        scene.node_item(n).setZValue(card_shelves.CARD_Z + 1e-6)
    view.viewport().repaint()
    m.groups.clear()
    QApplication.processEvents()
    return scene


def test_cards_out_of_their_boxes_onto_shelves_stack_as_at_qts_top_level(qtbot, monkeypatch):
    region = QRectF(-200, -200, 800, 400)
    old = piled(qtbot, False, monkeypatch)
    new = piled(qtbot, True, monkeypatch)
    stacked = qt_stacking(old, region)
    assert len(stacked) == 400 and qt_stacking(new, region) == stacked
    on_top = [it for it in old.items() if isinstance(it, NodeItem) and it.parentItem() is None]
    assert len(on_top) == 400  # (as before: each card in Qt's top level)
    at_top = [it for it in new.items() if isinstance(it, NodeItem) and it.parentItem() is None]
    assert len(at_top) == len(range(0, 400, 37))  # (only those raised among their group's cards)
    assert consistent(new) == [] and consistent(old) == []


@pytest.mark.parametrize("groups", [20, 60])
def test_deleting_every_grouped_card_and_undoing_it_adds_no_card_to_qts_top_level(
    qtbot, window, tmp_path, monkeypatch, groups
):
    """Select All, Delete, Ctrl+Z, three times: the cards leave their boxes
    onto shelves (Qt's top level grows by the shelves, not the cards), the
    undo takes them off into their boxes and the emptied shelves go."""
    monkeypatch.setattr(box_homes, "TO_SHELVES", 8)
    monkeypatch.setattr(card_shelves, "SIZE", 40)
    w = window
    open_expanded(qtbot, w, grouped_chain(groups), tmp_path)
    sc, view = w.scene, w.view
    n = len(w.model)
    before = top_level(sc)
    shelves = len(sc.shelves)
    for _ in range(3):
        view.setFocus()
        QApplication.processEvents()  # (as between a user's key presses)
        qtbot.keyClick(view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        QApplication.processEvents()
        qtbot.keyClick(view, Qt.Key.Key_Delete)
        QApplication.processEvents()
        assert len(w.model) == 0
        made = -(-(5 * groups) // 40)  # (the grouped cards, 40 a shelf; the leaf in none)
        assert len(sc.shelves) == shelves + made and top_level(sc) <= before + made  # (boxes gone)
        qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        QApplication.processEvents()
        assert len(w.model) == n and len(w.model.groups) == groups
        assert len(sc.shelves) == shelves and top_level(sc) == before
        assert consistent(sc) == []
