"""The checks a wiring edit of the model passes before it changes anything:
the node exists, the port is one of the operator's and free, the wire makes
no cycle (the model's dynamic topological order answers in O(1) along it);
each refusal in words that name the nodes by their labels."""

from __future__ import annotations

from typing import TYPE_CHECKING

from core.autograd import ops
from core.graph.errors import (
    CycleError,
    LeafInputError,
    PortOccupiedError,
    PortOutOfRangeError,
    UnknownNodeError,
)

if TYPE_CHECKING:
    from core.graph.topology import DynamicOrder


class EditChecks:
    """A GraphModel's checks of a wire (see the module docstring)."""

    if TYPE_CHECKING:  # GraphModel's own tables and methods, used here
        _inputs: dict[str, list]
        _order: DynamicOrder

        def _node(self, node_id: str) -> dict: ...

        def op(self, node_id: str) -> str: ...

        def label(self, node_id: str) -> str: ...

    def can_connect(self, source: str, target: str, port: int, replace: bool = False) -> str | None:
        """Why ``source -> target[port]`` would be refused, or None if it is fine."""
        try:
            self._check_connect(source, target, port, replace)
        except (UnknownNodeError, PortOutOfRangeError, PortOccupiedError, LeafInputError, CycleError) as e:
            return str(e)
        return None

    def _check_port(self, target: str, port: int) -> None:
        op = self.op(target)
        n = ops.arity(op)
        if op == "leaf":
            raise LeafInputError(f"{self.label(target)!r} is a leaf value; leaves have no inputs")
        if isinstance(port, bool) or not isinstance(port, int) or not 0 <= port < n:
            raise PortOutOfRangeError(
                f"port {port!r} is out of range for {op} node {self.label(target)!r} (ports 0..{n - 1})"
            )

    def _check_connect(self, source: str, target: str, port: int, replace: bool) -> None:
        self._node(source)
        self._check_port(target, port)
        if not replace and self._inputs[target][port] is not None:
            raise PortOccupiedError(
                f"input port {port} of {self.label(target)!r} is already connected "
                f"(to {self.label(self._inputs[target][port])!r})"
            )
        if source == target:
            name = self.label(source)
            raise CycleError(f"a node cannot feed itself: {name!r} into its own input is a cycle")
        if self._order.would_cycle(source, target):
            raise CycleError(
                f"wiring {self.label(source)!r} into {self.label(target)!r} would make a cycle: "
                f"{self.label(target)!r} already feeds {self.label(source)!r}"
            )
