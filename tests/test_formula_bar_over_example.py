"""A formula typed in the f(x) bar over the example the app opened at launch
(trial 52 #12: blog_L took ``f = x*y + x**2`` beside it and asked about its
own f, where Import Code opens such code as a new graph): it opens as a graph
of its own, and says in place of what. A formula that reads the example's
names builds on it; an example the user opened, or changed, keeps what is
typed beside it."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication
from test_formula_bar_name_taken import type_formula
from window_helpers import answers, menu_action, tmp_settings, window  # noqa: F401


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
    assert "File › Examples brings it back" in said


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
