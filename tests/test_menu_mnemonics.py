"""Every menu's underlined letters (trial 64 #7): Alt+V, M went to Status
Messages, not the Minimap, and 13 letters were taken twice across the menus."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMenu
from window_helpers import action, answers, tmp_settings, window  # noqa: F401

#: Menus listed as the app fills them (recent files, examples, an op per line): no letters asked.
LISTS = {"Open Recent", "Examples", "Add Node", "What If…"}


def _letters(menu: QMenu, path: str, clashes: list[str], seen: list[str]) -> None:
    keys: dict[str, list[str]] = {}
    listed = menu.title().replace("&", "") in LISTS
    menu.aboutToShow.emit()  # (View › Panels is filled as it opens)
    for act in menu.actions():
        text = act.text()
        if act.isSeparator() or not text:
            continue
        m = re.search(r"&(.)", text.replace("&&", ""))
        if m is None:
            if not listed and act.objectName() != "":
                clashes.append(f"{path} › {text}: no letter")
        else:
            assert m.group(1).isalnum(), f"{path} › {text}: underlines {m.group(1)!r}"
            keys.setdefault(m.group(1).lower(), []).append(text)
            seen.append(text)
        if act.menu() is not None:
            _letters(act.menu(), f"{path} › {text.replace('&', '')}", clashes, seen)
    clashes += [f"{path}: {k!r} in {v}" for k, v in keys.items() if len(v) > 1]


def test_no_menu_underlines_one_letter_twice(window):
    clashes: list[str] = []
    seen: list[str] = []
    for act in window.menuBar().actions():
        _letters(act.menu(), act.text().replace("&", ""), clashes, seen)
    assert len(seen) > 100  # (every menu walked, the panels' toggles too)
    assert clashes == []


def test_alt_v_m_toggles_the_minimap(qtbot, window):
    window.show()
    qtbot.waitExposed(window)
    minimap = action(window, "minimap")
    was = minimap.isChecked()
    view_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    qtbot.keyClick(window, Qt.Key.Key_V, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is view_menu)
    qtbot.keyClick(view_menu, Qt.Key.Key_M)
    qtbot.waitUntil(lambda: minimap.isChecked() != was)
    assert QApplication.activePopupWidget() is None
