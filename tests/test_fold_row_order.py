"""A folded card of parameters lists them by their index (a trial of issue
10: the folded "layer 3 weights" read w3.1.1, w3.1.4, w3.1.2, b3.1, w3.1.3,
the order of where they stand in the open group's grid); a card whose
outputs are computed keeps them top to bottom, as their wires leave."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from window_helpers import answers, show_mlp, tmp_settings, window  # noqa: F401

from core.graph.groups import boundary
from core.graph.model import GraphModel


def test_the_folded_layer_weights_card_lists_them_by_index(qtbot, window):
    """Insert MLP: the folded "layer 3 weights" card's rows, as drawn at
    90 %, read w3.1.1 … w3.1.4, then b3.1; the layers' outputs stay top to
    bottom."""
    w = window
    show_mlp(qtbot, w)
    QApplication.processEvents()
    m = w.model
    gid = next(g.id for g in m.groups if g.label == "layer 3 weights")
    card = w.scene.folding.card(gid)
    assert card is not None and card.isVisible()
    want = ["w3.1.1", "w3.1.2", "w3.1.3", "w3.1.4", "b3.1"]
    assert [p.name for p in card.outputs] == want
    rows = [t.text for t in card.texts_at(0.9) if t.kind == "row"]
    assert [r.split(" ")[0] for r in rows] == want
    for g in m.groups:  # computed outputs: top to bottom
        c = w.scene.folding.card(g.id)
        if c is not None and c.isVisible() and g.label.startswith("layer 1 ["):
            ys = [m.position(p.node)[1] for p in c.outputs]
            assert len(ys) == 4 and ys == sorted(ys)


def test_a_group_of_leaves_folded_by_the_user_lists_them_by_index(qtbot, window):
    """Leaves placed out of order, grouped (Ctrl+G) and folded (Ctrl+[):
    the card reads b1, w1, b2, w2, w10: by number (alike: by name), not by
    where they stand."""
    w = window
    w.resize(1600, 1000)
    w.show()
    m = w.model
    names = {"w10": 0.0, "w2": 100.0, "b1": 200.0, "w1": 300.0, "b2": 400.0}
    ids = {}
    for label, y in names.items():
        ids[label] = m.add_node("leaf", value=1.0, label=label, x=0.0, y=y)
        t = m.add_node("tanh", x=300.0, y=y)
        m.connect(ids[label], t, 0)
    QApplication.processEvents()
    w.scene.clearSelection()
    for n in ids.values():
        w.scene.node_item(n).setSelected(True)
    w.view.setFocus()
    w.grouping.group_selection(label="params")  # (Ctrl+G asks for the name)
    qtbot.keyClick(w.view, Qt.Key.Key_BracketLeft, Qt.KeyboardModifier.ControlModifier)  # Collapse
    QApplication.processEvents()
    gid = next(g.id for g in m.groups if g.label == "params")
    card = w.scene.folding.card(gid)
    assert card is not None and card.isVisible()
    assert [p.name for p in card.outputs] == ["b1", "w1", "b2", "w2", "w10"]


def test_the_boundary_lists_leaves_by_index_and_the_rest_top_to_bottom():
    """``boundary`` (what the card shows, as core tells it): outputs that are
    all leaves by the numbers in their names, a number's run before a name
    that stops at it (w3.1.1 … before b3.1); else by height."""
    m = GraphModel()
    leaves = {}
    for label, y in (("b3.1", 0.0), ("w3.1.2", 50.0), ("w3.1.10", 100.0), ("w3.1.1", 150.0)):
        leaves[label] = m.add_node("leaf", value=1.0, label=label, x=0.0, y=y)
        m.connect(leaves[label], m.add_node("tanh", x=300.0, y=y), 0)
    assert [m.label(n) for n in boundary(m, set(leaves.values()))[1]] == [
        "w3.1.1",
        "w3.1.2",
        "w3.1.10",
        "b3.1",
    ]
    sums = {}
    for label, y in (("h2", 0.0), ("h1", 100.0)):
        sums[label] = m.add_node("tanh", label=label, x=500.0, y=y)
        m.connect(leaves["w3.1.1"], sums[label], 0)
        m.connect(sums[label], m.add_node("exp", x=800.0, y=y), 0)
    assert boundary(m, set(sums.values()))[1] == [sums["h2"], sums["h1"]]  # computed: top to bottom
