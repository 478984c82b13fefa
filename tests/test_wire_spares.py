"""The items of a deleted graph's wires are kept hidden (gui/canvas/wires/wire_pool.py):
when its undo comes into view they stand for its wires again, not new items
beside them (the folded 10,720-node MLP's undo made 10,000 new ones, and each
delete and undo left 10,000 more kept items behind)."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication
from test_fold_all_far_meanwhile import drawn_where_they_run
from window_helpers import answers, tmp_settings, window  # noqa: F401

from core.learn import templates
from gui.canvas.items import EdgeItem


def test_undoing_a_delete_in_view_reuses_the_deleted_wires_items(qtbot, window, monkeypatch):
    w = window
    w.resize(1400, 900)
    w.show()
    qtbot.waitExposed(w)
    w.learning.insert(templates.mlp(3, [8, 8, 1]))  # folded, fitted: near, its wires in view have items
    QApplication.processEvents()
    sc = w.scene
    shown = len(sc.wires.made_map())
    assert not sc.far and shown > 300
    made: list[int] = []
    init = EdgeItem.__init__
    monkeypatch.setattr(EdgeItem, "__init__", lambda e, *a: made.append(1) or init(e, *a))
    kept = []
    for _ in range(2):  # delete everything and undo it, twice
        w.action_select_all.trigger()
        w.editor.delete_selection()
        QApplication.processEvents()
        assert len(w.model) == 0
        w.action_undo.trigger()
        QApplication.processEvents()
        w.view.viewport().repaint()
        assert len(sc.wires.made_map()) == shown
        kept.append(len(sc._pool))
    assert not made  # every wire in view stands in a kept item
    assert kept[0] == kept[1]  # (none piles up)
    assert drawn_where_they_run(w) > 100
