"""Checks of a scene by brute force, for tests that compare what the
scene keeps incrementally with a pass over every card."""

from __future__ import annotations

from PySide6.QtCore import QRectF


def brute_rect(scene) -> QRectF | None:
    """The bounds as a pass over every card finds them (what Fit used to do)."""
    items = scene.node_items()
    if not items:
        return None
    r = QRectF()
    for it in items:
        if it.isVisible():
            r = r.united(it.sceneBoundingRect())
    for card in scene.folding.cards():
        r = r.united(card.sceneBoundingRect())
    return r


class Walked(dict):
    """A dict that counts the walks over it (asking for one key is no walk):
    what a bulk change must not do to a table of every wire or card."""

    walks = 0

    def keys(self):
        Walked.walks += 1
        return super().keys()

    def __iter__(self):
        Walked.walks += 1
        return super().__iter__()

    def items(self):
        Walked.walks += 1
        return super().items()

    def values(self):
        Walked.walks += 1
        return super().values()


def count_calls(monkeypatch, owner, name: str) -> list:
    """From now on each call of ``owner.<name>`` (still made) adds its arguments to the returned list."""
    calls: list = []
    real = getattr(owner, name)
    monkeypatch.setattr(owner, name, lambda *a, **k: calls.append(a) or real(*a, **k))
    return calls


def card_highlight_of(scene, nodes) -> str | None:
    """What a folded card holding ``nodes`` shows of a pass, worked out from
    its nodes' own cards (the reference for gui/canvas/folding/card_rows.highlight):
    current, else input, else done when all are, else nothing."""
    marks = {scene.node_item(n).highlight for n in nodes}
    for mark in ("current", "input"):
        if mark in marks:
            return mark
    return "done" if marks == {"done"} else None
