"""A teacher's class trial of the animated Backward, driven as the class
drives it: a presenter's clicker (Page Down / Page Up), cards clicked
mid-pass, forward mode's legend, and the Chain Rule panel's wording (whole
terms kept together when it wraps; the gradient graph's cards named by their
labels, never by an id)."""

from __future__ import annotations

import re
from pathlib import Path

from canvas_helpers import click
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QTextDocument, QWheelEvent
from PySide6.QtWidgets import QApplication, QMessageBox, QTableWidget
from test_forward_mode_gui import hand_mode, open_example
from window_helpers import action, answers, menu_action, tmp_settings, type_formula, window  # noqa: F401

from gui.backward.status_text import focus_node
from gui.common.actions import ShortcutsDialog, shortcut_rows

ROOT = Path(__file__).resolve().parents[1]


def key(qtbot, w, k, mods=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(w.view, k, mods)
    QApplication.processEvents()


def click_card(w, node: str) -> None:
    it = w.scene.node_item(node)
    w.view.ensureVisible(it)
    r = it.sceneBoundingRect()
    click(w.view, r.center() - (r.center() - r.topLeft()) * 0.5)  # on the card's body, off its ports
    QApplication.processEvents()
    QApplication.processEvents()


# ------------------------------------------------------------------ 1. the clicker
def test_page_down_steps_and_page_up_steps_back_while_a_pass_is_shown(window, qtbot):
    w = window
    w.resize(1200, 800)
    open_example(w, "blog_L")
    hand_mode(w)
    w.view.setFocus()
    w.view.set_zoom(3.0)  # the canvas scrolls
    QApplication.processEvents()
    bar = w.view.verticalScrollBar()
    bar.setValue((bar.minimum() + bar.maximum()) // 2)
    # no pass: Page Down / Up scroll the canvas as ever
    top = bar.value()
    key(qtbot, w, Qt.Key.Key_PageDown)
    assert bar.value() > top
    key(qtbot, w, Qt.Key.Key_PageUp)
    assert bar.value() == top
    key(qtbot, w, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    anim = w.backward.animator
    assert anim.active and anim.pos == 0
    key(qtbot, w, Qt.Key.Key_PageDown)
    key(qtbot, w, Qt.Key.Key_PageDown)
    assert anim.pos == 2
    key(qtbot, w, Qt.Key.Key_PageUp)
    assert anim.pos == 1
    # at the end, one click too many neither steps nor scrolls the pass away
    key(qtbot, w, Qt.Key.Key_End)
    assert anim.at_end
    where = (w.view.horizontalScrollBar().value(), bar.value())
    key(qtbot, w, Qt.Key.Key_PageDown)
    assert anim.at_end and (w.view.horizontalScrollBar().value(), bar.value()) == where
    key(qtbot, w, Qt.Key.Key_PageUp)
    assert anim.pos == w.backward.replay.last - 1


def test_the_clickers_keys_are_in_both_shortcut_tables(window):
    rows = {(menu, act): keys for menu, act, keys in shortcut_rows(window)}
    assert "PgDown" in rows[("Backward", "Step")].split(", ")
    assert "PgUp" in rows[("Backward", "Step Back")].split(", ")
    dialog = ShortcutsDialog(window)  # Help › Keyboard Shortcuts
    t = dialog.findChild(QTableWidget, "shortcuts_table")
    shown = {t.item(r, 1).text(): t.item(r, 2).text() for r in range(t.rowCount())}
    assert "PgDown" in shown["Step"] and "PgUp" in shown["Step Back"]
    dialog.deleteLater()
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    row = next(line for line in readme.splitlines() if line.startswith("| Backward | Step / Step Back |"))
    assert "PgDown" in row and "PgUp" in row


# ------------------------------------------------------------------ 2. the panel follows the pass
def test_the_chain_rule_panel_follows_each_move_after_a_card_is_clicked(window, qtbot):
    w = window
    open_example(w, "blog_L")
    hand_mode(w)
    w.view.setFocus()
    key(qtbot, w, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    ctl = w.backward
    panel, anim, rp = ctl.chain_panel, ctl.animator, ctl.replay
    click_card(w, "a")
    assert w.scene.selected_ids() == ["a"] and panel.node == "a"
    w.view.setFocus()
    key(qtbot, w, Qt.Key.Key_Right)
    key(qtbot, w, Qt.Key.Key_Right)
    assert anim.pos == 2 and panel.node == focus_node(rp, 2) == "d"
    assert panel.text().startswith("d — Add")
    # a click on the card still selected shows it again, until the next move
    click_card(w, "a")
    assert panel.node == "a"
    moves = [
        (Qt.Key.Key_Left, 1),  # Step Back
        (Qt.Key.Key_PageDown, 2),  # Step, from the clicker
        (Qt.Key.Key_End, rp.last),  # Skip to End
        (Qt.Key.Key_Home, 0),  # Restart
    ]
    for k, pos in moves:
        click_card(w, "f")
        assert panel.node == "f"
        w.view.setFocus()
        key(qtbot, w, k)
        assert anim.pos == pos and panel.node == focus_node(rp, pos), k
    click_card(w, "f")
    w.view.setFocus()
    key(qtbot, w, Qt.Key.Key_P)  # Play
    qtbot.waitUntil(lambda: anim.pos >= 1, timeout=10000)
    key(qtbot, w, Qt.Key.Key_P)
    assert panel.node == focus_node(rp, anim.pos)
    # a row of the Order list is a move too
    click_card(w, "f")
    ctl.order_panel.jump_requested.emit(3)
    QApplication.processEvents()
    assert panel.node == focus_node(rp, 3)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "until the next move" in " ".join(readme.split())


# ------------------------------------------------------------------ 3. forward mode's legend
def test_the_legend_says_tangent_in_forward_mode_and_gradient_in_reverse(window, qtbot):
    w = window
    open_example(w, "blog_L")
    hand_mode(w)
    legend = w.backward.legend
    assert legend.title().startswith("gradient colour")
    w.scene.select_ids(["a"])
    QApplication.processEvents()
    w.view.setFocus()
    key(qtbot, w, Qt.Key.Key_F5, Qt.KeyboardModifier.ShiftModifier)  # Forward Mode from a
    assert w.backward.replay.wrt == "a"
    assert legend.title().startswith("tangent colour") and "gradient" not in legend.title()
    assert "tangent" in legend.toolTip()
    key(qtbot, w, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)  # reverse mode again
    assert legend.title().startswith("gradient colour") and "tangent" not in legend.toolTip()


# ------------------------------------------------------------------ 4. the panel's wording
_OPS = ("=", "×", "+", "+=", "·", "−")


def wrapped_lines(doc: QTextDocument, width: int) -> list[list[str]]:
    """The panel's equation blocks as laid out at ``width``: each block's lines."""
    doc.setTextWidth(width)
    doc.size()  # (laid out now)
    out = []
    block = doc.begin()
    while block.isValid():
        text = block.text()
        if " = " in text.replace("\u00a0", " "):
            lay = block.layout()
            # "  (backward starts here)": words, wrapped as words
            found = re.search(r"(?<=\d)\s+\((?!input)[a-z]", text)
            remark = found.start() if found else -1
            lines = [lay.lineAt(i) for i in range(lay.lineCount())]
            out.append(
                [
                    text[ln.textStart() : ln.textStart() + ln.textLength()]
                    for ln in lines
                    if remark < 0 or ln.textStart() < remark
                ]
            )
        block = block.next()
    return out


def test_an_equation_wraps_only_between_whole_terms(window):
    w = window
    w.resize(1600, 1000)
    open_example(w, "accumulate_a_plus_a")
    hand_mode(w)
    action(w, "backward").trigger()
    action(w, "step").trigger()
    QApplication.processEvents()
    ctl = w.backward
    assert ctl.chain_panel.node == "b"
    doc = ctl.chain_panel.view.document().clone()
    wrapped = 0
    for width in range(240, 480, 6):  # (the panel beside the canvas: 280)
        for lines in wrapped_lines(doc, width):
            wrapped += len(lines) > 1
            for i, line in enumerate(lines):
                piece = line.replace("\u00a0", " ").strip()
                assert piece and not piece.endswith(_OPS), (width, lines)
                if i:  # a continued line starts a whole term: "= 1", "+ 3", "× ∂b/∂a" (left of the "=")
                    first = piece.split(" ")[0]
                    before = " ".join(x.replace("\u00a0", " ") for x in lines[:i])
                    assert first in ("=", "+=", "+") or (first == "×" and " = " not in before), (width, lines)
    assert wrapped  # (narrow enough to wrap at all)
    # read or copied as text, the spaces are plain spaces and nothing hidden is left in
    want = "a.grad += b.grad × ∂b/∂a (input 1) = 1 × 1 = 1"
    assert want in ctl.chain_panel.text()
    ctl.chain_panel.view.selectAll()
    ctl.chain_panel.view.copy()
    copied = QApplication.clipboard().text()
    assert want in copied and not re.search("[\u00a0\u2060\ufeff]", copied)


def test_an_mlp_s_long_names_are_never_split_inside(qtbot):
    """A trial: an MLP's "(b + w·h1.1).grad × ∂(b + w·h1.1)/∂(w2.1.1·h1.1)"
    is wider than the panel with no place to wrap, so Qt split it inside
    "w2.1.1"; it wraps before the "×" now, or after the slash, whole names."""
    import html

    from gui.backward.chain_panel import _CSS, unbroken

    lines = [
        "(b + w·h1.1).grad × ∂(b + w·h1.1)/∂(w2.1.1·h1.1) = −0.007801 × 1 = −0.007801",
        "+= (w2.1.1·h1.1).grad × ∂(w2.1.1·h1.1)/∂h1.1[4] = −0.007801 × (−0.2025) = 0.00158",
        # (forward mode's tangent: split as "…/d" and "x1 = …", a trial)
        "d(x1*w1 + x2*w2)/dx1 += ∂(x1*w1 + x2*w2)/∂(x1*w1) · d(x1*w1)/dx1 = 1 × (−3) = −3",
    ]
    body = "".join(f"<p class='line'>{html.escape(unbroken(x))}</p>" for x in lines)
    doc = QTextDocument()
    doc.setHtml(f"<style>{_CSS}</style>{body}")
    names = ("w2.1.1", "h1.1[4]", "w·h1.1", "−0.007801", "0.00158", "dx1", "(x1*w1)")
    for width in range(280, 480, 8):  # (the panel beside the canvas: 280 at the least)
        for pieces in wrapped_lines(doc, width):
            for piece in pieces:
                text = piece.replace("\u00a0", " ").replace("\ufeff", "")
                assert not any(text.endswith(n[:k]) for n in names for k in range(1, len(n))), (width, pieces)


def test_the_gradient_graphs_cards_are_named_by_their_labels(window, qtbot, answers):
    w = window
    answers.save_changes = QMessageBox.StandardButton.Discard  # (the new graph is not kept)
    action(w, "new").trigger()
    QApplication.processEvents()
    type_formula(qtbot, w, "x = 3; y = x*x", dialogs=False)
    assert sorted(w.model.label(n) for n in w.model.nodes()) == ["x", "y"]
    action(w, "gradient_graph").trigger()
    QApplication.processEvents()
    m = w.model
    assert m.label(m.output) == "x.grad"
    w.view.setFocus()
    key(qtbot, w, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    ctl = w.backward
    texts = [ctl.chain_panel.text()]
    for _ in range(ctl.replay.last):
        key(qtbot, w, Qt.Key.Key_Right)
        texts.append(ctl.chain_panel.text())
    for n in m.nodes():
        click_card(w, n)
        texts.append(ctl.chain_panel.text())
    said = "\n".join(texts)
    ids = [n for n in m.nodes() if n != m.label(n)]
    assert ids and not [n for n in ids if re.search(rf"\b{n}\b", said)], said
    # (a pass from x.grad names its gradients ∂(x.grad)/∂node: "(x.grad).grad" was the root's own, trial 52)
    assert ".grad.grad" not in said and "∂(x.grad)/∂(x.grad) = 1" in said and "∂(x.grad)/∂x" in said
    x = next(n for n in m.nodes() if m.label(n) == "x")
    click_card(w, x)
    text = ctl.chain_panel.text()
    # the two products told apart: by their names (y.grad·x and x·y.grad, each written as drawn, its
    # copy of x on the side away from its wire), or, named alike, by the step that sent each
    sent = re.findall(r"from (y\.grad·x|x·y\.grad)( \(at step \d+\))?:", text)
    assert len(sent) == 2 and len(set(sent)) == 2, text


# ------------------------------------------------------------------ zooming in on a step
def test_the_zoom_keys_zoom_about_the_step_a_pass_shows(window, qtbot):
    """A teacher zoomed in (Ctrl++ three times) at step 3: about the middle
    of the view, e's inputs and caption went off the left edge. With a pass
    shown the keys zoom about the step's card, which stays where it was on
    screen; with none, about the middle."""
    w = window
    w.resize(1200, 800)
    open_example(w, "blog_L")
    hand_mode(w)
    w.view.setFocus()
    key(qtbot, w, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    for _ in range(3):
        key(qtbot, w, Qt.Key.Key_Right)
    rp, anim = w.backward.replay, w.backward.animator
    node = focus_node(rp, anim.pos)
    card = w.scene.node_item(node)
    v = w.view
    before, zoom = v.mapFromScene(card.sceneBoundingRect().center()), v.zoom
    for _ in range(3):
        key(qtbot, w, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert v.zoom > 1.9 * zoom and anim.pos == 3
    after = v.mapFromScene(card.sceneBoundingRect().center())
    assert abs(after.x() - before.x()) <= 2 and abs(after.y() - before.y()) <= 2
    assert v.viewport().rect().contains(v.mapFromScene(card.sceneBoundingRect()).boundingRect())
    key(qtbot, w, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert not anim.active  # no pass: about the middle again
    middle = v.mapToScene(v.viewport().rect().center())
    key(qtbot, w, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    now = v.mapToScene(v.viewport().rect().center())
    assert abs(now.x() - middle.x()) * v.zoom <= 2 and abs(now.y() - middle.y()) * v.zoom <= 2


# ------------------------------------------------------------------ 6. a small window
def step_in_view(panel) -> bool:
    """The current step's section (the page's last: its title and every
    line) lies inside what the Chain Rule panel shows, unscrolled by hand."""
    ex = panel.explanation
    doc, view = panel.view.document(), panel.view
    lay, top = doc.documentLayout(), view.verticalScrollBar().value()
    block = doc.lastBlock()
    for _ in range(len(ex.sections[-1].lines)):
        block = block.previous()
    assert block.text() == " ".join(ex.sections[-1].title.split())  # (HTML: one space for two)
    first, last = lay.blockBoundingRect(block), lay.blockBoundingRect(doc.lastBlock())
    return first.top() >= top and last.bottom() <= top + view.viewport().height()


def test_each_step_shows_from_its_heading_and_gets_room_for_its_equation_in_a_1280_by_720_window(
    window, qtbot
):
    """The class trial: a 1280×720 window showed the step's title at the
    panel's bottom edge, the equation below it. Trial 47: scrolled to its
    end, the page hid its heading and Value line. Each step now shows from
    its heading, and the panel grows until its equation is in view too."""
    w = window
    w.resize(1280, 720)
    # the right column as a first start lays it out in this window (the offscreen screen is smaller)
    w.resizeDocks([w.properties_dock], [1280 * 24 // 100], Qt.Orientation.Horizontal)
    open_example(w, "neuron_tanh")
    hand_mode(w)
    w.view.setFocus()
    key(qtbot, w, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    panel, bar = w.backward.chain_panel, w.backward.chain_panel.view.verticalScrollBar()
    before = w.backward.dock_chain.height()
    tall = 0
    while action(w, "step").isEnabled():
        key(qtbot, w, Qt.Key.Key_Right)
        assert bar.value() == 0, (panel.node, bar.value())  # from its heading
        tall += panel.hidden_height() > 0
        qtbot.waitUntil(lambda: step_in_view(panel), timeout=2000)
        assert bar.value() == 0
    assert tall  # some pages were taller than the panel (the check had work to do)
    assert w.backward.dock_chain.height() > before
    # Step Back too; and the step stays in view when the window is made smaller still
    key(qtbot, w, Qt.Key.Key_Home)
    for _ in range(3):
        key(qtbot, w, Qt.Key.Key_Right)
    key(qtbot, w, Qt.Key.Key_Left)
    assert bar.value() == 0 and step_in_view(panel)
    w.resize(1280, 640)
    QApplication.processEvents()
    assert bar.value() == 0  # the heading kept in view
    # a user who scrolled the panel down (the mouse wheel) is left there when the window changes
    vp = panel.view.viewport()
    at = QPointF(vp.rect().center())
    wheel = QWheelEvent(
        at,
        QPointF(vp.mapToGlobal(at.toPoint())),
        QPoint(0, 0),
        QPoint(0, -1200),  # ten notches down
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    for _ in range(3):  # (a wheel event scrolls a page at most)
        QApplication.sendEvent(vp, wheel)
    down = bar.value()
    assert down > 0 and down == bar.maximum()
    w.resize(1280, 660)
    QApplication.processEvents()
    assert bar.value() == bar.maximum() > 0
    # … and the next step shows from its heading again
    w.view.setFocus()
    key(qtbot, w, Qt.Key.Key_Right)
    assert bar.value() == 0


def test_a_big_window_shows_the_chain_rule_page_from_its_heading(window, qtbot):
    w = window
    w.resize(1600, 1200)
    open_example(w, "neuron_tanh")
    hand_mode(w)
    w.view.setFocus()
    key(qtbot, w, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    for _ in range(3):
        key(qtbot, w, Qt.Key.Key_Right)
    panel = w.backward.chain_panel
    assert panel.view.verticalScrollBar().maximum() == 0  # the whole page fits, as before
    assert step_in_view(panel) and panel.view.verticalScrollBar().value() == 0  # from its heading


def test_build_gradient_graph_asks_to_save_saying_what_replaces_the_graph(window, qtbot, monkeypatch):
    """Trial 50: Build Gradient Graph asked "Save the changes to “Untitled”
    before closing it?", of a close the teacher had not asked for."""
    from window_helpers import discard_soon, save_questions

    asked = save_questions(monkeypatch)  # the real box
    w = window
    type_formula(qtbot, w, "x = 3; y = x*x", dialogs=False)
    assert w.is_modified()
    discard_soon(asked)
    action(w, "gradient_graph").trigger()
    QApplication.processEvents()
    assert len(asked) == 1 and "in place of “Untitled”" in asked[0] and "closing" not in asked[0]
    assert w.model.label(w.model.output) == "x.grad"
