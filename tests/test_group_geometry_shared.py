"""Review 68: core placed new cards by its own copy of the folded group
card's sizes (50/20/232 in core/graph/drawn_canvas.py and layout.py, the
canvas's in gui/canvas/folding). Now both read core/graph/group_card_geometry.py:
the card core places around is the card the canvas draws, its rows' ports
where the canvas draws them, and an open group's frame (its name tab too)
inside the room core keeps new cards out of (it kept 30 above the cards,
the tab reaching 38)."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtWidgets import QApplication
from window_helpers import answers, open_mlp_file, tmp_settings, window  # noqa: F401

from core.graph.drawn_canvas import DrawnCanvas
from core.graph.gradient_geometry import PORT_DY, W2
from gui.canvas.folding.card_rows import nodes as row_nodes


def _rect(box) -> QRectF:
    return QRectF(QPointF(box[0], box[1]), QPointF(box[2], box[3]))


def test_core_places_around_the_group_cards_and_frames_the_canvas_draws(qtbot, window, tmp_path):
    w = window
    open_mlp_file(qtbot, w, tmp_path)
    m, sc = w.model, w.scene
    drawn = DrawnCanvas(m)
    folded = [g.id for g in m.groups if (c := sc.folding.card(g.id)) is not None and c.isVisible()]
    assert folded  # the MLP opens folded
    for gid in folded:
        card = sc.folding.card(gid)
        assert card.mapRectToScene(card.rect()) == _rect(drawn.boxes[gid]), gid
        for n in row_nodes(card.outputs):
            x, y = drawn.source(n)
            assert (x + W2, y + PORT_DY) == (card.output_pos(n).x(), card.output_pos(n).y()), (gid, n)

    w.view.setFocus()
    ctrl_shift = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(w.view, Qt.Key.Key_BracketRight, ctrl_shift)  # every group opened
    QApplication.processEvents()
    drawn = DrawnCanvas(m)
    inner_most = [g.id for g in m.groups if not m.groups.children(g.id)]  # (a frame holding frames is wider)
    frames = [f.outline() for g in inner_most if (f := sc.folding.frame(g)) is not None and f.isVisible()]
    assert frames
    room = [_rect(b) for b in drawn.frames]
    checked = 0
    for f in frames:
        inner = f.adjusted(2, 2, -2, -2)  # (outline keeps 2 for the pen)
        # the frame's sides kept 10 clear; one reaching out for linked copies beside its cards
        # (drawn, not placed by core) is left out
        near = [r for r in room if r.left() == inner.left() - 10 and r.right() == inner.right() + 10]
        if not near:
            continue
        checked += 1
        # its name tab above the cards, and its foot, inside the room core keeps
        assert near[0].top() <= inner.top() and near[0].bottom() >= inner.bottom(), (inner, near)
    assert checked
