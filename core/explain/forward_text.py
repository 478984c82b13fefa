"""Forward mode in words and numbers: the canvas banner's sentence, the
Order list's status line and the Chain Rule panel's explanation of a node at
a point of a :class:`~core.explain.forward_replay.ForwardReplay`."""

from __future__ import annotations

from core.autograd import ops
from core.explain.equation import multiplied, summed
from core.explain.format import fmt
from core.explain.forward_replay import ForwardReplay
from core.explain.received import sum_text
from core.explain.step_text import Explanation, Section, local_lines, value_line
from core.explain.words import all_of
from core.graph.model import GraphModel


def narrate(rp: ForwardReplay, pos: int) -> str:
    """What the canvas shows at ``pos``, in a sentence or two."""
    w = rp.label(rp.wrt)
    if pos == 0:
        return (
            f"Forward mode with respect to {w}: each node's tangent d(node)/d{w} starts at d{w}/d{w} = 1. "
            f"Each node's tangent is made from its inputs' tangents, inputs first "
            f"(Step →, Play P)."
        )
    if pos >= rp.last and not rp.steps:
        return finished(rp)
    if pos >= rp.last:
        # the last step (the root's, where its inputs' parts are summed: the
        # one the audience waits for) said as every other, then that the
        # pass is done, as Backward's end says its last step (trial 65 #2)
        return _step_sentence(rp, rp.last) + "  " + finished(rp)
    return _step_sentence(rp, pos)


def finished(rp: ForwardReplay) -> str:
    """What the finished pass shows (a finished picture's caption)."""
    w = rp.label(rp.wrt)
    return (
        f"Finished: every node that depends on {w} shows d(node)/d{w}. "
        f"One forward pass gives the derivative of every node with respect to ONE leaf; "
        f"one backward pass gives the root's derivative with respect to EVERY leaf "
        f"(Backward › Compare Forward and Reverse counts the work)."
    )


def _step_sentence(rp: ForwardReplay, pos: int) -> str:
    """What step ``pos`` (1 ... last) does: its node's tangent summed from its inputs'."""
    step = rp.steps[pos - 1]
    parts = [
        f"{rp.partial(step, p)} · {rp.dot(step.inputs[p])}"
        f" = {multiplied(step.locals[p], step.tangents_in[p], step.contributions[p])}"  # (as its caption)
        for p in step.live_ports
    ]
    total = sum_text([step.contributions[p] for p in step.live_ports], step.tangent)
    return (
        f"Step {pos} of {rp.last}: {rp.dot(step.node)} is the sum over its inputs of local "
        f"derivative × input's tangent: " + ";  ".join(parts) + f", so {rp.dot(step.node)} = {total}."
    )


def short_status(rp: ForwardReplay, pos: int, label=None) -> str:
    """One line for the Order list."""
    if pos == 0:
        return f"Start: only {rp.start_text} is known. Click a row to jump to its step."
    step = rp.steps[min(pos, rp.last) - 1]
    text = f"Step {pos} of {rp.last}: {rp.dot(step.node)} = {fmt(step.tangent)} from its inputs."
    done = all_of(rp.last, "step")
    return text + f" Finished: {done} done." if pos >= rp.last else text


def explain(model: GraphModel, rp: ForwardReplay, node: str, pos: int) -> Explanation:
    """What forward mode says about ``node`` at ``pos``."""
    op = ops.OPS[model.op(node)]
    name = model.label(node)
    secs = [Section("Value", [value_line(model, node)])]
    if op.name != "leaf":
        secs.append(Section("Local derivatives", local_lines(model, node)))
    w = rp.label(rp.wrt)
    # what the tangent means, in words: "dL/da = dL/da" (its name, then the
    # same name again) said nothing to a trial's learner
    title = f"Its tangent {rp.dot(node)}: how much {name} moves per unit nudge of {rp.wrt_name}"
    if not rp.in_past(node):
        secs.append(
            Section(title, [f"{name} does not depend on {w}: its tangent is 0 and forward mode skips it."])
        )
        return Explanation(node, f"{name}  —  {op.title}", secs)
    if node == rp.wrt:
        secs.append(Section(title, [f"{rp.start_text}  (the seed: forward mode starts here)"]))
        return Explanation(node, f"{name}  —  {op.title}", secs)
    step = rp.step_of(node)
    assert step is not None  # a node that depends on wrt, not wrt itself
    k = rp.rank[node]
    sec = Section(title + f"  (step {k} of {rp.last})")
    if pos < k:
        sec.lines.append(f"waits for its inputs' tangents: made at step {k}.")
    else:
        for p, inp in enumerate(step.inputs):
            if step.contributions[p] is None:
                sec.lines.append(f"{rp.label(inp)} does not depend on {w}: nothing flows on that wire.")
                continue
            sec.lines.append(
                f"{rp.dot(node)} += {rp.partial(step, p)} · {rp.dot(inp)}"
                f" = {multiplied(step.locals[p], step.tangents_in[p], step.contributions[p])}"
            )
        live = [step.contributions[p] for p in step.live_ports]
        sec.lines.append(f"{rp.dot(node)} = {summed(live, step.tangent)}")
        why = rp.nonfinite_origin(node, pos)
        if why:
            sec.lines.append(f"⚠ not finite: {why}")
    secs.append(sec)
    return Explanation(node, f"{name}  —  {op.title}", secs)
