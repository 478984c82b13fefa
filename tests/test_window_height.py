"""A student's 1366×768 laptop (trial 51 #2, #5): Learn › Train… made the
window 900 px high with the first-launch Tutorial open (771 without), the
status bar and Chain Rule under the screen's edge; Nudge and Train on Data
did the same. And the Tutorial, sharing the column with Order or Train, had
its step's instruction scrolled away and its button half cut. The window
keeps its height: the column gives way (the Train plot shrinks, a panel goes
behind a tab), the Tutorial's step and button last."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QDockWidget, QLabel, QWidget
from test_tutorial_gui import click, open_tutorial, settle, title
from window_helpers import answers, tmp_settings, trigger, window  # noqa: F401

from core.code.codeadd import import_code
from core.files import fileio
from gui import app as gui_app
from gui.common import resources
from gui.tutorial.feature import FIT_MS
from gui.window.main_window import MainWindow

SCREEN_W, SCREEN_H = 1366, 768
#: The student's hand-built neuron (x1, x2 named like data: Train warns, a taller panel).
NEURON = "o = tanh(x1*w1 + x2*w2 + b)"
LEAVES = {"x1": 2.0, "x2": 0.0, "w1": -3.0, "w2": 1.0, "b": 6.8813735870195432}


def fits_the_screen(w: MainWindow) -> None:
    settle()  # (the window grown for its panels' least heights, then the column given way)
    assert w.height() <= SCREEN_H, f"the window {w.height()} px high on a {SCREEN_H} px screen"
    assert w.minimumSizeHint().height() <= SCREEN_H
    bar = w.statusBar()
    assert bar.isVisible() and bar.geometry().bottom() < SCREEN_H


def in_front(dock: QDockWidget) -> bool:
    return dock.isVisible() and not dock.visibleRegion().isEmpty()


def whole_in(part: QWidget, box: QWidget) -> bool:
    """``part`` drawn whole inside ``box`` (not cut by its edge), a wrapped text as tall as its lines."""
    r = QRect(part.mapTo(box, QPoint(0, 0)), part.size())
    if isinstance(part, QLabel) and part.wordWrap() and part.height() < part.heightForWidth(part.width()):
        return False
    return box.rect().contains(r)


def tutorial_readable(w: MainWindow) -> list[str]:
    """What of the Tutorial's page the learner acts on is cut: its title,
    instruction, what is left to do, its button, and the row of buttons."""
    p = w.tutorial.panel
    assert in_front(w.tutorial.dock)
    cut = []
    vp = p.scroll_area.viewport()
    step = p.todo.isVisible() or p.action_button.isVisible()
    for part in (p.title, p.text, p.todo, p.action_button) if step else (p.title,):
        if part.isVisible() and not whole_in(part, vp):
            cut.append(part.objectName())
    for b in (p.back_button, p.next_button, p.start_button, p.close_button):
        if b.isVisible() and not whole_in(b, w):
            cut.append(b.objectName())
    return cut


def the_students_neuron(tmp_path) -> str:
    model, _plan = import_code(NEURON, LEAVES)
    path = tmp_path / "neuron_hand.mgraph"
    fileio.save(model, str(path))
    return str(path)


def first_launch(qtbot, path: str) -> MainWindow:
    """``python main.py FILE`` for the first time, the window 1366×768 on the
    laptop's screen, the Tutorial's welcome page showing."""
    w = gui_app.create_window([path])
    qtbot.addWidget(w, before_close_func=lambda w: w.undo_stack.setClean())
    w.showNormal()
    w.resize(SCREEN_W, SCREEN_H)
    qtbot.waitExposed(w)
    qtbot.wait(FIT_MS + 200)  # the welcome page fitted
    settle()
    assert w.tutorial.dock.isVisible() and not w.tutorial.started
    assert w.height() == SCREEN_H
    return w


@pytest.mark.parametrize("column", ["welcome", "not now", "tour"])
def test_train_nudge_and_train_on_data_keep_the_window_on_the_screen(qtbot, answers, tmp_path, column):
    """The welcome page unanswered steps aside for the first of them (trial 58: Train on Data
    squeezed under it); a tour under way keeps its step whole beside each."""
    w = first_launch(qtbot, the_students_neuron(tmp_path))
    if column == "not now":  # the column is Properties (and Order) over Chain Rule
        click(qtbot, w.tutorial.panel.close_button)
        settle()
    elif column == "tour":
        click(qtbot, w.tutorial.panel.start_button)
        settle()
    chain = w.backward.dock_chain
    for name, dock in (
        ("learn_train", w.learning.dock_train),  # Learn › Train…
        ("learn_nudge", w.learning.dock_nudge),  # Learn › Nudge Panel…
        ("learn_train_data", w.training.dock),  # Learn › Train on Data…
    ):
        trigger(w, name)
        settle()
        fits_the_screen(w)
        assert in_front(dock), name  # the panel asked for is in view
        # Chain Rule in view, or a tab away (never gone)
        assert in_front(chain) or (chain.isVisible() and w.tabifiedDockWidgets(chain)), name
        if column == "tour":
            assert tutorial_readable(w) == [], name
        elif column == "welcome":
            assert not w.tutorial.dock.isVisible(), name  # (stepped aside)
    train = w.learning.train
    trigger(w, "learn_train")
    settle()
    assert whole_in(train.start_button, w) and whole_in(train.moves, w)  # its controls whole
    assert train.plot.height() >= train.plot.minimumSizeHint().height()


def step_to(qtbot, w: MainWindow, wanted: str) -> None:
    """Skip › until the Tutorial shows the step titled ``wanted``."""
    for _ in range(12):
        if title(w) == wanted:
            return
        click(qtbot, w.tutorial.panel.next_button)
        settle()
    raise AssertionError(f"no step {wanted!r}, at {title(w)!r}")


def test_the_tutorials_step_and_button_stay_whole_beside_order_train_and_nudge(qtbot, window, answers):
    """The trial's tour at 1366×768: step 7 with Backward's Order list, step 8's
    "Open b = a + a" button, step 11 with the Train panel, then Nudge."""
    w = window
    w.resize(SCREEN_W, SCREEN_H)
    settle()
    assert w.open_example(resources.DEFAULT_EXAMPLE)
    settle()
    open_tutorial(qtbot, w)
    panel = w.tutorial.panel
    step_to(qtbot, w, "Run Backward from L")
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)  # Backward: Order opens
    qtbot.keyClick(w.view, Qt.Key.Key_Right)
    settle()
    assert in_front(w.backward.dock_order) and title(w) == "Run Backward from L"
    fits_the_screen(w)
    assert tutorial_readable(w) == []
    qtbot.keyClick(w.view, Qt.Key.Key_End)
    settle()
    assert title(w) == "Open a graph that uses a node twice" and panel.action_button.isVisible()
    fits_the_screen(w)
    assert tutorial_readable(w) == []  # "Open b = a + a" whole
    step_to(qtbot, w, "One step of training")
    for name in ("learn_train", "learn_nudge"):  # Learn › Train…, then Nudge Panel…
        trigger(w, name)
        settle()
        fits_the_screen(w)
        assert tutorial_readable(w) == [], name
