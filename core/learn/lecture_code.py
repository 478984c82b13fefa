"""An MLP made by Learn › Insert MLP written back as the lecture's code.

A teacher hands out "the code of this picture": the lecture's ``Neuron``,
``Layer`` and ``MLP`` classes, ``n = MLP(3, [4, 4, 1])``, the graph's weights
put into ``n.parameters()``, the data, ``ypred`` and the loss as the lecture
writes them, then ``loss.backward()`` and a check of every parameter's
gradient against the app's. The flat export (:func:`core.code.codeout.to_python`)
writes any graph, one statement a node; this one only a graph that is such an
MLP, which it proves by making the template again from the graph's sizes,
data and activation (:func:`core.learn.templates.mlp`) and finding every one
of its nodes, by label, with the same operator and inputs: a graph edited
into something else is refused with what differs, never written as code
that would compute another thing.

The lecture's sums make the same floats as the template's nodes, in the same
order (``sum(wi*xi …, b)`` is ``b + w1·x1 + …``; the loss's ``sum`` starts
from 0, and ``0 + (ypred − y)²`` is that square exactly), so the gradients
the script prints are the app's.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from core.files import program
from core.graph.backward import backward
from core.graph.errors import GraphError
from core.learn.templates import mlp

if TYPE_CHECKING:
    from core.graph.model import GraphModel

_W = re.compile(r"w(\d+)\.(\d+)\.(\d+)")
_B = re.compile(r"b(\d+)\.(\d+)")
_X = re.compile(r"x(\d+)\[(\d+)\]")
_Y = re.compile(r"y\[(\d+)\]")
WHAT = "lecture MLP code"


#: Tolerance of the script's asserts (the flat export's: core/code/codeout.py).
TOLERANCE = 1e-9


class ExportError(GraphError):
    """A graph that is not the lecture's MLP as Insert MLP makes it;
    ``reason``: what is not, in a few plain words ("" if not such a graph question)."""

    def __init__(self, message: str, reason: str = "") -> None:
        super().__init__(message)
        self.reason = reason


def _not_mlp(reason: str) -> ExportError:
    """The refusal of a graph that is not one Insert MLP made, saying what is not."""
    made = f"it writes a graph made by Learn › Insert MLP… or by {program.command()} template mlp"
    made += ", as it was made"
    return ExportError(f"cannot export as {WHAT}: {reason} ({made})", reason)


def not_insert_mlp(model: GraphModel) -> str | None:
    """Why ``model`` is not a graph Insert MLP made (as :func:`recognise`
    finds it), or None when it is one: File › Export greys the entry out."""
    if not len(model):
        return "the graph is empty"
    try:
        recognise(model)
    except ExportError as e:
        return e.reason or str(e)
    return None


def _num(v: float) -> str:
    """A float literal that reads back as exactly ``v``."""
    return repr(float(v))


@dataclass
class MlpShape:
    """An MLP as the template makes it: sizes, data, activation and the
    node id of each parameter, in ``n.parameters()`` order."""

    nin: int
    nouts: list[int]
    xs: list[list[float]]
    ys: list[float]
    activation: str
    params: list[str]
    loss: str
    linear_out: bool = False  # the output neuron without its activation (micrograd's ReLU MLP)


def recognise(model: GraphModel) -> MlpShape:
    """The MLP ``model`` is, or ExportError saying what is not as Insert MLP makes it."""
    by_label: dict[str, str] = {}
    for n in model.nodes():
        label = model.label(n)
        if label in by_label:
            raise _not_mlp(f"two nodes are labelled {label!r}")
        by_label[label] = n
    leaves = [n for n in model.nodes() if model.op(n) == "leaf"]
    ws: dict[tuple[int, int, int], str] = {}
    xs: dict[tuple[int, int], float] = {}
    ys: dict[int, float] = {}
    for n in leaves:
        label, value = model.label(n), model.node(n)["value"]
        if m := _W.fullmatch(label):
            ws[tuple(map(int, m.groups()))] = n  # type: ignore[index]
        elif m := _X.fullmatch(label):
            xs[int(m[1]), int(m[2])] = value
        elif m := _Y.fullmatch(label):
            ys[int(m[1])] = value
    if not ws or not ys:
        raise _not_mlp("this graph has no weights w1.1.1… or targets y[1]…")
    layers = max(k[0] for k in ws)
    nouts = [max((k[1] for k in ws if k[0] == li), default=0) for li in range(1, layers + 1)]
    nin = max((k[2] for k in ws if k[0] == 1), default=0)
    points = max(ys)
    try:
        data = [[xs[i, d] for i in range(1, nin + 1)] for d in range(1, points + 1)]
        targets = [ys[d] for d in range(1, points + 1)]
    except KeyError as e:
        i, d = e.args[0] if isinstance(e.args[0], tuple) else (None, e.args[0])
        missing = f"x{i}[{d}]" if i is not None else f"y[{d}]"
        raise _not_mlp(f"this graph has no input {missing}") from None
    # tanh on every neuron (the lecture's); ReLU with a linear output (micrograd's, Insert MLP's);
    # ReLU on every neuron too (Insert MLP's before 2026-12-07: its files still export, review 72 #1)
    reasons: dict[str, str] = {}
    for activation, linear in (("tanh", False), ("relu", True), ("relu", False)):
        why = _differs(model, by_label, nin, nouts, data, targets, activation, linear)
        if why is None:
            ids = _param_ids(by_label, nin, nouts)
            return MlpShape(nin, nouts, data, targets, activation, ids, by_label["loss"], linear)
        reasons.setdefault(activation, why)
    # what differs from the MLP of the activation its neurons have (a ReLU graph: not "… not tanh")
    used = sum(model.op(n) == "relu" for n in model.nodes()) > sum(
        model.op(n) == "tanh" for n in model.nodes()
    )
    raise _not_mlp(reasons["relu" if used else "tanh"])


def _differs(
    model: GraphModel,
    by_label: dict[str, str],
    nin: int,
    nouts: list[int],
    xs: list[list[float]],
    ys: list[float],
    activation: str,
    linear_out: bool,
) -> str | None:
    """What differs between ``model`` and the template made from these
    sizes, data and activation (None: nothing but the weights' values)."""

    try:
        t = mlp(nin, nouts, xs, ys, activation, laid_out=False, linear_out=linear_out)
    except GraphError as e:
        return f"its sizes do not make an MLP ({e})"
    label_of = {n: a.get("label", n) for n, a in t.nodes}
    ins: dict[str, list[str | None]] = {n: [] for n, _ in t.nodes}
    for s, d, _port in sorted(t.edges, key=lambda e: e[2]):
        ins[d].append(label_of[s])
    if len(t.nodes) != len(model):
        return f"it has {len(model)} nodes where MLP({nin}, {nouts}) on its data has {len(t.nodes)}"
    for n, a in t.nodes:
        label = label_of[n]
        mine = by_label.get(label)
        if mine is None:
            return f"it has no node labelled {label!r}"
        if model.op(mine) != a["op"]:
            return f"{label!r} is a {model.op(mine)} node, not {a['op']}"
        if a.get("exponent") is not None and model.node(mine).get("exponent") != a["exponent"]:
            return f"{label!r} is not squared"
        got = [None if s is None else model.label(s) for s in model.inputs(mine)]
        if got != ins[n]:
            return f"the inputs of {label!r} are not those of the lecture's MLP"
    if model.output is not None and model.output != by_label.get("loss"):
        return f"its output is {model.label(model.output)!r}, not the loss"
    return None


def _param_ids(by_label: dict[str, str], nin: int, nouts: list[int]) -> list[str]:
    """Each parameter's node, in the lecture's ``n.parameters()`` order
    (layer by layer, neuron by neuron: its weights, then its bias)."""
    sizes = [nin, *nouts]
    out = []
    for li in range(1, len(sizes)):
        for j in range(1, sizes[li] + 1):
            out += [by_label[f"w{li}.{j}.{i}"] for i in range(1, sizes[li - 1] + 1)]
            out.append(by_label[f"b{li}.{j}"])
    return out


def to_lecture(model: GraphModel, root: str | None = None) -> str:
    """The lecture's code of the MLP ``model`` is (ExportError if it is not
    one), with its weights, checking every parameter's gradient."""
    if not len(model):
        raise ExportError("the graph is empty: there is nothing to export")
    shape = recognise(model)
    if root is not None and root != shape.loss:
        raise ExportError(
            f"cannot export as {WHAT} from {model.label(root)!r}: the lecture's pass starts at the loss"
        )
    result = backward(model, shape.loss)
    loss = result.values[shape.loss]
    grads = [result.grads[p] for p in shape.params]
    weights = [model.node(p)["value"] for p in shape.params]
    act = shape.activation
    if not all(map(math.isfinite, [loss, *grads])):
        raise ExportError(f"cannot export as {WHAT}: the loss or a gradient is not a finite number")
    out = [
        "# Exported from micrograd-studio: the lecture's MLP with the weights of the graph.",
        "#",
        f"# MLP({shape.nin}, {shape.nouts}) on {len(shape.xs)} data point{'s' * (len(shape.xs) != 1)}, "
        f"as Karpathy's lecture writes it, with {act} neurons"
        + (" and a linear output (micrograd's nonlin=False)." if shape.linear_out else "."),
        "# It runs the forward pass and loss.backward(), then checks the loss and every",
        f"# parameter's gradient against the app's (within {TOLERANCE:g}; they are the same",
        "# floats: the sums add up in the graph's order).",
        "# It needs micrograd-studio importable (its Value has tanh; micrograd's has not):",
        "#     PYTHONPATH=/path/to/micrograd-studio python this_file.py",
        "# Import Code does not read it back (classes are not read as a graph):",
        "# File > Export as Python Script writes the graph as one statement a node.",
        "import random",
        "",
        "from micrograd_studio import Value",
        "",
        "",
        *_classes(act, shape.linear_out),
        f"n = MLP({shape.nin}, {shape.nouts})",
        "# the graph's weights (w1.1.1, w1.1.2, …, b1.1, w1.2.1, …), in n.parameters() order",
        "weights = [",
        *(f"    {_num(v)}," for v in weights),
        "]",
        "for p, v in zip(n.parameters(), weights):",
        "    p.data = v",
        "",
        "xs = [",
        *(f"    [{', '.join(map(_num, x))}]," for x in shape.xs),
        "]",
        f"ys = [{', '.join(map(_num, shape.ys))}]",
        "",
        "ypred = [n(x) for x in xs]",
        "loss = sum((yout - ygt) ** 2 for ygt, yout in zip(ys, ypred))",
        "loss.backward()",
        "print('loss =', loss.data)",
        "",
        "# What micrograd-studio computed: the loss, then each parameter's gradient.",
        f"expected_loss = {_num(loss)}",
        "expected_grads = [",
        *(f"    {_num(g)}," for g in grads),
        "]",
        f"assert abs(loss.data - expected_loss) <= {TOLERANCE!r}, (loss.data, expected_loss)",
        "for i, (p, g) in enumerate(zip(n.parameters(), expected_grads)):",
        f"    assert abs(p.grad - g) <= {TOLERANCE!r}, (i, p.grad, g)",
        f"print('the loss and all {len(grads)} gradients match')",
    ]
    return "\n".join(out) + "\n"


def _classes(act: str, linear: bool) -> list[str]:
    """The lecture's Neuron, Layer and MLP; with ReLU, micrograd's ``nonlin``
    that leaves the output neuron linear (as :func:`core.learn.templates.mlp` does)."""
    return [
        "class Neuron:",
        "    def __init__(self, nin, nonlin=True):" if linear else "    def __init__(self, nin):",
        "        self.w = [Value(random.uniform(-1, 1)) for _ in range(nin)]",
        "        self.b = Value(random.uniform(-1, 1))",
        *(["        self.nonlin = nonlin"] if linear else []),
        "",
        "    def __call__(self, x):",
        "        act = sum((wi * xi for wi, xi in zip(self.w, x)), self.b)",
        f"        out = act.{act}() if self.nonlin else act" if linear else f"        out = act.{act}()",
        "        return out",
        "",
        "    def parameters(self):",
        "        return self.w + [self.b]",
        "",
        "",
        "class Layer:",
        "    def __init__(self, nin, nout, **kwargs):" if linear else "    def __init__(self, nin, nout):",
        "        self.neurons = [Neuron(nin, **kwargs) for _ in range(nout)]"
        if linear
        else "        self.neurons = [Neuron(nin) for _ in range(nout)]",
        "",
        "    def __call__(self, x):",
        "        outs = [n(x) for n in self.neurons]",
        "        return outs[0] if len(outs) == 1 else outs",
        "",
        "    def parameters(self):",
        "        return [p for neuron in self.neurons for p in neuron.parameters()]",
        "",
        "",
        "class MLP:",
        "    def __init__(self, nin, nouts):",
        "        sz = [nin] + nouts",
        *(["        last = len(nouts) - 1"] if linear else []),
        "        self.layers = [Layer(sz[i], sz[i + 1], nonlin=i != last) for i in range(len(nouts))]"
        if linear
        else "        self.layers = [Layer(sz[i], sz[i + 1]) for i in range(len(nouts))]",
        "",
        "    def __call__(self, x):",
        "        for layer in self.layers:",
        "            x = layer(x)",
        "        return x",
        "",
        "    def parameters(self):",
        "        return [p for layer in self.layers for p in layer.parameters()]",
        "",
        "",
    ]
