"""What Import Code says about a text besides its graph: the statements that
build something (to name what was added: "from “a = Value(-4.0); …”") and
the statements it read but did not carry out (``print(…)``, ``assert …``,
``g.backward()``, the lecture's ``draw_dot(o)``), counted, so the status line can name them (a trial:
micrograd's README lost its ``g.backward()`` and three prints without a word,
and the learner wondered where the gradients were).

The text is parsed once here with :mod:`ast`; nothing is run.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from core.code.codeskips import HINTS, KINDS, hand_step
from core.explain.words import listed

#: What the status line says after a skipped ``.backward()``.
BACKWARD_HINT = "press Ctrl+B to run Backward"
#: ... and after a skipped ``draw_dot(o)`` (the lecture's cells end with one).
DRAW_DOT_HINT = "the canvas draws the graph"


#: A line with its end (as :mod:`ast` splits a source: at "\r\n", "\r" or "\n", not a form feed).
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")


def segments(text: str) -> Callable[[ast.AST], str | None]:
    """:func:`ast.get_source_segment` of ``text`` for many nodes: its lines
    split once (the standard one splits the whole text again for each node:
    22 s for the 664 statements of an exported MLP, a trial's frozen window)."""
    lines = _LINE.findall(text)
    encoded: dict[int, bytes] = {}

    def line(i: int) -> bytes:
        b = encoded.get(i)
        if b is None:
            b = encoded[i] = lines[i].encode()
        return b

    def segment(node: ast.AST) -> str | None:
        try:
            first, last = node.lineno - 1, node.end_lineno  # type: ignore[attr-defined]
            a, b = node.col_offset, node.end_col_offset  # type: ignore[attr-defined]
        except AttributeError:
            return None
        if last is None or b is None:
            return None
        last -= 1
        if not 0 <= first <= last < len(lines):
            return None
        if first == last:
            return line(first)[a:b].decode()
        middle = lines[first + 1 : last]
        return "".join([line(first)[a:].decode(), *middle, line(last)[:b].decode()])

    return segment


@dataclass
class TextNotes:
    """``code``: the statements that build something, "; "-joined (the text
    itself if it does not parse, or has nothing else); ``skipped``: what was
    read but not done, e.g. ["print ×3", "g.backward() — press Ctrl+B to run Backward"];
    ``used``: the names of the nodes on the canvas the text was wired to;
    ``drawn``: the ``draw_dot(…)`` statements skipped (the headless
    ``import`` says so in its own words)."""

    code: str
    skipped: list[str] = field(default_factory=list)
    used: list[str] = field(default_factory=list)
    drawn: list[str] = field(default_factory=list)
    named: list[str] = field(default_factory=list)  # a name taken on the canvas: "the new o is named o2 …"


def _called(st: ast.stmt) -> ast.Call | None:
    return st.value if isinstance(st, ast.Expr) and isinstance(st.value, ast.Call) else None


def _is_print(st: ast.stmt) -> bool:
    call = _called(st)
    return call is not None and isinstance(call.func, ast.Name) and call.func.id == "print"


def draws_dot(v: ast.expr) -> bool:
    """``draw_dot(o)``, or a method called on what it returns
    (``draw_dot(o).render('g')``): a picture, which the canvas is."""
    while isinstance(v, ast.Call) and isinstance(v.func, ast.Attribute):
        v = v.func.value
    return isinstance(v, ast.Call) and isinstance(v.func, ast.Name) and v.func.id == "draw_dot"


def _is_draw_dot(st: ast.stmt) -> bool:
    return isinstance(st, ast.Expr) and draws_dot(st.value)


def _is_backward(st: ast.stmt) -> bool:
    call = _called(st)
    return call is not None and isinstance(call.func, ast.Attribute) and call.func.attr == "backward"


def _counted(what: str, n: int) -> str:
    return what if n == 1 else f"{what} ×{n}"


def _some(texts: list[str]) -> str:
    """The first of ``texts``, and how many more ("L.grad = 1.0 (+6 more)")."""
    first = shorten(texts[0], 48)
    return first if len(texts) == 1 else f"{first} (+{len(texts) - 1} more)"


def _by_hand(text: str, body: list[ast.stmt]) -> list[str]:
    by_hand: dict[str, list[str]] = {}
    source = segments(text)
    for st in body:
        if (kind := hand_step(st)) is not None:
            by_hand.setdefault(kind, []).append(" ".join((source(st) or kind).split()))
    return [f"{_some(by_hand[k])} — {HINTS[k]}" for k in KINDS if k in by_hand]


def hand_notes(text: str) -> list[str]:
    """Only what :mod:`core.code.codeskips` skips in ``text`` (the Code
    panel's notes: the ``L.backward()`` it writes itself is not news)."""
    try:
        return _by_hand(text, ast.parse(text).body)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return []


def read_notes(text: str) -> TextNotes:
    """The :class:`TextNotes` of ``text`` (one parse)."""
    try:
        body = ast.parse(text).body
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return TextNotes(text)
    source = segments(text)
    kept = [
        source(st) or ""
        for st in body
        if not isinstance(st, (ast.Import, ast.ImportFrom, ast.Assert))
        and not (isinstance(st, ast.Expr) and isinstance(st.value, ast.Constant))  # a docstring
        and not _is_print(st)
        and not _is_backward(st)
        and not _is_draw_dot(st)
        and hand_step(st) is None
    ]
    prints = sum(map(_is_print, body))
    asserts = sum(isinstance(st, ast.Assert) for st in body)
    backward = [" ".join((source(st) or "x.backward()").split()) for st in body if _is_backward(st)]
    drawn = [" ".join((source(st) or "draw_dot(…)").split()) for st in body if _is_draw_dot(st)]
    skipped = [_counted("print", prints)] if prints else []
    skipped += [_counted("assert", asserts)] if asserts else []
    skipped += _by_hand(text, body)
    if backward:
        skipped.append(f"{_counted(backward[-1], len(backward))} — {BACKWARD_HINT}")
    if drawn:
        skipped.append(f"{_counted(drawn[-1], len(drawn))} — {DRAW_DOT_HINT}")
    return TextNotes("; ".join(k for k in kept if k) or text, skipped, drawn=drawn)


def shorten(code: str, n: int = 40) -> str:
    """``code`` on one line, cut to ``n`` characters."""
    one = " ".join(code.split())
    return one if len(one) <= n else one[: n - 1].rstrip() + "…"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' * (n != 1)}"


def added_message(
    notes: TextNotes,
    nodes: int,
    wires: int,
    *,
    beside: int = 0,
    output: str | None = None,
    output_changed: bool = False,
    new_graph: bool = False,
    name_output: bool = False,
    in_place_of: str = "",
    beside_output: bool = False,
    replacing: bool = False,
    result: str = "",
) -> str:
    """What the status line says after code was added: how much, where
    (``beside`` the nodes already there, then naming the output, which may
    have moved to the code's; or as a new graph), which nodes on the canvas
    it uses, and what was skipped. ``name_output`` (not beside): say when
    the output moved to the code's ("L is now the output"). ``in_place_of``:
    the graph a new one took the place of in its document (Undo brings it back).
    ``beside_output``: the new ``result`` is a side result, the output stays
    ("w added beside L; L stays the output": t70 #8 lost its output unsaid);
    ``replacing``: it took an old node's place ("L stays the output")."""
    what = f"{_plural(nodes, 'node')} and {_plural(wires, 'wire')}"
    used = f", using {listed(notes.used)} from the canvas" if notes.used else ""
    if new_graph and in_place_of:
        text = f"Opened “{shorten(notes.code)}” as a new graph: {what}, in place of {in_place_of}"
        text += " (Undo brings it back)"
    elif new_graph:
        text = f"Opened “{shorten(notes.code)}” as a new graph: {what} (Undo removes them)"
    elif beside:  # (no "Undo removes them": the line is long enough)
        text = f"Added {what} from “{shorten(notes.code)}” beside the {beside} already there{used}"
        if output is not None:
            text += f"; the output {'is now' if output_changed else 'stays'} {output}"
    else:
        text = f"Added {what} from “{shorten(notes.code)}”{used}"
        if name_output and output is not None and output_changed:
            text += f"; {output} is now the output"
        elif beside_output and output is not None and replacing:
            text += f"; {output} stays the output"
        elif beside_output and output is not None and result:
            text += f"; {result} added beside {output}; {output} stays the output"
        text += " (Undo removes them)"
    if notes.named:
        text += " · " + "; ".join(notes.named)
    if notes.skipped:
        text += " · skipped: " + "; ".join(notes.skipped)
    return text
