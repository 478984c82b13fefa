"""File › Import Code › Add to Graph with names the canvas shows already
(trial 58 #5): Insert Example › Add to Graph on the start-up example added a
second a, b, c, e, d, f and L unasked (two cards labelled L) and then showed
only the copy, which looked exactly like the graph before. It asks as the
f(x) bar does (Replace / Name the New Ones … / Cancel), and named apart, the
old graph and the new one are both in view. Driven as a user: Ctrl+Shift+I,
the dialog's buttons, the question's buttons."""

from __future__ import annotations

from name_question import answer_names
from PySide6.QtWidgets import QApplication
from test_import_code_choices import untouched_example
from test_import_code_nn import LEFT, open_import_dialog
from window_helpers import answers, tmp_settings, window  # noqa: F401

BLOG = sorted("abcdefL")


def add_example(qtbot, w, answer: str | None, size: tuple[int, int] = (1400, 900)) -> dict:
    """Ctrl+Shift+I › Insert Example › Add to Graph; the name question answered
    by the button whose object name ends with ``answer`` (None: Cancel)."""
    w.resize(*size)
    QApplication.processEvents()
    dlg = open_import_dialog(qtbot, w)
    qtbot.mouseClick(dlg.example_button, LEFT)
    seen: dict = {"dialog": dlg}
    timer = answer_names(w, answer, seen)
    qtbot.mouseClick(dlg.ok, LEFT)
    timer.stop()
    return seen


def labels(w) -> list[str]:
    return sorted(w.model.label(n) for n in w.model.nodes())


def in_view(w, node: str) -> bool:
    item = w.scene.node_item(node)
    shown = w.view.mapFromScene(item.sceneBoundingRect()).boundingRect()
    return w.view.viewport().rect().contains(shown)


def test_add_to_graph_asks_and_names_the_new_ones_apart_and_shows_both(qtbot, window, tmp_path):
    w = window
    untouched_example(w)
    old = set(w.model.nodes())
    seen = add_example(qtbot, w, "rename")
    assert "a, b, c, e, d, f and L are on the canvas already" in seen["text"], seen
    assert "the new a, b, c, e, d, f and L take the old ones' places" in seen["text"], seen
    assert "Name the New Ones a2, b2, c2, e2, d2, f2 and L2" in seen["buttons"], seen
    assert "Replace a, b, c, e, d, f and L" in seen["buttons"]
    assert seen["parent"] is seen["dialog"]  # (over the dialog it answers)
    assert not seen["dialog"].isVisible()
    assert labels(w) == sorted([*BLOG, *(f"{x}2" for x in BLOG)])  # no second L
    said = w.status_text()
    assert "beside the 7 already there" in said, said
    assert "the new a, b, c, e, d, f and L are named a2, b2, c2, e2, d2, f2 and L2 (taken already)" in said
    # both copies in view: the old L as well as the new L2, not only the copy
    l2 = next(n for n in w.model.nodes() if w.model.label(n) == "L2")
    assert all(in_view(w, n) for n in w.model.nodes()), w.view.zoom
    assert in_view(w, "L") and in_view(w, l2) and 0.5 <= w.view.zoom < 0.6, w.view.zoom  # (the f(x) bar: 0.6)
    assert old <= set(w.model.nodes())
    w.grab().save(str(tmp_path / "add_both.png"))
    # one Undo takes the copy away
    w.undo_stack.undo()
    assert labels(w) == BLOG


def test_where_both_would_not_read_the_status_line_says_where_the_old_ones_are(qtbot, window):
    w = window
    untouched_example(w)
    add_example(qtbot, w, "rename", size=(1000, 800))
    l2 = next(n for n in w.model.nodes() if w.model.label(n) == "L2")
    assert in_view(w, l2) and not in_view(w, "a")
    assert w.status_text().endswith("· the old ones are left of them: Fit (F) shows both"), w.status_text()


def test_replace_puts_the_new_ones_in_the_old_ones_places(qtbot, window):
    w = window
    untouched_example(w)
    where = {w.model.label(n): w.model.position(n) for n in w.model.nodes()}
    assert w.model.label(w.model.output) == "L"  # (the example's output, set)
    add_example(qtbot, w, "replace")
    assert labels(w) == BLOG
    assert {w.model.label(n): w.model.position(n) for n in w.model.nodes()} == where
    said = w.status_text()
    assert "replaced the old a, b, c, e, d, f and L" in said
    # verify 58: the new L was "output (auto)", and the line said "beside the 7 already there"
    assert w.model.output is not None and w.model.label(w.model.output) == "L"
    assert "beside" not in said, said
    w.undo_stack.undo()
    assert labels(w) == BLOG and w.model.output == "L"


def test_cancel_adds_nothing_and_keeps_the_dialog_with_its_text(qtbot, window):
    w = window
    untouched_example(w)
    seen = add_example(qtbot, w, None)
    assert labels(w) == BLOG and not w.document.modified
    assert seen["dialog"].isVisible() and "L = d * f" in seen["dialog"].editor.toPlainText()
    assert w.status_text() == "Nothing added: the names were kept as they are"
    seen["dialog"].reject()
