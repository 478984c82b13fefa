"""What an operation added from Quick Add is wired from (trial 72 #5: Tab,
``x**3``, Enter with x selected made an unwired Power, and a keyboard user
had no way to wire it).

The cards the typed text names (``x**3``, ``a*b``, ``tanh(h)``: the name a
card shows, one card only) go into the new node's inputs in their order;
else the selected cards do, top to bottom (then left to right), as the
inputs stack on a card, so the wires do not cross. The list's row says it
before Enter ("Power x**3 — wired from x"); the node and its wires are one
undo entry (:class:`AddFedCommand`).
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

from core.autograd import ops
from core.code.codenames import composed_label
from core.code.codeslips import ALIASES, FUNCTIONS
from core.graph.model import GraphModel
from gui.editing.command_base import ModelCommand
from gui.editing.commands import AddNodeCommand, WireCommand

#: More cards selected than this (Select All on a big graph): the selection wires nothing.
MOST_SELECTED = 8
_BINOPS = {ast.Add: "add", ast.Sub: "sub", ast.Mult: "mul", ast.Div: "div"}
#: the app's own notation, read as Python (as the f(x) bar reads it)
_NOTATION = {"\u2212": "-", "×": "*", "÷": "/", "²": "**2", "³": "**3"}


@dataclass(frozen=True)
class Typed:
    """A formula of one operation typed into Quick Add: its operation, the
    names in its inputs' places and a power's exponent."""

    op: str
    names: tuple[str, ...]
    exponent: float | None
    text: str


def _number(e: ast.expr) -> float | None:
    if isinstance(e, ast.UnaryOp) and isinstance(e.op, (ast.USub, ast.UAdd)):
        k = _number(e.operand)
        return None if k is None else (-k if isinstance(e.op, ast.USub) else k)
    if isinstance(e, ast.Constant) and isinstance(e.value, (int, float)) and not isinstance(e.value, bool):
        return float(e.value)
    return None


def _name(e: ast.expr) -> str | None:
    return e.id if isinstance(e, ast.Name) else None


def typed_formula(text: str) -> Typed | None:
    """``x**3``, ``a*b``, ``-x``, ``tanh(h)``, ``h.tanh()``: one operation of
    names (a power of a name to a number), else None (a bare name such as
    ``tanh`` is an operation looked up by name, not a formula)."""
    e = _parsed(text)
    if e is None:
        return None
    op: str | None = None
    names: tuple[str | None, ...] = ()
    exponent = None
    if isinstance(e, ast.BinOp) and isinstance(e.op, ast.Pow):
        exponent = _number(e.right)
        op, names = ("pow", (_name(e.left),)) if exponent is not None else (None, ())
    elif isinstance(e, ast.BinOp) and type(e.op) in _BINOPS:
        op, names = _BINOPS[type(e.op)], (_name(e.left), _name(e.right))
    elif isinstance(e, ast.UnaryOp) and isinstance(e.op, ast.USub):
        op, names = "neg", (_name(e.operand),)
    elif isinstance(e, ast.Call) and not e.keywords:
        f = e.func
        if isinstance(f, ast.Name) and len(e.args) == 1:
            op, names = ALIASES.get(f.id, f.id), (_name(e.args[0]),)
        elif isinstance(f, ast.Attribute) and not e.args:
            op, names = ALIASES.get(f.attr, f.attr), (_name(f.value),)
        op = op if op in FUNCTIONS else None
    if op is None or not all(names):  # (x*2: no card holds the 2; the f(x) bar makes one)
        return None
    return Typed(op, tuple(n for n in names if n), exponent, text.strip())


def formula_help(text: str) -> str | None:
    """What to do with a formula Quick Add does not add: ``x+1`` holds a
    number (no card holds it), ``a*b + c`` is more than one operation; the
    f(x) bar makes both. None for anything else (a name, one operation of names)."""
    e = _parsed(text)
    if not isinstance(e, (ast.BinOp, ast.UnaryOp, ast.Call)) or _number(e) is not None:
        return None
    parts = list(ast.walk(e))
    names = {p.id for p in parts if isinstance(p, ast.Name)}
    out = next(n for n in ("y", "f", "out", "result") if n not in names)  # (x + y: f = x + y)
    bar = f"type {out} = {text.strip()} in the f(x) bar"
    if any(isinstance(p, ast.Constant) for p in parts):
        return f"Quick Add wires cards, not numbers: {bar}."
    if sum(isinstance(p, (ast.BinOp, ast.UnaryOp, ast.Call)) for p in parts) > 1:
        return f"Quick Add adds one operation at a time: {bar}."
    return None


def _parsed(text: str) -> ast.expr | None:
    """``text`` read as a Python expression, the app's notation (−, ×, ²) as Python's."""
    t = text.strip()
    for k, v in _NOTATION.items():
        t = t.replace(k, v)
    try:
        return ast.parse(t, mode="eval").body
    except (SyntaxError, ValueError):
        return None


@dataclass(frozen=True)
class Feed:
    """Where a Quick Add row's node is wired from: ``sources`` a node id (or
    None: left free) per input; ``said`` its row's words, ``why`` more for its tooltip."""

    sources: tuple[str | None, ...]
    said: str
    why: str


class Sources:
    """The cards a Quick Add opened on the canvas may wire from: ``selected``
    (ids) and those the typed names name (looked up once asked)."""

    def __init__(self, model: GraphModel, selected: list[str] | set[str]) -> None:
        self.model = model
        picked = list(selected) if len(selected) <= MOST_SELECTED else []
        #: top to bottom, then left to right: in₁ from the upper card, so the wires do not cross
        self.selected = sorted(picked, key=lambda n: (model.position(n)[1], model.position(n)[0], n))
        self._by_name: dict[str, list[str]] | None = None

    def named(self, name: str) -> list[str]:
        """The cards showing ``name`` (their label, or their id where they have none)."""
        if self._by_name is None:
            self._by_name = {}
            for n in self.model.nodes():
                self._by_name.setdefault(self.model.label(n), []).append(n)
        return self._by_name.get(name, [])

    def feed(self, op: str, typed: Typed | None = None, exponent: float | None = None) -> Feed | None:
        """Where a new ``op`` is wired from: the cards ``typed`` names, else the
        selected ones; None if nothing (a Value, nothing selected nor named)."""
        n = ops.arity(op)
        if not n:
            return None
        unknown = ""
        if typed is not None and typed.op == op:
            hits = [self.named(x) if x else [] for x in typed.names]
            unknown = "; ".join(_unknown(x, len(h)) for x, h in zip(typed.names, hits, strict=True))
            if any(len(h) == 1 for h in hits):
                srcs = tuple(h[0] if len(h) == 1 else None for h in hits)
                whys = [
                    _unknown(x, len(h)) for x, h in zip(typed.names, hits, strict=True) if x and len(h) != 1
                ]
                said = f"{typed.text} — wired from {self._who(srcs)}"
                said += f" ({'; '.join(whys)})" if whys else ""
                return Feed(srcs, said, said)
        if not self.selected:
            return None
        srcs = tuple(self.selected[:n]) + (None,) * max(0, n - len(self.selected))
        left = self.selected[n:]
        ports = ops.OPS[op].ports
        kids: list[tuple[str | None, str]] = [
            (self.model.label(s) if s else ports[i], "leaf") for i, s in enumerate(srcs)
        ]
        k = (2.0 if exponent is None else exponent) if op == "pow" else None  # (a new Power's: 2)
        formula = composed_label(op, kids, k)
        said = f"{formula} — wired from {self._who(srcs)}" if formula else f"wired from {self._who(srcs)}"
        why = f"{said}, the selected card{'s' if len(self.selected) > 1 else ''}"
        if left:
            title = ops.OPS[op].title
            why += f" ({', '.join(map(self.model.label, left))} left out: {title} takes {n})"
            said += f" (+{len(left)} left out)"
        if unknown:  # (x**3 with y selected: the x read as a stand-in, said)
            why, said = f"{why} ({unknown})", f"{said} ({unknown})"
        return Feed(srcs, said, why)

    def _who(self, srcs: tuple[str | None, ...]) -> str:
        return ", ".join(self.model.label(s) for s in dict.fromkeys(srcs) if s)


def _unknown(name: str, k: int) -> str:
    return f"no card is named {name}" if not k else f"{k} cards are named {name}"


class AddFedCommand(ModelCommand):
    """A node added and wired from ``sources`` (one per input; None: left
    free), as one undo entry, all or nothing."""

    def __init__(self, model: GraphModel, add: AddNodeCommand, sources: tuple[str | None, ...]) -> None:
        who = ", ".join(model.label(s) for s in dict.fromkeys(sources) if s)
        super().__init__(f"Add {ops.OPS[add.op].title} wired from {who}")  # (as its row says it)
        self.model, self.add, self.sources = model, add, sources
        self._wires: WireCommand | None = None

    @property
    def node_id(self) -> str | None:
        return self.add.node_id

    def apply(self) -> None:
        self.add.apply()
        try:
            new = self.add.node_id
            assert new is not None
            if self._wires is None:
                made = [(s, new, p) for p, s in enumerate(self.sources) if s is not None]
                self._wires = WireCommand(self.model, self.text(), add=made)
            self._wires.apply()
        except Exception:
            self.add.revert()
            raise

    def revert(self) -> None:
        if self._wires is not None:
            self._wires.revert()
        self.add.revert()
