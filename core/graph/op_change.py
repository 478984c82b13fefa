"""Changing an operation node's operation in place (Subtract picked where Add
was meant): the node keeps its id, label, position, group, the wires from its
output and the wires into the ports the new operation has. A base of
:class:`core.graph.model.GraphModel`, as :mod:`core.graph.edit_checks` is."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from core.autograd import ops
from core.graph.errors import InvalidValueError
from core.graph.node_attrs import UNSET, check_finite, check_op

if TYPE_CHECKING:
    from contextlib import AbstractContextManager


class NodeSnapshot(Protocol):
    """What :class:`core.graph.model.NodeSnapshot` holds that is read here."""

    node_id: str
    attrs: dict
    in_edges: list  # (source, port)
    out_edges: list  # (target, port)
    was_output: bool
    group: str | None


class OpChanges:
    """A GraphModel's change of operation and its undo (see the module docstring)."""

    if TYPE_CHECKING:  # GraphModel's own methods, used here

        def op(self, node_id: str) -> str: ...

        def label(self, node_id: str) -> str: ...

        def batch(self) -> AbstractContextManager[None]: ...

        def remove_node(self, node_id: str) -> NodeSnapshot: ...

        def restore_node(self, snap: Any) -> None: ...  # (a model.NodeSnapshot)

        def add_node(self, op: str, node_id: str | None = None, /, **attrs: Any) -> str: ...

        def connect(self, source: str, target: str, port: int) -> None: ...

        def set_output(self, node_id: str | None) -> None: ...

        def consumers(self, node_id: str) -> list[tuple[str, int]]: ...

        def disconnect(self, target: str, port: int) -> str | None: ...

        def _node(self, node_id: str) -> dict: ...

        def _replan(self, node_id: str) -> None: ...

        def _recompute(self, starts: Any) -> None: ...

        @property
        def output(self) -> str | None: ...

        groups: Any
        _g: Any
        _inputs: dict
        _why: dict
        node_changed: Any
        graph_changed: Any

    def change_op(self, node_id: str, op: str, exponent: Any = UNSET) -> NodeSnapshot:
        """Make ``node_id`` an ``op`` node (a Power's ``exponent``, else 2 or
        the one it had), values re-evaluated once. Returns the node as it was
        (for :meth:`put_back`); its ``in_edges`` a port of ``op`` lacks are the
        wires the change removed. Only an operation becomes another operation:
        a Value holds a number, not inputs."""
        old = self.op(node_id)
        check_op(op)
        if old == "leaf":
            raise InvalidValueError(
                f"{self.label(node_id)!r} is a Value: it holds a number, it has no operation"
            )
        if op == "leaf":
            raise InvalidValueError(
                f"{self.label(node_id)!r} cannot become a Value: a Value holds a number, not inputs"
            )
        n = ops.arity(op)
        a = self._node(node_id)
        exp = a.get("exponent", 2) if exponent is UNSET else exponent
        if op == "pow":
            exp = check_finite(f"exponent of {self.label(node_id)!r}", exp)
        ins = [(s, p) for p, s in enumerate(self._inputs[node_id]) if s is not None]
        # in place, so its place in the node order, its attributes' order and
        # every other wire's key stay as saved (put_back gives them back too)
        snap = _Before(
            node_id,
            dict(a),
            ins,
            self.consumers(node_id),
            self.output == node_id,
            None,
            {s: (list(self._g._succ[s]), dict(self._g._succ[s][node_id])) for s, p in ins if p >= n},
            list(self._g._pred[node_id]),
        )
        with self.batch():
            for _s, p in ins:
                if p >= n:
                    self.disconnect(node_id, p)
            self._retype(node_id, op, exp if op == "pow" else UNSET)
        return snap

    def put_back(self, snap: NodeSnapshot) -> None:
        """Undo :meth:`change_op`: the node as ``snap`` holds it, with all its
        wires, each where the saved file lists it."""
        n = snap.node_id
        with self.batch():
            self._retype(n, snap.attrs["op"], snap.attrs.get("exponent", UNSET))
            for s, p in snap.in_edges:
                if self._inputs[n][p] is None:
                    self.connect(s, n, p)
            a = self._node(n)
            a.clear()
            a.update(snap.attrs)  # (the attributes in their order)
            for s, (order, keys) in getattr(snap, "dropped", {}).items():
                kd = self._g._succ[s][n]
                kd.clear()
                kd.update(keys)  # each wire under its key, with its attributes
                _reorder(self._g._succ[s], order)
            _reorder(self._g._pred[n], getattr(snap, "pred", list(self._g._pred[n])))

    def _retype(self, node_id: str, op: str, exponent: Any) -> None:
        """Give ``node_id`` (its wires fitting ``op``'s ports) operation ``op``."""
        a = self._node(node_id)
        a["op"] = op
        if exponent is UNSET:
            a.pop("exponent", None)
        else:
            a["exponent"] = exponent
        ins = self._inputs[node_id]
        n = ops.arity(op)
        self._inputs[node_id] = ins[:n] + [None] * (n - len(ins))
        self._replan(node_id)
        self._why.clear()
        self.node_changed.emit(node_id, "op")
        self.graph_changed.emit()
        self._recompute([node_id])


def _reorder(d: dict, order: list) -> None:
    """Put ``d``'s keys in ``order`` (those it has), the rest after."""
    items = [(k, d[k]) for k in order if k in d]
    items += [(k, v) for k, v in d.items() if k not in set(order)]
    d.clear()
    d.update(items)


@dataclass
class _Before:
    """An operation node before :meth:`OpChanges.change_op` (a NodeSnapshot
    and where its removed wires were listed)."""

    node_id: str
    attrs: dict
    in_edges: list  # (source, port)
    out_edges: list  # (target, port)
    was_output: bool
    group: str | None
    dropped: dict = field(default_factory=dict)  # source: (its targets' order, the wires' keys)
    pred: list = field(default_factory=list)  # the node's sources in order
