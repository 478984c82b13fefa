"""The window keeps its height as panels open: on a 1366×768 laptop Learn ›
Train… (a trial, 51 #2) made the window 900 px high, the status bar and
Chain Rule under the screen's edge, for the least heights of the panels in
the right-hand column; Presentation Mode's larger text did the same
(trial 50 #11). Qt grows a main window to its panels' least heights; when
it grows past the height the user gave it, the side columns give way
instead (:meth:`WindowHeight.within`): a panel behind a tab that made its
tab set taller than the one in front is put aside (hidden; View › Panels
brings it back), then panels of the right-hand column are tabbed with
their neighbour, the panels the learner needs least first; never the panel
just opened, and the Tutorial (its step and button) last of all.

The canvas keeps at least CANVAS_SHARE of the window's height (verify 51:
Presentation Mode at 1366×768 with the Hessian panel open left it a strip
of 315 px under the banner): the panels under (or over) it give way first,
down to their least heights (their words scroll).

Outside Presentation Mode, a panel put aside for one that opened comes back
as it was (shown again, or out from behind the tab) once there is room
again: when a panel closes, or the window is made taller (:meth:`put_back`).

The window's least height is its own, never more than the height it keeps
(:meth:`_pin`): Qt would otherwise grow the window to the panels' least
heights before they give way, and a maximised window on a small screen (a
2400×1500 laptop at scale 2, trial 67 #2) asked its window manager for
1602 px, which it got, the status bar under the screen's edge. A panel put
back to see whether it fits grew it too, and hidden again it asked to be put
back: the window went up and down every turn of the event loop."""

from __future__ import annotations

import math
from collections.abc import Sequence
from itertools import count
from typing import NamedTuple

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QAbstractScrollArea, QDockWidget, QMainWindow

from gui.common.dock_places import CANVAS_SHARE, grow_by, tab_bar_height
from gui.host import Panels

SIDES = (Qt.DockWidgetArea.RightDockWidgetArea, Qt.DockWidgetArea.LeftDockWidgetArea)
ROWS = (Qt.DockWidgetArea.BottomDockWidgetArea, Qt.DockWidgetArea.TopDockWidgetArea)


class Aside(NamedTuple):
    """A panel put aside outside Presentation Mode, to come back."""

    dock: QDockWidget
    front: QDockWidget | None  # the panel it went behind; None: hidden
    above: bool  # it was above ``front`` in the column
    behind: tuple[QDockWidget, ...] = ()  # the panels behind its tab, that went with it


class WindowHeight(QObject):
    """Keeps one main window within the height the user gave it (or the
    screen's). ``lesson``: the panels tabbed last, the first named last of
    all (the Tutorial, then Chain Rule, Order, Gradient Flow)."""

    def __init__(
        self, window: QMainWindow, panels: Panels, lesson: Sequence[QDockWidget] = (), parent=None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("window_height")
        self._window = window
        self._panels = panels
        self.lesson = list(lesson)
        self._height = window.height()  # the height to keep (the user's, by hand too)
        self._clock = count()
        self._shown_at: dict[QDockWidget, int] = {}  # when each panel was last opened
        self._mark: int | None = None  # panels opened after it stay in front (begin)
        self.aside: list[QDockWidget] = []  # put aside since begin()
        self._to_put_back: list[Aside] = []  # put aside outside Presentation Mode, to come back
        self._back = QTimer(self, singleShot=True, interval=0)
        self._back.timeout.connect(self.put_back)
        self._putting = False
        self._front_before: dict[QDockWidget, QDockWidget | None] = {}  # the tab in front when one opened
        self._keep = QTimer(self, singleShot=True, interval=0)
        self._keep.timeout.connect(self._keep_height)
        self._room = QTimer(self, singleShot=True, interval=0)
        self._room.timeout.connect(self.canvas_room)
        self._giving_way = False  # within(): a panel it hides is not one to put back at once
        self._pinned: int | None = None  # the window's least height as last set (_pin)
        for dock in panels.all():
            dock.installEventFilter(self)
        window.installEventFilter(self)
        canvas = window.centralWidget()
        self._canvas = canvas.viewport() if isinstance(canvas, QAbstractScrollArea) else canvas
        if self._canvas is not None:
            self._canvas.installEventFilter(self)  # (lower: a banner over it, a panel grown under it)

    @property
    def height(self) -> int:
        """The height the window keeps."""
        return self._height

    def begin(self) -> None:
        """From now on (Presentation Mode on), every panel opened stays in
        front, and :attr:`aside` collects what is put aside."""
        self._mark = next(self._clock)
        self._height = self._window.height()
        self.aside = []

    def end(self) -> list[QDockWidget]:
        """Back to keeping only the panel opened last in front; the panels put aside since :meth:`begin`."""
        self._mark = None
        aside, self.aside = self.aside, []
        return aside

    def keep(self) -> None:
        """Within the kept height now (after a change of text size, say)."""
        self.aside += self.within(self._height)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        w = self._window
        kind = event.type()
        if watched is w and kind == QEvent.Type.LayoutRequest:  # (laid out: the panels' least heights)
            self._pin()
            if w.minimumSizeHint().height() > self._height and w.isVisible():
                self._keep.start()
        elif watched is w and kind == QEvent.Type.Resize:
            if w.height() > self._height and w.height() <= w.minimumHeight():  # grown for its panels
                self._keep.start()
            elif not self._keep.isActive():
                if w.height() > self._height and self._to_put_back:
                    self._back.start()  # (taller now: room for what was put aside, perhaps)
                self._height = w.height()  # (the user's: by hand, maximized)
                self._pin()
        elif watched is w and kind == QEvent.Type.ChildAdded:
            child = event.child()  # type: ignore[attr-defined]
            if isinstance(child, QDockWidget):  # (a feature's panel made later: a Hessian's)
                child.installEventFilter(self)
        elif isinstance(watched, QDockWidget) and kind == QEvent.Type.Show and not event.spontaneous():
            self._shown_at[watched] = next(self._clock)
            tabs = w.tabifiedDockWidgets(watched)
            fronts = [d for d in tabs if d.isVisible() and not d.visibleRegion().isEmpty()]
            self._front_before[watched] = fronts[0] if fronts else None
            if not self._putting:  # (shown by the user: no longer to put back)
                self._to_put_back = [r for r in self._to_put_back if r.dock is not watched or r.front]
        elif isinstance(watched, QDockWidget) and kind == QEvent.Type.Hide and not event.spontaneous():
            before = self._front_before.pop(watched, None)
            if before is not None and before.isVisible() and before in w.tabifiedDockWidgets(watched):
                QTimer.singleShot(0, before.raise_)  # (the tab in front before it opened, not the next one)
            busy = self._putting or self._giving_way  # (hidden by this: no room for it)
            if self._mark is None and self._to_put_back and not watched.isFloating() and not busy:
                self._back.start()  # (a panel closed: room, perhaps)
        if kind == QEvent.Type.Resize and (watched is self._canvas or watched is w):
            self._room.start()
        return False

    def canvas_room(self) -> None:
        """The canvas at least CANVAS_SHARE of the window's height: the
        panels over and under it lower, the tallest first, each down to its
        least height."""
        w, canvas = self._window, self._canvas
        if canvas is None or not w.isVisible():
            return
        need = math.ceil(w.height() * CANVAS_SHARE) - canvas.height()
        for d in sorted(self._in_view(ROWS), key=lambda d: d.height(), reverse=True):
            if need <= 0:
                break
            take = min(need, d.height() - d.minimumSizeHint().height())
            if take > 0:
                tabs = tab_bar_height(w, d)  # (the place sized, its tabs with it: t65 #1)
                w.resizeDocks([d], [d.height() - take + tabs], Qt.Orientation.Vertical)
                need -= take

    def _keep_height(self) -> None:
        self.aside += self.within(self._height)

    def _pin(self) -> None:
        """The window's least height: its panels', at most the height it
        keeps, so Qt never makes it taller for them (they give way instead)."""
        w = self._window
        pin = max(0, min(w.minimumSizeHint().height(), self._height))
        if pin != self._pinned or w.minimumHeight() != pin:
            self._pinned = pin
            # (its height only: with no least width given, Qt's layout still sets that one)
            w.setMinimumSize(0, pin)
            layout = w.layout()
            if layout is not None:
                layout.invalidate()  # (the least width back from the panels at once)

    def _fresh(self, docks: list[QDockWidget]) -> set[QDockWidget]:
        """The panels of ``docks`` that stay in front: while marked
        (:meth:`begin`) every one opened since, else the one opened last."""
        mark = self._mark
        if mark is not None:
            return {d for d in docks if self._shown_at.get(d, -1) > mark}
        last = max(docks, key=lambda d: self._shown_at.get(d, -1), default=None)
        return set() if last is None or last not in self._shown_at else {last}

    def within(self, height: int) -> list[QDockWidget]:
        """Keep the window within ``height`` px: while the side columns'
        least heights need more, a panel one sees no part of (behind
        another's tab) that makes its tab set taller is hidden, then a panel
        of the right-hand column is tabbed with the one above it (that one
        in front): the lowest of those :attr:`lesson` does not name, then
        of the lesson's, the last named first; never one just opened (or
        opened since :meth:`begin`). Returns the panels put aside."""
        self._giving_way = True
        try:
            aside = self._within(height)
        finally:
            self._giving_way = False
        self._pin()
        return aside

    def _within(self, height: int) -> list[QDockWidget]:
        w = self._window
        aside: list[QDockWidget] = []
        for _ in range(2 * len(self._panels.all())):
            QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
            if w.minimumSizeHint().height() <= height:
                break
            docked = [d for d in self._panels.all() if d.isVisible() and not d.isFloating()]
            docked = [d for d in docked if w.dockWidgetArea(d) in SIDES]
            fresh = self._fresh(docked)
            lesson = self.lesson
            spare = [d for d in docked if d not in lesson and d not in fresh]
            behind = [d for d in spare if d.visibleRegion().isEmpty() and _taller_than_its_front(w, d)]
            if behind:
                behind[0].hide()
                aside.append(behind[0])
                self._note_aside(behind[0], None, False)
                continue
            right = [d for d in docked if w.dockWidgetArea(d) == SIDES[0]]
            front_of_tabs = [d for d in right if not d.visibleRegion().isEmpty()]
            column = sorted(front_of_tabs, key=lambda d: d.y())
            if len(column) < 2:
                break
            # the lowest panel the lesson needs least, with its neighbour (above it, if any) in front
            could = [d for d in column if (d in lesson or d in spare) and d not in fresh]
            if not could:
                break
            least = max(could, key=lambda d: (lesson.index(d) if d in lesson else len(lesson), d.y()))
            i = column.index(least)
            front = column[i - 1] if i > 0 else column[1]
            # the panels behind its tab go with it (a trial, 67 #3: Order, raised by Ctrl+B over
            # Properties, went behind the Tutorial's tab and left the empty Properties in view)
            behind = [d for d in w.tabifiedDockWidgets(least) if d.isVisible()]
            for d in (least, *behind):
                w.tabifyDockWidget(front, d)
            front.raise_()
            aside.append(least)
            self._note_aside(least, front, i == 0, tuple(behind))
        if w.height() > height:  # (it grew for the panels' least heights before they were put aside)
            w.resize(w.width(), height)
        return aside

    def _column(self) -> list[QDockWidget]:
        """The right-hand column's panels in view (in front of their tab sets)."""
        return self._in_view(SIDES[:1])

    def _in_view(self, areas: Sequence[Qt.DockWidgetArea]) -> list[QDockWidget]:
        """The docked panels of ``areas`` in view (in front of their tab sets)."""
        w = self._window
        return [
            d
            for d in self._panels.all()
            if d.isVisible() and not d.isFloating() and w.dockWidgetArea(d) in areas
            and not d.visibleRegion().isEmpty()
        ]  # fmt: skip

    def _note_aside(
        self, dock: QDockWidget, front: QDockWidget | None, above: bool, behind: tuple[QDockWidget, ...] = ()
    ) -> None:
        if self._mark is None:  # (Presentation Mode puts its layout back itself)
            self._to_put_back = [r for r in self._to_put_back if r.dock is not dock]
            self._to_put_back.append(Aside(dock, front, above, behind))

    def outranks(self, dock: QDockWidget, other: QDockWidget) -> bool:
        """Whether the lesson needs ``dock`` more than ``other`` (names it
        before), so ``other`` is not brought over it (the Tutorial's step
        stays in front of the Order tab a pass raises)."""
        lesson = self.lesson
        return dock in lesson and (other not in lesson or lesson.index(dock) < lesson.index(other))

    def put_back(self) -> list[QDockWidget]:
        """The panels put aside (outside Presentation Mode) back as they were,
        the last put aside first, as long as the window then keeps its
        height; those put back. One the user has shown, closed or moved
        meanwhile is left as it is."""
        if self._mark is not None:
            return []
        self._putting = True
        try:
            return self._put_back()
        finally:
            self._putting = False
            self._pin()

    def _put_back(self) -> list[QDockWidget]:
        w = self._window
        back: list[QDockWidget] = []
        while self._to_put_back:
            dock, front, above, went_along = self._to_put_back[-1]
            behind: list[QDockWidget] = []
            if front is None:
                if not dock.isHidden():
                    self._to_put_back.pop()
                    continue
                when = self._shown_at.get(dock)
                dock.show()
                if when is not None:  # (put back, not opened: the panel opened last stays so)
                    self._shown_at[dock] = when
            else:
                if front.isHidden() or dock.isHidden() or dock not in w.tabifiedDockWidgets(front):
                    self._to_put_back.pop()
                    continue
                behind = [d for d in went_along if not d.isHidden() and d in w.tabifiedDockWidgets(front)]
                self._out_of_tabs(dock, front, above, behind)
            QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
            if w.minimumSizeHint().height() > self._height:  # no room yet: as it was
                if front is None:
                    dock.hide()
                else:
                    for d in (dock, *behind):
                        w.tabifyDockWidget(front, d)
                    front.raise_()
                break
            back.append(dock)
            self._to_put_back.pop()
        first = next((d for d in self.lesson if d in self._column()), None) if back else None
        if first is not None:  # (the lesson's first panel in view whole again: the Tutorial's step)
            grow_by(first, first.sizeHint().height() - first.height())
        if w.height() > self._height:
            w.resize(w.width(), self._height)
        return back

    def _out_of_tabs(
        self, dock: QDockWidget, front: QDockWidget, above: bool, behind: list[QDockWidget]
    ) -> None:
        """``dock`` (the panels of ``behind`` behind its tab) out of ``front``'s
        tab set, beside it again (above it if ``above``), in front of them."""
        w = self._window
        when = {d: self._shown_at.get(d) for d in (dock, *behind)}
        area = w.dockWidgetArea(front)
        vertical = Qt.Orientation.Vertical
        for d in (dock, *behind):  # (each at the column's foot for now)
            w.addDockWidget(area, d, vertical)
        if not w.tabifiedDockWidgets(front):  # (a split of a tabbed panel adds a tab: then at the foot)
            w.splitDockWidget(front, dock, vertical)
            if above:
                w.splitDockWidget(dock, front, vertical)
        for d in behind:
            w.tabifyDockWidget(dock, d)
        dock.show()
        dock.raise_()
        for d, at in when.items():  # (put back, not opened: the panel opened last stays so)
            if at is not None:
                self._shown_at[d] = at


def _taller_than_its_front(w: QMainWindow, dock: QDockWidget) -> bool:
    """``dock``, behind a tab, needs more height than the panel in front of
    its tab set (it, unseen, makes the set that tall)."""
    tabs = w.tabifiedDockWidgets(dock)
    fronts = [d for d in tabs if d.isVisible() and not d.visibleRegion().isEmpty()]
    if not tabs:
        return False
    if not fronts:
        return True
    return dock.minimumSizeHint().height() > max(d.minimumSizeHint().height() for d in fronts)
