"""What the Train and Nudge panels say before Start or a nudge: the leaves it moves, and a
warning when some of them look like data (core/learn/roles.py), with a button
that marks those as data in one undo step.

A trial's hand-built logistic regression "learned" its labels: every Value
made by hand is a parameter, and the panel said nothing of what it moved.
The warning never blocks a run: Start trains them too.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QVBoxLayout, QWidget

from core.graph.errors import GraphError
from core.learn import roles
from gui.editing.commands import push, set_trainable_command
from gui.host import Host

#: How long after an edit the list is read again (a batch of edits: one read).
REFRESH_MS = 60
#: A mark button names at most this many leaves; more are counted.
BUTTON_NAMES = 4
WARNING_MARGINS = (8, 6, 8, 6)
WARNING_STYLE = (
    "QFrame#learn_train_data_warning { background: #fff7ed; border: 1px solid #fdba74; border-radius: 4px; }"
    " QFrame#learn_train_data_warning QLabel { color: #7c2d12; }"
)
#: (what to do first, in short clauses: t75 #13, a second-language reader read the old one three times)
HOW_TO_CHANGE = (
    "To choose what moves: select leaves, then Learn ▸ Parameter (Trainable). "
    "Or set a leaf's Role in Properties. Cards say param or data."
)


class MovesBox(QWidget):
    """The moved leaves, and the data-like ones among them with "Mark as Data"."""

    def __init__(self, host: Host, verb: str = "Start") -> None:
        super().__init__()
        self.setObjectName("learn_train_moves_box")
        self.host, self.verb = host, verb  # what the panel's button is called: Start, Nudge
        self.moves: roles.Moves | None = None  # what a press moves now (a nudge: the selected, if any)
        self._all: roles.Moves | None = None  # every parameter: read again after an edit
        self.list_label = QLabel()
        self.list_label.setObjectName("learn_train_moves")
        self.list_label.setWordWrap(True)
        self.list_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.list_label.setTextFormat(Qt.TextFormat.PlainText)  # (labels are the user's text)
        self.warning = QFrame()
        self.warning.setObjectName("learn_train_data_warning")
        self.warning.setStyleSheet(WARNING_STYLE)
        self.warning_label = QLabel()
        self.warning_label.setObjectName("learn_train_data_warning_text")
        self.warning_label.setWordWrap(True)
        self.warning_label.setTextFormat(Qt.TextFormat.PlainText)
        self.mark_button = QPushButton()
        self.mark_button.setObjectName("learn_train_mark_data")
        self.mark_button.setToolTip(
            "Untick Parameter (Trainable) for them, one undo step: a run then leaves them as they are"
        )
        self.anyway = anyway = QLabel()
        anyway.setObjectName("learn_train_anyway")
        anyway.setWordWrap(True)
        box = QVBoxLayout(self.warning)
        box.setContentsMargins(*WARNING_MARGINS)
        box.addWidget(self.warning_label)
        box.addWidget(self.mark_button)
        box.addWidget(anyway)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.list_label)
        lay.addWidget(self.warning)
        self.warning.hide()
        self.mark_button.clicked.connect(self.mark_as_data)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        # Values never change a leaf's role: a typed value, a nudge or Train's
        # own steps read nothing again (on a big graph each read is a pass).
        doc = host.document
        doc.structure_changed.connect(self._schedule)
        doc.replaced.connect(self._schedule)
        doc.node_changed.connect(self._node_changed)
        if verb == "Nudge":  # a nudge moves the selected parameters only (verify 50: say which)
            host.scene.selectionChanged.connect(self._selection_changed)

    def _node_changed(self, _node: str, what: str) -> None:
        if what != "value":  # a label, Parameter (Trainable), an exponent (a square: a loss)
            self._schedule()

    def _schedule(self) -> None:
        self._all = None
        if self.isVisible():
            self._timer.start()
        else:
            self.moves = None  # read again when shown

    def _selection_changed(self) -> None:
        if self.isVisible():  # (the roles are as they were: only which of them move is read again)
            self._timer.start()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.refresh()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_text()

    def _fit_text(self) -> None:
        """Give the wrapped texts their whole height at this width, no more: a
        dock's minimum ignores height-for-width, so a short dock cut the
        warning to one line and hid its button."""
        left, _, right, _ = WARNING_MARGINS
        widths = (self.width(), self.width() - left - right - 2)  # (2: the 1px border each side)
        for label, width in zip((self.list_label, self.warning_label), widths):
            label.setMinimumHeight(0)  # (a QLabel's height for a width is at least its minimum)
            label.setFixedHeight(max(0, label.heightForWidth(max(width, 1))))

    def refresh(self) -> None:
        """Read again which leaves a run moves and which look like data."""
        self._timer.stop()
        m = self.host.model
        try:
            every = self._all = self._all or roles.moves(m)
        except GraphError:  # (no single output: Start says what to do)
            self.moves = None
            self.list_label.setText("")
            self.warning.hide()
            return
        mv = self.moves = self._moved(every)
        n = len(every.params)
        if not n:
            head = f"{self.verb} moves no leaf: none is a parameter"
        elif mv is not every:  # (verify 50: "these 2 parameters: x, y (with some selected…)" for x alone)
            stay = [p for p in every.params if p not in set(mv.params)]
            verb = "stays" if len(stay) == 1 else "stay"
            head = f"{self.verb} moves {roles.names(m, mv.params)} (selected; {roles.names(m, stay)} {verb})"
        else:
            head = f"{self.verb} moves {'its one parameter' if n == 1 else f'these {n} parameters'}: "
            head += roles.names(m, mv.params)
            if self.verb == "Nudge" and n > 1:  # (a review: a nudge moves the selected ones only)
                head += " (select some to move those only)"
        self.list_label.setText(f"{head}.\n{HOW_TO_CHANGE}")
        self._fit_text()
        data = mv.data_like
        if not data:
            self.warning.hide()
            return
        who = "training" if self.verb == "Start" else "a nudge"
        self.warning_label.setText(
            f"⚠ {roles.names(m, data)} {'looks' if len(data) == 1 else 'look'} like data, "
            f"yet {who} would change {'it' if len(data) == 1 else 'them'}: {roles.why_data(m, mv)}."
        )
        named = roles.names(m, data) if len(data) <= BUTTON_NAMES else f"These {len(data)} Leaves"
        self.mark_button.setText(f"Mark {named} as Data".replace("&", "&&"))  # (no mnemonic)
        them = "it" if len(data) == 1 else "them"  # ("Or nudge them too." of x alone: verify 51)
        self.anyway.setText(
            f"Or press Start to train {them} too." if self.verb == "Start" else f"Or nudge {them} too."
        )
        self.warning.show()
        self._fit_text()

    def _moved(self, every: roles.Moves) -> roles.Moves:
        """What a press moves: every parameter, or for a nudge the selected
        ones where some are (training.plan_nudge's ``only``)."""
        if self.verb != "Nudge":
            return every
        chosen = set(self.host.scene.selected_ids())
        picked = [p for p in every.params if p in chosen]
        if not picked or len(picked) == len(every.params):
            return every
        keep = set(picked)
        targets = [p for p in every.targets if p in keep]
        return roles.Moves(every.root, picked, targets, [p for p in every.inputs if p in keep])

    def mark_as_data(self) -> bool:
        """Untick Parameter for the data-like leaves a press moves: one undo step."""
        self._all = None
        self.refresh()
        mv = self.moves
        if mv is None or not mv.data_like:
            return False
        push(self.host.undo_stack, set_trainable_command(self.host.model, mv.data_like, False, "data"))
        said = roles.names(self.host.model, mv.data_like)
        verb = "is" if len(mv.data_like) == 1 else "are"
        self.host.show_status(
            f"Marked as data: {said} {verb} left alone by Train and Nudge · Ctrl+Z undoes it"
        )
        self.refresh()
        return True
