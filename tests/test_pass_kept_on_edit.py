"""A Backward pass kept through an edit of numbers (a teacher's trial: "what
if a were 5?" typed mid-pass cleared the pass, and Ctrl+Z did not bring it
back: the walk began again at step 1). A value edit runs the pass again on
the new numbers at the step it was at; its undo does the same with the old
ones; an edit of the wiring still clears it."""

from __future__ import annotations

from pathlib import Path

from micrograd.engine import Value
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from window_helpers import answers, click_item, tmp_settings, window  # noqa: F401

from core.files import fileio

EX = Path(__file__).resolve().parent.parent / "resources" / "examples"


def lecture(a: float) -> dict[str, float]:
    """The blog's L = (a*b + c) * f in micrograd itself, every gradient."""
    va, vb, vc, vf = Value(a), Value(-3.0), Value(10.0), Value(-2.0)
    e = va * vb
    d = e + vc
    L = d * vf
    L.backward()
    return {"a": va.grad, "b": vb.grad, "c": vc.grad, "f": vf.grad, "e": e.grad, "d": d.grad, "L": L.grad}


def shown_grads(w) -> dict[str, float | None]:
    return {n: w.scene.node_item(n)._grad for n in w.model.nodes()}


def type_value(qtbot, w, node: str, text: str) -> None:
    """Click the card, Enter, type the number, Enter: as a user edits a value."""
    click_item(qtbot, w, w.scene.node_item(node))
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_Return)
    ed = w.scene.interaction.inline_editor
    assert ed is not None and ed.objectName() == "inline_value_editor"
    ed.selectAll()
    qtbot.keyClicks(ed, text)
    qtbot.keyClick(ed, Qt.Key.Key_Return)


def blog_pass(qtbot, w, steps: int):
    """The blog example, Ctrl+B on the canvas, paused, → pressed ``steps`` times."""
    w.document.replace(fileio.load(EX / "blog_L.mgraph"), str(EX / "blog_L.mgraph"))
    QApplication.processEvents()
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    w.backward.animator.pause()
    for _ in range(steps):
        qtbot.keyClick(w.view, Qt.Key.Key_Right)
    return w.backward.animator


def test_a_value_typed_mid_pass_runs_the_pass_again_at_its_step(qtbot, window):
    w = window
    a = blog_pass(qtbot, w, 3)
    assert a.active and a.pos == 3
    type_value(qtbot, w, "a", "5")
    assert w.model.node("a")["value"] == 5.0
    qtbot.waitUntil(lambda: "ran again" in w.status_text(), timeout=2000)
    assert a.active and a.pos == 3  # the same step, not the start
    assert "b.grad += −2 × 5 = −10" in w.backward.narration.text()  # its numbers the new ones
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_End)  # Skip to End
    want = lecture(5.0)
    assert shown_grads(w) == want
    # Ctrl+Z: the old number, the pass again with it, still at its end
    qtbot.keyClick(w.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert w.model.node("a")["value"] == 2.0
    qtbot.waitUntil(lambda: shown_grads(w) == lecture(2.0), timeout=2000)
    assert a.active and a.at_end
    # (the line said "Ctrl+Z undoes the edit" after the undo too: a trial)
    assert "ran again" in w.status_text() and "Ctrl+Y redoes the edit" in w.status_text()
    qtbot.keyClick(w.view, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: shown_grads(w) == want, timeout=2000)
    assert "Ctrl+Z undoes the edit" in w.status_text()


def test_an_edit_of_the_wiring_still_clears_the_pass(qtbot, window):
    w = window
    a = blog_pass(qtbot, w, 1)
    click_item(qtbot, w, w.scene.node_item("c"))
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_Delete)
    assert "c" not in w.model
    QApplication.processEvents()
    assert not a.active and w.status_text().startswith(
        "Deleted c · Ctrl+Z brings it back · gradients cleared"
    )
    assert all(g is None for g in shown_grads(w).values())


def test_the_pass_run_again_keeps_telling_apart_nodes_that_share_a_label(qtbot, window):
    """A review: the rerun's steps were named by label alone, so after an edit
    two nodes labelled d both read "d" in the banner (the first pass said which)."""
    w = window
    w.document.replace(fileio.load(EX / "blog_L.mgraph"), str(EX / "blog_L.mgraph"))
    QApplication.processEvents()
    assert w.editor.set_label("e", "d")  # two nodes labelled d: e and d
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    a = w.backward.animator
    a.pause()
    for _ in range(2):
        qtbot.keyClick(w.view, Qt.Key.Key_Right)
    assert "(d, id e)" in w.backward.narration.text()
    type_value(qtbot, w, "a", "5")
    qtbot.waitUntil(lambda: "ran again" in w.status_text(), timeout=2000)
    assert a.pos == 2 and "(d, id e)" in w.backward.narration.text()


def test_a_rename_mid_pass_says_the_numbers_are_the_same(qtbot, window):
    """A check of trial 49's fixes: F2 mid-pass, a new name, and the line
    said "The numbers changed: the pass ran again on them", though none had."""
    w = window
    a = blog_pass(qtbot, w, 2)
    click_item(qtbot, w, w.scene.node_item("e"))
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_F2)  # rename
    ed = w.scene.interaction.inline_editor
    assert ed is not None and ed.objectName() == "inline_label_editor"
    ed.selectAll()
    qtbot.keyClicks(ed, "ab")
    qtbot.keyClick(ed, Qt.Key.Key_Return)
    assert w.model.label("e") == "ab"
    qtbot.waitUntil(lambda: "still at step 2" in w.status_text(), timeout=2000)
    said = w.status_text()
    assert "numbers the same" in said and "numbers changed" not in said, said
    assert a.active and a.pos == 2
    assert "ab" in w.backward.narration.text() or "ab" in w.backward.chain_panel.text()
