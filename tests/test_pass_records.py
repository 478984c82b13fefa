"""The backward pass the app shows is computed over the model's tables, with
no ``Value`` objects, and every record of it is made when read (issue 14):
the numbers and the order are still the engine's bit for bit, and what the
finished picture shows (each gradient, each sum, where each inf/nan came
from) reads the pass's records without making one per node. Counted, never
timed."""

from __future__ import annotations

import math
import random
import struct

from core.autograd import engine
from core.explain.received import BRIEF, sum_text
from core.explain.replay import Replay
from core.graph.backward import backward
from core.graph.build import build_values
from core.graph.layout import layered_positions
from core.graph.model import GraphModel


def bits(x: float | None) -> bytes | str | None:
    """``x`` to the last bit, signed zeros apart; any nan is "nan" (which
    of two nans a product keeps is up to the compiled code: CPython's
    specialised float ops may keep the other one's sign)."""
    if x is None:
        return None
    return "nan" if x != x else struct.pack("<d", x)


def engine_pass(m: GraphModel, root: str):
    """The reference: the graph built as Values, ``Value.backward`` run on it."""
    past = m.past(root)
    vals = build_values(m, past)
    steps = vals[root].backward()
    name = {v: n for n, v in vals.items()}
    return [name[v] for v in steps.nodes], {n: v.grad for n, v in vals.items()}, list(steps)


def layered_dag(n: int, big: bool = False, seed: int = 1) -> GraphModel:
    """benchmarks/bench_scaling.py's graph: a fifth leaves (so big with
    ``big`` that most values overflow to inf and nan), then ops whose first
    input is recent and second from anywhere, summed into one output."""
    rnd = random.Random(seed)
    nodes, edges = [], []
    for i in range(n // 5):
        v = rnd.uniform(1e300, 1.7e308) * rnd.choice([-1, 1]) if big else rnd.uniform(-2, 2)
        nodes.append((f"x{i}", {"op": "leaf", "value": v}))
    ids = [nid for nid, _ in nodes]
    for i in range(n - len(ids) - 1):
        nid = f"n{i}"
        if rnd.random() < 0.7:
            nodes.append((nid, {"op": rnd.choice(["add", "mul", "sub"])}))
            edges += [(rnd.choice(ids[-50:]), nid, 0), (rnd.choice(ids), nid, 1)]
        else:
            nodes.append((nid, {"op": rnd.choice(["neg"] if big else ["tanh", "neg"])}))
            edges.append((rnd.choice(ids[-50:]), nid, 0))
        ids.append(nid)
    nodes.append(("out", {"op": "add"}))
    edges += [(ids[-1], "out", 0), (ids[len(ids) // 2], "out", 1)]
    attrs = {"format": "micrograd-studio", "version": 1, "output": "out"}
    m = GraphModel.from_records(attrs, nodes, edges)
    for nid, (x, y) in layered_positions(m).items():  # laid out in columns, as a user would
        m.graph.nodes[nid]["x"], m.graph.nodes[nid]["y"] = x, y
    return m


def odd_graph(seed: int) -> GraphModel:
    """Every op, repeated inputs (a*a), int exponents, values that overflow."""
    rnd = random.Random(seed)
    m = GraphModel()
    ids = []
    for i in range(6):
        v = rnd.choice([rnd.uniform(-3, 3), 0.0, -0.0, 1e300, -1e308, 2, 3])
        ids.append(m.add_node("leaf", f"x{i}", value=v))
    for i in range(60):
        op = rnd.choice(["add", "sub", "mul", "div", "neg", "pow", "exp", "log", "tanh", "relu", "sigmoid"])
        extra = {"exponent": rnd.choice([2, 3, -1, 0.5, -2.5, 0])} if op == "pow" else {}
        n = m.add_node(op, f"n{i}", **extra)
        ports = 2 if op in ("add", "sub", "mul", "div") else 1
        a = rnd.choice(ids[-8:])
        m.connect(a, n, 0)
        if ports == 2:
            m.connect(a if rnd.random() < 0.15 else rnd.choice(ids), n, 1)
        ids.append(n)
    return m


def test_the_pass_is_the_engines_bit_for_bit_and_builds_no_value(monkeypatch):
    made = []
    orig_node, orig_init = engine._node, engine.Value.__init__
    monkeypatch.setattr(engine, "_node", lambda *a: made.append(1) or orig_node(*a))
    monkeypatch.setattr(engine.Value, "__init__", lambda v, *a, **k: made.append(1) or orig_init(v, *a, **k))
    graphs = [odd_graph(s) for s in range(8)] + [layered_dag(1500), layered_dag(1500, big=True)]
    for m in graphs:
        sinks = m.sinks()
        for root in [*sinks[:3], *random.Random(1).sample(m.nodes(), 5)]:
            made.clear()
            res = backward(m, root)
            assert made == []  # not one Value
            monkeypatch.setattr(engine, "_node", orig_node)
            monkeypatch.setattr(engine.Value, "__init__", orig_init)
            order, grads, steps = engine_pass(m, root)
            monkeypatch.setattr(engine, "_node", lambda *a: made.append(1) or orig_node(*a))
            monkeypatch.setattr(
                engine.Value, "__init__", lambda v, *a, **k: made.append(1) or orig_init(v, *a, **k)
            )
            assert res.order == order
            assert {n: bits(g) for n, g in res.grads.items() if n in grads} == {
                n: bits(g) for n, g in grads.items()
            }
            assert all(res.grads[n] == 0.0 for n in m.nodes() if n not in grads)
            assert len(res.steps) == len(steps)
            for k, (mine, ref) in enumerate(zip(res.steps, steps)):
                assert mine.node == order[k]
                assert bits(mine.upstream) == bits(ref.upstream)
                assert [bits(c) for c in mine.contributions] == [bits(c) for c in ref.contributions]
                assert [bits(c) for c in mine.locals] == [bits(c) for c in ref.locals]
                assert len(mine.inputs) == len(ref.inputs)


def test_a_steps_record_is_made_when_read_and_keeps_the_wires_it_ran_on():
    m = layered_dag(2000)
    res = backward(m)
    assert res.steps.made == 0
    rp = Replay(res, m.label)
    assert res.steps.made == 0  # a replay reads nothing up front
    first = rp.current(1)
    assert first is not None and res.steps.made == 1 and rp.current(1) is first
    assert first.inputs == tuple(m.inputs(first.node))
    # the model's wires change afterwards: the record still says what ran
    src = first.inputs[0]
    m.disconnect(first.node, 0)
    assert rp.steps[0].inputs[0] == src and res.steps[0].inputs[0] == src


def reference_walk(rp: Replay, node: str, pos: int):
    """Where a non-finite gradient came from, walking the received records."""
    while True:
        bad = next((r for r in rp.received_before(node, pos) if not math.isfinite(r.amount)), None)
        if bad is None:
            return None, node
        if math.isfinite(bad.upstream):
            return bad, "product" if math.isfinite(bad.local) else "local"
        node = bad.source


def test_the_finished_picture_reads_the_pass_as_the_records_say():
    for m in (layered_dag(1500, big=True), layered_dag(1500), odd_graph(3), odd_graph(5)):
        res = backward(m, m.sinks()[0])
        fast = Replay(res, m.label, m.nonfinite_reason)
        end = fast.last
        shown = {n: (fast.grad(n, end), fast.note(n, end), fast.nonfinite_origin(n, end)) for n in fast.rank}
        made = len(fast.received._made)  # type: ignore[attr-defined]
        slow = Replay(backward(m, m.sinks()[0]), m.label, m.nonfinite_reason)
        for n in slow.rank:
            got = slow.received[n]
            g = 1.0 if n == slow.root else None
            if got and n != slow.root:
                g = -0.0
                for r in got:
                    g += r.amount
            assert bits(shown[n][0]) == bits(g), n
            if n != slow.root and slow.steps[-1].node != n:
                want = None
                if len(got) > 1:
                    want = f"{slow.label(n)}.grad = " + sum_text([r.amount for r in got], g, BRIEF)
                assert shown[n][1] == want, n
            if g is not None and not math.isfinite(g):
                r, kind = reference_walk(slow, n, end)
                assert (r, kind) == fast._origin(n, end), n
        if m.nodes()[0] == "x0" and len(m) == 1500:
            # a record per node would be thousands: only the origins' few
            assert made <= len(fast.rank) // 10, made
    assert any(not math.isfinite(g) for g in backward(layered_dag(1500, big=True)).grads.values())


def test_the_pass_takes_the_models_values_and_runs_each_steps_rule_once(monkeypatch):
    """The model keeps every value its rules made from its floats: the pass
    runs no forward rule, and the gradient rule of each operator step but
    the add, sub, mul and neg ones (run as the parts the table declares
    they pass each input: most of a big graph's nodes, a call and a tuple
    each) once; what
    a step added is worked out again (the same rule on the same floats)
    when first read, not kept for every step. Inside a batch, whose values
    wait for its end, the values are worked out by the rules. Counted."""
    from core.autograd import ops
    from core.autograd.ops import FORWARD_RULES, GRAD_RULES

    m = layered_dag(1500)
    root = m.output
    order, grads, ref = engine_pass(m, root)
    calls = {"forward": 0, "grad": 0}

    def counted(f, kind):
        def rule(*a):
            calls[kind] += 1
            return f(*a)

        parts = ops.passes_of(f)  # (declared again: the pass runs the parts, a step's record calls it)
        return ops.passes(*parts)(rule) if parts else rule

    for kind, rules in (("forward", FORWARD_RULES), ("grad", GRAD_RULES)):
        for name, f in list(rules.items()):
            monkeypatch.setitem(rules, name, counted(f, kind))
    sorted_ = []
    topological = GraphModel.topological_order
    monkeypatch.setattr(
        GraphModel,
        "topological_order",
        lambda g, nodes=None: sorted_.append(len(nodes)) or topological(g, nodes),
    )
    copies: list[str] = []  # the model's values copied (a pass over every node's each)
    for name in ("values", "settled_values"):
        monkeypatch.setattr(
            GraphModel, name, lambda g, _f=getattr(GraphModel, name), _n=name: copies.append(_n) or _f(g)
        )
    res = backward(m, root)
    assert copies == ["settled_values"]  # once: the pass runs on it and the result keeps it
    assert res.values == m.values() and res.values is res.steps._vals  # type: ignore[attr-defined]
    operators = sum(not res.steps.is_leaf(k) for k in range(len(res.steps)))
    ruled = sum(m.op(res.steps.node(k)) not in ("add", "sub", "mul", "neg") for k in range(operators))
    assert operators > 300 and 50 < ruled < operators / 3  # (the tanh steps)
    assert calls == {"forward": 0, "grad": ruled}
    assert sorted_ == [operators]  # the leaves' order is the walk's: only the operators are sorted
    assert [[bits(c) for c in s.contributions] for s in res.steps] == [
        [bits(c) for c in s.contributions] for s in ref
    ]
    for n in res.order:  # every sum the finished picture shows: read again, nothing run again
        res.steps.amounts(n)
    assert calls == {"forward": 0, "grad": ruled + operators}  # (each step's own rule)
    leaf = res.steps.leaf_nodes()[0]
    with m.batch():
        m.set_value(leaf, 0.375)  # the model's values wait for the batch's end
        calls.update(forward=0, grad=0)
        copies.clear()
        res = backward(m, root)
        assert calls == {"forward": operators, "grad": ruled}
        assert copies == ["settled_values", "values"]  # (None in a batch: the values as they are)
    monkeypatch.undo()
    order, grads, _ref = engine_pass(m, root)
    assert res.order == order
    assert {n: bits(res.grads[n]) for n in grads} == {n: bits(g) for n, g in grads.items()}


def test_the_pass_reads_an_exponent_only_where_the_op_table_takes_one(monkeypatch):
    """add, sub, mul and neg (run as their parts in the chain rule's loop:
    most of a big graph's nodes) take no exponent: their attributes are not asked
    for one, a dict lookup and a method call a node at the press. Counted."""
    from types import MappingProxyType

    asked: list[str] = []

    class Attrs(dict):
        def get(self, key, default=None):
            if key == "exponent":
                asked.append(self["op"])
            return dict.get(self, key, default)

    table = GraphModel.attr_table
    monkeypatch.setattr(
        GraphModel, "attr_table", lambda g: MappingProxyType({n: Attrs(a) for n, a in table(g).items()})
    )
    monkeypatch.setattr(GraphModel, "forward_plan", lambda g: {})  # (each node read from its attributes)
    for m in (layered_dag(1500), odd_graph(2)):
        root = max(m.sinks(), key=lambda s: len(m.past(s)))
        asked.clear()
        res = backward(m, root)
        operators = [res.steps.node(k) for k in range(len(res.steps)) if not res.steps.is_leaf(k)]
        ruled = [m.op(n) for n in operators if m.op(n) not in ("add", "sub", "mul", "neg")]
        assert len(operators) > 10 and 0 < len(ruled) < len(operators)
        assert sorted(asked) == sorted(ruled)  # once each, and only those
        _order, grads, ref = engine_pass(m, res.root)
        assert {n: bits(res.grads[n]) for n in grads} == {n: bits(g) for n, g in grads.items()}
        assert [[bits(c) for c in s.locals] for s in res.steps] == [[bits(c) for c in s.locals] for s in ref]


def test_the_pass_reads_each_nodes_inputs_once(monkeypatch):
    """The walk of the root's past copies each operator's inputs as it reads
    them; the chain rule takes those copies (issue 14: each node's input
    list was looked up three times at the press, a cache miss each at
    50,000 nodes). Counted; the pass still the engine's bit for bit."""
    from types import MappingProxyType

    read: list[str] = []

    class Inputs(dict):
        def __getitem__(self, key):
            read.append(key)
            return dict.__getitem__(self, key)

    table = GraphModel.input_table
    monkeypatch.setattr(GraphModel, "input_table", lambda g: MappingProxyType(Inputs(table(g))))
    monkeypatch.setattr(GraphModel, "forward_plan", lambda g: {})  # (each node read from its tables)
    for m in (layered_dag(1500), odd_graph(3)):
        root = max(m.sinks(), key=lambda s: len(m.past(s)))
        read.clear()
        res = backward(m, root)
        assert sorted(read) == sorted(res.order)  # each node of the pass once
        _order, grads, ref = engine_pass(m, res.root)
        assert res.order == _order
        assert {n: bits(res.grads[n]) for n in grads} == {n: bits(g) for n, g in grads.items()}
        assert [[bits(c) for c in s.locals] for s in res.steps] == [[bits(c) for c in s.locals] for s in ref]


def test_the_pass_reads_the_forward_plan_not_the_nodes_tables_and_so_after_undoing_a_delete_of_all(
    monkeypatch,
):
    """Where the forward pass has read a node (its plan: op, inputs, exponent
    in one small tuple), Backward reads it there, not its input list and
    attribute dict (issue 14: each a few cache misses a node at 50,000);
    deleting every node and undoing it keeps the plan with the tables."""
    from types import MappingProxyType

    read: list[str] = []

    class Counted(dict):
        def __getitem__(self, key):
            read.append(key)
            return dict.__getitem__(self, key)

    for name in ("input_table", "attr_table"):
        table = getattr(GraphModel, name)
        monkeypatch.setattr(GraphModel, name, lambda g, table=table: MappingProxyType(Counted(table(g))))
    for m in (layered_dag(1500), odd_graph(4)):
        root = max(m.sinks(), key=lambda s: len(m.past(s)))
        for undone in (False, True):
            if undone:
                m.restore_nodes(m.remove_nodes(m.nodes()))
            read.clear()
            res = backward(m, root)
            assert read == []
            _order, grads, ref = engine_pass(m, res.root)
            assert res.order == _order
            assert {n: bits(res.grads[n]) for n in grads} == {n: bits(g) for n, g in grads.items()}
            locals_ = [[bits(c) for c in s.locals] for s in res.steps]
            assert locals_ == [[bits(c) for c in s.locals] for s in ref]
