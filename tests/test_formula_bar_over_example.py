"""A formula typed in the f(x) bar over the example the app opened at launch
(trial 52 #12: blog_L took ``f = x*y + x**2`` beside it and asked about its
own f, where Import Code opens such code as a new graph): it opens as a graph
of its own, and says in place of what. A formula that reads the example's
names builds on it; an example the user opened, or changed, keeps what is
typed beside it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from window_helpers import answers, menu_action, tmp_settings, type_formula, window  # noqa: F401


def open_blog(w, at_start: bool = True) -> None:
    """blog_L as the app opens it at launch (gui/app.py), or from File › Examples."""
    menu_action(w.menus["file"], "example_blog_L").trigger()
    QApplication.processEvents()
    w.document.at_start = at_start
    assert "L" in w.model and not w.document.modified


def labels(w) -> set[str]:
    return {w.model.label(n) for n in w.model.nodes()}


def test_a_formula_over_the_untouched_example_opens_as_a_graph_of_its_own(qtbot, window):
    w = window
    open_blog(w)
    seen = type_formula(qtbot, w, "f = x*y + x**2", None)
    assert "text" not in seen  # (no question about the example's f)
    assert labels(w) == {"x", "y", "x*y", "x**2", "f"} and w.model.label(w.model.output) == "f"
    said = w.status_text()
    assert said.startswith("Opened “f = x*y + x**2” as a new graph") and "in place of blog_L" in said, said
    assert said.endswith("in place of blog_L (example), the example shown at start (Undo brings it back)")


def test_undo_brings_the_start_up_example_back(qtbot, window):
    """Trial 69 #10: `y = 2*x`, Enter, Enter over the example, then Ctrl+Z
    left an empty canvas. The learner chose no new document: Undo brings
    back what they saw, the example as it opened (its name, its title, not
    modified, still the start-up one), and Redo the formula's graph."""
    w = window
    open_blog(w)
    blog = labels(w)
    title = w.model.attrs["title"]
    type_formula(qtbot, w, "y = 2*x", None)
    assert labels(w) == {"2", "x", "y"} and w.doc_name == "Untitled" and w.document.modified
    assert "title" not in w.model.attrs and w.windowTitle().startswith("Untitled")
    assert w.undo_stack.undoText() == "Open y = 2*x in place of blog_L (example)"
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    QApplication.processEvents()
    assert labels(w) == blog and w.model.label(w.model.output) == "L"
    assert w.model.attrs["title"] == title and w.doc_name == "blog_L (example)"
    assert not w.document.modified and w.document.at_start and not w.undo_stack.canUndo()
    assert w.windowTitle().startswith("blog_L (example)")
    qtbot.keyClick(w.view, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    QApplication.processEvents()
    assert labels(w) == {"2", "x", "y"} and w.doc_name == "Untitled" and w.document.modified
    qtbot.keyClick(w.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    type_formula(qtbot, w, "f = x*y + x**2", None)  # the example as it opened: replaced again
    assert labels(w) == {"x", "y", "x*y", "x**2", "f"}


def test_a_formula_reading_the_examples_names_builds_on_it(qtbot, window):
    w = window
    open_blog(w)
    type_formula(qtbot, w, "M = L * 2", None)
    assert {"L", "M", "a", "b"} <= labels(w)
    assert w.model.inputs(w.model.output)[0] == "L"


def test_a_changed_graph_keeps_what_the_bar_adds_beside_it(qtbot, window):
    w = window
    open_blog(w)
    w.editor.set_value("a", "3.0")  # (changed: the user's work now)
    QApplication.processEvents()
    type_formula(qtbot, w, "g = u*v", None)
    assert {"L", "g", "u", "v"} <= labels(w)


def test_an_example_the_user_opened_keeps_what_the_bar_adds_beside_it(qtbot, window):
    w = window
    open_blog(w, at_start=False)
    type_formula(qtbot, w, "g = u*v", None)
    assert {"L", "g", "u", "v"} <= labels(w)


def test_at_launch_the_formula_opens_in_place_of_the_start_up_example(qtbot, answers, tmp_settings):
    from gui import app as gui_app

    w = gui_app.create_window([])  # (the app as launched: the blog's example, the tutorial offered)
    qtbot.addWidget(w)
    QApplication.processEvents()
    assert w.document.at_start and "L" in w.model
    type_formula(qtbot, w, "f = x*y + x**2", None)
    assert labels(w) == {"x", "y", "x*y", "x**2", "f"}
    assert not w.document.at_start  # (the new graph is the user's)
    type_formula(qtbot, w, "g = u*v", None)
    assert {"f", "g", "u", "v"} <= labels(w)
    w.undo_stack.setClean()  # (nothing to ask about at the end)
    w.close()
