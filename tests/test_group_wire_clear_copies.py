"""Ctrl+G on f = x*y + x**2 (trial 52, finding 15): x*y, x**2 and f
grouped as "the function" draw x as linked copies beside x*y and x**2, and
the frame moved y out of it; y went below the frame, and its wire up to
x*y's second input ran through the copy "x 3.0000" beside x**2, so the copy
looked as if it fed x*y. A card the frame moves out goes where its wires
into the group run clear of the group's cards and copies."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from test_groups_gui import type_name_soon
from window_helpers import answers, tmp_settings, trigger, type_formula, window  # noqa: F401


def test_a_card_moved_out_of_a_new_frame_sends_no_wire_through_a_copy(qtbot, window):
    w = window
    w.resize(1600, 1000)
    w.show()
    qtbot.waitExposed(w)
    trigger(w, "new")
    type_formula(qtbot, w, "x = 3; y = 2; f = x*y + x**2", None)
    m = w.model
    by = {m.label(n): n for n in m.nodes()}
    w.scene.select_ids([by["x*y"], by["x**2"], by["f"]])
    type_name_soon(qtbot, "the function")
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    QApplication.processEvents()
    sc = w.scene
    copies = [c.sceneBoundingRect() for c in sc.linked.copies() if c.isVisible()]
    assert len(copies) == 2  # x beside x*y and beside x**2
    (e,) = [e for e in sc.edge_items() if e.source == by["y"]]
    path = e.path()
    pts = [path.pointAtPercent(t / 64) for t in range(65)]
    crossed = [r for r in copies if any(r.contains(p) for p in pts)]
    assert crossed == []
