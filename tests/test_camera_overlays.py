"""The pass's camera keeps the current step clear of the widgets over the
canvas's corners (a new user's trial: with View › Minimap on, a step's card
sat under the minimap, its ring and numbers hidden)."""

from __future__ import annotations

import pytest
from canvas_helpers import make_canvas
from PySide6.QtCore import QPoint, QRect, QRectF, QSizeF
from PySide6.QtWidgets import QApplication, QWidget
from test_animation_gui import example_pass, press
from window_helpers import answers, tmp_settings, window  # noqa: F401

from gui.backward.camera_moves import clear_of_overlays
from gui.canvas.items import CARD_RECT


def _on_screen(w, node: str) -> QRect:
    it = w.scene.node_item(node)
    return w.view.mapFromScene(it.mapRectToScene(CARD_RECT)).boundingRect()


def test_no_step_of_the_pass_sits_under_the_minimap(window):
    """Each step's card is put where the minimap is before the step (the
    view scrolled there, as a user may): the step brings it out. (The Find
    bar's corner is checked by the unit test below: under the bar, a step's
    inputs and captions above it make the camera scroll anyway.)"""
    w = window
    example_pass(w, "neuron_tanh", (1100, 700), 1.0)
    w.navigation.action_minimap.setChecked(True)
    mini = w.navigation.minimap
    QApplication.processEvents()
    assert mini.isVisible()
    rp, vp, steps = w.backward.replay, w.view.viewport(), 0
    under = QRect(vp.mapFrom(w.view, mini.pos()), mini.size())
    while w.backward.action_step.isEnabled():
        nxt = rp.current(w.backward.animator.pos + 1)
        if nxt is not None:  # its card under the overlay
            card = _on_screen(w, nxt.node)
            d = card.center() - under.center()
            w.view.horizontalScrollBar().setValue(w.view.horizontalScrollBar().value() + d.x())
            w.view.verticalScrollBar().setValue(w.view.verticalScrollBar().value() + d.y())
            QApplication.processEvents()
            assert _on_screen(w, nxt.node).intersects(under)
        press(w, "step")
        if nxt is None:
            continue
        steps += 1
        card = _on_screen(w, nxt.node)
        assert vp.rect().contains(card), nxt.node
        assert not card.intersects(under), (nxt.node, card, under)
    assert steps >= 8


@pytest.mark.parametrize("corner", ["top", "bottom"])
def test_a_rect_under_an_overlay_comes_out_the_least_way_and_stays_in_view(qtbot, corner):
    """``clear_of_overlays`` on its own: a widget over the view's right
    corner (the Find bar at the top, the minimap at the bottom) and a rect
    under it; the view moves the least that uncovers it, in view."""
    _, _, _, view = make_canvas(qtbot, size=(800, 600))
    over = QWidget(view)
    over.resize(240, 60)
    vp = view.viewport().rect()
    over.move(
        view.viewport().mapTo(view, QPoint(vp.right() - 250, 10 if corner == "top" else vp.bottom() - 70))
    )
    over.show()
    view.overlays.add(over)
    covered = view.overlays.covered(view.viewport())[0]
    keep = QRectF(view.mapToScene(covered.center() - QPoint(20, 10)), QSizeF(80, 40))  # half under it
    assert view.mapFromScene(keep).boundingRect().intersects(covered)
    before = view.mapToScene(vp.center())
    assert clear_of_overlays(view, keep, 0.0)
    r = view.mapFromScene(keep).boundingRect()
    assert not r.intersects(covered) and vp.contains(r)
    moved = view.mapToScene(vp.center()) - before
    assert moved.x() * moved.y() == 0  # one way: the overlay's side or its edge,
    assert moved.manhattanLength() <= 80  # the least (the rect is 80 x 40, the overlay 240 x 60)
    over.hide()  # hidden, it covers nothing
    assert view.overlays.covered(view.viewport()) == []
    over.show()
    big = view.mapToScene(vp.adjusted(20, 20, -20, -20)).boundingRect()  # can't come out from under it
    assert not clear_of_overlays(view, big, 0.0)


@pytest.mark.parametrize("size", [(1920, 1080), (1600, 1000)])
def test_a_finished_forward_pass_keeps_its_ends_clear_of_the_minimap(qtbot, window, tmp_path, size):
    """t68 #3: the MLP, View › Minimap on, Backward › Compare Forward and
    Reverse open, forward mode from x1[1], End: the finished picture framed
    x1[1] at the top left and the root, the folded "loss" card, lay under
    the minimap. Both ends are shown now, the root clear of it."""
    from window_helpers import open_mlp_file, trigger

    w = window
    w.showNormal()
    w.resize(*size)
    open_mlp_file(qtbot, w, tmp_path)
    trigger(w, "minimap")
    trigger(w, "compare_modes")
    m = w.model
    (seed,) = [n for n in m.nodes() if m.label(n) == "x1[1]"]
    assert w.backward.forward.run_forward(seed, play=False)
    trigger(w, "skip_end")
    QApplication.processEvents()
    mini = w.navigation.minimap
    assert mini.isVisible()
    vp = w.view.viewport()
    under = QRect(vp.mapFrom(w.view, mini.pos()), mini.size())
    sc = w.scene
    loss = sc.folding.card(sc.folding.card_of("loss") or "") or sc.node_item("loss")
    root = w.view.mapFromScene(loss.sceneBoundingRect()).boundingRect()
    leaf = _on_screen(w, seed)
    assert vp.rect().contains(root) and not root.intersects(under), (root, under)
    assert vp.rect().contains(leaf), leaf
