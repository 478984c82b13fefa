"""The Document: one per window, its model replaced on New/Open; it relays
the model's signals (so features subscribe once) and owns the pass on screen."""

from __future__ import annotations

from window_helpers import answers, tmp_settings, window  # noqa: F401

from core.graph.model import GraphModel
from gui.document.document import Document


def _model(value: float = 2.0) -> GraphModel:
    m = GraphModel()
    m.add_node("leaf", "a", value=value)
    m.add_node("exp", "e")
    m.connect("a", "e", 0)
    return m


def test_replace_tells_listeners_in_order_and_follows_the_new_model_only(qtbot):
    doc = Document()
    first = _model()
    doc.replace(first, "/tmp/one.mgraph")
    doc.undo_stack.resetClean()  # as if edited
    heard: list[str] = []
    doc.pass_changed.connect(lambda r: heard.append(f"pass {r}"))
    doc.modified_changed.connect(lambda m: heard.append(f"modified {m}"))
    doc.replaced.connect(lambda: heard.append("replaced"))
    doc.file_changed.connect(lambda: heard.append("file"))
    doc.graph_changed.connect(lambda: heard.append("graph"))
    doc.values_changed.connect(lambda ids: heard.append(f"values {sorted(ids)}"))
    doc.set_pass(object())  # type: ignore[arg-type]  # any pass on screen
    heard.clear()

    second = _model(3.0)
    doc.replace(second, None, "Untitled")
    assert heard == ["pass None", "modified False", "replaced", "file", "graph"]
    assert doc.model is second and doc.path is None and doc.name == "Untitled"
    assert doc.backward_pass is None and not doc.modified

    heard.clear()
    first.set_value("a", 5.0)  # the old model: nobody hears it any more
    assert heard == []
    second.set_value("a", 4.0)
    assert heard == ["values ['a', 'e']", "graph"]


def test_saved_as_names_the_file_and_clears_modified(qtbot):
    doc = Document()
    doc.model.add_node("leaf", "a", value=1.0)
    doc.undo_stack.resetClean()
    assert doc.modified
    doc.saved_as("/tmp/x/graph.mgraph")
    assert doc.path == "/tmp/x/graph.mgraph" and doc.name == "graph.mgraph" and not doc.modified


def test_the_pass_on_screen_is_the_documents(qtbot, window):
    from test_window_files import open_blog_example
    from window_helpers import trigger

    open_blog_example(window)
    doc = window.document
    assert doc.backward_pass is None
    trigger(window, "backward")
    shown = doc.backward_pass
    assert shown is not None and shown.root == "L" and shown.grads["a"] == 6.0
    window.editor.set_value("a", "3")  # a value edit: the pass on screen computed again
    qtbot.waitUntil(lambda: doc.backward_pass is not shown, timeout=2000)
    assert doc.backward_pass is not None and doc.backward_pass.grads["b"] == -6.0
    assert window.editor.disconnect_port("L", 1)  # an edit of the wiring makes it stale
    qtbot.waitUntil(lambda: doc.backward_pass is None, timeout=2000)
    assert not window.backward.animator.active
    window.undo_stack.undo()  # (the wire back: Backward runs again)
    trigger(window, "backward")
    assert doc.backward_pass is not None
    doc.set_pass(None)  # e.g. a learning tool takes the canvas: the animation stops
    assert not window.backward.animator.active


def test_moves_are_told_once_per_event_loop_turn(qtbot):
    doc = Document()
    for i in range(50):
        doc.model.add_node("leaf", f"n{i}", value=float(i))
    heard = []
    doc.nodes_moved.connect(heard.append)
    for i in range(50):
        doc.model.set_position(f"n{i}", 10.0, 20.0)
    assert heard == []  # not one signal per card
    qtbot.waitUntil(lambda: bool(heard), timeout=1000)
    assert heard == [{f"n{i}" for i in range(50)}]


def test_placing_view_is_told_while_the_edit_runs_even_when_it_fails(qtbot):
    doc = Document()
    seen: list[bool] = []
    doc.groups_changed.connect(lambda: seen.append(doc.view_placed))
    doc.model.add_node("leaf", "a", value=1.0)
    with doc.placing_view():
        doc.model.groups.add(["a"], label="g")
    assert seen == [True] and not doc.view_placed
    try:
        with doc.placing_view(), doc.placing_view():
            assert doc.view_placed
            raise ValueError
    except ValueError:
        pass
    assert not doc.view_placed
