"""A recovery copy's bytes (issue 14): the same as one JSON encoding of the
whole document, made a slice of nodes at a time, so the writer's thread
never holds the interpreter's lock for the whole graph while the user
edits on the UI thread (no Qt here)."""

from __future__ import annotations

import json

from core.files import edge_extras, fileio, recovery, text_check
from core.files.recovery import snapshot
from core.graph.layout import layered_positions
from core.graph.model import GraphModel


def whole(snap: recovery.Snapshot) -> bytes:
    """The reference: the document encoded in one go."""
    return json.dumps(snap.to_data(), ensure_ascii=True, allow_nan=False).encode("ascii")


def chain(n: int) -> GraphModel:
    m = GraphModel()
    m.add_node("leaf", "x0", value=0.5)
    for i in range(1, n):
        m.add_node("tanh" if i % 3 else "mul", f"x{i}", label=f"é{i}\u2192")
        m.connect(f"x{i - 1}", f"x{i}", 0)
        if i % 3 == 0:
            m.connect("x0", f"x{i}", 1)
    for nid, (x, y) in layered_positions(m).items():
        m.set_position(nid, x, y)
    return m


def test_a_copy_encoded_slice_by_slice_is_the_whole_documents_encoding(monkeypatch):
    m = chain(50)
    m.groups.add(["x1", "x2", "x3"], "part")
    doc = json.loads(fileio.dumps(m))
    doc["edges"][0]["colour"] = "red"  # a key we don't know
    m = fileio.loads(json.dumps(doc))
    m.graph.graph["title"] = "t\ud800é"  # a lone surrogate: escaped, as ever
    snap = snapshot(m)
    for chunk in (1, 7, 49, 50, 1000):
        monkeypatch.setattr(recovery, "CHUNK", chunk)
        assert snap.encode() == whole(snap), chunk
    back = fileio.loads(text_check.replace_lone_surrogates(snap.encode().decode("ascii")))
    assert sorted(back.edges()) == sorted(m.edges()) and back.attrs["title"] == "t\ufffdé"
    empty = snapshot(GraphModel())
    assert empty.encode() == whole(empty)


def test_no_slice_of_a_copy_holds_more_than_a_chunk_of_nodes_or_their_wires(monkeypatch):
    monkeypatch.setattr(recovery, "CHUNK", 10)
    sizes: list[int] = []
    real = json.JSONEncoder.encode

    def counted(self, o):
        sizes.append(len(o) if isinstance(o, list) else 0)
        return real(self, o)

    monkeypatch.setattr(json.JSONEncoder, "encode", counted)
    snap = snapshot(chain(95))
    sizes.clear()
    data = snap.encode()
    nodes, wires = sizes[1:11], sizes[11:]  # after the head: ten slices of nodes, then the wires
    assert sizes[0] == 0 and nodes == [10] * 9 + [5]
    assert len(wires) == 10 and max(wires) <= 20 and sum(wires) == len(snap.to_data()["edges"])
    assert data == whole(snap)


def test_the_writer_rests_after_each_slice_and_writes_the_same_bytes(monkeypatch, tmp_path):
    monkeypatch.setattr(recovery, "CHUNK", 10)
    snap = snapshot(chain(95))
    writer = recovery.RecoveryWriter()
    written: dict = {}
    rests: list[float] = []
    writer.write = lambda path, data: written.setdefault(path, data)
    writer.pause = rests.append
    try:
        writer.submit(snap, tmp_path / "g.mgraph", tmp_path / "g.json", {"name": "g"})
        assert writer.wait(10)
    finally:
        writer.close()
    assert written[tmp_path / "g.mgraph"] == whole(snap) and writer.written == 1
    assert len(rests) == len(list(snap.pieces())) >= 20 and set(rests) == {recovery.PAUSE}


def test_a_files_unknown_wire_keys_reach_the_copy_without_a_walk_over_the_wires():
    """The reader notes a file's unknown wire keys as it builds the model
    (core/files/edge_extras.py): the first copy of a big document walked
    every wire for them on the UI thread. A model not read from a file is
    walked once, on its first copy."""
    doc = json.loads(fileio.dumps(chain(30)))
    doc["edges"][3]["colour"] = "red"
    doc["edges"][5]["weight"] = {"w": [1, 2]}
    m = fileio.loads(json.dumps(doc))
    walks = edge_extras.walks
    snap = snapshot(m)
    assert edge_extras.walks == walks  # noted by the reader: no walk
    e3, e5 = doc["edges"][3], doc["edges"][5]
    assert snap.edge_extras == {
        (e3["source"], e3["target"], e3["port"]): {"colour": "red"},
        (e5["source"], e5["target"], e5["port"]): {"weight": {"w": [1, 2]}},
    }

    def wires(text: str) -> list:  # a file's wires, as a save and a copy write them
        return sorted(
            json.dumps({k: v for k, v in e.items() if k != "key"}) for e in json.loads(text)["edges"]
        )

    assert wires(snap.encode().decode("ascii")) == wires(fileio.dumps(m))
    other = chain(30)  # made by edits: walked once, then known
    assert snapshot(other).edge_extras == {} and edge_extras.walks == walks + 1
    snapshot(other)
    assert edge_extras.walks == walks + 1


def test_a_window_gone_as_its_copy_is_written_leaves_no_traceback(monkeypatch, tmp_path):
    """A window torn down without closing (its writer's listener a deleted Qt
    signal) while a copy was written printed "Exception in thread
    recovery-writer … RuntimeError: Signal source has been deleted"."""
    import threading

    raised: list = []
    monkeypatch.setattr(threading, "excepthook", raised.append)
    writer = recovery.RecoveryWriter()
    writer.write = lambda path, data: None

    def gone(result) -> None:
        raise RuntimeError("Signal source has been deleted")

    writer.on_result = gone
    try:
        writer.submit(snapshot(chain(5)), tmp_path / "g.mgraph", tmp_path / "g.json", {"name": "g"})
        assert writer.wait(10)
    finally:
        writer.close()
    assert writer.written == 1 and raised == []
