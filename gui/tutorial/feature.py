"""Help › Tutorial: a dock that walks a learner through the examples.

The steps and their checks are core's (core/learn/tutorial.py); this
feature builds the :class:`~core.learn.tutorial.State` from the document
(its model and the pass on screen) and from what the window hands it
explicitly: whether the pass shown is at its end, and the training runs
(:meth:`TutorialController.count_training`). It listens to the document and
moves on once the event loop turns after a change, so a gesture that makes
several model edits is checked once, when it is complete. Closing the
panel changes nothing in the graph; Help › Tutorial shows it again where
the learner left it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer

from core.graph.backward import BackwardResult
from core.learn.tutorial import Progress, State
from gui.common import settings
from gui.common.actions import make_action
from gui.common.dock_places import grow_by, keep_height
from gui.host import Host
from gui.tutorial.panel import TutorialPanel

#: At most this share of the window's height when the panel opens.
MAX_SHARE = 0.45
#: For this long after a new page (or opening) the panel grows to fit it.
FIT_MS = 1500
#: Said, briefly, when the welcome page makes room: the learner built or ran a pass without the tour.
WELCOME_ASIDE = "The tutorial's welcome page made room for your work: Help › Tutorial shows it again."
#: How long that is said: a passing note, not what the status bar says through a pass (a trial:
#: at 10 s it stood from the pass's start to its end, in place of the usual hints).
ASIDE_MS = 4000
#: Asked this many times at most to reach a height.
RESIZE_TRIES = 4
SLACK = 6  # px more than the page needs, so that no scroll bar is left for a rounding


class TutorialController(QObject):
    """The Tutorial dock and the Help › Tutorial action of one window."""

    def __init__(
        self,
        window: Host,
        *,
        pass_at_end: Callable[[], bool],
        new_graph: Callable[[], object],
        open_example: Callable[[str], object],
        point_at: Callable[[str | None], None] | None = None,
        typing: Callable[[], bool] = lambda: False,
        parent: QObject | None = None,
    ) -> None:
        """``pass_at_end``: whether the backward pass on screen shows its
        last step; ``new_graph``/``open_example(stem)``: File › New and
        File › Examples, for the steps' helper buttons; ``point_at(op)``
        highlights the Palette entry a step asks for; ``typing``: whether a
        box over a card is open (call :meth:`refresh` when that changes)."""
        super().__init__(parent)
        self.setObjectName("tutorial_controller")
        self.window = window
        self._pass_at_end = pass_at_end
        self._new_graph = new_graph
        self._open_example = open_example
        self._point_at = point_at
        self._typing = typing
        self._pointed: tuple[int, str] | None = None  # the step shown and the entry pointed at (each once)
        self.progress = Progress()
        self.started = False  # False: the welcome page
        self._aside_due = False  # a pass or an edit while the welcome page was hidden by another
        self.trained_steps = 0  # training steps applied during the current step
        self._timer = QTimer(self, singleShot=True, interval=0)
        self._timer.timeout.connect(self._update)
        # the page's height is known once its layout has run: then grow to show it whole
        self._fit_timer = QTimer(self, singleShot=True, interval=0)
        self._fit_timer.timeout.connect(self._fit_height)
        self._fit_window = QTimer(self, singleShot=True, interval=FIT_MS)
        self._fit_window.timeout.connect(self._stop_fitting)
        self._target = self._tries = 0
        self._reach_timer = QTimer(self, singleShot=True, interval=0)
        self._reach_timer.timeout.connect(self._reach)
        self.panel = TutorialPanel()
        self.dock = window.add_dock(
            "dock_tutorial", "Tutor&ial", self.panel, Qt.DockWidgetArea.RightDockWidgetArea
        )
        self.dock.hide()
        self.panel.escaped.connect(lambda: window.view.setFocus(Qt.FocusReason.ShortcutFocusReason))
        self.dock.toggleViewAction().triggered.connect(self._chosen)  # (View › Panels: the user's choice)
        # shown again from View › Panels too: catch up with what happened meanwhile
        self.dock.visibilityChanged.connect(self.refresh)
        self.action = make_action(
            window.dialog_parent(),
            "tutorial",
            "&Tutorial",
            self.open,
            tip="A guided start: build the lecture's graph, run backward, train a neuron",
        )
        help_menu = window.menu("help")  # first in Help, above Keyboard Shortcuts
        existing = help_menu.actions()
        if existing:
            help_menu.insertAction(existing[0], self.action)
            help_menu.insertSeparator(existing[0])
        else:
            help_menu.addAction(self.action)
        self.panel.start_clicked.connect(self.start)
        self.panel.back_clicked.connect(self.back)
        self.panel.next_clicked.connect(self.next)
        self.panel.close_clicked.connect(self.close)
        self.panel.action_clicked.connect(self._do_action)
        self.panel.page_resized.connect(self._on_page_resized)
        self._fit_wanted = False  # a new page: grow to show it once its layout has run
        self._tallest_wanted = False  # the tutorial started: grow for its tallest step
        doc = window.document
        for sig in (doc.graph_changed, doc.replaced, doc.pass_changed):
            sig.connect(self.refresh)
        doc.pass_changed.connect(self._step_aside)
        window.undo_stack.indexChanged.connect(self._edited)
        self.panel.show_welcome()

    # ------------------------------------------------------------ what the window calls
    def refresh(self, *_args: object) -> None:
        """Something the steps look at may have changed: check once the event loop turns."""
        if self.started and self.dock.isVisible():
            self._timer.start()

    def count_training(self, steps: int) -> None:
        """A training run applied ``steps`` gradient-descent steps."""
        self.trained_steps += steps
        self.refresh()

    def offer_once(self) -> bool:
        """On the first launch only: show the welcome page (once, ever)."""
        if settings.tutorial_offered():
            return False
        settings.set_tutorial_offered()
        self.open()
        return True

    def _chosen(self) -> None:
        self._aside_due = False

    def stays_aside(self, dock: object) -> bool:
        """Whether ``dock``, shown again with a layout put back (Presentation Mode
        ending), is the welcome page a pass or an edit meanwhile put aside (trial 49)."""
        return dock is self.dock and self._aside_due and not self.started

    def open(self) -> None:
        """Help › Tutorial: show the panel where the learner left it."""
        self._aside_due = False
        self.dock.show()
        self.dock.raise_()
        if self.started:
            self._tallest_wanted = True
            self._update()
        else:
            self.panel.show_welcome()
            self._fit_later()

    def _edited(self, index: int) -> None:
        """An edit made or redone (not a graph opened: that clears the history to 0)."""
        if index > 0:
            self._step_aside(True)

    def step_aside(self) -> None:
        """Another lesson took the column (a quiz started): as for a pass."""
        self._step_aside(True)

    def _step_aside(self, result: object) -> None:
        """A pass started, or the graph was edited, while only the welcome
        page shows: the learner chose to work without the tour, and
        Properties and the pass's panels (Order, Chain Rule) need the
        column's height more than an unanswered invitation does (a trial:
        Properties, squeezed under it, scrolled and cut its Inputs row)."""
        if result is None or self.started or self.dock.isFloating():
            return
        if not self.dock.isVisible():  # (Presentation Mode hid it: it stays aside when that ends)
            self._aside_due = True
            return
        self.dock.hide()
        # the note, unless the edit's own action says something, before it or after (a trial:
        # an import's summary, what it skipped and which node is the output, was never seen
        # under it; Ctrl+A, Delete's "Deleted 7 nodes", said before the edit, was replaced)
        self.window.show_aside(WELCOME_ASIDE, ASIDE_MS)

    # ------------------------------------------------------------ the buttons
    def start(self) -> None:
        self.started = self._tallest_wanted = True
        self.progress.restart()
        self._entered()
        self._update()

    def back(self) -> None:
        self.progress.back(self.state())
        self._entered()
        self._show()

    def next(self) -> None:
        index = self.progress.index
        self.progress.skip(self.state())
        if self.progress.index != index:
            self._entered()
        self._show()

    def close(self) -> None:
        self.dock.hide()
        if self._point_at is not None:
            self._point_at(None)  # (no entry lit once the guide is gone)
        if self.started and not self.progress.finished:
            where = f"at step {self.progress.index + 1}, where you left it"
            self.window.show_status(f"Help › Tutorial opens the tutorial again {where}.")
        else:
            self.window.show_status("Help › Tutorial opens the tutorial whenever you like.")

    def _do_action(self, action: str) -> None:
        if action == "new":
            self._new_graph()
        elif action.startswith("example:"):
            self._open_example(action.removeprefix("example:"))

    # ------------------------------------------------------------ the steps
    def state(self) -> State:
        doc = self.window.document
        p = doc.backward_pass
        if not isinstance(p, BackwardResult):  # a forward-mode pass is not what the steps ask for
            p = None
        return State(doc.model, p, p is not None and self._pass_at_end(), self.trained_steps, self._typing())

    def _update(self) -> None:
        if not self.started:
            return
        if self.progress.update(self.state()):
            self._entered()
        self._show()

    def _entered(self) -> None:
        """A new step began: training done before it does not count for it."""
        self.trained_steps = 0

    def _show(self) -> None:
        state = self.state()
        self.panel.show_progress(self.progress, state)
        self._keep_page()
        self._fit_later()
        step = self.progress.step
        pointed = (self.progress.index, step.palette_now(state) if step is not None else "")
        if pointed != self._pointed and self._point_at is not None:  # (the learner's own pick stays)
            self._point_at(pointed[1] or None)
        self._pointed = pointed

    def _on_page_resized(self) -> None:
        self._keep_page()
        if self._fit_wanted:
            self._fit_timer.start()

    def _keep_page(self) -> None:
        """A panel growing beside it (Properties for its form) leaves it the
        page it shows, whole."""
        dock, panel = self.dock, self.panel
        keep_height(dock, panel.whole_height() + dock.height() - panel.height() if dock.isVisible() else 0)

    def _fit_later(self) -> None:
        """Grow to show a new page whole, once it is laid out (and while the
        window settles). A splitter the learner drags later is theirs: the
        panel does not fight it."""
        self._fit_wanted = True
        self._fit_timer.start()
        self._fit_window.start()

    def _stop_fitting(self) -> None:
        if self._tallest_wanted:  # (the window settled: what is still short for the tallest step, now)
            self._fit_height()
        self._fit_wanted = self._tallest_wanted = False

    def _fit_height(self) -> None:
        """Grow the panel (within reason) when its page does not fit, in a side column."""
        dock = self.dock
        hidden = self.panel.hidden_height()
        if self.started and (hidden > 0 or self._tallest_wanted):  # for every step at once: the
            hidden = max(hidden, self.panel.tallest_hidden(self.progress, self.state()))  # buttons stay put
        if hidden <= 0 or not dock.isVisible() or dock.isFloating():
            return
        if self.window.dockWidgetArea(dock) == Qt.DockWidgetArea.BottomDockWidgetArea:
            return
        limit = int(self.window.dialog_parent().height() * MAX_SHARE)
        if dock.height() < limit:
            self._target = min(dock.height() + hidden + SLACK, limit)
            self._tries = RESIZE_TRIES
            self._reach()

    def _reach(self) -> None:
        """Resize toward the height asked for: Qt shares a resize out with
        the column's other panels, each time part of the way (a shorter
        welcome page left the tallest step 2 px short, and Skip moved)."""
        dock = self.dock
        if self._tries <= 0 or dock.height() >= self._target or not dock.isVisible():
            return
        self._tries -= 1
        # the others give way down to what each keeps (Chain Rule: its page)
        grow_by(dock, self._target - dock.height())
        self._reach_timer.start()  # (once the layout has run)
