"""The window's first start (or a layout saved by an older version): nearly
the whole screen, with the canvas given the largest share; and the canvas
keeps that priority when the window is made narrower."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDockWidget, QMainWindow

from gui.common import settings

#: First-start widths of the side columns (the canvas takes the rest).
PALETTE_WIDTH = 150
RIGHT_WIDTH = 340
CODE_WIDTH = 340  # as gui.code.code_panel.WIDTH
#: The Code panel is shown on a first start only in a window at least this wide.
CODE_MIN_WINDOW = 1800


def restore(
    window: QMainWindow,
    close_results: Callable[[], None],
    palette: QDockWidget,
    properties: QDockWidget,
    order: QDockWidget,
    chain: QDockWidget,
    code: QDockWidget | None = None,
) -> bool:
    """The window as it was left; on the first start (nothing saved, or a
    layout from an older version) the default: nearly the whole screen,
    with the canvas given the largest share. True on a first start."""
    geo = settings.window_geometry()
    first = geo is None or not window.restoreGeometry(geo)
    if first:
        default_geometry(window)
    state = settings.window_state()
    if state is not None and window.restoreState(state, settings.STATE_VERSION):
        close_results()  # (where they were is kept: they open there when asked for)
    else:
        default_dock_layout(window, palette, properties, order, chain, code=code)
    return first


def default_geometry(window: QMainWindow) -> None:
    """(Nearly) the whole screen. The app shows the window maximized on a
    first start; this is the size it returns to."""
    screen = window.screen() or QApplication.primaryScreen()
    if screen is None:
        return
    avail = screen.availableGeometry()
    w, h = int(avail.width() * 0.96), int(avail.height() * 0.96)
    window.resize(w, h)
    window.move(avail.x() + (avail.width() - w) // 2, avail.y() + (avail.height() - h) // 2)


def default_dock_layout(
    window: QMainWindow,
    palette: QDockWidget,
    properties: QDockWidget,
    order: QDockWidget,
    chain: QDockWidget,
    code: QDockWidget | None = None,
) -> None:
    """A narrow palette on the left, the Code panel beside it (in a wide
    window; else hidden, in View › Panels); on the right Properties (tabbed
    with Order) above the Chain Rule, so no panel sits under the canvas and
    it keeps the full height. Panels a feature added below the canvas (wide
    tables) stay there, shown only when asked for."""
    right = Qt.DockWidgetArea.RightDockWidgetArea
    beside = code is not None and not code.isFloating()
    if code is not None and beside:
        window.splitDockWidget(palette, code, Qt.Orientation.Horizontal)
        code.setVisible(window.width() >= CODE_MIN_WINDOW)
    # (splitDockWidget would only add a tab: Properties is tabbed already)
    if not chain.isFloating():
        window.addDockWidget(right, chain, Qt.Orientation.Vertical)  # below the right column
    if not order.isFloating():
        window.tabifyDockWidget(properties, order)
    properties.raise_()
    width = window.width()  # on a small screen the side columns give way first
    docks = [palette, properties]
    widths = [min(PALETTE_WIDTH, max(110, width * 15 // 100)), min(RIGHT_WIDTH, max(240, width * 24 // 100))]
    if code is not None and beside and not code.isHidden():
        docks.append(code)
        widths.append(CODE_WIDTH)
    window.resizeDocks(docks, widths, Qt.Orientation.Horizontal)
    if window.dockWidgetArea(chain) == right:
        h = max(400, window.height() - 120)
        window.resizeDocks([properties, chain], [int(h * 0.55), int(h * 0.45)], Qt.Orientation.Vertical)


#: Shares of the window's width the side columns keep at most when the
#: window is made narrower (the canvas gets the rest).
PALETTE_SHARE = 0.14
RIGHT_SHARE = 0.25


def give_canvas_priority(window: QMainWindow, palette: QDockWidget, right: QDockWidget) -> None:
    """After the window got narrower: the side columns give way first (down
    to their shares of the width, or their minimum sizes), so the canvas is
    not squeezed while the panels keep widths meant for a large screen."""
    width = window.width()
    docks, sizes = [], []
    for dock, share, side in (
        (palette, PALETTE_SHARE, Qt.DockWidgetArea.LeftDockWidgetArea),
        (right, RIGHT_SHARE, Qt.DockWidgetArea.RightDockWidgetArea),
    ):
        if dock.isFloating() or dock.isHidden() or window.dockWidgetArea(dock) != side:
            continue
        target = max(dock.minimumSizeHint().width(), int(width * share))
        if dock.width() > target:
            docks.append(dock)
            sizes.append(target)
    if docks:
        window.resizeDocks(docks, sizes, Qt.Orientation.Horizontal)
