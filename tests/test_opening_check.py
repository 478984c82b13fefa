"""Opening a file in the app checks it in bulk (core/files/opening.py): the
same verdict as ``file_check.validate`` on every file, good or broken (the very
message), and the same model from a good one."""

from __future__ import annotations

import copy
import json
import random

import pytest

from core.files import file_check, fileio, opening
from core.graph.errors import GraphError
from core.graph.model import GraphModel


def base(n: int, seed: int) -> dict:
    """A valid file's dict: leaves, then ops wired to earlier nodes."""
    rnd = random.Random(seed)
    m = GraphModel()
    for i in range(n):
        if i < 4 or rnd.random() < 0.2:
            m.add_node("leaf", f"n{i}", value=rnd.uniform(-3, 3), x=i * 200.0, y=rnd.uniform(0, 900))
            continue
        op = rnd.choice(["add", "mul", "sub", "div", "tanh", "neg", "pow", "exp", "relu"])
        kw = {"exponent": 2.0} if op == "pow" else {}
        m.add_node(op, f"n{i}", x=i * 200.0, y=rnd.uniform(0, 900), **kw)
        for p in range(2 if op in ("add", "mul", "sub", "div") else 1):
            if rnd.random() < 0.95:  # some ports stay empty
                m.connect(f"n{rnd.randrange(i)}", f"n{i}", p)
    if rnd.random() < 0.5:
        m.set_output(f"n{n - 1}")
    return json.loads(fileio.dumps(m))


def broken(d: dict, rnd: random.Random) -> dict:
    """``d`` with one fault (or one rare but valid feature) put in."""
    d = copy.deepcopy(d)
    nodes, edges = d["nodes"], d["edges"]
    nd, ed = rnd.choice(nodes), rnd.choice(edges) if edges else None
    kind = rnd.randrange(14)
    if kind == 0:
        nd["id"] = nodes[0]["id"]  # two nodes with one id
    elif kind == 1:
        nd["op"] = "frobnicate"
    elif kind == 2:
        nodes[0]["value"] = float("nan")
    elif kind == 3 and ed:
        ed["port"] = 5
    elif kind == 4 and ed:
        edges.append(dict(ed))  # two wires into one port
    elif kind == 5 and ed:
        edges.append({"source": ed["target"], "target": ed["source"], "port": 0})  # a cycle, or a leaf's port
    elif kind == 6:
        d["graph"]["output"] = "nowhere"
    elif kind == 7:
        nd["label"] = 12
    elif kind == 8:
        nd["note"] = {"deep": [1, float("inf")]}
    elif kind == 9:
        nd["x"] = True  # a boolean is no number
    elif kind == 10:
        nodes.append("not an object")
    elif kind == 11:
        d["graph"]["groups"] = [{"id": "g", "label": "a part", "nodes": [nd["id"]]}]  # valid, rare
    elif kind == 12 and ed:
        ed["key"] = 0
        ed["colour"] = "red"  # a key of its own: kept
    else:
        d["graph"]["version"] = 99
    return d


def verdict(load, text: str):
    try:
        m = load(text, "f.mgraph")
    except GraphError as e:
        return ("refused", type(e).__name__, str(e))
    return (
        "model",
        list(m.graph.nodes(data=True)),
        [(s, t, dict(d)) for s, t, d in m.graph.edges(data=True)],
        m.topological_order(),
        {n: repr(v) for n, v in m.values().items()},  # nan == nan, bit for bit
        [m.inputs(n) for n in m.nodes()],
        m.attrs,
        m.groups.to_records() if len(m.groups) else [],
    )


@pytest.mark.parametrize("seed", range(6))
def test_the_bulk_check_gives_the_validators_verdict(seed):
    rnd = random.Random(seed)
    good = base(rnd.randrange(5, 120), seed)
    texts = [json.dumps(good)] + [json.dumps(broken(good, rnd)) for _ in range(40)]
    kinds = set()
    for text in texts:
        want = verdict(fileio.loads, text)
        assert verdict(opening.loads, text) == want
        kinds.add(want[0])
    assert kinds == {"model", "refused"}


def test_a_recognised_file_skips_the_validator(monkeypatch):
    text = json.dumps(base(200, 9))
    calls = []
    validate = file_check.validate
    monkeypatch.setattr(file_check, "validate", lambda *a: calls.append(1) or validate(*a))
    opening.loads(text)
    assert calls == []  # recognised in bulk
    bad = base(50, 3)
    bad["graph"]["version"] = 99
    with pytest.raises(GraphError, match="version 99"):
        opening.loads(json.dumps(bad))  # not sure: the validator's message
    assert calls == [1]


def complete(n: int, seed: int) -> str:
    """A valid file whose every port is fed, with values that overflow,
    divide by zero and take logs of negatives (inf and nan on the way)."""
    rnd = random.Random(seed)
    m = GraphModel()
    for i in range(n):
        if i < 4 or rnd.random() < 0.2:
            v = rnd.choice([rnd.uniform(-3, 3), 0.0, -0.0, 1e300, -1e308, 710.0])
            m.add_node("leaf", f"n{i}", value=v, x=i * 200.0, y=rnd.uniform(0, 900))
            continue
        op = rnd.choice(["add", "mul", "sub", "div", "tanh", "neg", "pow", "exp", "relu", "log"])
        kw = {"exponent": rnd.choice([2.0, -1.0, 0.5])} if op == "pow" else {}
        m.add_node(op, f"n{i}", x=i * 200.0, y=rnd.uniform(0, 900), **kw)
        for p in range(2 if op in ("add", "mul", "sub", "div") else 1):
            m.connect(f"n{rnd.randrange(i)}", f"n{i}", p)
    return fileio.dumps(m)


@pytest.mark.parametrize("seed", range(4))
def test_a_file_with_every_port_fed_gets_its_values_from_the_tables(seed, monkeypatch):
    """No empty port: the values come from the check's tables (one list step
    a node, core/graph/headless.py), not from the model's pass over its
    dicts, and are the model's own bit for bit, in the same order, with no
    reasons; a file with an empty port is evaluated by the model as ever."""
    from core.graph import forward

    text = complete(300, seed)
    want = fileio.loads(text)  # the validator's path: the model evaluates
    passes = []
    evaluate = forward.evaluate
    monkeypatch.setattr(forward, "evaluate", lambda *a: passes.append(len(a[0])) or evaluate(*a))
    told = []
    got = opening.loads(text)
    assert passes == []
    assert [(n, repr(v)) for n, v in got.values().items()] == [(n, repr(v)) for n, v in want.values().items()]
    assert {repr(v) for v in got.values().values()} & {"inf", "-inf", "nan"}  # the hard cases are there
    assert all(got.reason(n) is None for n in got.nodes())
    got.values_changed.connect(told.append)
    got.set_value("n0", 0.5)  # later edits evaluate as ever
    assert passes and told
    d = json.loads(text)
    cut = d["edges"].pop()  # a port left empty
    passes.clear()
    holey = opening.loads(json.dumps(d))
    assert passes == [len(d["nodes"])]  # the model's own pass, with its reasons
    assert holey.reason(cut["target"]) is not None
