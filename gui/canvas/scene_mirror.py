"""The scene's answers to the model's single edits: one card or wire made,
dropped, moved or refreshed per signal (batches: gui/canvas/scene_batches.py).

Kept apart from GraphScene so the scene module holds its lifetime and
lookups; these handlers are the mirror's per-edit half.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from itertools import compress, repeat
from math import isfinite
from operator import attrgetter, is_, is_not, ne, or_
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QGraphicsItem

from core.graph.forward import Changes
from gui.canvas import scene_build
from gui.canvas.items import EdgeItem, NodeItem
from gui.canvas.overview.block_colors import INCOMPLETE_COLOR, plain_color
from gui.canvas.scene_batches import one_repaint
from gui.canvas.scene_parts import SceneParts

#: What the wires out of a card flagged so carry (scene_build.carries of its value).
_CARRIES = {None: "ok", "incomplete": "none", "nonfinite": "nonfinite"}

if TYPE_CHECKING:
    from core.graph.sinks import SinkWatch
    from gui.canvas.pass_board import PassBoard
    from gui.canvas.wires.through_wires import ThroughWires


#: An edit changing the values of this many cards or more tells only those in
#: view (and those flagged otherwise) at once: the rest take their value when they
#: come into view or are read (NodeItem.catch_up_value; an edit may feed 36,000).
TOLD_LATER_FROM = 1000
_CARRIED, _ID, _OP = attrgetter("wire_flag"), attrgetter("node_id"), attrgetter("op")


def flag_turns(
    cards: list, value_of: Callable[[str], float | None]
) -> tuple[list, list[str], list[float | None]]:
    """The cards of ``cards`` whose flag (no value, not finite, or neither)
    differs between what their wires carry (``NodeItem.wire_flag``) and their
    node's value ``value_of`` now, with their ids and values; none when every
    flag carried is none and every new value a finite number. In C loops but
    the flags of values that are not all None (a delete's are)."""
    ids = list(map(_ID, cards))
    news = list(map(value_of, ids))
    carried = NodeItem.wire_flags(cards)
    if None not in news and all(map(isfinite, cast("list[float]", news))) and not any(carried):
        return [], [], []
    nows = [_INCOMPLETE] * len(news) if news.count(None) == len(news) else list(map(_flag, news))
    turned = list(map(ne, nows, carried))
    return list(compress(cards, turned)), list(compress(ids, turned)), list(compress(news, turned))


_INCOMPLETE = "incomplete"


def _flag(v: float | None) -> str | None:
    return _INCOMPLETE if v is None else None if isfinite(v) else "nonfinite"


def very_same(a: Mapping, b: Mapping) -> bool:
    """True if ``a`` and ``b`` hold the very same keys and values (objects,
    not equal ones), in the same order: two copies of one table between
    which nothing changed, told in C loops."""
    return len(a) == len(b) and all(map(is_, a, b)) and all(map(is_, a.values(), b.values()))


class SceneMirror(SceneParts):
    """Handlers of the model's per-edit signals, mixed into GraphScene."""

    if TYPE_CHECKING:  # GraphScene's own, used here
        _output: str | None
        _auto_output: str | None
        _auto_timer: QTimer
        sink_watch: SinkWatch | None
        through: ThroughWires
        board: PassBoard

        def node_item_moved(self, node_id: str) -> None: ...

    def _on_node_added(self, node_id: str) -> None:
        it = NodeItem(self.model, node_id)
        it.setPos(*self.model.position(node_id))
        it.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents, self._far)
        self.detail.added(node_id)
        self._nodes[node_id] = it
        self._grid.put(node_id, it.x(), it.y())
        self.shelves.put(it)  # not Qt's top level, which a new item re-sorts
        self._layer.node_changed(it)
        if self._far:
            self._layer.grow([it])

    def _on_node_removed(self, node_id: str) -> None:
        self._sel.reset()  # the card may leave the selection silently (below)
        self._interaction.node_removing(node_id)
        it = self._nodes.pop(node_id, None)
        self._grid.remove(node_id)
        self._wide.discard(node_id)
        self._layer.node_gone(node_id)
        if it is not None:
            if it.isSelected():
                # One selectionChanged for a whole batch of removals, not one
                # each (Qt would emit it from removeItem).
                self.blockSignals(True)
                try:
                    it.setSelected(False)
                    self.removeItem(it)
                finally:
                    self.blockSignals(False)
                self._selection_signal_later()
            else:
                self.removeItem(it)

    def _add_edge_item(self, s: str, t: str, p: int, new: EdgeItem | None = None) -> EdgeItem:
        """Show the wire s→t[p] with item ``new``, else a pooled one."""
        e = new if new is not None else self._pool.take(s, t, p)
        # first into the top level's wire box (so into the scene): far out it
        # is hidden with the box, and a hidden wire makes its curve when shown
        self.detail.home_wire(e, None)
        self.detail.rerouted(((s, t, p),))
        e.set_ends(*self.wire_ends(s, t, p))
        kind = scene_build.carries(self.model.value(s))
        if kind != "ok":
            e.set_carries(kind)
        self._edges[(s, t, p)] = e
        self.folding.wire_added(e)  # into its group's box
        self._layer.wire_changed(e)
        return e

    def _on_edge_added(self, s: str, t: str, p: int) -> None:
        self._add_edge_item(s, t, p)
        self._nodes[t].update()

    def _on_edge_removed(self, s: str, t: str, p: int) -> None:
        e = self._edges.pop((s, t, p), None)
        self.folding.wires_removed([(s, t, p)])
        self.detail.forget((s, t, p))
        if e is not None:
            self._pool.give(e)  # hidden and kept: removing it would re-sort every item
        if t in self._nodes:
            self._nodes[t].update()
        self._layer.wire_gone((s, t, p))

    def _on_node_changed(self, node_id: str, attr: str) -> None:
        it = self._nodes.get(node_id)
        if it is not None:
            it.refresh()
            if attr == "op":  # another operation in place: its ports, so its wires' ends
                self.node_item_moved(node_id)

    def _on_node_moved(self, node_id: str, x: float, y: float) -> None:
        it = self._nodes.get(node_id)
        if it is not None and (it.x() != x or it.y() != y):
            it.setPos(x, y)
            self.node_item_moved(node_id)

    @one_repaint  # the overview repainted once for all the cards whose value changed
    def _on_values_changed(self, ids) -> None:
        m = self.model
        # whose flag turned, as the model's forward pass tells it (else asked of the cards)
        turned = ids.turned if isinstance(ids, Changes) else None
        if self._shown_whole:  # the very graph back (whole_graph.py): each card shows its value
            self._shown_whole = False
            return
        # many: every value at once (the model's table, read here, not copied), not asked one by one
        values = m.value_table() if len(ids) > 1000 else None
        fresh, self._fresh = self._fresh, None
        if fresh is not None and values is not None:  # the cards just read these: those still so pass
            ids = list(ids)  # (each step below a C loop over them: the whole graph put back names 50,000)
            if very_same(values, fresh):  # (the usual: no id looked up in ``fresh``)
                nones = any(map(is_, values.values(), repeat(None)))  # (else none has a reason to show)
                keep = map(is_, map(values.get, ids), repeat(None)) if nones else iter(())
            else:
                now = list(map(values.get, ids))
                keep = map(or_, map(is_not, now, map(fresh.get, ids)), map(is_, now, repeat(None)))
            ids = list(compress(ids, keep))  # v is not was or v is None
        # each card told its node's value unless a batch's cards read it
        # (scene_batches.py); those flagged otherwise now are noted (else their
        # wires carry what they did, their blocks keep their colour)
        card_of, value_of, reason = self._nodes.get, m.value_table().get, m.reason
        if len(ids) < TOLD_LATER_FROM:
            flagged = [
                it for it in filter(None, map(card_of, ids)) if it.take_value(value_of(it.node_id), reason)
            ]
            named = list(map(_ID, flagged))
            turns = (flagged, named, list(map(value_of, named)))
        else:  # many: told now those in view and those flagged otherwise now, the rest as they come into view
            self.board.values_retold()
            # those whose flag turned (of those the model names, if it does): their wires and blocks
            # told, not the cards out of view (24,500 a delete leaves without a value take it in view)
            turns = flag_turns(list(filter(None, map(card_of, ids if turned is None else turned))), value_of)
            seen = self.detail.in_view()
            if seen:
                changed = ids if isinstance(ids, set) else set(ids)
                for card in filter(None, map(card_of, seen)):
                    if card.node_id in changed:
                        card.take_value(value_of(card.node_id), reason)
        if turns[0]:
            self._reflagged(*turns)

    def _reflagged(self, cards: list, ids: list[str], news: list[float | None]) -> None:
        """The cards ``cards``, whose node's value (``news``) is flagged
        otherwise now (no value, not finite, or neither any more): their
        wires carry that, their blocks take its colour, both read from the
        values in dict steps (a delete leaves 24,000 without a value), no
        card asked again; those out of view take their value as they come
        into view (``NodeItem.carry_flag``). ``ids`` and ``news``: their
        nodes and values, as ``flag_turns`` read them (not read again)."""
        flags: list[str | None]
        colors: Iterable[int]
        if news.count(None) == len(news):  # (a delete's: none has a value, known in C loops)
            flags, colors = [_INCOMPLETE] * len(news), repeat(INCOMPLETE_COLOR)
        else:
            flags, colors = list(map(_flag, news)), map(plain_color, map(_OP, cards), news)
        NodeItem.carry_flags(cards, flags)
        self._rewired_kinds(dict(zip(ids, map(_CARRIES.__getitem__, flags))))
        self._layer.recoloured(dict(zip(ids, colors)), self._nodes.get)

    def _rewired_kinds(self, kinds: dict[str, str]) -> None:
        """The wires out of ``kinds``'s nodes carry what it says ("ok", "none", "nonfinite")."""
        m, edges = self.model, self._edges
        if len(kinds) < 100:
            for n, kind in kinds.items():
                for t, p in m.consumers(n):
                    e = edges.made((n, t, p))  # a wire without an item takes its colour when made
                    if e is not None:
                        e.set_carries(kind)
                    else:  # or drawn by the layer of wires passing through (through_wires.py), or a cell
                        self.through.forget(((n, t, p),))
                        edges.unghost(((n, t, p),))
        else:
            edges.unghost(sources=kinds.keys())
            for key, e in list(edges.made_map().items()):
                if (got := kinds.get(key[0])) is not None:
                    e.set_carries(got)
            self.through.forget_from(kinds.keys())

    def _on_output_changed(self, node_id) -> None:
        # only the old and the new output's cards change (no pass over all)
        old, self._output = self._output, node_id
        for n in {old, node_id} - {None}:
            it = self._nodes.get(n)
            if it is not None:
                it.set_output_flag(n == node_id)
                self._layer.node_changed(it)
        self._update_auto_output()

    def _auto_output_later(self) -> None:
        """Wires or nodes changed: the single sink may be another node now
        (once per batch of edits: finding it reads every node)."""
        self._fresh, self._shown_whole = None, False  # (the batch is over)
        self._auto_timer.start()

    def _update_auto_output(self) -> None:
        """Badge the node Backward would start from when no output is set:
        the graph's one end node (none when there are several)."""
        m = self.model
        auto = None
        if m.output is None or m.output not in m:
            watch = self.sink_watch  # kept as the graph is edited: no pass over every node
            auto = watch.only() if watch is not None else None
        old = self._nodes.get(self._auto_output) if self._auto_output is not None else None
        if old is not None and self._auto_output != auto:
            old.set_auto_output(False)
        self._auto_output = auto
        if auto is not None and auto in self._nodes:
            self._nodes[auto].set_auto_output(True)
