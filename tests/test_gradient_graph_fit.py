"""Backward › Build Gradient Graph as a learner first sees it (a trial, in a
1600×1000 window beside the tutorial's and the panels' docks: a canvas
1,033 px wide): Fit shows every gradient card with its name (the neuron's
opened at 38 %, where the cards wrote "−1.5", "0.5", "0", "1" and x1.grad
could not be told from w2.grad), and the badges counting an original's
copies ("×4 copies", left of its card) whole (cut at the canvas's left
edge: "es"), none over a port of the card beside it (the blog's "×1
copies" of f lay over c's output port)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from canvas_helpers import drag
from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, Qt
from PySide6.QtGui import QRegion
from PySide6.QtWidgets import QApplication
from window_helpers import action, answers, menu_action, run_to_end, tmp_settings, window  # noqa: F401

from core.cli import templates
from gui.canvas.painting import OUT_Y, PORT_YS, W2
from gui.common import style as S

#: The trial's canvas beside the tutorial's and the panels' docks.
CANVAS_W = 1033


def _gradient_graph(w, name: str) -> None:
    """The first launch's window (the tutorial's dock shown), sized so the
    canvas is as wide as the trial's; ``name``'s gradient graph built, fitted."""
    w.showNormal()
    w.resize(1600, 1000)
    action(w, "tutorial").trigger()
    QApplication.processEvents()
    w.resize(1600 - (w.view.viewport().width() - CANVAS_W), 1000)
    QApplication.processEvents()
    assert w.view.viewport().width() == CANVAS_W
    if name == "neuron":
        w.open_model(templates.build("neuron"), "neuron")
    else:
        menu_action(w.menus["file"], "example_blog_L").trigger()
    QApplication.processEvents()
    action(w, "gradient_graph").trigger()
    QApplication.processEvents()
    action(w, "fit").trigger()
    QApplication.processEvents()
    assert w.view.is_fitted


def _gradient_cards(w) -> list:
    gid = w.model.groups.ids()[0]
    return [w.scene.node_item(n) for n in sorted(w.model.groups.nodes_in(gid))]


@pytest.mark.parametrize("name", ["neuron", "blog"])
def test_fitted_every_gradient_card_writes_its_name(window, name):
    w = window
    _gradient_graph(w, name)
    z = w.view.zoom
    seen = w.view.mapToScene(w.view.viewport().rect()).boundingRect()
    cards = _gradient_cards(w)
    assert len(cards) >= 5
    for card in cards:
        assert seen.contains(card.sceneBoundingRect()), card.label
        labels = [t.text for t in card.texts_at(z) if t.kind == "label"]
        assert labels, (card.label, z)  # numbers alone before: "−1.5", "0.5"
        if card.label.endswith(".grad"):  # whole: x1.grad and w2.grad told apart
            assert len(labels) == 1 and labels[0].split(" ")[-1] == card.label, (labels, z)  # ("× d.grad")


def _badges(w) -> list:
    leaves = [n for n in w.model.nodes() if w.model.op(n) == "leaf"]
    badges = [b for b in map(w.scene.linked.badge, leaves) if b is not None]
    assert badges
    return badges


@pytest.mark.parametrize("name", ["neuron", "blog"])
def test_fit_shows_the_badges_and_copies_whole(window, name):
    w = window
    _gradient_graph(w, name)
    v, z = w.view, w.view.zoom
    seen = v.mapToScene(v.viewport().rect()).boundingRect()
    drawn = []
    for b in _badges(w):
        r, _px, text = b.rect_at(z)
        if text:
            drawn.append((text, b.mapRectToScene(r)))
    drawn += [(c.key, c.mapRectToScene(c.rect_at(z))) for c in w.scene.linked.copies()]
    assert len(drawn) >= 4
    assert {t for t, _ in drawn if isinstance(t, str)} <= {"×1 copy", "×1"}  # (one copy each: "copy")
    assert [(k, r) for k, r in drawn if not seen.contains(r)] == []


def _ports(card) -> list[QRectF]:
    """Where ``card``'s ports are drawn (scene rects)."""
    r = S.PORT_R
    points = [QPointF(W2, OUT_Y), *(QPointF(-W2, y) for y in PORT_YS.get(card.arity, ()))]
    return [QRectF(card.mapToScene(p) - QPointF(r, r), card.mapToScene(p) + QPointF(r, r)) for p in points]


@pytest.mark.parametrize("name", ["neuron", "blog"])
def test_no_badge_covers_a_port_of_another_card(window, name):
    w = window
    _gradient_graph(w, name)
    cards = [it for it in w.scene.node_map().values() if it.isVisible()]
    for z in (w.view.zoom, 0.3, 0.5, 0.75, 1.0):
        shown = 0
        for b in _badges(w):
            r, _px, text = b.rect_at(z)
            if not text:
                continue
            shown += 1
            r = b.mapRectToScene(r)
            for card in cards:
                if card.node_id != b.source:
                    assert not any(r.intersects(p) for p in _ports(card)), (b.source, card.label, z)
        assert shown, z  # (those with room still say how many copies)


class _Painted(QObject):
    """The parts of a widget painted since ``clear``."""

    def __init__(self) -> None:
        super().__init__()
        self.region = QRegion()

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.region = self.region.united(event.region())
        return False


def test_a_shortened_badge_is_drawn_again_as_the_card_beside_it_moves(window, qtbot):
    """The blog's f says "×1" where a card stands close on its left ("×1
    copy" would run under its port). The user moves that card away (the
    drag, Undo, Redo): the badge is drawn again at once as
    "×1 copy" (a review: it stayed "×1" until the next repaint), and as
    "×1" when the card comes back (no "×1 copy" left half under it).
    (The arrow keys step the pass the gradient graph shows: not a move here.)"""
    w = window
    _gradient_graph(w, "blog")
    v, sc, m = w.view, w.scene, w.model
    badge, f = sc.linked.badge("f"), m.position("f")
    # c (wired: its wires' repaint covered the badge) out of the way, a lone card where it stood
    w.editor.move_nodes({"c": (m.position("c"), (m.position("c")[0], f[1] + 600))})
    g = w.editor.add_node_at("leaf", QPointF(f[0] - 240, f[1]))
    QApplication.processEvents()
    painted = _Painted()
    v.viewport().installEventFilter(painted)

    def pill() -> QRegion:
        return QRegion(v.mapFromScene(badge.mapRectToScene(badge.rect_at(v.zoom)[0])).boundingRect())

    def moved(move, text: str) -> None:
        """After ``move``, the badge says ``text``, and where its pill was
        and is now was drawn again."""
        was = pill()
        QApplication.processEvents()
        painted.region = QRegion()
        move()
        QApplication.processEvents()
        assert badge.rect_at(v.zoom)[2] == text
        assert was.united(pill()).subtracted(painted.region).isEmpty()  # every pixel of both

    def keys(*ks) -> Callable[[], None]:
        return lambda: [qtbot.keyClick(v, *k) for k in ks]

    def drag_g() -> None:
        r = sc.node_item(g).sceneBoundingRect()
        at = r.center() - (r.center() - r.topLeft()) * 0.5  # on the card's body, off its ports
        drag(v, at, at + QPointF(0, -200))

    ctrl, shift = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier
    assert badge.rect_at(v.zoom)[2] == "×1"
    v.setFocus()
    moved(drag_g, "×1 copy")
    moved(keys((Qt.Key.Key_Z, ctrl)), "×1")  # Undo: the card back
    moved(keys((Qt.Key.Key_Z, ctrl | shift)), "×1 copy")  # Redo
    moved(keys((Qt.Key.Key_Z, ctrl)), "×1")


@pytest.mark.parametrize("name", ["neuron", "blog"])
def test_the_finished_pass_on_it_shows_the_badges_whole(window, qtbot, name):
    """A trial: on the blog's gradient graph, Ctrl+B then End, the finished
    picture took in the cards of the pass's ends and cut the badges left of
    the original leaves at the canvas's edge ("opy"), as Fit once did."""

    w = window
    _gradient_graph(w, name)
    run_to_end(qtbot, w)
    v, z = w.view, w.view.zoom
    seen = v.mapToScene(v.viewport().rect()).boundingRect()
    drawn = []
    for b in _badges(w):
        r, _px, text = b.rect_at(z)
        if text:
            drawn.append((text, b.mapRectToScene(r)))
    assert drawn, z
    assert [(t, r) for t, r in drawn if not seen.contains(r)] == [], z
