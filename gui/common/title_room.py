"""Dialogs as wide as the words of their title bar (a trial, 70 #11: at
1366×768 "Values for the new…  microgradstudio" and "Name on the canvas… —
…"). Qt sizes a dialog by its contents, and a message box allows its title
50 px more in a small font; the window manager then cuts what does not fit,
and it writes the app's name after the title, in bold, beside the window's
icon and three buttons."""

from __future__ import annotations

from PySide6.QtCore import QChildEvent, QEvent, QObject
from PySide6.QtGui import QFont, QFontMetrics, QGuiApplication
from PySide6.QtWidgets import QDialog, QGridLayout, QMessageBox, QSizePolicy, QSpacerItem, QWidget

#: px of a title bar besides its words: the window's icon, its three buttons and their margins.
TITLE_ROOM = 110
#: The dynamic property a message box keeps the width of the room it was given in.
_GIVEN = "title_room_width"


def shown_title(dialog: QWidget) -> str:
    """The title as the title bar writes it: "title — app" (as Qt hands it to the window manager)."""
    title = dialog.windowTitle().replace("[*]", "")
    app = QGuiApplication.applicationDisplayName()
    if app and app not in title:
        return f"{title} — {app}" if title else app
    return title


def title_width(dialog: QWidget) -> int:
    """px a dialog needs for its title bar's words whole (the bold app font: a title bar's)."""
    font = QFont(QGuiApplication.font())
    font.setBold(True)
    return QFontMetrics(font).horizontalAdvance(shown_title(dialog)) + TITLE_ROOM


def make_room(dialog: QDialog) -> None:
    """``dialog`` at least as wide as its title (never wider than its screen)."""
    need = title_width(dialog)
    screen = dialog.screen()
    if screen is not None:
        need = min(need, screen.availableGeometry().width())
    if isinstance(dialog, QMessageBox):  # (it sets its own fixed size as shown: from its layout's)
        _room_in_box(dialog, need)
    elif dialog.minimumWidth() < need:
        dialog.setMinimumWidth(need)
        if dialog.width() < need:
            dialog.resize(need, dialog.height())


def _room_in_box(box: QMessageBox, need: int) -> None:
    """A message box's grid made as wide as ``need`` by a row of blank room under it."""
    grid = box.layout()
    if not isinstance(grid, QGridLayout):
        return
    margins = grid.contentsMargins()
    width = need - margins.left() - margins.right()
    given = box.property(_GIVEN)
    if isinstance(given, int):  # (shown before: that room widened or narrowed)
        for i in range(grid.count()):
            item = grid.itemAt(i)
            spacer = item.spacerItem() if item is not None else None
            if spacer is not None and spacer.sizeHint().width() == given:
                spacer.changeSize(width, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Minimum)
                grid.invalidate()
                break
    else:
        room = QSpacerItem(width, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Minimum)
        grid.addItem(room, grid.rowCount(), 0, 1, grid.columnCount())
    box.setProperty(_GIVEN, width)


class TitleRoom(QObject):
    """Watches the dialogs it is handed (and the dialogs they open): each is
    made wide enough for its title as it is shown."""

    def watch(self, dialog: QObject) -> None:
        if isinstance(dialog, QDialog) and not dialog.property("title_room_watched"):
            dialog.setProperty("title_room_watched", True)
            dialog.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Show and isinstance(watched, QDialog) and watched.isWindow():
            make_room(watched)  # (before the dialog lays itself out for its showing)
        elif kind == QEvent.Type.ChildPolished and isinstance(event, QChildEvent):
            self.watch(event.child())  # (a dialog's own question)
        return False
