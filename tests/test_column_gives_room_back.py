"""The right column gives its width back (trial 75 #10): at 1280 × 800, Nudge
Up widened the column from about 290 to 440 px, hid the output card behind
it, and the column stayed that wide after Nudge was closed. Now a panel that
widened its column hands the width back when it is closed."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication
from window_helpers import answers, open_file_at, tmp_settings, trigger, window  # noqa: F401

EX = Path(__file__).resolve().parents[1] / "resources" / "examples"


def _settle(qtbot) -> None:
    for _ in range(5):
        QApplication.processEvents()
        qtbot.wait(20)


def test_closing_nudge_gives_the_column_its_width_back(qtbot, window):
    w = window
    open_file_at(qtbot, w, EX / "neuron_tanh.mgraph", size=(1280, 800))
    _settle(qtbot)
    column = w.properties_dock
    before, canvas = column.width(), w.view.width()
    trigger(w, "learn_nudge_up")
    _settle(qtbot)
    nudge = w.learning.dock_nudge
    assert nudge.isVisible()
    assert column.width() > before + 100  # (what Nudge needs: the column widened for it)
    nudge.close()  # its title bar's ×
    _settle(qtbot)
    assert abs(column.width() - before) <= 2, (before, column.width())
    assert abs(w.view.width() - canvas) <= 2


def test_closing_train_from_the_panels_menu_gives_the_width_back(qtbot, window):
    w = window
    open_file_at(qtbot, w, EX / "neuron_tanh.mgraph", size=(1280, 800))
    _settle(qtbot)
    column = w.properties_dock
    before = column.width()
    train = w.learning.dock_train
    trigger(w, "learn_nudge_up")  # Nudge widens the column, Train opens beside it
    trigger(w, "learn_train")
    _settle(qtbot)
    assert train.isVisible() and column.width() > before + 50
    w.learning.dock_nudge.close()
    _settle(qtbot)
    train.toggleViewAction().trigger()  # and unticked
    _settle(qtbot)
    assert abs(column.width() - before) <= 2, (before, column.width())


def test_closing_train_on_data_gives_the_column_its_width_back(qtbot, window):
    w = window
    open_file_at(qtbot, w, EX / "neuron_tanh.mgraph", size=(1280, 800))
    _settle(qtbot)
    before, canvas = w.properties_dock.width(), w.view.width()
    column = w.properties_dock
    trigger(w, "learn_train_data")  # Learn › Train on Data…: it asks the column for room
    _settle(qtbot)
    train = w.training.dock
    assert train.isVisible() and train.width() > before + 50 and w.view.width() < canvas - 50
    train.close()  # its title bar's ×
    _settle(qtbot)
    assert abs(column.width() - before) <= 2, (before, column.width())
    assert abs(w.view.width() - canvas) <= 2


def test_the_window_going_away_asks_nothing_of_its_columns(qtbot, answers):
    """fix73d's screenshots: quitting printed "RuntimeError: Internal C++ object
    (MainWindow) already deleted" from the column's watch on a panel hidden as
    the window went."""
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QMainWindow

    from gui.window.main_window import MainWindow

    w = MainWindow()
    w.resize(1280, 800)
    w.show()
    qtbot.waitExposed(w)
    trigger(w, "learn_nudge_up")  # (a panel that widened its column: its width to give back)
    _settle(qtbot)
    w.undo_stack.setClean()
    w.deleteLater()  # (as at a quit with the window still up: the display gone)
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    _settle(qtbot)  # (pytest-qt fails the test on an exception raised in a slot)
    assert not [x for x in QApplication.topLevelWidgets() if isinstance(x, QMainWindow) and x.isVisible()]
