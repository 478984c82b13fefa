"""Backward › Forward Mode…, Compare Forward and Reverse, Build Gradient Graph.

Forward mode is shown by the Backward controller itself: its pass becomes a
:class:`~core.explain.forward_replay.ForwardReplay`, which the same animator,
canvas painter, Order list and Chain Rule panel show, so Play, Step, Back,
Restart, Skip and the speed work as they do for Backward.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget

from core.explain.forward_replay import ForwardReplay
from core.explain.names import listed_names, node_name, shown_label
from core.explain.node_formula import empty_input, refusal_text
from core.files import program
from core.graph.errors import GraphError
from core.graph.forward_mode import forward_mode
from core.graph.gradient_graph import GradientGraph, also_of, gradient_graph
from core.graph.hessian import hessian, leaf_ids
from core.graph.mode_cost import compare_modes
from core.graph.topology import reachable
from core.learn.training import is_trainable
from gui.backward.comparison_panel import ComparisonPanel
from gui.backward.hessian_panel import AUTO_LEAVES, MAX_LEAVES, HessianPanel
from gui.backward.status_text import focus_node
from gui.canvas.clear_of_cards import ask_item
from gui.canvas.readable_view import show_names
from gui.common.actions import make_action
from gui.common.dock_places import WhenTaller, grow_for, open_below, shrink_to

#: The comparison dock's height when it first opens (its table shows a few rows).
MIN_HEIGHT = 230
#: Leaves × nodes above which a pass per leaf would keep the window busy too long.
MAX_WORK = 2_000_000
#: A Hessian table of at most AUTO_LEAVES leaves (hessian_panel.py) and this much work is computed
#: again by itself after an edit; a larger one says it is out of date and waits for Compute.
AUTO_WORK = 40_000
#: How long an edit must be the last (ms) before the table follows it: a run of edits (a value
#: typed key by key, a drag) computes once, after it.
SETTLE_MS = 250


class ForwardMode(QObject):
    """The forward-mode and second-order actions of one window.

    ``ctl`` is the window's BackwardController (typed loosely: it imports
    this module)."""

    def __init__(self, ctl: Any) -> None:
        super().__init__(ctl)
        self.ctl = ctl
        w = self.window = ctl.window
        self.action_forward = make_action(
            w,
            "forward_mode",
            "Forward &Mode…",
            self.run_forward,
            shortcut="Shift+F5",
            tip="Pick a leaf (the selected one, or the one the pass's ring is on) and watch "
            "d(node)/d(leaf) flow forward through the graph, with the same controls as Backward",
        )
        self.action_compare = make_action(
            w,
            "compare_modes",
            "Compare Forward and Re&verse",
            self.compare,
            tip="Count the passes and wire visits each mode needs for every gradient, "
            "and check that both give the same numbers",
        )
        self.action_gradient_graph = make_action(
            w,
            "gradient_graph",
            "Build &Gradient Graph",
            self.build_gradient_graph,
            tip="Open, as a new graph, the computation of every gradient as ordinary nodes: "
            "Backward from a.grad gives a row of the Hessian",
        )
        self.action_hessian = make_action(
            w,
            "hessian",
            "Show Hess&ian",
            self.show_hessian,
            tip="The root's second derivatives as a coloured table, beside its gradient "
            "(reverse over reverse, as PyTorch's double backward)",
        )
        self.hessian_panel = HessianPanel()
        self.hessian_panel.setObjectName("hessian_panel")
        self.hessian_panel.run_requested.connect(self.show_hessian)
        self.hessian_dock = w.add_dock(
            "dock_hessian", "Hessian", self.hessian_panel, Qt.DockWidgetArea.BottomDockWidgetArea, result=True
        )
        self.hessian_dock.hide()
        # the root the table is of while it follows the edits (None: it does not, or shows none)
        self._hessian_root: str | None = None
        # it is the graph's automatic output (no output set, its one end): the table goes with it as
        # the graph is built (t65 #3: wired by hand, the end moved and the table stayed out of date)
        self._hessian_auto = False
        self._settle = QTimer(self, singleShot=True, interval=SETTLE_MS)
        self._settle.timeout.connect(self._hessian_again)
        w.document.graph_changed.connect(self._hessian_changed)
        w.document.replaced.connect(self._hessian_replaced)
        self.panel = ComparisonPanel()
        self.panel.setObjectName("comparison_panel")
        self.panel.run_requested.connect(self.compare)
        self.panel.forward_requested.connect(lambda leaf: self.run_forward(leaf))
        self.dock = w.add_dock(
            "dock_compare",
            "Forwar&d vs Reverse",
            self.panel,
            Qt.DockWidgetArea.BottomDockWidgetArea,
            result=True,
        )
        self.dock.hide()  # a wide table under the canvas, shown when asked for
        # (Presentation Mode's larger text, the panels open: their words and rows whole again)
        self.panel.shape.room_wanted.connect(lambda: QTimer.singleShot(0, self, self._grow_comparison))
        self.hessian_panel.shape.room_wanted.connect(lambda: QTimer.singleShot(0, self, self._grow_hessian))
        for shape in (self.panel.shape, self.hessian_panel.shape):  # Esc there: the keys to the canvas
            shape.escaped.connect(lambda: w.view.setFocus(Qt.FocusReason.ShortcutFocusReason))
        # the tab brought to the front grows for its own rows (t65 #1: the row kept the height of the
        # other tab's, Forward vs Reverse's last leaf behind a scroll bar)
        for dock, grow in ((self.dock, self._grow_comparison), (self.hessian_dock, self._grow_hessian)):
            dock.visibilityChanged.connect(lambda seen, grow=grow: seen and QTimer.singleShot(0, self, grow))
            WhenTaller(w.view.viewport(), grow, self, w)  # (room back from a banner gone: rows back)
        w.document.graph_changed.connect(self.panel.mark_out_of_date)
        w.document.replaced.connect(self.panel.show_hint)
        for changed in (w.document.graph_changed, w.document.replaced):
            changed.connect(self._name_compared_root)

    def menu_actions(self) -> list[QAction]:
        return [self.action_forward, self.action_compare, self.action_gradient_graph, self.action_hessian]

    # ------------------------------------------------------------ forward mode
    def choose_leaf(self) -> str | None:
        """The selected leaf, else the only leaf, else (nothing selected) the
        parameter the pass on screen rings, else ask which. (A trial finished
        Backward on a leaf, its ring round it, and was still asked "which
        leaf?": the ringed card is the one the eye is on, as if selected.)"""
        m = self.ctl.model
        leaves = [n for n in m.topological_order() if m.op(n) == "leaf"]
        if not leaves:
            self.ctl.say("Forward mode starts from a leaf: add a Value first.")
            return None
        selected = self.ctl.scene.selected_ids()
        sel = [n for n in selected if m.op(n) == "leaf"]
        if len(sel) == 1:
            return sel[0]
        if len(leaves) == 1:
            return leaves[0]
        ringed = self._ringed_node() if not selected else None
        if ringed is not None and m.op(ringed) == "leaf" and is_trainable(m, ringed):
            return ringed  # (a parameter; a data input ringed, the question: t68 #8 wanted a weight)
        # a leaf whose pass would reach an empty input is not offered, and the question says why;
        # none left: refused at once (trial 58: asked which leaf, then refused)
        empty, stuck = _empty_ports(m)
        offered = [n for n in leaves if n not in stuck]
        if not offered:  # (not "from a", a leaf no one picked: verify 58)
            self.ctl.report_error(
                f"Forward mode cannot start from any leaf: each reaches a node with no value ({empty}). "
                "Wire a node into it.",
                "Forward Mode",
            )
            return None
        name = dict(zip(leaves, listed_names(m.label, m.groups, leaves)))
        shown = [name[n] for n in offered]
        left = [name[n] for n in leaves if n in stuck]
        if len(left) > 4:
            left[3:] = [f"and {len(left) - 3} more"]
        why = (
            f"\n\nNot offered, as forward mode from them reaches a node with no value ({empty}): "
            f"{', '.join(left)}."
            if left
            else ""
        )
        choice = ask_item(  # (clear of the cards it asks about: t68 #9, centred it hid a, e and d)
            self.window.dialog_parent(),
            self.window.view,
            "Forward mode with respect to which leaf?",
            "Forward mode carries d(node)/d(leaf) from one leaf to everything that depends on it.\n"
            "Which leaf? (Select a leaf first to skip this question.)" + why,
            shown,
            # a parameter first (the lecture's neuron offered x1, a data input: trial 58, w1 is wanted)
            next((i for i, n in enumerate(offered) if is_trainable(m, n)), 0),
            "forward_leaf_question",
        )
        return offered[shown.index(choice)] if choice is not None else None

    def _ringed_node(self) -> str | None:
        """The node the ring of the pass on screen is round (the current
        step's, the root's at the start), None when no pass shows."""
        rp, a = self.ctl.replay, self.ctl.animator
        if rp is None or not a.active:
            return None
        node = focus_node(rp, a.pos)  # (the node replay_canvas rings, at every position)
        return node if node in self.ctl.model else None

    def run_forward(self, leaf: str | None = None, play: bool | None = None) -> bool:
        """Compute forward mode from ``leaf`` (or the chosen one) and show it."""
        why = self.ctl.refusal()
        if why:
            self.ctl.say(why)
            return False
        self.ctl.animator.pause()
        leaf = leaf or self.choose_leaf()
        if leaf is None:
            return False
        m = self.ctl.model
        try:
            result = forward_mode(m, leaf)
        except GraphError as e:
            self.ctl.report_error(refusal_text(m, e, "Cannot run forward mode from", leaf), "Forward Mode")
            return False
        replay = ForwardReplay.of(result, m)
        scene = self.ctl.scene
        if scene.selected_ids() != [leaf]:  # the leaf picked is the one selected: the status bar,
            # Properties and the ring agree (a trial: "f selected · …" while x was the step shown);
            # a leaf folded into a group's card: nothing selected (no card of its own to mark)
            card = scene.node_item(leaf)
            scene.select_ids([leaf] if card is not None and card.isVisible() else [])
        self.ctl.show_pass(replay, result, [result.tangents[n] for n in result.order], play)
        if self.dock.isVisible() and self.panel.result is None:
            self.compare()  # the comparison on screen follows the graph
        return True

    # ------------------------------------------------------------ comparison
    def compare(self) -> bool:
        m = self.ctl.model
        root: str | None = None
        try:
            root = m.resolve_root(self._selected_root())
            past = m.past(root)
            leaves = sum(1 for n in past if m.op(n) == "leaf")
            if leaves * len(past) > MAX_WORK:
                self.panel.show_hint(
                    f"{m.label(root)} depends on {leaves} leaves through {len(past)} nodes: forward mode "
                    f"would need {leaves} passes over the graph, about {leaves * len(past):,} node visits, "
                    f"against one pass ({len(past):,} visits) for reverse mode. That is the point — "
                    "and too long to run here; try a smaller graph."
                )
                self._show_dock()
                return False
            c = compare_modes(m, root)
        except GraphError as e:
            # an empty input in the words Show Hessian and Build Gradient Graph use (trial 65 #6:
            # "node 'L' (add) has nothing connected to input port 1 (in₂)", the engine's, 0-based)
            cannot = "Cannot compare forward and reverse mode for"
            self.panel.show_hint(f"Cannot compare: {e}" if root is None else refusal_text(m, e, cannot, root))
            self._show_dock()
            return False
        self.panel.show_result(c, m.label)
        self.panel.mark_current()
        self._show_dock()
        return True

    def _name_compared_root(self) -> None:
        """The empty comparison's columns name the root Compare would take now (the output, else the
        one end), else "root"."""
        if self.panel.table.rowCount():  # (a table out of date keeps the root of its rows)
            return
        m = self.ctl.model
        try:
            root: str | None = m.resolve_root()
        except GraphError:
            root = None
        self.panel.name_root(None if root is None else m.label(root))

    def _selected_root(self) -> str | None:
        """With no output and several end nodes, a selected node is the root."""
        m = self.ctl.model
        if m.output is not None or len(m.sinks()) == 1:
            return None
        sel = self.ctl.scene.selected_ids()
        return sel[0] if len(sel) == 1 else None

    def _show_dock(self, dock: QDockWidget | None = None) -> None:
        dock = dock or self.dock
        open_below(dock, MIN_HEIGHT)  # (under the canvas: one row of tabs)
        # its words and rows whole once laid out (trial 60: the comparison's punch line cut), where the
        # window has the room (a trial: 6 of 8 rows shown, the rest a scroll away), not at the cost of
        # the graph above, whole before (a trial: the MLP's 57 rows took the canvas down to where the
        # refit stops at readable cards, the graph cut at the top and the bottom)
        QTimer.singleShot(0, self._grow_hessian if dock is self.hessian_dock else self._grow_comparison)

    # ------------------------------------------------------------ second order
    def show_hessian(self) -> bool:
        """Compute the root's Hessian and show it in its dock."""
        root = self.ctl.choose_root()
        if root is None:
            return False
        self._settle.stop()
        self._hessian_root = None
        m = self.ctl.model
        past = m.past(root)  # (the table holds the leaves the root depends on: a review)
        leaves = [n for n in leaf_ids(m) if n in past]  # (in the file's order, as the CLI's)
        if len(leaves) > MAX_LEAVES or len(leaves) * len(past) > MAX_WORK:
            self.hessian_panel.show_hint(
                f"{len(leaves)} leaves make a {len(leaves)}×{len(leaves)} table, a backward pass "
                "for each row: too much to compute and read here. "
                f"{program.command()} hessian FILE --json computes it."
            )
            self._show_dock(self.hessian_dock)
            return False
        if not self._tabulate(root, leaves, _follows(leaves, past)):
            self._show_dock(self.hessian_dock)
            return False
        self._show_dock(self.hessian_dock)
        return True

    def _tabulate(self, root: str, leaves: list[str], follows: bool) -> bool:
        """The table of ``root``'s Hessian over ``leaves``, or why there is none; ``follows``: it is
        computed again after each edit (a refusal too: the edit that mends it brings the table back)."""
        m = self.ctl.model
        self._hessian_root = root if follows else None
        self._hessian_auto = follows and m.output is None and m.sinks() == [root]
        try:
            r = hessian(m, root, leaves)  # (the table's: not the file's every leaf, squared)
        except GraphError as e:
            self.hessian_panel.show_hint(refusal_text(m, e, "Cannot compute the Hessian of", root))
            return False
        self.hessian_panel.show_result(
            r,
            m.label,
            constant=lambda n: not is_trainable(m, n),
            every_leaf=leaf_ids(m),
            follows=follows,
            name=lambda n: shown_label(m, n),  # (a constant by where it is used, as the Order list)
        )
        return True

    def _hessian_changed(self) -> None:
        """An edit: a table that follows the edits is computed again once they settle, as is the
        open panel's first one where it shows none yet; any other is out of date (Compute makes it anew)."""
        shown = self.hessian_dock.isVisible()
        if shown and (self._hessian_root is not None or self.hessian_panel.empty()):
            self._settle.start()  # (again at each edit of a run: computed once, after its last)
        else:
            self._hessian_forget(hint=False)

    def _hessian_replaced(self) -> None:
        """Another graph (New, Open, an example): the open panel's table goes, the panel as low as
        its words (t62: its 30 % kept, empty, over the vanishing example), and the new graph's comes
        by itself where it is small (as after an edit)."""
        self._hessian_forget()
        if self.hessian_dock.isVisible():
            QTimer.singleShot(0, self, self._shrink_hessian)  # (after a growth asked for, not laid out yet)
            self._settle.start()

    def _shrink_hessian(self) -> None:
        if self.hessian_panel.empty():
            shrink_to(self.hessian_dock, self.hessian_panel.shape.need())

    def _hessian_first(self) -> None:
        """The open panel that shows no table: the table of the root Backward would start from, where
        it has at most AUTO_LEAVES leaves, followed after each edit; else its hint stays (t62: after
        File › New and a formula typed the panel stayed empty till Compute)."""
        m = self.ctl.model
        if not self.hessian_dock.isVisible() or not self.hessian_panel.empty() or not len(m):
            return
        try:
            root = m.resolve_root()
        except GraphError:  # (no end yet, or two: Backward would ask which)
            return
        past = m.past(root)
        leaves = [n for n in leaf_ids(m) if n in past]
        if not leaves or not _follows(leaves, past):
            return
        if self._tabulate(root, leaves, True):
            self._show_dock(self.hessian_dock)
        else:  # (a graph still being built: its hint, not why it has no Hessian yet)
            self._hessian_forget()

    def _hessian_forget(self, hint: bool = True) -> None:
        self._settle.stop()
        self._hessian_root = None
        if hint:
            self.hessian_panel.show_hint()
        else:
            self.hessian_panel.mark_out_of_date()

    def _hessian_again(self) -> None:
        """The followed table computed for the graph as it is now, while its root is still the
        one Backward would start from and its leaves still few; else out of date, as a large one.
        A table of the automatic output goes with it to the graph's new end (a Multiply wired
        after its leaves), and waits, out of date, while the graph has two (Backward would ask
        which); an output the user set and then changed leaves it out of date."""
        root, m = self._hessian_root, self.ctl.model
        if root is None:
            self._hessian_first()
            return
        if self._hessian_auto and m.output is None:
            ends = m.sinks()
            if not ends:  # (every node deleted: the hint, and the next graph's table by itself)
                self._hessian_forget()
                return
            if len(ends) > 1:  # (out of date till the graph has one end again)
                self.hessian_panel.mark_out_of_date()
                return
            root = ends[0]
        elif root not in m or m.output not in (None, root):
            self._hessian_forget(hint=False)
            return
        elif m.output is None and m.sinks() != [root]:  # (a second end: Backward would ask which)
            self._hessian_forget(hint=False)
            return
        past = m.past(root)
        leaves = [n for n in leaf_ids(m) if n in past]
        if not _follows(leaves, past):
            self._hessian_forget(hint=False)
            return
        if self._tabulate(root, leaves, True):
            QTimer.singleShot(0, self, self._grow_hessian)  # (rows it gained: shown, where there is room)

    def _grow_hessian(self) -> None:
        spare = self.window.view.spare_height(whole_cards=True)  # (the graph whole, its cards whole)
        grow_for(self.hessian_dock, self.hessian_panel.height_missing(), spare)

    def _grow_comparison(self) -> None:
        grow_for(self.dock, self.panel.height_missing(), self.window.view.spare_height(whole_cards=True))

    def build_gradient_graph(self) -> bool:
        """Open the gradient computation as a graph of its own."""
        root = self.ctl.choose_root()
        if root is None:
            return False
        m = self.ctl.model
        try:
            g = gradient_graph(m, root)
        except GraphError as e:
            self.ctl.report_error(
                refusal_text(m, e, "Cannot build the gradient graph of", root), "Gradient Graph"
            )
            return False
        name = f"gradients of {m.label(root)}"
        if not self.window.open_model(g.model, name, made=True):
            return False
        # after the opened graph's fit (queued): its gradients' names whole where Fit's zoom cut them
        made, view = [n for n in g.model.nodes() if n not in m], self.window.view
        QTimer.singleShot(0, view, lambda: view.graph_scene().model is g.model and show_names(view, made))
        out = g.model.output
        if out is not None:
            said = f"Each gradient is a node now; {g.model.label(out)} is the output: Backward (Ctrl+B) "
            said += "gives a row of the Hessian."
            note = _shared_note(g, m)
            short = _shared_note(g, m, short=True)  # (an MLP's, with two names, was cut)
            if not self.window.status_fits(said + note) and self.window.status_fits(said + short):
                note = short  # (where neither fits, the whole one: its tooltip shows it)
            self.ctl.say(said + note)
        return True


def _shared_note(g: GradientGraph, m: Any, short: bool = False) -> str:
    """Which card is also another node's gradient (an add passes its gradient
    on unchanged: the blog's d.grad is e.grad and c.grad too), the first of
    them, so a learner looking for c.grad finds it (``short``: one name, no
    count of the others)."""
    shared = [(gid, also) for gid in dict.fromkeys(g.grads.values()) if (also := also_of(g, gid))]
    if not shared:
        return ""
    gid, also = shared[0]
    more = f", and {len(shared) - 1} more such" if len(shared) > 1 and not short else ""
    leaves_first = sorted(also, key=lambda n: m.op(n) != "leaf")  # (the leaves' gradients are looked for)
    names = " and ".join(f"{node_name(m.label(n))}.grad" for n in leaves_first[: 1 if short else 2])
    return f" {g.model.label(gid)} is also {names} (an add passes it on unchanged{more})."


def _empty_ports(m: Any) -> tuple[str, set[str]]:
    """The first empty input port, in the canvas's words ("L (Multiply) has an
    empty input in₂ (L = d × in₂)"), and the nodes forward mode cannot start
    from: those whose tangents reach a node without a value (one behind an
    empty port), whose value the pass reads (review 58: a side input's past
    counts too); two linear walks, whatever the number of empty ports."""
    table = m.input_table()
    empty = [n for n, ins in table.items() if None in ins]
    if not empty:
        return "", set()
    first = empty[0]
    said = empty_input(m, first, list(table[first]).index(None))
    return said, reachable(table, m.downstream(empty))


def _follows(leaves: list[str], past: Any) -> bool:
    """Whether a Hessian table of ``leaves`` (the root's ``past`` the nodes it reads) is cheap enough
    to compute again after every edit."""
    return len(leaves) <= AUTO_LEAVES and len(leaves) * len(past) <= AUTO_WORK
