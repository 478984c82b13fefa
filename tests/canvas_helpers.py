"""Shared helpers for the canvas tests: an editable scene+view on a model, and real mouse gestures."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent, QPainterPathStroker, QUndoStack
from PySide6.QtWidgets import QApplication

from core.graph.model import GraphModel
from gui.canvas.painting import CARD_RECT
from gui.canvas.scene import GraphScene
from gui.canvas.view import GraphView
from gui.editing import canvas_editing


def make_canvas(qtbot, model: GraphModel | None = None, size=(1000, 700)):
    model = model if model is not None else GraphModel()
    stack = QUndoStack()
    scene = GraphScene(model)
    view = GraphView(scene)
    qtbot.addWidget(view)
    # the window's editing: editor, gestures and the Edit actions' keys
    canvas_editing.make_editable(scene, view, stack, view)
    view.resize(*size)
    view.show()
    qtbot.waitExposed(view)
    view.activateWindow()  # the Edit actions' keys act in the active window
    qtbot.waitUntil(lambda: QApplication.activeWindow() is view, timeout=2000)
    view.resetTransform()
    view.centerOn(0, 0)
    return model, stack, scene, view


def vp(view, scene_pt) -> QPoint:
    """Viewport coordinates of a scene point."""
    return view.mapFromScene(QPointF(scene_pt))


def _send(view, kind, pos: QPoint, button, buttons, mods=Qt.KeyboardModifier.NoModifier):
    w = view.viewport()
    ev = QMouseEvent(kind, QPointF(pos), QPointF(w.mapToGlobal(pos)), button, buttons, mods)
    QApplication.sendEvent(w, ev)


def drag(
    view, a, b, steps: int = 6, button=Qt.MouseButton.LeftButton, mods=Qt.KeyboardModifier.NoModifier
) -> None:
    """Press at scene point ``a``, move in steps (button held) to ``b``, release."""
    pa, pb = vp(view, a), vp(view, b)
    _send(view, QMouseEvent.Type.MouseButtonPress, pa, button, button, mods)
    for i in range(1, steps + 1):
        p = QPoint(
            round(pa.x() + (pb.x() - pa.x()) * i / steps), round(pa.y() + (pb.y() - pa.y()) * i / steps)
        )
        _send(view, QMouseEvent.Type.MouseMove, p, Qt.MouseButton.NoButton, button, mods)
    _send(view, QMouseEvent.Type.MouseButtonRelease, pb, button, Qt.MouseButton.NoButton, mods)
    QApplication.processEvents()


def click(view, a, mods=Qt.KeyboardModifier.NoModifier) -> None:
    p = vp(view, a)
    b = Qt.MouseButton.LeftButton
    _send(view, QMouseEvent.Type.MouseButtonPress, p, b, b, mods)
    _send(view, QMouseEvent.Type.MouseButtonRelease, p, b, Qt.MouseButton.NoButton, mods)


def double_click(view, a) -> None:
    p = vp(view, a)
    b = Qt.MouseButton.LeftButton
    _send(view, QMouseEvent.Type.MouseButtonPress, p, b, b)
    _send(view, QMouseEvent.Type.MouseButtonRelease, p, b, Qt.MouseButton.NoButton)
    _send(view, QMouseEvent.Type.MouseButtonDblClick, p, b, b)
    _send(view, QMouseEvent.Type.MouseButtonRelease, p, b, Qt.MouseButton.NoButton)
    QApplication.processEvents()


def out_port(scene, node):
    return scene.node_item(node).output_pos()


def in_port(scene, node, port):
    return scene.node_item(node).input_pos(port)


class Messages(list):
    """Collects a scene's status messages."""

    def __init__(self, scene):
        super().__init__()
        scene.interaction.editor.status_message.connect(self.append)


def wire_cards_under(scene, source: str, target: str, port: int) -> list[str]:
    """The cards the drawn wire ``source`` → ``target``.in``port`` passes under
    (its stroke, 2 wide, against each card's rect; its own ends aside)."""
    wire = scene.edge_item(source, target, port)
    stroke = QPainterPathStroker()
    stroke.setWidth(2.0)
    path = wire.sceneTransform().map(stroke.createStroke(wire.shown_path()))
    return [
        it.node_id
        for it in scene.node_items()
        if it.node_id not in (source, target) and path.intersects(it.mapRectToScene(CARD_RECT))
    ]
