"""Trial 52 (#16): what marks the step shown agrees with what is said of it.

- Forward Mode from x with f selected (x chosen in the question): the
  status bar said "f selected · …" while x was the step shown; the leaf
  picked is now the one selected.
- ``picture --end`` (File › Export as PNG at the end of a pass) drew the
  orange "current step" ring on x's linked copies while the only caption was
  y's: the finished picture has no current step, on the copies either, and
  x, used twice as y is, shows its sum as y does."""

from __future__ import annotations

from leaf_question import answer_leaf_question
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from test_forward_mode_gui import click_card
from test_pass_switch_captions import f_xy
from window_helpers import action, answers, open_saved, step_by_hand, tmp_settings, window  # noqa: F401

import gui.window.picture_export as picture_export
from core.code.codeadd import import_code


def test_forward_mode_selects_the_leaf_it_starts_from(window, qtbot, tmp_path, monkeypatch):
    w = window
    open_saved(qtbot, w, f_xy(), tmp_path / "f.mgraph")
    step_by_hand(w)
    click_card(w, qtbot, "f")
    w.status_line.end_message()  # ("Opened …" gone, as a few seconds later)
    assert w.scene.selected_ids() == ["f"] and w.status_text().startswith("f selected")
    asked = []

    def get_item(parent, title, label, items, *a, **k):
        asked.append(title)
        return next(i for i in items if i.split()[0] == "x"), True

    answer_leaf_question(monkeypatch, get_item)
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_F5, Qt.KeyboardModifier.ShiftModifier)
    QApplication.processEvents()
    assert asked and w.backward.replay.wrt == "x"
    assert w.scene.node_item("x").highlight == "input"  # the step shown: x, the seed
    assert w.scene.selected_ids() == ["x"]
    w.status_line.end_message()
    assert w.status_text().startswith("x selected"), w.status_text()
    assert w.backward.chain_panel.node == "x"


def test_the_finished_picture_rings_no_copy_and_captions_every_sum(
    window, qtbot, answers, tmp_path, monkeypatch
):
    w = window
    # the trial's Import Code: its statement's nodes grouped, x and y drawn as linked copies in it
    model, _plan = import_code("x = Value(0.5)\ny = Value(-1.5)\ng = (x*y).tanh() + x.exp()/y\n", {})
    open_saved(qtbot, w, model, tmp_path / "g.mgraph")
    step_by_hand(w)
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(w.view, Qt.Key.Key_End)
    QApplication.processEvents()
    m, sc, ctl = w.model, w.scene, w.backward
    x, y = (next(n for n in m.nodes() if m.label(n) == k) for k in "xy")
    assert ctl.replay.steps[-1].node == x  # the last step: x, ringed on the canvas
    copies_of_x = [c.key for c in sc.linked.copies() if c.key[0] == x]
    assert len(copies_of_x) == 2 and all(sc.linked.lit(k) for k in copies_of_x)
    seen = {}

    def spy(scene, path, kind, *a, **k):
        seen["lit"] = [k for k in (c.key for c in scene.linked.copies()) if scene.linked.lit(k)]
        seen["rings"] = [n for n in m.nodes() if scene.node_item(n).highlight == "current"]
        seen["notes"] = {m.label(n): scene.node_item(n).note for n in (x, y)}
        scene.detail.reveal_all()  # (as the picture draws every card: their notes placed)
        it = scene.node_item(x)
        note = it.mapRectToScene(it.placed_note)
        seen["covered"] = [c.key for c in scene.linked.copies() if c.sceneBoundingRect().intersects(note)]

    monkeypatch.setattr(picture_export, "export_scene", spy)
    answers.export_path = str(tmp_path / "g.png")
    action(w, "export_png").trigger()
    QApplication.processEvents()
    assert seen["lit"] == [] and seen["rings"] == []  # was: x's two copies in orange
    assert seen["covered"] == []  # x's note beside its card, clear of x*y's copies of x and y
    # x = 0.5, y = −1.5: ∂g/∂x = (1 − tanh²(xy))·y + eˣ/y, ∂g/∂y = (1 − tanh²(xy))·x − eˣ/y², by hand:
    # the parts −0.8949 (via x*y) and −1.0991 (via exp), −0.7328 (via x.exp()/y) and 0.2983 (via x*y)
    assert seen["notes"] == {
        "x": "x.grad = −1.0991 + (−0.8949) = −1.994",  # was: none (the parts in the pass's order)
        "y": "y.grad = −0.7328 + 0.2983 = −0.4345",
    }
    # the canvas again at the end of the pass: x its step, its copies lit
    assert all(sc.linked.lit(k) for k in copies_of_x) and sc.node_item(x).highlight == "current"
