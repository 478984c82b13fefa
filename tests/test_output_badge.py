"""The node Backward starts from wears a badge: "output" when set, "output
(auto)" (lighter) on the single end node when none is set; it follows edits."""

from __future__ import annotations

from canvas_helpers import make_canvas
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QApplication, QStyleOptionGraphicsItem

from core.graph.model import GraphModel
from gui.canvas.painting import BOUNDS
from gui.editing import commands as C  # noqa: F401 - the scene's undo commands


def _badges(scene, model) -> dict:
    QApplication.processEvents()  # the scene re-reads the sinks once per batch of edits
    return {
        n: scene.node_item(n).output_badge
        for n in model.nodes()
        if scene.node_item(n).output_badge is not None
    }


def _tag_image(scene, node) -> QImage:
    """The strip above the card, where the tag goes, painted by the card itself."""
    it = scene.node_item(node)
    r = BOUNDS  # (a tagged card's bounds reach higher: room for Presentation Mode's taller tag)
    img = QImage(int(r.width()), 13, QImage.Format.Format_ARGB32)
    img.fill(QColor("white"))
    p = QPainter(img)
    p.translate(-r.left(), -r.top())
    opt = QStyleOptionGraphicsItem()
    opt.exposedRect = r
    it.paint(p, opt, None)
    p.end()
    return img


def _purple(img: QImage) -> int:
    n = 0
    for y in range(img.height()):
        for x in range(img.width()):
            c = img.pixelColor(x, y)
            if c.blue() > 150 and c.red() > 60 and c.green() < 120:
                n += 1
    return n


def test_the_single_sink_wears_an_auto_output_badge_that_follows_the_wires(qtbot):
    m = GraphModel()
    a = m.add_node("leaf", "a", value=2.0, x=0, y=0)
    b = m.add_node("leaf", "b", value=-3.0, x=0, y=150)
    c = m.add_node("mul", "c", x=250, y=60)
    m.connect(a, c, 0)
    m.connect(b, c, 1)
    _, stack, scene, view = make_canvas(qtbot, m)
    assert m.output is None
    assert _badges(scene, m) == {"c": "output (auto)"}
    assert scene.node_item("c").is_auto_output and not scene.node_item("c").is_output
    assert "backward starts here" in scene.node_item("c").tooltip_text()
    assert _purple(_tag_image(scene, "c")) > 20  # the tag is painted, in the output colour
    assert _purple(_tag_image(scene, "a")) == 0

    d = m.add_node("add", "d", x=500, y=60)  # a second end node: no single sink
    assert _badges(scene, m) == {}
    m.connect(c, d, 0)
    m.connect(a, d, 1)  # d is the only end node now
    assert _badges(scene, m) == {"d": "output (auto)"}
    assert _purple(_tag_image(scene, "c")) == 0

    m.set_output(c)  # set by the user: the full badge, no auto one
    assert _badges(scene, m) == {"c": "output"}
    m.set_output(None)
    assert _badges(scene, m) == {"d": "output (auto)"}
    m.disconnect(d, 0)  # c is an end node again: two of them
    assert _badges(scene, m) == {}
    m.remove_node(d)
    assert _badges(scene, m) == {"c": "output (auto)"}


def test_a_set_output_badge_is_darker_than_the_auto_one(qtbot):
    m = GraphModel()
    a = m.add_node("leaf", "a", value=2.0, x=0, y=0)
    c = m.add_node("tanh", "c", x=250, y=0)
    m.connect(a, c, 0)
    _, stack, scene, view = make_canvas(qtbot, m)
    auto = _tag_image(scene, "c")
    m.set_output(c)
    QApplication.processEvents()
    assert _purple(_tag_image(scene, "c")) > 2 * _purple(auto) > 0
