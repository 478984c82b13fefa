"""Verify 59 #1: the lecture neuron imported as code (its line 7 a group
"n (line 7)"), x1, x2 and w1 box-selected, Ctrl+G "inputs", Ctrl+[: the
folded card, wider than the column's frame, lay over the "n (line 7)"
frame, on x1*w1 and x2*w2 and the wires into them. Folding makes room for
its card as opening makes room for a frame: what lies beside moves just
clear of it (one undo entry with the fold); on free space nothing moves."""

from __future__ import annotations

from canvas_helpers import drag
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton
from test_duplicate_groups import keys
from test_groups_gui import type_name_soon
from test_import_code_nn import LEFT, open_import_dialog, type_code
from window_helpers import answers, click_item, tmp_settings, window  # noqa: F401

CTRL = Qt.KeyboardModifier.ControlModifier
NEURON = (
    "x1 = Value(2.0)\nx2 = Value(0.0)\nw1 = Value(-3.0)\nw2 = Value(1.0)\nb = Value(6.8813735870195432)\n\n"
    "n = x1*w1 + x2*w2 + b\no = n.tanh()\n"
)


def _neuron(qtbot, w) -> dict[str, str]:
    """File › Import Code of the lecture neuron, Open as New Graph: its labels' ids."""
    w.resize(1600, 1000)
    dlg = open_import_dialog(qtbot, w)
    type_code(qtbot, dlg, NEURON)
    qtbot.mouseClick(dlg.findChild(QPushButton, "import_code_new"), LEFT)
    QApplication.processEvents()
    assert [g.label for g in w.model.groups] == ["n (line 7)"]
    return {w.model.label(n): n for n in w.model.nodes()}


def _group_and_fold(qtbot, w, nodes: list[str], name: str) -> str:
    r = None
    for n in nodes:
        b = w.scene.node_item(n).sceneBoundingRect()
        r = b if r is None else r.united(b)
    box = r.adjusted(-10, -10, 10, 10)
    drag(w.view, box.topLeft(), box.bottomRight())  # a rubber band round them
    assert sorted(w.scene.selected_ids()) == sorted(nodes)
    before = set(w.model.groups.ids())
    type_name_soon(qtbot, name)
    keys(qtbot, w, Qt.Key.Key_G, CTRL)
    (gid,) = set(w.model.groups.ids()) - before
    keys(qtbot, w, Qt.Key.Key_BracketLeft, CTRL)  # Ctrl+[
    assert w.model.groups.get(gid).collapsed
    return gid


def _covered(w, gid: str) -> list[str]:
    """What the folded card of ``gid`` lies on: other cards and open frames."""
    r = w.scene.folding.card(gid).sceneBoundingRect()
    out = [
        w.model.label(n)
        for n, (a, b, c, d) in w.scene.card_rects().items()
        if a < r.right() and c > r.left() and b < r.bottom() and d > r.top()
    ]
    for g in w.model.groups:
        f = w.scene.folding.frame(g.id)
        if g.id != gid and f is not None and f.isVisible() and f.outline().intersects(r):
            out.append(g.label)
    return out


def test_a_folded_card_is_not_dropped_over_the_open_frame_beside_it(qtbot, window):
    w = window
    ids = _neuron(qtbot, w)
    at = {n: w.model.position(n) for n in w.model.nodes()}
    gid = _group_and_fold(qtbot, w, [ids["x1"], ids["x2"], ids["w1"]], "inputs")
    assert "Folded “inputs”" in w.status_text()
    assert _covered(w, gid) == []
    keys(qtbot, w, Qt.Key.Key_Z, CTRL)  # one Undo: the card opens where it was, the rest back
    assert not w.model.groups.get(gid).collapsed
    assert {n: w.model.position(n) for n in w.model.nodes()} == at
    keys(qtbot, w, Qt.Key.Key_Y, CTRL)  # Redo: folded, clear again
    assert w.model.groups.get(gid).collapsed and _covered(w, gid) == []
    click_item(qtbot, w, w.scene.folding.card(gid), double=True)  # opened again: the room given back
    assert not w.model.groups.get(gid).collapsed
    assert {n: w.model.position(n) for n in w.model.nodes()} == at  # (test_fold_open_round_trip.py)


def test_a_card_folded_onto_free_space_moves_nothing(qtbot, window):
    w = window
    ids = _neuron(qtbot, w)
    at = {n: w.model.position(n) for n in w.model.nodes()}
    gid = _group_and_fold(qtbot, w, [ids["o"]], "output")
    assert _covered(w, gid) == []
    assert {n: w.model.position(n) for n in w.model.nodes()} == at
