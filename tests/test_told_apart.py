"""A shared weight's gradient is the sum over the data points, and the
Chain Rule panel and Properties › Used by list one term per use: in the
MLP each use's node read "w2.3.1·h1.1" (a new user's trial saw four
identical lines). Uses that share a label are told apart by their group
("in neuron 2.3 [1]" … "[4]"), or by id when their groups share a name too;
since trial 43 the MLP's own labels say the data point ("w2.3.1·h1.1[1]")."""

from __future__ import annotations

import re

from window_helpers import answers, show_mlp, tmp_settings, window  # noqa: F401

from core.cli.templates import build
from core.explain.names import told_apart
from core.explain.replay import Replay
from core.explain.step_text import explain
from core.graph.backward import backward
from core.graph.model import GraphModel


def test_the_chain_rule_names_each_use_of_a_shared_weight_by_its_data_point():
    m = build("mlp")
    w = next(n for n in m.nodes() if m.label(n) == "w2.3.1")
    rp = Replay(backward(m), m.label)
    sec = next(s for s in explain(m, rp, w, rp.last).sections if s.title.startswith("Its gradient"))
    froms = [line for line in sec.lines if line.startswith("from ")]
    assert len(froms) == 4
    heads = [line.split(":")[0] for line in froms]
    assert heads == sorted(set(heads), key=heads.index)  # four different lines
    # each by its own label, which says its data point: no group needed
    assert sorted(re.findall(r"w2\.3\.1·h1\.1\[(\d)\]", " ".join(heads))) == ["1", "2", "3", "4"]
    assert " in neuron" not in " ".join(heads)
    # the terms are still the four contributions that add up to the gradient
    total = sec.lines[len(froms)]
    assert total.startswith("w2.3.1.grad = ")


def test_labels_told_apart_by_group_else_by_id():
    m = GraphModel()
    for n in ("a", "b", "c", "d"):
        m.add_node("leaf", n, value=1.0)
    m.set_label("a", "x")
    m.set_label("b", "x")
    m.set_label("c", "x")
    m.groups.add(["a"], "left")
    m.groups.add(["b", "c"], "right")
    assert told_apart(m.label, m.groups, ["a", "b", "c", "d"]) == {"a": "in left", "b": "id b", "c": "id c"}
    assert told_apart(m.label, m.groups, ["a", "d", "a"]) == {}  # one node twice (a*a) is not two


def test_properties_used_by_tells_the_four_uses_apart(qtbot, window):
    w = window
    show_mlp(qtbot, w)
    w.grouping.expand_all()
    wid = next(n for n in w.model.nodes() if w.model.label(n) == "w2.3.1")
    w.scene.select_ids([wid])
    used_by = lambda: w.properties.consumers_label.text().replace("\u200b", "")
    qtbot.waitUntil(lambda: "w2.3.1·h1.1" in used_by(), timeout=3000)
    text = used_by()
    lines = text.split("<br>")
    assert len(lines) == 4 and len(set(lines)) == 4, text
    assert [f"w2.3.1·h1.1[{k}]</a>, input in₁" in line for k, line in zip("1234", lines)] == [True] * 4
