"""A panel the window put aside (behind a tab, or hidden) to keep its height
when another panel opened comes back once that one closes: there is room
again (a 1366×768 laptop: Learn › Train… put Chain Rule behind a tab; closing
Train left it there). Driven as a user: the Learn menu, the panel's close
button."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton
from test_tutorial_gui import click, settle
from test_window_height import (
    SCREEN_H,
    first_launch,
    fits_the_screen,
    in_front,
    the_students_neuron,
    tutorial_readable,
)
from window_helpers import answers, tmp_settings, trigger  # noqa: F401


def close_button(dock) -> QAbstractButton:
    """The × on the panel's title bar."""
    (b,) = [b for b in dock.findChildren(QAbstractButton) if b.objectName() == "qt_dockwidget_closebutton"]
    return b


def column(w) -> list:
    """The right-hand column's panels in view, top to bottom."""
    right = Qt.DockWidgetArea.RightDockWidgetArea
    docks = [d for d in w.docks.all() if in_front(d) and w.dockWidgetArea(d) == right]
    return sorted(docks, key=lambda d: d.y())


def test_a_panel_tabbed_away_for_train_comes_back_when_train_closes(qtbot, answers, tmp_path):
    w = first_launch(qtbot, the_students_neuron(tmp_path))
    click(qtbot, w.tutorial.panel.start_button)  # a tour under way stays (the welcome page steps aside)
    settle()  # (the column is full)
    before = [d.objectName() for d in column(w)]
    chain = w.backward.dock_chain
    assert in_front(chain)
    train = w.learning.dock_train
    trigger(w, "learn_train")
    settle()
    fits_the_screen(w)
    assert in_front(train)
    # (Train opened as a tab of Properties'; the column then too full: Chain Rule behind the Tutorial's tab)
    assert not in_front(chain) and chain in w.tabifiedDockWidgets(w.tutorial.dock)
    click(qtbot, close_button(train))
    settle()
    qtbot.wait(20)
    settle()
    assert not train.isVisible()
    # each back where it was: Chain Rule out from behind the Tutorial's tab, Properties in front
    # of its tab set again (Train had opened as its tab)
    assert [d.objectName() for d in column(w)] == before
    assert tutorial_readable(w) == []
    tut = w.tutorial.dock
    assert tut.height() >= tut.sizeHint().height(), (tut.height(), tut.sizeHint())  # its page whole again
    fits_the_screen(w)
    assert w.height() == SCREEN_H


def test_a_window_made_taller_by_hand_brings_the_panel_back_beside_the_one_that_needed_room(
    qtbot, answers, tmp_path
):
    w = first_launch(qtbot, the_students_neuron(tmp_path))
    click(qtbot, w.tutorial.panel.start_button)  # a tour under way (the welcome page steps aside)
    settle()
    chain, train = w.backward.dock_chain, w.learning.dock_train
    trigger(w, "learn_train")
    settle()
    assert in_front(train) and not in_front(chain)
    w.resize(w.width(), 1000)  # (dragged taller, on a taller screen)
    settle()
    qtbot.wait(20)
    settle()
    assert in_front(train) and in_front(chain)
    assert w.height() == 1000 and w.minimumSizeHint().height() <= 1000
