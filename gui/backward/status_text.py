"""What the Order list, the canvas banner and the Chain rule panel say about
a step of a shown pass, backward or forward mode (the words themselves are
core/explain: step_text.py for backward, forward_text.py for forward mode)."""

from __future__ import annotations

from collections.abc import Callable

from core.explain import forward_text, step_text
from core.explain.forward_replay import AnyReplay, ForwardReplay
from core.explain.step_text import Explanation
from core.explain.words import all_of
from core.graph.model import GraphModel


def focus_node(rp: AnyReplay, pos: int) -> str:
    """The node the Chain rule panel explains at ``pos``: the current
    step's; at the end the last step's (its gradient is the last sum
    made), at the start the root (in forward mode, the seeded leaf)."""
    if pos >= rp.last and rp.steps:
        return rp.steps[-1].node
    step = rp.current(pos)
    return rp.root if step is None else step.node


def short_status(rp: AnyReplay, pos: int, label: Callable[[str], str]) -> str:
    """One line for the Order list: the step at ``pos`` and what it does."""
    if isinstance(rp, ForwardReplay):
        return forward_text.short_status(rp, pos)
    root = label(rp.root)
    if pos == 0:
        return f"Start: only {root}.grad = 1 is known. Click a row to jump to its step."
    step = rp.current(min(pos, rp.last))
    assert step is not None  # pos > 0, so a step has run
    what = "passes its gradient back" if step.inputs else "is a leaf: its gradient is final"
    text = f"Step {pos} of {rp.last}: {label(step.node)} {what}."
    done = all_of(rp.last, "step")
    return text + f" Finished: {done} done." if pos >= rp.last else text


def narrate(rp: AnyReplay, pos: int) -> str:
    """The canvas banner's sentence at ``pos``."""
    if isinstance(rp, ForwardReplay):
        return forward_text.narrate(rp, pos)
    return step_text.narrate(rp, pos)


def explain(model: GraphModel, rp: AnyReplay | None, node: str, pos: int) -> Explanation:
    """The Chain Rule panel's explanation of ``node`` at ``pos``."""
    if isinstance(rp, ForwardReplay):
        return forward_text.explain(model, rp, node, pos)
    return step_text.explain(model, rp, node, pos)
