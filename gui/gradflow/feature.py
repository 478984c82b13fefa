"""View › Gradient Flow: while a backward pass is on screen, every wire is
drawn as wide as the gradient it carries back (on a scale fitted to the
pass: linear for gradients of one size, log when they span decades) and in
its sign's colour (gui/common/grad_colors.py, as the cards), and each
group gets a strip (on its frame's tab or folded card) and a bar in the
Gradient Flow panel for how large its gradients are, so a gradient that
vanishes or explodes through a stack of tanh layers shows at a glance.

The numbers are core's (core/graph/gradient_flow.py, from the pass's own
steps, so they are the headless ``backward`` command's); the widths and
strips are view decoration the feature sets on the canvas items
(``EdgeItem.set_width``, ``set_strip``), never document state. The option is
remembered in the settings.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QDockWidget, QMainWindow

from core.explain.format import fmt, fmt_full, short
from core.graph.backward import BackwardResult
from core.graph.forward_mode import ForwardResult
from core.graph.gradient_flow import (
    LogScale,
    RunningMeans,
    WidthScale,
    carried,
    group_magnitudes,
    width_scale,
    wire_gradients,
    wire_width,
)
from core.graph.groups import GroupSet
from core.graph.model import GraphModel
from gui.common import grad_colors, settings
from gui.common.actions import make_action
from gui.common.dock_places import open_under
from gui.gradflow.panel import GradientFlowPanel, GroupRow
from gui.host import Host

#: The share of the wires drawn thinnest of all: the scale starts above them.
WIRES_BELOW = 0.05


class GradientFlow(QObject):
    """The View › Gradient Flow option of one window, and its panel."""

    def __init__(self, host: Host, parent: QObject | None = None, under: QDockWidget | None = None) -> None:
        """``under``: the panel the Gradient Flow panel opens below (Chain
        Rule: it explains the step, and a tab over it hid that)."""
        super().__init__(parent)
        self._under = under
        self.setObjectName("gradient_flow")
        self.host = host
        self.wires: dict[tuple[str, str, int], float] = {}  # what each wire carries back, shown
        self.groups: dict[str, float] = {}  # each group's mean |grad|, shown
        self.scale: WidthScale | None = None  # the wires' (linear or log, fitted to the pass)
        self._final_groups: dict[str, float] = {}  # at the end of the pass (the bars' scale)
        self._order: list = []  # the groups in the panel's order, with their depth
        self._pos: int | None = None  # the steps shown done (None: all of the pass)
        self._result: BackwardResult | None = None  # the pass the widths and bars are of
        self._means: RunningMeans | None = None  # the groups' means part of the way
        self._stripped = False  # some card or frame drawn with a strip
        w = host.dialog_parent()
        self.action = make_action(
            w,
            "gradient_flow",
            "&Gradient Flow",
            self.set_enabled,
            tip="Draw each wire as wide as the gradient it carries back (after Backward)",
            checkable=True,
        )
        view = host.menu("view")
        view.addSeparator()
        view.addAction(self.action)
        self.panel = GradientFlowPanel()
        self.dock = host.add_dock(
            "dock_gradient_flow", "Gradient F&low", self.panel, Qt.DockWidgetArea.RightDockWidgetArea
        )
        self.dock.hide()
        self._later = QTimer(self, singleShot=True, interval=0)
        self._later.timeout.connect(self.refresh)
        self._bars_later = QTimer(self, singleShot=True, interval=0)  # steps in a burst: once
        self._bars_later.timeout.connect(self._show_bars)
        self._groups_source: GroupSet | None = None
        doc = host.document
        doc.pass_changed.connect(self._later.start)
        doc.pass_moved.connect(self._moved)
        doc.replaced.connect(self._watch_groups)
        self._watch_groups()
        blocked = self.action.blockSignals(True)
        self.action.setChecked(settings.gradient_flow())
        self.action.blockSignals(blocked)
        if self.action.isChecked():
            self.dock.show()
            # once the window's layout is restored: a layout of an older
            # version had it tabbed over Chain Rule (open_under takes it out)
            QTimer.singleShot(0, self, self._out_of_tabs)
        self.refresh()

    def set_text_scale(self, scale: float) -> None:
        """Presentation Mode's text ``scale`` (1: off), told by the window: the panel's bars
        may take its legend's room too while presenting."""
        self.panel.set_presenting(scale != 1.0)

    def _open(self) -> None:
        window = self.host.dialog_parent()
        if isinstance(window, QMainWindow):
            open_under(window, self.dock, self._under, self.panel.least_height())
        else:
            self.dock.show()

    def _out_of_tabs(self) -> None:
        window = self.host.dialog_parent()
        if (
            self.enabled
            and isinstance(window, QMainWindow)
            and self._under in window.tabifiedDockWidgets(self.dock)
        ):
            self._open()

    @property
    def enabled(self) -> bool:
        return self.action.isChecked()

    def set_enabled(self, on: bool) -> None:
        """The menu's check box: draw (or stop drawing) the flow; remembered."""
        settings.set_gradient_flow(on)
        if on:
            self._open()  # under Chain Rule, not a tab over it
        else:
            self.dock.hide()
        self.refresh()

    def _watch_groups(self) -> None:
        """Folding or opening a group makes new canvas items: strips again."""
        if self._groups_source is not None:
            self._groups_source.changed.disconnect(self._groups_changed)
        self._groups_source = self.host.model.groups
        self._groups_source.changed.connect(self._groups_changed)

    def _groups_changed(self, _gid: object = None) -> None:
        self._later.start()

    # ------------------------------------------------------------ drawing
    def refresh(self) -> None:
        """Widths and strips for the pass on screen (none without one, or when off)."""
        result = self.host.document.backward_pass
        model = self.host.model
        shown = self.enabled and isinstance(result, BackwardResult) and result.root in model
        if not shown or not isinstance(result, BackwardResult):
            self._clear()
            why = (
                "Gradient Flow is off (View › Gradient Flow)."
                if not self.enabled
                else "No gradients in forward mode: it carries a tangent forward, not gradients back. "
                "Run Backward (Ctrl+B): each wire is then drawn as wide as the gradient it carries back."
                if isinstance(result, ForwardResult)
                else "Run Backward (Ctrl+B): each wire is then drawn as wide as the gradient it carries back."
            )
            self.panel.show_flow(why, None, [], len(model.groups) > 0)
            return
        # the whole pass sets the scales: a wire's width is final once its
        # step ran, and a group's bar grows towards its final length
        final = wire_gradients(result)
        self.scale = width_scale(final.values(), WIRES_BELOW)
        self._pos = pos = self.host.document.pass_position
        self.wires = final if pos is None else wire_gradients(result, pos)
        for e in self.host.scene.edge_items():
            self._width(e, self.wires.get(e.key))
        self._final_groups = group_magnitudes(model, result)
        self._order = _in_flow_order(model, result, self._final_groups)
        if result is not self._result:
            self.panel.new_pass()
        self._result, self._means = result, RunningMeans(model, result)
        self._show_bars()

    def _width(self, e, g: float | None) -> None:
        if g is None or self.scale is None:
            e.set_width(None)
        else:
            # as the cards round it, its float64 digits after (trial 50: "−0.36838332663038326")
            short = fmt(g)
            rounded = math.isfinite(g) and float(short.replace("−", "-")) != g
            note = (
                f"carries back {short}"
                + (f" (exactly {fmt_full(g)})" if rounded else "")
                + " (Gradient Flow)"
            )
            e.set_width(wire_width(self.scale, g), note, grad_colors.wire_color(g))

    def _moved(self, pos: int | None) -> None:
        """The pass on screen moved (a step, Back, a jump): the wires of the
        steps run or undone since get or lose their width, the bars follow
        (the bars once per burst of steps)."""
        result = self.host.document.backward_pass
        if self.scale is None or not isinstance(result, BackwardResult) or result is not self._result:
            return  # (a new pass: its refresh, due, reads the position)
        n = len(result.steps)
        old, new = n if self._pos is None else self._pos, n if pos is None else pos
        self._pos = pos
        lo, hi = min(old, new), max(old, new)
        sc = self.host.scene
        for st in result.steps[lo:hi]:
            for port, src in enumerate(st.inputs):
                if src is None:
                    continue
                key = (src, st.node, port)
                if new > old:
                    self.wires[key] = carried(st, port)
                else:
                    self.wires.pop(key, None)
                e = sc.edge_item(*key)
                if e is not None:
                    self._width(e, self.wires.get(key))
        self._bars_later.start()

    def _show_bars(self) -> None:
        """Each group's strip and bar for the steps shown (the whole pass's
        scale: a group no step has reached yet has an empty bar)."""
        result, means = self._result, self._means
        if self.scale is None or result is None or means is None:
            return
        model = self.host.model
        pos = self._pos
        if pos is None or pos >= len(result.steps):
            now = self._final_groups
        else:
            means.at(pos)
            now = means.means()
        gscale = LogScale.of(self._final_groups.values())
        rows = [
            GroupRow(g.id, g.label, now.get(g.id, 0.0), _bar(gscale, now.get(g.id, 0.0)), depth)
            for g, depth in self._order
        ]
        self.groups = now
        self._stripped = True
        fold = self.host.scene.folding
        for row in rows:
            strip = (row.fraction, strip_text(row.magnitude))
            for item in (fold.card(row.gid), fold.frame(row.gid)):
                if item is not None:
                    item.set_strip(strip)
        fold.far_names.strips_changed()  # (far out, the bars under the names it places)
        done = (
            "" if pos is None or pos >= len(result.steps) else f" (so far: step {pos} of {len(result.steps)})"
        )
        self.panel.show_flow(
            f"Gradients of the pass from “{model.label(result.root)}”{done}. Hover a wire for its number.",
            self.scale,
            rows,
            len(model.groups) > 0,
            _reached_rows(model, result, pos, [r.gid for r in rows]),
        )

    def _clear(self) -> None:
        if self.wires:
            for e in self.host.scene.edge_items():
                e.set_width(None)
        if self._stripped:  # (none drawn: no pass over 500 cards and frames a fold at 50,000 nodes)
            fold = self.host.scene.folding
            for card in fold.cards():
                card.set_strip(None)
            for g in self.host.model.groups:
                frame = fold.frame(g.id)
                if frame is not None:
                    frame.set_strip(None)
            fold.far_names.strips_changed()
            self._stripped = False
        self.wires, self.groups, self.scale = {}, {}, None
        self._final_groups, self._order = {}, []
        self._result = self._means = None


def strip_text(magnitude: float) -> str:
    """What a group's strip says when its folded card is hovered: its number
    and what the bar (zoomed out, the card's fill) is (a trial at 36 %: each
    card "partly filled grey from the left", which nothing explained)."""
    return (
        f"Gradient Flow: mean |grad| {short(magnitude, 3)} in this group. The bar under its name"
        " (where the name is drawn larger, its title's shading; zoomed out, the card's shading"
        " from the left) is as long as its bar in the panel's"
        " “Gradient by group” (log scale)."
    )


def _reached_rows(model: GraphModel, result: BackwardResult, pos: int | None, gids: list[str]) -> list[int]:
    """The rows (of ``gids``) of the groups the pass reached last, once
    ``pos`` steps ran: each the innermost listed group holding the last
    step's node or a node it sent gradient to (at the start, the root's)."""
    steps = result.steps
    done = len(steps) if pos is None else min(pos, len(steps))
    last = steps[done - 1] if done else None
    nodes = [result.root] if last is None else [last.node, *(n for n in last.inputs if n is not None)]
    row = {g: i for i, g in enumerate(gids)}
    gs = model.groups
    out = set()
    for n in nodes:
        g = gs.group_of(n)
        while g is not None and g not in row:  # (a group with no bar: its parent's)
            g = gs.get(g).parent
        if g is not None:
            out.add(row[g])
    return sorted(out)


def _bar(scale: LogScale, magnitude: float) -> float:
    """How full a group's bar is: its place on the log scale, the smallest
    non-zero one still a sliver (empty means no gradient at all)."""
    return 0.0 if magnitude == 0 else 0.04 + 0.96 * scale.fraction(magnitude)


def _in_flow_order(model, result: BackwardResult, mags: dict[str, float]) -> list:
    """The groups with a magnitude and their depth, inputs first: each
    level by how far its deepest node is from the leaves, then by where
    that node comes in the forward order (by its earliest node the MLP's
    loss came first: its targets are leaves), each group followed by the
    groups inside it."""
    forward = list(reversed(result.order))
    pos = {n: i for i, n in enumerate(forward)}
    level: dict[str, int] = {}
    for n in forward:  # the longest path from a leaf
        level[n] = 1 + max((level.get(i, 0) for i in model.inputs(n)), default=-1)
    gs = model.groups
    last = {
        g.id: max(((level[n], pos[n]) for n in gs.nodes_in(g.id) if n in pos), default=(-1, -1))
        for g in gs
        if g.id in mags
    }
    kids: dict[str | None, list] = {}
    for g in gs:
        if g.id in last:
            parent = next((a for a in gs.ancestors(g.id) if a in last), None)
            kids.setdefault(parent, []).append(g)
    out: list = []
    todo = [(g, 0) for g in sorted(kids.get(None, []), key=lambda g: last[g.id], reverse=True)]
    while todo:  # depth first, each level in flow order
        g, depth = todo.pop()
        out.append((g, depth))
        todo += [(k, depth + 1) for k in sorted(kids.get(g.id, []), key=lambda k: last[k.id], reverse=True)]
    return out
