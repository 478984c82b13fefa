"""Presentation Mode on a 1366×768 projector with a panel open under the
canvas (trial 50 #11): the right-hand column is too short for Order, Chain
Rule and Gradient Flow at their larger text. Each panel gives up its least
needed parts (Gradient Flow's heading note, status lines, legend rows; the
gradient legend's title), no text is drawn cut or over another, and the
window never grows past the screen's 768 px (it grew to 804, its status bar
under the screen's edge)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QApplication, QDockWidget, QLabel, QScrollArea, QWidget
from test_presentation_mode import press, settle, toggle_presentation
from window_helpers import answers, menu_action, tmp_settings, trigger, window  # noqa: F401

from core.cli.templates import build
from core.code.codeadd import import_code
from core.files import fileio
from gui.backward.grad_legend import GradLegend
from gui.gradflow.legend import WidthLegend
from gui.window.main_window import MainWindow

SCREEN_W, SCREEN_H = 1366, 768
RIGHT = Qt.DockWidgetArea.RightDockWidgetArea
HEADING = "<b>Gradient by group</b> (mean |grad|, log scale; on the canvas too)"


def teachers_graph(tmp_path, which: str) -> str:
    """The trial's f(x, y) (as `main.py import` makes it) or the MLP template, saved."""
    if which == "f":
        model, _plan = import_code("f = tanh(x*y + x**2) * exp(-y)", {"x": 0.7, "y": -0.3})
    else:
        model = build("mlp")
    path = tmp_path / f"{which}.mgraph"
    fileio.save(model, str(path))
    return str(path)


def lecture(qtbot, w: MainWindow, path: str, steps: int = 3, *more: str) -> None:
    """The trial's steps on a 1366×768 screen: open the graph, View › Gradient
    Flow, Backward › Show Hessian (a panel under the canvas), any ``more``
    menu entries, Presentation Mode, Ctrl+B and → ``steps`` times."""
    w.resize(SCREEN_W, SCREEN_H)
    settle()
    assert w.open_path(path)
    settle()
    trigger(w, "gradient_flow")
    trigger(w, "hessian")
    for name in more:
        trigger(w, name)
    settle()
    assert w.height() == SCREEN_H  # (the usual text fits: it is the mode's that did not)
    toggle_presentation(qtbot, w)
    assert w.presentation.on
    press(qtbot, w, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    for _ in range(steps):
        press(qtbot, w, Qt.Key.Key_Right)
    settle()


def right_column(w: MainWindow) -> list[QDockWidget]:
    """The panels one sees in the right-hand column, top to bottom."""
    docks = [
        d
        for d in w.findChildren(QDockWidget)
        if d.isVisible() and not d.isFloating() and w.dockWidgetArea(d) == RIGHT
    ]
    return sorted((d for d in docks if not d.visibleRegion().isEmpty()), key=lambda d: d.y())


def scrolled(widget: QWidget, dock: QDockWidget) -> bool:
    """Inside a scroll area of the panel (its text scrolls: not cut)."""
    p = widget.parentWidget()
    while p is not None and p is not dock:
        if isinstance(p, QScrollArea):
            return True
        p = p.parentWidget()
    return False


def texts(dock: QDockWidget) -> list[QWidget]:
    """The panel's texts drawn in place: its labels and legends (not those of a scroll area)."""
    out: list[QWidget] = []
    for cls in (QLabel, WidthLegend, GradLegend):
        out += [t for t in dock.findChildren(cls) if t.isVisible() and not scrolled(t, dock)]
    return out


def needs(t: QWidget) -> int:
    """px the text ``t`` draws at its width (all of it, its lines and rows)."""
    if isinstance(t, QLabel) and t.wordWrap():
        return t.heightForWidth(t.width())
    if isinstance(t, GradLegend):  # (the bar and its numbers; the title too unless short of it)
        full = t.sizeHint().height()
        return t.minimumHeight() if t.height() < full else full
    return t.sizeHint().height()


def on_window(t: QWidget, w: MainWindow) -> QRect:
    return QRect(t.mapTo(w, t.rect().topLeft()), t.size())


def cut_or_overlapped(w: MainWindow) -> list[str]:
    """Each text of the right column's panels: cut (shorter than it draws,
    past its panel's edge) or under another text."""
    bad = []
    for dock in right_column(w):
        box = on_window(dock, w)
        shown = texts(dock)
        for t in shown:
            name = f"{dock.objectName()}/{t.objectName() or type(t).__name__}"
            if t.height() < needs(t):
                bad.append(f"{name}: {t.height()} px of {needs(t)}")
            if not box.contains(on_window(t, w)):
                bad.append(f"{name}: past the panel's edge")
        for i, a in enumerate(shown):
            for b in shown[i + 1 :]:
                if a.isAncestorOf(b) or b.isAncestorOf(a):
                    continue
                if on_window(a, w).intersects(on_window(b, w)):
                    bad.append(f"{dock.objectName()}: {a.objectName()} over {b.objectName()}")
    return bad


def fits_the_screen(w: MainWindow) -> None:
    assert w.height() <= SCREEN_H, f"the window {w.height()} px high on a {SCREEN_H} px screen"
    assert w.minimumSizeHint().height() <= SCREEN_H


@pytest.mark.parametrize("graph", ["f", "mlp"])
def test_at_1366x768_no_panel_text_is_cut_or_overlapped_and_the_window_fits(qtbot, window, tmp_path, graph):
    w = window
    lecture(qtbot, w, teachers_graph(tmp_path, graph))
    names = [d.objectName() for d in right_column(w)]
    assert names == ["dock_order", "dock_chain", "dock_gradient_flow"]
    fits_the_screen(w)
    assert cut_or_overlapped(w) == []
    # Gradient Flow gave up its least needed parts, each said in a tooltip
    panel = w.gradient_flow.panel
    assert panel.legend.samples() and getattr(panel.legend, "rows", 3) < 3
    assert "blue negative" in panel.legend.toolTip()
    if panel.groups_title.text() != HEADING:
        assert "log scale" in panel.groups_title.toolTip()
    if panel.status.toolTip():  # one line of it, all of it in the tooltip
        assert panel.status.toolTip().startswith(panel.status.text().rstrip("…"))
    for _ in range(6):  # the rest of the pass: each step as whole
        press(qtbot, w, Qt.Key.Key_Right)
        fits_the_screen(w)
        assert cut_or_overlapped(w) == []
    toggle_presentation(qtbot, w)  # off: the usual text, the panels as before, none cut either
    settle()
    assert w.height() == SCREEN_H and cut_or_overlapped(w) == []


def test_a_panel_behind_a_tab_is_put_aside_while_presenting_and_comes_back(qtbot, window, tmp_path):
    """Learn › Nudge opens as a tab beside Order: unseen, its least height
    made the column's (786 px of window on the 768 px screen)."""
    w = window
    lecture(qtbot, w, teachers_graph(tmp_path, "f"), 3, "learn_nudge")
    nudge = w.learning.dock_nudge
    fits_the_screen(w)
    assert cut_or_overlapped(w) == []
    assert w.backward.dock_order.isVisible() and w.gradient_flow.dock.isVisible()
    assert w.backward.dock_chain.isVisible() and not w.backward.dock_chain.visibleRegion().isEmpty()
    # put aside, or left behind its tab where the window fits with it there (its least
    # height counts its wrapped lines now, t70 #6, and it went behind Chain Rule's tab)
    assert nudge.isHidden() or (nudge.isVisible() and nudge.visibleRegion().isEmpty())
    toggle_presentation(qtbot, w)
    settle()
    assert not nudge.isHidden() and w.backward.dock_order in w.tabifiedDockWidgets(nudge)


def test_gradient_flow_gives_up_its_parts_least_needed_first(qtbot, window, tmp_path):
    """Made shorter and shorter, the panel drops its heading's note, then
    all but one of its status lines, then the legend's colours line, then
    its title; taller again it shows them again. Never a text cut."""
    w = window
    w.resize(SCREEN_W, SCREEN_H)
    assert w.open_path(teachers_graph(tmp_path, "f"))
    trigger(w, "gradient_flow")
    press(qtbot, w, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    press(qtbot, w, Qt.Key.Key_End)
    panel = w.gradient_flow.panel
    holder = QWidget()  # (alone, in a box without a layout: the heights are the test's)
    qtbot.addWidget(holder)
    holder.resize(300, 400)
    panel.setParent(holder)
    panel.resize(300, 400)
    holder.show()
    qtbot.waitExposed(holder)
    seen = []
    for height in range(400, panel.minimumSizeHint().height() - 1, -4):
        panel.resize(300, height)
        QApplication.processEvents()
        assert panel.height() == height
        parts = (
            panel.groups_title.text() == HEADING,
            panel.status.toolTip() == "",
            getattr(panel.legend, "rows", 3),
        )
        if not seen or seen[-1] != parts:
            seen.append(parts)
        for t in (panel.status, panel.legend, panel.groups_title):
            assert t.height() >= needs(t), (height, t.objectName())
        assert panel.status.geometry().bottom() < panel.legend.geometry().top()
        assert panel.legend.geometry().bottom() < panel.groups_title.geometry().top()
        assert panel.groups_title.geometry().bottom() < panel.bar_scroll.geometry().top()
        assert panel.bar_scroll.geometry().bottom() <= panel.height()
    whole, note, lines, colours, title = (
        (True, True, 3),
        (False, True, 3),
        (False, False, 3),
        (False, False, 2),
        (False, False, 1),
    )
    assert seen == [whole, note, lines, colours, title]  # (each what it gave up last)
    panel.resize(300, 400)
    QApplication.processEvents()
    assert getattr(panel.legend, "rows", 3) == 3 and panel.groups_title.text() == HEADING
    assert panel.status.toolTip() == ""


def test_a_column_too_full_for_the_screen_tabs_a_panel_the_lesson_needs_least(qtbot, window, tmp_path):
    """Properties and Undo History dragged to the column's foot, each its
    own row: with Order, Chain Rule and Gradient Flow, at their least, they
    need more than 768 px at the mode's text. The lowest of the two is
    tabbed with the one above it while presenting (the lesson's panels stay
    in view), and has its row again after."""
    w = window
    w.resize(SCREEN_W, SCREEN_H)
    assert w.open_path(teachers_graph(tmp_path, "f"))
    trigger(w, "gradient_flow")
    trigger(w, "hessian")
    for dock in (w.properties_dock, w.history_dock):  # (as dragged to the column's foot)
        w.addDockWidget(RIGHT, dock, Qt.Orientation.Vertical)
        dock.show()
    settle()
    assert w.height() == SCREEN_H
    before = right_column(w)
    assert len(before) == 5
    toggle_presentation(qtbot, w)
    press(qtbot, w, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    for _ in range(3):
        press(qtbot, w, Qt.Key.Key_Right)
    fits_the_screen(w)
    assert cut_or_overlapped(w) == []
    shown = right_column(w)
    lesson = [w.backward.dock_order, w.backward.dock_chain, w.gradient_flow.dock]
    assert all(d in shown for d in lesson)
    assert w.history_dock not in shown  # (behind a tab, or hidden)
    toggle_presentation(qtbot, w)
    settle()
    assert right_column(w) == before and not w.tabifiedDockWidgets(w.history_dock)


def test_a_panel_opened_while_presenting_is_shown_and_the_window_keeps_its_height(qtbot, window, tmp_path):
    """Learn › Nudge Panel… during the lecture: it opens in front (a panel
    the lesson needs less goes behind a tab for it), the window stays on
    the screen."""
    w = window
    lecture(qtbot, w, teachers_graph(tmp_path, "f"))
    trigger(w, "learn_nudge")
    settle()
    nudge = w.learning.dock_nudge
    assert nudge in right_column(w)
    fits_the_screen(w)
    assert w.backward.dock_chain in right_column(w)
    toggle_presentation(qtbot, w)
    settle()
    assert not nudge.isHidden()  # (the user's: kept)
