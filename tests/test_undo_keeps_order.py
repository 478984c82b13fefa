"""An undo puts the graph back as it was, order included (trial 59 #4):
Insert MLP, save, delete a folded layer, undo, save wrote the nine nodes at
the end of the file, whose pass (``backward --json``, a reopen) then ran in
another order than the app's. Saved, deleted, undone and saved again, the
file is byte for byte the same; and the app's pass runs in the order the
command (and a reopen) gives the saved file, for any graph, also one wired
against the order it was built in."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

from core.files import fileio
from core.files.tables import tables_of
from core.graph.backward import backward
from core.graph.group_records import Group
from core.graph.headless import backward_numbered
from core.graph.model import GraphModel
from core.learn import templates

ROOT = Path(__file__).resolve().parents[1]


def cli_order(text: str) -> list[str]:
    """``main.py backward``'s order for a file of ``text`` (its own tables and pass)."""
    t = tables_of([text], "g.mgraph")
    got = backward_numbered(
        t.ids, t.nodes, t.ops, t.src0, t.src1, t.order, t.attrs.get("output"), None, t.index
    )
    return [t.ids[i] for i in got.order]


def mlp() -> GraphModel:
    m = GraphModel()
    templates.insert(m, templates.placed(templates.mlp(), m))
    return fileio.loads(fileio.dumps(m))  # as saved and opened


def test_the_mlp_saved_deleted_undone_and_saved_again_is_the_same_file(tmp_path):
    m = mlp()
    before = fileio.dumps(m)
    was = backward(m).order
    gid = next(g.id for g in m.groups if g.label == "layer 3 [2]")
    inside = m.groups.nodes_in(gid)
    snap = m.remove_nodes([n for n in m.nodes() if n in inside])
    assert len(snap.nodes) == 9 and len(snap.dropped) == 2  # "Deleted 9 nodes and 2 groups"
    m.restore_nodes(snap)
    assert fileio.dumps(m) == before
    assert backward(m).order == was
    path = tmp_path / "app_mlp.mgraph"
    fileio.save(m, path)
    out = subprocess.run(
        [sys.executable, "main.py", "backward", str(path), "--json"], capture_output=True, text=True, cwd=ROOT
    )
    assert json.loads(out.stdout)["order"] == was


def grouped(seed: int) -> GraphModel:
    """A random DAG (leaves used once, many times, or twice by one node) in nested groups."""
    rnd = random.Random(seed)
    nodes: list = [(f"x{i}", {"op": "leaf", "value": rnd.uniform(-2, 2)}) for i in range(10)]
    ids = [n for n, _ in nodes]
    edges = []
    for i in range(40):
        nid = f"n{i}"
        nodes.append((nid, {"op": rnd.choice(["add", "mul", "sub"]), "x": float(i)}))
        a = rnd.choice(ids)
        b = a if rnd.random() < 0.15 else rnd.choice(ids)
        edges += [(a, nid, 0), (b, nid, 1)]
        ids.append(nid)
    m = GraphModel.from_records({"format": "micrograd-studio", "version": 1}, nodes, edges)
    order = list(ids)
    rnd.shuffle(order)
    m.groups.load(
        [
            Group("g0", "outer", set(order[:10])),
            Group("g1", "inner", set(order[10:18]), parent="g0", collapsed=True),
            Group("g2", "other", set(order[18:30])),
        ]
    )
    m.set_output(ids[-1])
    return fileio.loads(fileio.dumps(m))


@pytest.mark.parametrize("seed", range(8))
def test_any_delete_in_a_grouped_graph_undone_leaves_the_same_file_and_order(seed):
    m = grouped(seed)
    rnd = random.Random(seed)
    before, was = fileio.dumps(m), backward(m).order
    for _ in range(6):
        ids = rnd.sample(m.nodes(), rnd.randint(1, 12))
        snap = m.remove_nodes(ids)
        m.restore_nodes(snap)
        assert fileio.dumps(m) == before, ids
        assert backward(m).order == was == cli_order(before)
    # deletes undone in turn (the undo stack): each back in its place
    snaps = [m.remove_nodes(rnd.sample(m.nodes(), 5)) for _ in range(4)]
    for snap in reversed(snaps):
        m.restore_nodes(snap)
    assert fileio.dumps(m) == before


def built_by_hand() -> GraphModel:
    """Built as a user on the canvas does: each operator first, its inputs
    after it, then wired (against the order made), with branches apart."""
    m = GraphModel()
    m.add_node("add", "L")
    m.add_node("mul", "p")
    m.add_node("tanh", "t")
    for n, v in (("a", 2.0), ("b", -3.0), ("c", 0.5)):
        m.add_node("leaf", n, value=v)
    m.add_node("exp", "e")
    m.connect("p", "L", 0)
    m.connect("e", "L", 1)
    m.connect("a", "p", 0)
    m.connect("t", "p", 1)
    m.connect("b", "t", 0)
    m.connect("c", "e", 0)
    return m


def test_a_graph_wired_against_its_order_runs_its_pass_as_the_saved_file_does(tmp_path):
    m = built_by_hand()
    text = fileio.dumps(m)
    order = backward(m).order
    assert order == cli_order(text)
    assert backward(fileio.loads(text)).order == order  # opened again
    path = tmp_path / "hand.mgraph"
    path.write_text(text, encoding="utf-8")
    out = subprocess.run(
        [sys.executable, "main.py", "backward", str(path), "--json"], capture_output=True, text=True, cwd=ROOT
    )
    assert json.loads(out.stdout)["order"] == order


@pytest.mark.parametrize("seed", range(12))
def test_random_edits_keep_the_apps_pass_order_the_saved_files(seed):
    """Nodes added, wired either way, disconnected, deleted and undone: each
    time the graph is whole, the app's pass runs as the saved file's."""
    rnd = random.Random(seed)
    m = GraphModel()
    compared = 0
    for step in range(60):
        ids = m.nodes()
        open_ports = [(n, p) for n in ids for p, s in enumerate(m.inputs(n)) if s is None]
        r = rnd.random()
        if r < 0.3 or len(ids) < 3:
            if rnd.random() < 0.4:
                m.add_node("leaf", value=1.0 + step)
            else:
                m.add_node(rnd.choice(["add", "mul", "tanh"]))
        elif r < 0.8 and open_ports:
            t, p = rnd.choice(open_ports)
            s = rnd.choice(ids)
            if m.can_connect(s, t, p) is None:
                m.connect(s, t, p)
        elif r < 0.87:
            m.restore_nodes(m.remove_nodes(rnd.sample(ids, 3)))
        elif r < 0.95:  # every open port given a new leaf (made after its consumer)
            for t, p in open_ports:
                m.connect(m.add_node("leaf", value=0.5), t, p)
        else:
            wired = [(t, p) for t in ids for p, s in enumerate(m.inputs(t)) if s is not None]
            if wired:
                m.disconnect(*rnd.choice(wired))
        if ids and all(None not in m.inputs(n) for n in m.nodes()):
            root = m.sinks()[-1]
            text = fileio.dumps(m)
            t = tables_of([text], "g.mgraph")
            got = backward_numbered(t.ids, t.nodes, t.ops, t.src0, t.src1, t.order, None, root, t.index)
            assert backward(m, root).order == [t.ids[i] for i in got.order], step
            compared += 1
    assert compared


# ------------------------------------------------ the canvas's and the Code panel's undo
def test_undoing_a_wire_deleted_disconnected_or_replaced_leaves_the_same_file():
    """A wire out of a weight used by four data points: Del on it, Disconnect,
    and another weight wired into its port, each undone; the undo made the
    wire last among the weight's uses, and the file listed it last."""
    from PySide6.QtGui import QUndoStack

    from gui.editing.commands import DeleteCommand, connect_command, disconnect_command, push

    m = mlp()
    stack = QUndoStack()
    before = fileio.dumps(m)
    by_label = {m.label(n): n for n in m.nodes()}
    for weight, make in (
        ("w3.1.1", lambda t, p: DeleteCommand(m, [], [(m.inputs(t)[p], t, p)])),
        ("w3.1.2", lambda t, p: disconnect_command(m, t, p)),
        ("w3.1.3", lambda t, p: connect_command(m, by_label["w3.1.4"], t, p)),
    ):
        t, p = m.consumers(by_label[weight])[0]  # (the first of its uses: made last again by its undo)
        push(stack, make(t, p))
        assert fileio.dumps(m) != before
        stack.undo()
        assert fileio.dumps(m) == before, weight
        stack.redo()
        stack.undo()
        assert fileio.dumps(m) == before, weight


def test_undoing_a_code_panel_apply_that_made_a_node_again_leaves_the_same_file():
    """x1*w1 written x1 - w1 in the Code panel: the node is made again as a
    sub (last in the graph); its undo makes the mul again in its place."""
    from PySide6.QtGui import QUndoStack

    from core.code.codediff import plan_code_edit
    from core.code.codetext import to_code
    from gui.code.code_sync import ApplyCodeCommand
    from gui.editing.commands import push

    m = fileio.load(ROOT / "resources" / "examples" / "neuron_tanh.mgraph")
    before, order = fileio.dumps(m), backward(m).order
    code = to_code(m)
    plan = plan_code_edit(m, code.text.replace("x1w1 = x1 * w1", "x1w1 = x1 - w1"), code.names)
    stack = QUndoStack()
    push(stack, ApplyCodeCommand(m, plan))
    assert m.op("x1w1") == "sub" and m.nodes()[-1] == "x1w1"
    stack.undo()
    assert fileio.dumps(m) == before
    assert backward(m).order == order == cli_order(before)


def test_a_node_fed_twice_by_one_source_comes_back_with_its_wires_keys():
    """a*a whose first wire was made again (networkx keys its two wires 1
    and 2, and the file says so): deleted and undone, or a wire of it
    disconnected and undone, the wires come back under the same keys, in
    the same order."""
    from PySide6.QtGui import QUndoStack

    from gui.editing.commands import disconnect_command, push

    m = GraphModel()
    m.add_node("leaf", "a", value=3.0)
    m.add_node("mul", "m")
    m.add_node("tanh", "t")
    m.connect("a", "m", 0)
    m.connect("a", "m", 1)
    m.disconnect("m", 0)
    m.connect("a", "m", 0)
    m.connect("m", "t", 0)
    before = fileio.dumps(m)
    assert [k for _, _, k in m.graph.edges(keys=True)][:2] == [1, 2]
    m.restore_nodes(m.remove_nodes(["m"]))
    assert fileio.dumps(m) == before
    stack = QUndoStack()
    for port in (0, 1):
        push(stack, disconnect_command(m, "m", port))
        stack.undo()
        assert fileio.dumps(m) == before, port


def test_every_node_deleted_wire_by_wire_and_undone_keeps_the_wires_keys():
    """Select All, Delete, Ctrl+Z where the graph is made again wire by wire
    (a custom op in it, or inside a batch; review 59): a*a's wires keyed 1
    and 2 came back as 0 and 1, and the file saved again differed."""
    from core.autograd.custom_ops import CustomOp, install, uninstall
    from gui.editing.commands import DeleteCommand

    install(CustomOp("twice", 1, "2*a", ("2",)))
    try:
        m = GraphModel()
        m.add_node("leaf", "a", value=3.0)
        m.add_node("mul", "sq")
        m.connect("a", "sq", 0)
        m.connect("a", "sq", 1)
        m.add_node("twice", "t")
        m.connect("sq", "t", 0)
        m.disconnect("sq", 0)
        m.connect("a", "sq", 0)  # (keys 1 and 2 now)
        before = fileio.dumps(m)
        cmd = DeleteCommand(m, m.nodes(), every=True)
        cmd.apply()
        assert len(m) == 0
        cmd.revert()
        assert list(m.graph._succ["a"]["sq"]) == [1, 2]
        assert fileio.dumps(m) == before
    finally:
        uninstall("twice")


@pytest.mark.parametrize("seed", range(30))
def test_a_delete_undone_lays_out_as_before(seed):
    """Auto Layout reads each node's inputs in networkx's predecessor order:
    an undo that put nodes back in the file's order but not there laid out
    16 graphs of 200 otherwise (review 59)."""
    from core.graph.layout import layered_positions

    m = grouped(seed)
    rnd = random.Random(seed)
    before = layered_positions(m)
    for _ in range(3):
        m.restore_nodes(m.remove_nodes(rnd.sample(m.nodes(), rnd.choice([1, 3]))))
        assert layered_positions(m) == before


def test_undoing_a_label_cleared_leaves_the_same_file():
    """A weight's name cleared in Properties and the clearing undone: the
    label came back last among the node's keys, and the file listed it so."""
    from PySide6.QtGui import QUndoStack

    from gui.editing.commands import push, set_label_command

    m = mlp()
    before = fileio.dumps(m)
    n = next(n for n in m.nodes() if m.label(n) == "w3.1.1")
    stack = QUndoStack()
    push(stack, set_label_command(m, n, None))
    stack.undo()
    assert list(m.node(n))[:2] == ["op", "label"]
    assert fileio.dumps(m) == before


def test_a_label_cleared_goes_back_where_a_hand_written_file_had_it():
    """Review 59 #4: a file written by hand (or another tool) listing a node's
    label after its value: cleared and given back by Undo, the label went
    after the op and the saved file changed. It goes back where it stood."""
    from PySide6.QtGui import QUndoStack

    from gui.editing.commands import push, set_label_command

    text = json.dumps(
        {
            "directed": True,
            "multigraph": True,
            "graph": {"format": "micrograd-studio", "version": 1},
            "nodes": [
                {"id": "a", "op": "leaf", "value": 2.0, "label": "a"},
                {"id": "b", "op": "leaf", "value": -3.0, "grad_note": 1, "label": "b"},
                {"id": "c", "op": "mul", "label": "c"},
            ],
            "edges": [
                {"source": "a", "target": "c", "port": 0, "key": 0},
                {"source": "b", "target": "c", "port": 1, "key": 0},
            ],
        },
        indent=2,
    )
    m = fileio.loads(text)
    before = fileio.dumps(m)
    stack = QUndoStack()
    for n in ("a", "b", "a"):
        push(stack, set_label_command(m, n, None))
        assert "label" not in m.node(n)
    for _ in range(3):
        stack.undo()
    assert fileio.dumps(m) == before
    for _ in range(3):
        stack.redo()
    for _ in range(3):
        stack.undo()
    assert fileio.dumps(m) == before


def test_a_cleared_label_s_place_is_not_a_later_node_s():
    """Review 61 #1: the place a cleared label stood outlived its node; a
    new node given the same id, once named, put its label there."""
    text = json.dumps(
        {
            "directed": True,
            "multigraph": True,
            "graph": {"format": "micrograd-studio", "version": 1},
            "nodes": [{"id": "a", "op": "leaf", "value": 1.0, "x": 5.0, "y": 6.0, "label": "a"}],
            "edges": [],
        }
    )
    m = fileio.loads(text)
    m.set_label("a", None)
    m.remove_node("a")
    m.add_node("leaf", "a", value=2.0, x=1.0, y=2.0)
    m.set_label("a", "a")
    fresh = GraphModel()
    fresh.add_node("leaf", "a", value=2.0, label="a", x=1.0, y=2.0)
    assert list(m.node("a")) == list(fresh.node("a"))
