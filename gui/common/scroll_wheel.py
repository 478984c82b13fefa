"""The wheel over a scrolled panel scrolls it, not the field under the pointer.

Scrolling the Train on Data panel with the wheel changed the learning rate
from 1 to 0.1, and one notch turned Moons into Circles, as each field came
under the pointer (trial 58). A field takes the wheel only once the user
has clicked or tabbed into it, as in most desktop apps."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QWidget,
)


class _FocusedWheel(QObject):
    """Passes a wheel over a field without the focus on to the panel."""

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.Wheel or not isinstance(obj, QWidget) or obj.hasFocus():
            return False
        area = obj.parentWidget()
        while area is not None and not isinstance(area, QAbstractScrollArea):
            area = area.parentWidget()
        if area is None:  # (not in a scrolled panel: Qt hands it on to the parents)
            event.ignore()
        else:  # (handed to the scroll area itself: Qt does not pass on a wheel it did not get from the mouse)
            QApplication.sendEvent(area.viewport(), event)
        return True


def wheel_scrolls_panel(panel: QWidget) -> None:
    """The spin boxes, combo boxes and sliders in ``panel`` take the wheel
    only while they have the focus, and are not focused by it."""
    keeper = _FocusedWheel(panel)
    for kind in (QAbstractSpinBox, QComboBox, QAbstractSlider):
        for field in panel.findChildren(kind):
            field.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            field.installEventFilter(keeper)
