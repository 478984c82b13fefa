"""Data sets: seeded generators, CSV in and out, and the optional ``graph.data``
record of a graph file (saved, loaded, refused when wrong)."""

from __future__ import annotations

import json

import pytest

from core.files import fileio
from core.graph.dataset import DataError, Dataset, from_record
from core.graph.errors import FileFormatError
from core.graph.model import GraphModel
from core.learn.data import KINDS, generate, parse_csv, to_csv


@pytest.mark.parametrize("kind", KINDS)
def test_generators_are_seeded_and_balanced(kind):
    a, b = generate(kind, 60, 0.1, seed=5), generate(kind, 60, 0.1, seed=5)
    assert a.xs == b.xs and a.ys == b.ys
    assert generate(kind, 60, 0.1, seed=6).xs != a.xs
    assert len(a) == 60 and set(a.ys) == {-1, 1}
    assert 20 <= a.ys.count(1) <= 40
    assert a.source == {"kind": kind, "size": 60, "noise": 0.1, "seed": 5}
    assert all(len(x) == 2 for x in a.xs)


def test_noise_moves_points_and_moons_interleave():
    clean = generate("moons", 40, 0.0, seed=1)
    noisy = generate("moons", 40, 0.3, seed=1)
    assert clean.xs != noisy.xs
    upper = [x for x, y in zip(clean.xs, clean.ys) if y == -1]
    assert all(-1.0 - 1e-12 <= px <= 1.0 + 1e-12 and py >= -1e-12 for px, py in upper)


@pytest.mark.parametrize("bad", [("spiral", 10, 0.1), ("moons", 1, 0.1), ("moons", 10, -1.0)])
def test_generator_arguments_are_checked(bad):
    with pytest.raises(DataError):
        generate(*bad)


def test_csv_round_trip_is_exact():
    d = generate("circles", 30, 0.2, seed=3)
    back = parse_csv(to_csv(d))
    assert back.xs == d.xs and back.ys == d.ys and back.columns == d.columns


def test_csv_details():
    d = parse_csv("\ufeffa, b ,label\n\n1.5,2,0\n-1e3, 4, 1\n")
    assert d.columns == ("a", "b", "label")
    assert d.xs == [(1.5, 2.0), (-1000.0, 4.0)] and d.ys == [-1, 1]
    one = parse_csv("x,y\n1,1\n2,-1\n")
    assert one.nin == 1


def test_graph_file_keeps_the_data_set(tmp_path):
    m = GraphModel()
    m.add_node("leaf", "a", value=1.0)
    d = generate("xor", 12, 0.1, seed=4)
    m.attrs["data"] = d.to_record()
    p = tmp_path / "g.mgraph"
    fileio.save(m, p)
    back = from_record(fileio.load(p).attrs["data"])
    assert back.xs == d.xs and back.ys == d.ys and back.source == d.source


def test_old_files_load_unchanged(tmp_path):
    m = GraphModel()
    m.add_node("leaf", "a", value=1.0)
    text = fileio.dumps(m)
    assert "data" not in json.loads(text)["graph"]
    assert fileio.dumps(fileio.loads(text)) == text


@pytest.mark.parametrize(
    "data, words",
    [
        ([1, 2], ["must be an object"]),
        ({"columns": ["x"], "rows": []}, ['"columns"']),
        ({"columns": ["x", "x", "y"], "rows": []}, ["same name"]),
        ({"columns": ["x1", "x2", "y"], "rows": [[1, 2, 1], [1, "a", -1]]}, ["row 1", "'x2'", "'a'"]),
        ({"columns": ["x1", "x2", "y"], "rows": [[1, 2, 3]]}, ["row 0", "label", "3"]),
        ({"columns": ["x1", "x2", "y"], "rows": [[1, 2]]}, ["row 0", "3 numbers"]),
        ({"columns": ["x1", "x2", "y"], "rows": {}}, ['"rows"']),
        # (a monkey test: a 401-digit number raised OverflowError, named nothing)
        (
            {"columns": ["x1", "x2", "y"], "rows": [[10**400, 2, 1]]},
            ["row 0", "'x1'", "a 401-digit whole number"],
        ),
        (
            {"columns": ["x1", "x2", "y"], "rows": [[True, 2, 1]]},
            ["row 0", "'x1'", "True is not a finite number"],
        ),
    ],
)
def test_invalid_data_is_refused_on_load(data, words):
    text = json.dumps(
        {
            "directed": True,
            "multigraph": True,
            "graph": {"format": "micrograd-studio", "version": 1, "data": data},
            "nodes": [],
            "edges": [],
        }
    )
    with pytest.raises(FileFormatError) as e:
        fileio.loads(text, "f.mgraph")
    msg = str(e.value)
    assert msg.startswith("f.mgraph: ") and '"data"' in msg
    for w in words:
        assert w in msg, (w, msg)


def test_a_set_in_the_making_is_a_valid_record():
    d = from_record({"columns": ["x1", "x2", "label"], "rows": [[0.5, 0.5, 1]], "note": "kept"})
    assert d.ys == [1] and d.to_record()["note"] == "kept"
    assert Dataset([], []).to_record() == {"columns": ["x1", "x2", "label"], "rows": []}
