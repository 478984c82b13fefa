"""A new node's id (``leaf12``, ``mul3``) is the stem's first free number, as
ever, found without trying every id a big graph has taken (issue 14: a
graph of 10,000 leaves ``x1``…``x10000`` tried 10,000 ids for each paste
or new leaf; since trial 49 a new leaf's stem is ``leaf``, not ``x``: ids
that read as the lecture's names clashed with labels). No Qt here but the
undo stack the commands go on."""

from __future__ import annotations

import random

from PySide6.QtGui import QUndoStack

from core.graph.model import GraphModel
from gui.editing import commands as C


def leaves(n: int) -> GraphModel:
    m = GraphModel()
    for i in range(1, n + 1):
        m.add_node("leaf", f"leaf{i}", value=1.0)
    return m


def first_free(m: GraphModel, stem: str, start: int = 1) -> str:
    """The reference: every number in turn."""
    i = start
    while f"{stem}{i}" in m:
        i += 1
    return f"{stem}{i}"


def test_new_ids_are_the_first_free_numbers_whatever_was_added_or_removed():
    m = leaves(50)
    rnd = random.Random(3)
    for _ in range(300):
        kind = rnd.choice(["add", "add", "remove", "paste", "start"])
        if kind == "add":
            want = first_free(m, "leaf")
            assert m.add_node("leaf", value=0.5) == want
        elif kind == "remove" and len(m):
            m.remove_node(rnd.choice(m.nodes()))
        elif kind == "paste":
            gone = m.remove_nodes(rnd.sample(m.nodes(), min(3, len(m))))
            assert m.new_id("leaf") == first_free(m, "leaf")
            m.restore_nodes(gone)
        else:
            start = rnd.randint(1, 80)
            assert m.new_id("leaf", start) == first_free(m, "leaf", start)
        assert m.new_id("leaf") == first_free(m, "leaf") and m.new_id("leaf1") == first_free(m, "leaf1")


def test_pasted_nodes_get_the_first_free_ids(qapp):
    m = leaves(20)
    m.remove_node("leaf7")
    stack = QUndoStack()
    nodes = [{"id": "a", "op": "leaf", "value": 1.0, "label": "a"}, {"id": "b", "op": "leaf", "value": 2.0}]
    nodes.append({"id": "neg1", "op": "neg", "label": "c"})
    C.push(stack, C.PasteCommand(m, nodes, [("a", "neg1", 0)], 40.0, 40.0))
    # the labelled get fresh ids; unlabelled "b" keeps its id, the name its card shows
    assert set(m.nodes()) >= {"leaf7", "b", "neg1"} and m.inputs("neg1") == ["leaf7"]


def test_an_unlabelled_node_pasted_keeps_its_id_where_free_else_gets_a_fresh_one(qapp):
    """Verify 49: pasting an unlabelled "pow2" into a new document showed
    "pow1" (its card shows its id: the name changed under the user)."""
    m = GraphModel()
    stack = QUndoStack()
    nodes = [{"id": "leaf3", "op": "leaf", "value": 2.0}, {"id": "pow2", "op": "pow", "exponent": 2.0}]
    C.push(stack, C.PasteCommand(m, nodes, [("leaf3", "pow2", 0)], 0.0, 0.0))
    assert sorted(m.nodes()) == ["leaf3", "pow2"] and m.inputs("pow2") == ["leaf3"]
    C.push(stack, C.PasteCommand(m, nodes, [("leaf3", "pow2", 0)], 40.0, 0.0))  # taken now
    assert sorted(m.nodes()) == ["leaf1", "leaf3", "pow1", "pow2"] and m.inputs("pow1") == ["leaf1"]
    stack.undo()
    stack.undo()
    stack.redo()  # the same ids again
    assert sorted(m.nodes()) == ["leaf3", "pow2"]


def test_a_second_paste_into_a_graph_of_many_leaves_tries_a_few_ids(qapp):
    m = leaves(3000)
    stack = QUndoStack()
    nodes = [{"id": k, "op": "leaf", "value": 1.0, "label": k} for k in "ab"]
    C.push(stack, C.PasteCommand(m, nodes, [], 40.0, 40.0))
    assert "leaf3001" in m and "leaf3002" in m
    tried = m._free.tried
    C.push(stack, C.PasteCommand(m, nodes, [], 40.0, 40.0))
    assert "leaf3003" in m and "leaf3004" in m
    assert m._free.tried - tried <= 4  # was 3,000 for each paste
    stack.undo()  # nodes removed: the numbers are looked for again, from 1
    assert m.new_id("leaf") == "leaf3003"


def test_an_unlabelled_id_another_card_reads_as_its_label_is_not_kept(qapp):
    """A review: pasting an unlabelled "pow2" where a card is labelled "pow2"
    kept the id, and two cards read "pow2"."""
    m = GraphModel()
    m.add_node("leaf", "leaf1", label="pow2", value=1.0)
    stack = QUndoStack()
    nodes = [{"id": "leaf3", "op": "leaf", "value": 2.0}, {"id": "pow2", "op": "pow", "exponent": 2.0}]
    C.push(stack, C.PasteCommand(m, nodes, [("leaf3", "pow2", 0)], 0.0, 0.0))
    assert "pow2" not in m and "leaf3" in m
    (p,) = [n for n in m.nodes() if m.op(n) == "pow"]
    assert m.label(p) == p == "pow1" and m.inputs(p) == ["leaf3"]
