"""Play turning into Pause moves nothing after it (a trial, 71 #10: Step,
Skip to End and the speed slider shifted 12 px right while playing, and a
mouse user's next click missed)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QToolBar
from window_helpers import action, answers, shown_window, tmp_settings, window  # noqa: F401

from gui.common import resources


def _places(w) -> dict[str, int]:
    tb = w.findChild(QToolBar, "toolbar_backward")
    out = {}
    for name in ("play", "step", "skip_end"):
        b = tb.widgetForAction(action(w, name))
        out[name] = b.mapTo(w, QPoint(0, 0)).x()
        out[name + "_width"] = b.width()
    slider = w.backward.speed_slider
    out["speed"] = slider.mapTo(w, QPoint(0, 0)).x()
    return out


def test_pressing_play_leaves_step_end_and_speed_where_they_were(qtbot, window):
    shown_window(qtbot, window)
    assert window.open_example(resources.DEFAULT_EXAMPLE)  # the graph a first launch shows
    QApplication.processEvents()
    tb = window.findChild(QToolBar, "toolbar_backward")
    play = tb.widgetForAction(action(window, "play"))
    assert play.text() == "Play" and play.isEnabled()
    assert play.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonTextBesideIcon  # (a wide window)
    before = _places(window)
    qtbot.mouseClick(play, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: play.text() == "Pause", timeout=2000)
    QApplication.processEvents()
    assert _places(window) == before
    qtbot.mouseClick(play, Qt.MouseButton.LeftButton)  # paused: Play again, still the same place
    qtbot.waitUntil(lambda: play.text() == "Play", timeout=2000)
    QApplication.processEvents()
    assert _places(window) == before


def test_the_play_button_is_no_wider_than_pause_needs(qtbot, window):
    shown_window(qtbot, window)
    tb = window.findChild(QToolBar, "toolbar_backward")
    play = tb.widgetForAction(action(window, "play"))
    fm = play.fontMetrics()
    extra = fm.horizontalAdvance("Pause") - fm.horizontalAdvance("Play")
    assert play.width() <= play.sizeHint().width() + extra + 1
