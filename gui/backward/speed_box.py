"""The Backward toolbar's speed slider (its setting remembered) and step counter."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QSlider, QWidget

from gui.backward.animator import SPEED_STEPS, Animator
from gui.backward.choices import load_choice, store_choice


class SpeedBox(QWidget):
    """ "Speed [slider]  step 3 / 7": the slider sets the animator's speed."""

    def __init__(self, animator: Animator) -> None:
        super().__init__()
        self.animator = animator
        lay = QHBoxLayout(self)
        lay.setContentsMargins(8, 0, 4, 0)
        lay.addWidget(QLabel("Speed"))
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setObjectName("speed_slider")
        self.slider.setRange(0, SPEED_STEPS)
        animator.set_speed(load_choice("speed", animator.speed, int))
        self.slider.setValue(animator.speed)
        self.slider.setFixedWidth(110)
        self.slider.valueChanged.connect(animator.set_speed)
        self.slider.valueChanged.connect(self._speed_tip)
        self._speed_tip()
        self.slider.valueChanged.connect(lambda v: store_choice("speed", v))
        lay.addWidget(self.slider)
        self.step_label = StepCounter()
        lay.addSpacing(8)
        lay.addWidget(self.step_label)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)

    def _speed_tip(self, *_args: object) -> None:
        secs = self.animator.interval / 1000
        self.slider.setToolTip(f"Animation speed: {secs:.2g} s a step ([ slower, ] faster)")


class StepCounter(QLabel):
    """The pass's "step 3 / 7" (the number a class reads aloud), as wide as
    its pass's last step needs at once (a trial read "step 10720 / 1(" right
    after End), measured again at a new text size (Presentation Mode's: the
    width of the usual text cut it)."""

    #: Its least width (px) before any pass.
    LEAST = 90

    def __init__(self) -> None:
        super().__init__("")
        self.setObjectName("step_label")
        self._widest = ""
        self.setMinimumWidth(self.LEAST)

    def fit_last(self, last: int) -> None:
        """As wide as "step ``last`` / ``last``" (never narrower in the pass: Step stays put)."""
        self._widest = f"step {last} / {last}"
        widest = self.fontMetrics().horizontalAdvance(self._widest) + 8
        if self.minimumWidth() < widest:
            self.setMinimumWidth(widest)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:  # (the widest step's width in the new text)
            self.setMinimumWidth(self.LEAST)
            if self._widest:
                self.setMinimumWidth(max(self.LEAST, self.fontMetrics().horizontalAdvance(self._widest) + 8))
        super().changeEvent(event)
