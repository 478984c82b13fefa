"""View › Presentation Mode (Ctrl+Shift+P): the lesson readable from the
back of a room on a small projector.

While it is on, the panels that tell the lesson (the Backward banner, Chain
Rule, Order, Properties) write their text :data:`SCALE` times larger, through
their own fonts (Qt's scale factor also shrank the fitted canvas until its
cards went compact); the panels a lecture does not need (the Palette, the
Tutorial) are hidden; and a graph shown whole is fitted into the room they
leave (a view on a part of it, such as a pass's step in the MLP, keeps its
zoom: a fit would take it out to a third).

Turning it off puts the window's panels back exactly as they were (their
places and sizes, from ``QMainWindow.saveState``), except where the user
showed or hid a panel meanwhile: that choice is kept. Closing the window
while presenting saves the layout from before. It is a mode of one lecture,
not a preference: the app always starts with it off (as a slide show does).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QByteArray, QObject, QTimer
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMenu

from gui.common.actions import make_action
from gui.host import Panels

#: How much larger the panels' text is while presenting.
SCALE = 1.5


class PresentationMode(QObject):
    """The View menu's check box of one window, and what it changes.

    ``hide``: the panels hidden while presenting; ``text_scales``: each
    sets one panel's text size (1: as usual); ``fit``: fits the graph
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
        self._layout: QByteArray | None = None  # the panels as they were before (None: off)
        self._shown: dict[QDockWidget, bool] = {}  # which panels were shown then
        self.action = make_action(
            window,
            "presentation",
            "&Presentation Mode",
            self.set_on,
            shortcut="Ctrl+Shift+P",
            checkable=True,
            tip="Larger text in the Backward banner, Chain Rule, Order and Properties; "
            "the Palette and Tutorial hidden, the graph fitted into their room",
        )
        menu.addAction(self.action)

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
            for dock in self._hide:
                dock.hide()
            self._scale(SCALE)
        else:
            layout, self._layout = self._layout, None
            # a panel the user showed or hid meanwhile stays so (not one this mode hid)
            changed = {
                d: not d.isHidden()
                for d in self._panels.all()
                if d not in self._hide and d in self._shown and self._shown[d] == d.isHidden()
            }
            self._scale(1.0)  # (first: the panels' sizes from before fit the usual text)
            if layout is not None:
                w.restoreState(layout)
            for dock, shown in changed.items():
                dock.setVisible(shown)
        if refit:
            self._fit_now()

    def _scale(self, scale: float) -> None:
        for set_scale in self._text_scales:
            set_scale(scale)

    def _fit_now(self) -> None:
        """Fit the graph into the canvas's new size, now and once the
        window's layout has settled (the docks' room is given back later)."""
        layout = self._window.layout()
        if layout is not None:
            layout.activate()
        self._fit()
        QTimer.singleShot(0, self, self._fit)
