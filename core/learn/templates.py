"""Ready-made graphs from the lecture: a Neuron and an MLP with its loss.

A template is plain records (nodes with positions, edges, the output); it is
turned into model edits by :func:`insert` after :func:`placed` has given it
ids unused in the document and moved it to where it should appear. Inputs
and targets are marked ``"trainable": false``; weights and biases true.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from core.graph.errors import InvalidValueError

if TYPE_CHECKING:
    from core.graph.model import GraphModel

ACTIVATIONS = ("tanh", "relu")
#: The lecture's data set for MLP(3, [4, 4, 1]).
LECTURE_XS = [[2.0, 3.0, -1.0], [3.0, -1.0, 0.5], [0.5, 1.0, 1.0], [1.0, 1.0, -1.0]]
LECTURE_YS = [1.0, -1.0, -1.0, 1.0]
#: The lecture's neuron: o = tanh(x1*w1 + x2*w2 + b) = 0.7071.
LECTURE_NEURON: dict[str, Any] = {"x": [2.0, 0.0], "w": [-3.0, 1.0], "b": 6.8813735870195432}


@dataclass
class Template:
    title: str
    nodes: list = field(default_factory=list)  # (id, attrs with op, label, value, x, y, ...)
    edges: list = field(default_factory=list)  # (source, target, port)
    output: str | None = None
    #: (group id, label, node ids, collapsed), inner groups before the groups
    #: around them (grouping a neuron's nodes, then the layer's, nests them).
    groups: list = field(default_factory=list)

    def ids(self) -> list[str]:
        return [n for n, _ in self.nodes]

    def group_ids(self) -> list[str]:
        return [g[0] for g in self.groups]

    def group(self, gid: str, label: str, nodes: Sequence[str], collapsed: bool = False) -> str:
        self.groups.append((gid, label, list(nodes), collapsed))
        return gid

    def attrs(self, nid: str) -> dict:
        return next(a for n, a in self.nodes if n == nid)

    # building helpers
    def leaf(self, nid: str, label: str, value: float, trainable: bool) -> str:
        self.nodes.append(
            (nid, {"op": "leaf", "label": label, "value": float(value), "trainable": trainable})
        )
        return nid

    def op(self, nid: str, op: str, label: str, *inputs: str, exponent: float | None = None) -> str:
        attrs: dict[str, Any] = {"op": op, "label": label}
        if exponent is not None:
            attrs["exponent"] = float(exponent)
        self.nodes.append((nid, attrs))
        self.edges.extend((s, nid, p) for p, s in enumerate(inputs))
        return nid

    def set_positions(self, pos: dict) -> None:
        for nid, a in self.nodes:
            a["x"], a["y"] = (float(c) for c in pos[nid])


# ------------------------------------------------------------------ neuron
def neuron(n_inputs: int = 2, activation: str = "tanh", seed: int | None = None) -> Template:
    """o = act(x1*w1 + ... + xn*wn + b), labelled as in the lecture. With two
    inputs and no seed it is the lecture's neuron (o = 0.7071 for tanh);
    otherwise values are drawn from ``random.Random(seed)``."""
    if isinstance(n_inputs, bool) or not isinstance(n_inputs, int) or not 1 <= n_inputs <= 32:
        raise InvalidValueError(f"a neuron needs 1 to 32 inputs, not {n_inputs!r}")
    if activation not in ACTIVATIONS:
        raise InvalidValueError(f"activation must be one of {', '.join(ACTIVATIONS)}, not {activation!r}")
    if n_inputs == 2 and seed is None:
        xs, ws, b = LECTURE_NEURON["x"], LECTURE_NEURON["w"], LECTURE_NEURON["b"]
    else:
        rng = random.Random(seed)
        xs = [round(rng.uniform(-2, 2), 2) for _ in range(n_inputs)]
        ws = [rng.uniform(-1, 1) for _ in range(n_inputs)]
        b = rng.uniform(-1, 1)
    t = Template(f"Neuron ({n_inputs} inputs, {activation})")
    prods = []
    for i in range(1, n_inputs + 1):
        x = t.leaf(f"x{i}", f"x{i}", xs[i - 1], False)
        w = t.leaf(f"w{i}", f"w{i}", ws[i - 1], True)
        prods.append(t.op(f"x{i}w{i}", "mul", f"x{i}*w{i}", x, w))
    s = prods[0]
    for i in range(2, n_inputs + 1):
        label = "x1*w1 + x2*w2" if i == 2 else f"x1*w1 + … + x{i}*w{i}"
        s = t.op("x1w1x2w2" if n_inputs == 2 else f"sum{i}", "add", label, s, prods[i - 1])
    b_id = t.leaf("b", "b", b, True)
    n = t.op("n", "add", "n", s, b_id)
    t.output = t.op("o", activation, "o", n)
    t.group("neuron", "neuron", t.ids())
    _layout_like_core(t)
    return t


def _layout_like_core(t: Template) -> None:
    from core.graph.layout import layered_positions  # networkx: only when a template is made
    from core.graph.model import GraphModel

    m = GraphModel.from_records({}, [(n, a) for n, a in t.nodes], t.edges)
    t.set_positions(layered_positions(m))


# --------------------------------------------------------------------- MLP
#: The most nodes an MLP template is made of (MLP(3, [32, 32, 1]) on four points: 10,720).
MAX_MLP_NODES = 20_000


def mlp_nodes(sizes: Sequence[int], points: int, activation: str = "tanh") -> int:
    """How many nodes :func:`mlp` makes for layer ``sizes`` (inputs first) on
    ``points`` data points, counted before anything is made."""
    params = sum(n * (k + 1) for k, n in zip(sizes, sizes[1:]))
    per_point = sizes[0] + sum(n * (2 * k + 1) for k, n in zip(sizes, sizes[1:])) + 3
    if linear_output(activation):
        per_point -= sizes[-1]  # (no activation on the output neuron)
    return params + points * per_point + max(points - 1, 0)


def linear_output(activation: str) -> bool:
    """Whether the output neuron is linear: with ReLU, as micrograd's ``MLP``
    makes it (``nonlin=False`` on the last layer; a ReLU output could never
    reach the lecture's targets of −1, t73 #2); the lecture's tanh MLP keeps
    tanh on every neuron, as the lecture's code does."""
    return activation == "relu"


def mlp(
    nin: int = 3,
    nouts: Sequence[int] = (4, 4, 1),
    xs: Sequence[Sequence[float]] = LECTURE_XS,
    ys: Sequence[float] = LECTURE_YS,
    activation: str = "tanh",
    seed: int = 1337,
    laid_out: bool = True,
    linear_out: bool | None = None,
) -> Template:
    """The lecture's MLP on a data set with loss = Σ (ypred − y)². The weights
    are shared by every data point (a group per layer's weights, folded); a
    group per neuron, per layer and data point, and for the loss; laid out as
    Auto Layout lays them out (``lay_out_folded``). Weights come from
    ``random.Random(seed).uniform(-1, 1)`` in the lecture's order (per neuron:
    its weights, then its bias). ``linear_out``: the output neuron without
    its activation (None: :func:`linear_output`'s rule; False makes a ReLU
    MLP as files before 2026-12-07 hold it)."""
    nouts = list(nouts)
    linear = linear_output(activation) if linear_out is None else linear_out
    if not nouts or any(isinstance(k, bool) or not isinstance(k, int) or k < 1 for k in nouts):
        raise InvalidValueError(f"layer sizes must be positive whole numbers, not {nouts!r}")
    if nouts[-1] != 1:
        raise InvalidValueError("the last layer must have one neuron (the prediction)")
    if not xs or len(xs) != len(ys) or any(len(x) != nin for x in xs):
        raise InvalidValueError(f"need as many targets as data points, each with {nin} inputs")
    if activation not in ACTIVATIONS:
        raise InvalidValueError(f"activation must be one of {', '.join(ACTIVATIONS)}, not {activation!r}")
    sizes = [nin] + nouts
    count = mlp_nodes(sizes, len(xs), "relu" if linear else "tanh")  # (the count tells the linear output)
    if count > MAX_MLP_NODES:  # (a monkey test: 300, 300, 1 froze the app building 823,832 nodes)
        raise InvalidValueError(
            f"MLP({nin}, {nouts}) on {len(xs)} data point{'s' * (len(xs) != 1)} would be {count:,} nodes; "
            f"a template holds up to {MAX_MLP_NODES:,}: choose fewer or smaller layers"
        )
    rng = random.Random(seed)
    # parameters: params[li][j] = ([w ids], b id)
    t = Template(f"MLP({nin}, {nouts}) on {len(xs)} data point{'s' * (len(xs) != 1)}")
    params = []  # params[li][j] = ([weight ids], bias id)
    for li in range(len(nouts)):
        layer = []
        for j in range(sizes[li + 1]):
            ws = []
            for i in range(sizes[li]):
                ws.append(
                    t.leaf(
                        f"w{li + 1}_{j + 1}_{i + 1}", f"w{li + 1}.{j + 1}.{i + 1}", rng.uniform(-1, 1), True
                    )
                )
            b = t.leaf(f"b{li + 1}_{j + 1}", f"b{li + 1}.{j + 1}", rng.uniform(-1, 1), True)
            layer.append((ws, b))
        params.append(layer)
    losses: list[str] = []
    loss_terms: list[str] = []
    for d, (x, y) in enumerate(zip(xs, ys), start=1):
        acts = []
        for i, xv in enumerate(x):
            acts.append(t.leaf(f"x{d}_{i + 1}", f"x{i + 1}[{d}]", xv, False))
        for li, layer in enumerate(params):
            outs = []
            layer_nodes = []
            for j, (ws, b) in enumerate(layer):
                first = len(t.nodes)
                s = b
                for i, (w, a) in enumerate(zip(ws, acts)):
                    # each named apart from the same step of every other neuron and data
                    # point (the Backward banner said "(… + w·x2)", one of sixteen): the
                    # product by its weight and input, n by how many of its terms it holds
                    inp = f"x{i + 1}" if li == 0 else f"h{li}.{i + 1}"
                    p = t.op(
                        f"m{d}_{li + 1}_{j + 1}_{i + 1}", "mul", f"w{li + 1}.{j + 1}.{i + 1}·{inp}[{d}]", w, a
                    )
                    last_term = i == len(ws) - 1  # n = b + w1·x1 + ..., as in the lecture
                    so_far = "" if last_term else f".{i + 1}"  # n1.3.2[1]: b1.3 + its first two terms
                    s = t.op(f"s{d}_{li + 1}_{j + 1}_{i + 1}", "add", f"n{li + 1}.{j + 1}{so_far}[{d}]", s, p)
                if li == len(params) - 1 and linear:
                    o = s  # the output neuron's sum is the prediction (micrograd's nonlin=False)
                else:
                    o = t.op(f"h{d}_{li + 1}_{j + 1}", activation, f"h{li + 1}.{j + 1}[{d}]", s)
                outs.append(o)
                mine = [n for n, _ in t.nodes[first:]]
                t.group(f"n{d}_{li + 1}_{j + 1}", f"neuron {li + 1}.{j + 1} [{d}]", mine)
                layer_nodes += mine
            t.group(f"layer{d}_{li + 1}", f"layer {li + 1} [{d}]", layer_nodes, collapsed=True)
            acts = outs
        pred = acts[0]
        t.attrs(pred)["label"] = f"ypred[{d}]"
        tgt = t.leaf(f"y{d}", f"y[{d}]", y, False)
        diff = t.op(f"err{d}", "sub", f"ypred − y [{d}]", pred, tgt)
        sq = t.op(f"sq{d}", "pow", f"(ypred − y)² [{d}]", diff, exponent=2.0)
        losses.append(sq)
        loss_terms.extend([tgt, diff, sq])
    total = losses[0]
    for d in range(1, len(losses)):
        total = t.op(
            "loss" if d == len(losses) - 1 else f"lsum{d + 1}",
            "add",
            "loss" if d == len(losses) - 1 else f"loss[1..{d + 1}]",
            total,
            losses[d],
        )
    if len(losses) == 1:
        t.attrs(total)["label"] = "loss"
    t.output = total
    sums = [n for n, _ in t.nodes if n == "loss" or n.startswith("lsum")]
    t.group("loss", "loss", loss_terms + sums, collapsed=True)
    for li, layer in enumerate(params):
        t.group(f"params{li + 1}", f"layer {li + 1} weights", [n for ws, b in layer for n in (*ws, b)], True)
    if laid_out:  # (not for a graph only compared with it: core/learn/lecture_code.py)
        lay_out_folded(t)
    return t


def lay_out_folded(t: Template) -> None:
    """Positions for the template as it opens, its folded groups as cards
    where Auto Layout puts them, each holding its nodes where Auto Layout
    puts them with the group open (so Expand All opens a picture that reads)."""
    from core.graph.group_layout import grouped_positions
    from core.graph.model import GraphModel

    m = GraphModel.from_records({}, [(n, a) for n, a in t.nodes], t.edges)
    for _gid, label, members, _collapsed in t.groups:  # first every group open, laid out inside its frame:
        m.groups.add(members, label, gid=_gid)  # the arrangement Expand All opens them to
    m.set_output(t.output)
    m.set_positions(grouped_positions(m))
    for gid, _label, _members, collapsed in t.groups:
        if collapsed:
            m.groups.set_collapsed(gid, True)
    t.set_positions(grouped_positions(m))


# ------------------------------------------------------- classic-bug demos
def bug_demo(key: str) -> Template:
    """A small graph on which the classic bug ``key`` goes wrong: b = a + a
    for "assign" (as the shipped example accumulate_a_plus_a), the
    lecture-style reuse graph (right answer a.grad = 25, b.grad = 19) for
    "dfs" and "twice"."""
    if key == "assign":
        t = Template("b = a + a")
        a = t.leaf("a", "a", 3.0, True)
        t.output = t.op("b", "add", "b", a, a)
    else:
        t = Template("c = a + b, d = a·b, y = (c + d) + c·d")
        a = t.leaf("a", "a", 2.0, True)
        b = t.leaf("b", "b", 3.0, True)
        c = t.op("c", "add", "c = a + b", a, b)
        d = t.op("d", "mul", "d = a·b", a, b)
        e = t.op("e", "add", "e = c + d", c, d)
        f = t.op("f", "mul", "f = c·d", c, d)
        t.output = t.op("y", "add", "y = e + f", e, f)
    _layout_like_core(t)
    return t


# --------------------------------------------------------- into a document
def placed(t: Template, model: GraphModel, origin: tuple[float, float] = (0.0, 0.0)) -> Template:
    """A copy of ``t`` with ids unused in ``model`` and its top-left at ``origin``."""
    taken = set(model.nodes())
    rename = {}
    for nid, _ in t.nodes:
        new = nid
        k = 2
        while new in taken:
            new = f"{nid}_{k}"
            k += 1
        taken.add(new)
        rename[nid] = new
    xs = [a.get("x", 0.0) for _, a in t.nodes]
    ys = [a.get("y", 0.0) for _, a in t.nodes]
    dx, dy = origin[0] - min(xs, default=0.0), origin[1] - min(ys, default=0.0)
    nodes = [(rename[n], {**a, "x": a.get("x", 0.0) + dx, "y": a.get("y", 0.0) + dy}) for n, a in t.nodes]
    edges = [(rename[s], rename[d], p) for s, d, p in t.edges]
    gtaken = set(model.groups.ids())
    groups = []
    for gid, label, members, collapsed in t.groups:
        new, k = gid, 2
        while new in gtaken:
            new, k = f"{gid}_{k}", k + 1
        gtaken.add(new)
        groups.append((new, label, [rename[n] for n in members], collapsed))
    return Template(t.title, nodes, edges, rename.get(t.output), groups)


def insert(model: GraphModel, t: Template) -> list[str]:
    """Add a placed template's nodes and wires (one batch: one signal for
    the nodes, one for the wires, one evaluation) and its groups (one
    ``changed`` at the end); returns the new ids. Node by node, with the
    canvas refolding per group, MLP(3, [32, 32, 1]) took 78 s (trial 53 #2)."""
    with model.groups.batch():
        model.add_nodes(t.nodes, t.edges)
        for gid, label, members, collapsed in t.groups:
            model.groups.add(members, label, gid=gid, collapsed=collapsed)
    return t.ids()


def remove(model: GraphModel, ids: list[str], group_ids: Sequence[str] = ()) -> None:
    """Take an inserted template out again (its wires go with its nodes, its
    groups before them), in one batch."""
    with model.groups.batch():
        for gid in reversed(group_ids):
            if gid in model.groups:
                model.groups.remove(gid)
        there = [n for n in ids if n in model]
        if there:
            model.remove_nodes(there)
