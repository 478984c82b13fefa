"""Expand All on the MLP: the loss group (holding the output) opens level
with the first of the layers wired into it, not from below the middle of
their column (its card's row), which ran its frame about 1,300 units below
everything else (issue 10's reading leftovers)."""

from __future__ import annotations

import itertools

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from window_helpers import answers, tmp_settings, window  # noqa: F401


def _insert_mlp(w) -> None:
    from core.learn import templates

    w.resize(1600, 1000)
    w.learning.insert(templates.mlp())
    QApplication.processEvents()


def _expand_all(qtbot, w) -> dict:
    """Expand All (its key); the top groups' frames by name."""
    w.view.setFocus()
    ctrl_shift = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(w.view, Qt.Key.Key_BracketRight, ctrl_shift)
    QApplication.processEvents()
    tops = [g for g in w.model.groups if g.parent is None]
    return {g.label: w.scene.folding.frame(g.id).sceneBoundingRect() for g in tops}


def test_the_expanded_mlp_loss_opens_level_with_its_first_input_and_no_lower(qtbot, window):
    w = window
    _insert_mlp(w)
    frames = _expand_all(qtbot, w)
    loss = frames.pop("loss")
    layer3 = [r for label, r in frames.items() if label.startswith("layer 3 [")]
    assert len(layer3) == 4
    assert abs(loss.top() - min(r.top() for r in layer3)) < 1.0  # level with ypred[1]'s layer
    # the picture ends where the layers or the loss, started at the first row, end
    first_row = min(r.top() for label, r in frames.items() if "[" in label)
    whole = w.view.graph_rect()
    assert whole.bottom() <= max(max(r.bottom() for r in frames.values()), first_row + loss.height()) + 60.0
    assert whole.height() < 10_100  # 11,213 before
    # clear of every other frame and of every card outside it
    rects = [loss, *frames.values()]
    for a, b in itertools.combinations(rects, 2):
        assert not a.intersects(b)
    inside = {n for g in w.model.groups if g.label == "loss" for n in w.model.groups.nodes_in(g.id)}
    for n, it in w.scene.node_map().items():
        if n not in inside:
            assert not it.mapRectToScene(it.boundingRect()).intersects(loss), n


def test_expand_all_on_the_mlp_is_one_undo_step(qtbot, window):
    w = window
    _insert_mlp(w)
    folded = {n: w.model.position(n) for n in w.model.nodes()}
    _expand_all(qtbot, w)
    assert any(w.model.position(n) != p for n, p in folded.items())
    qtbot.keyClick(w.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # Undo, once
    QApplication.processEvents()
    assert {n: w.model.position(n) for n in w.model.nodes()} == folded
    assert all(g.collapsed for g in w.model.groups if g.parent is None)


def test_the_folded_loss_names_its_inputs_once_backward_shows_its_gradient(qtbot, window):
    """Backward on the folded MLP: the loss card's input rows read "0.4277",
    "0.5571", … (whose values?) beside "loss 6.005  ∇1.0000", the output's
    longest form taking the room; now the output gives up its value so the
    inputs keep their names."""
    w = window
    _insert_mlp(w)
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    w.backward.animator.pause()
    QApplication.processEvents()
    gid = w.scene.folding.card_of(w.backward.replay.root)
    card = w.scene.folding.card(gid)
    for _ in range(2):  # the start; then one Step: the loss card's run, its inputs' gradients known
        for zoom in (0.85, 1.0):
            rows = [t.text for t in card.texts_at(zoom) if t.kind == "row"]
            ins = [p.name for p in card.inputs]
            assert ins == ["ypred[1]", "ypred[2]", "ypred[3]", "ypred[4]"]
            for name in ins:
                assert any(r.startswith(name) for r in rows), (zoom, rows)
            # the output keeps its name too (a bare "∇1" read as ypred[1]'s)
            assert any(r.startswith("loss") and "∇1" in r for r in rows), (zoom, rows)
        qtbot.keyClick(w.view, Qt.Key.Key_Right)
        QApplication.processEvents()
        assert any(p.grad is not None for p in card.inputs), w.backward.animator.pos
