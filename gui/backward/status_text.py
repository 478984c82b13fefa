"""What the Order list, the canvas banner and the Chain rule panel say about
a step of a shown pass, backward or forward mode (the words themselves are
core/explain: step_text.py for backward, forward_text.py for forward mode)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

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
    if pos == 0:
        return f"Start: only {rp.start_text} is known. Click a row to jump to its step."
    step = rp.current(min(pos, rp.last))
    assert step is not None  # pos > 0, so a step has run
    what = "passes its gradient back" if step.inputs else "is a leaf: its gradient is final"
    who = label(step.node) if step.inputs else rp.subject(step.node)  # ("the constant 1 (in e - 1)")
    text = f"Step {pos} of {rp.last}: {who} {what}."
    done = all_of(rp.last, "step")
    return text + f" Finished: {done} done." if pos >= rp.last else text


def narrate(rp: AnyReplay, pos: int) -> str:
    """The canvas banner's sentence at ``pos``."""
    if isinstance(rp, ForwardReplay):
        return forward_text.narrate(rp, pos)
    return step_text.narrate(rp, pos)


def explain(
    model: GraphModel, rp: AnyReplay | None, node: str, pos: int, no_pass: str | None = None
) -> Explanation:
    """The Chain Rule panel's explanation of ``node`` at ``pos`` (``no_pass``:
    why Backward is refused now, said where there is no pass)."""
    if isinstance(rp, ForwardReplay):
        return forward_text.explain(model, rp, node, pos)
    return step_text.explain(model, rp, node, pos, no_pass)


def banner_text(replay: AnyReplay | None, animator: Any, groups: Any, pos: int) -> str:
    """One sentence about what the canvas shows at ``pos`` (the banner's): the
    step, or the run of steps a folded group's card stands for (``animator``'s
    ``folded_run`` / ``folded_into``)."""
    if replay is None:
        return ""
    run = animator.folded_run(pos) if pos else None
    if run is None:
        card = animator.folded_into(replay.root) if pos == 0 else None
        if card is not None and card in groups:  # where the pass starts is folded
            name = groups.get(card).label
            where = f"The root is inside the folded group “{name}” (Ctrl+] opens it)."
            return f"{narrate(replay, pos)} {where}"
        return narrate(replay, pos)
    gid, first, last = run
    name = groups.get(gid).label if gid in groups else gid
    text = narrate(replay, pos)
    text = text.removeprefix(f"Step {pos} of {replay.last}: ")  # (said below for the run)
    if first == last:  # one step, but of a node the card hides: say so, or Step seems to do nothing
        return (
            f"Step {pos} of {replay.last}, inside the folded group “{name}” "
            f"(open it, Ctrl+], to see it): {text}"
        )
    if pos < last:  # (jumped to from the Order list: the run is not done)
        where = f"inside the folded group “{name}” (steps {first}–{last})"
        return f"Step {pos} of {replay.last}, {where}: {text}"
    # (the pass's end says "Finished: …" of its own: "the last: Finished" read as a step's name)
    then = ". " if text.startswith("Finished") else "; the last: "
    return (
        f"Steps {first}–{last} of {replay.last}, run inside the folded group “{name}” "
        f"as one Step (open it, Ctrl+], to step through each){then}{text}"
    )
