"""The private networkx layout GraphModel relies on for speed.

core/graph/bulk.py writes new nodes and wires straight into a
MultiDiGraph's ``_node``/``_succ``/``_pred`` dicts when it loads a file
(the public calls make a 100k-node load about 15% slower),
core/graph/model.py reads ``_succ`` in ``sinks`` and ``downstream`` (and
core/graph/sinks.py in ``SinkWatch``; core/graph/layout.py reads ``_succ`` and
``_pred`` in ``layered_positions``), and
core/graph/bulk_edit.py reads ``_node`` when a batch wires nodes (``_wire``);
core/graph/bulk_remove.py, undoing a delete, moves nodes back to their places
in ``_node``/``_succ``/``_pred`` and uses back in their order (``_put_in_place``,
popped and put back in the same dicts). pyproject.toml pins networkx
below the first version not checked; each test here fails with what to
change when a networkx release moves that layout.
"""

import networkx as nx
import pytest

from core.graph.model import GraphModel

FIX = (
    "networkx {v} changed its private MultiDiGraph layout ({what}). "
    "core/graph/bulk.py (_add_nodes, _add_edges) and core/graph/model.py "
    "(GraphModel.sinks, GraphModel.downstream) write and read it directly: switch them "
    "to g.add_nodes_from / g.add_edges_from / g.succ (slower, see their docstrings) or "
    "adapt them, then move the networkx bound in pyproject.toml."
)


def need(ok: bool, what: str) -> None:
    if not ok:
        pytest.fail(FIX.format(v=nx.__version__, what=what), pytrace=False)


def test_the_raw_dicts_are_there_and_are_what_the_views_show():
    g = nx.MultiDiGraph()
    g.add_node("a", op="leaf")
    g.add_edge("a", "b", port=0)
    for name in ("_node", "_succ", "_pred"):
        need(isinstance(getattr(g, name, None), dict), f"MultiDiGraph.{name} is no longer a dict")
    need(g._node["a"] is g.nodes["a"], "g._node[n] is not the dict g.nodes[n] shows")
    need(
        set(g._succ["a"]) == {"b"} and set(g._pred["b"]) == {"a"},
        "_succ/_pred no longer map node -> neighbour -> ...",
    )
    need(
        g._succ["a"]["b"] is g._pred["b"]["a"],
        "_succ[u][v] and _pred[v][u] are no longer one shared key dict",
    )
    need(
        g._succ["a"]["b"][0] is g.edges["a", "b", 0],
        "the key dict no longer maps edge key -> the edge's attribute dict",
    )
    for f in (
        "adjlist_inner_dict_factory",
        "node_attr_dict_factory",
        "edge_key_dict_factory",
        "edge_attr_dict_factory",
    ):
        need(callable(getattr(g, f, None)), f"MultiDiGraph.{f} is gone")
    need(callable(getattr(nx, "_clear_cache", None)), "nx._clear_cache is gone")


def build(bulk: bool) -> GraphModel:
    at = {"x": 0.0, "y": 0.0}  # as add_node writes them
    nodes = [
        ("x", {"op": "leaf", "value": 2.0, **at}),
        ("y", {"op": "leaf", "value": 3.0, **at}),
        ("m", {"op": "mul", **at}),
        ("s", {"op": "add", **at}),
    ]
    edges = [("x", "m", 0), ("x", "m", 1, {"note": "both ports"}), ("m", "s", 0), ("y", "s", 1)]
    if bulk:
        return GraphModel.from_records({}, nodes, edges)
    m = GraphModel()
    for n, a in nodes:
        m.add_node(a.pop("op"), n, **a)
    for s, t, p, *extra in edges:
        m.connect(s, t, p)
        if extra:
            m.graph.edges[s, t, len(m.graph.succ[s][t]) - 1].update(extra[0])
    return m


def test_a_bulk_load_builds_the_graph_the_public_calls_build():
    fast, slow = build(True).graph, build(False).graph
    need(list(fast.nodes(data=True)) == list(slow.nodes(data=True)), "nodes differ after a bulk load")
    need(
        list(fast.edges(keys=True, data=True)) == list(slow.edges(keys=True, data=True)),
        "edges (or their keys) differ after a bulk load",
    )
    need(
        list(fast.in_edges(keys=True, data=True)) == list(slow.in_edges(keys=True, data=True)),
        "in-edges differ after a bulk load: _pred is not kept as networkx keeps it",
    )
    need(nx.utils.graphs_equal(fast, slow), "nx.utils.graphs_equal says the graphs differ")
    fast.remove_edge("x", "m", 0)  # networkx must be able to edit what was written
    need(
        list(fast.pred["m"]["x"]) == [1] and list(fast.succ["x"]["m"]) == [1],
        "removing a bulk-loaded edge leaves _succ and _pred out of step",
    )


def test_sinks_and_downstream_read_the_raw_adjacency_right():
    m = build(True)
    need(m.sinks() == ["s"], "GraphModel.sinks reads _succ wrongly")
    need(m.downstream(["x"]) == {"x", "m", "s"}, "GraphModel.downstream reads _succ wrongly")


def test_the_views_list_nodes_and_wires_in_the_raw_dicts_order_also_once_reordered_in_place():
    """A file lists nodes and wires as the views do: a delete's undo puts them
    back in order by reordering the raw dicts in place (core/graph/bulk_remove.py)."""
    g = nx.MultiDiGraph()
    for n in "abcd":
        g.add_node(n, op="leaf")
    g.add_edge("a", "c", port=0)
    g.add_edge("a", "b", port=0)
    g.add_edge("a", "b", port=1)
    order = ["b", "a", "d", "c"]
    for table in (g._node, g._succ, g._pred):
        table.update(zip(order, list(map(table.pop, order))))
    d = g._succ["a"]
    d.update(zip(["b", "c"], list(map(d.pop, ["b", "c"]))))
    nx._clear_cache(g)
    need(list(g.nodes) == order, "g.nodes no longer lists nodes in _node's order")
    need(
        list(g.edges(keys=True)) == [("a", "b", 0), ("a", "b", 1), ("a", "c", 0)],
        "g.edges no longer lists wires in _succ's order",
    )
    need(g._succ["a"]["b"] is g._pred["b"]["a"], "a reordered use no longer shares its key dict")
    need(list(g.predecessors("b")) == ["a"] and g.has_edge("a", "c"), "a reordered graph lost a wire")
