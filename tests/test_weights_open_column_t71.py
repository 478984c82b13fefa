"""A layer's weights opened alone beside folded layers (trial 71 #4, second half).

Learn › Insert MLP opens folded; a double-click on "layer 2 weights" opened
it in place as the square its nodes keep for Expand All (5 × 4), the layers
next to it still folded. Each weight sends a wire to every folded "layer 2
[n]" card; from the square's first columns they left their ports level and
ran under the next columns' weight cards (w2.1.1's wires under w2.2.1),
reading as if those weights fed it. Opened so, the weights stand in one
column: no wire passes under a card that is not its end. Folded again, they
are the square again; Auto Layout with the group open keeps the column.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPainterPathStroker
from PySide6.QtWidgets import QApplication
from window_helpers import answers, click_item, show_mlp, tmp_settings, window  # noqa: F401

from gui.canvas.painting import CARD_RECT

CTRL = Qt.KeyboardModifier.ControlModifier


def cards_under(w, gid: str) -> list[tuple[str, str, str]]:
    """Each wire drawn from a node of ``gid`` and each card shown that it
    passes under (its stroke, 2 wide): a node's card or a folded group's,
    its own ends aside; as (from, to, card)."""
    sc, gs = w.scene, w.model.groups
    sc.folding.settle()
    mine = gs.nodes_in(gid)
    shown = [(it.node_id, it.mapRectToScene(CARD_RECT)) for it in sc.node_items() if it.isVisible()]
    cards = [(c.gid, c.sceneBoundingRect()) for c in sc.folding.cards() if c.isVisible()]
    stroke = QPainterPathStroker()
    stroke.setWidth(2.0)
    out = []
    for e in list(sc.wires.values()):
        if not e.isVisible() or e.source not in mine:
            continue
        path = e.sceneTransform().map(stroke.createStroke(e.shown_path()))
        under = [n for n, r in shown if n not in (e.source, e.target) and path.intersects(r)]
        under += [gs.get(g).label for g, r in cards if e.target not in gs.nodes_in(g) and path.intersects(r)]
        out += [(w.model.label(e.source), w.model.label(e.target), u) for u in under]
    return out


def open_weights(qtbot, w) -> str:
    """Insert MLP in the trial's window, then a double-click on the folded "layer 2 weights"."""
    show_mlp(qtbot, w)
    card = next(c for c in w.scene.folding.cards() if c.label == "layer 2 weights")
    click_item(qtbot, w, card, double=True)
    gid = next(g.id for g in w.model.groups if g.label == "layer 2 weights")
    assert not w.model.groups.get(gid).collapsed
    return gid


def test_no_wire_of_the_opened_weights_runs_under_another_card(qtbot, window):
    w = window
    gid = open_weights(qtbot, w)
    gs = w.model.groups
    # the layers beside it stay folded: its wires run into their cards
    assert all(gs.get(g).collapsed for g in gs.ids() if gs.get(g).label.startswith("layer 2 ["))
    drawn = [e for e in w.scene.wires.values() if e.isVisible() and e.source in gs.nodes_in(gid)]
    assert len(drawn) >= 80  # 20 weights, each into the four "layer 2 [n]" cards
    assert cards_under(w, gid) == []
    # one column, its frame whole in view at the zoom it opened at, names and values drawn
    xs = {round(w.scene.node_item(n).pos().x()) for n in gs.nodes_in(gid)}
    assert len(xs) == 1
    frame = w.view.mapFromScene(w.scene.folding.frame(gid).sceneBoundingRect()).boundingRect()
    assert w.view.viewport().rect().contains(frame), frame


def test_folded_again_the_weights_are_the_square_and_layout_keeps_the_column(qtbot, window):
    w = window
    gid = open_weights(qtbot, w)
    gs = w.model.groups
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_BracketLeft, CTRL)  # Collapse: the room given back
    QApplication.processEvents()
    assert gs.get(gid).collapsed
    xs = {w.model.position(n)[0] for n in gs.nodes_in(gid)}
    assert len(xs) == 4  # the square Expand All opens, 5 × 4
    qtbot.keyClick(w.view, Qt.Key.Key_Z, CTRL)  # Undo: open again, in its column
    QApplication.processEvents()
    assert not gs.get(gid).collapsed and cards_under(w, gid) == []
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_L, CTRL)  # Auto Layout with it open beside the folded layers
    QApplication.processEvents()
    assert cards_under(w, gid) == []
    assert len({w.model.position(n)[0] for n in gs.nodes_in(gid)}) == 1


def _leaves_feeding_a_folded_group(places: list[tuple[float, float]]):
    from core.graph.model import GraphModel

    m = GraphModel()
    ids = [m.add_node("leaf", f"v{i}", value=float(i), x=x, y=y) for i, (x, y) in enumerate(places)]
    total = ids[0]
    for k, n in enumerate(ids[1:]):
        s = m.add_node("add", f"s{k}", x=600.0, y=80.0 * k)
        m.connect(total, s, 0)
        m.connect(n, s, 1)
        total = s
    m.groups.add({n for n in m.nodes() if m.op(n) == "add"}, "sums", collapsed=True)
    gid = m.groups.add(set(ids), "inputs")
    return m, gid


def test_a_row_placed_by_hand_is_left_a_row_a_square_stands_in_a_column():
    """Review 72 #2: five inputs placed side by side, feeding a folded group,
    were stacked into a column when their group opened; only a square is."""
    from core.graph.open_column import column_moves

    row, gid = _leaves_feeding_a_folded_group([(120.0 * i, 0.0) for i in range(6)])
    assert column_moves(row, gid) == {}
    square, gid = _leaves_feeding_a_folded_group([(120.0 * (i % 3), 90.0 * (i // 3)) for i in range(6)])
    moves = column_moves(square, gid)
    assert len(moves) == 6 and len({to[0] for _at, to in moves.values()}) == 1
