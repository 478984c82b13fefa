"""What the screen shows after each Backward step equals a fresh paint.

A user saw half of an old step's wire caption stay on screen until the next
full repaint: the caption was hidden as its wire moved back under the cards
(a new parent), and Qt never repainted where it had been. Offscreen, the
window's backing store (what the screen shows, ``QScreen.grabWindow``) can be
compared with a fresh paint of the same window (``QWidget.grab``); a few
pixels of antialiased edges drawn twice differ by a level or two, a leftover
caption by far more.
"""

from __future__ import annotations

import time

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication
from test_animation_gui import hand_mode, open_example, press
from window_helpers import answers, tmp_settings, window  # noqa: F401

#: A pixel counts as left over when a channel differs by more than this.
LEVELS = 40


def _settle() -> None:
    for _ in range(20):
        QApplication.processEvents()
        time.sleep(0.005)


def leftovers(w) -> int:
    """How many canvas pixels the screen shows differently from a fresh paint."""
    _settle()
    vp = w.view.viewport()
    rect = vp.rect().translated(vp.mapTo(w, vp.rect().topLeft()))
    fmt = QImage.Format.Format_RGB32
    shown = vp.screen().grabWindow(w.winId()).toImage().copy(rect).convertToFormat(fmt)
    fresh = w.grab().toImage().copy(rect).convertToFormat(fmt)
    assert shown.size() == fresh.size() and not shown.isNull()
    count = 0
    for y in range(shown.height()):
        for x in range(0, shown.width(), 2):
            a, b = shown.pixel(x, y), fresh.pixel(x, y)
            if a != b and max(abs(((a >> s) & 255) - ((b >> s) & 255)) for s in (0, 8, 16)) > LEVELS:
                count += 1
    return count


def test_no_caption_is_left_behind_by_a_step(window):
    w = window
    w.resize(1600, 1000)
    open_example(w, "neuron_tanh")
    hand_mode(w)
    press(w, "backward")
    assert leftovers(w) == 0
    seen = []
    for _ in range(6):
        press(w, "step")
        seen.append(leftovers(w))
    press(w, "step_back")
    seen.append(leftovers(w))
    press(w, "skip_end")
    seen.append(leftovers(w))
    assert seen == [0] * len(seen)


def test_no_wide_wire_is_left_behind_when_gradient_flow_clears(qtbot, window, tmp_path):
    """Trial 55: the MLP's finished pass with View › Gradient Flow on, at 30 %;
    a wire deleted cleared the pass, and coloured stubs of the wide wires
    stayed by the ports until a zoom. The wires' pens are cosmetic: zoomed
    out a wide one runs past the bounds Qt repaints an item by."""
    from test_gradient_flow import backward_to_end, turn_on
    from window_helpers import open_mlp_file

    w = window
    open_mlp_file(qtbot, w, tmp_path)
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_F)  # Fit
    gid = next(g.id for g in w.model.groups if g.label == "layer 3 [3]")
    card = w.scene.folding.card(gid)
    at = w.view.mapFromScene(card.mapToScene(card.rect().center()))
    qtbot.mouseDClick(w.view.viewport(), Qt.MouseButton.LeftButton, pos=at)  # open it
    backward_to_end(qtbot, w)
    turn_on(w)  # View › Gradient Flow
    frame = w.scene.folding.frame(gid)
    toggle = w.view.mapFromScene(frame.mapToScene(frame.toggle_rect().center()))
    qtbot.mouseClick(w.view.viewport(), Qt.MouseButton.LeftButton, pos=toggle)  # fold it again
    w.view.set_zoom(0.3, center=w.scene.itemsBoundingRect().center())
    assert leftovers(w) == 0
    seen = w.view.mapToScene(w.view.viewport().rect()).boundingRect()
    wire, at = next(  # a wide wire in view, where a click picks it
        (e, p)
        for e in w.scene.edge_items()
        if e.isVisible() and e.width is not None
        for p in (e.mapToScene(e.path().pointAtPercent(t / 20)) for t in range(4, 17))
        if seen.contains(p) and w.scene.wire_at(p) is e
    )
    qtbot.mouseClick(w.view.viewport(), Qt.MouseButton.LeftButton, pos=w.view.mapFromScene(at))
    QApplication.processEvents()
    assert w.scene.selectedItems() == [wire]
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_Delete)  # disconnects it: the pass is cleared
    QApplication.processEvents()
    assert w.document.backward_pass is None
    assert not any(e.width is not None for e in w.scene.edge_items() if e.isVisible())
    assert leftovers(w) == 0
