"""The f(x) bar's question when a formula assigns a name a card shows
already (trial 51: ``o = tanh(n)`` on the neuron quietly made a second "o"
the output): replace the old node, or name the new one apart ("o2"), or
add nothing. The names are found and changed by :mod:`core.code.codeclash`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtWidgets import QMessageBox, QWidget

from core.code.codeadd import AddPlan, apply_plan, revert_plan
from core.code.codeclash import Clash, clashes, in_old_places, new_names, rename_apart, replaceable
from core.code.codegraph import CodeGraph
from core.code.codenotes import shorten
from core.code.replace_place import clear_places
from core.explain.words import listed
from core.graph.model import GraphModel
from core.graph.removed import RemovedNodes
from gui.editing.commands import ModelCommand


class ReplaceCodeCommand(ModelCommand):
    """Add a formula's nodes in place of old ones (``swaps``: old id -> the
    new node's id): what read an old node reads the new one; the old nodes go
    (their inputs stay). Undo puts them back with their wires. The output
    moves to the new node where the old one was the output or nothing read
    it; else the graph's output stays (t70 #2: z = y * x was the output, and
    Replace y made the new y the output, Backward ran from y)."""

    def __init__(self, model: GraphModel, plan: AddPlan, code: str, swaps: dict[str, str]) -> None:
        super().__init__(f"Replace {listed([model.label(n) for n in swaps])} by {shorten(code, 32)}")
        self.model, self.plan, self.swaps = model, plan, dict(swaps)
        if not clear_places(model, plan.nodes, plan.edges, self.swaps):
            in_old_places(model, plan.nodes, self.swaps)  # (the new o where the old one was)
        self._snaps: RemovedNodes | None = None
        self._wired: list[tuple[str, int]] = []

    def apply(self) -> None:
        m = self.model
        apply_plan(m, self.plan)
        self._snaps, self._wired = None, []
        try:
            moves = [(new, t, p) for old, new in self.swaps.items() for t, p in m.consumers(old)]
            out = self.plan.old_output
            self._snaps = m.remove_nodes(list(self.swaps))
            for new, t, p in moves:
                if t in m:
                    m.connect(new, t, p)
                    self._wired.append((t, p))
            if out in self.swaps:  # the output replaced: the new node is (verify 58: "output (auto)")
                m.set_output(self.swaps[out])
            elif moves and out is not None and out in m and m.output != out:
                m.set_output(out)  # (what reads the old node leads on to the output: it stays)
        except BaseException:
            self.revert()
            raise

    def revert(self) -> None:
        m = self.model
        for t, p in reversed(self._wired):
            m.disconnect(t, p)
        self._wired = []
        if self._snaps is not None:
            m.restore_nodes(self._snaps)
        self._snaps = None
        revert_plan(m, self.plan)


def ask_clash(parent: QWidget | None, found: list[Clash], new: list[str], can_replace: bool) -> str | None:
    """ "replace", "rename" or None (Cancel): what to do with the names
    ``found`` on the canvas (``new``: the names the new nodes would get)."""
    names = [c.name for c in found]
    one = len(found) == 1
    what = f"{listed(names)} {'is' if one else 'are'} on the canvas already"
    box = QMessageBox(QMessageBox.Icon.Question, "Name on the canvas already", f"{what}.", parent=parent)
    box.setObjectName("name_clash_box")
    keep = f"Keep both: the new {'one is' if one else 'ones are'} named {listed(new)}."
    if can_replace:
        it = "it" if one else "them"
        box.setInformativeText(
            f"Replace {it}: the new {listed(names)} "
            + (
                "takes the old one's place and what read the old one reads the new one"
                if one
                else "take the old ones' places and what read an old one reads its new one"
            )
            + f" (Undo brings {it} back).\n{keep}"
        )
    else:
        box.setInformativeText(keep)
    rename = box.addButton(
        f"Name the New {'One' if one else 'Ones'} {listed(new)}", QMessageBox.ButtonRole.AcceptRole
    )
    rename.setObjectName("name_clash_rename")
    replace = None
    if can_replace:
        replace = box.addButton(f"Replace {listed(names)}", QMessageBox.ButtonRole.ActionRole)
        replace.setObjectName("name_clash_replace")
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(rename)
    box.exec()
    clicked = box.clickedButton()
    return (
        "rename" if clicked is rename else "replace" if replace is not None and clicked is replace else None
    )


@dataclass
class Settled:
    """What the question settled: ``swaps`` (parsed index -> the old id it
    replaces), what the status line says, and ``kept``: the old cards the
    new ones were named apart from (shown with them: trial 58 #5)."""

    swaps: dict[int, str] = field(default_factory=dict)
    said: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)


def settle_names(parent: QWidget | None, model: GraphModel, graph: CodeGraph, reused: set) -> Settled | None:
    """Ask about the names ``graph`` assigns that cards show already (none: no
    question); ``graph`` renamed where the new nodes keep both; None: cancelled."""
    found = clashes(model, graph)
    if not found:
        return Settled()
    new = new_names(model, graph, found)
    choice = ask_clash(parent, found, new, replaceable(found, reused))
    if choice is None:
        return None
    if choice == "replace":
        return Settled(
            {c.index: c.cards[0] for c in found}, [f"replaced the old {listed([c.name for c in found])}"]
        )
    renamed = rename_apart(graph, found, new)
    if len(renamed) == 1:
        said = [f"the new {old} is named {new} ({old} was taken)" for old, new in renamed.items()]
    else:  # (Import Code's blog post beside its own graph: seven of them, on one line)
        said = [f"the new {listed(list(renamed))} are named {listed(list(renamed.values()))} (taken already)"]
    return Settled({}, said, [n for c in found for n in c.cards])


def read_by(model: GraphModel, olds) -> list[str]:
    """What the nodes ``olds`` (to be replaced) read, once each."""
    return list(dict.fromkeys(s for old in olds if old in model for s in model.inputs(old) if s is not None))


def left_unread(model: GraphModel, fed: list[str]) -> str:
    """The status line's word on the nodes ``fed`` (what the replaced ones
    read) that feed nothing now (t70 #2: 3*x and x**2 were left as dead
    ends without a word): " · 3*x and x**2 now feed nothing", or ""."""
    dead = [n for n in fed if n in model and not model.consumers(n) and n != model.output]
    if not dead:
        return ""
    return f" · {listed([model.label(n) for n in dead])} now feed{'s' if len(dead) == 1 else ''} nothing"
