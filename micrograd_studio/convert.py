"""The graph behind a Python object, as a graph model: this project's
``Value``, a micrograd ``Value`` (the pip package, or any object with its
``data``/``grad``/``_prev``/``_op``/``label`` shape), or a PyTorch scalar
tensor whose ``grad_fn`` is made of the operators the table has.

Each source is read into :class:`Spec` records, inputs before consumers, and
one function turns those into a laid-out model. Values, labels and gradients
(where the object has them) come across; the model recomputes the values
with its own operators, so they are this app's float64 numbers.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from core.autograd.engine import Value
from core.code.codenames import num_label
from core.graph.layout import layered_positions
from core.graph.model import GraphModel
from micrograd_studio.specs import SUPPORTED, BridgeError, Spec, finite_or_refuse, post_order
from micrograd_studio.torch_graph import is_torch, torch_specs


def to_model(
    roots: list[Any], names: Mapping[str, Any] | None = None, cls: type[GraphModel] = GraphModel
) -> GraphModel:
    """A laid-out model of the graphs behind ``roots`` (one kind of object)."""
    if not roots:
        raise BridgeError("nothing to show: give a Value or a tensor")
    # a notebook's variables name the nodes they hold (not IPython's _, _1, Out)
    pairs = [(k, v) for k, v in (names or {}).items() if isinstance(k, str) and k.isidentifier()]
    pairs = [(k, v) for k, v in pairs if not k.startswith("_") and k not in ("In", "Out")]
    if all(is_torch(r) for r in roots):
        specs, root_ix = torch_specs(roots, pairs)
    elif all(_is_value_like(r) for r in roots):
        named: dict[int, str] = {}
        for k, v in pairs:
            named.setdefault(id(v), k)
        specs, root_ix = _value_specs(roots, named)
    else:
        bad = next(r for r in roots if not (is_torch(r) or _is_value_like(r)))
        raise BridgeError(
            f"cannot show a {type(bad).__name__}: give a micrograd-studio Value, a micrograd "
            "Value (data, grad, _prev, _op, label) or a PyTorch scalar tensor with a grad_fn"
        )
    return _build(specs, root_ix, cls)


def _build(specs: list[Spec], roots: list[int], cls: type[GraphModel]) -> GraphModel:
    ids: list[str] = []
    taken: set[str] = set()
    nodes = []
    counters: dict[str, int] = {}
    for s in specs:
        label = s.label
        nid = label if label and label not in taken and label.isidentifier() else None
        while nid is None or nid in taken:
            counters[s.op] = counters.get(s.op, 0) + 1
            nid = f"{'x' if s.op == 'leaf' else s.op}{counters[s.op]}"
        taken.add(nid)
        ids.append(nid)
        attrs: dict[str, Any] = {"op": s.op, "x": 0.0, "y": 0.0}
        if label:
            attrs["label"] = label
        if s.op == "leaf":
            attrs["value"] = s.value
            if not s.trainable:
                attrs["trainable"] = False
        if s.op == "pow":
            attrs["exponent"] = s.exponent
        if s.grad is not None and math.isfinite(s.grad):  # a file holds no nan/inf
            attrs["grad"] = s.grad
        nodes.append((nid, attrs))
    edges = [(ids[j], ids[i], port) for i, s in enumerate(specs) for port, j in enumerate(s.inputs)]
    attrs = {"format": "micrograd-studio", "version": 1}
    if len(roots) == 1:
        attrs["output"] = ids[roots[0]]
    model = cls.from_records(attrs, nodes, edges, ids)
    for n, (x, y) in layered_positions(model).items():
        model.set_position(n, x, y)
    return model


# ---------------------------------------------------------------- Values
def _is_value_like(x: Any) -> bool:
    return all(hasattr(x, a) for a in ("data", "_prev", "_op"))


#: micrograd's ``_op`` strings (and the lecture's) -> the table's op names.
_MICROGRAD_OPS = {
    "": "leaf", "+": "add", "*": "mul", "-": "sub", "/": "div", "neg": "neg",
    "exp": "exp", "log": "log", "tanh": "tanh", "ReLU": "relu", "relu": "relu", "sigmoid": "sigmoid",
}  # fmt: skip
_ORDERED = {"sub", "div"}


def _value_specs(roots: list[Any], named: dict[int, str]) -> tuple[list[Spec], list[int]]:
    order = post_order(roots, lambda v: list(v._prev))
    index = {id(v): i for i, v in enumerate(order)}
    specs = []
    for v in order:
        name = getattr(v, "label", "") or named.get(id(v)) or None
        op, k, inputs = _value_op(v, name)
        grad = getattr(v, "grad", None)
        data = float(v.data)
        specs.append(
            Spec(
                op,
                tuple(index[id(c)] for c in inputs),
                finite_or_refuse(data, f"the value of {name or 'a leaf'}") if op == "leaf" else None,
                k,
                name or (num_label(data) if op == "leaf" else None),
                float(grad) if isinstance(grad, (int, float)) else None,
                # a number micrograd wrapped (``a + 1``) is a constant, as Import Code makes it
                trainable=not (op == "leaf" and not name),
            )
        )
    return specs, [index[id(r)] for r in roots]


def _value_op(v: Any, name: str | None) -> tuple[str, float | None, tuple]:
    """(op, exponent, inputs in port order) of a Value or a micrograd Value."""
    where = f"the Value {name!r}" if name else "a Value"
    if isinstance(v, Value):
        return v.op, v.exponent, v.inputs
    prev = v._prev
    children = tuple(prev) if isinstance(prev, (tuple, list)) else tuple(prev)
    raw = str(v._op)
    if raw.startswith("**"):
        try:
            k = float(raw[2:])
        except ValueError:
            raise BridgeError(f"{where} has the op {raw!r}: only a power by a number comes across") from None
        op, exponent = "pow", k
    elif raw in _MICROGRAD_OPS:
        op, exponent = _MICROGRAD_OPS[raw], None
    else:
        raise BridgeError(f"{where} has the op {raw!r}, which micrograd-studio does not have ({SUPPORTED})")
    arity = 0 if op == "leaf" else 2 if op in ("add", "mul", "sub", "div") else 1
    if arity == 2 and len(children) == 1:
        children = children * 2  # a*a: micrograd's _prev is a set, so a appears once
    if op in _ORDERED and not isinstance(prev, (tuple, list)):
        raise BridgeError(
            f"{where} is an {raw!r} whose inputs are a set, so which one comes first is lost; "
            "micrograd writes a - b as a + (-b) and a / b as a * b**-1"
        )
    if len(children) != arity:
        raise BridgeError(f"{where} has the op {raw!r} with {len(children)} inputs; it takes {arity}")
    return op, exponent, children
