"""The Backward toolbar's speed slider (its setting remembered) and step counter."""

from __future__ import annotations

from PySide6.QtCore import Qt
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
        self.step_label = QLabel("")
        self.step_label.setObjectName("step_label")
        self.step_label.setMinimumWidth(90)
        lay.addSpacing(8)
        lay.addWidget(self.step_label)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)

    def _speed_tip(self, *_args: object) -> None:
        secs = self.animator.interval / 1000
        self.slider.setToolTip(f"Animation speed: {secs:.2g} s a step ([ slower, ] faster)")
