"""The zoom keys after a pass has finished (trial 59 #11): End on the MLP
shows the finished picture, its last step x1[1] at the graph's top left; the
keys zoomed about that step and pushed the graph into the corner. Finished,
they zoom about the middle of the view, as with no pass; mid-pass, about the
step, which stays where it is."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtWidgets import QApplication
from test_animation_gui import press
from test_camera_regroup import finished_mlp_pass
from window_helpers import answers, tmp_settings, window  # noqa: F401


def middle(w) -> QPointF:
    return w.view.mapToScene(w.view.viewport().rect().center())


def zoom_out_keys(qtbot, w, times: int) -> None:
    w.view.setFocus()
    for _ in range(times):
        qtbot.keyClick(w.view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
        QApplication.processEvents()


def test_after_end_the_zoom_keys_zoom_about_the_middle(qtbot, window):
    w = window
    finished_mlp_pass(qtbot, w)
    assert w.backward.animator.at_end
    before, zoom = middle(w), w.view.zoom
    zoom_out_keys(qtbot, w, 3)
    assert w.view.zoom < zoom * 0.6
    after, px = middle(w), 1 / w.view.zoom  # (a view pixel, in scene units)
    # the middle stays within the pixel rounding of each step (it went hundreds of pixels off)
    assert abs(after.x() - before.x()) < 4 * px and abs(after.y() - before.y()) < 4 * px


def test_mid_pass_the_zoom_keys_keep_the_step_where_it_is(qtbot, window):
    w = window
    finished_mlp_pass(qtbot, w)
    press(w, "step_back")
    QApplication.processEvents()
    at = w.backward.chain.step_point()
    assert at is not None
    seen: QPoint = w.view.mapFromScene(at)
    zoom_out_keys(qtbot, w, 2)
    now = w.view.mapFromScene(at)
    assert abs(now.x() - seen.x()) <= 2 and abs(now.y() - seen.y()) <= 2
