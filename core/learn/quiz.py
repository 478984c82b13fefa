"""Quiz: the learner types each node's gradient in backward order.

Answers may be numbers or small arithmetic (``-2*3``, ``1 - 0.7071**2``);
they are parsed with ``ast``, never ``eval``. An answer is right when it is
within 1e-6 relative of the engine's gradient (within 1e-12 for a gradient of 0),
and right to the digits shown when it is within 2e-4 relative (5e-5 near 0):
worked out, as the lecture does, from the four digits the cards show
(``1 - 0.7071**2`` for 0.4999999999999998; a trial's learner was marked wrong).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from core.autograd.ops import OPS
from core.explain.format import MINUS, NoResult, arithmetic, decimal_comma
from core.explain.names import node_name
from core.graph.backward import backward
from core.graph.errors import InvalidValueError

if TYPE_CHECKING:
    from core.graph.model import GraphModel

RTOL = 1e-6
ATOL = 1e-12
#: How far an answer worked out from the numbers the app shows may be off (four digits each).
SHOWN_RTOL = 2e-4  # (1 - 0.7071**2 is 2e-5 off; 0.5004 for 0.5, 8e-4, is not right)
SHOWN_ATOL = 5e-5


def parse_answer(text: str) -> float:
    """A typed answer as a float; InvalidValueError saying what is wrong."""
    if not text.strip():
        raise InvalidValueError("type a number, e.g. -2 or 0.5")
    try:
        return arithmetic(text)
    except NoResult as e:
        raise InvalidValueError(str(e)) from None
    except ValueError:
        # a decimal comma told as the value box tells it (trial 75 #12: "-4,0" got only examples)
        point = decimal_comma(text)
        hint = f"use a decimal point: {point}" if point else "e.g. -2, 0.5 or 2*-3"
        raise InvalidValueError(f"{text.strip()!r} is not a number ({hint})") from None


def is_close(given: float, expected: float, rtol: float = RTOL, atol: float = ATOL) -> bool:
    if math.isnan(expected) or math.isnan(given):
        return math.isnan(expected) and math.isnan(given)
    if math.isinf(expected) or math.isinf(given):
        return given == expected
    # the absolute floor forgives rounding noise on a gradient that is really 0
    return abs(given - expected) <= max(rtol * abs(expected), atol)


def num(v: float) -> str:
    """A short, exact-enough number for explanations: 0.5, −4, 0.7071067812
    (with the typographic minus the rest of the app shows)."""
    if math.isfinite(v) and v == int(v) and abs(v) < 1e15:
        t = str(int(v))
    else:
        t = f"{v:.10g}"
    return t.replace("-", MINUS)


def _paren(v: float) -> str:
    t = num(v)
    return f"({t})" if t.startswith(MINUS) else t


@dataclass
class Answer:
    node: str
    given: float
    expected: float
    correct: bool
    explanation: str  # the chain-rule step that gives the expected value
    #: Right to the digits shown, not to the last bit (from rounded numbers: the exact value is said).
    rounded: bool = False


@dataclass
class Quiz:
    """Questions are the root's past in backward order (the root first)."""

    model: GraphModel
    root: str | None = None
    answers: list = field(default_factory=list)

    def __post_init__(self) -> None:
        res = backward(self.model, self.root)
        self.root = res.root
        self.order = list(res.order)
        self.grads = {n: res.grads[n] for n in self.order}
        self._uses: dict[str, list] = {n: [] for n in self.order}
        for s in res.steps:
            for port, (inp, loc, con) in enumerate(zip(s.inputs, s.locals, s.contributions)):
                self._uses[inp].append((s.node, port, loc, s.upstream, con))

    @property
    def total(self) -> int:
        return len(self.order)

    @property
    def score(self) -> int:
        return sum(a.correct for a in self.answers)

    @property
    def done(self) -> bool:
        return len(self.answers) >= len(self.order)

    @property
    def current(self) -> str | None:
        """The node whose gradient is asked now, None at the end."""
        return None if self.done else self.order[len(self.answers)]

    def answer(self, text_or_value: str | float) -> Answer:
        """Check the answer for the current node and move on."""
        n = self.current
        if n is None:
            raise InvalidValueError("the quiz is over; start it again to play another round")
        given = parse_answer(text_or_value) if isinstance(text_or_value, str) else float(text_or_value)
        exp = self.grads[n]
        exact = is_close(given, exp)
        shown = exact or is_close(given, exp, SHOWN_RTOL, SHOWN_ATOL)
        a = Answer(n, given, exp, shown, self.explain(n), rounded=shown and not exact)
        self.answers.append(a)
        return a

    def explain(self, n: str) -> str:
        """How the chain rule gives ``n``'s gradient, one line per use,
        written with the graph's own names (``L = d · f, so ∂L/∂d = f = −2``)."""
        m = self.model
        name = m.label(n)
        if n == self.root:
            return f"{node_name(name)}.grad = 1: the root's gradient with respect to itself."
        lines, terms = [], []
        for out, port, loc, up, con in self._uses[n]:
            o = m.label(out)
            op = m.op(out)
            ins = m.inputs(out)
            # OPS' placeholders ({0} operand, {a} bare) are one name here
            terms_in = [node_name(m.label(src)) if src is not None else key for key, src in zip("ab", ins)]
            names = {"out": node_name(o), **dict(zip("ab", terms_in))}
            if op == "pow":
                k = float(m.node(out).get("exponent", 2.0))
                names.update(k=num(k), kk=_paren(k), km1=num(k - 1))
            text = OPS[op].quiz_text
            formula = text.value.format(*terms_in, **names)
            rule = text.local[port].format(*terms_in, **names)
            value = num(loc)
            local = f"∂{node_name(o)}/∂{node_name(name)} = {rule}" + ("" if rule == value else f" = {value}")
            which = ""
            if sum(1 for src in ins if src == n) > 1:
                which = f" (as its {('first', 'second')[port] if port < 2 else f'input {port + 1}'} input)"
            back = f"{node_name(o)}.grad ({num(up)})"
            lines.append(f"{o} = {formula}, so {local}{which}; × {back} = {num(con)}")
            terms.append(f"{_paren(loc)} × {_paren(up)}")
        # "(x1*w1 + x2*w2).grad", as the question asks it (verify 51: "x1*w1 + x2*w2.grad")
        head = f"{node_name(name)}.grad = " + " + ".join(terms) + f" = {num(self.grads[n])}"
        if len(terms) > 1:
            head += f"  ({name} is used {len(terms)} times: the contributions add up)"
        return "\n".join([head, *lines])
