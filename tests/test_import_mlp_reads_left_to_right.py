"""Trial 62, finding 2: the lunch-and-learn MLP imported put layer 2 and the
loss in a band under layer 1 (the four top-level columns, 3,460 wide, were cut
in two), so h1 and h2 ran back right to left through neuron 1.2, behind its
cards; and Layout, with the groups open, moved nothing yet added an undo
step and said nothing. A band no longer ends in an open frame unless one band
would be far too wide to read; a Layout that moves nothing says so and adds
no undo step."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from test_formula_bar_wires_clear import cards_under
from test_import_mlp_wires_clear import by_label, import_mlp
from window_helpers import answers, tmp_settings, trigger, window  # noqa: F401


def frame(w, label: str):
    (gid,) = [g.id for g in w.model.groups if g.label == label]
    return w.scene.folding.frame(gid).outline()


def test_the_imported_mlp_reads_left_to_right_with_no_wire_under_a_card(qtbot, window, tmp_path):
    w = window
    import_mlp(qtbot, w, tmp_path)
    # inputs, layer 1, layer 2, loss: each right of the one before, in one band
    layers = [frame(w, k) for k in ("layer 1", "layer 2", "loss")]
    ids = by_label(w)
    inputs = [w.scene.node_item(ids[k]).sceneBoundingRect() for k in ("x1", "x2")]
    assert all(r.right() < layers[0].left() for r in inputs)
    assert all(a.right() < b.left() for a, b in zip(layers, layers[1:])), layers
    assert all(a.bottom() > b.top() and b.bottom() > a.top() for a, b in zip(layers, layers[1:]))
    # every wire drawn (not as a linked copy) runs forwards, under no card
    drawn = 0
    for s, t, p in w.model.edges():
        wire = w.scene.edge_item(s, t, p)
        if wire is None or not wire.isVisible() or wire.linked():
            continue
        drawn += 1
        assert w.model.position(s)[0] < w.model.position(t)[0], (s, t)
        assert cards_under(w, s, t, p) == [], f"{w.model.label(s)} → {w.model.label(t)} runs under a card"
    assert drawn == 26  # (x1 and x2 go in as linked copies)


def test_layout_that_moves_nothing_adds_no_undo_step_and_says_so(qtbot, window, tmp_path):
    w = window
    import_mlp(qtbot, w, tmp_path)
    before = {n: w.model.position(n) for n in w.model.nodes()}
    entries = w.undo_stack.count()
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)  # Layout
    QApplication.processEvents()
    assert {n: w.model.position(n) for n in w.model.nodes()} == before
    assert w.undo_stack.count() == entries, w.undo_stack.undoText()
    assert "nothing moved" in w.status_text(), w.status_text()
    # a card dragged off its place: Layout puts it back, as one undo step
    n = by_label(w)["v2"]
    x, y = before[n]
    w.model.set_position(n, x, y + 400.0)
    trigger(w, "layout")
    assert w.model.position(n) == before[n]
    assert w.undo_stack.count() == entries + 1 and w.undo_stack.undoText() == "Auto Layout"
