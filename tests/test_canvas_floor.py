"""The canvas keeps a usable height: at least half the window's (verify 51:
Presentation Mode at 1366×768 with the Hessian panel open left the canvas a
strip of about 315 px under the banner). A panel under the canvas gives way
first: it shrinks (its words scroll). Driven as a user: the menus, the keys."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from test_presentation_mode import press, settle, toggle_presentation
from test_presentation_room import lecture, teachers_graph
from window_helpers import answers, menu_action, tmp_settings, trigger, window  # noqa: F401

from gui.window.window_height import CANVAS_SHARE


def canvas_height(w) -> int:
    return w.view.viewport().height()


@pytest.mark.parametrize("graph", ["mlp", "f"])
def test_presenting_at_1366x768_with_the_hessian_open_leaves_the_canvas_half_the_window(
    qtbot, window, tmp_path, graph
):
    w = window
    # (one step: a folded group's steps later write a banner of five lines at the
    # mode's size, which takes its own share above the canvas: the panels are at their least then)
    lecture(qtbot, w, teachers_graph(tmp_path, graph), 1)
    hessian = w.backward.forward.hessian_dock
    assert hessian.isVisible() and w.height() == 768
    assert canvas_height(w) >= w.height() * CANVAS_SHARE, (canvas_height(w), hessian.height())
    assert hessian.height() >= 100  # (given way, not gone: its Compute button and table there)


def test_the_hessian_opened_while_presenting_gives_way_too(qtbot, window, tmp_path):
    w = window
    w.resize(1366, 768)
    assert w.open_path(teachers_graph(tmp_path, "mlp"))

    toggle_presentation(qtbot, w)
    press(qtbot, w, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    trigger(w, "hessian")
    settle()
    qtbot.wait(20)
    assert w.backward.forward.hessian_dock.isVisible()
    assert canvas_height(w) >= w.height() * CANVAS_SHARE, canvas_height(w)
