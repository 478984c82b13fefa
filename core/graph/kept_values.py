"""The model's forward values, kept current edit by edit: each edit
re-evaluates only what is downstream of it (:mod:`core.graph.forward`).

Kept apart from the model's editing so that what the values cost (the walk
downstream, the order, the pass) is in one place. The pass reads each node
through a plan (its op, its inputs as a tuple, its exponent) made the first
time it is evaluated and kept until the node's wiring or exponent changes:
an edit feeding 36,000 nodes then reads three small tuples a node, not its
attribute dict and input list scattered over the heap.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from core.graph import forward
from core.graph.topology import file_ranks, reachable, reachable_within

#: How many re-evaluated orders are kept (each as long as its cone: at most a
#: few lists of the graph's ids).
CONES = 4
#: A cone of more than the graph's nodes over this is not walked: the pass
#: sweeps the whole order from the edit on (a few dict reads a node it does
#: not reach, against a walk, a sort and a loop that found 36,000 of 50,000).
SWEEP_FROM = 8

if TYPE_CHECKING:
    import networkx as nx

    from core.graph.topology import DynamicOrder


class KeptValues:
    """A GraphModel's values, reasons and the plan its forward pass reads."""

    if TYPE_CHECKING:  # GraphModel's own tables and methods, used here
        _g: nx.MultiDiGraph
        _inputs: dict[str, list]
        _order: DynamicOrder
        _value: dict[str, float | None]
        _reason: dict[str, str | None]
        _why: dict[str, str | None]
        _pending: set[str] | None
        values_changed: Any
        graph_changed: Any

        def _node(self, node_id: str) -> dict: ...
        def label(self, node_id: str) -> str: ...
        def attr_table(self) -> Any: ...
        def _evaluate(self, order: list, fresh: bool = False, starts: frozenset | None = None) -> None: ...

    #: node -> what the forward pass reads of it (forward.evaluate's ``plan``),
    #: made when first evaluated (every node's when a file opens with its values);
    #: a node's entry goes when its wiring or exponent changes or it comes or goes
    #: (``_replan``), every entry when every node goes (Delete All, its undo).
    _plan: dict[str, tuple | None]
    #: the last few re-evaluated nodes' orders, by the nodes they started from
    #: (the latest last): an edit of the same value again (typing, Train's
    #: steps, the nudges), or of one of a few leaves in turn (a learner trying
    #: a, then b, then a again), skips the walk and the sort (a third of an
    #: edit feeding 36,000 nodes); gone with any change of wiring, as the
    #: plan's entries (``_replan``).
    #: (None for a cone too big to walk: the sweep below, straight away)
    _cones: dict[frozenset[str], list[str] | None] | None = None
    #: every node in rank order, made for the first sweep and kept as the cones
    _whole: list[str] | None = None
    #: The ranks the file saved now would give (``topology.file_ranks``), what
    #: ``GraphModel.topological_order`` sorts by, apart from the dynamic order's own
    #: (the edits' to keep; a query changes nothing of it): None while those rise
    #: along the nodes' listing (the usual: then they are the file's), else a table
    #: of the file's order. Known as long as the dynamic order moved no rank since
    #: (``_ranked_at``: its ``moves`` then; None: not known). A file listing its nodes
    #: inputs first stays so as nodes come and go and wires are made along the order
    #: (an undo that puts nodes back in their places says so: ``_ranked_at = None``);
    #: one that does not (Kahn's order) may change with any change of the wiring.
    _saved: dict[str, int] | None = None
    _ranked_at: int | None = None
    _listed_in_order = False  # (were the nodes listed inputs first at the last check?)
    #: the nodes that came, went or were wired anew since the table of a listing
    #: inputs first was made (ranks a wire against the order moved, the wire gone since)
    _touched: set[str] | None = None

    def _saved_ranks(self) -> dict[str, int]:
        """A rank per node, as the file saved now, opened again, gives them:
        the app's pass, ``main.py backward``'s and a reopened file's run in
        one order. Worked out when they may have changed, and kept."""
        if self._touched is not None and self._ranked_at == self._order.moves:
            touched, self._touched = self._touched, None
            node, inputs = self._g._node, self._inputs
            at = dict(zip(node, range(len(node))))  # (the listing's order, in C)
            if all(at[s] < at[n] for n in touched if n in node for s in inputs[n] if s is not None):
                self._saved = at  # (still listed inputs first: the touched nodes' inputs before them)
            else:
                self._ranked_at = None
        if self._ranked_at != self._order.moves:
            self._saved, self._listed_in_order = file_ranks(self._order.rank, self._g._node, self._inputs)
            self._ranked_at, self._touched = self._order.moves, None
        return self._order.rank if self._saved is None else self._saved

    def rank_as_file(self, order: list[str]) -> None:
        """Rank ``order``, a checked file's (``topology.file_order`` of its nodes): as its file gives them."""
        self._order.reset(order)
        self._ranked_at, self._saved, self._touched = self._order.moves, None, None
        self._whole = None

    def forward_plan(self) -> Mapping[str, tuple | None]:
        """What the forward pass reads of each node it has evaluated (op,
        inputs as a tuple, exponent; None for a leaf), read-only: a backward
        pass reads each node there, one small tuple, not its input list and
        attribute dict."""
        return MappingProxyType(self._plan)

    def value_table(self) -> Mapping[str, float | None]:
        """Every node's forward value (as ``values``), read-only and uncopied,
        for a pass over the whole graph that reads it there and then."""
        return MappingProxyType(self._value)

    def value(self, node_id: str) -> float | None:
        """The forward value, or None when the node is incomplete."""
        self._node(node_id)
        return self._value.get(node_id)

    def reason(self, node_id: str) -> str | None:
        """Why the node has no value (an empty port upstream), else None."""
        self._node(node_id)
        return self._reason.get(node_id)

    def nonfinite_reason(self, node_id: str) -> str | None:
        """Where an inf/nan came from, e.g. 'log of a negative number at e'."""
        self._node(node_id)
        return forward.nonfinite_origin(
            node_id, self.attr_table(), self._inputs, self._value, self.label, self._why
        )

    def past(self, root: str) -> set[str]:
        """``root`` and every node it depends on."""
        self._node(root)
        return reachable(self._inputs, [root])

    def downstream(self, starts: Iterable[str]) -> set[str]:
        """``starts`` and every node that depends on one of them."""
        # raw adjacency (see sinks): through g.succ the walk takes twice as long
        return reachable(self._g._succ, starts)

    def _replan(self, ids: str | Iterable[str] | None = None) -> None:
        """The wiring or exponent of the node ``ids`` (or of each of them)
        changed, or the nodes came or went (None: every node's): the pass
        reads them afresh next time."""
        plan = self._plan
        self._cones = self._whole = None
        if not self._listed_in_order:
            self._ranked_at = None
        elif self._saved is not None:  # (a table of the listing: checked along it when next asked)
            if ids is None:
                self._ranked_at = None
            else:
                ids = (ids,) if isinstance(ids, str) else list(ids)
                touched = self._touched = set() if self._touched is None else self._touched
                touched.update(ids)
        if ids is None:
            plan.clear()
        elif isinstance(ids, str):
            plan.pop(ids, None)
        else:
            for n in ids:
                plan.pop(n, None)

    def _relabelled(self, node_id: str) -> None:
        """``node_id`` was renamed: the reasons that name it (an operator's
        without a value: "input in₂ of 'mul1' …", and those of the nodes it
        feeds) said again in its new label, else just ``graph_changed``
        (trial 54: Properties read 'mul1' under Label = L)."""
        if self._node(node_id)["op"] != "leaf" and self._value.get(node_id) is None:
            self._recompute([node_id])  # (which tells graph_changed)
        else:
            self.graph_changed.emit()

    def _recompute(self, starts: Iterable[str]) -> None:
        """Re-evaluate ``starts`` and everything downstream, in rank order
        (inside a :meth:`batch`, once when it ends); a node none of whose
        inputs changed is not evaluated again."""
        if self._pending is not None:
            self._pending.update(starts)
            return
        key = frozenset(starts)
        self._evaluate(self._cone_order(key), starts=key)

    def _cone_order(self, starts: frozenset[str]) -> list[str]:
        """``starts`` and everything downstream, in rank order (inputs first);
        or, if that is more than one node in ``SWEEP_FROM``, every node from
        the first of ``starts`` on (the pass skips those it does not reach)."""
        cones = self._cones
        if cones is None:
            cones = self._cones = {}
        if starts in cones:
            order = cones.pop(starts)
        else:
            cone = reachable_within(self._g._succ, starts, len(self._g._node) // SWEEP_FROM)
            order = None if cone is None else sorted(cone, key=self._order.rank.__getitem__)
            while len(cones) >= CONES:
                del cones[next(iter(cones))]  # (the one used longest ago)
        cones[starts] = order  # (the latest last)
        return self._sweep(starts) if order is None else order

    def _sweep(self, starts: frozenset[str]) -> list[str]:
        """Every node ranked from the first of ``starts`` on."""
        rank = self._order.rank.__getitem__
        whole = self._whole
        if whole is None:
            whole = self._whole = sorted(self._g._node, key=rank)
        first = bisect_left(whole, min(map(rank, starts)), key=rank)
        return whole[first:] if first else whole
