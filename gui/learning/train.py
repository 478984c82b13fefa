"""The Nudge and Train docks: the lecture's "move every parameter a little
along its gradient", and gradient descent with a live plot."""

from __future__ import annotations

import time

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QPushButton, QSpinBox, QVBoxLayout, QWidget

from core.explain.format import MINUS, fmt
from core.explain.words import counted
from core.graph.errors import GraphError
from core.learn import training
from gui.common.number_box import number_box
from gui.common.style import set_text_color
from gui.common.whole_label import WholeLabel
from gui.editing.commands import push
from gui.host import Host
from gui.learning.commands import SetValuesCommand
from gui.learning.plot import LossPlot
from gui.learning.table import show_out_of_date
from gui.learning.text import problem
from gui.learning.train_moves import MovesBox

TICK_SECONDS = 0.03  # training work per timer tick, so the window stays responsive


NUDGE_INTRO = (
    "Nudge moves every parameter (trainable leaf), or the selected ones, along its "
    "gradient and compares the output's predicted change with the actual one."
)
#: One line: its lines all count in the panel's least height, and beside the
#: Tutorial at 1366×768 four put the Tutorial behind a tab (the rule each
#: step follows is written in the empty plot instead).
TRAIN_INTRO = "Gradient descent on the output."


def _signed(v: float) -> str:
    t = fmt(v)
    return t if t.startswith((MINUS, "-")) else "+" + t


class NudgePanel(QWidget):
    """Move every parameter by ±step × grad and compare the root's predicted
    change (Σ grad × Δ, first order) with its actual change."""

    def __init__(self, host: Host) -> None:
        super().__init__()
        self.setObjectName("learn_nudge_panel")
        self.host = host
        self.step = number_box(
            "learn_nudge_step",
            0.01,
            1e-6,
            100.0,
            0.01,
            "How far to move: each parameter changes by step × its gradient",
        )
        self.up = QPushButton("Nudge Up  (increase the output)")
        self.up.setObjectName("learn_nudge_up")
        self.up.setToolTip(
            "Every parameter (or the selected ones) += step × grad: the lecture's move to increase the output"
        )
        self.down = QPushButton("Nudge Down  (gradient descent)")
        self.down.setObjectName("learn_nudge_down")
        self.down.setToolTip("Every parameter (or the selected ones) −= step × grad: a gradient-descent step")
        self.result = WholeLabel(NUDGE_INTRO)  # (its lines count in the panel's least height)
        self.result.setObjectName("learn_nudge_result")
        form = QFormLayout()
        form.addRow("Step:", self.step)
        buttons = QHBoxLayout()
        buttons.addWidget(self.up)
        buttons.addWidget(self.down)
        # what a nudge moves, as the Train panel lists it (trial 49: Nudge moved the data unsaid)
        self.moves = MovesBox(host, "Nudge")
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.moves)
        lay.addLayout(buttons)
        lay.addWidget(self.result)
        lay.addStretch(1)
        self.up.clicked.connect(lambda: self.nudge(+1))
        self.down.clicked.connect(lambda: self.nudge(-1))
        self.last: training.NudgeResult | None = None
        self._applying = False
        host.document.graph_changed.connect(self._on_graph_changed)

    def _on_graph_changed(self) -> None:
        """Another edit (an undo of the nudge too): its numbers stay, said to be of the graph before."""
        if self.last is not None and not self._applying:
            show_out_of_date(self.result, None, "Nudge again to nudge the graph as it is now.")

    def reset(self) -> None:
        """A new document: no nudge of the old graph stays (trial 67 #6: "y: 17 → 19.02" on File › New's
        empty graph)."""
        self.last = None
        self.result.setText(NUDGE_INTRO)

    def nudge(self, direction: int) -> bool:
        m = self.host.model
        step = self.step.value()
        chosen = set(self.host.scene.selected_ids())  # (parameters among them: only those move)
        try:
            plan = training.plan_nudge(m, step, direction, only=chosen)
        except GraphError as e:
            self.result.setText(f"Cannot nudge: {problem(e, self.host.model)}")
            return False
        if not plan.new:
            self.result.setText(
                "Nothing to nudge: no leaf the output depends on is a parameter (all are marked as data)."
            )
            return False
        sign = "+" if direction > 0 else MINUS
        self._applying = True
        try:
            push(
                self.host.undo_stack,
                SetValuesCommand(
                    m,
                    plan.old,
                    plan.new,
                    f"Nudge {sign}{fmt(step)} × grad ({counted(len(plan.new), 'parameter')})",
                ),
            )
        finally:
            self._applying = False
        after = m.value(plan.root)
        assert after is not None  # the plan ran backward, so the graph is complete
        self.last = training.NudgeResult(plan, after)
        name, which = m.label(plan.root), self._which(plan, chosen)
        self.result.setText(
            f"{name}: {fmt(plan.before)} → {fmt(after)}\n"
            f"predicted change Σ grad × Δ = {_signed(plan.predicted)}\n"
            f"actual change = {_signed(after - plan.before)}\n"
            f"({counted(len(plan.new), 'parameter')}{which} moved by {sign}{fmt(step)} × grad; "
            "the two agree to first order: smaller steps, closer match)"
        )
        return True

    def _which(self, plan: training.NudgePlan, chosen: set[str]) -> str:
        """ ", the selected ones" / ", a" when the selection chose them."""
        if not chosen.issuperset(plan.new):
            return ""
        m = self.host.model
        return f", {m.label(next(iter(plan.new)))}," if len(plan.new) == 1 else ", the selected ones,"


class TrainPanel(QWidget):
    """Repeat backward + step; one undo entry per run (Start until it ends or
    is paused). Any other edit of the graph stops a run without applying it."""

    #: A run was applied: how many gradient-descent steps it took.
    ran = Signal(int)

    def __init__(self, host: Host) -> None:
        super().__init__()
        self.setObjectName("learn_train_panel")
        self.host = host
        self.steps = QSpinBox()
        self.steps.setObjectName("learn_train_steps")
        self.steps.setRange(1, 1_000_000)
        self.steps.setValue(20)
        self.lr = number_box(
            "learn_train_lr",
            0.05,
            1e-6,
            100.0,
            0.01,
            "Learning rate: each step does p -= rate × p.grad for every parameter",
        )
        self.start_button = QPushButton("Start")
        self.start_button.setObjectName("learn_train_start")
        # its lines count in the panel's least height: counted as one, a short
        # dock squeezed the data warning under its Mark as Data button (t70 #6)
        self.status = WholeLabel(TRAIN_INTRO)
        self.status.setObjectName("learn_train_status")
        self.plot = LossPlot()
        form = QFormLayout()
        form.addRow("Steps:", self.steps)
        form.addRow("Learning rate:", self.lr)
        self.moves = MovesBox(host)  # what Start moves, and a warning when it looks like data
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.moves)
        lay.addWidget(self.start_button)
        lay.addWidget(self.plot, 1)
        lay.addWidget(self.status)
        self.start_button.clicked.connect(self.toggle)
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._tick)
        self.trainer: training.Trainer | None = None
        self.remaining = 0
        self._paused = False  # a paused run can be resumed
        self._applying = False
        host.document.graph_changed.connect(self._on_graph_changed)

    @property
    def running(self) -> bool:
        return self._timer.isActive()

    def toggle(self) -> None:
        if self.running:
            self.pause()
        else:
            self.start()

    def start(self) -> bool:
        m = self.host.model
        try:
            tr = training.Trainer(m, self.lr.value())
        except GraphError as e:
            self.status.setText(f"Cannot train: {problem(e, self.host.model)}")
            return False
        if not tr.params:
            self.status.setText("Nothing to train: no leaf the output depends on is a parameter.")
            return False
        if not self._paused:
            self.remaining = self.steps.value()
            self.plot.set_values([tr.value])
        self._paused = False
        self.trainer = tr
        self._timer.start()
        self.start_button.setText("Pause")
        set_text_color(self.status, None)
        self.status.setText(f"Training {m.label(_root(tr))}…")
        return True

    def pause(self) -> None:
        self._stop()
        self._paused = self.remaining > 0
        self.start_button.setText("Resume" if self._paused else "Start")

    def _tick(self) -> None:
        tr = self.trainer
        if tr is None:  # the timer runs only while there is a trainer
            return
        t0 = time.perf_counter()
        why = None
        try:
            while self.remaining > 0 and time.perf_counter() - t0 < TICK_SECONDS:
                tr.step()
                self.remaining -= 1
                self.plot.append(tr.value)
                why = tr.divergence()
                if why:
                    break
        except training.TrainingError as e:
            why = str(e)
        if why:
            self.plot.update()
            self.remaining = 0
            self.pause()
            self.status.setText(f"Stopped: {why} (Undo puts the values back.)")
            set_text_color(self.status, "#b91c1c")
            return
        self.plot.update()
        self.status.setText(
            f"step {len(self.plot.values) - 1}: {self.host.model.label(_root(tr))} = {fmt(tr.value)}"
        )
        if self.remaining <= 0:
            self.pause()

    def _stop(self) -> None:
        """Stop the timer and write the run back as one undo entry."""
        self._timer.stop()
        tr, self.trainer = self.trainer, None
        if tr is None or tr.steps == 0:
            return
        h = tr.history
        self._applying = True
        try:
            push(
                self.host.undo_stack,
                SetValuesCommand(
                    tr.model,
                    tr.start,
                    tr.values(),
                    f"Train {counted(tr.steps, 'step')} (rate {fmt(tr.lr)}): {fmt(h[0])} → {fmt(h[-1])}",
                ),
            )
        except GraphError as e:
            self.status.setText(f"Could not apply the run: {e}")
            return
        finally:
            self._applying = False
        self.ran.emit(tr.steps)
        self.status.setText(
            f"{counted(tr.steps, 'step')}: {tr.model.label(_root(tr))} went from {fmt(h[0])} "
            f"to {fmt(h[-1])} (one undo entry)."
        )

    def abort(self, why: str) -> None:
        """Stop without applying the run (the graph changed under it)."""
        if self.trainer is None:
            return
        self._timer.stop()
        self.trainer = None
        self._paused = False
        self.remaining = 0
        self.start_button.setText("Start")
        self.status.setText(why)

    def _on_graph_changed(self) -> None:
        if self._applying:
            return
        if self.trainer is not None:
            self.abort(
                "The graph changed during training, so the run was stopped and not "
                "applied. Press Start to train the graph as it is now."
            )
        elif len(self.plot.values) > 1:  # a finished run's curve stays, marked
            show_out_of_date(self.status, None, "Start trains the graph as it is now.")

    def reset(self) -> None:
        """A new document: forget the run, the plot and what was said of them."""
        self.abort("")
        self._paused = False
        self.start_button.setText("Start")
        self.plot.clear()
        set_text_color(self.status, None)  # (a red "Stopped: …" of the old graph's run)
        self.status.setText(TRAIN_INTRO)


def _root(tr: training.Trainer) -> str:
    """The trainer's root (a Trainer resolves it when made)."""
    assert tr.root is not None
    return tr.root
