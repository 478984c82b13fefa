"""The headless command's numbered tables (core/files/tables.py): a quick
bulk check recognises the usual valid file without the validator, every
other file goes to :func:`file_check.validate`, so each refusal is the
validator's own; Kahn's order on numbers is Kahn's order on ids."""

import copy
import json
import random

import pytest

from core.files import file_check, fileio, tables
from core.graph.errors import FileFormatError
from core.graph.topology import kahn_order, kahn_order_numbered

OPS2 = ["add", "sub", "mul", "div"]
OPS1 = ["neg", "exp", "log", "tanh", "relu", "sigmoid", "pow"]


def good_doc(rnd: random.Random, n: int) -> dict:
    """A valid file with every op, shared nodes, labels, positions, keys of
    a node's or an edge's own, edges in any order."""
    nodes, edges = [], []
    for i in range(n):
        nid = f"v{i}" if rnd.random() < 0.9 else f"é{i}"
        if i < 2 or rnd.random() < 0.3:
            nd = {"id": nid, "op": "leaf", "value": rnd.choice([rnd.uniform(-3, 3), 0, 2, -0.0, 1e300])}
        else:
            op = rnd.choice(OPS2 + OPS1)
            nd = {"id": nid, "op": op}
            if op == "pow":
                nd["exponent"] = rnd.choice([2, 0.5, -1, 0, 1.5])
            keyed = rnd.random() < 0.3  # (a node's edges all keyed, or none: a*a's two keys differ)
            for p in rnd.sample(range(2 if op in OPS2 else 1), 2 if op in OPS2 else 1):
                edges.append({"source": nodes[rnd.randrange(i)]["id"], "target": nid, "port": p})
                if keyed:
                    edges[-1]["key"] = p
                if rnd.random() < 0.05:
                    edges[-1]["style"] = {"w": [1, 2.0]}
        if rnd.random() < 0.3:
            nd["label"] = rnd.choice(["a", "é", None, ""])
        if rnd.random() < 0.3:
            nd["x"], nd["y"] = rnd.uniform(-100, 100), 3
        if rnd.random() < 0.05:
            nd["note"] = {"text": "kept", "size": [1, 2.5]}
        nodes.append(nd)
    rnd.shuffle(edges)
    graph = {"format": "micrograd-studio", "version": 1, "output": nodes[-1]["id"], "view": {"zoom": 2}}
    return {"directed": True, "multigraph": True, "graph": graph, "nodes": nodes, "edges": edges}


NAN, INF = float("nan"), float("inf")


def _node(r, d, op=None):
    found = [nd for nd in d["nodes"] if op is None or nd["op"] == op]
    return r.choice(found) if found else d["nodes"][0]


def _edge(r, d):
    return r.choice(d["edges"]) if d["edges"] else {}


#: one fault (or something unusual but valid) each; the validator's message stands
MUTATIONS = [
    lambda r, d: d["nodes"].insert(r.randrange(len(d["nodes"]) + 1), r.choice([7, "s", [], None])),
    lambda r, d: _node(r, d).pop("id"),
    lambda r, d: _node(r, d).update(id=r.choice([1, "", None, True, 1.5])),
    lambda r, d: _node(r, d).update(id=d["nodes"][0]["id"]),
    lambda r, d: _node(r, d).update(op=r.choice(["frob", 1, None, ["x"], True])),
    lambda r, d: _node(r, d).pop("op"),
    lambda r, d: _node(r, d, "leaf").update(value=r.choice([NAN, INF, "1", True, None, 10**400, [1]])),
    lambda r, d: _node(r, d, "leaf").pop("value"),
    lambda r, d: _node(r, d, "pow").update(exponent=r.choice([NAN, -INF, "2", False, None])),
    lambda r, d: _node(r, d).update(label=r.choice([1, 2.5, [], {"a": 1}, True])),
    lambda r, d: _node(r, d).update({r.choice("xy"): r.choice([NAN, INF, "1", None, True, 10**400])}),
    lambda r, d: _node(r, d).update(style=r.choice([{"w": [NAN]}, INF, [1, {"x": -INF}]])),
    lambda r, d: _node(r, d).update(extra=r.choice([{"w": [1]}, "s", None, 10**400])),  # valid
    lambda r, d: d["graph"].pop(r.choice(["format", "version"])),
    lambda r, d: d["graph"].update(version=r.choice([2, 0, 1.0, True, "1"])),
    lambda r, d: d["graph"].update(format=r.choice(["x", 1])),
    lambda r, d: d["graph"].update(view={"zoom": NAN}),
    lambda r, d: d["graph"].update(output=r.choice(["nope", 1, ["v1"]])),
    lambda r, d: d["graph"].update(output=None),  # valid
    lambda r, d: d["edges"].insert(0, r.choice([1, "e", [], None])),
    lambda r, d: _edge(r, d).update({r.choice(["source", "target"]): r.choice(["nope", 1, None, ["v0"]])}),
    lambda r, d: _edge(r, d).pop(r.choice(["source", "target", "port"]), None),
    lambda r, d: d["edges"].append({"source": "v0", "target": _node(r, d, "leaf")["id"], "port": 0}),
    lambda r, d: _edge(r, d).update(port=r.choice([True, 1.0, "0", -1, 2, 5, None, 10**30])),
    lambda r, d: d["edges"].append(dict(copy.deepcopy(_edge(r, d)), source="v0")),
    lambda r, d: _edge(r, d).update(w=r.choice([NAN, [INF], {"a": {"b": NAN}}])),
    lambda r, d: _edge(r, d).update(key=r.choice([NAN, "k", None])),  # valid: "key" is the multigraph's
    lambda r, d: _edge(r, d).update(source=d["edges"][-1]["target"] if d["edges"] else "v0"),  # maybe a cycle
    lambda r, d: d["edges"].pop(r.randrange(len(d["edges"]))) if d["edges"] else None,  # incomplete: valid
    lambda r, d: d["graph"].update(groups=r.choice([[], "x", [{"bad": 1}]])),
    lambda r, d: d["graph"].update(data=r.choice(["x", [1]])),
    lambda r, d: d["graph"].update(custom_ops=r.choice(["x", [{"name": "bad"}]])),
    lambda r, d: d.update({r.choice(["nodes", "edges"]): r.choice([{}, "x", 1])}),
    lambda r, d: d.update(links=d.pop("edges")),  # valid: networkx's older name
]


def outcome(read, path):
    try:
        t = read(path)
    except FileFormatError as e:
        return ("refused", str(e))
    if isinstance(t, tables.FileTables):
        return ("read", t.ids, t.order, t.src0, t.src1)
    by_number = {n: i for i, n in enumerate(t.by_id)}
    ports = [[-1 if s is None else by_number[s] for s in t.inputs[n]] + [-1, -1] for n in t.by_id]
    order = [by_number[n] for n in t.order]
    return ("read", list(t.by_id), order, [p[0] for p in ports], [p[1] for p in ports])


@pytest.mark.parametrize("seed", range(6))
def test_a_refusal_is_the_validators_and_a_read_is_its_tables(seed, tmp_path):
    rnd = random.Random(seed)
    refused = 0
    for i in range(60):
        doc = good_doc(rnd, rnd.choice([2, 5, 30]))
        for mutate in rnd.sample(MUTATIONS, rnd.choice([1, 1, 2])):
            try:
                mutate(rnd, doc)
            except (KeyError, ValueError, IndexError, AttributeError, TypeError):
                pass  # not applicable to this document (e.g. "nodes" is no list)
        p = tmp_path / f"f{i}.mgraph"
        p.write_text(json.dumps(doc), encoding="utf-8")
        want = outcome(fileio.read, p)
        assert outcome(tables.read_tables, p) == want, want
        refused += want[0] == "refused"
    assert 20 < refused < 60  # both kinds were tried


def test_the_usual_file_is_read_without_the_validator(tmp_path, monkeypatch):
    rnd = random.Random(1)
    docs = [good_doc(rnd, n) for n in (1, 3, 40, 400)]
    for i, doc in enumerate(docs):
        (tmp_path / f"f{i}.mgraph").write_text(json.dumps(doc), encoding="utf-8")
    want = [outcome(fileio.read, tmp_path / f"f{i}.mgraph") for i in range(len(docs))]

    def refuse(*a):
        raise AssertionError("the validator ran")

    monkeypatch.setattr(file_check, "validate", refuse)
    for i in range(len(docs)):
        assert outcome(tables.read_tables, tmp_path / f"f{i}.mgraph") == want[i]


@pytest.mark.parametrize(
    "unusual",
    [
        {"nodes": [{"id": "a", "op": "leaf", "value": 1, "style": {"w": [NAN]}}], "edges": []},
        {"nodes": [{"id": "a", "op": "leaf", "value": True}], "edges": []},
        {"nodes": [{"id": "a", "op": "leaf", "value": 10**400}], "edges": []},
        {
            "nodes": [
                {"id": "a", "op": "leaf", "value": 1},
                {"id": "b", "op": "neg"},
                {"id": "c", "op": "neg"},
            ],
            "edges": [{"source": "b", "target": "c", "port": 0}, {"source": "c", "target": "b", "port": 0}],
        },
        {
            "nodes": [{"id": "a", "op": "leaf", "value": 1}, {"id": "b", "op": "neg"}],
            "edges": [{"source": "a", "target": "b", "port": 0}, {"source": "a", "target": "b", "port": 0}],
        },
        {
            "nodes": [{"id": "a", "op": "leaf", "value": 1}, {"id": "b", "op": "neg"}],
            "edges": [{"source": "a", "target": "b", "port": True}],
        },
    ],
)
def test_the_quick_check_is_never_sure_of_a_bad_file(unusual):
    doc = {"graph": {"format": "micrograd-studio", "version": 1}, **unusual}
    rec = fileio.parse(json.dumps(doc), "f")
    assert tables.quick_tables(rec) is None  # the recogniser itself
    with pytest.raises(FileFormatError):
        file_check.validate(rec, "f")


def test_numbered_kahn_is_kahn_on_ids():
    rnd = random.Random(3)
    for _ in range(200):
        n = rnd.randrange(1, 40)
        src0, src1 = [-1] * n, [-1] * n
        for t in range(n):
            for src in (src0, src1)[: rnd.choice([0, 1, 2])]:
                if rnd.random() < 0.9:  # some ports empty; some wires backwards: cycles
                    src[t] = rnd.randrange(n) if rnd.random() < 0.1 else rnd.randrange(max(t, 1))
        inputs = {
            f"n{t}": [f"n{s}" if s >= 0 else None for s in (src0[t], src1[t])[: 1 + (src1[t] >= 0)]]
            for t in range(n)
        }
        want, _ = kahn_order(inputs)
        assert [f"n{i}" for i in kahn_order_numbered(src0, src1)] == want
