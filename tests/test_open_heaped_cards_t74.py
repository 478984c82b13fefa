"""Trial 74 #11: a student's file put its cards 40 px apart, drawn as one heap
on opening, and nothing said that Layout tidies them. Now the status line
names two cards lying on one another and the key; a laid-out file, an
example or the folded MLP (its folded-away cards not drawn) says nothing of it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from window_helpers import answers, tmp_settings, trigger, window  # noqa: F401

from core.graph.model import GraphModel
from core.graph.unplaced import lying_on_each_other
from core.learn.templates import insert, mlp

EX = Path(__file__).resolve().parents[1] / "resources" / "examples"


def _student(tmp_path, step: float) -> Path:
    doc = {
        "directed": True,
        "multigraph": True,
        "graph": {"format": "micrograd-studio", "version": 1},
        "nodes": [
            {"id": "a", "op": "leaf", "value": 2.0, "x": 0, "y": 0},
            {"id": "b", "op": "leaf", "value": -3.0, "x": step, "y": 10},
            {"id": "e", "op": "mul", "label": "e", "x": 2 * step, "y": 20},
        ],
        "edges": [{"source": "a", "target": "e", "port": 0}, {"source": "b", "target": "e", "port": 1}],
    }
    p = tmp_path / f"student{int(step)}.mgraph"
    p.write_text(json.dumps(doc))
    return p


def test_a_file_of_heaped_cards_says_layout_tidies_them(window, answers, tmp_path):
    answers.open_path = str(_student(tmp_path, 40))
    trigger(window, "open")
    said = window.status_text()
    assert "some cards lie on one another (a and b): Layout (Ctrl+L) tidies them" in said, said
    trigger(window, "layout")  # (as the hint says: then none lie on another)
    assert lying_on_each_other(window.model) is None


def test_cards_apart_say_nothing_of_it(window, answers, tmp_path):
    answers.open_path = str(_student(tmp_path, 200))
    trigger(window, "open")
    assert "Opened" in window.status_text() and "lie on one another" not in window.status_text()


@pytest.mark.parametrize("name", sorted(p.name for p in EX.glob("*.mgraph")))
def test_no_example_lies_heaped(name):
    from core.files import fileio

    assert lying_on_each_other(fileio.load(EX / name)) is None


def test_the_folded_mlp_is_not_heaped():
    m = GraphModel()
    insert(m, mlp())
    assert any(m.groups.get(g).collapsed for g in m.groups.ids())
    assert lying_on_each_other(m) is None
