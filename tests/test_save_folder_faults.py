"""Saving where the folder, not the file, is at fault (trial 66 #3): a
writable file in a read-only folder (a shared course folder), and a file
whose folder was deleted while it was open. A save writes a new copy beside
the file and swaps it in, so both stop it: the message names the folder and
why, Save As… is offered, and the old file stays as it was."""

from __future__ import annotations

import os
import shutil

import pytest
from read_only_folder import make_read_only
from test_window_file_safety import open_in, saved_graph
from test_window_files import edit_a, open_blog_example
from window_helpers import answers, tmp_settings, trigger, window  # noqa: F401

from core.cli.main import main as cli_main
from core.files import fileio
from core.files.safewrite import HOW_SAVES_WORK, FolderError, failure_reason, write_file


# ------------------------------------------------------------ core
def test_a_read_only_folder_is_named_as_the_cause_and_the_file_is_kept(tmp_path, monkeypatch):
    shared = tmp_path / "shared"
    shared.mkdir()
    f = shared / "shared.mgraph"
    f.write_bytes(b"old text")
    make_read_only(shared, monkeypatch)
    assert os.access(f, os.W_OK)  # the file itself is writable
    with pytest.raises(FolderError) as info:
        write_file(f, b"new text")
    assert failure_reason(info.value) == (
        f"its folder {shared} is not writable (a save writes a new copy beside the file, then swaps it in)"
    )
    assert info.value.filename == str(f)
    assert f.read_bytes() == b"old text" and os.listdir(shared) == ["shared.mgraph"]
    with pytest.raises(FolderError):  # a backup is a new file beside it too
        write_file(f, b"new text", backup=True)
    assert f.read_bytes() == b"old text" and os.listdir(shared) == ["shared.mgraph"]


def test_a_deleted_folder_is_named_as_the_cause(tmp_path):
    gone = tmp_path / "w3"
    with pytest.raises(FolderError) as info:
        write_file(gone / "lesson3.mgraph", b"text")
    assert failure_reason(info.value) == f"its folder {gone} does not exist"
    assert not gone.exists()  # nothing is made again behind the user's back


@pytest.mark.parametrize("read_only", [True, False])
def test_the_headless_commands_word_it_alike(tmp_path, monkeypatch, capsys, read_only):
    folder = tmp_path / "shared"
    folder.mkdir()
    out = folder / "mine.mgraph"
    out.write_text("my own work")
    if read_only:
        make_read_only(folder, monkeypatch)
        why = f"its folder {folder} is not writable ({HOW_SAVES_WORK})"
    else:
        shutil.rmtree(folder)
        why = f"its folder {folder} does not exist"
    for argv in (["template", "neuron", "-o", str(out)], ["import", "L = a*b", "-o", str(out)]):
        assert cli_main(argv) == 1
        assert capsys.readouterr().err == f"error: cannot write {out}: {why}\n"
    if read_only:
        assert out.read_text() == "my own work" and os.listdir(folder) == ["mine.mgraph"]


def test_a_write_that_fails_after_the_check_is_worded_alike(tmp_path, monkeypatch, capsys):
    """The folder checked before the work, made read-only before the write."""
    from core.cli import outputs

    folder = tmp_path / "shared"
    folder.mkdir()
    out = folder / "mine.mgraph"
    monkeypatch.setattr(outputs, "folder_problem", lambda path: None)
    make_read_only(folder, monkeypatch)
    assert cli_main(["template", "neuron", "-o", str(out)]) == 1
    assert capsys.readouterr().err == (
        f"error: cannot write {out}: its folder {folder} is not writable "
        "(a save writes a new copy beside the file, then swaps it in)\n"
    )


# ------------------------------------------------------------ the window
def test_saving_a_writable_file_in_a_read_only_folder(window, answers, tmp_path, monkeypatch):
    shared = tmp_path / "ro"
    shared.mkdir()
    p = saved_graph(shared, "shared.mgraph")
    before = p.read_bytes()
    open_in(window, answers, p)
    edit_a(window, 5.0)
    make_read_only(shared, monkeypatch)
    answers.save_elsewhere = False
    trigger(window, "save")
    assert answers.asked == ["save_elsewhere"] and answers.errors == []
    said = answers.said["save_elsewhere"][0]
    assert said == (
        str(p),
        f"its folder {shared} is not writable (a save writes a new copy beside the file, then swaps it in)",
    )
    assert p.read_bytes() == before and sorted(os.listdir(shared)) == [
        ".~lock.shared.mgraph#",
        "shared.mgraph",
    ]
    assert window.isWindowModified() and window.path == str(p)
    # Save As… in the same box: the graph is kept elsewhere
    answers.save_elsewhere = True
    mine = tmp_path / "mine.mgraph"
    answers.save_path = str(mine)
    trigger(window, "save")
    assert fileio.load(mine).node("a")["value"] == 5.0 and p.read_bytes() == before
    assert window.path == str(mine) and not window.isWindowModified()


def test_a_deleted_folder_is_said_truly_in_the_status_bar_and_on_save(qtbot, window, answers, tmp_path):
    w3 = tmp_path / "w3"
    w3.mkdir()
    p = saved_graph(w3, "lesson3.mgraph")
    open_in(window, answers, p)
    edit_a(window, 5.0)
    shutil.rmtree(w3)
    qtbot.waitUntil(lambda: "lesson3.mgraph" in window.status_text(), timeout=5000)
    assert window.status_text() == f"{p}: its folder {w3} is gone; use Save As… to keep the graph"
    answers.save_elsewhere = False
    trigger(window, "save")
    assert answers.said["save_elsewhere"][0] == (str(p), f"its folder {w3} does not exist")
    assert not w3.exists() and window.isWindowModified()
    answers.save_elsewhere = True  # Save As… starts where Open does, not in the folder that is gone
    answers.save_path = str(tmp_path / "kept.mgraph")
    trigger(window, "save")
    assert answers.suggested[-1] != str(p) and not answers.suggested[-1].startswith(str(w3))
    assert fileio.load(tmp_path / "kept.mgraph").node("a")["value"] == 5.0


def test_save_as_into_a_missing_folder_says_so(window, answers, tmp_path):
    open_blog_example(window)
    answers.save_path = str(tmp_path / "no" / "such" / "dir" / "g.mgraph")
    answers.save_elsewhere = False
    trigger(window, "save_as")
    assert (
        answers.said["save_elsewhere"][0][1]
        == f"its folder {tmp_path / 'no' / 'such' / 'dir'} does not exist"
    )
    assert window.path is None and "blog_L" in window.windowTitle()


def test_the_box_a_user_sees_names_the_folder_and_offers_save_as(
    qtbot, window, answers, tmp_path, monkeypatch
):
    """The real box (not the test's stand-in): its words, and its Save As… button clicked."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMessageBox, QPushButton

    from gui.window.file_questions import FileQuestions
    from gui.window.main_window import MainWindow

    monkeypatch.setattr(MainWindow, "_ask_save_elsewhere", FileQuestions._ask_save_elsewhere)
    shared = tmp_path / "ro"
    shared.mkdir()
    p = saved_graph(shared, "shared.mgraph")
    open_in(window, answers, p)
    edit_a(window, 5.0)
    make_read_only(shared, monkeypatch)
    answers.save_path = str(tmp_path / "mine.mgraph")
    seen = []

    def click():
        box = window.findChild(QMessageBox, "save_elsewhere_box")
        if box is None or not box.isVisible():
            QTimer.singleShot(20, click)
            return
        seen.append((box.text(), box.informativeText()))
        box.findChild(QPushButton, "save_elsewhere_box_save_as").click()

    QTimer.singleShot(20, click)
    trigger(window, "save")
    assert seen == [
        (
            f"Cannot save “shared.mgraph”: its folder {shared} is not writable "
            "(a save writes a new copy beside the file, then swaps it in).",
            "The graph is still open and not saved. Use Save As… to save it in another folder.",
        )
    ]
    assert window.path == answers.save_path and fileio.load(answers.save_path).node("a")["value"] == 5.0
