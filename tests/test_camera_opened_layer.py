"""Stepping inside an opened MLP layer (a new user's trial 43): Learn ›
Insert MLP… › OK, double-click the folded "layer 1 [1]" to open it, Ctrl+B,
then → through the layer's neurons. The ringed node sat at the view's
bottom edge, its neuron's lower part and the captions running off; the
captions "w1.4.2.grad += …" and "x2[1].grad += …" sat over the linked
copies of x2[1] and x3[1] beside the step's card, the very inputs whose
gradients the step changed, hiding their values.

Two causes: an input drawn as a linked copy (a shared leaf: x2[1] feeds
every neuron; a weight whose card is folded away in "layer 1 weights") was
looked for at its original, far off outside the layer, so the camera's
"all of it" could not fit and the step was left at an edge; and a copy is
a child of its card, not a card, so the captions did not keep off it.
Now the camera takes the copies where they are drawn and keeps the node
and its captions well inside the view (``COMFORT`` around them where the
graph goes on), and the captions keep off the copies (their leaders may
cross one) and, where no spot is free, off the step's own cards most of all."""

from __future__ import annotations

import pytest
from animation_helpers import drawn_card
from PySide6.QtCore import QRectF, Qt
from PySide6.QtWidgets import QApplication, QDockWidget
from test_animation_gui import hand_mode
from test_learning_gui import accept_dialog_soon
from window_helpers import answers, click_item, tmp_settings, trigger, window  # noqa: F401

from gui.backward.replay_canvas import _rect

#: Well inside the view: this far (viewport pixels) from each of its edges at
#: least (a move keeps camera_moves.COMFORT beyond the margin, 88; the view
#: stays while what a step wants shown is half its margin, 12, inside).
WELL, INSIDE = 64.0, 8.0


def _open_layer_and_step(qtbot, w, right: int | None) -> None:
    """The trial's steps: Insert MLP with its dialog's defaults, the right
    column ``right`` px wide (None: as the window opens; 377: the trial's,
    its canvas ~1035 px wide), "layer 1 [1]" double-clicked, Backward by hand."""
    w.resize(1600, 1000)
    w.show()
    qtbot.waitExposed(w)
    if right is not None:
        dock = next(d for d in w.findChildren(QDockWidget) if d.windowTitle() == "Properties")
        w.resizeDocks([dock], [right], Qt.Orientation.Horizontal)
    accept_dialog_soon(qtbot, "learn_mlp_dialog")
    trigger(w, "learn_insert_mlp")
    w.activateWindow()  # (the dialog gone, the window takes the keys again)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w, timeout=2000)
    card = next(c for c in w.scene.folding.cards() if c.isVisible() and c.label == "layer 1 [1]")
    click_item(qtbot, w, card, double=True)
    qtbot.waitUntil(lambda: not w.model.groups.get(card.gid).collapsed)
    for _ in range(3):
        QApplication.processEvents()
    hand_mode(w)
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    QApplication.processEvents()


@pytest.fixture
def opened(qtbot, window):
    """The window; afterwards one plain click (on its status bar): QTest keeps
    the state of a double-click, and a later test's first mouse moves over a
    canvas made no hover (tests/test_linked_copies.py)."""
    yield window
    qtbot.mouseClick(window.statusBar(), Qt.MouseButton.LeftButton)


def _in_layer(w, node: str, layer: str) -> bool:
    groups = w.model.groups
    g = groups.group_of(node)
    return g is not None and (g == layer or layer in groups.ancestors(g))


def _captions(w) -> list[QRectF]:
    rp, pos = w.backward.replay, w.backward.animator.pos
    out = []
    for s, t, p, _text in rp.flows(pos):
        e = w.scene.edge_item(s, t, p)
        r = e.caption_rect() if e is not None and e.isVisible() else None
        if r is not None:
            out.append(r)
    return out


def _layer_steps(qtbot, w, right):
    """Layer 1 [1] opened and Backward begun (``right``: the right column's
    width), then → pressed 32 times: each step shown inside that layer."""
    _open_layer_and_step(qtbot, w, right)  # (now: the view's size is known before the first step)
    rp = w.backward.replay
    layer = next(g.id for g in w.model.groups if g.label == "layer 1 [1]")

    def steps():
        for _ in range(32):
            qtbot.keyClick(w.view, Qt.Key.Key_Right)
            QApplication.processEvents()
            step = rp.current(w.backward.animator.pos)
            if step is not None and _in_layer(w, step.node, layer):
                yield step

    return steps()


def _view_px(w, r: QRectF) -> QRectF:
    return w.view.mapFromScene(r).boundingRect().toRectF()


@pytest.mark.parametrize("right", [None, 377])
def test_steps_in_an_opened_layer_keep_the_node_well_inside_and_the_captions_in_view(qtbot, opened, right):
    w = opened
    sc = w.scene
    stepped = _layer_steps(qtbot, w, right)
    vp = QRectF(w.view.viewport().rect())
    well, inside = vp.adjusted(WELL, WELL, -WELL, -WELL), vp.adjusted(INSIDE, INSIDE, -INSIDE, -INSIDE)
    checked = 0
    for step in stepped:
        node = _view_px(w, _rect(sc, [step.node]))
        assert well.contains(node), (step.node, node, well)
        for c in _captions(w):
            assert inside.contains(_view_px(w, c)), (step.node, _view_px(w, c), inside)
        checked += 1
    assert checked >= 12  # (neuron 1.4 [1]'s steps and neuron 1.3 [1]'s)


@pytest.mark.parametrize("right", [None, 377])
def test_captions_inside_an_opened_layer_cover_none_of_the_steps_cards(qtbot, opened, right):
    w = opened
    sc = w.scene
    checked = linked = 0
    for step in _layer_steps(qtbot, w, right):
        z = w.view.transform().m11()
        # the step's card, its inputs as drawn beside it (their linked copies, as drawn at this
        # zoom) and their own cards
        copies = [c for c in sc.linked.copies() if c.isVisible() and c.key[1] == step.node]
        cards = [c.mapRectToScene(c.rect_at(z)) for c in copies]
        for n in (step.node, *step.inputs):  # what a card draws (not the room for a tag it lacks)
            it = sc.node_item(n)
            cards += (
                drawn_card(it) if it is not None and it.isVisible() else [_rect(sc, [n], cards_only=True)]
            )
        caps = _captions(w)
        assert caps, step.node
        for c in caps:
            hit = [r for r in cards if r.intersects(c)]
            assert not hit, (step.node, c, hit)
        checked += 1
        linked += bool(copies)
    assert checked >= 12 and linked >= 6
