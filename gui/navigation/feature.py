"""Getting around a big graph: Edit › Find (Ctrl+F, F3, Shift+F3) and
View › Minimap. The window builds one and hands it the Host; opening a
folded group for a match is the Groups feature's, handed in as a callable
(``set_folded(group ids, folded)``, one undo step)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject

from gui.common import settings
from gui.common.actions import make_action
from gui.host import Host
from gui.navigation.find_bar import FindBar
from gui.navigation.finding import FindController
from gui.navigation.minimap import Minimap


class NavigationFeature(QObject):
    """Find and the minimap of one window."""

    def __init__(
        self,
        host: Host,
        set_folded: Callable[[list[str], bool], object] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.host = host
        view = host.view
        self.find_bar = FindBar(view)
        self.find = FindController(host, self.find_bar, set_folded)
        self.minimap = Minimap(view, host.document)
        self.find.matches_changed.connect(self.minimap.set_marks)
        self.find.current_moved.connect(self.minimap.set_current)
        view.overlays.add(self.find_bar)  # over the canvas's corners: a pass's step kept clear of them
        view.overlays.add(self.minimap)

        w = host.dialog_parent()
        self.action_find = make_action(
            w, "find", "&Find…", self.find.open, shortcut="Ctrl+F", tip="Find nodes by label or id"
        )
        self.action_find_next = make_action(
            w, "find_next", "Find &Next", lambda: self.find.step(1), shortcut="F3", tip="Go to the next match"
        )
        self.action_find_previous = make_action(
            w,
            "find_previous",
            "Find Pre&vious",
            lambda: self.find.step(-1),
            shortcut="Shift+F3",
            tip="Go to the previous match",
        )
        edit = host.menu("edit")
        edit.addSeparator()
        edit.addActions([self.action_find, self.action_find_next, self.action_find_previous])

        self.action_minimap = make_action(
            w,
            "minimap",
            "&Minimap",
            self.show_minimap,
            checkable=True,
            tip="Show an overview of the whole graph in the canvas's corner; click or drag in it to move",
        )
        v = host.menu("view")
        v.addSeparator()
        v.addAction(self.action_minimap)
        self.action_minimap.setChecked(settings.minimap_shown())  # shows it when on

    def show_minimap(self, on: bool) -> None:
        """View › Minimap: shown or hidden, and remembered for the next start."""
        self.minimap.set_wanted(on)
        self.minimap.fit_again()
        if settings.minimap_shown() != on:
            settings.set_minimap_shown(on)
