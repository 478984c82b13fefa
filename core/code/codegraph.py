"""The records a parsed text becomes (:class:`CodeGraph` of :class:`NodeSpec`
and :class:`EdgeSpec`: no ids, no positions) and the error a text that
cannot become a graph raises (:class:`CodeError`).

:mod:`core.code.codein` makes them; :mod:`core.code.codeadd` turns them into
an edit of a model.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from core.autograd import ops
from core.graph.errors import GraphError

#: The value a leaf gets when the text names it without giving one, wherever
#: text becomes a graph (the formula bar, the Code panel, the Import Code
#: values table, ``python main.py import``): 1.0, not 0, so a product such as
#: L = (a*b + c)*f does not come out with all-zero gradients.
DEFAULT_LEAF_VALUE = 1.0


class CodeError(GraphError):
    """Text that cannot become a graph; ``line``/``column`` are 1-based, and
    ``end_column`` (exclusive), when known, ends the part at fault."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None) -> None:
        self.line, self.column, self.detail = line, column, message
        self.end_column: int | None = None
        #: the headless command building what the refusal names (micrograd.nn: ``template mlp``)
        self.template: str | None = None
        where = f"line {line}, column {column}: " if line is not None else ""
        super().__init__(where + message)


@dataclass
class NodeSpec:
    """One node to be made; ``value`` None on a leaf means "needs a value"."""

    op: str
    label: str | None = None
    value: float | None = None
    exponent: float | None = None
    name: str | None = None  # the variable it was bound to, if any (an id stem)
    constant: bool = False  # a number written in the text (2 in ``2*a``)
    line: int = 0
    expr: str | None = None  # the source text of an unnamed intermediate
    statement: int = 0  # which top-level statement made it (1, 2, ...): several may share a line


@dataclass
class EdgeSpec:
    source: int  # index into CodeGraph.nodes
    target: int
    port: int


@dataclass
class CodeGraph:
    """What a text describes, as plain records (no ids, no positions)."""

    nodes: list = field(default_factory=list)
    edges: list = field(default_factory=list)
    output: int | None = None  # the node ``.backward()`` was called on, else the last one made
    explicit_output: bool = False  # True when the text called ``.backward()``
    #: each top-level statement's text, if on one line and short (else None): group names
    texts: list = field(default_factory=list)
    #: each top-level statement's first line
    starts: list = field(default_factory=list)
    #: (line, text after ``---``) of each group comment (:mod:`core.code.codegroups`)
    comments: list = field(default_factory=list)

    def needs_value(self) -> list[int]:
        """Indices of leaves the text gave no value (they default to DEFAULT_LEAF_VALUE)."""
        return [i for i, n in enumerate(self.nodes) if n.op == "leaf" and n.value is None]

    def inputs(self, i: int) -> list[int | None]:
        ins: list[int | None] = [None] * ops.arity(self.nodes[i].op)
        for e in self.edges:
            if e.target == i:
                ins[e.port] = e.source
        return ins
