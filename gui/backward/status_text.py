"""What the Order list and the Chain rule panel say about a step of a shown
backward pass (the canvas banner's sentence is :func:`core.explain.step_text.narrate`)."""

from __future__ import annotations

from collections.abc import Callable

from core.explain.replay import Replay


def focus_node(rp: Replay, pos: int) -> str:
    """The node the Chain rule panel explains at ``pos``: the current
    step's; at the end the last step's (its gradient is the last sum
    made), at the start the root."""
    if pos >= rp.last and rp.steps:
        return rp.steps[-1].node
    step = rp.current(pos)
    return rp.root if step is None else step.node


def short_status(rp: Replay, pos: int, label: Callable[[str], str]) -> str:
    """One line for the Order list: the step at ``pos`` and what it does."""
    root = label(rp.root)
    if pos == 0:
        return f"Start: only {root}.grad = 1 is known. Click a row to jump to its step."
    step = rp.current(min(pos, rp.last))
    assert step is not None  # pos > 0, so a step has run
    what = "passes its gradient back" if step.inputs else "is a leaf: its gradient is final"
    text = f"Step {pos} of {rp.last}: {label(step.node)} {what}."
    return text + f" Finished: all {rp.last} steps done." if pos >= rp.last else text
