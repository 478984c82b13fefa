"""Recovery copies: a few seconds after the last edit (a fake clock drives
the schedule), written off the UI thread from a snapshot, for every
modified document, whatever its text."""

from __future__ import annotations

import threading

import pytest
from test_window_files import edit_a, open_blog_example
from window_helpers import Button, answers, make_window, tmp_settings, window  # noqa: F401

from core.files import fileio
from core.files.recovery import SaveSchedule, snapshot
from gui.window import autosave
from gui.window.autosave import AutoSaver

BLOG = "resources/examples/blog_L.mgraph"


class Clock:
    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


# ------------------------------------------------------------ the schedule (no Qt)
def test_schedule_waits_for_a_pause_in_editing():
    s = SaveSchedule(delay=2.0, max_wait=10.0, max_edits=25)
    assert s.due_in(0.0) is None and not s.pending
    s.edited(0.0)
    assert s.due_in(0.0) == 2.0 and not s.due(1.9)
    s.edited(1.5)  # another edit pushes it back
    assert not s.due(3.4) and s.due(3.5)
    s.written()
    assert s.due_in(4.0) is None


def test_schedule_does_not_wait_forever_while_edits_go_on():
    s = SaveSchedule(delay=2.0, max_wait=10.0, max_edits=1000)
    t = 0.0
    while not s.due(t):
        s.edited(t)
        t += 1.0
    assert t == 10.0  # at the latest max_wait after the first edit


def test_schedule_is_due_after_so_many_edits():
    s = SaveSchedule(delay=2.0, max_wait=10.0, max_edits=5)
    for i in range(4):
        s.edited(i * 0.01)
    assert not s.due(0.05)
    s.edited(0.05)
    assert s.due(0.05)


# ------------------------------------------------------------ the snapshot
def test_a_snapshot_is_the_file_and_does_not_follow_later_edits():
    m = fileio.load(BLOG)
    m.graph.graph["title"] = "t"
    snap = snapshot(m)
    m.set_value("a", 99.0)
    m.remove_node("L")
    back = fileio.loads(snap.encode().decode("ascii"))
    orig = fileio.load(BLOG)
    assert back.node("a")["value"] == orig.node("a")["value"] and "L" in back
    assert sorted(back.edges()) == sorted(orig.edges())
    assert back.attrs["title"] == "t" and back.output == "L"


def test_a_snapshot_keeps_the_groups():
    m = fileio.load(BLOG)
    gid = m.groups.add(["a", "b", "e"], "a·b")
    m.groups.set_collapsed(gid, True)
    snap = snapshot(m)
    m.groups.remove(gid)
    back = fileio.loads(snap.encode().decode("ascii"))
    g = back.groups.get(gid)
    assert g.label == "a·b" and g.members == {"a", "b", "e"} and g.collapsed


def test_a_snapshot_keeps_unknown_edge_keys(tmp_path):
    import json

    doc = json.loads(open(BLOG).read())
    doc["edges"][0]["colour"] = "red"
    m = fileio.loads(json.dumps(doc))
    back = fileio.loads(snapshot(m).encode().decode())
    e = doc["edges"][0]
    data = back.graph.get_edge_data(e["source"], e["target"])
    assert any(d.get("colour") == "red" for d in data.values())


# ------------------------------------------------------------ the autosaver, by a fake clock
@pytest.fixture
def clocked(window):
    clock = Clock()
    saver = AutoSaver(window.document, delay_ms=2000, max_wait_ms=10_000, max_edits=25, clock=clock)
    yield window, saver, clock
    saver.stop()


def test_a_copy_comes_a_little_after_the_last_edit(clocked):
    window, saver, clock = clocked
    open_blog_example(window)
    edit_a(window, 5.0)
    clock.t += 1.9
    saver.poll()
    saver.writer.wait()
    assert not saver.graph_path.exists()
    edit_a(window, 6.0)
    clock.t += 1.9
    saver.poll()
    saver.writer.wait()
    assert not saver.graph_path.exists()  # 1.9 s after the last edit: not yet
    clock.t += 0.1
    saver.poll()
    assert saver.writer.wait(5)
    assert fileio.load(saver.graph_path).node("a")["value"] == 6.0


def test_a_copy_comes_after_so_many_edits(clocked):
    window, saver, clock = clocked
    open_blog_example(window)
    for i in range(25):
        edit_a(window, float(i))
        clock.t += 0.01
    saver.poll()
    assert saver.writer.wait(5)
    assert fileio.load(saver.graph_path).node("a")["value"] == 24.0


def test_the_timer_is_armed_by_an_edit(qtbot, window):
    saver = AutoSaver(window.document, delay_ms=300, max_wait_ms=5000)
    try:
        open_blog_example(window)
        edit_a(window, 5.0)
        assert not saver.graph_path.exists()  # not at once
        qtbot.waitUntil(saver.graph_path.exists, timeout=5000)
        assert saver.writer.wait(5)
        assert fileio.load(saver.graph_path).node("a")["value"] == 5.0
    finally:
        saver.stop()


# ------------------------------------------------------------ off the UI thread
def test_the_copy_is_written_off_the_ui_thread_from_a_snapshot(window):
    saver = window.autosaver
    open_blog_example(window)
    edit_a(window, 5.0)
    release, threads = threading.Event(), []
    real = saver.writer.write

    def slow(path, data):
        threads.append(threading.current_thread())
        release.wait(10)
        return real(path, data)

    saver.writer.write = slow
    assert saver.save_now(block=False)  # returns while the writer waits
    edit_a(window, 77.0)  # the UI goes on editing meanwhile
    release.set()
    assert saver.writer.wait(10)
    assert threads and all(t is not threading.main_thread() for t in threads)
    assert fileio.load(saver.graph_path).node("a")["value"] == 5.0  # as it was when copied


def test_a_blocking_copy_waits_for_the_same_copy_on_its_way(window):
    """A monkey test: a copy of this very state was on its way (the timer's),
    so save_now(block=True) returned at once, the file still the one before."""
    saver = window.autosaver
    open_blog_example(window)
    edit_a(window, 5.0)
    assert saver.save_now(block=True)
    edit_a(window, 6.0)
    release = threading.Event()
    real = saver.writer.write

    def slow(path, data):
        release.wait(10)
        return real(path, data)

    saver.writer.write = slow
    assert saver.save_now(block=False)  # the timer's copy, on its way
    threading.Timer(0.3, release.set).start()
    saver.save_now(block=True)  # nothing new to copy: but the copy is there when it returns
    assert fileio.load(saver.graph_path).node("a")["value"] == 6.0


def test_saving_during_a_copy_leaves_no_copy(window, answers, tmp_path):
    saver = window.autosaver
    open_blog_example(window)
    edit_a(window, 5.0)
    started, release = threading.Event(), threading.Event()
    real = saver.writer.write

    def slow(path, data):
        started.set()
        release.wait(10)
        return real(path, data)

    saver.writer.write = slow
    saver.save_now(block=False)
    assert started.wait(5)
    answers.save_path = str(tmp_path / "g.mgraph")
    window.save()  # the work is saved while the copy is being written
    release.set()
    assert saver.writer.wait(10)
    assert not saver.graph_path.exists() and autosave.orphans() == []


# ------------------------------------------------------------ every modified document
def test_every_modified_window_has_its_own_copy(qtbot, answers, window):
    other = make_window(qtbot, answers)
    for w, v in ((window, 1.5), (other, 2.5)):
        open_blog_example(w)
        edit_a(w, v)
        assert w.autosaver.save_now()
    assert window.autosaver.graph_path != other.autosaver.graph_path
    assert fileio.load(window.autosaver.graph_path).node("a")["value"] == 1.5
    assert fileio.load(other.autosaver.graph_path).node("a")["value"] == 2.5


def test_text_that_cannot_be_saved_still_gets_a_copy_and_comes_back(window, answers, tmp_path):
    from gui.editing import commands as C

    open_blog_example(window)
    window.undo_stack.push(C.set_label_command(window.model, "a", "x\ud800"))
    assert window.autosaver.save_now()
    answers.save_path = str(tmp_path / "g.mgraph")
    assert not window.save()  # a clear refusal naming the place, no traceback
    assert "lone surrogate" in answers.errors[-1][1] and "'a'" in answers.errors[-1][1]
    assert not (tmp_path / "g.mgraph").exists()
    orphan = autosave.Orphan(window.autosaver.graph_path, None, "x", 0.0)
    assert orphan.load().node("a")["label"] == "x\ufffd"


def test_a_discarded_orphan_takes_the_temporary_files_of_its_killed_app_along(window, tmp_path):
    import subprocess
    import sys

    open_blog_example(window)
    edit_a(window, 5.0)
    saver = window.autosaver
    assert saver.save_now()
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    left = saver.graph_path.with_name(f".{saver.graph_path.name}.{dead.pid}.0123abcd.tmp")
    left.write_bytes(b"{")
    autosave.Orphan(saver.graph_path, None, "x", 0.0).discard()
    assert not left.exists() and not saver.graph_path.exists()
