"""What networkx, the contract's own reader, reads (trial 74 #8, #10).

- Two edges a -> sq, both ``"key": 0`` (a student's hand-edit of a*a): the
  app computed a*a, networkx's ``node_link_graph`` keeps one edge (an
  incomplete graph). The contract's file is one networkx reads as it is, so
  such a file is refused, naming both edges; so is ``"directed": false`` or
  ``"multigraph": false``, which networkx reads as another kind of graph.
- A key of the document's own top level (``"zzz_top"``, a grading tool's
  stamp) was dropped on save, while the graph's, nodes' and edges' were kept.
"""

from __future__ import annotations

import json

import networkx as nx
import pytest
from test_cli import assert_error, run
from test_window_file_safety import open_in
from test_window_files import edit_a
from window_helpers import answers, tmp_settings, trigger, window  # noqa: F401

from core.files import fileio, opening, recovery
from core.graph.errors import FileFormatError

A_TIMES_A = {
    "directed": True,
    "multigraph": True,
    "graph": {"format": "micrograd-studio", "version": 1, "output": "sq"},
    "nodes": [{"id": "a", "op": "leaf", "value": 3.0}, {"id": "sq", "op": "mul"}],
    "edges": [
        {"source": "a", "target": "sq", "port": 0, "key": 0},
        {"source": "a", "target": "sq", "port": 1, "key": 1},
    ],
}


def _doc(change=None) -> dict:
    doc = json.loads(json.dumps(A_TIMES_A))
    if change:
        change(doc)
    return doc


def _write(tmp_path, doc, name="student.mgraph"):
    p = tmp_path / name
    p.write_text(json.dumps(doc))
    return p


def _networkx_edges(doc) -> int:
    return nx.node_link_graph(json.loads(json.dumps(doc)), edges="edges").number_of_edges()


def _refused(p) -> str:
    """The refusal, the same from every reader: load, the app's bulk check, backward."""
    with pytest.raises(FileFormatError) as info:
        fileio.load(p)
    with pytest.raises(FileFormatError) as bulk:
        opening.load_file(p)
    assert str(bulk.value) == str(info.value)
    r = run("backward", p, "--json")
    assert_error(r, str(info.value), code=1)
    return str(info.value)


def _clash(doc):
    doc["edges"][1]["key"] = 0


def _first_without_key(doc):
    doc["edges"][0].pop("key")
    doc["edges"][1]["key"] = 0


def test_two_edges_with_one_key_between_the_same_nodes_are_refused(tmp_path):
    doc = _doc(_clash)
    assert _networkx_edges(doc) == 1  # (what a networkx checker reads: one edge)
    said = _refused(_write(tmp_path, doc))
    assert said == (
        f"{tmp_path / 'student.mgraph'}: the 2nd edge ('a' -> 'sq', port 1): the 1st edge "
        "('a' -> 'sq', port 0) has \"key\" 0 too, and networkx reads two edges between the same nodes "
        'with one key as one edge: give each its own "key" (0 and 1), or leave "key" out'
    )


def test_a_key_networkx_gives_an_edge_without_one_counts_too(tmp_path):
    doc = _doc(_first_without_key)
    assert _networkx_edges(doc) == 1
    said = _refused(_write(tmp_path, doc))
    assert "networkx gives the 1st edge ('a' -> 'sq', port 0), which has no \"key\", this one's key 0" in said


def test_a_key_networkx_cannot_take_is_refused(tmp_path):
    doc = _doc(lambda d: d["edges"][1].update(key=[1]))
    said = _refused(_write(tmp_path, doc))
    assert said.endswith("the 2nd edge ('a' -> 'sq', port 1): \"key\" must be a number or a string, not [1]")


@pytest.mark.parametrize(
    "change",
    [
        None,
        lambda d: d["edges"][1].pop("key"),  # networkx gives it 1
        lambda d: [e.pop("key") for e in d["edges"]],
        lambda d: d["edges"][1].update(key="second"),
        lambda d: [
            d.pop("directed"),
            d.pop("multigraph"),
        ],  # (the app writes both; a file may leave them out)
    ],
    ids=["keys 0 and 1", "second without", "none", "a string key", "no directed, multigraph"],
)
def test_a_times_a_read_as_networkx_reads_it(tmp_path, change):
    doc = _doc(change)
    if "directed" in doc:
        assert _networkx_edges(doc) == 2
    p = _write(tmp_path, doc)
    out = json.loads(run("backward", p, "--json").stdout)
    assert out["nodes"]["sq"]["value"] == 9.0 and out["nodes"]["a"]["grad"] == 6.0
    assert [e["key"] for e in json.loads(fileio.dumps(opening.load_file(p)[0]))["edges"]] == [0, 1]


@pytest.mark.parametrize("key", ["directed", "multigraph"])
def test_a_graph_of_another_kind_is_refused(tmp_path, key):
    other = {"directed": "a graph whose edges run both ways", "multigraph": "a graph with one edge at most"}
    said = _refused(_write(tmp_path, _doc(lambda d: d.update({key: False}))))
    assert said.startswith(
        f'{tmp_path / "student.mgraph"}: "{key}" is false: networkx would read the file as '
    )
    assert other[key] in said and said.endswith(f'a graph file is a directed multigraph; write "{key}": true')
    said = _refused(_write(tmp_path, _doc(lambda d: d.update({key: "yes"}))))
    assert said.endswith(f"\"{key}\" must be true, not 'yes'")


def test_the_app_refuses_such_a_file_and_keeps_what_is_open(window, answers, tmp_path):
    p = _write(tmp_path, _doc(_clash))
    answers.open_path = str(p)
    trigger(window, "open")
    assert len(answers.errors) == 1 and "the 2nd edge ('a' -> 'sq', port 1)" in answers.errors[0][1]
    assert window.path is None


# ------------------------------------------------------------ top-level keys
def _stamped(tmp_path):
    doc = _doc(lambda d: d.update(zzz_top="kept?", grading={"by": "ta", "marks": [1, 2.5]}))
    doc["graph"]["student"] = "s1"
    return _write(tmp_path, doc)


def test_the_apps_save_keeps_a_key_of_the_top_level(window, answers, tmp_path):
    p = _stamped(tmp_path)
    open_in(window, answers, p)
    edit_a(window, 4.0)
    trigger(window, "save")
    saved = json.loads(p.read_text())
    assert saved["zzz_top"] == "kept?" and saved["grading"] == {"by": "ta", "marks": [1, 2.5]}
    assert saved["graph"]["student"] == "s1" and list(saved)[:3] == ["directed", "multigraph", "graph"]
    assert next(n for n in saved["nodes"] if n["id"] == "a")["value"] == 4.0
    assert "links" not in saved  # (networkx's older name of "edges": read, never written back)


def test_headless_writes_and_the_recovery_copy_keep_it_too(tmp_path):
    p = _stamped(tmp_path)
    out = tmp_path / "trained.mgraph"
    r = run("train", p, "--steps", "1", "--out", out)
    assert r.returncode == 0, r.stderr
    assert json.loads(out.read_text())["zzz_top"] == "kept?"
    m = opening.load_file(p)[0]
    copy = recovery.snapshot(m)
    assert json.loads(copy.encode())["grading"] == {"by": "ta", "marks": [1, 2.5]}
    assert copy.to_data()["zzz_top"] == "kept?"
    # a file without such keys is written as before: node-link's keys only
    plain = _write(tmp_path, _doc(), "plain.mgraph")
    assert list(json.loads(fileio.dumps(fileio.load(plain)))) == [
        "directed",
        "multigraph",
        "graph",
        "nodes",
        "edges",
    ]
