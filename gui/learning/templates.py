"""Insert Neuron… and Insert MLP…: small dialogs, then one undo entry."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QRectF, Qt
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
)

from core.graph.errors import GraphError, InvalidValueError
from core.learn import templates
from gui.canvas.cards.card_text import FULL_ZOOM
from gui.canvas.view import GraphView
from gui.editing.commands import push
from gui.learning.commands import InsertTemplateCommand

GAP = 200.0  # room between the existing graph and an inserted template
#: From this many nodes an insert takes a second or more: the MLP dialog says so before, and a busy
#: cursor and a status say it works while it does (a trial's MLP(3, [32, 32, 1]), 10,720 nodes, showed
#: the closed dialog for minutes, nothing moving). One number, so the warning and the wait agree.
BIG_INSERT = 2_000
#: From this zoom up, a card too small to be drawn whole still writes its name and value (two lines).
READABLE = 0.5


def _note(text: str) -> QLabel:
    """A dialog's explanation, wrapped at a width that reads (about 30
    characters a line squeezed it into a column) and never inside a
    ``name = value`` (a trial: "(x1 =" / "2, x2 = 0")."""
    label = QLabel(text.replace(" = ", "\u00a0=\u00a0"))
    label.setWordWrap(True)
    label.setMinimumWidth(label.fontMetrics().averageCharWidth() * 56)
    return label


def _combo(name: str) -> QComboBox:
    c = QComboBox()
    c.setObjectName(name)
    c.addItems(templates.ACTIVATIONS)
    return c


def _new_graph_box(name: str, shown: bool, ticked: bool = False) -> QCheckBox:
    """ "Open in a new graph": shown when the window holds a graph (a trial's
    Insert MLP added 360 nodes beside the teacher's own graph); ``ticked``
    where that graph is the example the app opened at launch, unchanged
    (trial 58: the MLP went beside the blog's L, where Import Code opens a
    new graph; a graph the user typed, unsaved, is theirs: not ticked)."""
    box = QCheckBox("Open in a new graph (not beside the graph open now)")
    box.setObjectName(name)
    box.setToolTip("Like File › New, then Insert: the graph open now is closed (asking to save it first)")
    box.setVisible(shown)
    box.setChecked(shown and ticked)
    return box


class NeuronDialog(QDialog):
    def __init__(self, parent=None, has_graph: bool = False, ticked: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("learn_neuron_dialog")
        self.setWindowTitle("Insert Neuron")
        self.inputs = QSpinBox()
        self.inputs.setObjectName("learn_neuron_inputs")
        self.inputs.setRange(1, 8)
        self.inputs.setValue(2)
        self.activation = _combo("learn_neuron_activation")
        form = QFormLayout()
        form.addRow("Inputs:", self.inputs)
        form.addRow("Activation:", self.activation)
        note = _note(
            "o = act(x1·w1 + … + xn·wn + b). With 2 inputs it is the lecture's neuron "
            "(x1 = 2, x2 = 0, w1 = −3, w2 = 1, b = 6.8814); otherwise random values. "
            "The x's are inputs (data), the w's and b are parameters."
        )
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.new_graph = _new_graph_box("learn_neuron_new_graph", has_graph, ticked)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(note)
        lay.addWidget(self.new_graph)
        lay.addWidget(buttons)

    def template(self) -> templates.Template:
        return templates.neuron(self.inputs.value(), self.activation.currentText())


class MLPDialog(QDialog):
    def __init__(self, parent=None, has_graph: bool = False, ticked: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("learn_mlp_dialog")
        self.setWindowTitle("Insert MLP")
        self.layers = QLineEdit("4, 4, 1")
        self.layers.setObjectName("learn_mlp_layers")
        self.layers.setToolTip("Neurons per layer, comma-separated; the last layer has 1")
        self.activation = _combo("learn_mlp_activation")
        self.seed = QSpinBox()
        self.seed.setObjectName("learn_mlp_seed")
        self.seed.setRange(0, 2**31 - 1)
        self.seed.setValue(1337)
        self.points = QComboBox()
        self.points.setObjectName("learn_mlp_points")
        self.points.addItem("All four (the lecture's loss)", 4)
        self.points.addItem("One (a graph small enough to read)", 1)
        self.points.setToolTip(
            "With one data point the network appears once, so every card "
            "can be read when the graph is fitted; four copies are the "
            "lecture's full loss."
        )
        self.error = QLabel("")
        self.error.setObjectName("learn_mlp_error")
        self.error.setStyleSheet("color: #b91c1c;")
        self.summary = QLabel("")  # what OK inserts, as typed (trial 52: the note named the lecture's only)
        self.summary.setObjectName("learn_mlp_summary")
        for said in (self.summary, self.error):  # wrapped: the dialog grew sideways as layers were typed
            said.setWordWrap(True)
        self.layers.textEdited.connect(self._edited)
        self.points.currentIndexChanged.connect(self._edited)
        self.activation.currentIndexChanged.connect(self._edited)
        form = QFormLayout()
        form.addRow("Layers:", self.layers)
        form.addRow("Activation:", self.activation)
        form.addRow("Random seed:", self.seed)
        form.addRow("Data points:", self.points)
        note = _note(
            "An MLP on 3 inputs with the layers typed above (4, 4, 1 is the lecture's) on the "
            "lecture's data set xs = [[2, 3, −1], [3, −1, 0.5], [0.5, 1, 1], [1, 1, −1]], "
            "ys = [1, −1, −1, 1] (all four points, or the first), with "
            "loss = Σ (ypred − y)². The weights are shared by the data points; "
            "the loss becomes the output, ready for Learn ▸ Train. Fewer layers "
            "(e.g. 2, 1) or one data point give a graph you can read at a glance."
        )
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        self.new_graph = _new_graph_box("learn_mlp_new_graph", has_graph, ticked)
        self._lay = lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(note)
        lay.addWidget(self.new_graph)
        lay.addWidget(self.summary)
        lay.addWidget(self.error)
        lay.addWidget(buttons)
        self._edited()

    def _edited(self, *_args: object) -> None:
        """The layers or data points changed: the old complaint goes, what OK makes is said."""
        self.error.setText("")
        try:
            sizes = self.sizes()
        except GraphError:
            sizes = []
        k = self.points.currentData() or len(templates.LECTURE_XS)
        if not sizes or min(sizes) < 1:
            self.summary.setText("")
            self._fit_height()
            return
        act = self.activation.currentText()
        count = templates.mlp_nodes([3, *sizes], k, act)
        big = " (a big graph: it takes a while to insert)" if count >= BIG_INSERT else ""
        on = f"{k} data point{'s' * (k != 1)}"
        # (a ReLU output could not reach a target of −1: linear, as micrograd's MLP: t73 #2)
        neurons = ", ReLU hidden layers and a linear output" if templates.linear_output(act) else ""
        self.summary.setText(f"Inserts MLP(3, {sizes}) on {on}{neurons}: {count:,} nodes{big}.")
        self._fit_height()

    def _fit_height(self) -> None:
        """As tall as its wrapped texts are at its width: a window's layout does not grow
        it for a line more (trial 59: the summary on two lines, the note's last line lost
        its descenders under the checkbox)."""
        if not self.isVisible():
            return
        self._lay.invalidate()
        self._lay.activate()
        need = self._lay.totalHeightForWidth(self.width())
        self.setMinimumHeight(need)
        if need > self.height():
            self.resize(self.width(), need)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._fit_height()

    def sizes(self) -> list[int]:
        try:
            return [int(s) for s in self.layers.text().replace(";", ",").split(",") if s.strip()]
        except ValueError:
            raise InvalidValueError(
                f"layers: {self.layers.text()!r} is not a list of whole numbers like 4, 4, 1"
            ) from None

    def template(self) -> templates.Template:
        k = self.points.currentData() or len(templates.LECTURE_XS)
        return templates.mlp(
            3,
            self.sizes(),
            xs=templates.LECTURE_XS[:k],
            ys=templates.LECTURE_YS[:k],
            activation=self.activation.currentText(),
            seed=self.seed.value(),
        )

    def _accept(self) -> None:
        try:
            self.template()
        except GraphError as e:
            self.error.setText(str(e))
            return
        self.accept()


@contextmanager
def busy(window, t: templates.Template) -> Iterator[None]:
    """While a big template goes in: the wait cursor, and a status line
    painted at once (with the place the dialog left)."""
    if len(t.nodes) < BIG_INSERT:
        yield
        return
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        window.show_status(f"Inserting {t.title}: {len(t.nodes):,} nodes…")
        window.dialog_parent().repaint()
        yield
    finally:
        QApplication.restoreOverrideCursor()


def insert_template(window, t: templates.Template) -> list[str]:
    """Add ``t`` right of the graph (one undo entry) and show it; its ids."""
    with busy(window, t):
        return _insert(window, t)


def _insert(window, t: templates.Template) -> list[str]:
    m = window.model
    scene = window.scene
    items = [scene.node_item(n) for n in m.nodes()]
    rects = [it.sceneBoundingRect() for it in items if it is not None]
    if rects:
        right = max(r.right() for r in rects)
        top = min(r.top() for r in rects)
        origin = (right + GAP, top + 40.0)
    else:
        origin = (0.0, 0.0)
    placed = templates.placed(t, m, origin)
    push(window.undo_stack, InsertTemplateCommand(m, placed))
    ids = placed.ids()
    scene.select_ids([placed.output])
    cards = [scene.folding.card(g) for g in placed.group_ids()]
    show_rect(window.view, [scene.node_item(n) for n in ids] + [c for c in cards if c is not None])
    return ids


def show_rect(view: GraphView, items: list) -> None:
    """Show ``items`` (cards, folded groups: the part just inserted) and the graph beside them: all of
    it, fitted, when it fits at a zoom its cards still write name and value at (``READABLE``); else
    the new part, at the zoom cards are drawn whole at (``FULL_ZOOM``) at most, moved toward the rest
    as far as the new part stays in view. A trial's Insert Neuron zoomed to the neuron alone, at 84 %:
    the graph built before was out of view until Fit (which he pressed: 59 %, compact cards)."""
    rect = QRectF()
    for it in items:
        if it is not None and it.isVisible():  # not folded into a group's card
            rect = rect.united(it.sceneBoundingRect())
    if rect.isEmpty():
        return
    graph = view.graph_rect()
    if graph is not None and view.fit_of(graph.united(rect))[1] >= READABLE:
        view.fit_all()
        return
    rect = rect.adjusted(-60, -60, 60, 60)
    vp = view.viewport().rect()
    z = min(vp.width() / rect.width(), vp.height() / rect.height(), FULL_ZOOM)
    view.set_zoom(z)
    towards = rect.center() if graph is None else graph.united(rect).center()
    half_w, half_h = vp.width() / z / 2, vp.height() / z / 2
    x = min(max(towards.x(), rect.right() - half_w), rect.left() + half_w)
    y = min(max(towards.y(), rect.bottom() - half_h), rect.top() + half_h)
    view.centerOn(x, y)
