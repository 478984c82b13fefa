"""What the Backward controller (gui/backward/animation.py, which derives
from this) does as its pass moves: each step drawn with the banner, the
Order list and the camera following it; the actions enabled for where the
pass stands; the pass cleared when the graph changes, shown again when a
group folds or opens."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import QSlider, QToolBar

from core.explain.forward_replay import AnyReplay
from core.explain.names import SentenceNames
from core.explain.replay import Replay
from core.graph.backward import BackwardResult
from core.graph.forward_mode import ForwardResult
from gui.backward.pass_rerun import cleared_text
from gui.backward.status_text import banner_text, short_status
from gui.common import grad_colors, resources

if TYPE_CHECKING:
    from core.graph.model import GraphModel
    from gui.backward.animator import Animator
    from gui.backward.chain_focus import ChainFocus
    from gui.backward.chain_panel import ChainPanel
    from gui.backward.grad_legend import GradLegend
    from gui.backward.narration import Narration
    from gui.backward.order_panel import OrderPanel
    from gui.backward.order_tab import OrderTab
    from gui.backward.pass_rerun import PassRerun
    from gui.backward.replay_canvas import ReplayCanvas
    from gui.backward.speed_box import StepCounter
    from gui.canvas.scene import GraphScene
    from gui.host import Host


class PassEvents(QObject):
    """The Backward controller's answers to its animator and its document;
    the controller builds the parts declared here."""

    # made by gui/backward/controls.py
    action_backward: QAction
    action_play: QAction
    action_step: QAction
    action_step_back: QAction
    action_restart: QAction
    action_skip_end: QAction
    action_faster: QAction
    action_slower: QAction
    action_clear: QAction
    action_autoplay: QAction
    action_follow: QAction
    toolbar: QToolBar
    speed_slider: QSlider
    step_label: StepCounter

    window: Host
    animator: Animator
    replay: AnyReplay | None
    canvas: ReplayCanvas
    narration: Narration
    order_panel: OrderPanel
    legend: GradLegend
    chain: ChainFocus
    chain_panel: ChainPanel
    tabs: OrderTab
    rerun: PassRerun
    _quiet: bool
    _placed: bool  # the camera placed the step shown (the follow on, not a live view's quiet end)
    _folded: set[str]

    if TYPE_CHECKING:

        @property
        def model(self) -> GraphModel: ...
        @property
        def scene(self) -> GraphScene: ...
        def _raise_order(self) -> None: ...
        def say(self, text: str, joined: str | None = None) -> None: ...

    # ================================================================ drawing
    def _clear_items(self) -> None:
        self.canvas.clear(self.scene, self.model)

    def _on_position(self, pos: int, old: int) -> None:
        rp = self.replay
        if rp is None:
            return
        self.window.document.set_pass_position(pos)  # (Gradient Flow follows the steps shown)
        self.canvas.set_zoom(self.window.view.zoom)
        self.canvas.draw(rp, self.scene, self.model, pos, old)
        if pos == 1 and old == 0:  # the first step: the Order list follows it
            self._raise_order()
        self.order_panel.set_pos(pos, short_status(rp, pos, rp.plain))  # names as the banner's ("x*y passes")
        self.step_label.setText(f"step {pos} / {rp.last}" if pos else f"start / {rp.last}")
        self.step_label.fit_last(rp.last)  # (as wide as the pass's last step needs, at once)
        self.chain.moved(pos)  # the step's node again, even after a card was clicked
        self.narration.say(self.status_text(pos))
        self.rerun.moved(pos)  # (a rerun's "still at step 10" goes stale)
        # the step placed by the camera (not a live view's pass shown at its end: show_finished)
        self._placed = self.action_follow.isChecked() and not self._quiet
        if self._placed:
            # the banner sits above the viewport (gui/backward/narration.py): no margin for it
            self.canvas.follow(rp, self.scene, self.window.view, pos, zoom_in=old < 0)
        self._update_actions()

    def current_folded_card(self) -> str | None:
        """The folded group the pass's current step runs in (None when no
        pass shows, or its step is on an open card): what Ctrl+] opens when
        no card is selected, as the banner says."""
        a = self.animator
        if a.active and a.pos == 0 and self.replay is not None:  # the start: the root's card
            return a.folded_into(self.replay.root)
        run = a.folded_run(a.pos) if a.active and a.pos else None
        return None if run is None else run[0]

    def status_text(self, pos: int) -> str:
        """One sentence about what the canvas shows at ``pos``."""
        return banner_text(self.replay, self.animator, self.model.groups, pos)

    # ================================================================ events
    def _on_finished(self) -> None:
        self._update_actions()

    def _on_playing(self, playing: bool) -> None:
        a = self.action_play
        a.setText("&Pause" if playing else "&Play")
        a.setIconText("Pause" if playing else "Play")
        a.setIcon(_icon("bw_pause" if playing else "bw_play"))
        self._update_actions()

    def _on_pass_changed(self, result: BackwardResult | ForwardResult | None) -> None:
        """Someone else (a learning tool, a new document) ended the pass."""
        if result is None and self.animator.active:
            self.animator.clear()

    def _on_cleared(self) -> None:
        self._placed = False
        self.window.document.set_pass(None)
        self.replay = None
        self._clear_items()
        self.order_panel.set_replay(None)
        self.step_label.setText("")
        self.narration.say(None)
        grad_colors.set_scale(None)
        self.legend.set_kind("gradient")
        self.legend.refresh()
        self.chain.show(self.chain.selected_node())
        self.tabs.pass_ended()
        self._update_actions()

    def _on_groups_changed(self) -> None:
        """A card folded or opened mid-pass (Ctrl+] on the banner's card): once
        the canvas has caught up, the banner says what is shown now and the
        view shows the current step again (it stayed on the card's place)."""
        if isinstance(self.replay, Replay) and isinstance(self.replay.named, SentenceNames):
            self.replay.named.forget()  # (a group renamed: a node's rename clears the pass)
        gs = self.model.groups
        now = {g.id for g in gs if g.collapsed}
        opened, self._folded = {g for g in self._folded - now if g in gs}, now
        tops = [g for g in opened if opened.isdisjoint(gs.ancestors(g))]
        if self.replay is not None:
            # a feature that opened them for its own view (Find) keeps it
            follow = not self.window.document.view_placed
            QTimer.singleShot(0, self, partial(self._show_again, follow, tops[0] if len(tops) == 1 else None))

    def _show_again(self, follow: bool = True, opened: str | None = None) -> None:
        """(``opened``: the one group just opened, whose frame the view goes over with the step)"""
        rp, pos = self.replay, self.animator.pos
        if rp is None or not self.animator.active:
            return
        self.narration.say(self.status_text(pos))
        self.order_panel.set_pos(pos)  # its rows mark the groups folded now (▸)
        self.scene.folding.settle()  # the folded cards where their nodes are now (Collapse All moved them)
        # (the pass done, what the user opened is what they want to see, not its last leaf: a trial)
        if self.action_follow.isChecked() and not self._quiet and follow and pos < rp.last:
            self.canvas.follow(
                rp, self.scene, self.window.view, pos, zoom_in=False, recentre=True, opened=opened
            )
        self.canvas.regrouped(rp, self.scene, pos)  # (after following: the notes in view)

    def _on_graph_changed(self) -> None:
        """Any edit makes the shown gradients stale: stop and clear them."""
        if self.animator.active and not self.rerun.keeps():  # (numbers only: the pass stays, run again)
            said, joined = cleared_text(self.replay)
            self.animator.clear()
            self.say(said, joined=joined)
        elif self.chain_panel.node is not None:
            # keep the chain panel's value lines current, once the edit is done
            self.chain.refresh_soon()
        self._update_actions()

    def _refollow(self) -> None:
        """The step again, for captions its camera's zoom grew."""
        if self.replay is not None and self.action_follow.isChecked():
            self.canvas.follow(self.replay, self.scene, self.window.view, self.animator.pos, zoom_in=False)

    def _resized(self) -> None:
        """The window's new size rested (resize_follow.py): the step the camera placed, placed
        again as at a fresh step (t73 #1: the cards it sends to stayed cut at the edge)."""
        if self.animator.active and self._placed and self.action_follow.isChecked():
            self._refollow()

    def _update_actions(self) -> None:
        a = self.animator
        active = a.active
        self.action_play.setEnabled(active or len(self.model) > 0)
        self.action_step.setEnabled(active and not a.at_end)
        self.action_step_back.setEnabled(active and a.pos > 0)
        self.action_restart.setEnabled(active and a.pos > 0)
        self.action_skip_end.setEnabled(active and not a.at_end)
        self.action_clear.setEnabled(active)


def _icon(name: str) -> QIcon:
    return resources.icon(name)
