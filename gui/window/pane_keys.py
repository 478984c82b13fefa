"""F6 and Shift+F6: the keyboard focus goes round the window's panes, the
canvas first, then the fields of the toolbars (the f(x) bar) and each open
panel, as F6 does in a desktop's file manager or browser. From a widget in no
pane F6 goes to the canvas: a keyboard-first user always has a key back to it
(trial 68: once the f(x) bar or the Code panel had the keys, F, P and Home
typed into them and no key reached the canvas). A pane not on screen (a
panel tabbed behind another, closed or squeezed to nothing) is no stop:
trial 70 found F6 gave the keys to the Order table behind Properties, and
typing went nowhere. A panel names its stop by its focus proxy where that is
not its first field (a result panel's table, not the words beside it: trial 72
found F6 in the Hessian's words, the table out of reach of the keys)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDockWidget, QLineEdit, QMainWindow, QToolBar, QWidget


def _on_screen(widget: QWidget) -> bool:
    """Some of ``widget`` is seen: Qt keeps a panel tabbed behind another
    "visible" but moved off the window, with nothing of it left to paint. A
    widget its children cover (a scroll area by its viewport) counts by them."""
    if not widget.isVisible():
        return False
    if not widget.visibleRegion().isEmpty():
        return True
    return any(c.isVisible() and not c.visibleRegion().isEmpty() for c in widget.findChildren(QWidget))


def _first_focusable(pane: QWidget) -> QWidget | None:
    """The first widget in ``pane`` that Tab would stop at, shown and enabled."""
    if pane.focusPolicy() & Qt.FocusPolicy.TabFocus and pane.isVisible() and pane.isEnabled():
        return pane
    for w in pane.findChildren(QWidget):
        if w.isVisible() and w.isEnabled() and w.focusPolicy() & Qt.FocusPolicy.TabFocus:
            return w
    return None


def _stop(pane: QWidget) -> QWidget | None:
    """Where F6 gives ``pane`` the keys: its focus proxy, where that is shown,
    enabled and on screen (a table with rows), else its first field."""
    proxy = pane.focusProxy()
    if (
        proxy is not None
        and proxy.isEnabled()
        and proxy.focusPolicy() & Qt.FocusPolicy.TabFocus
        and _on_screen(proxy)
    ):
        return proxy
    return _first_focusable(pane)


def panes(window: QMainWindow, canvas: QWidget) -> list[QWidget]:
    """The panes F6 goes round: the canvas, the toolbars with a text field
    (not a toolbar's slider or buttons), the open panels whose first stop is
    on screen (not a tab behind another)."""
    out: list[QWidget] = [canvas]
    for bar in window.findChildren(QToolBar):
        field = _first_focusable(bar)
        if bar.isVisible() and isinstance(field, QLineEdit) and _on_screen(field):
            out.append(bar)
    docks = []
    for d in window.findChildren(QDockWidget, options=Qt.FindChildOption.FindDirectChildrenOnly):
        inner = d.widget()
        stop = _stop(inner) if d.isVisible() and inner is not None else None
        if stop is not None and _on_screen(d) and _on_screen(stop):
            docks.append(d)
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
    widget = _stop(inner) if inner is not None else None
    if widget is None:
        canvas.setFocus(Qt.FocusReason.ShortcutFocusReason)
        return canvas
    widget.setFocus(Qt.FocusReason.ShortcutFocusReason)
    return widget
