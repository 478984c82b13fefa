"""Wires that are not an opened group's own keep off it (trial 64, finding 1).

The lecture's MLP opened from its file, the card "layer 1 [1]" selected and
Ctrl+] pressed: "layer 1 [2]" was left beside the frame on its left and its
four wires to "layer 2 [2]" ran straight across the frame, one under the
"neuron 1.2 [1]" tab; "layer 2 weights" sent its wires diagonally through all
four neurons, under their cards and close to their ports. After Auto Layout
(Ctrl+L) the wire from x1[2] to "layer 1 [2]" ran through the second input
port of w1.4.1·x1[1], reading as if x1[2] were wired there. A wire whose ends
are both outside the group must not run under its cards, past their ports,
behind a frame's name tab, or across the opened frame at all.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtWidgets import QApplication
from test_navigation_gui import open_find, type_text
from window_helpers import answers, click_item, open_mlp_file, tmp_settings, window  # noqa: F401

CTRL = Qt.KeyboardModifier.ControlModifier
#: A port's dot reaches this far past its card's side; a wire this close reads as joined to it.
PORT_REACH = 8.0


def card(w, label: str):
    return next(c for c in w.scene.folding.cards() if c.label == label)


def gid_of(w, label: str) -> str:
    return next(g.id for g in w.model.groups if g.label == label)


def keep_off(w, gid: str) -> list[tuple[str, QRectF]]:
    """What a wire not the group's must keep off: each of its cards (with
    its ports), the linked copies drawn beside them, each open frame's name
    tab inside it, and each card folded inside it."""
    sc, gs = w.scene, w.model.groups
    sc.folding.settle()
    inside = set(gs.nodes_in(gid))
    out: list[tuple[str, QRectF]] = []
    for n in inside:
        it = sc.node_item(n)
        if it is not None and it.isVisible():
            r = it.sceneBoundingRect().adjusted(-PORT_REACH, -2, PORT_REACH, 2)
            out.append((f"card {w.model.label(n)}", r))
    for c in sc.linked.copies():
        if c.isVisible() and c.key[1] in inside:
            what = f"copy {w.model.label(c.key[0])} of {w.model.label(c.key[1])}"
            out.append((what, c.sceneBoundingRect()))
    for g in [gid, *(g.id for g in gs if gid in gs.ancestors(g.id))]:
        f = sc.folding.frame(g)
        if f is not None and f.isVisible():
            out.append((f"tab {gs.get(g).label}", f.mapRectToScene(f.title_rect())))
    for c in sc.folding.cards():
        if c.isVisible() and gid in gs.ancestors(c.gid):
            out.append((f"folded {c.label}", c.sceneBoundingRect()))
    return out


def through_wires(w, gid: str) -> list[tuple[str, str, str]]:
    """Each wire with both ends outside ``gid`` and what of the group it
    passes over (its open frame too), as (from, to, what)."""
    sc, gs = w.scene, w.model.groups
    inside = set(gs.nodes_in(gid))
    frame = sc.folding.frame(gid)
    assert frame is not None and frame.isVisible()
    avoid = [*keep_off(w, gid), ("its frame", frame.outline())]
    out = []
    for e in list(sc.wires.values()):
        if not e.isVisible() or e.source in inside or e.target in inside:
            continue
        path = e.mapToScene(e.path())
        pts: list[QPointF] = [path.pointAtPercent(i / 400) for i in range(401)]
        for what, r in avoid:
            if any(r.contains(p) for p in pts):
                out.append((w.model.label(e.source), w.model.label(e.target), what))
    return sorted(set(out))


def open_layer_in_place(qtbot, w, label: str) -> str:
    """Click the folded card ``label`` and press Ctrl+], as a user opens it in place."""
    click_item(qtbot, w, card(w, label))
    gid = gid_of(w, label)
    assert w.scene.folding.selected_groups() == [gid]
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_BracketRight, CTRL)
    QApplication.processEvents()
    assert not w.model.groups.get(gid).collapsed
    return gid


def test_a_layer_opened_in_place_has_no_other_wires_across_it(qtbot, window, tmp_path):
    w = window
    open_mlp_file(qtbot, w, tmp_path)
    start = {n: w.model.position(n) for n in w.model.nodes()}
    gid = open_layer_in_place(qtbot, w, "layer 1 [1]")
    assert through_wires(w, gid) == []
    # it still reads left to right: what the layer feeds stays right of it, level with its outputs
    frame = w.scene.folding.frame(gid).outline()
    fed = card(w, "layer 2 [1]").sceneBoundingRect()
    assert fed.left() > frame.right() and frame.top() < fed.center().y() < frame.bottom()
    # one Ctrl+Z folds it and puts everything back
    qtbot.keyClick(w.view, Qt.Key.Key_Z, CTRL)
    QApplication.processEvents()
    assert w.model.groups.get(gid).collapsed
    assert {n: w.model.position(n) for n in w.model.nodes()} == start


def test_auto_layout_after_opening_a_layer_keeps_other_wires_off_it(qtbot, window, tmp_path):
    w = window
    open_mlp_file(qtbot, w, tmp_path)
    gid = open_layer_in_place(qtbot, w, "layer 1 [1]")
    qtbot.keyClick(w.view, Qt.Key.Key_L, CTRL)  # Auto Layout
    QApplication.processEvents()
    assert not w.model.groups.get(gid).collapsed
    assert through_wires(w, gid) == []


def test_a_layer_opened_from_find_has_no_other_wires_across_it(qtbot, window, tmp_path):
    w = window
    open_mlp_file(qtbot, w, tmp_path)
    bar = open_find(qtbot, w)
    type_text(qtbot, w, "h1.2")
    find = w.navigation.find
    assert w.model.label(find.matches[find.current]).startswith("h1.2")
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.AltModifier)  # open where it is
    QApplication.processEvents()
    gid = w.model.groups.group_of(find.matches[find.current])
    top = [gid, *w.model.groups.ancestors(gid)][-1]
    assert not w.model.groups.get(top).collapsed
    assert through_wires(w, top) == []
