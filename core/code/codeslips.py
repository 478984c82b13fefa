"""A learner's slips in a formula, told as what to write (trial 69 #3, #4, #5).

:func:`plain_text` reads the app's own notation as Python: the minus the
cards show (``−``, U+2212) as ``-`` and ``x²``/``x³`` as ``x**2``/``x**3``,
outside strings and comments, with a map back to the columns as typed.
:func:`syntax_hint` turns Python's syntax error into the fix ("3x": a
``*`` may be missing; "y = x**": ``**`` needs a number after it), falling
back on Python's words where no hint fits. Plain Python, no Qt.
"""

from __future__ import annotations

import keyword
import re

from core.explain.format import decimal_comma
from core.explain.words import close_word

#: Functions usable as ``f(x)`` and methods usable as ``x.f()``.
FUNCTIONS = ("exp", "log", "tanh", "relu", "sigmoid")
#: Other names a function is called by (the lecture's and a blackboard's ``ln``).
ALIASES = {"ln": "log"}

#: the app's notation, read as Python: its minus and superscript powers
_NOTATION = {"\u2212": "-", "²": "**2", "³": "**3"}
_SUPERS = frozenset("²³")
#: strings and comments: copied as written (a label 'a−b' keeps its minus)
_KEPT = re.compile(r"'''.*?'''|\"\"\".*?\"\"\"|'[^'\n]*'|\"[^\"\n]*\"|#[^\n]*", re.DOTALL)


def plain_text(text: str) -> tuple[str, dict[int, list[int]]]:
    """``text`` with the app's notation read as Python, and for each line
    changed in length (1-based) the column as typed (0-based) of each of its
    characters, and one past its end."""
    out: list[str] = []
    maps: dict[int, list[int]] = {}
    here: list[int] = []
    line, col, grown = 1, 0, False

    prev = ""

    def put(chunk: str, rewrite: bool) -> None:
        nonlocal line, col, here, grown, prev
        for c in chunk:
            if c == "\n":
                if grown:
                    maps[line] = here + [col]
                line, col, here, grown = line + 1, 0, [], False
                out.append(c)
                prev = c
                continue
            new = _NOTATION.get(c, c) if rewrite else c
            if rewrite and c in _SUPERS and prev in _SUPERS:  # a run is one exponent: x²³ is x**23
                new = new.lstrip("*")
            prev = c if rewrite else ""
            grown = grown or len(new) != 1
            out.append(new)
            here.extend([col] * len(new))
            col += 1

    at = 0
    for m in _KEPT.finditer(text):
        put(text[at : m.start()], True)
        put(m.group(0), False)
        at = m.end()
    put(text[at:], True)
    if grown:
        maps[line] = here + [col]
    return "".join(out), maps


#: two operands with only spaces between them: "x y", "2 x", ") y"
_ADJACENT = re.compile(r"([A-Za-z_]\w*|\d+(?:\.\d*)?|\))[ \t]+([A-Za-z_]\w*|\d+(?:\.\d*)?|\()")
#: a number run into a name: "3x", "2X", "0.5y"
_RUN_IN = re.compile(r"(?<![\w.])(\d+(?:\.\d*)?)([A-Za-z_]\w*)")
#: an operator with nothing after it, at the end of a line
_DANGLING = re.compile(r"(\*\*|//|[-+*/%@])\s*$")
#: the name of a call whose brackets are still open: "Value(" in "a = Value(2.0"
_OPEN_CALL = re.compile(r"([A-Za-z_]\w*)\s*$")


def _star(a: str, b: str) -> str:
    return f"a * may be missing between {a} and {b} (write {a}*{b})"


def _open_call(before: str) -> str | None:
    """The function whose brackets ``before`` (a line up to a point) leaves open, if any."""
    depth = 0
    for i in range(len(before) - 1, -1, -1):
        c = before[i]
        if c in ")]":
            depth += 1
        elif c in "([":
            if depth == 0:
                m = _OPEN_CALL.search(before[:i]) if c == "(" else None
                return m.group(1) if m else None
            depth -= 1
    return None


def _side_by_side(line: str, at: int, end: int) -> tuple[str, int] | None:
    """Two operands side by side at (``at``, ``end``), 1-based: a * missing,
    or the comma before a keyword or between Value()'s arguments; a function
    named before its argument is told to be called."""
    for m in _ADJACENT.finditer(line):
        a, b = m.group(1), m.group(2)
        if keyword.iskeyword(a) or keyword.iskeyword(b) or m.end() < at or m.start() >= end:
            continue
        col = m.start(2) + 1
        if a in FUNCTIONS or a in ALIASES or a == "Value":  # "tanh x": tanh(x), not tanh*x (trial 69 #3)
            arg = "…" if b == "(" else b
            return f"{a} is a function: call it with brackets, as in {a}({arg})", col
        keyword_next = b != "(" and re.match(r"\s*=(?!=)", line[m.end() :])
        if keyword_next or _open_call(line[: m.start()]) == "Value":  # Value(2.0 label='a'): a comma
            tail = "=…" if keyword_next else ""
            return f"a comma may be missing between {a} and {b} (write {a}, {b}{tail})", col
        return _star("(…)" if a == ")" else a, "(…)" if b == "(" else b), col
    return None


def _misplaced_name(msg: str, code: str) -> str | None:
    """``2 = x``, ``x + 1 = y``, ``f(x) = x**2``: the name to make goes on the
    left of =, alone (Python's "Maybe you meant '=='?" sends a learner to a
    comparison, which a formula refuses: trial 69 #3)."""
    if not msg.startswith("cannot assign to") or "=" not in code:
        return None
    left, _, right = code.partition("=")
    left, right = left.strip(), right.strip()
    if f := re.fullmatch(r"([A-Za-z_]\w*)\s*\(.*\)", left):  # f(x) = x**2
        return f"the name goes alone on the left of =: write {f.group(1)} = {right or '…'}"
    if re.fullmatch(r"[A-Za-z_]\w*", right):
        return f"the new name goes on the left of =: write {right} = {left}"
    return f"only a name can stand on the left of =: put the new name there, as in y = {right or left}"


#: a caret between two operands: "x^2", "(a+b) ^ 3"
_CARET = re.compile(r"([A-Za-z_]\w*|\d+(?:\.\d*)?|\))\s*\^\s*([A-Za-z_]\w*|\d+(?:\.\d*)?|\()")


def syntax_hint(e: SyntaxError, line: str) -> tuple[str, int]:
    """What to write for the syntax error ``e`` on ``line`` (Python's own
    message where no hint fits), with the line's other slips a hint names
    ("x^2 + 3x": the ^ and the 3x at once, t70 #10: told one at a time, a
    learner fixed one and was told of the next), and the column (1-based)
    the first of them points at."""
    said, col = _syntax_hint(e, line)
    slips = [(c, s) for c, s in other_slips(line) if c != col and s != said]
    if not slips:
        return said, col
    slips = sorted([(col, said), *slips])
    return f"{len(slips)} slips: " + "; ".join(s for _, s in slips), slips[0][0]


def other_slips(line: str) -> list[tuple[int, str]]:
    """The slips of ``line`` told wherever they are, each with its column
    (1-based): a number run into a name ("3x") and ^ for a power; strings and
    comments are no part of it."""
    code = _KEPT.sub(lambda m: " " * len(m.group(0)), line)
    found = [(m.start(2) + 1, _star(m.group(1), m.group(2))) for m in _RUN_IN.finditer(code)]
    found = [(c, s) for (c, s), m in zip(found, _RUN_IN.finditer(code)) if not _exponent(m)]
    for m in _CARET.finditer(code):
        a = "(…)" if m.group(1) == ")" else m.group(1)
        b = "(…)" if m.group(2) == "(" else m.group(2)
        found.append((m.start() + m.group(0).index("^") + 1, f"^ is not a power: write {a}**{b}"))
    return found


def powers_meant(line: str) -> list[str]:
    """Each ``a^b`` of ``line`` written as the power it means (``a**b``)."""
    return [s.rsplit("write ", 1)[1] for _, s in sorted(other_slips(line)) if s.startswith("^")]


def _exponent(m: re.Match) -> bool:
    """``1e5``, ``2E3``: a number, not a number run into a name."""
    return bool(re.fullmatch(r"[eE]\d*", m.group(2)))


def _syntax_hint(e: SyntaxError, line: str) -> tuple[str, int]:
    at = e.offset or 1
    code = re.sub(r"#.*$", "", line).rstrip()  # (a comment after it is no part of the slip)
    if e.msg == "invalid decimal literal":  # 3x, 2X: as "3 x" is told (trial 69 #4)
        for m in _RUN_IN.finditer(line):
            if m.start() <= at - 1 < m.end() and not _exponent(m):
                return _star(m.group(1), m.group(2)), m.start(2) + 1
    if said := _misplaced_name(e.msg, code):
        return said, 1
    if never := re.fullmatch(r"'([(\[])' was never closed", e.msg):  # (worded as a bracket left open is)
        b = never.group(1)
        return f"the bracket {b!r} at column {at} is not closed: add {_CLOSE[b]!r}", at
    if crossed := re.fullmatch(
        r"closing parenthesis '(.)' does not match opening parenthesis '(.)'.*", e.msg
    ):
        b, o = crossed.groups()  # "(x + 2]": the bracket that closes it is the other kind
        return f"the bracket {b!r} at column {at} does not close {o!r}: write {_CLOSE.get(o, ')')!r}", at
    if unmatched := re.fullmatch(r"unmatched '([)\]])'", e.msg):
        b = unmatched.group(1)
        fix = f"take it out, or add its {_OPEN[b]!r} before it"
        return f"the bracket {b!r} at column {at} closes nothing: {fix}", at
    if re.match(r"(cannot|can't) use (double )?starred expression", e.msg):
        star = code[at - 1 :].lstrip()[:2]  # "(* x)": a * with nothing before it
        op = "**" if star == "**" else "*"
        return f"{op} needs something before it (a name or a number)", at
    if not e.msg.startswith("invalid syntax") or not line:
        return e.msg, at
    stripped = code.lstrip()
    if stripped.startswith("=") and not stripped.startswith("=="):  # "= x + 1"
        rest = stripped[1:].strip() or "x + 1"
        return f"give the result a name: y = {rest}", len(code) - len(stripped) + 1
    if code.endswith("=") and not re.search(r"[=<>!]=$", code) and "=" not in code[:-1]:  # "y ="
        name = code[:-1].strip() or "y"
        return f"nothing after =: write what {name} is, as in {name} = x + 1", at  # (where it goes)
    if dangling := _DANGLING.search(code):  # "y = x**", "L = a*b +"
        op = dangling.group(1)
        after = "a number after it, as in x**2" if op == "**" else "something after it (a name or a number)"
        return f"{op} needs {after}", at  # (after it: the caret where the missing part is typed)
    end = e.end_offset if e.end_offset and e.end_offset > at else at + 1
    if side := _side_by_side(line, at, end):
        return side
    if gap := _missing_between(code, at):  # "(a*b + * f)": not the bracket (t72 #1)
        return gap, at
    opened = _unclosed(code[: at - 1])  # "o = n.tanh(; …": the bracket left open (t70 #10)
    if opened is not None and _unclosed(code) is not None:  # (closed later: not its slip)
        b = code[opened]
        return f"the bracket {b!r} at column {opened + 1} is not closed: add {_CLOSE[b]!r}", at
    return e.msg, at


def _missing_between(code: str, at: int) -> str | None:
    """An operator followed by another operator or a closing bracket: the
    name or number between them is what is missing (``a + * f``, ``(x +)``)."""
    before = code[: at - 1].rstrip()
    dangling = _DANGLING.search(before)
    rest = code[at - 1 :].lstrip()
    lead = re.match(r"\*\*|//|[*/%@]", rest)
    if lead and (not before or before[-1] in "=([,"):  # "y = ** x": nothing before the operator
        return f"{lead.group(0)} needs something before it (a name or a number)"
    if dangling is None or not rest:
        return None
    op = dangling.group(1)
    if rest[0] in ")]":
        return f"{op} needs something after it (a name or a number) before {rest[0]!r}"
    nxt = re.match(r"\*\*|//|[*/%@]", rest)
    if nxt is None:
        return None
    return f"a name or a number is missing between {op} and {nxt.group(0)}"


_CLOSE = {"(": ")", "[": "]"}
_OPEN = {")": "(", "]": "["}


def _unclosed(code: str) -> int | None:
    """Where the last bracket ``code`` leaves open is (outside strings), else None."""
    stack: list[int] = []
    quote = ""
    for i, c in enumerate(code):
        if quote:
            quote = "" if c == quote else quote
        elif c in "'\"":
            quote = c
        elif c in _CLOSE:
            stack.append(i)
        elif c in ")]" and stack:
            stack.pop()
    return stack[-1] if stack else None


def decimal_comma_in(text: str) -> str | None:
    """The message for a number written with a decimal comma in ``text``
    (``2,5 * x`` read as a tuple, ``Value(2,5)`` as two arguments), as the
    cards and Quick Add say it; None where there is none."""
    for m in re.finditer(r"(?<![\w.])[-+]?\d+,\d+(?![\w.])", text):
        if point := decimal_comma(m.group(0)):
            return f"{m.group(0)!r} is not a number (use a decimal point: {point})"
    return None


def unknown_function(name: str, arg: str | None) -> str:
    """The message for a call of a function there is not: a close one's
    name ("Valeu": Value), or how √x and |x| are written with what exists."""
    known = f"the functions are {', '.join(FUNCTIONS)} and Value(number, label='name')"
    arg = arg or "x"
    x = arg if re.fullmatch(r"[\w.]+", arg) else f"({arg})"
    if name == "sqrt":
        return f"unknown function 'sqrt': for √x write x**0.5, here {x}**0.5"
    if name == "abs":
        return f"unknown function 'abs': |x| is relu(x) + relu(-x), here relu({arg}) + relu(-{x})"
    meant = close_word(name, (*FUNCTIONS, *ALIASES, "Value"))
    return f"unknown function {name!r}" + (f" (did you mean {meant}?)" if meant else "") + f"; {known}"
