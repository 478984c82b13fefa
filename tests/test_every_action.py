"""Monkey test: every enabled action of the main window, triggered in every
kind of document state, never lets a Python traceback reach the user, keeps
the canvas a faithful mirror of the model, and is undone exactly.

States: a new empty document, each built-in example, two examples with
every node selected and two in the middle of a Backward animation, and an
incomplete graph (an operation with an empty input). Before each action the
state is set up afresh, so every action starts from the same document; a
toggle is toggled back. A failure names the state and the action.

Questions the app asks (file dialogs, message boxes, input dialogs) are
answered "cancel"; dialogs run with exec()/open() are rejected from a timer,
except the Insert Neuron/MLP dialogs, which are accepted with their defaults
so their inserts (and the undo of them) are exercised too.
"""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QMessageBox
from sequence_checks import inconsistency, snapshot
from window_helpers import Button, answers, tmp_settings, window  # noqa: F401

from core.files import fileio
from core.graph.model import GraphModel
from gui.window.documents import example_files

EXAMPLES = {p.stem: p for p, _title in example_files()}

#: Actions this test never triggers, and why.
SKIPPED = {"action_quit": "closes the window (the test's own window would go)"}

#: Dialogs accepted with their default settings instead of rejected.
ACCEPTED_DIALOGS = {"NeuronDialog", "MLPDialog"}


# ---------------------------------------------------------------- the states
def _open(window, model: GraphModel, name: str) -> None:
    window.set_document(model, None, name)
    QApplication.processEvents()


def _example(stem: str):
    def setup(window) -> None:
        _open(window, fileio.load(EXAMPLES[stem]), f"{stem} (example)")

    return setup


def _selected(stem: str):
    def setup(window) -> None:
        _example(stem)(window)
        window.scene.select_all()
        QApplication.processEvents()
        assert set(window.scene.selected_ids()) == set(window.model.nodes())

    return setup


def _mid_backward(stem: str):
    def setup(window) -> None:
        _example(stem)(window)
        for name in ("action_backward", "action_step", "action_step"):
            act = window.findChild(QAction, name)
            assert act is not None and act.isEnabled(), f"{name} is not available"
            act.trigger()
            QApplication.processEvents()

    return setup


def _empty(window) -> None:
    _open(window, GraphModel(), "Untitled")


def _incomplete(window) -> None:
    """out = (a * [empty]) + b: the product has no second input."""
    m = GraphModel()
    a = m.add_node("leaf", "a", label="a", value=2.0, x=0.0, y=-60.0)
    b = m.add_node("leaf", "b", label="b", value=-3.0, x=0.0, y=60.0)
    p = m.add_node("mul", "p", label="p", x=220.0, y=-60.0)
    out = m.add_node("add", "out", label="out", x=440.0, y=0.0)
    m.connect(a, p, 0)
    m.connect(p, out, 0)
    m.connect(b, out, 1)
    m.set_output(out)
    assert m.value(out) is None and m.reason(out)
    _open(window, m, "incomplete")


STATES = {"empty": _empty, "incomplete": _incomplete}
for _stem in EXAMPLES:
    STATES[f"example-{_stem}"] = _example(_stem)
# two examples each (the run stays well under a minute): the blog's, and the
# one where two nodes each get two contributions
for _stem in ("blog_L", "accumulate_shared"):
    STATES[f"all-selected-{_stem}"] = _selected(_stem)
    STATES[f"mid-backward-{_stem}"] = _mid_backward(_stem)


# ---------------------------------------------------------------- checks
# (snapshot and inconsistency: tests/sequence_checks.py, shared with the sequences)


class Hook:
    """sys.excepthook that records (and still hands on to pytest-qt's hook,
    so pytest-qt keeps failing tests on exceptions in Qt virtuals)."""

    def __init__(self, previous) -> None:
        self.previous = previous
        self.seen: list[str] = []

    def __call__(self, kind, value, tb) -> None:
        self.seen.append(f"{kind.__name__}: {value}")
        self.previous(kind, value, tb)


class DialogCloser:
    """Rejects whatever modal dialog is up (a nested exec() loop runs timers)."""

    def __init__(self) -> None:
        self.closed: list[str] = []
        self.timer = QTimer(interval=20)
        self.timer.timeout.connect(self.close_all)

    def close_all(self) -> None:
        for _ in range(10):
            popup = QApplication.activePopupWidget()
            if popup is not None:
                popup.close()
                continue
            w = QApplication.activeModalWidget()
            if w is None:
                return
            kind = type(w).__name__
            self.closed.append(w.objectName() or kind)
            if isinstance(w, QDialog):
                w.accept() if kind in ACCEPTED_DIALOGS else w.reject()
            else:
                w.close()
            QApplication.processEvents()


@pytest.fixture
def monkey(window, answers, monkeypatch):
    """The window with every question answered "no" and a recording hook."""
    answers.save_changes = Button.Cancel
    fd = QFileDialog
    monkeypatch.setattr(fd, "getOpenFileName", staticmethod(lambda *a, **k: ("", "")))
    monkeypatch.setattr(fd, "getOpenFileNames", staticmethod(lambda *a, **k: ([], "")))
    monkeypatch.setattr(fd, "getSaveFileName", staticmethod(lambda *a, **k: ("", "")))
    monkeypatch.setattr(fd, "getExistingDirectory", staticmethod(lambda *a, **k: ""))
    mb = QMessageBox
    monkeypatch.setattr(mb, "question", staticmethod(lambda *a, **k: Button.Cancel))
    monkeypatch.setattr(mb, "information", staticmethod(lambda *a, **k: Button.Ok))
    monkeypatch.setattr(mb, "about", staticmethod(lambda *a, **k: None))
    monkeypatch.setattr(mb, "aboutQt", staticmethod(lambda *a, **k: None))
    # (the app's own questions, QInputDialog objects it opens, are closed by the DialogCloser)
    hook = Hook(sys.excepthook)
    monkeypatch.setattr(sys, "excepthook", hook)
    closer = DialogCloser()
    closer.timer.start()
    yield window, hook, closer
    closer.timer.stop()
    closer.close_all()


def window_actions(window) -> list[QAction]:
    """The window's named actions (menus, toolbars, docks), Quit left out."""
    return [
        a
        for a in window.findChildren(QAction)
        if a.objectName().startswith("action_") and a.objectName() not in SKIPPED
    ]


def undo_all(stack) -> None:
    for _ in range(10000):
        if not stack.canUndo():
            return
        stack.undo()
    raise AssertionError("undo never ends")


def redo_all(stack) -> None:
    for _ in range(10000):
        if not stack.canRedo():
            return
        stack.redo()
    raise AssertionError("redo never ends")


def settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def exercise(window, hook, closer, state: str, name: str) -> list[str] | None:
    """Set up ``state``, trigger ``name`` (toggles are toggled back), check,
    undo all, redo all, undo all. What went wrong, as readable lines; None
    when the action is disabled in this state (a user cannot click it)."""
    problems: list[str] = []
    STATES[state](window)
    act = window.findChild(QAction, name)
    if act is None or not act.isEnabled():
        return None
    model = window.model
    start = snapshot(model)
    stack = window.undo_stack
    before = len(hook.seen)

    def check(when: str) -> None:
        if len(hook.seen) > before:
            problems.append(f"{when}: traceback {hook.seen[before:]}")
            del hook.seen[before:]
        bad = inconsistency(window)
        if bad:
            problems.append(f"{when}: canvas and model disagree: {bad}")

    was_checked = act.isChecked()
    act.trigger()
    settle()
    closer.close_all()  # a dialog shown with open() (Import Code, a refusal)
    check("after the action")
    if act.isCheckable() and act.isEnabled() and act.isChecked() != was_checked:
        act.trigger()
        settle()
        closer.close_all()
        check("after toggling it back")
    if window.model is not model:  # New, an example: another document now
        if stack.count():
            problems.append(f"a new document starts with {stack.count()} undo entries")
        return problems
    undo_all(stack)
    settle()
    check("after undoing everything")
    if snapshot(model) != start:
        problems.append(
            "undoing everything does not give back the starting graph:\n"
            f"  start {start}\n  now   {snapshot(model)}"
        )
        return problems
    redo_all(stack)
    settle()
    check("after redoing everything")
    undo_all(stack)
    settle()
    check("after undoing everything again")
    if snapshot(model) != start:
        problems.append("undo after redo does not give back the starting graph")
    return problems


# ---------------------------------------------------------------- the tests
def test_the_monkey_sees_the_whole_app(window):
    """The action list is the real one: menus of every module are in it."""
    names = {a.objectName() for a in window_actions(window)}
    for must in (
        "action_new",
        "action_open",
        "action_undo",
        "action_delete",
        "action_layout",
        "action_add_tanh",
        "action_backward",
        "action_step",
        "action_import_code",
        "action_learn_gradcheck",
        "action_learn_insert_mlp",
        "action_example_blog_L",
        "action_toggle_dock_properties",
    ):
        assert must in names
    assert len(names) > 60


@pytest.mark.parametrize("stem", sorted(EXAMPLES))
def test_examples_open_from_the_file_menu(monkey, stem):
    window, hook, _closer = monkey
    act = window.findChild(QAction, f"action_example_{stem}")
    assert act in window.examples_menu.actions()
    act.trigger()
    settle()
    expected = fileio.load(EXAMPLES[stem])
    assert snapshot(window.model) == snapshot(expected)
    assert inconsistency(window) is None
    assert hook.seen == []


@pytest.mark.parametrize("state", sorted(STATES))
def test_every_action(monkey, state):
    window, hook, closer = monkey
    STATES[state](window)
    names = sorted(a.objectName() for a in window_actions(window))
    failures, triggered = [], []
    for name in names:
        problems = exercise(window, hook, closer, state, name)
        if problems is None:
            continue
        triggered.append(name)
        failures.extend(f"[{state}] {name}: {line}" for line in problems)
    assert not failures, "\n".join(failures)
    # the menus of every module were really clicked, not just listed
    assert len(triggered) > 40, triggered
    for name in ("action_new", "action_add_tanh", "action_backward", "action_learn_insert_neuron"):
        assert name in triggered
