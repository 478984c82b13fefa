"""Changing an operation node's operation in place (Subtract picked where Add
was meant): the node keeps its id, label, position, group, the wires from its
output and the wires into the ports the new operation has. A base of
:class:`core.graph.model.GraphModel`, as :mod:`core.graph.edit_checks` is."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

from core.autograd import ops
from core.graph.errors import InvalidValueError
from core.graph.node_attrs import UNSET, check_op

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

        groups: Any

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
        with self.batch():
            snap = self.remove_node(node_id)
            attrs = {k: v for k, v in snap.attrs.items() if k != "op"}
            if op != "pow":
                attrs.pop("exponent", None)
            elif exponent is not UNSET:
                attrs["exponent"] = exponent
            try:
                self.add_node(op, node_id, **attrs)
            except Exception:
                self.restore_node(snap)
                raise
            for s, p in snap.in_edges:
                if p < n:
                    self.connect(s, node_id, p)
            for t, p in snap.out_edges:
                self.connect(node_id, t, p)
            self.groups.place_node(node_id, snap.group)
            if snap.was_output:
                self.set_output(node_id)
        return snap

    def put_back(self, snap: NodeSnapshot) -> None:
        """Undo :meth:`change_op`: the node as ``snap`` holds it, with all its wires."""
        with self.batch():
            self.remove_node(snap.node_id)
            self.restore_node(snap)
