"""The graph's sinks, kept as it is edited, for "the one end node" questions.

With no output set, Backward starts from the graph's single sink, and the
canvas badges it after every edit. Finding the sinks reads every node (17 ms
at 50,000 nodes, twice for a delete that takes the output). :class:`SinkWatch`
reads them once, then re-checks only the nodes each edit touched (a new
node, the source of a wire made or taken out): an edit costs what it
touched, not the graph.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterable
from itertools import compress, repeat
from operator import itemgetter, not_
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from core.graph.model import GraphModel

#: Listeners' priority: before anyone who asks (psygnal runs higher first).
_FIRST = 2000
_SOURCE = itemgetter(0)


class SinkWatch:
    """The sinks of ``model``, kept through its signals.

    Kept as a set that holds every sink and maybe some nodes that no longer
    are (a node a batch took out before it said so, a source just wired):
    those are dropped when met by :meth:`only`. Every way a node becomes a
    sink (it is added, its last outgoing wire goes) is announced, and each
    announcement re-checks the nodes it names."""

    __slots__ = ("_model", "_sinks", "_kept", "_links", "checks", "__weakref__")

    def __init__(self, model: GraphModel) -> None:
        self._model = model
        self._sinks: set[str] = set(model.sinks())
        #: The sinks when the whole graph went (model.whole_batch), for its undo.
        self._kept: tuple[weakref.ref, set[str]] | None = None
        #: How many nodes were checked since the first scan (tests count them).
        self.checks = 0
        self._links: list[tuple[Any, Callable[..., None]]] = [
            (model.node_added, self._node),
            (model.node_removed, self._node),
            (model.edge_added, self._wire),
            (model.edge_removed, self._wire),
            (model.nodes_added, self._nodes),
            (model.nodes_removed, self._nodes),
            (model.edges_added, self._wired),
            (model.edges_removed, self._wires),
        ]
        for sig, slot in self._links:
            sig.connect(slot, priority=_FIRST)

    @property
    def _succ(self) -> dict[str, dict]:
        """networkx's raw successor dicts (tests/test_networkx_internals.py),
        asked each time: the model swaps them whole when every node goes or
        comes back (core/graph/bulk_remove.py)."""
        return self._model.graph._succ

    def close(self) -> None:
        """Stop following the model (a scene shows another one)."""
        for sig, slot in self._links:
            sig.disconnect(slot)
        self._links = []

    def only(self) -> str | None:
        """The graph's one sink; None when it has none or several."""
        succ, found, gone = self._succ, None, []
        for n in self._sinks:
            out = succ.get(n)
            if out is None or out:  # taken out, or wired onwards: no sink
                gone.append(n)
            elif found is None:
                found = n
            else:  # a second one
                found = None
                break
        self._sinks.difference_update(gone)
        return found

    def sinks(self) -> set[str]:
        """Every sink (the nodes no longer sinks dropped on the way)."""
        self._check(list(self._sinks))
        return set(self._sinks)

    def _check(self, ids: Iterable[str]) -> None:
        succ, sinks = self._succ, self._sinks
        if not succ:  # an empty graph (every node deleted)
            self._empty()
            return
        ids = ids if isinstance(ids, (list, set, tuple)) else list(ids)
        # a sink: there, with no wire out (each step a C loop: the whole graph put back names 50,000)
        now = list(compress(ids, map(not_, map(succ.get, ids, repeat(True)))))
        if sinks:  # (none kept: the whole graph put back into an empty one)
            sinks.difference_update(ids)
        sinks.update(now)
        self.checks += len(ids)

    def _node(self, node_id: str) -> None:
        self._check((node_id,))

    def _wire(self, source: str, target: str, port: int) -> None:
        self._check((source,))

    def _empty(self) -> None:
        """No sinks: the graph is empty (those of a whole graph taken out
        kept, known by its snapshot, for the undo that puts the very graph back)."""
        whole = self._model.whole_batch
        if whole is not None and self._sinks:
            self._kept = (weakref.ref(whole), self._sinks)
            self._sinks = set()
        else:
            self._sinks.clear()

    def _nodes(self, ids: list[str]) -> None:
        kept = self._kept
        if kept is not None and self._succ:  # nodes came (any but the very graph: the kept sinks dropped)
            self._kept = None
            whole = self._model.whole_batch
            if whole is not None and kept[0]() is whole and not self._sinks:
                self._sinks = kept[1]  # the very graph back: its sinks as they were (none checked)
                return
        self._check(ids)

    def _wired(self, wires: list[tuple[str, str, int]]) -> None:
        """New wires: each source has a wire out now (no sink), nothing else
        changed; nothing to check (the whole graph put back: 68,000 wires).
        More wires than sinks: each sink asked whether it has a wire out now
        instead (the same sinks dropped, and maybe some no longer there; the
        whole graph's wires not listed: core/graph/every_wire.py)."""
        sinks = self._sinks
        if self._model.whole_batch is not None:  # the very graph back: its nodes' check saw these wires
            return
        if len(wires) > len(sinks):
            was = list(sinks)
            sinks.difference_update(compress(was, map(self._succ.get, was)))
        else:
            sinks.difference_update(map(_SOURCE, wires))

    def _wires(self, wires: list[tuple[str, str, int]]) -> None:
        if not self._succ:  # an empty graph (every wire went with every node): no source to gather
            self._empty()
            return
        self._check(set(map(_SOURCE, wires)))
