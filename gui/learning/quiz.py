"""Quiz mode: gradients hidden, the learner types each one in backward order."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from core.explain.format import fmt
from core.explain.names import node_name
from core.explain.words import counted
from core.graph.errors import GraphError, InvalidValueError
from core.learn.quiz import Quiz
from gui.canvas.least_pan import pan_least
from gui.common.style import set_text_color
from gui.host import Host
from gui.learning.overlay import Overlay
from gui.learning.text import problem

INTRO = "Quiz mode hides the gradients; type each one in the order backward computes them."
#: The panel's button while no quiz runs (it turns Learn › Quiz Mode on), and while one does.
START, RESTART = "Start the Quiz", "Start again"
#: What the panel says when opening another graph ended a quiz (trial 51: it ended without a word,
#: the field and "Start again" greyed out, and nothing said how to play again).
ENDED_BY_OPEN = "Quiz ended: another graph was opened"
#: Screen pixels kept round what a question shows, where there is room.
MARGIN_PX = 24.0
RIGHT = "#15803d"
WRONG = "#b91c1c"


class QuizPanel(QWidget):
    finished = Signal(int, int)  # score, total
    #: "Start the Quiz" pressed while no quiz runs: Learn › Quiz Mode is to be turned on.
    start_asked = Signal()
    #: A quiz started, ended or was stopped (whether Backward is refused changed).
    state_changed = Signal()

    def __init__(self, host: Host, overlay: Overlay) -> None:
        super().__init__()
        self.setObjectName("learn_quiz_panel")
        self.host = host
        self.overlay = overlay
        self.question = QLabel(INTRO)
        self.question.setObjectName("learn_quiz_question")
        self.question.setWordWrap(True)
        self.answer = QLineEdit()
        self.answer.setObjectName("learn_quiz_answer")
        self.answer.setPlaceholderText("gradient, e.g. -2 or 0.5 or 2*-3")
        self.check_button = QPushButton("Check")
        self.check_button.setObjectName("learn_quiz_check")
        self.feedback = QLabel("")
        self.feedback.setObjectName("learn_quiz_feedback")
        self.feedback.setWordWrap(True)
        self.score_label = QLabel("")
        self.score_label.setObjectName("learn_quiz_score")
        self.restart_button = QPushButton(START)
        self.restart_button.setObjectName("learn_quiz_restart")
        self.restart_button.setToolTip("Quiz yourself on the graph on the canvas (Learn › Quiz Mode)")
        row = QHBoxLayout()
        row.addWidget(self.answer, 1)
        row.addWidget(self.check_button)
        lay = QVBoxLayout(self)
        # The verdict on the last answer sits above the next question, and
        # says which question it is about.
        lay.addWidget(self.feedback)
        lay.addWidget(self.question)
        lay.addLayout(row)
        lay.addWidget(self.score_label)
        lay.addWidget(self.restart_button)
        lay.addStretch(1)
        self.answer.returnPressed.connect(self.submit)
        self.check_button.clicked.connect(self.submit)
        self.restart_button.clicked.connect(self._restart)
        self.quiz: Quiz | None = None
        #: Opens folded groups (ids, False), one undo step: the window's
        #: Groups feature, so a node asked about is shown, not folded away.
        self.set_folded: Callable[[list[str], bool], object] | None = None

    @property
    def active(self) -> bool:
        return self.quiz is not None

    def _restart(self) -> None:
        """Another round while Quiz Mode is on; else turn it on (the Learn menu's way)."""
        if self.active:
            self.start()
        else:
            self.start_asked.emit()

    def start(self) -> bool:
        self.overlay.clear()
        self.overlay.hide_all_grads()
        try:
            self.quiz = Quiz(self.host.model)
        except GraphError as e:
            self.quiz = None
            self.question.setText(f"Cannot start the quiz: {problem(e, self.host.model)}")
            self._enable(False)
            return False
        self.feedback.setText("")
        self._enable(True)
        self._ask()
        self.state_changed.emit()
        return True

    def stop(self, why: str = "") -> None:
        """End the quiz; its feedback and score were about the graph it was
        played on, so they go too."""
        self.quiz = None
        self.overlay.clear()
        self._enable(False)
        self.feedback.setText("")
        self.score_label.setText("")
        self.answer.clear()
        self.question.setText(why or INTRO)
        self.state_changed.emit()

    def submit(self) -> None:
        q = self.quiz
        if q is None or q.done:
            return
        m = self.host.model
        number = len(q.answers) + 1
        current = q.current
        assert current is not None  # not done
        try:
            a = q.answer(self.answer.text())
        except InvalidValueError as e:
            self._say(WRONG, f"Question {number}, {node_name(m.label(current))}.grad: {e}")
            self.answer.selectAll()  # typing again replaces the typo
            return
        about = f"Question {number}, {node_name(m.label(a.node))}.grad:"
        if a.rounded:  # (worked out from the digits shown: right, and the value said as the app writes it,
            # not its float: trial 75 #12 read "exactly 0.4999999999999998" as "the answer is not 0.5")
            self._say(RIGHT, f"{about} ✓ right to the digits shown: the gradient is {fmt(a.expected, 8)}")
            self.overlay.mark(a.node, grad=a.expected, highlight="done", note=None)
        elif a.correct:
            self._say(RIGHT, f"{about} ✓ right, {fmt(a.expected, 8)}")
            self.overlay.mark(a.node, grad=a.expected, highlight="done", note=None)
        else:
            self._say(
                WRONG,
                f"{about} ✗ you typed {fmt(a.given, 8)}, the right answer is "
                f"{fmt(a.expected, 8)}\n{a.explanation}",
            )
            self.overlay.mark(a.node, grad=a.expected, highlight="done", note="✗")
        self.answer.clear()
        self._ask()

    def _ask(self) -> None:
        q = self.quiz
        assert q is not None  # asked only while a quiz runs
        m = self.host.model
        self.score_label.setText(
            f"Score: {q.score} / {len(q.answers)} answered, {counted(q.total, 'question')}"
        )
        if q.done:
            self.question.setText(f"Done! Final score: {q.score} / {q.total}.")
            self.score_label.setText(f"Score: {q.score} / {q.total}")
            self._enable(False)
            self.finished.emit(q.score, q.total)
            self.state_changed.emit()
            return
        n, root_id = q.current, q.root
        assert n is not None and root_id is not None  # not done; Quiz resolves its root
        folded = m.groups.folded_around(n)
        if folded and self.set_folded is not None:  # (its value and wires must be seen to answer)
            self.set_folded(folded, False)
        self.overlay.mark(n, highlight="current")
        self._show(n)
        name, root = m.label(n), m.label(root_id)
        self.question.setText(
            f"Question {len(q.answers) + 1} of {q.total}: what is {node_name(name)}.grad, "
            f"the derivative of {root} with respect to {name}?"
        )
        self.answer.setFocus()

    def _show(self, n: str) -> None:
        """The card asked about in view (a trial's was off the edge), moved the least: the
        whole graph where it fits at this zoom, else the card with the cards it feeds (what
        its gradient is worked out from), else the card alone (trial 58: the blog's graph,
        wholly in view, was scrolled to centre L, a and b cut off for the whole quiz)."""
        sc, view = self.host.scene, self.host.view
        it = sc.node_item(n)
        if it is None or not it.isVisible():
            return
        card = it.sceneBoundingRect()
        graph = sc.graph_rect()
        if graph is not None and pan_least(view, graph, MARGIN_PX) is not None:
            return
        near = card
        for c, _port in self.host.model.consumers(n):
            other = sc.node_item(c)
            if other is not None and other.isVisible():
                near = near.united(other.sceneBoundingRect())
        if pan_least(view, near, MARGIN_PX) is None and pan_least(view, card, MARGIN_PX) is None:
            view.bring_into_view(card)

    def _say(self, color: str, text: str) -> None:
        set_text_color(self.feedback, color)
        self.feedback.setText(text)

    def _enable(self, on: bool) -> None:
        self.answer.setEnabled(on)
        self.check_button.setEnabled(on)
        # never greyed out: with no quiz it turns Quiz Mode on (trial 51: greyed, no way back shown)
        self.restart_button.setText(RESTART if self.quiz is not None else START)
