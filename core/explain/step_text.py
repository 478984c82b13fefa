"""The chain rule in words and numbers, for one node at one point of a replay.

``explain`` returns plain lines grouped in sections; the Chain rule panel
renders them. Formulas name the node's real inputs (``∂d/∂c``, not the op
table's generic ``∂/∂a``) and then repeat them with the numbers filled in.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from typing import cast

from core.autograd import ops
from core.autograd.floats import signed_zero
from core.explain.equation import Numbers, Pins, multiplied, multiplied_alike, said, summed
from core.explain.format import MINUS, fmt
from core.explain.names import SentenceNames, names_of, node_name, told_apart
from core.explain.received import BRIEF, sum_text, term, which_input
from core.explain.replay import Replay, operand
from core.graph.label_forms import place
from core.graph.model import GraphModel


def fill(
    template: str,
    operands: list[str],
    bare: list[str] | None = None,
    k: float | None = None,
    out: str = "",
    names: bool = False,
    atoms: Collection[int] = (),
) -> str:
    """An ``ops.OpText`` template (``OPS[op].chain_text``) in the panel's
    number style; with ``names``, ``operands`` are labels, each bracketed
    only where the operators beside it need (label_forms.place), but those
    at ``atoms``, bracketed already ("(a, id e)", a label told apart)."""
    bare = operands if bare is None else bare
    if names:
        stand = [f"_told{i}_" if i in atoms else op for i, op in enumerate(operands)]
        template = place(template, stand)
        for i in atoms:
            template = template.replace(f"_told{i}_", operands[i].replace("{", "{{").replace("}", "}}"))
    ab = dict(zip("ab", bare))
    ks = fmt(k) if k is not None else ""
    kk = term(k) if k is not None else ""
    km1 = fmt(k - 1) if k is not None else ""
    kp = ks.replace(MINUS, "-")  # (after "**", code: x**-2 pastes into Python)
    return template.format(*operands, k=ks, kk=kk, km1=km1, kp=kp, out=out, **ab)


@dataclass
class Section:
    title: str
    lines: list[str] = field(default_factory=list)


@dataclass
class Explanation:
    node: str
    heading: str
    sections: list[Section]
    #: how the gradient was made, where a pass reached the node (a card the user asked about adds
    #: its slope_line here)
    gradient: Section | None = None

    def text(self) -> str:
        out = [self.heading]
        for s in self.sections:
            out.append("")
            out.append(s.title)
            out.extend("  " + line for line in s.lines)
        return "\n".join(out)


def _partial(node: str, inp: str, port: int, inputs: tuple) -> str:
    """``∂d/∂c``; ``(input 2)`` is added when the input feeds several ports
    (``inputs`` are ids, ``port`` says which one is meant)."""
    which = f" (input {port + 1})" if inputs.count(inputs[port]) > 1 else ""
    return f"∂{node}/∂{inp}{which}"


def value_line(
    model: GraphModel, node: str, pins: Pins | None = None, names: SentenceNames | None = None
) -> str:
    """``d = c + e = 10 + (−6) = 4`` (``pins``: the view's, equation.Pins;
    ``names``: the nodes' names, a label two share told apart, names.names_of)."""
    nm = names_of(model) if names is None else names
    op = model.op(node)
    name = nm.bare(node)
    v = model.value(node)
    if op == "leaf":
        # (a −0 with its sign, as its card shows it: 1/t is −inf, trial 69 #12)
        return f"{name} = {signed_zero(v, Numbers(v, pins=pins).num(v))}  (a leaf value)"
    srcs = model.inputs(node)
    k = model.node(node).get("exponent")
    labels = [nm.bare(s) if s else "?" for s in srcs]
    text = ops.OPS[op].chain_text
    sym = fill(text.value, labels, labels, k, names=True, atoms=_told(nm, srcs))
    same = sym == name  # (a node named by its own formula: "x1*w1 + x2*w2 = (−6) + 0", said once)
    if any(s is None for s in srcs):
        return name if same else f"{name} = {sym}"
    xs = [model.value(s) for s in srcs]
    # one precision: (−6) + 6.8814 = 0.8814, not (−6) + 6.881 (a trial)
    n = Numbers(*xs, v, aligned=_is_sum(text.value), pins=pins)
    if (
        op in ("tanh", "sigmoid")
        and v is not None
        and v not in (1.0, -1.0, 0.0)
        and n.num(v).lstrip(MINUS) in ("1", "0")
    ):
        # a saturated tanh or sigmoid with the digits that keep it off ±1 (or 0): tanh(−6)
        # is −0.999988, not −1, which its card (−0.99999) and its local derivative contradicted
        n = Numbers(*xs, v, fine=[(v, _saturated_digits(v))], aligned=_is_sum(text.value), pins=pins)
    eq = n.fit(_ARITH[op], xs, v) if op in _ARITH else "="  # (checks on paper: verify 51)
    num = fill(text.value, [n.term(x) if x is not None else "?" for x in xs], [n.num(x) for x in xs], k)
    return f"{name} = {num} {eq} {n.num(v)}" if same else f"{name} = {sym} = {num} {eq} {n.num(v)}"


#: The ops whose value line is a sum or a product, checked digit by digit (Numbers.fit).
_ARITH = {"add": "+", "sub": "−", "mul": "×"}


def local_lines(
    model: GraphModel, node: str, pins: Pins | None = None, names: SentenceNames | None = None
) -> list[str]:
    """``∂L/∂d = f = −2`` per input (symbolic, numbers, result; ``pins``: the
    view's; ``names``: as :func:`value_line`'s)."""
    op = model.op(node)
    if op == "leaf":
        return []
    srcs = tuple(model.inputs(node))
    if any(s is None for s in srcs):
        return ["(an input is not connected)"]
    nm = names_of(model) if names is None else names
    name = nm(node)
    k = model.node(node).get("exponent")
    got = tuple(model.value(s) for s in srcs)
    y = model.value(node)
    if y is None or any(x is None for x in got):  # y is None only when an input is
        return []
    xs = cast("tuple[float, ...]", got)
    locs = ops.OPS[op].local(xs, y, k)  # type: ignore[misc]  # not a leaf
    text = ops.OPS[op].chain_text
    labels = [nm.bare(s) for s in srcs]  # (all wired)
    atoms = _told(nm, srcs)
    out = []
    # 1 − 0.999988², not a misleading 1 − 1²
    digits = _saturated_digits(y) if op in ("tanh", "sigmoid") else 4
    for p, _src in enumerate(srcs):
        sym = fill(text.local[p], labels, labels, k, names=True, atoms=atoms)
        uses_out = "{out}" in text.local_with_numbers[p]
        n = Numbers(
            *xs,
            locs[p],
            fine=[(y, digits)] if uses_out else [],
            aligned=_is_sum(text.local_with_numbers[p]),
            pins=pins,
        )
        num = fill(text.local_with_numbers[p], [n.term(x) for x in xs], [n.num(x) for x in xs], k, n.term(y))
        res = n.num(locs[p])
        parts = [sym]
        if num not in (sym, res, f"({res})"):
            parts.append(num)
        if parts[-1] != res:
            parts.append(res)
        out.append(f"{_partial(name, nm(srcs[p]), p, srcs)} = " + " = ".join(parts))
    return out


def _told(names: SentenceNames, srcs: Sequence[str | None]) -> set[int]:
    """The ports of ``srcs`` whose node :meth:`SentenceNames.bare` writes told apart, bracketed."""
    return {p for p, s in enumerate(srcs) if s is not None and names.told(s)}


def _is_sum(template: str) -> bool:
    """Whether an op's formula adds or subtracts ("{0} + {1}", "1 − {out}²"):
    its numbers are then written to the same decimal places."""
    return " + " in template or " − " in template


def _saturated_digits(y: float) -> int:
    """Digits enough that a tanh or sigmoid near ±1 (or 0) is not written as
    one: "1 − (−1)² = 4.501e−7" read as wrong arithmetic (a trial; tanh(−8)
    is −0.99999977), at least 6."""
    d = 6
    while d < 17 and y not in (1.0, -1.0, 0.0) and fmt(y, d).lstrip(MINUS) in ("1", "0"):
        d += 1
    return d


def explain(
    model: GraphModel, replay: Replay | None, node: str, pos: int, no_pass: str | None = None
) -> Explanation:
    """What the chain rule says about ``node`` at replay position ``pos``;
    with no pass, ``no_pass`` says why Backward does not run now (Quiz Mode),
    where it does not."""
    op = ops.OPS[model.op(node)]
    name = model.label(node)
    nm = replay.names if replay is not None and replay.names is not None else names_of(model)
    # a constant by where it is used, as the banner names it ("1  —  Value" said nothing)
    where = replay.constant_where(node) if replay is not None and replay.in_past(node) else None
    head = name
    if replay is not None and where is None and replay.in_past(node):
        named = replay.named(node)  # a label other cards share, told apart as the banner does (trial 51)
        head = named if named != node_name(name) else name
    heading = f"{head}  —  {op.title}" if where is None else f"the constant {where}  —  {op.title}"
    # (a number as the banner and the captions of the step shown write it: trial 64 #8)
    pins = replay.pins(pos) if replay is not None else None
    secs = [Section("Value", [value_line(model, node, pins, nm)])]
    if op.name != "leaf":
        secs.append(Section("Local derivatives", local_lines(model, node, pins, nm)))
    if replay is None and no_pass:  # (a trial: "Run Backward to see…" in Quiz Mode, which refuses it)
        secs.append(Section("Gradient", [no_pass, *_grad_shape(model, node, nm)]))
        return Explanation(node, heading, secs)
    if replay is None:
        secs.append(Section("Gradient", ["Run Backward to see how the gradient reaches this node."]))
        return Explanation(node, heading, secs)
    if not replay.in_past(node):
        root = nm.plain(replay.root) if replay.root in model else replay.root
        secs.append(
            Section(
                "Gradient",
                [
                    f"{root} does not depend on {nm.plain(node)}: "
                    "backward never reaches it, so it gets no gradient."
                ],
            )
        )
        return Explanation(node, heading, secs)
    gradient = _gradient_section(model, replay, node, pos, pins, nm)
    secs.append(gradient)
    if op.name != "leaf":
        secs.append(_passing_section(model, replay, node, pos, pins, nm))
    return Explanation(node, heading, secs, gradient)


def _grad_shape(model: GraphModel, node: str, nm: SentenceNames) -> list[str]:
    """How ``node``'s gradient is made, without its numbers: one term per
    use ("a.grad = e.grad × ∂e/∂a"), for the learner to work out; nothing
    for a node no wire leaves."""
    name = nm(node)
    uses = sorted(model.consumers(node), key=lambda u: (model.label(u[0]), u[1]))
    if not uses:  # (the output's, 1, is the quiz's first question: not told)
        return []
    terms = []
    for target, port in uses:
        c = nm(target)
        terms.append(f"{c}.grad × {_partial(c, name, port, tuple(model.inputs(target)))}")
    return [f"{name}.grad = " + " + ".join(terms)]


def _gradient_section(
    model: GraphModel, replay: Replay, node: str, pos: int, pins: Pins | None, nm: SentenceNames
) -> Section:
    name = nm(node)
    sec = Section(f"Its gradient {replay.gname(name)}: the sum of what its consumers send back")
    if node == replay.root:
        sec.lines.append(f"{replay.seed(name)}  (backward starts here)")
        return sec
    got = replay.received_before(node, pos)
    # (two uses with one label and no group to tell them apart, as the two
    # "y.grad·x" of y = x·x's gradient graph: by the step that sent each)
    sent_at = lambda n: f"at step {replay.step_of(n) + 1}"
    apart = told_apart(model.label, model.groups, [r.source for r in got], sent_at)
    for r in got:
        src = operand(model.label(r.source))
        steps = replay.steps[r.step]
        where = f" ({apart[r.source]})" if r.source in apart else ""
        if not where and nm.told(r.source):  # (a label another node of the graph has: trial 69 #6)
            src, where = nm(r.source), nm.plain(r.source).removeprefix(model.label(r.source))
        sec.lines.append(
            f"from {model.label(r.source)}{where}: "
            f"{replay.gname(src)} × {_partial(src, name, r.port, steps.inputs)}"
            f" = {multiplied(r.upstream, r.local, r.amount, pins)}"
        )
    total = len(replay.received[node])
    if got:
        sec.lines.append(
            f"{replay.gname(name)} = " + summed([r.amount for r in got], replay.grad(node, pos), pins)
        )
        why = replay.nonfinite_origin(node, pos)
        if why:
            sec.lines.append(f"⚠ not finite: {why}")
    if len(got) < total:
        waiting = []
        for r in replay.received[node][len(got) :]:
            lab = nm.plain(r.source)
            if lab not in waiting:
                waiting.append(lab)
        more = total - len(got)
        sec.lines.append(
            f"still to come: {more} contribution{'s' if more > 1 else ''} (from {', '.join(waiting)})"
        )
    elif len(got) > 1:
        sec.lines.append(
            f"{nm.plain(node)} is used {len(got)} times, so its gradient is the sum of "
            f"{len(got)} contributions (+=, not =)."
        )
    return sec


def slope_line(model: GraphModel, replay: Replay, node: str, pos: int) -> str | None:
    """``node``'s gradient at ``pos``, once whole, said as the root's slope (None
    where it is not whole, or is the root's own): for a card the user asked
    about, not each step's page. Named as Properties names it ("where a (id a)
    is 2"); where the root or the node is inf/nan, no slope (trial 69 #7)."""
    if node == replay.root or not replay.in_past(node):
        return None
    got, total = replay.received_before(node, pos), len(replay.received[node])
    g, v = replay.grad(node, pos), model.value(node)
    if not got or len(got) != total or g is None or v is None or not math.isfinite(g):
        return None
    pins = replay.pins(pos)
    nm = replay.names if replay.names is not None else names_of(model)
    root = nm.plain(replay.root) if replay.root in model else replay.root
    rv = model.value(replay.root) if replay.root in model else None
    plain = nm.plain(node)
    off = no_slope(root, rv, plain, v)
    at = signed_zero(v, said(v, pins))  # (a −0 with its sign: trial 69 #12)
    return f"({slope_text(root, plain, at, said(g, pins), off)})"


def _passing_section(
    model: GraphModel, replay: Replay, node: str, pos: int, pins: Pins | None, nm: SentenceNames
) -> Section:
    name = nm(node)
    k = replay.step_of(node)
    step = replay.steps[k]
    said = nm.plain(node)  # (where nothing follows: "x*y passes", not "(x*y) passes")
    sec = Section(f"Chain rule: {said} passes its gradient back  (step {k + 1} of {replay.last})")
    if pos <= k:
        if len(replay.received_before(node, pos)) == len(replay.received[node]):
            sec.lines.append(f"{replay.gname(name)} is complete: step {k + 1} passes it back.")
        else:
            sec.lines.append(f"waits until {replay.gname(name)} is complete (step {k + 1}).")
        return sec
    pairs = list(zip(step.locals, step.contributions, strict=True))
    products = multiplied_alike(step.upstream, pairs, pins)[1]
    for p, inp in enumerate(step.inputs):
        il = nm(inp)
        sec.lines.append(
            f"{replay.gname(il)} += {replay.gname(name)} × {_partial(name, il, p, step.inputs)}"
            f" = {products[p]}"
        )
    return sec


def narrate(replay: Replay, pos: int) -> str:
    """What the canvas shows at ``pos``, in a sentence or two with the numbers."""
    lab = replay.named  # labels as operands: a, (x1*w1 + x2*w2); (… + w·x2 in neuron 1.3 [1]) if shared
    root = lab(replay.root)
    if pos == 0:
        return (
            f"Start: {replay.seed(root)}. Backward passes it back through the "
            f"graph, one node at a time (Step →, Play P)."
        )
    if pos >= replay.last:
        shared = replay.summed(7)  # six named, and whether there are more
        more = ""
        if shared:
            names = ", ".join(map(replay.plain, shared[:6])) + (", …" if len(shared) > 6 else "")
            more = (
                f" {names} {'is' if len(shared) == 1 else 'are'} used more than once, so "
                f"{'its gradient is' if len(shared) == 1 else 'their gradients are'} "
                f"the sum of several contributions."
            )
        done = (
            f"Finished: every node {root} depends on shows its gradient ∂{root}/∂node."
            + more
            + " Select a node to see how its gradient was made."
        )
        if not replay.steps:
            return done
        # the last step is shown on the finished picture too: say what it did,
        # briefly (a taller banner would push the canvas around)
        step = replay.steps[-1]
        name = lab(step.node)
        if step.inputs:
            did = f"Step {replay.last} of {replay.last}: {replay.plain(step.node)} passed its gradient back."
        else:
            total = sum_text(replay.steps.amounts(step.node), replay.grad(step.node, replay.last), BRIEF)
            who = replay.subject(step.node)  # ("the constant 1 (in e - 1)")
            did = f"Step {replay.last} of {replay.last}: {who} is a leaf: "
            did += f"{replay.gname(name)} = {total} is final."
        short = f"Finished: every node shows ∂{root}/∂node."
        if shared:
            short += (
                f" {names} {'is' if len(shared) == 1 else 'are'} used more than once: "
                f"{'its gradient is a sum' if len(shared) == 1 else 'their gradients are sums'}."
            )
        return did + "  " + short
    return _step_sentence(replay, pos)


def _step_sentence(replay: Replay, pos: int) -> str:
    """What step ``pos`` (1 ... last) does."""
    lab = replay.named
    step = replay.current(pos)
    assert step is not None  # pos is a step: 1 ... last
    name = lab(step.node)
    head = f"Step {pos} of {replay.last}: "
    if not step.inputs:
        return head + (
            f"{replay.subject(step.node)} is a leaf, so it passes nothing on: "
            f"{replay.gname(name)} = "
            f"{sum_text(replay.steps.amounts(step.node), step.upstream, BRIEF)} is final."
        )
    parts = []
    # (the gradient written alike in each product and the sentence's head: t62 #6)
    up, products = multiplied_alike(step.upstream, list(zip(step.locals, step.contributions, strict=True)))
    for p, inp in enumerate(step.inputs):
        part = f"{replay.gname(lab(inp))} += {products[p]}" + which_input(step.inputs, p).replace(
            " (input", " via input"
        ).rstrip(")")
        earlier = [r for r in replay.received[inp] if r.step < pos - 1]
        if earlier and p == max(i for i, x in enumerate(step.inputs) if x == inp):
            note = replay.note(inp, pos)
            assert note is not None  # inp has received gradient before
            part += f" (now {note.split(' = ', 1)[1]})"
        elif step.inputs.count(inp) > 1 and p == max(i for i, x in enumerate(step.inputs) if x == inp):
            part += f" (so {replay.note(inp, pos)})"
        parts.append(part)
    return head + (
        f"{replay.gname(name)} = {up} is complete, "
        f"so {replay.plain(step.node)} passes it back, "
        f"times each local derivative: " + ";  ".join(parts) + "."
    )


def slope_text(root: str, node: str, value: str, grad: str, off: str = "") -> str:
    """What a gradient means, as the lecture's first part says it: the slope
    of the root at the node's value ("a small nudge h of x moves y by about
    14·h"; trial 67 #10: a learner found the number, not what it says).
    ``off`` (:func:`no_slope`): the root's or the node's value is inf/nan
    there, "y is nan": then no slope, only the chain rule's formula worked
    out at that point (trial 69 #7: "nudging x moves y by about −1·h" for
    y = ln(x) at x = −1, where y stays nan)."""
    if off:
        return (
            f"the chain rule's formula for ∂{root}/∂{node} worked out at {node} = {value}, "
            f"not a slope: {off} there, so nudging {node} does not move {root} by about {grad}·h"
        )
    nudged = f"nudging {node} by a small h moves {root} by about {grad}·h"
    return f"the slope of {root} where {node} is {value}: {nudged}"


def meaning(model: GraphModel, names: SentenceNames, root: str, node: str, g: float) -> str:
    """:func:`slope_text` of ``node``'s gradient ``g`` in a pass from
    ``root`` (both in ``model``), the nodes named by ``names``."""
    v, name, top = model.value(node), names.plain(node), names.plain(root)
    off = no_slope(top, model.value(root), name, v)
    return slope_text(top, name, signed_zero(v, said(v)), said(g), off)


def no_slope(root: str, root_value: float | None, node: str, value: float | None) -> str:
    """ "y is nan" where the root's value (else the node's) is inf/nan, for
    :func:`slope_text`; "" where both are finite numbers."""
    for name, v in ((root, root_value), (node, value)):
        if v is not None and not math.isfinite(v):
            return f"{name} is {said(v)}"
    return ""
