"""Graph files exactly per shared/spec/graph-file-format.md: networkx
node-link JSON, unknown keys kept, incomplete graphs allowed, every invalid
case refused with the file and the node or edge named, atomic saves."""

import copy
import json
import math
import os
from pathlib import Path

import networkx as nx
import pytest

from core.files import fileio
from core.graph.backward import backward
from core.graph.errors import FileFormatError, GraphError
from core.graph.model import GraphModel

EXAMPLES = Path(__file__).resolve().parents[1] / "resources" / "examples"
EXAMPLE_FILES = sorted(EXAMPLES.glob("*.mgraph"))


def spec_doc() -> dict:
    """The spec's own example, completed to L = (a*b + c) * f."""
    return {
        "directed": True,
        "multigraph": True,
        "graph": {"format": "micrograd-studio", "version": 1, "output": "L"},
        "nodes": [
            {"id": "a", "op": "leaf", "label": "a", "value": 2.0, "x": 0.0, "y": 0.0},
            {"id": "b", "op": "leaf", "label": "b", "value": -3.0},
            {"id": "c", "op": "leaf", "value": 10},
            {"id": "f", "op": "leaf", "value": -2.0},
            {"id": "e", "op": "mul", "label": "e"},
            {"id": "d", "op": "add"},
            {"id": "L", "op": "mul"},
        ],
        "edges": [
            {"source": "a", "target": "e", "port": 0, "key": 0},
            {"source": "b", "target": "e", "port": 1, "key": 0},
            {"source": "e", "target": "d", "port": 0},
            {"source": "c", "target": "d", "port": 1},
            {"source": "d", "target": "L", "port": 0},
            {"source": "f", "target": "L", "port": 1},
        ],
    }


def write(tmp_path, doc, name="g.mgraph") -> Path:
    p = tmp_path / name
    p.write_text(doc if isinstance(doc, str) else json.dumps(doc), encoding="utf-8")
    return p


# ------------------------------------------------------------------ reading
def test_the_spec_example_loads_and_evaluates(tmp_path):
    m = fileio.load(write(tmp_path, spec_doc()))
    assert m.output == "L" and m.value("L") == -8.0
    assert m.value("c") == 10.0 and type(m.value("c")) is float
    assert backward(m).grads["a"] == 6.0
    assert m.position("a") == (0.0, 0.0)


def test_networkx_loads_our_files_as_they_are(tmp_path):
    m = fileio.load(EXAMPLES / "accumulate_shared.mgraph")
    p = tmp_path / "saved.mgraph"
    fileio.save(m, p)
    with open(p, encoding="utf-8") as f:
        g = nx.node_link_graph(json.load(f), edges="edges")
    assert isinstance(g, nx.MultiDiGraph)
    assert g.graph["format"] == "micrograd-studio" and g.graph["version"] == 1
    assert set(g.nodes) == set(m.nodes())
    assert g.nodes["a"]["value"] == -2.0 and g.nodes["f"]["op"] == "mul"
    ports = sorted((s, t, d["port"]) for s, t, d in g.edges(data=True))
    assert ports == sorted(m.edges())


def test_networkx_reads_a_multigraph_edge_twice(tmp_path):
    p = tmp_path / "aa.mgraph"
    fileio.save(fileio.load(EXAMPLES / "accumulate_a_plus_a.mgraph"), p)
    g = nx.node_link_graph(json.loads(p.read_text()), edges="edges")
    assert g.number_of_edges("a", "b") == 2
    assert sorted(d["port"] for _, _, d in g.edges(data=True)) == [0, 1]


def test_a_file_written_by_networkx_loads(tmp_path):
    g = nx.MultiDiGraph(format="micrograd-studio", version=1)
    g.add_node("x", op="leaf", value=3.0)
    g.add_node("sq", op="mul")
    g.add_edge("x", "sq", port=0)
    g.add_edge("x", "sq", port=1)
    p = write(tmp_path, nx.node_link_data(g, edges="edges"))
    m = fileio.load(p)
    assert m.value("sq") == 9.0 and backward(m).grads["x"] == 6.0


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=[p.stem for p in EXAMPLE_FILES])
def test_every_example_round_trips_to_the_same_text(path, tmp_path):
    text = path.read_text(encoding="utf-8")
    m = fileio.load(path)
    assert fileio.dumps(m) == text
    out = tmp_path / path.name
    fileio.save(m, out)
    m2 = fileio.load(out)
    assert out.read_text(encoding="utf-8") == text
    assert sorted(m2.edges()) == sorted(m.edges())
    assert {n: m2.node(n) for n in m2.nodes()} == {n: m.node(n) for n in m.nodes()}


def test_unknown_keys_are_kept_on_a_round_trip(tmp_path):
    doc = spec_doc()
    doc["graph"]["view"] = {"zoom": 1.5, "center": [10, -4]}
    doc["graph"]["app_version"] = "9.9"
    doc["nodes"][0]["trainable"] = True
    doc["nodes"][4]["note"] = {"text": "a times b", "tags": ["x", None]}
    doc["edges"][0]["color"] = "red"
    m = fileio.load(write(tmp_path, doc))
    assert m.node("a")["trainable"] is True
    out = tmp_path / "out.mgraph"
    fileio.save(m, out)
    back = json.loads(out.read_text())
    assert back["graph"]["view"] == {"zoom": 1.5, "center": [10, -4]}
    assert back["graph"]["app_version"] == "9.9"
    nodes = {n["id"]: n for n in back["nodes"]}
    assert nodes["a"]["trainable"] is True
    assert nodes["e"]["note"] == {"text": "a times b", "tags": ["x", None]}
    edge = [e for e in back["edges"] if e["source"] == "a"][0]
    assert edge["color"] == "red" and edge["port"] == 0


def test_incomplete_graphs_load_and_save(tmp_path):
    doc = spec_doc()
    doc["edges"] = [e for e in doc["edges"] if not (e["target"] == "e" and e["port"] == 1)]
    m = fileio.load(write(tmp_path, doc))
    assert m.value("e") is None and m.value("L") is None
    assert "input in₂" in m.reason("e")  # (the port as the card names it)
    out = tmp_path / "wip.mgraph"
    fileio.save(m, out)
    again = fileio.load(out)
    assert again.inputs("e") == ["a", None]


def test_saved_files_are_strict_utf8_json_with_the_spec_shape(tmp_path):
    m = GraphModel()
    m.add_node("leaf", "α", label="α", value=1.0)
    m.add_node("log", "l")
    m.connect("α", "l", 0)
    m.set_output("l")
    p = tmp_path / "u.mgraph"
    fileio.save(m, p)
    raw = p.read_bytes()
    assert "α".encode() in raw
    doc = json.loads(raw.decode("utf-8"), parse_constant=lambda c: pytest.fail(c))
    assert doc["directed"] is True and doc["multigraph"] is True
    assert doc["graph"] == {"format": "micrograd-studio", "version": 1, "output": "l"}
    assert doc["edges"] == [{"source": "α", "target": "l", "port": 0, "key": 0}]
    assert doc["nodes"][0]["value"] == 1.0 and "value" not in doc["nodes"][1]


def test_100k_node_chain_file_loads(tmp_path):
    n = 100_000
    doc = {
        "directed": True,
        "multigraph": True,
        "graph": {"format": "micrograd-studio", "version": 1},
        "nodes": [{"id": "x", "op": "leaf", "value": 1.0}]
        + [{"id": f"n{i}", "op": "neg"} for i in range(1, n)],
        "edges": [
            {"source": f"n{i - 1}" if i > 1 else "x", "target": f"n{i}", "port": 0} for i in range(1, n)
        ],
    }
    m = fileio.load(write(tmp_path, doc))
    assert len(m) == n and m.value(f"n{n - 1}") == -1.0  # 99,999 negations
    res = backward(m)
    assert res.grads["x"] == -1.0 and len(res.order) == n


# ------------------------------------------------------- every invalid case
def mutate(fn):
    doc = spec_doc()
    fn(doc)
    return doc


def drop_edge(doc, target, port):
    doc["edges"] = [e for e in doc["edges"] if not (e["target"] == target and e["port"] == port)]


INVALID = [
    # (case, document or text, words the message must hold besides the file name)
    (
        "not JSON",
        '{"directed": true, "graph": {',
        ["not a micrograd-studio graph file", "not valid JSON", "line 1"],
    ),
    ("empty file", "", ["not valid JSON"]),
    ("JSON but not an object", "[1, 2]", ["not a micrograd-studio graph file"]),
    ("no graph object", mutate(lambda d: d.pop("graph")), ["format", "version"]),
    ("no format", mutate(lambda d: d["graph"].pop("format")), ['"format" is missing']),
    ("wrong format", mutate(lambda d: d["graph"].update(format="other-app")), ["'other-app'"]),
    ("no version", mutate(lambda d: d["graph"].pop("version")), ['"version" is missing']),
    ("newer version", mutate(lambda d: d["graph"].update(version=2)), ["version 2", "version 1"]),
    ("version not an integer", mutate(lambda d: d["graph"].update(version="1")), ["'1'"]),
    (
        "duplicate id",
        mutate(lambda d: d["nodes"].append({"id": "b", "op": "leaf", "value": 1.0})),
        ["node 'b'", "two nodes"],
    ),
    ("unknown op", mutate(lambda d: d["nodes"][4].update(op="conv2d")), ["node 'e'", "'conv2d'"]),
    ("missing op", mutate(lambda d: d["nodes"][4].pop("op")), ["node 'e' has no \"op\""]),
    ("leaf without value", mutate(lambda d: d["nodes"][1].pop("value")), ["node 'b'", 'no "value"']),
    ("leaf value NaN", None, ["node 'b'", "nan"]),
    ("leaf value Infinity", None, ["node 'b'", "inf"]),
    ("leaf value a string", mutate(lambda d: d["nodes"][1].update(value="3")), ["node 'b'", "'3'"]),
    ("leaf value a boolean", mutate(lambda d: d["nodes"][1].update(value=True)), ["node 'b'", "True"]),
    (
        "leaf value 1e999",
        '{"graph": {"format": "micrograd-studio", "version": 1}, "nodes": '
        '[{"id": "big", "op": "leaf", "value": 1e999}], "edges": []}',
        ["node 'big'", "inf"],
    ),
    (
        "leaf value a huge integer",
        mutate(lambda d: d["nodes"][1].update(value=10**400)),
        ["node 'b'", "finite"],
    ),
    (
        "pow without exponent",
        mutate(lambda d: d["nodes"].append({"id": "p", "op": "pow"})),
        ["node 'p'", 'no "exponent"'],
    ),
    ("pow exponent NaN", None, ["node 'p'", "nan"]),
    ("id not a string", mutate(lambda d: d["nodes"][1].update(id=7)), ["the 2nd node", "7"]),
    ("empty id", mutate(lambda d: d["nodes"][1].update(id="")), ["the 2nd node", "''"]),
    ("node without id", mutate(lambda d: d["nodes"][1].pop("id")), ["the 2nd node", '"id"']),
    ("position not a number", mutate(lambda d: d["nodes"][0].update(x="left")), ["node 'a'", '"x"']),
    ("label not a string", mutate(lambda d: d["nodes"][0].update(label=5)), ["node 'a'", '"label"']),
    (
        "edge from an unknown node",
        mutate(lambda d: d["edges"][0].update(source="ghost")),
        ["the 1st edge", "'ghost'", "source"],
    ),
    (
        "edge to an unknown node",
        mutate(lambda d: d["edges"][5].update(target="ghost")),
        ["the 6th edge", "'ghost'", "target"],
    ),
    ("edge without a source", mutate(lambda d: d["edges"][2].pop("source")), ["the 3rd edge", "None"]),
    (
        "edge into a leaf",
        mutate(lambda d: d["edges"].append({"source": "c", "target": "a", "port": 0})),
        ["the 7th edge", "'a' is a leaf"],
    ),
    (
        "port out of range",
        mutate(lambda d: d["edges"][1].update(port=2)),
        ["the 2nd edge", "port 2", "'e'", "0..1"],
    ),
    ("negative port", mutate(lambda d: d["edges"][1].update(port=-1)), ["the 2nd edge", "port -1"]),
    ("port not an integer", mutate(lambda d: d["edges"][1].update(port="1")), ["the 2nd edge", "'1'"]),
    ("edge without a port", mutate(lambda d: d["edges"][1].pop("port")), ["the 2nd edge", "None"]),
    (
        "two edges into one port",
        mutate(lambda d: d["edges"].append({"source": "c", "target": "e", "port": 1})),
        ["the 7th edge", "port 1", "'e'", "the 2nd edge"],
    ),
    (
        "cycle",
        mutate(
            lambda d: (drop_edge(d, "e", 1), d["edges"].append({"source": "L", "target": "e", "port": 1}))
        ),
        ["cycle", "'e'", "'d'", "'L'"],
    ),
    (
        "self loop",
        mutate(
            lambda d: (drop_edge(d, "e", 1), d["edges"].append({"source": "e", "target": "e", "port": 1}))
        ),
        ["cycle", "'e'"],
    ),
    ("output is not a node", mutate(lambda d: d["graph"].update(output="ghost")), ["'ghost'"]),
    ("nodes not a list", mutate(lambda d: d.update(nodes={"a": 1})), ['"nodes"']),
    ("unknown key holds NaN", None, ["node 'a'", "'color'"]),
]


def invalid_text(case, doc):
    if isinstance(doc, str):
        return doc
    if doc is None:  # NaN / Infinity can only be written by hand
        base = json.dumps(spec_doc())
        if case == "leaf value NaN":
            return base.replace('"value": -3.0', '"value": NaN')
        if case == "leaf value Infinity":
            return base.replace('"value": -3.0', '"value": Infinity')
        if case == "pow exponent NaN":
            d = spec_doc()
            d["nodes"].append({"id": "p", "op": "pow", "exponent": 12345.0})
            return json.dumps(d).replace("12345.0", "NaN")
        if case == "unknown key holds NaN":
            d = spec_doc()
            d["nodes"][0]["color"] = 12345.0
            return json.dumps(d).replace("12345.0", "-Infinity")
        raise AssertionError(case)
    return json.dumps(doc)


@pytest.mark.parametrize("case, doc, words", INVALID, ids=[c[0] for c in INVALID])
def test_invalid_files_are_refused_naming_the_file_and_the_fault(case, doc, words, tmp_path):
    p = write(tmp_path, invalid_text(case, doc), name="broken file.mgraph")
    with pytest.raises(FileFormatError) as info:
        fileio.load(p)
    msg = str(info.value)
    assert msg.startswith(f"{p}: "), msg
    for w in words:
        assert w in msg, (case, msg)
    assert "\n" not in msg


def test_unreadable_paths_are_file_format_errors(tmp_path):
    for p, words in ((tmp_path / "missing.mgraph", "no such file"), (tmp_path, "folder")):
        with pytest.raises(FileFormatError) as info:
            fileio.load(p)
        assert str(p) in str(info.value) and words in str(info.value)
    bad = tmp_path / "latin1.mgraph"
    bad.write_bytes(b'{"graph": "\xe9"}')
    with pytest.raises(FileFormatError) as info:
        fileio.load(bad)
    assert "UTF-8" in str(info.value)


def test_deeply_nested_json_is_refused_not_crashing(tmp_path):
    p = write(tmp_path, "[" * 100_000 + "]" * 100_000)
    with pytest.raises(FileFormatError):
        fileio.load(p)


def test_a_refused_file_does_not_touch_an_open_model(tmp_path):
    open_doc = fileio.load(EXAMPLES / "blog_L.mgraph")
    before = fileio.dumps(open_doc)
    with pytest.raises(GraphError):
        fileio.load(write(tmp_path, mutate(lambda d: d["graph"].update(version=5))))
    assert fileio.dumps(open_doc) == before


# ------------------------------------------------------------ atomic saving
def old_file(tmp_path) -> tuple[Path, bytes]:
    p = tmp_path / "doc.mgraph"
    fileio.save(fileio.load(EXAMPLES / "blog_L.mgraph"), p)
    return p, p.read_bytes()


def leftovers(tmp_path) -> list:
    return sorted(x.name for x in tmp_path.iterdir() if x.name != "doc.mgraph")


def test_failed_replace_keeps_the_old_file_and_leaves_no_temp_file(tmp_path, monkeypatch):
    p, old = old_file(tmp_path)
    new = fileio.load(EXAMPLES / "neuron_tanh.mgraph")

    def boom(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError):
        fileio.save(new, p)
    assert p.read_bytes() == old
    assert leftovers(tmp_path) == []


def test_failed_fsync_keeps_the_old_file(tmp_path, monkeypatch):
    p, old = old_file(tmp_path)

    def boom(fd):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "fsync", boom)
    with pytest.raises(OSError):
        fileio.save(fileio.load(EXAMPLES / "neuron_exp.mgraph"), p)
    assert p.read_bytes() == old
    assert leftovers(tmp_path) == []


def test_failed_serialisation_keeps_the_old_file(tmp_path, monkeypatch):
    p, old = old_file(tmp_path)

    def boom(*a, **k):
        raise ValueError("Out of range float values are not JSON compliant")

    monkeypatch.setattr(json, "dumps", boom)
    with pytest.raises(FileFormatError):
        fileio.save(fileio.load(EXAMPLES / "neuron_exp.mgraph"), p)
    assert p.read_bytes() == old
    assert leftovers(tmp_path) == []


def test_unsavable_attribute_is_a_clear_error(tmp_path):
    p, old = old_file(tmp_path)
    m = fileio.load(p)
    m.set_attr("a", "weight", math.nan)
    with pytest.raises(FileFormatError) as info:
        fileio.save(m, p)
    assert "JSON" in str(info.value)
    assert p.read_bytes() == old


def test_saving_into_a_missing_folder_fails_cleanly(tmp_path):
    m = fileio.load(EXAMPLES / "blog_L.mgraph")
    with pytest.raises(OSError):
        fileio.save(m, tmp_path / "no" / "such" / "folder" / "x.mgraph")
    assert list(tmp_path.iterdir()) == []


def test_saving_replaces_and_keeps_permissions(tmp_path):
    p, _ = old_file(tmp_path)
    os.chmod(p, 0o600)
    m = fileio.load(EXAMPLES / "neuron_tanh.mgraph")
    fileio.save(m, p)
    assert fileio.load(p).output == "o"
    assert os.stat(p).st_mode & 0o777 == 0o600
    assert leftovers(tmp_path) == []


def test_copying_a_model_through_text_is_lossless():
    m = fileio.load(EXAMPLES / "neuron_exp.mgraph")
    doc = fileio.to_data(m)
    again = fileio.loads(json.dumps(copy.deepcopy(doc)), "<copy>")
    assert fileio.to_data(again) == doc


def test_examples_are_what_tools_make_examples_generates():
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "make_examples", EXAMPLES.parents[1] / "tools" / "make_examples.py"
    )
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    assert set(mod.EXAMPLES) == {p.stem for p in EXAMPLE_FILES}
    for name, model in mod.EXAMPLES.items():
        assert fileio.dumps(model) == (EXAMPLES / f"{name}.mgraph").read_text(encoding="utf-8")


def test_examples_hold_the_lecture_graphs():
    blog = fileio.load(EXAMPLES / "blog_L.mgraph")
    assert blog.output == "L" and blog.value("L") == -8.0
    neuron = fileio.load(EXAMPLES / "neuron_tanh.mgraph")
    assert neuron.value("b") == 6.8813735870195432 and neuron.op("o") == "tanh"
    assert neuron.value("o") == pytest.approx(math.sqrt(0.5), rel=1e-12)
    exp = fileio.load(EXAMPLES / "neuron_exp.mgraph")
    assert "tanh" not in {exp.op(n) for n in exp.nodes()}
    assert exp.value("o") == pytest.approx(neuron.value("o"), rel=1e-12)
    shared = fileio.load(EXAMPLES / "accumulate_shared.mgraph")
    assert (shared.value("a"), shared.value("b")) == (-2.0, 3.0)
    aa = fileio.load(EXAMPLES / "accumulate_a_plus_a.mgraph")
    assert aa.inputs("b") == ["a", "a"]
