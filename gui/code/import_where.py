"""Where File › Import Code puts the code: beside the open graph, or in a new
graph of its own (File › New, with its "save your changes?" question).

A trial: the first Import Code after launch put micrograd's README beside
the start-up example, out of view, and moved the output from L to g′ without
a word. The code opens as a new graph by default when the open one is empty
or untouched (as the app opened or made it: an example, not changed, with no
file of its own, so nothing is lost); it is added beside a graph the user
made, changed or saved.
"""

from __future__ import annotations

from dataclasses import dataclass

from gui.document.document import Document


@dataclass(frozen=True)
class OpenGraph:
    """The graph the window holds, as Import Code's choice needs it."""

    name: str
    nodes: int
    untouched: bool  # an example (or another graph the app made) as opened: nothing to lose
    modified: bool
    at_start: bool = False  # the example the app opened at launch, as it opened

    @classmethod
    def of(cls, document: Document) -> OpenGraph:
        untouched = document.untouched
        return cls(
            document.name, len(document.model), untouched, document.modified, untouched and document.at_start
        )

    @property
    def offers_new(self) -> bool:
        """False for an empty graph: the code goes into it (it is a new graph)."""
        return self.nodes > 0

    @property
    def new_by_default(self) -> bool:
        return self.untouched

    def note(self) -> str:
        """One sentence under the text box: what each button does here."""
        held = f"The open graph, {self.name}, has {self.nodes} node{'s' * (self.nodes != 1)}"
        if self.untouched:
            return (
                f"{held} and is as it was opened: “Open as New Graph” shows the code on its own in its "
                "place; “Add to Graph” puts it beside."
            )
        if self.modified:
            return (
                f"{held} and unsaved changes: “Add to Graph” puts the code beside it; "
                "“Open as New Graph” asks to save your changes first."
            )
        return f"{held}: “Add to Graph” puts the code beside it; “Open as New Graph” closes it (it is saved)."

    def instead(self) -> str:
        """What the status line names when a formula opened in this graph's place (one Undo
        brings it back: gui/code/example_swap.py)."""
        return f"{self.name}, the example shown at start"


def bar_replaces(graph: OpenGraph, reads_canvas: bool) -> OpenGraph | None:
    """``graph`` when a formula typed in the bar opens as a new graph in its
    place: the example the app opened at launch, as it opened (a trial typed
    ``f = x*y + x**2`` there and was asked about the example's f), and the
    formula reads none of its names (``L2 = L * 2`` builds on it). An example
    the user opened takes what is typed beside it."""
    return graph if graph.offers_new and graph.at_start and not reads_canvas else None
