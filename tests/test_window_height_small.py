"""A high-DPI laptop (trial 67): at QT_SCALE_FACTOR=2 a 2400×1500 screen is
1200×750 logical px.

#2: the maximised window grew to 1602 and 1630 px (the status bar and Chain
Rule under the screen's edge) once Learn › Train… opened beside the
Tutorial. The panel put aside for the room (Train, behind the Tutorial's tab,
then hidden) was shown again at once to see whether it fitted, which grew
the window, hidden again, and that hiding asked for it to be shown again:
the window went up and down every turn of the event loop.

#3: at the Tutorial's "Run Backward from L", Ctrl+B put the Tutorial behind
Order's tab and left the empty Properties panel in view; and the Tutorial's
page opened scrolled down, "Step 1 of 11" and the ✓ of the step before cut
or out of sight over blank room.

Driven as a user: the Help, Learn and View menus, the Tutorial's buttons, Backward's keys."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from test_tutorial_gui import click, settle, title
from test_window_height import in_front, step_to, tutorial_readable, whole_in
from window_helpers import answers, tmp_settings, trigger  # noqa: F401

from gui import app as gui_app
from gui.tutorial.feature import FIT_MS
from gui.window.main_window import MainWindow

#: The logical size of a maximised window on a 2400×1500 screen at scale 2 (its title bar aside).
SMALL_W, SMALL_H = 1200, 740


class Heights(QObject):
    """Every height the window took, and the panels shown or hidden."""

    def __init__(self, w: MainWindow) -> None:
        super().__init__(w)
        self.seen: list[int | str] = []  # since the last look
        self.tallest = 0
        w.installEventFilter(self)
        for dock in w.docks.all():
            dock.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Resize and isinstance(watched, MainWindow):
            self.seen.append(event.size().height())
            self.tallest = max(self.tallest, event.size().height())
        elif kind in (QEvent.Type.Show, QEvent.Type.Hide) and not isinstance(watched, MainWindow):
            self.seen.append(f"{watched.objectName()} {'shown' if kind == QEvent.Type.Show else 'hidden'}")
        return False


def launch(qtbot) -> MainWindow:
    """The window on the lecture's example, sized as on the laptop's screen."""
    w = gui_app.create_window([])
    qtbot.addWidget(w, before_close_func=lambda w: w.undo_stack.setClean())
    w.showNormal()
    w.resize(SMALL_W, SMALL_H)
    qtbot.waitExposed(w)
    qtbot.wait(FIT_MS + 200)
    settle()
    return w


def stays_on_the_screen(qtbot, w: MainWindow, heights: Heights) -> None:
    """The window keeps its height, its frame within the screen, the status bar in view; and it
    stays so (no panel shown and put aside again turn after turn)."""
    settle()
    heights.seen.clear()
    qtbot.wait(100)
    settle()
    assert heights.seen == [], f"the window went on changing: {heights.seen[:8]}"
    # never taller, not even for a moment (a maximised window asks the window manager for it)
    assert heights.tallest <= SMALL_H, f"the window grew to {heights.tallest} px"
    avail = w.screen().availableGeometry()
    frame = w.frameGeometry()
    assert w.height() == SMALL_H, f"the window {w.height()} px high, kept {SMALL_H}"
    assert frame.top() >= avail.top() and frame.bottom() <= avail.bottom(), (frame, avail)
    assert w.minimumSizeHint().height() <= SMALL_H
    bar = w.statusBar()
    assert bar.isVisible() and bar.geometry().bottom() < SMALL_H


def test_train_beside_the_tutorial_keeps_the_window_on_a_small_screen(qtbot, answers):
    w = launch(qtbot)
    heights = Heights(w)
    tutorial, train = w.tutorial, w.learning.dock_train
    click(qtbot, tutorial.panel.start_button)  # the welcome page: Start the tutorial
    settle()
    click(qtbot, tutorial.panel.close_button)  # Close (Help › Tutorial brings it back)
    settle()
    trigger(w, "learn_train")  # Learn › Train…
    stays_on_the_screen(qtbot, w, heights)
    assert in_front(train)
    trigger(w, "tutorial")  # Help › Tutorial: back at its step
    stays_on_the_screen(qtbot, w, heights)
    assert in_front(tutorial.dock)


def page_whole(w: MainWindow) -> list[str]:
    """What of the Tutorial's page is cut or out of sight: its step line, its
    ✓ for the step before, its title, words and button."""
    p = w.tutorial.panel
    vp = p.scroll_area.viewport()
    parts = (p.header, p.praise, p.title, p.text, p.todo, p.action_button)
    return [part.objectName() for part in parts if part.isVisible() and not whole_in(part, vp)]


def test_the_tutorial_stays_in_view_whole_through_backward_on_a_small_screen(qtbot, answers):
    w = launch(qtbot)  # the lecture's L graph
    heights = Heights(w)
    tutorial = w.tutorial
    click(qtbot, tutorial.panel.start_button)  # Start the tutorial
    qtbot.wait(FIT_MS + 100)
    settle()
    assert page_whole(w) == []  # "Step 1 of 11 · Build L = (a·b + c)·f" whole, not scrolled away
    step_to(qtbot, w, "Run Backward from L")
    assert page_whole(w) == []
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)  # Backward
    qtbot.wait(100)  # (a learner reads the banner)
    assert in_front(tutorial.dock)
    qtbot.keyClick(w.view, Qt.Key.Key_Right)  # → Step: the pass's first step
    stays_on_the_screen(qtbot, w, heights)
    assert in_front(tutorial.dock), "the Tutorial went behind a tab while it says what to do"
    assert not in_front(w.properties_dock)  # (the empty Properties panel does not take its place)
    assert in_front(w.backward.dock_chain)
    assert tutorial_readable(w) == [] and page_whole(w) == []
    qtbot.keyClick(w.view, Qt.Key.Key_End)  # the pass's end: the step is done
    qtbot.wait(FIT_MS + 100)
    stays_on_the_screen(qtbot, w, heights)
    assert title(w) == "Open a graph that uses a node twice"
    assert in_front(tutorial.dock)
    assert tutorial.panel.praise.text().startswith("✓ Every gradient of L")
    assert page_whole(w) == []  # its ✓ and "Step 8 of 11" in view, whole
