"""The document's life through the File menu: examples, save, open, the
modified mark, unsaved-changes questions, bad files and failed saves."""

from __future__ import annotations

import errno
import json
import os

import pytest
from PySide6.QtWidgets import QApplication
from window_helpers import Button, action, answers, make_window, menu_action, tmp_settings, trigger, window  # noqa: F401

from core.files import fileio
from core.graph.model import GraphModel
from gui.editing import commands as C
from gui.window.main_window import MainWindow

BLOG_IDS = {"a", "b", "c", "f", "e", "d", "L"}


def open_blog_example(window: MainWindow) -> None:
    act = menu_action(window.menus["file"], "example_blog_L")
    assert act.isEnabled()
    act.trigger()
    QApplication.processEvents()


def edit_a(window: MainWindow, value: float = 3.0) -> None:
    """One undoable user edit: leaf a := value."""
    window.undo_stack.push(C.set_value_command(window.model, "a", value))


def test_examples_menu_lists_every_example_with_its_title(window):
    titles = {a.objectName(): a.text() for a in window.examples_menu.actions()}
    assert set(titles) == {
        f"action_example_{p[:-7]}" for p in os.listdir("resources/examples") if p.endswith(".mgraph")
    }
    assert titles["action_example_blog_L"].startswith("L = (a*b + c) * f")
    # the blog post's example comes first
    assert window.examples_menu.actions()[0].objectName() == "action_example_blog_L"


def test_open_example_from_menu_shows_the_evaluated_graph(qtbot, window):
    with qtbot.waitSignal(window.document.replaced, timeout=1000):
        open_blog_example(window)
    m = window.model
    assert set(m.nodes()) == BLOG_IDS
    assert m.value("L") == -8.0 and m.value("d") == 4.0 and m.value("e") == -6.0
    assert window.scene.model is m and window.view.scene() is window.scene
    assert {it.node_id for it in window.scene.node_items()} == BLOG_IDS
    assert "blog_L" in window.windowTitle() and not window.isWindowModified()
    assert window.undo_stack.count() == 0
    assert window.path is None  # an example is never overwritten by Save


def test_save_as_of_a_new_graph_starts_where_open_does(window, monkeypatch, tmp_path):
    """A trial: Save As started in the home folder, Open in the current one.
    Both start in Documents now, never the current folder (trial 54: run
    from a clone, that is the source tree; see test_save_dialog_start.py)."""
    here = tmp_path / "work"
    here.mkdir()
    monkeypatch.chdir(here)
    docs = tmp_path / "home" / "Documents"
    docs.mkdir(parents=True)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "home" / ".config"))
    asked = []
    monkeypatch.setattr(MainWindow, "_ask_save_path", lambda self, suggested: asked.append(suggested) or "")
    open_blog_example(window)
    trigger(window, "save_as")
    assert [os.path.dirname(p) for p in asked] == [str(docs)]
    assert os.path.basename(asked[0]) == "blog_L.mgraph"


def test_save_as_then_reopen_round_trips(qtbot, window, answers, tmp_path):
    open_blog_example(window)
    edit_a(window, 3.5)
    assert window.isWindowModified()
    target = tmp_path / "mine.mgraph"
    answers.save_path = str(target)
    trigger(window, "save")  # no path yet: Save asks where, like Save As
    assert target.exists()
    assert not window.isWindowModified()
    assert "mine.mgraph" in window.windowTitle()
    saved = fileio.load(target)
    assert saved.node("a")["value"] == 3.5 and saved.value("L") == window.model.value("L")

    trigger(window, "new")
    assert len(window.model) == 0 and "Untitled" in window.windowTitle()
    answers.open_path = str(target)
    trigger(window, "open")
    assert window.path == str(target)
    assert window.model.node("a")["value"] == 3.5
    assert window.model.value("L") == (3.5 * -3.0 + 10.0) * -2.0
    assert json.loads(target.read_text())["graph"]["output"] == "L"


def test_save_without_a_question_once_the_file_has_a_name(window, answers, tmp_path):
    target = tmp_path / "g.mgraph"
    open_blog_example(window)
    answers.save_path = str(target)
    trigger(window, "save_as")
    edit_a(window, 7.0)
    answers.save_path = ""  # a second question would cancel the save
    trigger(window, "save")
    assert fileio.load(target).node("a")["value"] == 7.0
    assert not window.isWindowModified()


def test_save_as_adds_the_suffix(window, answers, tmp_path):
    open_blog_example(window)
    answers.save_path = str(tmp_path / "noext")
    trigger(window, "save_as")
    assert (tmp_path / "noext.mgraph").exists()


def test_modified_mark_follows_the_undo_stack(window, answers, tmp_path):
    open_blog_example(window)
    assert "[*]" in window.windowTitle() and not window.isWindowModified()
    edit_a(window)
    assert window.isWindowModified()
    trigger(window, "undo")
    assert not window.isWindowModified()
    trigger(window, "redo")
    assert window.isWindowModified()
    answers.save_path = str(tmp_path / "x.mgraph")
    trigger(window, "save")
    assert not window.isWindowModified()
    trigger(window, "undo")  # back to before the save: differs from the file
    assert window.isWindowModified()


# ------------------------------------------------------------ unsaved changes
def test_close_with_changes_cancel_keeps_the_window(qtbot, window, answers):
    open_blog_example(window)
    edit_a(window)
    answers.save_changes = Button.Cancel
    assert window.close() is False
    assert answers.questions == 1
    assert window.isVisible() and window.model.node("a")["value"] == 3.0


def test_close_with_changes_discard_closes_without_saving(qtbot, window, answers, tmp_path):
    target = tmp_path / "g.mgraph"
    open_blog_example(window)
    answers.save_path = str(target)
    trigger(window, "save")
    before = target.read_bytes()
    edit_a(window)
    answers.save_changes = Button.Discard
    assert window.close() is True
    assert target.read_bytes() == before


def test_close_with_changes_save_writes_the_file(qtbot, window, answers, tmp_path):
    target = tmp_path / "g.mgraph"
    open_blog_example(window)
    edit_a(window, 9.0)
    answers.save_changes = Button.Save
    answers.save_path = str(target)
    assert window.close() is True
    assert fileio.load(target).node("a")["value"] == 9.0


def test_close_with_changes_save_cancelled_keeps_the_window(window, answers):
    open_blog_example(window)
    edit_a(window)
    answers.save_changes = Button.Save
    answers.save_path = ""  # the user closes the Save As dialog
    assert window.close() is False
    assert window.isWindowModified()


def test_close_unmodified_asks_nothing(window, answers):
    open_blog_example(window)
    assert window.close() is True
    assert answers.questions == 0


@pytest.mark.parametrize("how", ["new", "open", "example"])
def test_unsaved_changes_question_before_replacing_the_document(window, answers, tmp_path, how):
    other = tmp_path / "other.mgraph"
    m = GraphModel()
    m.add_node("leaf", "z", value=1.5)
    fileio.save(m, other)
    answers.open_path = str(other)
    open_blog_example(window)
    edit_a(window)

    def do():
        if how == "example":
            menu_action(window.menus["file"], "example_neuron_tanh").trigger()
        else:
            trigger(window, how)

    answers.save_changes = Button.Cancel
    do()
    assert set(window.model.nodes()) == BLOG_IDS and window.model.node("a")["value"] == 3.0
    assert window.isWindowModified()
    answers.save_changes = Button.Discard
    do()
    assert set(window.model.nodes()) != BLOG_IDS
    assert not window.isWindowModified() and window.undo_stack.count() == 0
    assert answers.questions == 2


def test_unsaved_changes_save_then_open(window, answers, tmp_path):
    mine = tmp_path / "mine.mgraph"
    open_blog_example(window)
    edit_a(window, 5.0)
    answers.save_changes = Button.Save
    answers.save_path = str(mine)
    menu_action(window.menus["file"], "example_neuron_tanh").trigger()
    assert fileio.load(mine).node("a")["value"] == 5.0
    assert "neuron_tanh" in window.windowTitle()


# ------------------------------------------------------------ bad files, failed saves
@pytest.mark.parametrize(
    "content, words",
    [
        ("this is not json", "not valid JSON"),
        ('{"graph": {"format": "something-else", "version": 1}, "nodes": []}', "format is 'something-else'"),
        (
            '{"graph": {"format": "micrograd-studio", "version": 1}, "nodes": [{"id": "a", "op": "leaf"}]}',
            "node 'a'",
        ),
    ],
)
def test_open_invalid_file_shows_the_loader_message_and_keeps_the_document(
    window, answers, tmp_path, content, words
):
    bad = tmp_path / "bad.mgraph"
    bad.write_text(content)
    open_blog_example(window)
    edit_a(window)
    model = window.model
    answers.open_path = str(bad)
    trigger(window, "open")
    assert len(answers.errors) == 1
    title, text = answers.errors[0]
    assert "bad.mgraph" in text and words in text
    assert "Traceback" not in text
    assert window.model is model and window.model.node("a")["value"] == 3.0
    assert window.isWindowModified() and window.undo_stack.count() == 1
    assert answers.questions == 0  # nothing was replaced, so nothing to ask


def test_open_missing_file(window, answers, tmp_path):
    answers.open_path = str(tmp_path / "gone.mgraph")
    trigger(window, "open")
    assert "no such file" in answers.errors[0][1]


def test_failed_save_keeps_old_file_and_modified_state(window, answers, tmp_path, monkeypatch):
    target = tmp_path / "g.mgraph"
    open_blog_example(window)
    answers.save_path = str(target)
    trigger(window, "save")
    before = target.read_bytes()
    edit_a(window, 42.0)

    def disk_full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(fileio.os, "fsync", disk_full)
    trigger(window, "save")
    assert len(answers.errors) == 1 and "No space left on device" in answers.errors[0][1]
    assert target.read_bytes() == before
    # no temporary left behind; the lock file says the window has g.mgraph open
    assert sorted(os.listdir(tmp_path)) == [".~lock.g.mgraph#", "config", "g.mgraph"]
    assert window.isWindowModified() and window.model.node("a")["value"] == 42.0


# ------------------------------------------------------------ recent files
def test_recent_files_remembered_across_windows(qtbot, window, answers, tmp_path):
    paths = []
    for name in ("one", "two"):
        p = tmp_path / f"{name}.mgraph"
        m = GraphModel()
        m.add_node("leaf", name, value=1.0)
        fileio.save(m, p)
        paths.append(str(p))
        answers.open_path = str(p)
        trigger(window, "open")
    window.close()

    second = make_window(qtbot, answers)
    second.recent_menu.aboutToShow.emit()
    entries = [a for a in second.recent_menu.actions() if a.objectName().startswith("action_recent_")]
    assert [a.data() for a in entries] == [paths[1], paths[0]]  # newest first
    assert "one.mgraph" in entries[1].text()
    entries[1].trigger()
    assert second.model.nodes() == ["one"] and second.path == paths[0]

    action(second, "clear_recent").trigger()
    second.recent_menu.aboutToShow.emit()
    assert not [a for a in second.recent_menu.actions() if a.objectName().startswith("action_recent_")]
    assert not action(second, "clear_recent").isEnabled()


def test_recent_file_that_vanished_is_reported_and_dropped(window, answers, tmp_path):
    p = tmp_path / "brief.mgraph"
    fileio.save(GraphModel(), p)
    answers.open_path = str(p)
    trigger(window, "open")
    p.unlink()
    window.recent_menu.aboutToShow.emit()
    entry = next(a for a in window.recent_menu.actions() if a.data() == str(p))
    entry.trigger()
    assert "brief.mgraph" in answers.errors[0][1]
    window.recent_menu.aboutToShow.emit()
    assert all(a.data() != str(p) for a in window.recent_menu.actions())


def test_a_shipped_example_opened_by_its_path_is_never_saved_over(qtbot, window, answers, tmp_path):
    """Issue 11, bug 10: File > Open on resources/examples/blog_L.mgraph, then
    Save, wrote over the shipped copy."""
    from gui.common import resources

    shipped = resources.EXAMPLES / "blog_L.mgraph"
    original = shipped.read_bytes()
    answers.open_path = str(shipped)
    trigger(window, "open")
    assert window.path is None and "(example)" in window.windowTitle()
    edit_a(window, 3.5)
    answers.save_path = str(tmp_path / "mine.mgraph")
    trigger(window, "save")  # asks where, as for a new graph
    assert shipped.read_bytes() == original
    assert fileio.load(tmp_path / "mine.mgraph").node("a")["value"] == 3.5


def test_a_file_that_is_not_a_graph_is_called_that(window, answers, tmp_path):
    """Issue 11, bug 11: README.md (or any JSON that is not a graph) should
    say "not a micrograd-studio graph file", not only "not valid JSON"."""
    open_blog_example(window)
    other_json = tmp_path / "settings.json"
    other_json.write_text('{"theme": "dark"}')
    for path in ("README.md", str(other_json)):
        answers.open_path = path
        answers.errors.clear()
        trigger(window, "open")
        title, text = answers.errors[0]
        assert text.startswith(f"{path}: not a micrograd-studio graph file")
    assert set(window.model.nodes()) == BLOG_IDS  # what was open stays open


def test_save_as_below_a_file_says_what_is_wrong(window, answers, tmp_path):
    """Trial 74 #9: Save As to a path below a regular file (two names run
    together: b_latin1.mgraph/tmp/b_bom.mgraph) said the system's "Not a
    directory"; the app's own words name the file that stands in the way."""
    plain = tmp_path / "b_latin1.mgraph"
    plain.write_text("{}")
    open_blog_example(window)
    target = plain / "tmp" / "b_bom.mgraph"
    answers.save_path = str(target)
    answers.save_elsewhere = False
    trigger(window, "save_as")
    assert answers.asked == ["save_elsewhere"] and answers.errors == []
    said = answers.said["save_elsewhere"][0]
    assert said == (str(target), f"its folder {plain / 'tmp'} cannot exist: {plain} is a file, not a folder")
    assert plain.read_text() == "{}" and window.path is None
