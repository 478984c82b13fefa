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
"""

from __future__ import annotations

import ast
import math
import sys
import textwrap

from core.autograd import ops

# CodeError and CodeGraph are imported from here as well (with parse_code).
from core.code.codegraph import CodeError, CodeGraph, EdgeSpec, NodeSpec
from core.code.codegroups import group_comments
from core.code.codenames import OPERATOR_NAMES, balanced, call_label, describe_expr, describe_stmt, num_label
from core.code.codenn import import_refusal, is_value_import, nn_call
from core.code.codenotes import draws_dot

#: Functions usable as ``f(x)`` and methods usable as ``x.f()``.
FUNCTIONS = ("exp", "log", "tanh", "relu", "sigmoid")
#: Calls read as statements and skipped (the status line names them: codenotes.py).
_NOT_RUN = ("print", "draw_dot")
_BINOPS = {ast.Add: "add", ast.Sub: "sub", ast.Mult: "mul", ast.Div: "div"}
#: Unnamed steps are labelled with their source text up to this length, as the
#: lecture labels them ("x1*w1 + x2*w2 + b"; at 8 a trial's neuron read "add1");
#: longer ones get a short name (add1) and keep their text in ``expr``.
MAX_EXPR_LABEL = 24
#: Longest expression text kept in a node's ``expr`` attribute.
MAX_EXPR_TEXT = 200
#: The most code read at once (about 150,000 nodes, some 20 s): more is
#: refused with a message, never cut short.
MAX_CODE_CHARS = 1_000_000
PARSE_RECURSION_LIMIT = 20_000


_SUBSCRIPTS = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


class _Num(float):
    """A number not yet turned into a leaf (folded while both sides are numbers)."""


class _Reader:
    def __init__(self, text: str, allow_empty: bool = False):
        self.allow_empty = allow_empty
        # Pasted code may be indented as a whole (copied from inside a
        # function) or start with a byte-order mark: read it as if it were
        # not, and count columns in the text as given.
        text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
        self.text = textwrap.dedent(text)
        self.shift = [len(a) - len(b) if b else 0 for a, b in zip(text.split("\n"), self.text.split("\n"))]
        self.lines = [ln.encode("utf-8", "surrogatepass") for ln in self.text.split("\n")]
        self.g = CodeGraph()
        self.names: dict[str, int] = {}  # variable -> node index
        self.free: set[int] = set()  # leaves made for names read before being assigned
        self._pending_expr: str | None = None  # set by expr_label for the next op node
        self._rebinds: dict[str, int] = {}  # name -> how often it was bound again
        self._statement = 0  # the top-level statement being read (NodeSpec.statement)

    # ------------------------------------------------------------ helpers
    def where(self, node: ast.AST) -> tuple[int, int]:
        line = getattr(node, "lineno", 1)
        col = getattr(node, "col_offset", 0)
        src = self.lines[line - 1] if 0 < line <= len(self.lines) else b""
        col = len(src[:col].decode("utf-8", "replace"))  # ast counts bytes; people count characters
        return line, col + 1 + self._shift(line)

    def _shift(self, line: int) -> int:
        return self.shift[line - 1] if 0 < line <= len(self.shift) else 0

    def fail(self, node: ast.AST, message: str) -> CodeError:
        line, col = self.where(node)
        e = CodeError(message, line, col)
        end = getattr(node, "end_col_offset", None)  # the part at fault, if on one line
        if end is not None and getattr(node, "end_lineno", None) == line and 0 < line <= len(self.lines):
            e.end_column = len(self.lines[line - 1][:end].decode("utf-8", "replace")) + 1 + self._shift(line)
        return e

    def segment(self, node: ast.AST, limit: int = 200) -> str | None:
        """The node's source text if it is on one line and not longer than
        ``limit`` bytes (cheap: no re-splitting of the whole text)."""
        line, end = getattr(node, "lineno", None), getattr(node, "end_lineno", None)
        if line is None or line != end or not 0 < line <= len(self.lines):
            return None
        a, b = node.col_offset, node.end_col_offset  # type: ignore[attr-defined]  # it has a lineno
        if b is None or b - a > limit:
            return None
        return " ".join(self.lines[line - 1][a:b].decode("utf-8", "replace").split())

    def new(
        self,
        op: str,
        ins: tuple = (),
        *,
        label: str | None = None,
        value: float | None = None,
        exponent: float | None = None,
        constant: bool = False,
        line: int = 0,
    ) -> int:
        self.g.nodes.append(
            NodeSpec(op, label, value, exponent, None, constant, line, statement=self._statement)
        )
        i = len(self.g.nodes) - 1
        if op != "leaf":
            self.g.nodes[i].expr = self._pending_expr
            self._pending_expr = None
        for p, s in enumerate(ins):
            self.g.edges.append(EdgeSpec(s, i, p))
        return i

    def number(self, node: ast.AST, v: float, what: str = "number") -> _Num:
        if not math.isfinite(v):
            raise self.fail(
                node, f"{what} {self.segment(node) or repr(v)} is not a finite number (values must be finite)"
            )
        return _Num(v)

    def as_node(self, node: ast.AST, v) -> int:
        """``v`` as a node index; numbers become constant leaves."""
        if isinstance(v, _Num):
            return self.new(
                "leaf",
                label=num_label(float(v)),
                value=float(v),
                constant=True,
                line=getattr(node, "lineno", 0),
            )
        return v

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
            col = (e.offset or 1) + self._shift(line)
            raise CodeError(f"syntax error: {e.msg}", line, col) from None
        except (RecursionError, MemoryError):
            raise CodeError("the text is too long or nested too deeply to read") from None
        except ValueError as e:  # e.g. a NUL character
            raise CodeError(f"cannot read the text: {e}") from None
        finally:
            sys.setrecursionlimit(limit)
        self.g.comments = group_comments(self.text.split("\n"), tree.body)  # groups, for Import Code
        try:
            for self._statement, st in enumerate(tree.body, 1):
                self.g.texts.append(self.segment(st, 80))
                self.g.starts.append(st.lineno)
                self.statement(st)
        except RecursionError:
            raise CodeError("the text is nested too deeply to read") from None
        if not self.g.nodes and not self.allow_empty:
            raise CodeError("the text describes no values: write a formula such as L = (a*b + c) * f")
        return self.g

    def statement(self, st: ast.stmt) -> None:
        g = self.g
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
            if not isinstance(r, _Num):
                self._made(r)
            return
        if isinstance(st, (ast.Import, ast.ImportFrom)):
            if is_value_import(st):
                return
            raise self.fail(st, import_refusal(st))  # (micrograd.nn: the Learn menu's way, codenn.py)
        if isinstance(st, ast.Assert):
            return  # checks numbers; builds nothing (and is never run)
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
        if isinstance(r, _Num) or (isinstance(value, ast.Call) and self._is_value_call(value)):
            # A number or Value(...) for a name read earlier fills in that leaf.
            if old is not None and old in self.free:
                if not isinstance(r, _Num):  # Value(...): take its value and label, drop the new leaf
                    made = g.nodes.pop()
                    g.nodes[old].value = made.value
                    if made.label is not None:
                        g.nodes[old].label = made.label
                else:
                    g.nodes[old].value = float(r)
                self.free.discard(old)
                return
            if isinstance(r, _Num):
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

    # ------------------------------------------------------------ expressions
    def expr(self, root: ast.expr):
        """The node index (or number) ``root`` stands for.

        Iterative post-order walk, so a long sum such as a+b+c+... of any
        length does not hit Python's recursion limit.
        """
        results: dict[int, object] = {}
        stack: list[tuple[ast.AST, bool]] = [(root, False)]
        while stack:
            node, ready = stack.pop()
            kids = self.children(node)
            if not ready and kids:
                stack.append((node, True))
                stack.extend((k, False) for k in reversed(kids))
                continue
            results[id(node)] = self.combine(node, [results[id(k)] for k in kids])
        return results[id(root)]

    def children(self, node: ast.AST) -> list:
        if isinstance(node, ast.BinOp):
            return [node.left, node.right]
        if isinstance(node, ast.UnaryOp):
            return [node.operand]
        if isinstance(node, ast.Call):
            f = node.func
            if isinstance(f, ast.Name) and f.id in FUNCTIONS:
                if len(node.args) != 1 or node.keywords:
                    raise self.fail(node, f"{f.id}() takes exactly one argument, as in {f.id}(x)")
                if isinstance(node.args[0], ast.Starred):
                    raise self.fail(node.args[0], "*arguments are not supported")
                return [node.args[0]]
            if isinstance(f, ast.Attribute) and f.attr in FUNCTIONS:
                if node.args or node.keywords:
                    raise self.fail(node, f".{f.attr}() takes no arguments, as in x.{f.attr}()")
                return [f.value]
        return []

    def combine(self, node: ast.AST, kids: list):
        line = getattr(node, "lineno", 0)
        if isinstance(node, ast.Name):
            name = node.id
            if name in self.names:
                return self.names[name]
            if name in FUNCTIONS or name == "Value":
                raise self.fail(node, f"{name} is a function: call it, as in {name}(x)")
            i = self.new("leaf", label=name, value=None, line=line)
            self.g.nodes[i].name = name
            self.names[name] = i
            self.free.add(i)
            return i
        if isinstance(node, ast.Constant):
            v = node.value
            if isinstance(v, bool) or not isinstance(v, (int, float)):
                raise self.fail(node, f"only numbers are supported here, not {self.segment(node) or repr(v)}")
            try:
                return self.number(node, float(v))
            except OverflowError:
                digits = (
                    len(str(abs(v))) if isinstance(v, int) else 0
                )  # (the literal's text: not always known)
                text = self.segment(node) or f"{str(v)[:8]}… ({digits} digits)"
                raise self.fail(node, f"number {text} is too large for float64") from None
        if isinstance(node, ast.UnaryOp):
            (a,) = kids
            if isinstance(node.op, ast.UAdd):
                return a
            if isinstance(node.op, ast.USub):
                if isinstance(a, _Num):
                    return _Num(-float(a))
                return self.new("neg", (a,), label=self.expr_label(node), line=line)
            raise self.fail(
                node,
                f"operator {OPERATOR_NAMES.get(type(node.op), '?')} is not supported "
                "(use + - * / ** and unary minus)",
            )
        if isinstance(node, ast.BinOp):
            a, b = kids
            if isinstance(node.op, ast.Pow):
                if not isinstance(b, _Num):  # the rewrite in the text's own names (2**x read "exp(y*log(x))")
                    x, y = self.segment(node.left, 40) or "x", self.segment(node.right, 40) or "y"
                    y = y if isinstance(node.right, (ast.Name, ast.Constant)) else f"({y})"
                    raise self.fail(
                        node.right,
                        "the exponent of ** must be a number, as in x**2 (as in micrograd); "
                        f"for {self.segment(node) or 'x**y'} write exp({y}*log({x}))",
                    )
                if isinstance(a, _Num):
                    return self.number(node, ops.safe_pow(float(a), float(b)))
                return self.new("pow", (a,), exponent=float(b), label=self.expr_label(node), line=line)
            op = _BINOPS.get(type(node.op))
            if op is None:
                raise self.fail(
                    node,
                    f"operator {OPERATOR_NAMES.get(type(node.op), '?')} is not supported "
                    "(use + - * / ** and unary minus)",
                )
            if isinstance(a, _Num) and isinstance(b, _Num):
                return self.number(node, ops.evaluate(op, (float(a), float(b))))
            ia, ib = self.as_node(node.left, a), self.as_node(node.right, b)
            return self.new(op, (ia, ib), label=self.expr_label(node), line=line)
        if isinstance(node, ast.Call):
            return self.call(node, kids)
        if isinstance(node, ast.Attribute):
            raise self.fail(
                node,
                f"reading .{node.attr} is not supported; use the name itself (the graph holds the values)",
            )
        raise self.fail(node, f"{describe_expr(node)} is not supported in a formula")

    def call(self, node: ast.Call, kids: list):
        f = node.func
        line = node.lineno
        if (
            isinstance(f, ast.Name)
            and f.id in FUNCTIONS
            or isinstance(f, ast.Attribute)
            and f.attr in FUNCTIONS
        ):
            op = f.id if isinstance(f, ast.Name) else f.attr
            (a,) = kids
            if isinstance(a, _Num):
                return self.number(node, ops.evaluate(op, (float(a),)))
            text = self.expr_label(node)  # (its source text kept in ``expr`` when the label is another)
            label = call_label(node, self.segment) or text  # "tanh(x*y)" for (x*y).tanh(): codenames.py
            return self.new(op, (a,), label=label, line=line)
        if isinstance(f, ast.Name) and f.id == "Value":
            return self.value_call(node)
        if (nn := nn_call(f)) is not None:  # MLP(…), Neuron(…), Layer(…): the Learn menu builds them
            raise self.fail(node, nn)
        if isinstance(f, ast.Name) and f.id in ("draw_dot", "print", "display"):
            raise self.fail(
                node,
                f"{f.id}() is not needed here: the canvas shows the graph and "
                "its numbers; leave this line out",
            )
        if isinstance(f, ast.Name):
            raise self.fail(
                node,
                f"unknown function {f.id!r}; the functions are "
                f"{', '.join(FUNCTIONS)} and Value(number, label='name')",
            )
        if isinstance(f, ast.Attribute):
            raise self.fail(
                f,
                f"method .{f.attr}() is not supported; the methods are "
                + " ".join(f".{m}()" for m in FUNCTIONS)
                + " and .backward()",
            )
        raise self.fail(node, "only the functions " + ", ".join(FUNCTIONS) + " and Value() can be called")

    def value_call(self, node: ast.Call) -> int:
        args = list(node.args)
        data = label = None
        if len(args) > 1:
            raise self.fail(
                args[1],
                "Value() takes one number (and label='name'); children and ops are built by the formula",
            )
        if args:
            data = args[0]
        for kw in node.keywords:
            if kw.arg == "data" and data is None:
                data = kw.value
            elif kw.arg == "label":
                if not (isinstance(kw.value, ast.Constant) and isinstance(kw.value.value, str)):
                    raise self.fail(kw.value, "label= must be a string, as in Value(2.0, label='a')")
                label = kw.value.value
            else:
                raise self.fail(
                    kw.value if kw.arg is None else kw,
                    f"Value() does not take {kw.arg or '**arguments'} here; write Value(2.0, label='a')",
                )
        if data is None:
            raise self.fail(node, "Value() needs a number, as in Value(2.0, label='a')")
        v = self.expr(data)
        if not isinstance(v, _Num):
            raise self.fail(data, "Value() takes a number, not an expression of values")
        return self.new("leaf", label=label, value=float(v), line=node.lineno)

    def expr_label(self, node: ast.AST) -> str | None:
        """The label of an op node made for ``node``: its source text when
        short, else None (a made-up id shows); the text is kept for the
        node's ``expr`` attribute either way."""
        s = self.segment(node, MAX_EXPR_TEXT)
        if s is None:
            self._pending_expr = None
            return None
        while s.startswith("(") and s.endswith(")") and balanced(s[1:-1]):
            s = s[1:-1].strip()
        self._pending_expr = s
        return s if len(s) <= MAX_EXPR_LABEL else None


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
