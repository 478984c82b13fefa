"""Groups in the model and in the file (issue 10): nesting, ungroup and its
undo, node removal, and files with bad groups refused naming the group."""

from __future__ import annotations

import json

import pytest

from core.files import fileio
from core.graph.errors import FileFormatError
from core.graph.groups import GroupError
from core.graph.model import GraphModel


def chain(n: int = 6) -> GraphModel:
    m = GraphModel()
    m.add_node("leaf", "x0", value=1.0)
    for i in range(1, n):
        m.add_node("tanh", f"x{i}")
        m.connect(f"x{i - 1}", f"x{i}", 0)
    return m


def test_a_layer_is_grouped_from_its_neurons_and_ungrouped_back():
    m = chain()
    gs = m.groups
    n1 = gs.add(["x1", "x2"], "neuron 1")
    n2 = gs.add(["x3", "x4"], "neuron 2")
    assert gs.group_of("x1") == n1 and gs.group_of("x0") is None
    layer = gs.add(["x1", "x3"], "layer")  # one node of each: both neurons move in whole
    assert gs.get(n1).parent == layer and gs.get(n2).parent == layer
    assert gs.get(layer).members == set()
    assert gs.nodes_in(layer) == {"x1", "x2", "x3", "x4"}
    assert gs.common_parent(["x2", "x4"]) == layer
    wrap = gs.add(["x1", "x2"], "wrap")  # all of neuron 1: around it, not inside
    assert gs.get(n1).parent == wrap and gs.get(wrap).parent == layer
    gs.remove(wrap)
    inner = gs.add(["x2"], "inner")  # inside neuron 1
    assert gs.get(inner).parent == n1 and gs.ancestors(inner) == [n1, layer]

    snap = gs.remove(layer)
    assert gs.get(n1).parent is None and gs.get(n2).parent is None and layer not in gs
    gs.restore(snap)
    assert gs.get(n1).parent == layer and gs.nodes_in(layer) == {"x1", "x2", "x3", "x4"}

    snap = gs.remove(n1)  # its nodes and its inner group move up to the layer
    assert gs.group_of("x1") == layer and gs.get(inner).parent == layer
    gs.restore(snap)
    assert gs.group_of("x1") == n1 and gs.get(inner).parent == n1 and "x1" not in gs.get(layer).members


def test_folded_into_names_the_outermost_collapsed_group():
    m = chain()
    gs = m.groups
    n1 = gs.add(["x1", "x2"], "n1")
    layer = gs.add(["x1", "x3"], "layer")
    assert gs.folded_into("x1") is None
    gs.set_collapsed(n1, True)
    assert gs.folded_into("x1") == n1 and gs.folded_into("x3") is None and gs.shown_as_card(n1)
    gs.set_collapsed(layer, True)
    assert gs.folded_into("x1") == layer and gs.folded_into("x3") == layer
    assert not gs.shown_as_card(n1) and gs.shown_as_card(layer)


def test_removing_a_node_takes_it_out_of_its_group_and_undo_puts_it_back():
    m = chain()
    g = m.groups.add(["x1", "x2"], "pair")
    heard = []
    m.groups.changed.connect(heard.append)
    snap = m.remove_node("x2")
    assert m.groups.get(g).members == {"x1"} and heard == [g]
    m.restore_node(snap)
    assert m.groups.group_of("x2") == g


def test_refused_group_edits_say_why():
    m = chain()
    with pytest.raises(GroupError, match="at least one node"):
        m.groups.add([], "empty")
    g = m.groups.add(["x1"], "a", gid="g")
    with pytest.raises(GroupError, match="already a group 'g'"):
        m.groups.add(["x2"], "b", gid="g")
    with pytest.raises(GroupError, match="needs a name"):
        m.groups.rename(g, "  ")
    with pytest.raises(GroupError, match="no group 'nope'"):
        m.groups.set_collapsed("nope", True)


def test_groups_round_trip_through_a_file(tmp_path):
    m = chain()
    n1 = m.groups.add(["x1", "x2"], "neuron 1")
    layer = m.groups.add(["x1", "x5"], "layer")
    m.groups.set_collapsed(n1, True)
    p = tmp_path / "g.mgraph"
    fileio.save(m, p)
    data = json.loads(p.read_text())
    recs = {r["id"]: r for r in data["graph"]["groups"]}
    assert recs[layer] == {
        "id": layer,
        "label": "layer",
        "members": ["x5"],
        "parent": None,
        "collapsed": False,
    }
    assert recs[n1]["parent"] == layer and recs[n1]["collapsed"] is True
    assert [r["id"] for r in data["graph"]["groups"]].index(layer) == 0  # parents first
    m2 = fileio.load(p)
    assert {g.id: (g.label, g.members, g.parent, g.collapsed) for g in m2.groups} == {
        g.id: (g.label, g.members, g.parent, g.collapsed) for g in m.groups
    }
    assert "groups" not in m2.attrs  # held by the model, written on save
    fileio.save(m2, tmp_path / "again.mgraph")
    assert json.loads((tmp_path / "again.mgraph").read_text()) == data


def test_a_file_without_groups_is_saved_without_them(tmp_path):
    m = chain()
    fileio.save(m, tmp_path / "plain.mgraph")
    assert "groups" not in json.loads((tmp_path / "plain.mgraph").read_text())["graph"]


def test_a_node_listed_in_a_group_and_in_its_parent_belongs_to_the_inner_one():
    m = chain()
    data = fileio.to_data(m)
    data["graph"]["groups"] = [
        {"id": "outer", "label": "outer", "members": ["x1", "x2"]},
        {"id": "inner", "label": "inner", "members": ["x2"], "parent": "outer"},
    ]
    m2 = fileio.loads(json.dumps(data))
    assert m2.groups.group_of("x2") == "inner" and m2.groups.get("outer").members == {"x1"}


@pytest.mark.parametrize(
    ("groups", "message"),
    [
        ([{"id": "g", "members": ["nope"]}], "group 'g': member 'nope' is not a node of the graph"),
        (
            [{"id": "g1", "members": ["x1"]}, {"id": "g2", "members": ["x1"]}],
            "group 'g2': node 'x1' is also in group 'g1', and neither group holds the other",
        ),
        (
            [{"id": "a", "parent": "b"}, {"id": "b", "parent": "a"}],
            "group 'a': its parents form a loop through 'a'",
        ),
        ([{"id": "a", "parent": "zz"}], "group 'a': its parent 'zz' is not a group of the graph"),
        ([{"id": "a"}, {"id": "a"}], "group 'a': two groups have this id"),
        ([{"id": ""}], 'the 1st group: "id" must be a non-empty string'),
        ([{"id": "a", "collapsed": "yes"}], "group 'a': \"collapsed\" must be true or false"),
        ({"id": "a"}, '"groups" must be a list of groups'),
        # named by its label too, as the app shows it (a trial: "group 'g1'" of a group called "bad one")
        ([{"id": "g1", "label": "bad one", "members": ["zz"]}], "group 'g1' (“bad one”): member 'zz' is not"),
        (
            [
                {"id": "g1", "label": "one", "members": ["x1"]},
                {"id": "g2", "label": "two", "members": ["x1"]},
            ],
            "group 'g2' (“two”): node 'x1' is also in group 'g1' (“one”), and neither",
        ),
    ],
)
def test_invalid_groups_are_refused_naming_the_group(groups, message):
    data = fileio.to_data(chain())
    data["graph"]["groups"] = groups
    with pytest.raises(FileFormatError) as err:
        fileio.loads(json.dumps(data), "bad.mgraph")
    assert str(err.value).startswith("bad.mgraph: ") and message in str(err.value)


def test_the_template_command_writes_what_insert_builds(tmp_path):
    """`main.py template mlp -o FILE`: the graph Insert MLP makes in an empty
    window, groups included; `neuron` makes one "neuron" group."""
    import subprocess
    import sys
    from pathlib import Path

    from core.cli.templates import build

    main = Path(__file__).resolve().parents[1] / "main.py"
    out = tmp_path / "mlp.mgraph"
    r = subprocess.run(
        [sys.executable, str(main), "template", "mlp", "-o", str(out)], capture_output=True, text=True
    )
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith(f"wrote {out}: 360 nodes, ")
    m = fileio.load(out)
    ref = build("mlp")
    assert out.read_text(encoding="utf-8") == fileio.dumps(ref)
    assert {g.label for g in m.groups if g.collapsed} >= {"layer 1 [1]", "layer 3 [4]", "loss"}
    n = build("neuron")
    assert [g.label for g in n.groups] == ["neuron"] and n.groups.get("neuron").members == set(n.nodes())
    one = build("mlp", one_point=True)
    assert one.label(one.output) == "loss" and "layer 1 [1]" in {g.label for g in one.groups}
    assert "layer 1 [2]" not in {g.label for g in one.groups}


def test_a_group_with_no_node_in_it_is_left_out_on_reading():
    """A trial: an empty group loaded as a group drawn nowhere (its frame
    has nothing to go around); one holding only a nested group stays."""
    data = fileio.to_data(chain())
    x = next(iter(fileio.loads(json.dumps(data)).nodes()))
    data["graph"]["groups"] = [
        {"id": "empty", "members": []},
        {"id": "outer", "members": []},
        {"id": "inner", "members": [x], "parent": "outer"},
        {"id": "hollow", "members": [], "parent": "outer"},
    ]
    m = fileio.loads(json.dumps(data))
    assert sorted(m.groups.ids()) == ["inner", "outer"] and m.groups.nodes_in("outer") == {x}


def test_undoing_an_ungroup_puts_the_group_back_in_its_place():
    """The groups' order is the file's: an ungroup undone (or a group emptied
    by a delete, undone) leaves it as it was, not the group moved last
    (found by tests/test_action_sequences.py: Ungroup of a folded MLP layer,
    Undo, and the saved file differed)."""
    m = chain(8)
    gs = m.groups
    a, b, c = gs.add(["x1"], "a"), gs.add(["x2", "x3"], "b"), gs.add(["x4"], "c")
    inner = gs.add(["x3"], "inner")  # inside b
    before = m.groups.to_records()
    gs.restore(gs.remove(b))
    assert gs.ids() == [a, b, c, inner] and gs.to_records() == before
    # several dropped at once (the last nodes of a and of b's inner group deleted), put back
    snap_nodes = m.remove_nodes(["x1", "x3"])  # (the model drops the emptied groups)
    assert {s.group.id for s in snap_nodes.dropped} == {a, inner} and gs.ids() == [b, c]
    m.restore_nodes(snap_nodes)
    assert gs.ids() == [a, b, c, inner] and gs.to_records() == before
