"""What a file networkx would read otherwise opens as (trial 74 #8, #10).

- Two edges a -> sq, both ``"key": 0`` (a student's hand-edit of a*a):
  networkx's ``node_link_graph`` keeps one edge. The contract lists what
  makes a file invalid, and this is not on the list (``key`` is optional
  when reading), so the app reads the edges as listed, a*a whole, and
  writes them back with keys 0, 1, which networkx reads whole. So with
  ``"directed"``/``"multigraph"`` false and a key networkx cannot take.
- A key of the document's own top level (``"zzz_top"``, a grading tool's
  stamp) was dropped on save, while the graph's, nodes' and edges' were kept.
"""

from __future__ import annotations

import json

import networkx as nx
import pytest
from test_cli import run
from test_window_file_safety import open_in
from test_window_files import edit_a
from window_helpers import answers, tmp_settings, trigger, window  # noqa: F401

from core.files import fileio, opening, recovery

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


def _read_whole(p) -> None:
    """Every reader takes the file as a*a: load, the app's bulk check, backward;
    and its save is one networkx reads whole."""
    out = json.loads(run("backward", p, "--json").stdout)
    assert out["nodes"]["sq"]["value"] == 9.0 and out["nodes"]["a"]["grad"] == 6.0
    model = opening.load_file(p)[0]
    assert fileio.load(p).graph.number_of_edges() == model.graph.number_of_edges() == 2
    saved = json.loads(fileio.dumps(model))
    assert [e["key"] for e in saved["edges"]] == [0, 1]
    assert saved["directed"] is True and saved["multigraph"] is True
    assert _networkx_edges(saved) == 2


def _clash(doc):
    doc["edges"][1]["key"] = 0


def _first_without_key(doc):
    doc["edges"][0].pop("key")
    doc["edges"][1]["key"] = 0


@pytest.mark.parametrize(
    "change",
    [
        _clash,
        _first_without_key,
        lambda d: d["edges"][1].update(key=[1]),
        lambda d: d.update(directed=False),
        lambda d: d.update(multigraph=False),
    ],
    ids=["both key 0", "a key networkx gives", "a list key", "directed false", "multigraph false"],
)
def test_a_file_networkx_reads_otherwise_is_read_as_the_contracts_graph(tmp_path, change):
    doc = _doc(change)
    _read_whole(_write(tmp_path, doc))


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


def test_the_app_opens_such_a_file_whole(window, answers, tmp_path):
    p = _write(tmp_path, _doc(_clash))
    open_in(window, answers, p)
    assert not answers.errors
    assert window.model.graph.number_of_edges() == 2 and window.model.value("sq") == 9.0


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
