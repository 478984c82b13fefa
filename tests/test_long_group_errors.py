"""An invalid group named by a very long label (issue 10; a new user's
trial notes): the file's error message quoted the 300-character label
whole, a dialog of one unreadable paragraph. The label (and a long id,
member or parent) is shortened in its middle, its start and end kept."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from window_helpers import answers, tmp_settings, window  # noqa: F401

from core.cli.templates import build
from core.files import fileio
from core.graph.group_records import GroupError, check_records


def _bad_file(tmp_path, label: str, member: str = "no_such_node"):
    d = json.loads(fileio.dumps(build("neuron")))
    g = d["graph"]["groups"][0]
    g["label"], g["members"] = label, [*g["members"], member]
    path = tmp_path / "bad.mgraph"
    path.write_text(json.dumps(d), encoding="utf-8")
    return path


def test_opening_a_file_whose_long_named_group_is_invalid_gives_a_readable_message(
    qtbot, window, answers, tmp_path
):
    label = "layer " + "very " * 58 + "long [7]"
    assert len(label) >= 290
    answers.open_path = str(_bad_file(tmp_path, label))
    w = window
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)  # File › Open
    assert answers.errors, "the file was not refused"
    title, text = answers.errors[-1]
    assert "no_such_node" in text and "is not a node of the graph" in text
    assert len(text) < len(str(tmp_path)) + 250, text  # (the path, then the message: no label in full)
    assert "layer very" in text and "long [7]" in text and "…" in text  # its start and end, told apart


def test_long_ids_members_and_parents_are_shortened_too():
    long = "g" * 300
    msgs = []
    for recs in (
        [{"id": long, "members": ["x" * 300]}],
        [{"id": "a", "label": "A", "members": ["n"], "parent": long}],
    ):
        try:
            check_records(recs, {"n"})
        except GroupError as e:
            msgs.append(str(e))
    assert len(msgs) == 2 and all(len(m) < 200 for m in msgs), msgs
