"""Trial 43, #1: on the start-up example L = (a*b + c)*f the Properties panel
described L with the op table's port names, "Computes out = a · b",
"Derivative ∂/∂a = b, ∂/∂b = a", "Inputs a ← d = 4" — beside the leaves
a and b it read as ∂L/∂a = b. It now names the node and its inputs as the
Chain Rule panel does (L = d × f, ∂L/∂d = f = −2), and a port only where
nothing is wired to it, by the name its card shows (in₁, in₂), which no
node is called."""

from __future__ import annotations

from canvas_helpers import drag, in_port, out_port
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication
from test_window_files import open_blog_example
from window_helpers import answers, click_item, open_expanded, tmp_settings, window  # noqa: F401

from gui.canvas.cards.card_text import FULL_MAX, MIN_PX


def shown(label) -> str:
    return label.text().replace("\u200b", "")  # (as read: without its unseen places to wrap)


def started(qtbot, w):
    w.resize(1600, 1000)
    w.show()
    qtbot.waitExposed(w)
    open_blog_example(w)


def add_from_palette(qtbot, w, op: str) -> str:
    """Add ``op`` as a user does from the palette (its row clicked, Enter); its id."""
    before = set(w.model.nodes())
    lst = w.palette_panel.list
    item = w.palette_panel.item_for(op)
    lst.scrollToItem(item)
    qtbot.mouseClick(lst.viewport(), Qt.MouseButton.LeftButton, pos=lst.visualItemRect(item).center())
    qtbot.keyClick(lst, Qt.Key.Key_Return)
    QApplication.processEvents()
    (new,) = set(w.model.nodes()) - before
    return new


def test_L_is_described_in_its_own_names_not_a_and_b(qtbot, window):
    w = window
    started(qtbot, w)
    click_item(qtbot, w, w.scene.node_item("L"))
    p = w.properties
    assert p.node_id == "L"
    assert shown(p.formula_label) == "L = d × f"
    assert shown(p.derivative_label).splitlines() == ["∂L/∂d = f = −2", "∂L/∂f = d = 4"]
    inputs = p.inputs_label.text()
    assert "in₁ ← " in inputs and "in₂ ← " in inputs and "a ←" not in inputs
    # e = a*b: its leaves are its inputs, by their names
    click_item(qtbot, w, w.scene.node_item("e"))
    assert shown(p.formula_label) == "e = a × b"
    assert shown(p.derivative_label).splitlines() == ["∂e/∂a = b = −3", "∂e/∂b = a = 2"]
    # and a leaf's "Used by" names the port as the consumer's card does
    click_item(qtbot, w, w.scene.node_item("f"))
    assert "input in₂" in p.consumers_label.text()


def test_an_unwired_port_is_named_as_its_card_names_it(qtbot, window):
    w = window
    started(qtbot, w)
    sid = add_from_palette(qtbot, w, "sub")
    p = w.properties
    assert p.node_id == sid
    assert shown(p.formula_label) == f"{sid} = in₁ − in₂"
    assert shown(p.derivative_label).splitlines() == [f"∂{sid}/∂in₁ = 1", f"∂{sid}/∂in₂ = −1"]
    assert p.inputs_label.text().count("not connected") == 2
    # the card names its ports the same way, never a or b
    item = w.scene.node_item(sid)
    ports = [t.text for t in item.texts_at(MIN_PX / FULL_MAX) if t.kind == "port"]
    assert ports == ["in₁", "in₂"]
    # one wired: its real name there, the port's name only for the empty one
    w.view.centerOn(item)
    QApplication.processEvents()
    drag(w.view, out_port(w.scene, "d"), in_port(w.scene, sid, 0))
    assert w.model.inputs(sid)[0] == "d"
    click_item(qtbot, w, item)
    qtbot.waitUntil(lambda: shown(p.formula_label) == f"{sid} = d − in₂", timeout=2000)
    assert "input in₂" in p.value_reason.text()


def test_a_long_derivative_wraps_inside_the_panel(qtbot, window, tmp_path):
    """The MLP's ∂n2.3.3[1]/∂(w2.3.3·h1.3[1]) is one long word: it wraps at
    its slash, and no row is wider than the panel (nothing clipped)."""
    from core.cli.templates import build

    w = window
    open_expanded(qtbot, w, build("mlp", one_point=True), tmp_path)
    m = w.model
    node = next(n for n in m.nodes() if m.label(n) == "n2.3.3[1]")
    click_item(qtbot, w, w.scene.node_item(node))
    p = w.properties
    assert p.node_id == node
    lines = shown(p.derivative_label).splitlines()
    assert lines[1] == "∂n2.3.3[1]/∂(w2.3.3·h1.3[1]) = 1", lines
    # the dock as narrow as it goes
    w.resizeDocks([w.properties_dock], [p.minimumWidth()], Qt.Orientation.Horizontal)
    QApplication.processEvents()
    assert p.width() < 260
    for lab in (p.formula_label, p.derivative_label, p.inputs_label, p.consumers_label):
        right = lab.mapTo(p, lab.rect().topRight()).x()
        assert right <= p.width(), (lab.objectName(), right, p.width())
        assert laid_out_width(lab) <= lab.width(), (lab.objectName(), lab.text())


def laid_out_width(lab) -> float:
    """How wide the label's text is, wrapped at its width (wider: a word ran past its edge)."""
    doc = QTextDocument()
    doc.setDefaultFont(lab.font())
    doc.setDocumentMargin(0)
    if lab.textFormat() == Qt.TextFormat.RichText:
        doc.setHtml(lab.text())
    else:
        doc.setPlainText(lab.text())
    doc.setTextWidth(lab.width())
    return doc.idealWidth()


def test_presentation_modes_larger_text_wraps_a_long_name_inside_the_panel(qtbot, window, tmp_path):
    """A review: at Presentation Mode's 1.5× text, "∂(w2.3.3·h1.3[1])" was one
    word wider than the panel (1280×800), which then scrolled sideways: a
    product's name may wrap after its "·"."""
    from PySide6.QtWidgets import QScrollArea
    from test_presentation_mode import toggle_presentation

    from core.cli.templates import build

    w = window
    open_expanded(qtbot, w, build("mlp"), tmp_path, (1280, 800))
    m = w.model
    click_item(qtbot, w, w.scene.node_item(next(n for n in m.nodes() if m.label(n) == "n2.3.3[1]")))
    p = w.properties
    toggle_presentation(qtbot, w)
    w.resizeDocks([w.properties_dock], [p.minimumWidth()], Qt.Orientation.Horizontal)
    qtbot.wait(100)
    area = p.findChild(QScrollArea)
    assert area is not None and area.horizontalScrollBar().maximum() == 0  # nothing scrolls sideways
    assert "∂(w2.3.3·h1.3[1])" in shown(p.derivative_label)  # (the name reads whole)
    toggle_presentation(qtbot, w)
