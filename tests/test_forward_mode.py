"""Forward mode (core/graph/forward_mode.py) and ``python main.py forward``:
tangents against hand-worked values, finite differences, Backward's
gradients and PyTorch's forward AD; the command exactly as section 3 of the
graph-file spec says (JSON shape, order, strict numbers, errors)."""

from __future__ import annotations

import json
import math
import warnings

import pytest
from second_order_helpers import close, random_graph, to_model, torch_graph
from test_cli import EXAMPLES, assert_error, run, write

from core.files import fileio
from core.graph.backward import backward
from core.graph.errors import GraphError, IncompleteGraphError
from core.graph.forward_mode import NotALeafError, forward_mode

SEEDS = range(60)


def blog():
    return fileio.load(EXAMPLES / "blog_L.mgraph")


def test_blog_by_hand():
    # L = (a*b + c) * f with a=2, b=-3, c=10, f=-2: dL/da = b*f = 6
    r = forward_mode(blog(), "a")
    assert r.order == ["a", "e", "d", "L"]
    assert r.tangents == {"a": 1.0, "e": -3.0, "d": -3.0, "L": 6.0, "b": 0.0, "c": 0.0, "f": 0.0}
    last = r.steps[-1]
    assert (last.node, last.inputs, last.locals, last.tangents_in) == (
        "L",
        ("d", "f"),
        (-2.0, 4.0),
        (-3.0, 0.0),
    )
    assert last.contributions == (6.0, None) and last.live_ports == [0]
    assert r.edge_visits == 3  # a→e, e→d, d→L: f→L carries nothing
    r = forward_mode(blog(), "f")
    assert r.order == ["f", "L"] and r.tangents["L"] == 4.0 and r.tangents["a"] == 0.0


def test_a_node_used_twice_sums_both_wires():
    m = to_model([("a", "leaf", (), 3.0), ("s", "mul", ("a", "a"), None), ("t", "add", ("s", "a"), None)])
    r = forward_mode(m, "a")
    assert r.steps[0].contributions == (3.0, 3.0) and r.tangents["s"] == 6.0
    assert r.tangents["t"] == 7.0  # d(a² + a)/da = 2a + 1


def test_refusals():
    with pytest.raises(NotALeafError, match="'e' is a mul node, not a leaf"):
        forward_mode(blog(), "e")
    with pytest.raises(NotALeafError, match="'d' is an add node, not a leaf"):  # (not "a add": review 59)
        forward_mode(blog(), "d")
    with pytest.raises(GraphError, match="unknown node 'zz'"):
        forward_mode(blog(), "zz")
    m = to_model([("a", "leaf", (), 1.0), ("b", "leaf", (), 1.0)])
    m.add_node("mul", "p")
    m.connect("a", "p", 0)
    with pytest.raises(IncompleteGraphError, match="'p'"):
        forward_mode(m, "a")
    assert forward_mode(m, "b").order == ["b"]  # nothing incomplete depends on b


def _leaves(nodes):
    return [n for n, op, *_ in nodes if op == "leaf"]


def test_root_tangents_equal_backward_gradients():
    checked = 0
    for seed in SEEDS:
        nodes, root = random_graph(seed)
        m = to_model(nodes, root)
        grads = backward(m, root).grads
        for leaf in _leaves(nodes):
            t = forward_mode(m, leaf).tangents[root]
            assert close(t, grads[leaf], 1e-12, 1e-14), (seed, leaf, t, grads[leaf])
            checked += t != 0.0
    assert checked > 100


def test_every_tangent_equals_a_central_finite_difference():
    h = 1e-6
    checked = 0
    for seed in SEEDS:
        nodes, root = random_graph(seed)
        m = to_model(nodes, root)
        for leaf in _leaves(nodes):
            r = forward_mode(m, leaf)
            x = m.value(leaf)
            m.set_value(leaf, x + h)
            up = m.values()
            m.set_value(leaf, x - h)
            down = m.values()
            m.set_value(leaf, x)
            for n in m.nodes():
                fd = (up[n] - down[n]) / (2 * h)
                assert close(r.tangents[n], fd, 1e-5, 1e-6), (seed, leaf, n, r.tangents[n], fd)
                checked += abs(fd) > 1e-3
    assert checked > 500


def test_tangents_match_pytorch_forward_ad():
    torch = pytest.importorskip("torch")
    warnings.filterwarnings("ignore", message="Failed to initialize NumPy")
    import torch.autograd.forward_ad as fwAD

    ops_seen = set()
    for seed in SEEDS:
        nodes, root = random_graph(seed)
        m = to_model(nodes, root)
        for leaf in _leaves(nodes):
            ours = forward_mode(m, leaf).tangents
            with fwAD.dual_level():
                vals = {n: x for n, op, _, x in nodes if op == "leaf"}
                duals = {
                    n: fwAD.make_dual(
                        torch.tensor(v, dtype=torch.float64),
                        torch.tensor(1.0 if n == leaf else 0.0, dtype=torch.float64),
                    )
                    for n, v in vals.items()
                }
                t = torch_graph(torch, nodes, duals)
                for n, *_ in nodes:
                    tan = fwAD.unpack_dual(t[n]).tangent
                    theirs = 0.0 if tan is None else tan.item()
                    assert close(ours[n], theirs, 1e-12, 1e-14), (seed, leaf, n, ours[n], theirs)
        ops_seen |= {op for _, op, *_ in nodes}
    assert len(ops_seen) == 12


# ------------------------------------------------------------ the command
def forward_json(*args) -> dict:
    r = run("forward", *args, "--json")
    assert r.returncode == 0, r.stderr
    assert r.stderr == ""
    return json.loads(r.stdout, parse_constant=lambda c: pytest.fail(f"{c} is not strict JSON"))


def test_cli_json_exactly_as_the_contract():
    doc = forward_json(EXAMPLES / "blog_L.mgraph", "--wrt", "a")
    assert list(doc) == ["wrt", "order", "nodes"]
    assert doc["wrt"] == "a" and doc["order"] == ["a", "e", "d", "L"]
    assert set(doc["nodes"]) == {"a", "b", "c", "d", "e", "f", "L"}
    assert doc["nodes"]["L"] == {"op": "mul", "label": "L", "value": -8.0, "tangent": 6.0}
    assert doc["nodes"]["b"]["tangent"] == 0.0
    for d in doc["nodes"].values():
        assert list(d) == ["op", "label", "value", "tangent"]


def test_cli_order_is_the_leaf_and_its_dependents_inputs_first():
    for path in sorted(EXAMPLES.glob("*.mgraph")):
        m = fileio.load(path)
        for leaf in [n for n in m.nodes() if m.op(n) == "leaf"]:
            doc = forward_json(path, "--wrt", leaf)
            order = doc["order"]
            assert order[0] == leaf and set(order) == m.downstream([leaf])
            rank = {n: i for i, n in enumerate(order)}
            for s, t, _ in m.edges():
                if s in rank:
                    assert rank[s] < rank[t]
            grads = backward(m).grads
            root = m.resolve_root()
            assert close(doc["nodes"][root]["tangent"], grads[leaf], 1e-12, 1e-15)


def test_cli_nonfinite_numbers_are_strings(tmp_path):
    path = write(
        tmp_path,
        [("a", "leaf", {"value": 0.0}), ("l", "log", {}), ("r", "pow", {"exponent": 0.5})],
        [("a", "l", 0), ("a", "r", 0)],
    )
    doc = forward_json(path, "--wrt", "a")
    assert doc["nodes"]["l"]["value"] == "-inf" and doc["nodes"]["l"]["tangent"] == "inf"
    assert doc["nodes"]["r"]["tangent"] == "inf"


def test_cli_table():
    r = run("forward", EXAMPLES / "blog_L.mgraph", "--wrt", "a")
    assert r.returncode == 0 and r.stderr == ""
    lines = r.stdout.splitlines()
    assert "tangent" in lines[1] and lines[-1].split()[0] == "f"
    assert any(line.split()[:2] == ["L", "mul"] and line.split()[-1] == "6.0" for line in lines)


def test_cli_errors(tmp_path):
    blog_path = EXAMPLES / "blog_L.mgraph"
    assert_error(run("forward", blog_path, "--wrt", "e"), "'e'", "not a leaf", code=1)
    assert_error(run("forward", blog_path, "--wrt", "zz", "--json"), "'zz'", code=1)
    assert_error(run("forward", blog_path), "--wrt", code=2)
    assert_error(run("forward", tmp_path / "none.mgraph", "--wrt", "a"), "none.mgraph", code=1)
    path = write(tmp_path, [("a", "leaf", {"value": 1.0}), ("m", "mul", {})], [])
    assert_error(run("forward", path, "--wrt", "a"), "'m'", "port 0", code=1)
    (tmp_path / "bad.mgraph").write_text("{not json")
    assert_error(run("forward", tmp_path / "bad.mgraph", "--wrt", "a"), "bad.mgraph", code=1)


def test_pow_zero_and_relu_at_zero_follow_pytorch():
    m = to_model(
        [
            ("a", "leaf", (), 0.0),
            ("p", "pow", ("a",), 0.0),
            ("r", "relu", ("a",), None),
            ("q", "pow", ("a",), -1.0),
        ]
    )
    t = forward_mode(m, "a").tangents
    assert t["p"] == 0.0 and t["r"] == 0.0 and t["q"] == -math.inf
