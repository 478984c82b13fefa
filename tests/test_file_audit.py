"""Gaps a mutation audit of the file checks found (/work/notes/mutation49.md):
each case here was let through by a hand-made mutant of the validator
(core/files/fileio.py) or of the bulk check that recognises a valid file
(core/files/tables.py, core/files/opening.py), and no other test noticed.

Every reader must refuse each file with the validator's message, naming
the file and the fault: ``fileio.loads`` (the validator), ``opening.loads``
(the app's bulk check) and ``tables.read_tables`` (the headless command's)."""

from __future__ import annotations

import json

import pytest

from core.files import fileio, opening, tables
from core.graph.errors import FileFormatError


def doc() -> dict:
    """y = a * b, with b also the input of t = tanh(b); a valid file."""
    return {
        "directed": True,
        "multigraph": True,
        "graph": {"format": "micrograd-studio", "version": 1},
        "nodes": [
            {"id": "a", "op": "leaf", "value": 2.0},
            {"id": "b", "op": "leaf", "value": -3.0},
            {"id": "y", "op": "mul"},
            {"id": "t", "op": "tanh"},
        ],
        "edges": [
            {"source": "a", "target": "y", "port": 0},
            {"source": "b", "target": "y", "port": 1},
            {"source": "b", "target": "t", "port": 0},
        ],
    }


def refusals(text: str, tmp_path) -> list[str]:
    """Each reader's message for ``text`` (a reader that accepts it fails the test)."""
    p = tmp_path / "audit.mgraph"
    p.write_text(text, encoding="utf-8")
    said = []
    for read in (
        lambda: fileio.loads(text, str(p)),
        lambda: opening.loads(text, str(p)),
        lambda: tables.read_tables(p),
    ):
        with pytest.raises(FileFormatError) as info:
            read()
        said.append(str(info.value))
        assert said[-1].startswith(f"{p}: ")  # the file named first
    return said


def test_the_valid_file_is_read_by_every_reader(tmp_path):
    p = tmp_path / "ok.mgraph"
    text = json.dumps(doc())
    p.write_text(text, encoding="utf-8")
    assert fileio.loads(text).value("y") == -6.0  # 2 * -3
    assert opening.loads(text).value("y") == -6.0
    assert tables.read_tables(p).ids == ["a", "b", "y", "t"]


@pytest.mark.parametrize("version", [0, -1])
def test_a_version_below_one_is_refused(version, tmp_path):
    # The spec's versions start at 1; 0 or less is no version this program wrote.
    d = doc()
    d["graph"]["version"] = version
    for msg in refusals(json.dumps(d), tmp_path):
        assert f"file format version {version} is not valid" in msg, msg


def test_a_boolean_version_is_refused(tmp_path):
    # JSON's true is no integer (Python's True == 1 would pass as version 1).
    d = doc()
    d["graph"]["version"] = True
    for msg in refusals(json.dumps(d), tmp_path):
        assert '"version" must be an integer, not True' in msg, msg


def test_an_edge_without_key_whose_own_key_holds_a_nan_is_refused(tmp_path):
    # An edge of source, target, port and one key of its own (no "key"): the
    # own key is checked for NaN as any other (JSON cannot hold it, so the
    # file could never be saved again).
    d = doc()
    d["edges"][1]["weight"] = 12345.0
    text = json.dumps(d).replace("12345.0", "NaN")
    for msg in refusals(text, tmp_path):
        assert "the 2nd edge ('b' -> 'y', port 1)" in msg and "'weight'" in msg, msg


def test_a_negative_port_is_refused_by_every_reader(tmp_path):
    # Port -1 is out of range (ports count from 0). The bulk check files port
    # p of node t in slot 2t + p: -1 would be port 1 of the node before it,
    # here the leaf b (which has no port 1, so no other edge is there), and
    # y's port 0 would be left empty, an incomplete graph that loads.
    d = doc()
    d["edges"][0]["port"] = -1  # a -> y, port -1
    for msg in refusals(json.dumps(d), tmp_path):
        assert "the 1st edge ('a' -> 'y', port -1)" in msg and "out of range" in msg, msg


@pytest.mark.parametrize("y", ["top", True, None])
def test_a_position_y_that_is_not_a_number_is_refused(y, tmp_path):
    # The spec: "x, y (optional numbers)"; y is checked as x is.
    d = doc()
    d["nodes"][2]["y"] = y
    for msg in refusals(json.dumps(d), tmp_path):
        assert f"node 'y': \"y\" must be a finite number, not {y!r}" in msg, msg


def test_a_file_with_links_for_edges_is_read_with_its_wires(tmp_path):
    # networkx before 3.4 wrote a graph's edges as "links" (node_link_data's
    # default then): such a file, made here by networkx itself, is read with
    # its wires, y = 2 * -3.
    nx = pytest.importorskip("networkx")
    g = nx.MultiDiGraph(format="micrograd-studio", version=1)
    for nd in doc()["nodes"]:
        g.add_node(nd["id"], **{k: v for k, v in nd.items() if k != "id"})
    for ed in doc()["edges"]:
        g.add_edge(ed["source"], ed["target"], port=ed["port"])
    d = nx.node_link_data(g, edges="links")
    assert "links" in d and "edges" not in d
    text = json.dumps(d)
    p = tmp_path / "links.mgraph"
    p.write_text(text, encoding="utf-8")
    for m in (fileio.loads(text), opening.loads(text)):
        assert m.inputs("y") == ["a", "b"] and m.value("y") == -6.0
    t = tables.read_tables(p)
    assert (t.src0[2], t.src1[2], t.src0[3]) == (0, 1, 1)  # y = a * b, t = tanh(b)
