"""A recovery copy of a big document costs the UI thread what changed since
the last copy, not the whole graph (issue 14: copying every node's record
held it ~100 ms at 50,000 nodes, inside whatever edit came next), and its
file is still exactly the whole snapshot's."""

from __future__ import annotations

import random
from collections.abc import Iterator, Mapping

import pytest
from layered_graphs import layered_graph

from core.autograd import custom_ops
from core.files import recovery
from core.files.recovery import snapshot
from core.graph.model import GraphModel

SWISH = custom_ops.CustomOp("swish", 1, "a*sigmoid(a)", ("sigmoid(a) + a*sigmoid(a)*(1 - sigmoid(a))",))


def graph(n: int = 300) -> GraphModel:
    return layered_graph(n, 3, ["add", "mul", "tanh", "sub"], lambda r: r.uniform(-2, 2))


def same(copy: recovery.RecordCopy) -> None:
    assert copy.take().encode() == snapshot(copy.model).encode()


# ------------------------------------------------------------ the same file, whatever the edits (no Qt)
def test_a_kept_copy_makes_the_whole_snapshots_file_after_every_kind_of_edit():
    m = graph()
    copy = recovery.RecordCopy(m)
    same(copy)  # the first: every node copied
    rnd = random.Random(7)
    leaves = [n for n in m.nodes() if m.op(n) == "leaf"]
    m.set_value(leaves[0], 9.5)
    m.set_label(leaves[1], "w")
    m.set_attr(leaves[2], "trainable", False)
    m.set_position("n5", 1.0, 2.0)
    m.set_positions({n: (rnd.uniform(0, 99), 3.0) for n in m.nodes()[::7]})
    same(copy)
    p = m.add_node("pow", exponent=3.0)
    m.set_exponent(p, 2.0)
    m.connect("n3", p, 0)
    m.disconnect("n10", 1)
    m.connect(leaves[3], "n10", 1)
    m.set_output(p)
    m.set_graph_attr("title", "t")
    gid = m.groups.add(["n1", "n2"], "pair")
    same(copy)
    snap = m.remove_node("n20")  # its wires' ends too
    same(copy)
    m.restore_node(snap)  # at the end of the graph's order now
    same(copy)
    gone = m.remove_nodes(m.nodes()[40:90])
    m.add_nodes([("q1", {"op": "neg"}), ("q2", {"op": "leaf", "value": 1.0})], [("q2", "q1", 0)])
    same(copy)
    m.remove_nodes(["q1", "q2"])
    m.restore_nodes(gone)
    m.groups.remove(gid)
    same(copy)
    custom_ops.install(SWISH)
    s = m.add_node("swish")
    m.connect("n7", s, 0)
    same(copy)
    assert "swish" in copy.take().encode().decode()
    every = m.remove_nodes(m.nodes())  # the whole graph, its tables put back as they were
    same(copy)
    m.restore_nodes(every)
    same(copy)
    m.remove_node(s)
    same(copy)
    assert "swish" not in copy.take().encode().decode()


def test_moves_kept_apart_from_the_records_make_the_same_file():
    m = graph(80)
    copy = recovery.RecordCopy(m)
    same(copy)
    m.set_positions({n: (float(i), -1.5) for i, n in enumerate(m.nodes())})  # every node (Auto Layout)
    m.set_position("n3", 7.0, 8.0)
    same(copy)
    m.set_label("n3", "moved, then renamed")  # its record copied again, with its position
    m.set_position("n4", 1.0, 1.0)
    snap = m.remove_node("n4")
    same(copy)
    m.restore_node(snap)
    m.set_position("n4", 2.0, 2.0)
    same(copy)
    odd = m.add_node("leaf", "odd", value=1.0)
    del m.graph.nodes[odd]["x"]  # a record without a position (an old file's): the move adds it last
    m.set_position(odd, 3.0, 4.0)
    same(copy)
    first = copy.take()
    before = first.encode()
    m.set_positions({"n5": (0.25, 0.5), "n6": (0.75, 1.0)})
    assert first.encode() == before  # a snapshot does not follow later moves either


def test_a_snapshot_does_not_follow_later_edits_of_the_copy():
    m = graph(50)
    copy = recovery.RecordCopy(m)
    first = copy.take()
    before = first.encode()
    m.set_value("x0", 42.0)
    m.set_position("n3", 5.0, 5.0)
    m.remove_node("n4")
    m.add_node("leaf", "late", value=1.0)
    copy.take()  # the copy's own records move on
    assert first.encode() == before


def test_a_node_added_unannounced_is_found_and_everything_copied_again(caplog):
    m = graph(50)
    copy = recovery.RecordCopy(m)
    copy.take()
    with m.node_added.blocked():  # (no signal should be missed; if one is, the copy notices)
        m.add_node("leaf", "unheard", value=2.0)
    copied = copy.copied
    same(copy)
    assert copy.copied - copied >= 2 * len(m) and "unannounced" in caplog.text


# ------------------------------------------------------------ the work of a copy (through the autosaver)
class Counted(Mapping):
    """A model table that counts the nodes whose entry is read."""

    def __init__(self, table: Mapping) -> None:
        self.table, self.read = table, 0

    def __getitem__(self, key: str):  # values(), items() and get() come through here
        self.read += 1
        return self.table[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self.table)

    def __len__(self) -> int:
        return len(self.table)


@pytest.fixture
def saver(qapp, tmp_path, monkeypatch):
    monkeypatch.setenv("MICROGRAD_STUDIO_CONFIG", str(tmp_path))
    from gui.document.document import Document
    from gui.window.autosave import AutoSaver

    doc = Document()
    doc.replace(graph(2000), None, "big")
    s = AutoSaver(doc, delay_ms=3_600_000, max_wait_ms=3_600_000, max_edits=10**9)
    yield doc, s
    doc.undo_stack.setClean()
    s.stop()


def counted_copy(doc, saver) -> tuple[int, int]:
    """save_now, with the nodes' attributes and inputs it read counted."""
    m = doc.model
    attrs, inputs = Counted(m.attr_table()), Counted(m.input_table())
    m.attr_table, m.input_table = lambda: attrs, lambda: inputs
    try:
        assert saver.save_now()
    finally:
        del m.attr_table, m.input_table
    return attrs.read, inputs.read


def test_a_copy_after_a_one_node_edit_reads_that_node_not_every_node(saver):
    from gui.editing import commands as C

    doc, s = saver
    doc.undo_stack.push(C.set_value_command(doc.model, "x0", 0.25))
    assert s.save_now()  # the first copy reads every node
    doc.undo_stack.push(C.set_value_command(doc.model, "x1", 0.5))
    records, rows = counted_copy(doc, s)
    assert records <= 2 and rows <= 2, (records, rows)  # was 2,000 and 2,000
    assert s.graph_path.read_bytes() == snapshot(doc.model).encode()
    doc.undo_stack.push(C.MoveCommand(doc.model, {"n7": (doc.model.position("n7"), (3.0, 4.0))}))
    doc.undo_stack.push(C.rewire_command(doc.model, "x1", "n9", 0, "n8", 0))  # two nodes' inputs
    records, rows = counted_copy(doc, s)
    assert records <= 4 and rows <= 4, (records, rows)
    assert s.graph_path.read_bytes() == snapshot(doc.model).encode()


def test_a_copy_after_every_node_moved_reads_no_node(saver):
    from gui.editing import commands as C

    doc, s = saver
    m = doc.model
    doc.undo_stack.push(C.set_value_command(m, "x0", 0.25))
    assert s.save_now()
    moves = {n: (m.position(n), (m.position(n)[0] + 10.0, -m.position(n)[1])) for n in m.nodes()}
    doc.undo_stack.push(C.MoveCommand(m, moves))  # as Auto Layout moves them
    records, rows = counted_copy(doc, s)
    assert records == 0 and rows == 0, (records, rows)  # was 2,000 and 2,000
    assert s.graph_path.read_bytes() == snapshot(m).encode()
    doc.undo_stack.undo()
    records, rows = counted_copy(doc, s)
    assert records == 0 and rows == 0, (records, rows)
    assert s.graph_path.read_bytes() == snapshot(m).encode()


def test_the_first_copy_is_made_a_slice_at_a_time_while_the_app_is_idle(saver, qapp, monkeypatch):
    from gui.editing import commands as C
    from gui.window import autosave

    monkeypatch.setattr(autosave, "SLICE", 300)
    doc, s = saver
    assert s.records is None  # nothing to copy while nothing is unsaved
    doc.undo_stack.push(C.set_value_command(doc.model, "x0", 0.25))
    copy = s.records
    assert copy is not None and copy.copied == 0 and copy.left == len(doc.model)
    slices = []
    while copy.left:
        before = copy.copied
        qapp.processEvents()
        slices.append(copy.copied - before)
    assert len(slices) >= 6 and max(slices) <= 2 * 300  # a slice of nodes (and their inputs) a turn
    doc.undo_stack.push(C.set_value_command(doc.model, "x1", 0.5))
    records, rows = counted_copy(doc, s)  # the first recovery copy: already made
    assert records <= 2 and rows <= 2, (records, rows)
    assert s.graph_path.read_bytes() == snapshot(doc.model).encode()


def test_a_new_document_is_copied_whole_and_the_old_ones_copy_let_go(saver):
    from gui.editing import commands as C

    doc, s = saver
    doc.undo_stack.push(C.set_value_command(doc.model, "x0", 0.25))
    assert s.save_now()
    old = s.records
    assert old is not None and old.model is doc.model
    doc.replace(graph(30), None, "small")
    assert s.records is None  # (it held the old model)
    doc.undo_stack.push(C.set_value_command(doc.model, "x0", 0.75))
    assert s.save_now()
    assert s.records is not None and s.records.model is doc.model
    assert s.graph_path.read_bytes() == snapshot(doc.model).encode()


def test_a_copy_begun_again_is_made_in_idle_slices_not_at_the_next_copy(saver, qapp, monkeypatch):
    """Undoing Delete of every node puts the whole graph back into an empty
    copy, which begins again: the idle slices make it, so the next copy reads
    what changed since (it read every node on the timer's turn: ~70 ms at 50,000)."""
    from gui.editing import commands as C
    from gui.window import autosave

    monkeypatch.setattr(autosave, "SLICE", 300)
    doc, s = saver
    m = doc.model
    doc.undo_stack.push(C.set_value_command(m, "x0", 0.25))
    assert s.save_now()
    qapp.processEvents()  # an idle turn: no slice left to run
    copy = s.records
    assert copy is not None and not copy.left
    doc.undo_stack.push(C.DeleteCommand(m, list(m.nodes()), every=True))
    doc.undo_stack.undo()
    assert copy.left == len(m)  # begun again
    slices = []
    for _ in range(50):
        if not copy.left:
            break
        before = copy.copied
        qapp.processEvents()
        slices.append(copy.copied - before)
    assert not copy.left and max(slices) <= 2 * 300, slices
    doc.undo_stack.push(C.set_value_command(m, "x1", 0.5))
    records, rows = counted_copy(doc, s)
    assert records <= 2 and rows <= 2, (records, rows)
    assert s.graph_path.read_bytes() == snapshot(m).encode()


def test_a_copy_due_before_the_first_copy_is_made_waits_for_its_slices(qapp, tmp_path, monkeypatch):
    """The timer's turn copies no node while more than a slice of the first
    copy is left: the slices make it, and the last one writes the copy due."""
    monkeypatch.setenv("MICROGRAD_STUDIO_CONFIG", str(tmp_path))
    from gui.document.document import Document
    from gui.editing import commands as C
    from gui.window import autosave

    monkeypatch.setattr(autosave, "SLICE", 300)
    doc = Document()
    doc.replace(graph(2000), None, "big")
    s = autosave.AutoSaver(doc, delay_ms=3_600_000, max_wait_ms=3_600_000, max_edits=1)
    try:
        doc.undo_stack.push(C.set_value_command(doc.model, "x0", 0.25))  # a copy due at once
        copy = s.records
        assert copy is not None and copy.left == len(doc.model)
        s.poll()  # (what the timer runs)
        assert copy.copied == 0 and s.writer.written == 0
        slices = []
        for _ in range(50):
            if s.writer.written:
                break
            before = copy.copied
            qapp.processEvents()
            slices.append(copy.copied - before)
            s.writer.wait(5)
        assert s.writer.written == 1 and max(slices) <= 2 * 300 + 2, slices
        assert s.graph_path.read_bytes() == snapshot(doc.model).encode()
    finally:
        doc.undo_stack.setClean()
        s.stop()
