"""Trial 71 #4: Learn › Insert MLP, then "layer 1 [1]" opened with a
double-click: in every neuron the wire from w1.1.1·x1[1] to n1.1.1[1] ran in
under the dashed copy of w1.1.2 (beside w1.1.2·x2[1], the card that took
n1.1.1[1]'s place when the column's two cards traded places for n1.1.2[1]'s
ports) and out of its top, read as w1.1.1·x1[1] feeding w1.1.2. No wire of
the opened layer runs under a linked copy."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication
from window_helpers import answers, click_item, show_mlp, tmp_settings, window  # noqa: F401

from gui.canvas.folding.group_card import GroupCard


def test_no_wire_of_an_opened_layer_runs_under_a_linked_copy(qtbot, window):
    w = window
    show_mlp(qtbot, w)
    card = next(it for it in w.scene.items() if isinstance(it, GroupCard) and it.label == "layer 1 [1]")
    click_item(qtbot, w, card, double=True)
    sc = w.scene
    sc.detail.reveal_all()
    QApplication.processEvents()
    m = w.model
    layer = next(g for g in m.groups if g.label == "layer 1 [1]")
    inside = m.groups.nodes_in(layer.id)
    copies = [(c, c.sceneBoundingRect()) for c in sc.linked.copies() if c.isVisible()]
    assert len(copies) >= 28
    checked = 0
    for e in sc.edge_items():
        if not e.isVisible() or sc.linked.is_linked((e.source, e.target, e.port)):
            continue
        if e.target not in inside:
            continue
        path = e.path()
        pts = [e.mapToScene(path.pointAtPercent(t / 200)) for t in range(201)]
        under = [
            (m.label(c.source), m.label(c.key[1]))
            for c, r in copies
            if c.key[1] != e.target and any(r.contains(p) for p in pts)
        ]
        assert under == [], (m.label(e.source), m.label(e.target), under)
        checked += 1
    assert checked >= 24, checked
