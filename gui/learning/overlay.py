"""What the learning tools draw on the canvas (marks, captions, shown
gradients): view state only, through the NodeItem API, and always removable."""

from __future__ import annotations

_KEEP = object()


class Overlay:
    """Marks on node cards, remembered so that they can be cleared."""

    def __init__(self, window) -> None:
        self.window = window
        self.ids: set[str] = set()

    def mark(self, node_id: str, *, grad=_KEEP, highlight=_KEEP, note=_KEEP) -> None:
        it = self.window.scene.node_item(node_id)
        if it is None:
            return
        if grad is not _KEEP:
            it.set_grad(grad)
        if highlight is not _KEEP:
            it.set_highlight(highlight)
        if note is not _KEEP:
            it.set_note(note)
        self.ids.add(node_id)

    def clear(self) -> None:
        scene = self.window.scene
        for n in self.ids:
            it = scene.node_item(n)
            if it is not None:
                it.clear_view_state()
        self.ids.clear()

    def hide_all_grads(self) -> None:
        """Hide every gradient on the canvas (the quiz asks for them)."""
        scene = self.window.scene
        for n in self.window.model.nodes():
            it = scene.node_item(n)
            if it is not None and it.grad is not None:
                it.set_grad(None)

    def forget(self) -> None:
        """A new model: the old marks went with the old items."""
        self.ids.clear()
