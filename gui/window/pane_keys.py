"""F6 and Shift+F6: the keyboard focus goes round the window's panes, the
canvas first, then the fields of the toolbars (the f(x) bar) and each open
panel, as F6 does in a desktop's file manager or browser. From a widget in no
pane F6 goes to the canvas: a keyboard-first user always has a key back to it
(trial 68: once the f(x) bar or the Code panel had the keys, F, P and Home
typed into them and no key reached the canvas)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDockWidget, QLineEdit, QMainWindow, QToolBar, QWidget


def _first_focusable(pane: QWidget) -> QWidget | None:
    """The first widget in ``pane`` that Tab would stop at, shown and enabled."""
    if pane.focusPolicy() & Qt.FocusPolicy.TabFocus and pane.isVisible() and pane.isEnabled():
        return pane
    for w in pane.findChildren(QWidget):
        if w.isVisible() and w.isEnabled() and w.focusPolicy() & Qt.FocusPolicy.TabFocus:
            return w
    return None


def panes(window: QMainWindow, canvas: QWidget) -> list[QWidget]:
    """The panes F6 goes round: the canvas, the toolbars with a text field
    (not a toolbar's slider or buttons), the open panels."""
    out: list[QWidget] = [canvas]
    for bar in window.findChildren(QToolBar):
        if bar.isVisible() and isinstance(_first_focusable(bar), QLineEdit):
            out.append(bar)
    docks = [
        d
        for d in window.findChildren(QDockWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
        if d.isVisible() and d.widget() is not None and _first_focusable(d.widget()) is not None
    ]
    # in reading order where they stand (the children's order changes as a panel is raised)
    docks.sort(key=lambda d: (d.x(), d.y(), d.objectName()))
    return out + docks


def next_pane(window: QMainWindow, canvas: QWidget, step: int = 1) -> QWidget:
    """Give the keys to the pane ``step`` after the one holding them (the
    canvas when no pane holds them); the widget that has them now."""
    all_panes = panes(window, canvas)
    focus = QApplication.focusWidget()
    here = -1
    for i, pane in enumerate(all_panes):
        if focus is not None and (focus is pane or pane.isAncestorOf(focus)):
            here = i
            break
    target = all_panes[0] if here < 0 else all_panes[(here + step) % len(all_panes)]
    if target is canvas:
        canvas.setFocus(Qt.FocusReason.ShortcutFocusReason)
        return canvas
    inner = target.widget() if isinstance(target, QDockWidget) else target
    widget = _first_focusable(inner) if inner is not None else None
    if widget is None:
        canvas.setFocus(Qt.FocusReason.ShortcutFocusReason)
        return canvas
    widget.setFocus(Qt.FocusReason.ShortcutFocusReason)
    return widget
