"""View › Presentation Mode's larger text beyond the lesson panels, used as a
teacher does on a 1280×800 projector: the cards on the canvas (only the
refit and Ctrl++ made them larger), the docks' titles and the right-hand
column they wrap in, the Hessian, Forward vs Reverse, Gradient Flow and
Learn tables, and the status bar; each given back exactly when it is off."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFontInfo
from PySide6.QtWidgets import QApplication, QDockWidget, QTableWidget, QWidget
from test_presentation_mode import lesson_mid_pass, press, px, settle, toggle_presentation
from window_helpers import answers, menu_action, tmp_settings, trigger, window  # noqa: F401

from gui.canvas.cards.card_text import line_height
from gui.common.resources import EXAMPLES
from gui.window.main_window import MainWindow

#: The card texts a reader needs (the symbol, badge and port names keep to their small boxes).
READ = ("label", "tag", "value", "grad")


def card_text(w: MainWindow, zoom: float | None = None) -> dict[str, dict[str, float]]:
    """Each card's texts as drawn at ``zoom`` (the view's): the font's pixel size on screen."""
    z = w.view.zoom if zoom is None else zoom
    out = {}
    for n in w.model.nodes():
        texts = w.scene.node_item(n).texts_at(z)
        out[n] = {t.kind: t.screen_px(z) for t in texts if t.kind in READ}
    return out


def smallest(sizes: dict[str, dict[str, float]]) -> float:
    return min(px for texts in sizes.values() for px in texts.values())


def test_the_cards_write_larger_at_the_modes_fit_and_as_before_after(qtbot, window):
    """At 1280×800 the lesson's gradient pills were 9-11 px on screen; the
    panels beside them grew 1.5× and the cards did not."""
    w = window
    lesson_mid_pass(qtbot, w)
    before, zoom = card_text(w), w.view.zoom
    assert 10 <= smallest(before) < 13  # (the pills' "grad −2" and the tags' "param", desktop size)
    toggle_presentation(qtbot, w)
    on = card_text(w)
    z = w.view.zoom
    assert z > 0.78  # the whole graph fitted, its cards whole (not their compact form)
    for n, texts in on.items():
        assert set(texts) == set(before[n]), n  # every part still written: the label, tag, value, gradient
        card = w.scene.node_item(n)
        grad = [t.text for t in card.texts_at(z) if t.kind == "grad"]
        assert grad and grad[0].startswith("grad "), n  # (the full card's "grad −2", not a compact "∇ −2")
    assert smallest(on) >= 1.35 * smallest(before) and smallest(on) >= 15
    # a line of the gradient pill on screen, in pixels: from ~13 px to ~20
    pill = next(t for t in w.scene.node_item("a").texts_at(z) if t.kind == "grad")
    assert line_height(pill.px) * z >= 19
    # the step's card, lit by the pass, is in view below the banner
    step = w.scene.node_item(w.backward.replay.current(3).node)
    seen = QRectF(w.view.viewport().rect())
    assert seen.contains(w.view.mapFromScene(step.sceneBoundingRect()).boundingRect().toRectF())
    toggle_presentation(qtbot, w)  # (the graph fitted again into the canvas: at its own zoom)
    assert card_text(w, zoom) == before
    assert smallest(card_text(w)) < 13


def mid_pass_presented(qtbot, w, example: str, steps: int):
    """The example open in the issue's window, Ctrl+B and ``steps`` × →, then Presentation Mode."""
    w.resize(1600, 1000)
    w.open_path(str(EXAMPLES / f"{example}.mgraph"), example=True)
    w.view.setFocus()
    press(qtbot, w, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    for _ in range(steps):
        press(qtbot, w, Qt.Key.Key_Right)
    toggle_presentation(qtbot, w)
    return w


@pytest.mark.parametrize("zoom", [0.85, 0.93, 1.0, 1.1])
def test_leaves_and_operators_write_their_gradients_alike(qtbot, window, zoom):
    """Trial 47: the neuron mid-pass in the mode at 93 %, b's card (a leaf:
    a wider body, no input ports) wrote "grad 0.5000" beside the operators'
    "grad 0.5"; every card writes the form an operator's card has room for."""
    w = mid_pass_presented(qtbot, window, "neuron_tanh", 3)
    pills = {
        n: t.text for n in w.model.nodes() for t in w.scene.node_item(n).texts_at(zoom) if t.kind == "grad"
    }
    assert any(w.model.op(n) == "leaf" for n in pills) and any(w.model.op(n) != "leaf" for n in pills)
    # the card's full form has four decimals ("grad 0.5000"), the shorter one fewer
    forms = {"full" if len(p.split(".")[-1]) == 4 else "shorter" for p in pills.values()}
    assert len(forms) == 1, pills


@pytest.mark.parametrize("zoom", [1.05, 1.1, 1.17])
def test_positive_and_negative_gradients_are_written_alike(qtbot, window, zoom):
    """Trial 55: the lecture's L, Ctrl+B, →, →, then the mode at 117 %: e, d
    and c read "grad −2.00", f and L "grad 4.0000" and "grad 1.0000" (a
    positive number's four decimals fitted where a negative one's did not)."""
    w = mid_pass_presented(qtbot, window, "blog_L", 2)
    pills = {
        w.model.label(n): (t.text, t.px)
        for n in w.model.nodes()
        for t in w.scene.node_item(n).texts_at(zoom)
        if t.kind == "grad"
    }
    signs = {text.split()[-1].startswith("−") for text, _px in pills.values()}
    assert signs == {True, False}  # (the test's point: gradients of both signs, −2, 4 and 1)
    assert len({len(text.split(".")[-1]) for text, _px in pills.values()}) == 1, pills  # one precision
    assert len({px for _text, px in pills.values()}) == 1, pills  # in one size


def test_each_step_of_a_pass_stays_in_view_with_its_gradient_written_large(qtbot, window):
    """neuron_exp at 1280×800: the pass's camera follows each step, zoomed
    in past fitting the graph whole; its cards stay whole, the gradient
    written 1.5× (a text that did not fit the card at that size is written
    smaller, never left out: 'grad 0.1464' was)."""
    w = window
    w.resize(1280, 800)
    menu_action(w.menus["file"], "example_neuron_exp").trigger()
    settle()
    toggle_presentation(qtbot, w)
    w.view.setFocus()
    press(qtbot, w, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    rp = w.backward.replay
    assert rp is not None and len(rp.steps) >= 10
    for pos in range(1, rp.last):  # (the finished picture, zoomed out to its ends, may be compact)
        press(qtbot, w, Qt.Key.Key_Right)
        assert w.backward.animator.pos == pos
        z = w.view.zoom
        card = w.scene.node_item(rp.current(pos).node)
        on_screen = w.view.mapFromScene(card.sceneBoundingRect()).boundingRect().toRectF()
        assert QRectF(w.view.viewport().rect()).contains(on_screen), pos
        texts = {t.kind: t for t in card.texts_at(z)}
        assert "grad" in texts and texts["grad"].text.startswith("grad "), (pos, texts.keys())
        assert texts["grad"].screen_px(z) >= 12, pos
        assert texts["value"].screen_px(z) >= 1.4 * 11, pos
    toggle_presentation(qtbot, w)
    assert not w.presentation.on


def title_height(dock: QDockWidget) -> int:
    """The dock's title bar, in pixels (its widget starts below it)."""
    inner = dock.widget()
    assert inner is not None
    return inner.geometry().top()


def cut_cells(t: QTableWidget) -> list[str]:
    """The cells whose text is wider than their column (drawn with '…')."""
    fm = t.fontMetrics()
    out = []
    for r in range(t.rowCount()):
        for c in range(t.columnCount()):
            item = t.item(r, c)
            if item is not None and fm.horizontalAdvance(item.text()) + 6 > t.columnWidth(c):
                out.append(item.text())
    return out


def open_result_panels(qtbot, w: MainWindow) -> dict[str, QWidget]:
    """The lesson's Hessian, Forward vs Reverse, Gradient Check and What If…
    tables, and Gradient Flow after a pass, as a teacher opens them."""
    w.resize(1280, 800)
    trigger(w, "example_blog_L")
    trigger(w, "hessian")
    trigger(w, "compare_modes")
    trigger(w, "learn_gradcheck")
    next(iter(w.learning.action_whatif.values())).trigger()
    w.view.setFocus()
    press(qtbot, w, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    press(qtbot, w, Qt.Key.Key_End)
    trigger(w, "gradient_flow")
    settle()
    fm, lr = w.backward.forward, w.learning
    tables = {
        "hessian": fm.hessian_panel.table,
        "compare": fm.panel.findChild(QTableWidget),
        "gradcheck": lr.dock_gradcheck.widget().findChild(QTableWidget),
        "whatif": lr.dock_whatif.widget().findChild(QTableWidget),
    }
    assert all(t is not None and t.rowCount() > 0 for t in tables.values()), tables
    return {**tables, "gradient flow": w.gradient_flow.panel}


def sizes(w: MainWindow, panels: dict[str, QWidget]) -> dict[str, int]:
    out = {name: px(p) for name, p in panels.items()}
    out["properties hint"] = px(w.properties.findChild(QWidget, "properties_hint"))
    for label in ("status_hint", "status_counts", "status_zoom"):
        out[label] = px(w.statusBar().findChild(QWidget, label))
    for dock in (w.properties_dock, w.backward.dock_chain, w.backward.forward.hessian_dock):
        out[f"{dock.objectName()} title"] = QFontInfo(dock.font()).pixelSize()
    return out


def test_every_panel_its_title_and_the_status_bar_write_larger_and_as_before_after(qtbot, window):
    w = window
    panels = open_result_panels(qtbot, w)
    hessian = panels["hessian"]
    assert isinstance(hessian, QTableWidget)
    before = sizes(w, panels)
    titles = {d.objectName(): title_height(d) for d in w.docks.all() if d.isVisible()}
    columns = [hessian.columnWidth(c) for c in range(hessian.columnCount())]
    assert not cut_cells(hessian)
    toggle_presentation(qtbot, w)
    on = sizes(w, panels)
    for name, size in before.items():
        assert on[name] >= 1.4 * size, (name, size, on[name])
    for name, height in titles.items():  # each dock's title bar as tall as its larger text
        dock = w.findChild(QDockWidget, name)
        if dock.isVisible() and not dock.visibleRegion().isEmpty():
            assert title_height(dock) >= height + 4, name
    # the tables' columns measured anew: their names and numbers whole at the larger size
    # (the Hessian's were sized once, when it was computed; the Learn tables' names on a resize)
    for name, table in panels.items():
        assert not isinstance(table, QTableWidget) or not cut_cells(table), name
    assert [hessian.columnWidth(c) for c in range(hessian.columnCount())] > columns
    toggle_presentation(qtbot, w)
    assert sizes(w, panels) == before
    assert [hessian.columnWidth(c) for c in range(hessian.columnCount())] == columns


def right_column(w: MainWindow) -> list[QDockWidget]:
    """The right-hand docks on screen (not a tab behind another)."""
    side = Qt.DockWidgetArea.RightDockWidgetArea
    docks = [d for d in w.docks.all() if d.isVisible() and w.dockWidgetArea(d) == side]
    return [d for d in docks if not d.visibleRegion().isEmpty()]


def test_the_right_column_widens_for_its_larger_text_and_comes_back(qtbot, window):
    w = window
    lesson_mid_pass(qtbot, w)
    before = {d.objectName(): d.width() for d in right_column(w)}
    assert {"dock_order", "dock_chain"} <= set(before)
    banner_lines = w.backward.order_panel.status.height()
    toggle_presentation(qtbot, w)
    on = {d.objectName(): d.width() for d in right_column(w)}
    assert set(on) == set(before)
    for name, width in before.items():
        assert width + 60 <= on[name] <= 0.3 * w.width(), (name, width, on[name])
    # the Order's status, 1.5× larger, wraps no more than two lines in the wider column
    status = w.backward.order_panel.status
    assert status.height() <= 2 * status.fontMetrics().height() + 4 and banner_lines > 0
    assert w.view.width() >= 0.6 * w.width()  # the canvas keeps most of the window
    toggle_presentation(qtbot, w)
    assert {d.objectName(): d.width() for d in right_column(w)} == before
    QApplication.processEvents()
    assert {d.objectName(): d.width() for d in right_column(w)} == before


def test_the_quiz_feedback_in_its_colour_writes_larger_too(qtbot, window):
    """A label coloured by a style sheet kept its desktop size when its
    panel's font grew (the quiz's ✓/✗ line, Properties' hint, the status bar's
    message): colours now come from the palette."""
    w = window
    trigger(w, "example_blog_L")
    trigger(w, "learn_quiz")
    quiz = w.learning.quiz
    qtbot.keyClicks(quiz.answer, "1")
    qtbot.keyClick(quiz.answer, Qt.Key.Key_Return)
    assert quiz.feedback.text().startswith("Question 1, L.grad: ✓ right")
    before = px(quiz.feedback)
    toggle_presentation(qtbot, w)
    assert px(quiz.feedback) >= 1.4 * before and px(quiz.question) >= 1.4 * before
    qtbot.keyClicks(quiz.answer, "5")  # wrong: said in red, at the larger size
    qtbot.keyClick(quiz.answer, Qt.Key.Key_Return)
    assert "✗" in quiz.feedback.text() and px(quiz.feedback) >= 1.4 * before
    toggle_presentation(qtbot, w)
    assert px(quiz.feedback) == before


def test_the_chain_rule_panel_gets_the_height_its_larger_text_needs(qtbot, window):
    """Trial 45 #4: in the mode Chain Rule scrolled, its heading cut off,
    under an Order list with rows to spare."""
    w = window
    lesson_mid_pass(qtbot, w)
    dock = w.backward.dock_chain
    before = dock.height()
    toggle_presentation(qtbot, w)
    settle()
    assert dock.height() >= before  # (it was squeezed to 241 px of 800: its larger text scrolled)
    view = w.backward.chain_panel.view
    sb = view.verticalScrollBar()
    assert sb.maximum() < 0.4 * view.document().size().height()  # (most of it in view: it was a third)
    for line in ("e passes its gradient back", "a.grad += e.grad", "b.grad += e.grad"):  # the step's lines
        assert view.find(line), line
        assert view.viewport().rect().contains(view.cursorRect()), line
    toggle_presentation(qtbot, w)


def test_compact_cards_write_as_large_as_fits_never_blank(qtbot, window):
    """A review: with the text 1.5× a compact card's line no longer fitted
    between about 20 % and 26 %, and it drew nothing (neuron_exp, Ctrl+−
    four times: every card a blank block)."""
    w = window
    assert w.open_path(EXAMPLES / "neuron_exp.mgraph")
    QApplication.processEvents()
    toggle_presentation(qtbot, w)
    for zoom in (0.21, 0.23, 0.25, 0.26):
        cards = [w.scene.node_item(n) for n in w.model.nodes()]
        assert all(it.texts_at(zoom) for it in cards), zoom
    toggle_presentation(qtbot, w)


def test_a_picture_taken_in_the_mode_is_the_usual_picture(qtbot, window, answers, tmp_path):
    """A review: the mode's larger card text went into SVG exports (bigger
    pills, "grad −2" for "grad −2.0000")."""
    from test_export_caption import export
    from test_picture_options import texts

    w = window
    lesson_mid_pass(qtbot, w)
    export(w, answers, tmp_path / "usual.svg", "svg")
    toggle_presentation(qtbot, w)
    export(w, answers, tmp_path / "mode.svg", "svg")
    assert "grad −2.0000" in texts(tmp_path / "usual.svg")
    assert sorted(texts(tmp_path / "mode.svg")) == sorted(texts(tmp_path / "usual.svg"))
    toggle_presentation(qtbot, w)


def test_a_card_lays_its_text_out_again_for_another_text_size(qtbot, window):
    """A review: a card out of view when the mode was turned on kept the
    texts laid out for the usual size where the needed size came out the
    same (0.69 at 1× and 1.035 at 1.5× both need 16 px: compact at the one,
    full at the other), compact in a full card."""
    from test_window_files import open_blog_example

    from gui.canvas.cards import card_text

    w = window
    open_blog_example(w)
    it = w.scene.node_item("e")
    assert card_text.needed_px(0.69) == 16
    it.texts_at(0.69)
    card_text.set_text_scale(1.5)
    try:
        assert card_text.needed_px(1.035) == 16
        got = it.texts_at(1.035)
        it._texts = None
        assert got == it.texts_at(1.035)
    finally:
        card_text.set_text_scale(1.0)


def test_the_order_lists_current_step_stays_in_view_when_its_rows_grow(qtbot, window):
    """Trial 46: on the MLP, turning the mode on left the current row out of
    view until the next step (its rows taller, fewer shown)."""
    w = window
    lesson_mid_pass(qtbot, w)
    for _ in range(4):
        press(qtbot, w, Qt.Key.Key_Right)  # the last step, at the list's end
    toggle_presentation(qtbot, w)
    settle()
    QApplication.processEvents()
    t = w.backward.order_panel.table
    r = t.visualRect(t.currentIndex())
    assert r.isValid() and t.viewport().rect().contains(r)
    toggle_presentation(qtbot, w)
