"""Where a panel opens on a side of the window that holds panels already:
Qt splits the height of the one above it for the newcomer, and in a
1000 px window Gradient Flow left the Order list three rows; tabbed over
Chain Rule instead, it hid the step's explanation during a pass. It now
goes under Chain Rule, its height taken evenly from the column. Under the
canvas, panels stacked the same way (What If…, Hessian, Forward vs
Reverse) left the canvas 190 px of a 1000 px window: there they share one
row, as tabs."""

from __future__ import annotations

import math
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QAbstractScrollArea, QDockWidget, QMainWindow, QTabBar, QWidget

#: px a side panel keeps when another in its column takes height from it
#: (or its least height, if more): Gradient Flow's twelve bars took Chain
#: Rule, under it, down to 115 px, three lines of the step's explanation.
KEEP = 140


#: A dock's property: the height (px) it keeps when another panel takes
#: room from it here, when more than its least (Chain Rule: its page whole).
KEEPS = "keeps_height"


#: The event posted to the contents of each panel of a window in which a
#: panel now keeps less height (:func:`keep_height`): a panel that asked for
#: room in vain may ask again. (Presentation Mode, t73 #3: Gradient Flow asked
#: while Chain Rule kept its long first page, then Chain Rule's last page
#: was short, and the bars stayed three rows behind a scroll bar beside
#: Chain Rule's empty room.)
ROOM_FREED = QEvent.Type(QEvent.registerEventType())


#: A dock's property: the px its panel could still lend, under its least height, to a
#: panel asking for the room that shows all of a list (``grow_by``'s ``whole``). Presentation
#: Mode's Order list down to its current step's row, for Gradient Flow's twelve bars at
#: 1600×1000 (t73 #3: 8 of 12 beside an Order list at its four rows and Chain Rule's page whole).
LENDS = "lends_height"
#: The px asked of a lending panel (its dock's property), told by :data:`LEND` sent to its contents.
LEND_ASKED = "lend_asked"
LEND = QEvent.Type(QEvent.registerEventType())
#: A lending dock's property: the dock it lent to, which gives the room back (:func:`give_back`).
LENT_TO = "lent_to"


def keep_height(dock: QDockWidget, height: int) -> None:
    """Let ``dock`` keep ``height`` px when other panels make room here
    (:func:`open_under`, :func:`grow_by`); 0: its least height only. Not a
    minimum: the user can still drag it smaller. Less than it kept: the
    window's other panels are told (:data:`ROOM_FREED`)."""
    before = dock.property(KEEPS)
    height = max(0, int(height))
    dock.setProperty(KEEPS, height)
    window = dock.parentWidget()
    if isinstance(before, int) and height < before and window is not None:
        for d in window.findChildren(QDockWidget, options=Qt.FindChildOption.FindDirectChildrenOnly):
            inner = d.widget()
            if d is not dock and inner is not None and d.isVisible():
                QCoreApplication.postEvent(inner, QEvent(ROOM_FREED))


def _least(dock: QDockWidget) -> int:
    """The height a panel of a side column gives room down to: KEEP, or
    what its contents need at its width, if more (a dock's least height
    leaves out the lines a wrapped text takes: the Order list at its
    least had its last row under its legend), or what it asked to keep."""
    keeps = dock.property(KEEPS)
    least = max(KEEP, dock.minimumSizeHint().height(), keeps if isinstance(keeps, int) else 0)
    inner = dock.widget()
    lay = None if inner is None else inner.layout()
    if inner is not None and lay is not None and lay.hasHeightForWidth():
        least = max(least, lay.minimumHeightForWidth(inner.width()) + dock.height() - inner.height())
    return least


def _shown_in(window: QMainWindow, area: Qt.DockWidgetArea, but: QDockWidget) -> list[QDockWidget]:
    """The panels in ``area`` one sees (in front of their tabs), ``but`` aside."""
    return [
        d
        for d in window.findChildren(QDockWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
        if d is not but
        and not d.isFloating()
        and d.isVisible()
        and not d.visibleRegion().isEmpty()
        and window.dockWidgetArea(d) == area
    ]


def tab_bar_height(window: QMainWindow, dock: QDockWidget) -> int:
    """The height of the row of tabs ``dock`` shares its place with (0: it has its place alone).
    Qt's resizeDocks sizes the place, its tabs included: a tabbed panel grown by what its rows
    needed came out that much short (t65 #1: the Hessian's last row behind a scroll bar)."""
    if not window.tabifiedDockWidgets(dock):
        return 0
    me = shiboken6.getCppPointer(dock)[0]  # (the window's tab bars know their panels by address)
    for bar in window.findChildren(QTabBar, options=Qt.FindChildOption.FindDirectChildrenOnly):
        if bar.isVisible() and any(bar.tabData(i) == me for i in range(bar.count())):
            return bar.height()
    return 0


def open_under(window: QMainWindow, dock: QDockWidget, anchor: QDockWidget | None, height: int) -> None:
    """Show ``dock`` below ``anchor``, never as a tab over it: Gradient
    Flow tabbed over Chain Rule hid the step's explanation during a pass (a
    trial). ``dock`` goes to the end of its side (under the lowest panel
    there, ``anchor`` by default; beside the others under the canvas) and
    in a column gets ``height`` px (at most a third of the column) from the
    panels above it, the tallest first, so they are left level (each keeps
    its least height, KEEP px at least). Without a shown, docked
    ``anchor``, the same on its own side. A panel the user floated, tabbed
    with another panel or keeps on a side other than ``anchor``'s is shown
    where it is (it covers no ``anchor`` there)."""
    if anchor is None or anchor.isHidden() or anchor.isFloating():
        anchor = None
    area = window.dockWidgetArea(dock if anchor is None else anchor)
    tabbed = window.tabifiedDockWidgets(dock)
    over = anchor is not None and anchor in tabbed
    moved = window.dockWidgetArea(dock) != area or (bool(tabbed) and not over)
    if dock.isFloating() or moved or not (dock.isHidden() or over):
        dock.show()
        dock.raise_()
        return
    others = _shown_in(window, area, dock)
    before = {d: d.height() for d in others}
    side = area in (Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea)
    orientation = Qt.Orientation.Vertical if side else Qt.Orientation.Horizontal
    window.addDockWidget(area, dock, orientation)  # (at the end of the side: out of any tab set)
    dock.show()
    dock.raise_()
    layout = window.layout()
    if not side or not others or layout is None:
        return
    layout.activate()  # (the column laid out with it: which panels are above it)
    g = dock.geometry()
    column = [d for d in others if d.geometry().left() < g.right() and g.left() < d.geometry().right()]
    want = min(height, sum(before[d] for d in column) // 3)
    sizes = {d: before[d] for d in column}
    least = {d: _least(d) for d in column}
    given = 0
    while given < want:  # a pixel at a time off the tallest (a handful of panels, a few hundred px)
        tallest = max((d for d in column if sizes[d] > least[d]), key=sizes.__getitem__, default=None)
        if tallest is None:
            break
        sizes[tallest] -= 1
        given += 1
    window.resizeDocks([*column, dock], [*sizes.values(), given], Qt.Orientation.Vertical)


def open_below(dock: QDockWidget, height: int) -> None:
    """Show ``dock`` and bring it to the front (in the main window holding
    it; a dock outside one is just shown); under the canvas, as a tab of
    a panel shown there already (the canvas keeps its height), at least
    ``height`` (at most a third of the window). A panel the user moved to a
    side or floated opens where they put it."""
    window = dock.parentWidget()
    if not isinstance(window, QMainWindow):
        dock.show()
        dock.raise_()
        return
    first = dock.isHidden()
    bottom = Qt.DockWidgetArea.BottomDockWidgetArea
    under = not dock.isFloating() and window.dockWidgetArea(dock) == bottom
    if first and under:
        others = _shown_in(window, bottom, dock)
        if others:
            window.tabifyDockWidget(others[0], dock)
    dock.show()
    dock.raise_()
    if first and under:  # (tabbed too: the row grows for it, as far as a third of the window)
        want = min(height, window.height() // 3)
        if dock.height() < want:
            window.resizeDocks([dock], [want], Qt.Orientation.Vertical)


def grow_by(dock: QDockWidget, more: int, share: float = 1 / 3, whole: int = 0) -> None:
    """Make ``dock`` up to ``more`` px taller (its tab set with it). In a
    side column the height comes from the panels above and below it (the
    tallest first, each down to its least height, KEEP px at least), to at
    most two thirds of the window; under or over the canvas from the
    canvas, to at most ``share`` of the window (a third: as ``open_below``). A
    floating panel grows itself, within its screen. (Qt's resizeDocks of
    one panel of a column spreads the change over the column: 78 px asked
    gave 31.) ``whole``: the px of a list of ``dock`` out of view; where the
    column gives less, the panels that lend (:data:`LENDS`) lend the rest,
    if they can lend all of it (the whole list shown, not a row more)."""
    if more <= 0 or dock.isHidden():
        return
    if dock.isFloating():  # (within its screen: a Hessian of 120 leaves asked 3,600 px)
        screen = dock.screen()
        frame = dock.frameGeometry()
        extra = frame.height() - dock.height()
        want = dock.height() + more
        if screen is not None:
            want = min(want, screen.availableGeometry().height() - extra)
        if want <= dock.height():
            return
        dock.resize(dock.width(), want)
        over = frame.top() + want + extra - 1 - screen.availableGeometry().bottom() if screen else 0
        if over > 0:  # up as far as it grew past the screen's bottom
            dock.move(frame.left(), frame.top() - over)
        return
    window = dock.parentWidget()
    if not isinstance(window, QMainWindow):
        return
    area = window.dockWidgetArea(dock)
    vertical = Qt.Orientation.Vertical
    if area in (Qt.DockWidgetArea.TopDockWidgetArea, Qt.DockWidgetArea.BottomDockWidgetArea):
        tabs = tab_bar_height(window, dock)
        want = min(dock.height() + more, int(window.height() * share) - tabs)
        if want > dock.height():
            window.resizeDocks([dock], [want + tabs], vertical)
        return
    lay = window.layout()
    if lay is not None:  # (the heights the last resize or lend set: planned on those from before
        # it, a resize cut Chain Rule's page, review 73 #1)
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        lay.activate()
    more = min(more, window.height() * 2 // 3 - dock.height())
    g = dock.geometry()
    column = [
        d
        for d in _shown_in(window, area, dock)
        if d.geometry().left() < g.right() and g.left() < d.geometry().right()  # above or below it
    ]
    sizes = {d: d.height() for d in column}
    given = 0
    for d in sorted(column, key=lambda d: d.height(), reverse=True):
        take = max(0, min(more - given, d.height() - _least(d)))
        sizes[d] -= take
        given += take
    under = {d: k - d.height() for d in column if isinstance(k := d.property(KEEPS), int) and k > d.height()}
    if given < min(whole, more) <= given + _lendable(column):  # (all the list, or not a row more)
        short = min(whole, more) - given + sum(under.values())  # (the panels under theirs too)
        given += _borrow(column, sizes, min(short, _lendable(column)), dock)
    topped = 0
    for d, lacks in under.items():  # a panel under the height it keeps is topped up first (Qt took
        top = min(lacks, given)  # a neighbour's taller least from it: Chain Rule's page was cut
        sizes[d] += top  # when the Order list's status took two lines at the pass's end)
        given, topped = given - top, topped + top
    if given > 0 or topped > 0:
        window.resizeDocks([dock, *column], [dock.height() + given, *sizes.values()], vertical)


def _lendable(column: list[QDockWidget]) -> int:
    """px the panels of ``column`` could lend under their least heights (:data:`LENDS`)."""
    return sum(p for p in (d.property(LENDS) for d in column) if isinstance(p, int) and p > 0)


def _borrow(column: list[QDockWidget], sizes: dict[QDockWidget, int], short: int, to: QDockWidget) -> int:
    """``short`` px lent to ``to`` by the lending panels of ``column`` (``sizes``: their heights to be,
    less what they gave already): each asked (:data:`LEND`) lowers its least height; what they lent."""
    asked = 0
    for d in column:
        can, inner = d.property(LENDS), d.widget()
        if isinstance(can, int) and can > 0 and inner is not None and asked < short:
            d.setProperty(LEND_ASKED, min(can, short - asked))
            d.setProperty(LENT_TO, to)
            asked += min(can, short - asked)
            QCoreApplication.sendEvent(inner, QEvent(LEND))
    QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)  # (their least heights now)
    lent = 0
    for d in column:
        take = max(0, min(short - lent, sizes[d] - _least(d)))
        sizes[d] -= take
        lent += take
    return lent


def give_back(dock: QDockWidget, px: int) -> None:
    """``dock``, which lent ``px`` (:data:`LENDS`) and wants them back (its least height higher
    again), gets them from the panel it lent them to, the others of its column keeping their
    heights. (Left to Qt, the room came from the panel beside it: Chain Rule's page was cut
    under a scroll bar while Gradient Flow kept the rows it borrowed, review 73 #1.)"""
    to, window = dock.property(LENT_TO), dock.parentWidget()
    dock.setProperty(LENT_TO, None)
    if (
        px <= 0
        or not isinstance(to, QDockWidget)
        or not shiboken6.isValid(to)
        or not isinstance(window, QMainWindow)
        or dock.isHidden()
        or dock.isFloating()
    ):
        return
    area = window.dockWidgetArea(dock)
    column = [d for d in _shown_in(window, area, dock) if d.geometry().left() < dock.geometry().right()]
    column = [d for d in column if dock.geometry().left() < d.geometry().right()]  # (above or below it)
    if to not in column:
        return
    px = min(px, max(0, to.height() - to.minimumSizeHint().height()))
    sizes = [dock.height() + px] + [d.height() - (px if d is to else 0) for d in column]
    window.resizeDocks([dock, *column], sizes, Qt.Orientation.Vertical)


def grow_from_next(dock: QDockWidget, more: int, most: float = 0.45) -> None:
    """Make ``dock`` of a side column up to ``more`` px taller (to at most
    ``most`` of the window), its height taken from the panels just below and
    just above it, each down to its least height: a panel further off keeps
    its place (a trial, 71 #12: Properties cut off its last row while the
    Tutorial under it had blank room; taken from Chain Rule, the Tutorial
    between would have moved under the mouse)."""
    window = dock.parentWidget()
    if more <= 0 or dock.isHidden() or dock.isFloating() or not isinstance(window, QMainWindow):
        return
    area = window.dockWidgetArea(dock)
    if area not in (Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea):
        return
    more = min(more, int(window.height() * most) - dock.height())
    g = dock.geometry()
    column = [
        d
        for d in _shown_in(window, area, dock)
        if d.geometry().left() < g.right() and g.left() < d.geometry().right()  # above or below it
    ]
    if more <= 0 or not column:
        return
    below = [d for d in column if d.geometry().top() > g.top()]
    above = [d for d in column if d.geometry().top() < g.top()]
    next_to = [min(below, key=lambda d: d.geometry().top())] if below else []
    next_to += [max(above, key=lambda d: d.geometry().bottom())] if above else []
    sizes = {d: d.height() for d in column}
    given = 0
    for d in next_to:
        take = max(0, min(more - given, d.height() - _least(d)))
        sizes[d] -= take
        given += take
    if given > 0:
        tabs = tab_bar_height(window, dock)  # (the place sized, its tabs with it)
        window.resizeDocks(
            [dock, *column], [dock.height() + given + tabs, *sizes.values()], Qt.Orientation.Vertical
        )


#: The least share of the window's height the canvas (under the banner) keeps
#: (gui/window/window_height.py ``canvas_room``; verify 51).
CANVAS_SHARE = 0.5


def grow_for(dock: QDockWidget, missing: int, spare: int) -> None:
    """Grow ``dock`` (under the canvas) by the ``missing`` px its contents
    need to show whole, as far as ``spare`` (what the canvas can give with
    the graph still whole and readable: GraphView.spare_height) and the
    canvas's :data:`CANVAS_SHARE` of the window allow. A trial projecting a
    lesson had the comparison's punch line, the Hessian's words and What
    If…'s table cut under a canvas half empty."""
    window = dock.parentWidget()
    if not isinstance(window, QMainWindow) or dock.isHidden() or dock.isFloating():
        return
    if dock.visibleRegion().isEmpty():  # (behind a tab)
        return
    canvas = window.centralWidget()
    if isinstance(canvas, QAbstractScrollArea):
        canvas = canvas.viewport()
    room = canvas.height() - math.ceil(window.height() * CANVAS_SHARE) if canvas is not None else 0
    more = min(missing, spare, room)
    if more > 0:
        grow_by(dock, more, 1.0)


class WhenTaller(QObject):
    """Calls ``grow`` (once the event loop turns) each time the ``viewport`` of a view gets taller
    within it (a banner over it gone or lower), the view itself as tall as before: a panel under
    it that gave way for the banner of a pass gets its rows back (t72 #7: the Hessian's last row
    stayed a scroll away under a canvas half empty). A panel the user drags lower stays so."""

    def __init__(self, viewport: QWidget, grow: Callable[[], None], parent: QObject, window: QWidget) -> None:
        super().__init__(parent)
        self._view = viewport.parentWidget()
        self._was = self._view.height() if self._view is not None else -1
        self._later = QTimer(self, singleShot=True, interval=0)
        self._later.timeout.connect(grow)
        self.by_hand = False  # a panel's edge dragged: the heights chosen stay (review 72b #2)
        self._window = window
        viewport.installEventFilter(self)
        self._window.installEventFilter(self)  # (a press on the window itself: on a panel's edge)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.MouseButtonPress and watched is self._window:
            self.by_hand = True
            self._later.stop()
        elif event.type() == QEvent.Type.Resize and self._view is not None and not self.by_hand:
            was, self._was = self._was, self._view.height()
            taller = event.size().height() > event.oldSize().height() >= 0  # type: ignore[attr-defined]
            if taller and was == self._was:
                self._later.start()
        return False


def shrink_to(dock: QDockWidget, height: int) -> None:
    """Make ``dock`` under (or over) the canvas no taller than its contents' ``height``: the canvas
    gets back the room a table took that is gone (the Hessian's, emptied by File › New: t62)."""
    window = dock.parentWidget()
    inner = dock.widget()
    if not isinstance(window, QMainWindow) or inner is None or dock.isHidden() or dock.isFloating():
        return
    area = window.dockWidgetArea(dock)
    if area not in (Qt.DockWidgetArea.BottomDockWidgetArea, Qt.DockWidgetArea.TopDockWidgetArea):
        return
    want = max(height, inner.minimumSizeHint().height()) + dock.height() - inner.height()
    if want < dock.height():
        window.resizeDocks([dock], [want + tab_bar_height(window, dock)], Qt.Orientation.Vertical)
