"""Group name tabs over the wires (issue 10; a new user's trial): with
View › Gradient Flow on the expanded MLP, the thick wires from the inputs ran
across the tabs of "layer 1 [1]" and its neurons, over their names (the tab
was drawn with its frame, behind the wires). A tab is now its own item over
the wires and the cards (and their step rings), under the wires' captions."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QApplication
from test_gradient_flow import backward_to_end, turn_on
from window_helpers import answers, open_mlp_file, tmp_settings, window  # noqa: F401

from gui.canvas.folding.frame_tab import TAB_Z
from gui.canvas.items import EdgeItem
from gui.canvas.wires.wire_caption import CAPTION_Z


def _tabs_in_view(w) -> list[QRect]:
    """The name tabs wholly in view (viewport pixels, inside their rounded corners)."""
    view, out = w.view, []
    vp = view.viewport().rect()
    for g in w.model.groups:
        f = w.scene.folding.frame(g.id)
        if f is None or not f.isVisible():
            continue
        r = view.mapFromScene(f.mapRectToScene(f.title_rect())).boundingRect()
        if r.height() > 12 and vp.contains(r):
            out.append(r.adjusted(8, 3, -8, -3))
    return out


def test_gradient_flow_wires_pass_under_the_group_name_tabs(qtbot, window, tmp_path):
    w = window
    open_mlp_file(qtbot, w, tmp_path)
    w.view.setFocus()
    ctrl_shift = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(w.view, Qt.Key.Key_BracketRight, ctrl_shift)  # Expand All
    QApplication.processEvents()
    backward_to_end(qtbot, w)  # (the view on the inputs, their wires running right)
    turn_on(w)  # View › Gradient Flow
    qtbot.wait(50)
    tabs = _tabs_in_view(w)
    assert tabs
    drawn = w.view.viewport().grab().toImage()
    wires = [e for e in w.scene.edge_items() if e.isVisible()]
    for e in wires:
        e.setVisible(False)
    bare = w.view.viewport().grab().toImage()
    for e in wires:
        e.setVisible(True)
    dpr = drawn.devicePixelRatio()
    crossed = 0
    for r in tabs:  # a tab reads the same with the wires drawn as without them
        differ = sum(
            drawn.pixel(round(x * dpr), round(y * dpr)) != bare.pixel(round(x * dpr), round(y * dpr))
            for x in range(r.left(), r.right())
            for y in range(r.top(), r.bottom())
        )
        crossed += any(
            e.isVisible() and e.sceneBoundingRect().intersects(w.view.mapToScene(r).boundingRect())
            for e in wires
        )
        assert differ == 0, (r, differ)
    assert crossed >= 1  # (wires do run across where the tabs are)
    assert 2.0 < TAB_Z < CAPTION_Z  # over the lit wires, under their captions


def test_folding_a_group_with_its_tabs_toggle_selects_no_wire(qtbot, window, tmp_path):
    """Trial 55: a click on an open group's ▾ folded it, and its release picked
    the wire that ran under the tab ("1 wire selected"); Delete then
    disconnected a wire the teacher never clicked and threw the finished pass
    away. A press a tab takes is no press on the wire under it."""
    w = window
    open_mlp_file(qtbot, w, tmp_path)
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_F)  # Fit
    QApplication.processEvents()
    gid = next(g.id for g in w.model.groups if g.label == "layer 3 [3]")
    card = w.scene.folding.card(gid)
    at = w.view.mapFromScene(card.mapToScene(card.rect().center()))
    qtbot.mouseDClick(w.view.viewport(), Qt.MouseButton.LeftButton, pos=at)  # open it
    QApplication.processEvents()
    assert not w.model.groups.get(gid).collapsed
    backward_to_end(qtbot, w)
    frame = w.scene.folding.frame(gid)
    toggle = frame.mapToScene(frame.toggle_rect().center())
    assert w.scene.wire_at(toggle) is not None  # (the test's point: a wire runs under the ▾)
    qtbot.mouseClick(w.view.viewport(), Qt.MouseButton.LeftButton, pos=w.view.mapFromScene(toggle))
    QApplication.processEvents()
    assert w.model.groups.get(gid).collapsed
    assert not any(isinstance(it, EdgeItem) for it in w.scene.selectedItems())
    assert "wire" not in w.status_text()
