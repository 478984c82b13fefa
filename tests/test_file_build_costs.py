"""Building the model of an opened file does each node and wire once
(issue 14): the file's own objects are taken over, not copied, and the
edges are read once, straight into the graph. Counted, never timed."""

from __future__ import annotations

import json

from core.files import edge_extras, file_check, fileio, opening
from core.graph import bulk
from core.graph.model import GraphModel


class _Walked(list):
    """A list that counts the walks over it."""

    walks = 0

    def __iter__(self):
        _Walked.walks += 1
        return super().__iter__()


def _text() -> str:
    m = GraphModel()
    m.add_node("leaf", "a", value=2, x=10, y=20)  # whole numbers: floats in the model
    m.add_node("leaf", "b", value=-1.5)
    m.add_node("mul", "c", x=300.0)
    m.add_node("pow", "d", exponent=3)
    m.connect("a", "c", 0)
    m.connect("b", "c", 1)
    m.connect("c", "d", 0)
    data = fileio.to_data(m)
    data["edges"][0]["style"] = {"width": 2}  # a key of the wire's own
    return json.dumps(data)


def _read(text: str) -> file_check.GraphRecord:
    rec = fileio.parse(text, "t.mgraph")
    opening.check(rec, "t.mgraph")
    return rec


def test_a_files_objects_become_the_model_without_a_copy(monkeypatch):
    rec = _read(_text())
    objects = list(rec.nodes)
    rec.edges = _Walked(rec.edges)
    _Walked.walks = 0
    per_tuple: list[str] = []
    for name in ("_add_nodes", "_add_edges"):  # the builders of (id, attrs) and (s, t, p) tuples
        real = getattr(bulk, name)
        monkeypatch.setattr(bulk, name, lambda *a, _n=name, _f=real: per_tuple.append(_n) or _f(*a))
    m = fileio.build(rec)
    assert [m.graph.nodes[n] for n in m.nodes()] == objects
    assert all(m.graph.nodes[n] is d for n, d in zip(m.nodes(), objects))  # taken over, not copied
    assert _Walked.walks == 1 and per_tuple == []  # the edges read once, no tuple per wire
    assert m.graph.nodes["a"] == {"op": "leaf", "value": 2.0, "x": 10.0, "y": 20.0}
    assert type(m.graph.nodes["a"]["value"]) is float and type(m.graph.nodes["d"]["exponent"]) is float
    assert m.value("d") == (2.0 * -1.5) ** 3
    assert edge_extras.of(m) == {("a", "c", 0): {"style": {"width": 2}}}
    assert sorted((s, t, d["port"]) for s, t, d in m.graph.edges(data=True)) == [
        ("a", "c", 0),
        ("b", "c", 1),
        ("c", "d", 0),
    ]
    assert m.graph.edges["a", "c", 0] == {"style": {"width": 2}, "port": 0}


def test_a_file_built_from_its_objects_is_the_model_built_from_records():
    text = _text()
    via_file = fileio.build(_read(text))
    rec = _read(text)
    nodes = [(nd.pop("id"), nd) for nd in rec.nodes]
    edges = [
        (e["source"], e["target"], e["port"], {k: v for k, v in e.items() if k not in bulk.EDGE_KEYS})
        for e in rec.edges
    ]
    via_records = GraphModel.from_records(rec.attrs, nodes, edges)
    assert fileio.to_data(via_file) == fileio.to_data(via_records)
    assert via_file.values() == via_records.values()
    assert via_file.topological_order() == via_records.topological_order()
