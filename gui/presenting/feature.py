"""View › Presentation Mode (Ctrl+Shift+P): the lesson readable from the
back of a room on a small projector.

While it is on, the panels that tell the lesson (the Backward banner, Chain
Rule, Order, Properties) write their text :data:`SCALE` times larger, through
their own fonts (Qt's scale factor also shrank the fitted canvas until its
cards went compact); so do the canvas's cards, notes and captions at the
same zoom (gui/canvas/text_size.py: a card goes compact where it did), and
every other panel and the status bar, through their font, which their
widgets take (a dock's font sizes its title too: the Hessian's and the
comparison's tables, Gradient Flow, the Learn tables, each measured anew),
the toolbars (the step counter a class reads aloud) and the menus;
the right-hand column is widened for the larger text (at most
:data:`RIGHT_MAX` of the window); the panels a lecture does not need (the
Palette, the Tutorial) are hidden; and a graph shown whole is fitted into
the room left (a view on a part of it, such as a pass's step in the MLP,
keeps its zoom: a fit would take it out to a third).

Turning it off puts the window's panels back exactly as they were (their
places and sizes, from ``QMainWindow.saveState``), except where the user
showed or hid a panel meanwhile: that choice is kept. Closing the window
while presenting saves the layout from before. It is a mode of one lecture,
not a preference: the app always starts with it off (as a slide show does).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

from PySide6.QtCore import QByteArray, QChildEvent, QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QDialog, QDockWidget, QMainWindow, QMenu, QToolBar, QWidget

from gui.common.actions import make_action
from gui.common.style import scale_text
from gui.host import Panels

#: How much larger the panels' text is while presenting.
SCALE = 1.5
#: The right-hand column this much wider while presenting (for its larger text)...
RIGHT_GROWTH = 1.25
#: ... but at most this share of the window's width (the canvas keeps the rest).
RIGHT_MAX = 0.3
#: The share of the window's height the ``tall`` panel gets in the mode.
TALL_SHARE = 0.5


class HeightKeeper(Protocol):
    """What keeps the window within its height as panels grow (the window's
    ``gui/window/window_height.py``): while presenting, every panel opened
    stays in front, and what it puts aside comes back when the mode ends."""

    def begin(self) -> None: ...

    def keep(self) -> None: ...

    def end(self) -> list[QDockWidget]: ...


class PresentationMode(QObject):
    """The View menu's check box of one window, and what it changes.

    ``hide``: the panels hidden while presenting; ``text_scales``: each
    sets one panel's (or the canvas's) text size (1: as usual), where the
    panel's font alone would not do; every panel's font and the status
    bar's scale too; ``fit``: fits the graph
    into the canvas (View › Fit All), done when ``shows_whole()`` said the
    whole graph was in view (else the canvas keeps its zoom and centre)."""

    def __init__(
        self,
        window: QMainWindow,
        menu: QMenu,
        panels: Panels,
        hide: Sequence[QDockWidget],
        text_scales: Sequence[Callable[[float], None]],
        fit: Callable[[], None],
        shows_whole: Callable[[], bool],
        tall: QDockWidget | None = None,
        stays_hidden: Callable[[QDockWidget], bool] = lambda _dock: False,
        keeper: HeightKeeper | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("presentation_mode")
        self._window = window
        self._panels = panels
        self._hide = list(hide)
        self._text_scales = list(text_scales)
        self._fit = fit
        self._shows_whole = shows_whole
        self._tall = tall  # the panel given half the column's height (Chain Rule: a trial's scrolled)
        self._stays_hidden = stays_hidden  # a hidden panel that is not to come back with the layout
        self._keeper = keeper  # the window kept within its height (panels put aside, tabbed)
        self._layout: QByteArray | None = None  # the panels as they were before (None: off)
        self._shown: dict[QDockWidget, bool] = {}  # which panels were shown then
        self._dialogs: list[QWidget] = []  # the window's dialogs and menus given the larger text meanwhile
        self._watched: set[int] = set()  # those told to forget themselves when destroyed
        self.action = make_action(
            window,
            "presentation",
            "P&resentation Mode",
            self.set_on,
            shortcut="Ctrl+Shift+P",
            checkable=True,
            tip="Larger text on the canvas, in the panels, the toolbars and the status bar; "
            "the Palette and Tutorial hidden, the graph fitted into their room",
        )
        menu.addAction(self.action)
        self._usual_right = 0.0  # the right-hand column's share of the window before the mode (0: none)
        window.installEventFilter(self)  # (its resizes while presenting)

    @property
    def on(self) -> bool:
        return self._layout is not None

    def stop(self) -> None:
        """Turn it off (before the window saves its layout)."""
        self.action.setChecked(False)

    def set_on(self, on: bool) -> None:
        """The menu's check box (and Ctrl+Shift+P)."""
        if on == self.on:
            return
        w = self._window
        refit = self._shows_whole()  # (zoomed in on a part, a pass's step on the MLP: that stays)
        if on:
            self._layout = w.saveState()
            self._shown = {d: not d.isHidden() for d in self._panels.all()}
            if self._keeper is not None:
                self._keeper.begin()  # (a panel opened while presenting stays in front)
            for dock in self._hide:
                dock.hide()
            self._scale(SCALE)
            # a dialog kept from before (the User Guide) now, one open keeping the size it was
            # given; one made meanwhile when polished
            for dialog in w.findChildren(QDialog, options=Qt.FindChildOption.FindDirectChildrenOnly):
                self.dialog_polished(dialog, laid_out=not dialog.isVisible())
            self._widen_right()
            self._heighten()
            if self._keeper is not None:  # the larger text's panels: the window keeps its height
                self._keeper.keep()
        else:
            layout, self._layout = self._layout, None
            self._usual_right = 0.0
            # a panel the user showed or hid meanwhile stays so (not one the window put aside)
            aside = self._keeper.end() if self._keeper is not None else []
            changed = {
                d: not d.isHidden()
                for d in self._panels.all()
                if d not in self._hide
                and d not in aside
                and d in self._shown
                and self._shown[d] == d.isHidden()
            }
            fronts = self._fronts()
            self._scale(1.0)  # (first: the panels' sizes from before fit the usual text)
            if layout is not None:
                # each after the docks' titles are laid out anew for the usual text (else
                # laid out as tall as the larger text's: a panel 1 px off), and twice (so is the first)
                for _ in range(2):
                    QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
                    w.restoreState(layout)
                self._keep_in_front(fronts)
            for dock, shown in changed.items():
                dock.setVisible(shown)
            for dock in self._hide:  # (the Tutorial's welcome page, which a pass meanwhile put aside)
                if dock.isVisible() and self._stays_hidden(dock):
                    dock.hide()
        if refit:
            self._fit_now()

    def _fronts(self) -> dict[QDockWidget, set[QDockWidget]]:
        """The docked panels in front of a tab set now, each with the panels
        behind its tabs."""
        w = self._window
        out = {}
        for dock in self._panels.all():
            tabs = w.tabifiedDockWidgets(dock)
            if dock.isVisible() and not dock.isFloating() and not dock.visibleRegion().isEmpty() and tabs:
                out[dock] = {d for d in tabs if d.isVisible()}
        return out

    def _keep_in_front(self, fronts: dict[QDockWidget, set[QDockWidget]]) -> None:
        """The tab one saw in front while presenting stays in front of the
        same tabs in the layout put back (trial 73 #3: a pass started while
        presenting raised Order over Properties; leaving, the layout from
        before put Properties' "Select a node…" in front of the pass's
        Order). A tab set the mode changed (a panel it hid back behind a
        tab) is left as it was before."""
        w = self._window
        for dock, behind in fronts.items():
            tabs = {d for d in w.tabifiedDockWidgets(dock) if d.isVisible()}
            if dock.isVisible() and tabs and tabs <= behind and dock.visibleRegion().isEmpty():
                dock.raise_()

    def dialog_polished(self, dialog: QWidget, laid_out: bool = False) -> None:
        """The window's hook for each of its dialogs and menus, told by the
        window (which every dialog has as parent) once it is polished, before
        it is first shown and laid out: while presenting, a question the
        class reads (Forward Mode's "which leaf?", Backward's "from which
        node?", a message box) or a menu opened meanwhile (the canvas's
        right-click menu) writes as large as the panels (trial 60 #4: the leaf
        picker at 11 px beside 1.5× panels); ``laid_out``: a dialog from
        before the mode, hidden, laid out anew for the larger text (one open
        keeps the size it was given). One kept for later is given its usual
        text back when the mode ends."""
        if not self.on or not dialog.isWindow() or dialog in self._dialogs:
            return
        if isinstance(dialog, QMenu):  # with its submenus ("Add ›": windows of their own, its children)
            for menu in self._menus_under([dialog]):
                if menu not in self._dialogs:
                    self._keep_scaled(menu)
            return
        if id(dialog) not in self._watched:  # a question it asks over itself, told by it (review 62 #1:
            dialog.installEventFilter(self)  # Import Code's "name already on the canvas?" at 12 px)
        self._keep_scaled(dialog)
        if laid_out:
            dialog.adjustSize()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        """A scaled dialog's own dialogs and menus, as the window's (only the
        dialogs scaled are watched, not the app's events); the window resized
        while presenting: its right-hand column as wide as the mode makes it
        at that size (trial 73 #1: from 1024 to 1280 px the Order list kept
        its 1024 width, its names "n…]")."""
        if obj is self._window:
            if event.type() == QEvent.Type.Resize and self.on:
                QTimer.singleShot(0, self, lambda: self._widen_right(resized=True))
            return False
        if event.type() == QEvent.Type.ChildPolished and isinstance(event, QChildEvent):
            child = event.child()
            if isinstance(child, (QDialog, QMenu)):
                self.dialog_polished(child)
        return False

    def _keep_scaled(self, widget: QWidget) -> None:
        """``widget`` (a dialog or menu of the window) writes :data:`SCALE` times larger
        till the mode ends (given its usual text back then, if it is kept)."""
        self._dialogs.append(widget)
        if id(widget) not in self._watched:  # (the menu bar's menus: once, not at each turn on)
            self._watched.add(id(widget))
            widget.destroyed.connect(lambda *_a, d=widget: self._forget(d))
        scale_text(widget, SCALE)

    def _forget(self, widget: QWidget) -> None:
        self._watched.discard(id(widget))
        if widget in self._dialogs:
            self._dialogs.remove(widget)

    def _menus(self) -> list[QMenu]:
        """The menu bar's menus and their submenus (each a window of its own: a font set on the
        menu bar does not reach them)."""
        return self._menus_under([a.menu() for a in self._window.menuBar().actions()])

    @staticmethod
    def _menus_under(todo: list) -> list[QMenu]:
        """The menus in ``todo`` and their submenus, each once."""
        out: list[QMenu] = []
        while todo:
            menu = todo.pop()
            if isinstance(menu, QMenu) and menu not in out:
                out.append(menu)
                todo += [a.menu() for a in menu.actions()]
        return out

    def _scale(self, scale: float) -> None:
        # the panels' fonts first: a panel's own scale may read its dock's (Properties' title)
        for widget in (*self._panels.all(), self._window.statusBar()):  # (a dock's title too)
            scale_text(widget, scale)
        # the menu bar and its menus as large as the panels (trial 60 #4: menus at desktop size), and
        # the toolbars (trial 73 #10: the class reads the step counter, "step 14 / 360", aloud)
        scale_text(self._window.menuBar(), scale)
        for bar in self._window.findChildren(QToolBar, options=Qt.FindChildOption.FindDirectChildrenOnly):
            scale_text(bar, scale)
        for menu in self._menus():
            if scale != 1.0 and menu not in self._dialogs:
                self._keep_scaled(menu)
        if scale == 1.0:  # (a dialog kept, as the User Guide is: its usual text again)
            for dialog in self._dialogs:
                scale_text(dialog, 1.0)
            self._dialogs = []
        for set_scale in self._text_scales:
            set_scale(scale)

    def _widen_right(self, resized: bool = False) -> None:
        """The right-hand column :data:`RIGHT_GROWTH` times as wide, for
        its larger text (it wrapped more at its old width), within
        :data:`RIGHT_MAX` of the window (never narrower than it was); the
        window ``resized``, as wide as that makes its usual share of it,
        narrower too (grown from 1024 px to 1280 and back, it kept the
        1280's 374 px: the canvas cut the step's cards)."""
        w = self._window
        side = Qt.DockWidgetArea.RightDockWidgetArea
        right = [d for d in self._panels.all() if d.isVisible() and w.dockWidgetArea(d) == side]
        right = [d for d in right if not d.isFloating()]
        if not right or not self.on:
            return
        width = max(d.width() for d in right)
        # (the column is as wide as its panels on screen: one behind a tab keeps its width from
        # before, 340 for 240 at 1024×700, and taken for the column's it left it narrow: review 72b #1)
        seen = [d for d in right if not d.visibleRegion().isEmpty()] or right
        now = max(d.width() for d in seen)
        if not self._usual_right:  # at the mode's start: its usual share, kept as the window is resized
            self._usual_right = width / max(1, w.width())
        usual = self._usual_right * w.width()
        wider = max(
            round(usual) if resized else width, min(round(usual * RIGHT_GROWTH), int(w.width() * RIGHT_MAX))
        )
        if wider != now:
            w.resizeDocks([seen[0]], [wider], Qt.Orientation.Horizontal)

    def _heighten(self) -> None:
        """The ``tall`` panel at least half the window's height, its larger
        text whole (a trial: Chain Rule scrolled, its heading cut, under an
        Order list with rows to spare)."""
        tall, w = self._tall, self._window
        if tall is None or not tall.isVisible() or tall.isFloating():
            return
        want = max(tall.height(), round(w.height() * TALL_SHARE))
        for _ in range(4):  # (Qt grants part of a dock's resize at a time)
            QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
            if tall.height() >= want - 2:
                break
            w.resizeDocks([tall], [want], Qt.Orientation.Vertical)

    def _fit_now(self) -> None:
        """Fit the graph into the canvas's new size, now and once the
        window's layout has settled (the docks' room is given back later)."""
        layout = self._window.layout()
        if layout is not None:
            layout.activate()
        self._fit()
        QTimer.singleShot(0, self, self._fit)
