"""fix60's leftover: folding a group whose card lands on its neighbours moves them clear of the card
(gui/groups/fold_room.py), but opening it again left them pushed away: fold then open was not a
round trip, as open then fold is (gui/groups/room_memory.py gives opening's room back). Now
opening gives back the room its fold made, where nothing else moved meanwhile: every node where it
was before the fold, after Undo and Redo too."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication
from test_fold_room_costs import columns, positions
from window_helpers import answers, open_saved, tmp_settings, window  # noqa: F401

from gui.window.main_window import MainWindow


def fold_then_open(w: MainWindow, gid: str) -> tuple[dict, dict, dict]:
    """Positions before, after folding ``gid`` (by hand) and after opening it again."""
    before = positions(w)
    assert w.grouping.set_collapsed([gid], True)
    QApplication.processEvents()
    folded = positions(w)
    assert w.grouping.set_collapsed([gid], False)
    QApplication.processEvents()
    return before, folded, positions(w)


def test_opening_a_group_gives_back_the_room_its_fold_made(qtbot, window, tmp_path):
    w = window
    open_saved(qtbot, w, columns(200), tmp_path / "columns.mgraph")  # 40 columns' frames, just apart
    before, folded, opened = fold_then_open(w, "c0")
    assert folded != before  # room made for the card: the columns right of it moved clear of it
    assert opened == before  # and given back as it opens: the graph as before the fold
    for _ in range(2):  # Undo (folded, the room made again) and Redo (opened, given back), twice
        w.undo_stack.undo()
        QApplication.processEvents()
        assert positions(w) == folded and w.model.groups.get("c0").collapsed
        w.undo_stack.redo()
        QApplication.processEvents()
        assert positions(w) == before and not w.model.groups.get("c0").collapsed
    w.undo_stack.undo()
    w.undo_stack.undo()  # the fold undone too
    QApplication.processEvents()
    assert positions(w) == before
    # and the same round trip again, from the start: a fold's room given back each time
    assert fold_then_open(w, "c0")[2] == before
    # open then fold is a round trip as before (the room opening made, given back as it folds)
    assert w.grouping.set_collapsed(["c0"], True)
    QApplication.processEvents()
    again = positions(w)
    assert fold_then_open(w, "c1")[2] == again


def test_a_node_moved_since_the_fold_stays_where_it_was_put(qtbot, window, tmp_path):
    """Only what is still where the fold put it goes back (a card moved by hand since stays)."""
    w = window
    open_saved(qtbot, w, columns(200), tmp_path / "columns.mgraph")
    before = positions(w)
    assert w.grouping.set_collapsed(["c0"], True)
    QApplication.processEvents()
    folded = positions(w)
    moved = next(n for n in folded if folded[n] != before[n])
    x, y = folded[moved]
    w.editor.move_nodes({moved: ((x, y), (x + 5000, y))})  # dragged far away meanwhile
    assert w.grouping.set_collapsed(["c0"], False)
    QApplication.processEvents()
    now = positions(w)
    assert now[moved] == (x + 5000, y)  # kept where the user put it
    assert all(now[n] == before[n] for n in now if n != moved and folded[n] != before[n])


def _overlapping(w: MainWindow, n: str) -> list[str]:
    r = w.scene.node_item(n).sceneBoundingRect()
    shown = (m for m in w.model.nodes() if m != n and w.scene.node_item(m).isVisible())
    return [m for m in shown if w.scene.node_item(m).sceneBoundingRect().intersects(r)]


def test_a_card_put_in_the_room_meanwhile_is_made_room_for(qtbot, window, tmp_path):
    """Review 63 #1: the room given back, opening made no room for a card added while the group
    was folded where its frame lands (the new card lay on v120); room is made from there."""
    from PySide6.QtCore import QPointF

    w = window
    open_saved(qtbot, w, columns(200), tmp_path / "columns.mgraph")
    before = positions(w)
    assert w.grouping.set_collapsed(["c0"], True)
    QApplication.processEvents()
    x, y = before["v120"]  # a card of c0, folded away: its place empty now
    new = w.editor.add_node_at("leaf", QPointF(x + 10, y + 10))
    QApplication.processEvents()
    folded = positions(w)
    assert w.grouping.set_collapsed(["c0"], False)
    QApplication.processEvents()
    assert _overlapping(w, new) == []
    opened = positions(w)
    w.undo_stack.undo()
    QApplication.processEvents()
    assert positions(w) == folded
    w.undo_stack.redo()
    QApplication.processEvents()
    assert positions(w) == opened and _overlapping(w, new) == []
