"""The Train on Data dock's widgets: the data set, the model, the controls,
the plane and the curves. It only shows and asks; the feature
(gui/training/feature.py) does the work."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSlider,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from core.learn.data import KINDS
from gui.common.number_box import number_box
from gui.training.curves import Curves
from gui.training.plane import DataPlane

#: Speed slider positions: training steps per second (0: as fast as it goes).
SPEEDS = (1, 3, 10, 30, 100, 0)


def _int(name: str, value: int, lo: int, hi: int, tip: str) -> QSpinBox:
    s = QSpinBox()
    s.setObjectName(name)
    s.setRange(lo, hi)
    s.setValue(value)
    s.setToolTip(tip)
    return s


def _button(name: str, text: str, tip: str) -> QPushButton:
    b = QPushButton(text)
    b.setObjectName(name)
    b.setToolTip(tip)
    return b


def _row(*widgets: QWidget) -> QHBoxLayout:
    lay = QHBoxLayout()
    lay.setContentsMargins(0, 0, 0, 0)
    for w in widgets:
        lay.addWidget(w)
    return lay


class TrainingPanel(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("training_panel")
        # ---- data
        self.kind = QComboBox()
        self.kind.setObjectName("training_kind")
        self.kind.addItems([k.upper() if k == "xor" else k.capitalize() for k in KINDS])
        self.n_points = _int("training_size", 100, 2, 2000, "How many points to generate")
        self.noise = number_box(
            "training_noise", 0.1, 0.0, 2.0, 0.05, "Gaussian noise added to each coordinate"
        )
        self.data_seed = _int("training_data_seed", 1337, 0, 2**31 - 1, "The same seed gives the same points")
        self.generate = _button("training_generate", "Generate", "Replace the data set with generated points")
        self.import_csv = _button(
            "training_import", "Import CSV…", "A header row, then x1, x2 and a label (−1 or 1) per row"
        )
        self.clear = _button("training_clear", "Clear", "Remove every point")
        self.plane = DataPlane()
        self.plane_hint = QLabel(
            "Click a point: show it on the canvas. Click empty space: add a "
            "<span style='color:#2563eb'>●</span> 1 (Shift: a <span style='color:#ea580c'>●</span> −1). "
            "Drag: move. Right-click: remove."
        )
        self.plane_hint.setWordWrap(True)
        self.plane_hint.setObjectName("training_plane_hint")
        data_box = QGroupBox("Data set")
        form = QFormLayout()
        form.addRow("Kind:", _row(self.kind, QLabel("Size:"), self.n_points))
        form.addRow("Noise:", _row(self.noise, QLabel("Seed:"), self.data_seed))
        lay = QVBoxLayout(data_box)
        lay.addLayout(form)
        lay.addLayout(_row(self.generate, self.import_csv, self.clear))
        # ---- model
        self.layers = QLineEdit("16, 16")
        self.layers.setObjectName("training_layers")
        self.layers.setToolTip(
            "Hidden layer sizes, e.g. 16, 16 (micrograd's demo); the output is one linear neuron"
        )
        self.activation = QComboBox()
        self.activation.setObjectName("training_activation")
        self.activation.addItems(["relu", "tanh"])
        self.model_seed = _int(
            "training_model_seed", 1337, 0, 2**31 - 1, "random.seed for the weights, as micrograd's"
        )
        self.build = _button(
            "training_build",
            "Show on Canvas",
            "Open the model as a graph (layers folded), on the chosen example",
        )
        model_box = QGroupBox("Model: MLP")
        form = QFormLayout(model_box)
        form.addRow("Hidden layers:", self.layers)
        form.addRow("Activation:", _row(self.activation, QLabel("Seed:"), self.model_seed))
        form.addRow(self.build)
        # ---- training
        self.start = _button("training_start", "Start", "Train continuously (full batch)")
        self.step = _button("training_step", "Step", "One training step")
        self.reset = _button("training_reset", "Reset", "New weights from the seed; forget the run")
        self.speed = QSlider(Qt.Orientation.Horizontal)
        self.speed.setObjectName("training_speed")
        self.speed.setRange(0, len(SPEEDS) - 1)
        self.speed.setValue(2)
        self.speed_label = QLabel()
        self.speed_label.setMinimumWidth(64)
        self.lr_start = number_box("training_lr_start", 1.0, 1e-6, 100.0, 0.1, "Learning rate at step 0")
        self.lr_end = number_box(
            "training_lr_end", 0.1, 1e-6, 100.0, 0.05, "Learning rate at the schedule's end"
        )
        self.schedule = QComboBox()
        self.schedule.setObjectName("training_schedule")
        self.schedule.addItems(["linear decay over", "constant"])
        self.schedule_steps = _int(
            "training_schedule_steps", 100, 1, 1_000_000, "Steps from start rate to end rate"
        )
        self.l2 = number_box("training_l2", 1e-4, 0.0, 10.0, 1e-4, "L2 regularisation: loss += l2 · Σ p²")
        self.curves = Curves()
        self.status = QLabel()
        self.status.setObjectName("training_status")
        self.status.setWordWrap(True)
        train_box = QGroupBox("Learning rate and L2")
        form = QFormLayout(train_box)
        form.addRow("Rate:", _row(self.lr_start, QLabel("→"), self.lr_end))
        form.addRow("Schedule:", _row(self.schedule, self.schedule_steps))
        form.addRow("L2:", self.l2)
        # what you watch first (controls, the loss and accuracy, the plane, the
        # curves), the settings below: the numbers in sight however short the dock
        top = QVBoxLayout(self)
        top.addLayout(_row(self.start, self.step, self.reset))
        top.addLayout(_row(QLabel("Speed:"), self.speed, self.speed_label))
        top.addWidget(self.status)
        top.addWidget(self.plane, 1)
        top.addWidget(self.plane_hint)
        top.addWidget(self.curves)
        top.addWidget(data_box)
        top.addWidget(model_box)
        top.addWidget(train_box)
        self.speed.valueChanged.connect(self._speed_text)
        self.schedule.currentIndexChanged.connect(lambda i: self.schedule_steps.setEnabled(i == 0))
        self._speed_text(self.speed.value())

    def _speed_text(self, i: int) -> None:
        n = SPEEDS[i]
        self.speed_label.setText(f"{n} step{'s' * (n != 1)}/s" if n else "fastest")

    def steps_per_second(self) -> int:
        """0: as fast as the machine goes."""
        return SPEEDS[self.speed.value()]

    def kind_name(self) -> str:
        return KINDS[self.kind.currentIndex()]
