"""The words of some refusals (trial 74 #9), as the headless line and the
app's dialog both say them: a node without "op" was "unknown op None", a
Latin-1 file "not UTF-8 text (byte 169)" (read as the byte's value), and
edges were counted from 0 ("edge #0"), while every line number counts from 1."""

from __future__ import annotations

import json

import pytest
from test_cli import EXAMPLES, assert_error, run

from core.files import fileio
from core.graph.errors import FileFormatError, nth

BLOG = json.loads((EXAMPLES / "blog_L.mgraph").read_text())


def _file(tmp_path, doc=None, text=None):
    p = tmp_path / "student.mgraph"
    if text is not None:
        p.write_bytes(text)
    else:
        p.write_text(json.dumps(doc, indent=2))
    return p


def _said(p) -> str:
    with pytest.raises(FileFormatError) as info:
        fileio.load(p)
    r = run("backward", p, "--json")
    assert_error(r, str(info.value), code=1)  # (the headless line says the same)
    return str(info.value)


def test_a_node_without_op_is_said_to_have_none(tmp_path):
    doc = json.loads(json.dumps(BLOG))
    next(nd for nd in doc["nodes"] if nd["id"] == "e").pop("op")
    said = _said(_file(tmp_path, doc))
    head = f"{tmp_path / 'student.mgraph'}: node 'e' has no \"op\" (give it one of leaf, add,"
    assert said.startswith(head), said
    assert "None" not in said


def test_text_in_latin_1_is_placed_by_line_and_column(tmp_path):
    doc = json.loads(json.dumps(BLOG))
    doc["nodes"][0]["label"] = "ä"
    text = json.dumps(doc, indent=2, ensure_ascii=False).encode("latin-1")
    at = text.index("ä".encode("latin-1"))
    line = text[:at].count(b"\n") + 1
    column = at - text.rfind(b"\n", 0, at)
    said = _said(_file(tmp_path, text=text))
    assert said.endswith(f": not UTF-8 text at line {line}, column {column} (byte offset {at})"), said


def test_edges_and_nodes_are_counted_from_1(tmp_path):
    doc = json.loads(json.dumps(BLOG))
    doc["edges"][0]["port"] = 2  # the first edge, as an editor's reader counts it
    said = _said(_file(tmp_path, doc))
    e = doc["edges"][0]
    assert f"the 1st edge ({e['source']!r} -> {e['target']!r}, port 2): port 2 is out of range" in said
    doc = json.loads(json.dumps(BLOG))
    doc["edges"].append(dict(doc["edges"][2]))  # into a port that has an edge already
    said = _said(_file(tmp_path, doc))
    assert f"the {len(doc['edges'])}th edge" in said and "already has an edge (the 3rd edge)" in said, said
    doc = json.loads(json.dumps(BLOG))
    doc["nodes"][1].pop("id")
    assert _said(_file(tmp_path, doc)).endswith(': the 2nd node has no "id"')


def test_ordinals():
    words = [nth(i, "edge") for i in (0, 1, 2, 3, 10, 11, 12, 20, 21, 100, 110, 111)]
    assert words == [
        "the 1st edge",
        "the 2nd edge",
        "the 3rd edge",
        "the 4th edge",
        "the 11th edge",
        "the 12th edge",
        "the 13th edge",
        "the 21st edge",
        "the 22nd edge",
        "the 101st edge",
        "the 111th edge",
        "the 112th edge",
    ]
