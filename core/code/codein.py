"""Text in: formulas and micrograd-style Python turned into graph records.

The text is read with :mod:`ast` and walked, never run: each supported
construct becomes a node record, anything else is refused with a message
that points at its line and column. Parsing only makes records
(:class:`~core.code.codegraph.CodeGraph`, in :mod:`core.code.codegraph`;
the wording of labels and messages is in :mod:`core.code.codenames`);
:mod:`core.code.codeadd` turns them into an edit of a
model, so the GUI can ask for missing values before anything changes.

Supported (one statement per line, or several joined with ``;``)::

    L = (a*b + c) * f              # names assigned: labelled nodes
    a = 2.0                        # a number: a leaf's value (also after use)
    o = tanh(x1*w1 + x2*w2 + b)    # exp log tanh relu sigmoid, + - * / ** and -x
    a = Value(2.0, label='a')      # micrograd style
    e = a*b; e.label = 'e'
    o = n.tanh(); y = x**2; z = 2*a + 1
    o.backward()                   # marks o as the output
    from micrograd.engine import Value   # accepted and ignored, as are
    assert abs(a.grad - 6.0) < 1e-9      # asserts, print(...) lines, docstrings
    draw_dot(o)                          # and the lecture's draw_dot(...) lines
    L.grad = 1.0; o._backward()          # skipped with a note, as are a nudge (a.data += 0.01 * a.grad),
    import math; x.grad                  # imports and a cell's last line read out (codeskips.py)
"""

from __future__ import annotations

import ast
import sys

from core.code.codeexprs import FUNCTIONS, ExprReader, Num

# CodeError and CodeGraph are imported from here as well (with parse_code).
from core.code.codegraph import CodeError, CodeGraph
from core.code.codegroups import group_comments
from core.code.codenames import describe_stmt
from core.code.codenn import import_refusal, is_value_import, nn_class_refusal, nn_use
from core.code.codenotes import draws_dot
from core.code.codeskips import HINTS, hand_step
from core.code.codeslips import syntax_hint

#: Calls read as statements and skipped (the status line names them: codenotes.py).
_NOT_RUN = ("print", "draw_dot")
#: The most code read at once (about 150,000 nodes, some 20 s): more is
#: refused with a message, never cut short.
MAX_CODE_CHARS = 1_000_000
PARSE_RECURSION_LIMIT = 20_000


_SUBSCRIPTS = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


class _Reader(ExprReader):
    """Reads the statements of a text, each expression by :class:`ExprReader`."""

    def __init__(self, text: str, allow_empty: bool = False):
        super().__init__(text)
        self.allow_empty = allow_empty
        self._rebinds: dict[str, int] = {}  # name -> how often it was bound again
        self._skipped: tuple[str, ast.stmt] | None = None  # the first line skipped (codeskips.py)

    # ------------------------------------------------------------ statements
    def read(self) -> CodeGraph:
        limit = sys.getrecursionlimit()
        try:
            # ast builds a long sum (a+b+c+...) recursively, one level per
            # term; allow about 60,000 terms instead of about 3,000.
            sys.setrecursionlimit(max(limit, PARSE_RECURSION_LIMIT))
            tree = ast.parse(self.text, mode="exec")
        except SyntaxError as e:
            line = e.lineno or 1
            lines = self.text.split("\n")
            said, col = syntax_hint(e, lines[line - 1] if 0 < line <= len(lines) else "")
            raise CodeError(f"syntax error: {said}", line, self.column(line, col)) from None
        except (RecursionError, MemoryError):
            raise CodeError("the text is too long or nested too deeply to read") from None
        except ValueError as e:  # e.g. a NUL character
            raise CodeError(f"cannot read the text: {e}") from None
        finally:
            sys.setrecursionlimit(limit)
        self.g.comments = group_comments(self.text.split("\n"), tree.body)  # groups, for Import Code
        self._body = tree.body
        try:
            for self._statement, st in enumerate(tree.body, 1):
                self.g.texts.append(self.segment(st, 80))
                self.g.starts.append(st.lineno)
                self.statement(st)
        except RecursionError:
            raise CodeError("the text is nested too deeply to read") from None
        if not self.g.nodes and not self.allow_empty:
            if self._skipped is not None:  # (`L.grad = 1.0` alone in the f(x) bar: say what it is)
                kind, st = self._skipped
                raise self.fail(
                    st,
                    f"{self.segment(st, 48) or 'this line'} builds nothing ({HINTS[kind]}): "
                    "write a formula such as L = (a*b + c) * f",
                )
            raise CodeError("the text describes no values: write a formula such as L = (a*b + c) * f")
        return self.g

    def statement(self, st: ast.stmt) -> None:
        g = self.g
        if (kind := hand_step(st)) is not None:
            self._skipped = self._skipped or (kind, st)
            return  # the lecture's backprop by hand, a nudge, a read, an import: noted, builds nothing
        if isinstance(st, ast.Assign):
            if len(st.targets) != 1:
                raise self.fail(
                    st, "chained assignment (a = b = ...) is not supported; assign one name per statement"
                )
            t = st.targets[0]
            if isinstance(t, ast.Name):
                self.assign(st, t.id, st.value)
                return
            if isinstance(t, ast.Attribute):
                self.attribute_write(st, t)
                return
            raise self.fail(t, "only a single name can be assigned (not tuples, items or slices)")
        if isinstance(st, ast.AugAssign):
            if isinstance(st.target, ast.Attribute):  # (a nudge by .grad is skipped: codeskips.py)
                raise self.fail(
                    st.target,
                    f"updating .{st.target.attr} is not supported: the graph is built from the values "
                    "the text gives (a = Value(2.0)); only .label can be set",
                )
            if not isinstance(st.target, ast.Name):
                raise self.fail(st.target, "only a single name can be updated with an augmented assignment")
            name = st.target.id
            if name not in self.names:
                raise self.fail(st.target, f"{name!r} is updated before it has a value")
            expr = ast.BinOp(left=ast.Name(id=name, ctx=ast.Load()), op=st.op, right=st.value)
            ast.copy_location(expr, st)
            ast.copy_location(expr.left, st.target)
            self.assign(st, name, expr)
            return
        if isinstance(st, ast.Expr):
            v = st.value
            if isinstance(v, ast.Constant) and isinstance(v.value, str):
                return  # a docstring or comment-like string
            shown = isinstance(v, ast.Call) and isinstance(v.func, ast.Name) and v.func.id in _NOT_RUN
            if shown or draws_dot(v):
                # output only (exported scripts print each gradient; the lecture's
                # cells end with draw_dot(o), a picture the canvas is): never run
                return
            if isinstance(v, ast.Call) and isinstance(v.func, ast.Attribute) and v.func.attr == "backward":
                if v.args or v.keywords:
                    raise self.fail(v, ".backward() takes no arguments here")
                root = self.as_node(v, self.expr(v.func.value))
                g.output, g.explicit_output = root, True
                return
            r = self.expr(v)
            if not isinstance(r, Num):
                self._made(r)
            return
        if isinstance(st, (ast.Import, ast.ImportFrom)):
            if is_value_import(st):
                return
            # (micrograd.nn: the Learn menu's way, at its first use: codenn.py)
            raise self.refused(nn_use(self._body, st) or st, import_refusal(st), st)
        if isinstance(st, ast.Assert):
            return  # checks numbers; builds nothing (and is never run)
        if isinstance(st, ast.ClassDef) and (why := nn_class_refusal(self._body, st)):
            raise self.refused(st, why, st)
        raise self.fail(
            st, f"{describe_stmt(st)} not supported; write assignments such as 'y = tanh(a*b + c)'"
        )

    def assign(self, st: ast.stmt, name: str, value: ast.expr) -> None:
        g = self.g
        if name in FUNCTIONS or name == "Value":
            raise self.fail(st, f"{name!r} is the name of a function; choose another name")
        before = len(g.nodes)
        old = self.names.get(name)
        r = self.expr(value)
        line = st.lineno
        if isinstance(r, Num) or (isinstance(value, ast.Call) and self._is_value_call(value)):
            # A number or Value(...) for a name read earlier fills in that leaf.
            if old is not None and old in self.free:
                if not isinstance(r, Num):  # Value(...): take its value and label, drop the new leaf
                    made = g.nodes.pop()
                    g.nodes[old].value = made.value
                    if made.label is not None:
                        g.nodes[old].label = made.label
                else:
                    g.nodes[old].value = float(r)
                self.free.discard(old)
                return
            if isinstance(r, Num):
                r = self.new("leaf", label=name, value=float(r), line=line)
        if old is not None and old in self.free and r != old:
            # Python would stop at the earlier use (a NameError); a formula
            # reader might expect substitution. Neither is safe to guess.
            raise self.fail(
                st,
                f"{name!r} is used on line {g.nodes[old].line} before it is defined "
                f"here; define it first, or give it just a number here "
                f"({name} = 2.0)",
            )
        if r >= before and r not in self.free:  # made by this statement: name it
            n = g.nodes[r]
            n.name = name
            if not (n.op == "leaf" and self._is_value_call(value) and n.label is not None):
                n.label = self._rebound_label(name) if old is not None else name
            n.constant = False
        self.names[name] = r
        self._made(r)

    def _rebound_label(self, name: str) -> str:
        """``g``, then ``g′``, ``g″``, ``g‴``, ``g₄``…: a name bound again (as in
        ``g += x``) names a new node, which must not read like the old one."""
        k = self._rebinds[name] = self._rebinds.get(name, 0) + 1
        return name + ("′", "″", "‴")[k - 1] if k <= 3 else name + str(k + 1).translate(_SUBSCRIPTS)

    def _made(self, i: int) -> None:
        """A statement's result: the output, unless ``.backward()`` chose one
        (a leaf only while there is nothing else)."""
        g = self.g
        if not g.explicit_output and (g.output is None or g.nodes[i].op != "leaf"):
            g.output = i

    @staticmethod
    def _is_value_call(v: ast.expr) -> bool:
        return isinstance(v, ast.Call) and isinstance(v.func, ast.Name) and v.func.id == "Value"

    def attribute_write(self, st: ast.Assign, t: ast.Attribute) -> None:
        if t.attr == "data":  # (a nudge by the gradient is skipped: codeskips.py)
            made = "give the value where the leaf is made, as in a = Value(3.0)"
            raise self.fail(t, f"setting .data is not supported: {made}")
        if t.attr != "label":
            raise self.fail(t, f"setting .{t.attr} is not supported (only .label can be set)")
        if not isinstance(t.value, ast.Name):
            raise self.fail(t.value, ".label can only be set on a name, as in e.label = 'e'")
        name = t.value.id
        if name not in self.names:
            raise self.fail(t.value, f"{name!r} is not defined before its label is set")
        v = st.value
        if not (isinstance(v, ast.Constant) and isinstance(v.value, str)):
            raise self.fail(v, "a label must be a string, as in e.label = 'e'")
        self.g.nodes[self.names[name]].label = v.value


def parse_code(text: str, allow_empty: bool = False) -> CodeGraph:
    """The graph ``text`` describes; CodeError (with line and column) if it
    uses anything outside the supported subset (or, unless ``allow_empty``,
    describes no values). Nothing is evaluated."""
    if not isinstance(text, str):
        raise CodeError("the code must be text")
    if len(text) > MAX_CODE_CHARS:
        raise CodeError(
            f"the code is {len(text):,} characters long; at most {MAX_CODE_CHARS:,} are read at once "
            "(about 150,000 nodes): import it in parts"
        )
    return _Reader(text, allow_empty).read()
