"""Backward, animated: the Backward action, the step controls, and the Order
and Chain rule docks.

The window builds one :class:`BackwardController` and hands it itself as
the :class:`~gui.host.Host`. The numbers come
from one ``backward(model, root)``; what the canvas shows at each step is
computed from its recorded steps (core/explain/replay.py), so stepping back is exact
and the finished picture is the headless command's result. The shown
gradients are view state only: the model never holds them, and any edit of
the graph stops the animation and clears them, since they would be stale.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable

from PySide6.QtCore import QObject, Qt, QTimer, SignalInstance
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QDockWidget,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QTextEdit,
)

from core.explain.forward_replay import AnyReplay, ForwardReplay
from core.explain.names import LabelsShared, SentenceNames, listed_names
from core.explain.node_formula import blocked_starts, refusal_text
from core.explain.replay import Replay
from core.graph.backward import BackwardResult, backward
from core.graph.errors import GraphError
from core.graph.forward_mode import ForwardResult
from core.graph.model import GraphModel
from core.graph.roots import LIKELY_AMONG, likeliest_end
from gui.backward import controls
from gui.backward import icons as animation_icons
from gui.backward.animator import SPEED_STEPS, Animator
from gui.backward.caption_keeper import CaptionKeeper
from gui.backward.chain_focus import ChainFocus
from gui.backward.chain_panel import ChainPanel
from gui.backward.chain_room import ChainRoom
from gui.backward.forward_mode import ForwardMode
from gui.backward.grad_legend import GradLegend
from gui.backward.narration import PLAN_MAX, Narration
from gui.backward.order_panel import OrderPanel
from gui.backward.order_tab import OrderTab
from gui.backward.pass_events import PassEvents
from gui.backward.pass_pictures import PassPictures
from gui.backward.pass_rerun import PassRerun
from gui.backward.replay_canvas import ReplayCanvas
from gui.backward.resize_follow import AfterResize
from gui.canvas.clear_of_cards import ask_item
from gui.canvas.scene import GraphScene
from gui.common import grad_colors
from gui.document.heap import pass_heap
from gui.host import Host

log = logging.getLogger(__name__)


class BackwardController(PassPictures, PassEvents):
    """Drives one window's backward animation (and forward mode's, which
    :class:`~gui.backward.forward_mode.ForwardMode` loads into the same
    animator, so the same controls drive it). What it does as the pass
    moves, ends or goes stale is :class:`~gui.backward.pass_events.PassEvents`'s
    (which declares the actions gui/backward/controls.py makes)."""

    def __init__(self, window: Host, parent: QObject | None = None, edit_panel: QDockWidget | None = None):
        """``edit_panel``: where a node is edited (Properties): in front of Order when no pass runs."""
        super().__init__(parent)
        self.setObjectName("backward_controller")
        self.window = window
        self.animator = Animator(self)
        self.animator.setObjectName("animator")
        self.animator.folded_into = window.scene.folding.card_of  # a folded group: one step
        self.replay: AnyReplay | None = None
        self.last_error: str | None = None
        #: Each says why Backward may not run now (e.g. a quiz is on), or None.
        self._guards: list[Callable[[], str | None]] = []
        self.canvas = ReplayCanvas()
        self._quiet = False  # show_finished: no panel raised, no camera move
        self._folded: set[str] = set()  # the groups folded at the last change of the groups
        showing = lambda: self.animator.active and self.replay is not None
        self.captions = CaptionKeeper(self.canvas, lambda: self.scene, showing, self._refollow, self)
        self._placed = False  # the camera placed the step shown (placed again after a resize)
        placed = lambda: self.animator.active and self._placed
        AfterResize(window.dialog_parent(), self._resized, placed, self)  # (the window: placed again)
        animation_icons.register()
        controls.make_actions(self)
        self._make_docks()
        self.tabs = OrderTab(self.dock_order, edit_panel, window.scene, self.animator, self)
        self.chain = ChainFocus(self)  # which node the Chain Rule panel explains
        window.view.zoom_focus = self.chain.step_point  # the zoom keys zoom about the step
        self.forward = ForwardMode(self)
        self.rerun = PassRerun(self, self)  # an edit of numbers keeps the pass, run again
        controls.make_toolbar(self)
        controls.make_menu(self)
        a = self.animator
        a.position_changed.connect(self._on_position)
        a.finished.connect(self._on_finished)
        a.playing_changed.connect(self._on_playing)
        a.cleared.connect(self._on_cleared)
        doc = window.document
        doc.replaced.connect(self.attach)
        doc.structure_changed.connect(self.rerun.rewired)  # (before graph_changed: told first)
        doc.graph_changed.connect(self._on_graph_changed)
        doc.groups_changed.connect(self._on_groups_changed)
        doc.pass_changed.connect(self._on_pass_changed)
        doc.nodes_moved.connect(self.captions.nodes_moved)
        window.view.zoom_changed.connect(self.captions.zoomed)
        self.attach()
        self._update_actions()

    def undo_index(self) -> int:
        """Where the document's undo stack stands (the rerun tells an undo from an edit)."""
        return self.window.document.undo_stack.index()

    def add_guard(self, guard: Callable[[], str | None], changed: SignalInstance | None = None) -> None:
        """Let ``guard`` refuse Backward: it returns the reason, or None;
        ``changed`` is emitted when its answer may have changed (the Chain
        Rule panel says the reason where it would say "Run Backward")."""
        self._guards.append(guard)
        if changed is not None:
            changed.connect(self.chain.refresh_soon)

    def refusal(self) -> str | None:
        for guard in self._guards:
            why = guard()
            if why:
                return why
        return None

    # ================================================================ set-up
    def _make_docks(self) -> None:
        w = self.window
        self.order_panel = OrderPanel()
        self.order_panel.setObjectName("order_panel")
        self.legend = GradLegend()
        self.order_panel.add_footer(self.legend)
        self.order_panel.jump_requested.connect(self._jump)
        self.chain_panel = ChainPanel()
        self.chain_panel.setObjectName("chain_panel")
        self.dock_order = w.add_dock(
            "dock_order", "Order", self.order_panel, Qt.DockWidgetArea.RightDockWidgetArea
        )
        self.dock_chain = w.add_dock(
            "dock_chain", "Chain Rule", self.chain_panel, Qt.DockWidgetArea.BottomDockWidgetArea
        )
        w.resizeDocks([self.dock_chain], [230], Qt.Orientation.Vertical)
        self.chain_room = ChainRoom(self.chain_panel, self.dock_chain, self)  # its page's height
        for panel in (self.order_panel, self.chain_panel):  # Esc: the keys back to the canvas
            panel.escaped.connect(lambda: w.view.setFocus(Qt.FocusReason.ShortcutFocusReason))
        self.narration = Narration(w.view)

    def set_text_scale(self, scale: float) -> None:
        """The banner's, Order's and Chain Rule's text ``scale`` times their usual size."""
        for panel in (self.narration, self.order_panel, self.chain_panel):
            panel.set_text_scale(scale)

    # ================================================================ document
    def attach(self) -> None:
        """A new model in the document (the scene rebuilt): nothing shown is valid."""
        self.animator.clear()
        self.canvas.forget()
        self.replay = None
        self.order_panel.set_replay(None)
        self.chain_panel.show_hint()
        self.tabs.pass_ended()  # (File › New: Properties, not the empty Order list)
        self._update_actions()

    @property
    def model(self) -> GraphModel:
        return self.window.model

    @property
    def scene(self) -> GraphScene:
        return self.window.scene

    # ================================================================ backward
    def choose_root(self) -> str | None:
        """The output, else the single sink, else the one selected node, else ask."""
        m = self.model
        if len(m) == 0:
            self.say("The graph is empty: add some nodes, then run Backward.")
            return None
        if m.output is not None and m.output in m:
            return m.output
        sinks = m.sinks()
        if len(sinks) == 1:
            return sinks[0]
        sel = self.scene.selected_ids()
        if len(sel) == 1:
            return sel[0]
        return self.ask_root(sinks)

    def ask_root(self, sinks: list[str]) -> str | None:
        """Ask which of several end nodes backward should start from. An end
        that cannot start a pass (an empty input behind it) is not offered,
        and the question says why, once: none, the reason alone (trial 54:
        L was picked, then a second dialog said it could not run)."""
        m = self.model
        blocked = blocked_starts(m, sinks, LIKELY_AMONG)
        names = listed_names(m.label, m.groups, sinks)
        past_size, is_leaf = (lambda n: len(m.past(n))), (lambda n: m.op(n) == "leaf")
        likely = sinks[likeliest_end(sinks, past_size, is_leaf)]
        # each said one way: the end's own empty input, or one behind it (verify 55 read two wordings)
        said = [
            f"{names[sinks.index(n)]}: {why if why.startswith('its input') else 'behind it, ' + why}"
            for n, why in blocked.items()
        ]
        if len(said) > 4:
            said[3:] = [f"and {len(said) - 3} more"]
        if len(blocked) == len(sinks):
            self.report_error(
                f"No end node can start a pass: {'; '.join(said)}. Wire a node into each empty input."
            )
            return None
        offered = [n for n in sinks if n not in blocked]
        likely = likely if likely in offered else offered[likeliest_end(offered, past_size, is_leaf)]
        shown = [names[sinks.index(n)] for n in offered]
        why = "".join(f"\n  {line}" for line in said)
        choice = ask_item(  # (clear of the cards it asks about, as Forward Mode's: centred, it hid them)
            self.window.dialog_parent(),
            self.window.view,
            "Backward from which node?",
            "The graph has several end nodes. Which one should backward start from?\n"
            "(Set as Output, Ctrl+Shift+O, remembers the choice.)"
            + (f"\n\nNot offered, as a pass cannot start there:{why}" if blocked else ""),
            shown,
            offered.index(likely),
            "backward_root_question",
        )
        return offered[shown.index(choice)] if choice is not None else None

    def play_pause(self) -> None:
        """Pause or resume; with no pass shown, run Backward and play it."""
        if self.animator.active:
            self.animator.toggle_play()
        else:
            self.run_backward(play=True)

    def backward_pressed(self) -> None:
        """Backward from its key, button or menu: run it, and if a text field
        has the keys (a value just typed in Properties) hand them to the canvas,
        where the step keys (→ . ← ,) work; in the field they move its cursor."""
        if isinstance(QApplication.focusWidget(), (QLineEdit, QAbstractSpinBox, QTextEdit, QPlainTextEdit)):
            self.window.view.setFocus(Qt.FocusReason.OtherFocusReason)  # first: a value typed commits now
        self.run_backward()

    def run_backward(self, play: bool | None = None, root: str | None = None) -> bool:
        """Compute the pass from ``root`` (else the one :meth:`choose_root`
        picks) and start showing it (playing it when ``play``, or by default
        when Play Automatically is on). A ``root`` given leaves the graph's
        output as it is: its tag stays where the file put it."""
        why = self.refusal()
        if why:
            self.say(why)
            return False
        self.animator.pause()
        root = root if root is not None else self.choose_root()
        if root is None:
            return False
        # the pass's records and what its first view makes: frozen for a big graph
        # (not for a live view's redraw, a few a second: each would freeze what was young)
        with pass_heap(0 if self._quiet else len(self.model)):
            try:
                result = backward(self.model, root)
            except GraphError as e:
                self.report_error(refusal_text(self.model, e, "Cannot run backward from", root))
                return False
            except Exception as e:
                log.exception("backward from %r failed", root)
                self.report_error(f"Cannot run backward: {type(e).__name__}: {e}")
                return False
            replay = self.make_replay(result)
            # the colour scale from the pass's own gradients (no table of every node's made)
            self.show_pass(replay, result, result.steps.grads().values(), play)
        if not self._quiet:
            QTimer.singleShot(0, self, self._file_soon)
        return True

    def _file_soon(self) -> None:
        """In the turn of the event loop after the press's (its first frame):
        one posted call posts the next, which a turn then runs."""
        QTimer.singleShot(0, self, self._file_senders)

    def _file_senders(self) -> None:
        """Who sent what to whom in the pass shown and each node's step (what
        a step asks of the nodes it shows), filed when idle after the press's
        first frame, which needs none of it, and frozen with the pass's
        records (or frozen there if a step came first and filed them)."""
        rp = self.replay
        if isinstance(rp, Replay):
            with pass_heap(len(self.model)):
                rp.file_tables()

    def show_pass(
        self,
        replay: AnyReplay,
        result: BackwardResult | ForwardResult,
        numbers: Iterable[float],
        play: bool | None = None,
    ) -> None:
        """Show a computed pass (backward, or forward mode's) from its start,
        its ``numbers`` setting the colour scale."""
        self.last_error = None
        self.replay = replay
        grad_colors.set_scale(grad_colors.scale_for(numbers))
        self.legend.set_kind("tangent" if isinstance(replay, ForwardReplay) else "gradient")
        self.legend.refresh()
        self.canvas.clear_flows(self.scene)  # the cards: cleared or dimmed as the pass is drawn
        groups = self.model.groups
        # the labels shared, read once for the banner and the Order list (a forward pass: for the list)
        named = replay.named if isinstance(replay, Replay) else None
        shared = named.shared if isinstance(named, SentenceNames) else LabelsShared(self.model.attr_table)
        self.order_panel.set_replay(self.replay, self.model.op, groups, shared)
        self._raise_order()
        self.window.document.set_pass(result)
        self.rerun.pass_shown()
        if not self._quiet:
            self.chain_room.new_pass()
        self.animator.load(self.replay, play=self.action_autoplay.isChecked() if play is None else play)
        # the banner as tall as the pass's tallest sentence from its start (the canvas never moves)
        last = replay.last
        self.narration.new_pass([self.status_text(p) for p in range(last + 1)] if last <= PLAN_MAX else None)
        # again once the event loop turns: a window just opened may still be
        # settling its dock tabs (Properties raised last) when Ctrl+B comes
        if not self._quiet:
            QTimer.singleShot(0, self, self._raise_order)
        self._update_actions()

    def make_replay(self, result: BackwardResult) -> Replay:
        """What the canvas shows of ``result``: its steps, in the graph's names
        (a label two nodes share told apart by group or id, read at the first sentence)."""
        return Replay.of(result, self.model)

    def rerun_pass(
        self,
        replay: AnyReplay,
        result: BackwardResult | ForwardResult,
        numbers: list,
        pos: int,
        playing: bool,
    ) -> None:
        """The pass on new numbers at its step (pass_rerun.py): no panel raised, the view kept."""
        self._quiet = True
        try:
            self.show_pass(replay, result, numbers, play=False)
            self.animator.go_to(pos)
        finally:
            self._quiet = False
        if playing:
            self.animator.play()

    def _raise_order(self) -> None:
        """Bring the Order tab over the panel it shares a tab group with
        (Properties on the first start), unless the user closed it
        (order_tab.py: Properties again once no pass is under way)."""
        if not (self._quiet or self.refusal() or self.replay is None):
            self.tabs.raise_order()

    def show_finished(self) -> bool:
        """Backward from the root shown at its end at once: every gradient in
        place, no panel raised, no banner, the camera left where it is (what
        a live view such as Train on Data redraws a few times a second)."""
        self._quiet = True
        try:
            if self.run_backward(play=False) and self.replay is not None:
                self.animator.go_to(self.replay.last)
                self.narration.say(None)  # a live view: no banner about the last step
                return True
            return False
        finally:
            self._quiet = False

    def clear(self) -> None:
        """Stop and hide every gradient."""
        self.animator.clear()

    def set_speed(self, speed: int) -> None:
        self.speed_slider.setValue(max(0, min(SPEED_STEPS, speed)))

    def _jump(self, row: int) -> None:
        self.animator.pause()
        self.animator.go_to(row)

    # ================================================================ messages
    def say(self, text: str, joined: str | None = None) -> None:
        """``joined``: what follows from the edit said this turn, added to that (StatusLine.say)."""
        self.window.show_status(text, 10000, joined)

    def status_shown(self) -> str:
        """What the status bar says now."""
        return self.window.status_text()

    def report_error(self, text: str, title: str = "Backward") -> None:
        self.last_error = text
        self.say(text)
        box = QMessageBox(
            QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, self.window.dialog_parent()
        )
        box.setObjectName("backward_error_box")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
