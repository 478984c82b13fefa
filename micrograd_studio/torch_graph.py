"""A PyTorch scalar's graph (its ``grad_fn`` chain) as :class:`Spec` records.

Only the operators micrograd-studio's table has come across; any other node
is refused with its name. Leaves are the ``AccumulateGrad`` nodes' tensors
(values and, after ``backward()``, gradients). Numbers that do not require a
gradient (``a * 2``, ``a + 1``) are not nodes of torch's graph: a product or
quotient keeps its number, a sum or difference does not, so that number is
worked out from the node's result where torch kept one (the root, or a
consumer's saved input) and refused where it did not. torch is never
imported here: the objects are read as they come.
"""

from __future__ import annotations

import math
from typing import Any

from core.autograd import ops
from micrograd_studio.specs import SUPPORTED, BridgeError, Spec, finite_or_refuse, post_order

#: torch's backward node -> the table's op (and, for pow, where the exponent is).
_OPS = {
    "AddBackward0": "add", "SubBackward0": "sub", "RsubBackward1": "sub", "MulBackward0": "mul",
    "DivBackward0": "div", "NegBackward0": "neg", "PowBackward0": "pow", "ReciprocalBackward0": "pow",
    "ExpBackward0": "exp", "LogBackward0": "log", "TanhBackward0": "tanh", "ReluBackward0": "relu",
    "SigmoidBackward0": "sigmoid",
}  # fmt: skip
#: Nodes that only reshape or convert a one-number tensor: passed through.
_THROUGH = {
    "ViewBackward0", "UnsafeViewBackward0", "ReshapeAliasBackward0", "SqueezeBackward0",
    "SqueezeBackward1", "SqueezeBackward4", "UnsqueezeBackward0", "ExpandBackward0",
    "ToCopyBackward0", "CloneBackward0", "AliasBackward0",
}  # fmt: skip
#: The attribute that holds each input's value, by port (where torch saves it).
_SAVED_INPUT: dict[str, tuple[str, ...]] = {
    "mul": ("_saved_self", "_saved_other"),
    "div": ("_saved_self", "_saved_other"),
}
#: pow and log save their input, i.e. the result of the node before them.
_SAVED_OUTPUT_OF_INPUT0: tuple[str, ...] = ("_saved_self",)


def is_torch(x: Any) -> bool:
    return type(x).__module__.startswith("torch") and hasattr(x, "grad_fn")


def _saved(fn: Any, attr: str) -> Any:
    """A node's saved input or result; None if it has none or backward() freed it."""
    try:
        return getattr(fn, attr, None)
    except RuntimeError:  # "Trying to ... access saved tensors after they have already been freed"
        return None


def _number(t: Any) -> float | None:
    """A saved tensor's (or number's) value, if it is one number."""
    if t is None:
        return None
    if isinstance(t, (int, float)):
        return float(t)
    if t.numel() != 1:
        return None
    return float(t.detach().reshape(()).item())


def _scalar(t: Any, what: str) -> float:
    if t.numel() != 1:
        raise BridgeError(f"{what} has shape {tuple(t.shape)}; only one-number (scalar) tensors come across")
    return float(t.detach().reshape(()).item())


def _through(fn: Any) -> Any:
    """``fn`` itself, or the node it stands for when it only reshapes."""
    while fn is not None and type(fn).__name__ in _THROUGH:
        inputs = [f for f, _ in fn.next_functions if f is not None]
        fn = inputs[0] if len(inputs) == 1 else None
    return fn


def torch_specs(roots: list[Any], named: list[tuple[str, Any]]) -> tuple[list[Spec], list[int]]:
    """The records of the graphs behind ``roots``; ``named`` gives (name, tensor)
    pairs to label nodes by (e.g. a notebook's variables)."""
    starts = []
    for r in roots:
        _scalar(r, "the tensor")
        fn = _through(r.grad_fn)
        if fn is None:
            raise BridgeError(
                "the tensor has no graph (grad_fn is None): build it from tensors with requires_grad=True"
            )
        starts.append(fn)
    order = post_order(starts, lambda f: [_through(c) for c, _ in f.next_functions if c is not None])
    # names: a leaf by its tensor, an intermediate by the tensor that holds its grad_fn
    by_fn: dict[int, tuple[str | None, Any]] = {}
    tensors: dict[int, str] = {}
    for name, obj in named:
        if is_torch(obj):
            tensors.setdefault(id(obj), name)
            if obj.grad_fn is not None:
                by_fn.setdefault(id(_through(obj.grad_fn)), (name, obj))
    known = _known_results(order, roots, starts)
    index: dict[int, int] = {}
    values: list[float] = []
    specs: list[Spec] = []

    def add(spec: Spec, value: float, key: Any = None) -> int:
        specs.append(spec)
        values.append(value)
        if key is not None:
            index[id(key)] = len(specs) - 1
        return len(specs) - 1

    for fn in order:
        kind = type(fn).__name__
        if kind == "AccumulateGrad":
            t = fn.variable
            leaf_name = tensors.get(id(t))
            what = f"the leaf {leaf_name}" if leaf_name else "a leaf"
            v = finite_or_refuse(_scalar(t, what), what)
            add(Spec("leaf", value=v, label=leaf_name, grad=_number(t.grad)), v, fn)
            continue
        if kind not in _OPS:
            raise BridgeError(
                f"PyTorch's {kind} has no operator in micrograd-studio ({SUPPORTED}); "
                "only graphs made of these come across"
            )
        op = _OPS[kind]
        alpha = getattr(fn, "_saved_alpha", 1)
        if alpha != 1:
            raise BridgeError(f"PyTorch's {kind} with alpha={alpha} has no operator in micrograd-studio")
        exponent = None
        if kind == "PowBackward0":
            exponent = _number(_saved(fn, "_saved_exponent"))
        elif kind == "ReciprocalBackward0":
            exponent = -1.0
        inputs: list[int | None] = [
            None if c is None else index[id(_through(c))] for c, _ in fn.next_functions
        ]
        if kind == "RsubBackward1":  # number - x: torch lists only x
            inputs = [None, inputs[0]]
        arity = ops.arity(op)
        inputs += [None] * (arity - len(inputs))
        for port, i in enumerate(inputs):
            if i is None:
                k = _constant(fn, op, port, inputs, values, known)
                inputs[port] = add(Spec("leaf", value=k, label=_num(k), trainable=False), k)
        vals = tuple(values[i] for i in inputs)  # type: ignore[index]
        out = ops.evaluate(op, vals, exponent)
        label, tensor = by_fn.get(id(fn), (None, None))
        grad = _number(tensor.grad) if tensor is not None and tensor.retains_grad else None
        add(Spec(op, tuple(inputs), exponent=exponent, label=label, grad=grad), out, fn)  # type: ignore[arg-type]
    for r, fn in zip(roots, starts):
        if (r.is_leaf or r.retains_grad) and r.grad is not None and specs[index[id(fn)]].grad is None:
            specs[index[id(fn)]].grad = _number(r.grad)
    return specs, [index[id(fn)] for fn in starts]


#: Inverses of the one-input ops that save their result: their input, nearly.
_INVERSE = {
    "TanhBackward0": lambda y: math.atanh(y) if abs(y) < 1 else None,
    "ExpBackward0": lambda y: math.log(y) if y > 0 else None,
    "SigmoidBackward0": lambda y: math.log(y / (1 - y)) if 0 < y < 1 else None,
    "ReluBackward0": lambda y: y if y > 0 else None,
}


def _known_results(order: list, roots: list[Any], starts: list) -> dict[int, tuple[float, bool]]:
    """(result, exact) of the nodes whose result torch kept: the roots', each
    node's saved result, the inputs consumers saved (mul/div both inputs,
    pow/log their one) and, not exactly, the inputs of tanh/exp/sigmoid/relu
    worked back from their saved results."""
    known: dict[int, tuple[float, bool]] = {}
    for r, fn in zip(roots, starts):
        known[id(fn)] = (_scalar(r, "the tensor"), True)
    for fn in order:
        kind = type(fn).__name__
        result = _number(_saved(fn, "_saved_result"))
        if result is not None:
            known.setdefault(id(fn), (result, True))
            inputs = [c for c, _ in fn.next_functions if c is not None]
            back = _INVERSE[kind](result) if kind in _INVERSE and len(inputs) == 1 else None
            if back is not None:
                known.setdefault(id(_through(inputs[0])), (back, False))
        slots: tuple[str, ...] = _SAVED_INPUT.get(_OPS.get(kind, ""), ())
        if kind in ("PowBackward0", "LogBackward0"):
            slots = _SAVED_OUTPUT_OF_INPUT0
        for (c, _), attr in zip(fn.next_functions, slots):
            if c is not None:
                v = _number(_saved(fn, attr))
                if v is not None and not known.get(id(_through(c)), (0, False))[1]:
                    known[id(_through(c))] = (v, True)
    return known


def _constant(
    fn: Any, op: str, port: int, inputs: list, values: list, known: dict[int, tuple[float, bool]]
) -> float:
    """The number at ``port`` of ``fn``, which torch did not make a node."""
    kind = type(fn).__name__
    if op in _SAVED_INPUT:
        v = _number(_saved(fn, _SAVED_INPUT[op][port]))
        if v is not None:
            return v
    out, exact = known.get(id(fn), (None, False))
    other = inputs[1 - port] if op in ("add", "sub") else None
    if out is not None and other is not None:
        x = values[other]
        guess = out - x if op == "add" else (x - out if port == 1 else out + x)
        # the shortest number whose result is torch's (1 rather than 0.9999999999999998):
        # exactly, or within what working back through tanh/exp/... loses
        for digits in range(1, 18):
            nice = float(f"{guess:.{digits}g}")
            got = ops.evaluate(op, (x, nice) if port == 1 else (nice, x))
            if got == out or (not exact and abs(got - out) <= 1e-9 * max(1.0, abs(out))):
                return nice
        return guess
    raise BridgeError(
        f"PyTorch's {kind} has a number that is not a tensor needing a gradient (as in x + 1 or "
        "x * 2), and torch's graph does not keep it (a sum never does; backward() frees what a "
        "product keeps); show the graph before backward() or after backward(retain_graph=True), "
        "or make that number a tensor with requires_grad=True, as micrograd makes it a Value"
    )


def _num(v: float) -> str:
    return repr(int(v)) if v.is_integer() and abs(v) < 1e15 else repr(v)
