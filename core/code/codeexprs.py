"""The expressions of code in: one formula walked into node records.

:class:`ExprReader` holds what a read shares (the records made so far, the
names bound, where a node sits in the text) and reads one expression,
iteratively so a long sum does not hit the recursion limit; the statements
around it are read by :mod:`core.code.codein`.
"""

from __future__ import annotations

import ast
import math
import textwrap

from core.autograd import ops
from core.code.codegraph import CodeError, CodeGraph, EdgeSpec, NodeSpec
from core.code.codenames import OPERATOR_NAMES, balanced, call_label, composed_label, describe_expr, num_label
from core.code.codenn import nn_call, nn_template
from core.code.codeslips import (
    ALIASES,
    FUNCTIONS,
    decimal_comma_in,
    plain_text,
    powers_meant,
    unknown_function,
)
from core.explain.words import close_word

_BINOPS = {ast.Add: "add", ast.Sub: "sub", ast.Mult: "mul", ast.Div: "div"}
#: Unnamed steps are labelled with their source text up to this length, as the
#: lecture labels them ("x1*w1 + x2*w2 + b"; at 8 a trial's neuron read "add1");
#: longer ones get a short name (add1) and keep their text in ``expr``.
MAX_EXPR_LABEL = 24
#: Longest expression text kept in a node's ``expr`` attribute.
MAX_EXPR_TEXT = 200


#: modules whose exp, tanh, ... a formula copied from other code calls
MODULES = ("math", "cmath", "np", "numpy", "torch", "F", "nn", "jnp", "jax", "tf", "scipy", "mpmath", "sympy")


def _function(f: ast.expr) -> str | None:
    """The operation a call's ``f`` names: ``tanh`` in tanh(x), ``log`` in
    ln(x) (as Quick Add reads it: trial 69 #5) and in x.log(); else None."""
    if isinstance(f, ast.Name):
        name = ALIASES.get(f.id, f.id)
        return name if name in FUNCTIONS else None
    if isinstance(f, ast.Attribute) and f.attr in FUNCTIONS:
        return f.attr
    return None


def _numbers_only(node: ast.AST) -> bool:
    """Does ``node`` use no name but the operations' (``log(0)``, ``1/0``: a number, however
    written)? Not ``Value(2.0)``, nor a call of anything else: those have their own refusals."""
    called = {id(n.func) for n in ast.walk(node) if isinstance(n, ast.Call) and _function(n.func)}
    calls = [n for n in ast.walk(node) if isinstance(n, ast.Call)]
    if any(_function(c.func) is None for c in calls):
        return False
    return not any(isinstance(n, ast.Name) and id(n) not in called for n in ast.walk(node))


def _dotted(node: ast.AST) -> bool:
    """Is ``node`` a module as code writes it (math, np, torch.nn.functional)?"""
    if isinstance(node, ast.Name):
        return node.id in MODULES
    while isinstance(node, ast.Attribute):
        node = node.value
    return isinstance(node, ast.Name)


class Num(float):
    """A number not yet turned into a leaf (folded while both sides are numbers)."""


class ExprReader:
    """Reads expressions into ``self.g``; a statement reader builds on it."""

    def __init__(self, text: str):
        # Pasted code may be indented as a whole (copied from inside a
        # function) or start with a byte-order mark: read it as if it were
        # not, and count columns in the text as given.
        text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
        self.text = textwrap.dedent(text)
        self.shift = [len(a) - len(b) if b else 0 for a, b in zip(text.split("\n"), self.text.split("\n"))]
        # the app's own notation (−, x²) read as Python; columns said as typed (codeslips.py)
        self.text, self._typed = plain_text(self.text)
        self.lines = [ln.encode("utf-8", "surrogatepass") for ln in self.text.split("\n")]
        self.g = CodeGraph()
        self.names: dict[str, int] = {}  # variable -> node index
        self.free: set[int] = set()  # leaves made for names read before being assigned
        self._pending_expr: str | None = None  # set by expr_label for the next op node
        self._statement = 0  # the top-level statement being read (NodeSpec.statement)
        self._body: list[ast.stmt] = []  # the text's statements (a statement reader's)

    # ------------------------------------------------------------ helpers
    def where(self, node: ast.AST) -> tuple[int, int]:
        line = getattr(node, "lineno", 1)
        col = getattr(node, "col_offset", 0)
        src = self.lines[line - 1] if 0 < line <= len(self.lines) else b""
        col = len(src[:col].decode("utf-8", "replace"))  # ast counts bytes; people count characters
        return line, self.column(line, col + 1)

    def column(self, line: int, col: int) -> int:
        """The column (1-based) as typed of column ``col`` of the text as read."""
        typed = self._typed.get(line)
        if typed:
            col = typed[max(0, min(col - 1, len(typed) - 1))] + 1
        return col + self._shift(line)

    def _shift(self, line: int) -> int:
        return self.shift[line - 1] if 0 < line <= len(self.shift) else 0

    def fail(self, node: ast.AST, message: str) -> CodeError:
        line, col = self.where(node)
        e = CodeError(message, line, col)
        end = getattr(node, "end_col_offset", None)  # the part at fault, if on one line
        if end is not None and getattr(node, "end_lineno", None) == line and 0 < line <= len(self.lines):
            e.end_column = self.column(line, len(self.lines[line - 1][:end].decode("utf-8", "replace")) + 1)
        return e

    def refused(self, at: ast.AST, message: str, what: ast.AST) -> CodeError:
        """The error refusing ``what`` (micrograd.nn's import, class or
        call; pointed at ``at``), carrying the template command that builds
        what it names."""
        e = self.fail(at, message)
        e.template = nn_template(self._body, what)
        return e

    def operator_at(self, node: ast.BinOp) -> ast.AST:
        """Where ``node``'s operator is written, as a node to :meth:`fail` at
        (``x^2`` in ``x*y + x^2``: the ``^``, where the BinOp starts at the
        first x, column 10 for a trial); ``node`` itself if it is not found."""
        left, right = node.left, node.right
        line, a = left.end_lineno, left.end_col_offset
        sym = OPERATOR_NAMES.get(type(node.op), "").encode()
        if not sym or line is None or a is None or line != right.lineno or not 0 < line <= len(self.lines):
            return node
        at = self.lines[line - 1].find(sym, a, right.col_offset)  # (between them: brackets, spaces, it)
        if at < 0:
            return node
        return ast.Name("", lineno=line, col_offset=at, end_lineno=line, end_col_offset=at + len(sym))

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

    def number(self, node: ast.AST, v: float, what: str = "number") -> Num:
        if not math.isfinite(v):
            raise self.fail(
                node, f"{what} {self.segment(node) or repr(v)} is not a finite number (values must be finite)"
            )
        return Num(v)

    def as_node(self, node: ast.AST, v) -> int:
        """``v`` as a node index; numbers become constant leaves."""
        if isinstance(v, Num):
            return self.new(
                "leaf",
                label=num_label(float(v)),
                value=float(v),
                constant=True,
                line=getattr(node, "lineno", 0),
            )
        return v

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
            if isinstance(f, ast.Name) and _function(f):
                if len(node.args) != 1 or node.keywords:
                    raise self.fail(node, f"{f.id}() takes exactly one argument, as in {f.id}(x)")
                if isinstance(node.args[0], ast.Starred):
                    raise self.fail(node.args[0], "*arguments are not supported")
                return [node.args[0]]
            if isinstance(f, ast.Attribute) and f.attr in FUNCTIONS:
                if len(node.args) == 1 and not node.keywords and _dotted(f.value):
                    # math.exp(-y), np.tanh(x), torch.exp(x): a module's function (trial 50)
                    arg = self.segment(node.args[0], 60) or "x"
                    raise self.fail(
                        node,
                        f"{self.segment(f, 60) or f.attr}(…) is a module's function: "
                        f"write {f.attr}({arg}) (the functions are {', '.join(FUNCTIONS)})",
                    )
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
                if isinstance(a, Num):
                    return Num(-float(a))
                return self.new("neg", (a,), label=self.step_label(node, "neg", (a,)), line=line)
            raise self.fail(
                node,
                f"operator {OPERATOR_NAMES.get(type(node.op), '?')} is not supported "
                "(use + - * / ** and unary minus)",
            )
        if isinstance(node, ast.BinOp):
            a, b = kids
            if isinstance(node.op, ast.Pow):
                if not isinstance(b, Num) and _numbers_only(node.right):
                    raise self.fail(
                        node.right, f"the exponent {self.segment(node.right) or ''} is not a finite number"
                    )
                if not isinstance(b, Num):  # the rewrite in the text's own names (2**x read "exp(y*log(x))")
                    x, y = self.segment(node.left, 40) or "x", self.segment(node.right, 40) or "y"
                    euler = isinstance(node.left, ast.Name) and node.left.id == "e"
                    if euler and self.names.get("e") in self.free:  # never given a value: Euler's (trial 50)
                        raise self.fail(
                            node.right,
                            "the exponent of ** must be a number, as in x**2 (as in micrograd); "
                            f"for Euler's e write exp({y})",
                        )
                    y = y if isinstance(node.right, (ast.Name, ast.Constant)) else f"({y})"
                    raise self.fail(
                        node.right,
                        "the exponent of ** must be a number, as in x**2 (as in micrograd); "
                        f"for {self.segment(node) or 'x**y'} write exp({y}*log({x}))",
                    )
                if isinstance(a, Num):
                    if math.isfinite(v := ops.safe_pow(float(a), float(b))):
                        return Num(v)
                    a = self.as_node(node.left, a)  # 10**400: built, as x**400 at 10 is (trial 69 #14)
                label = self.step_label(node, "pow", (a,), float(b))
                return self.new("pow", (a,), exponent=float(b), label=label, line=line)
            op = _BINOPS.get(type(node.op))
            if op is None:
                power = "; for a power write **, as in x**2" if isinstance(node.op, ast.BitXor) else ""
                line = node.lineno
                meant = powers_meant(self.text.split("\n")[line - 1]) if power and line else []
                if len(meant) > 1:  # every ^ at once (t70 #10: told one slip at a time)
                    power = f"; for a power write **: {', '.join(meant)}"
                raise self.fail(
                    self.operator_at(node),
                    f"operator {OPERATOR_NAMES.get(type(node.op), '?')} is not supported "
                    f"(use + - * / ** and unary minus){power}",
                )
            if isinstance(a, Num) and isinstance(b, Num):
                if math.isfinite(v := ops.evaluate(op, (float(a), float(b)))):
                    return Num(v)  # (1/0 is built, as a/0 is: its node shows inf, trial 69 #14)
            ia, ib = self.as_node(node.left, a), self.as_node(node.right, b)
            return self.new(op, (ia, ib), label=self.step_label(node, op, (ia, ib)), line=line)
        if isinstance(node, ast.Call):
            return self.call(node, kids)
        if isinstance(node, ast.Attribute):
            if node.attr == "e" and _dotted(node.value):  # math.e**x: Euler's e
                raise self.fail(node, f"{self.segment(node, 60) or 'e'} is Euler's e: for e**x write exp(x)")
            raise self.fail(
                node,
                f"reading .{node.attr} is not supported; use the name itself (the graph holds the values)",
            )
        if isinstance(node, ast.Tuple) and (said := decimal_comma_in(self.segment(node) or "")):
            raise self.fail(node, said)  # y = 2,5 * x: a decimal comma, not a tuple (trial 69 #4)
        raise self.fail(node, f"{describe_expr(node)} is not supported in a formula")

    def call(self, node: ast.Call, kids: list):
        f = node.func
        line = node.lineno
        if (op := _function(f)) is not None:
            (a,) = kids
            if isinstance(a, Num):
                if math.isfinite(v := ops.evaluate(op, (float(a),))):
                    return Num(v)
                a = self.as_node(node.args[0] if node.args else node, a)  # log(0): built, as log(x) at 0 is
            text = self.expr_label(node)  # (its source text kept in ``expr`` when the label is another)
            label = call_label(node, self.segment) or text  # "tanh(x*y)" for (x*y).tanh(): codenames.py
            label = label or composed_label(op, [self._kid(a)])
            return self.new(op, (a,), label=label, line=line)
        if isinstance(f, ast.Name) and f.id == "Value":
            return self.value_call(node)
        if (nn := nn_call(f)) is not None:  # MLP(…), Neuron(…), Layer(…): the Learn menu builds them
            raise self.refused(node, nn, node)
        if isinstance(f, ast.Name) and f.id in ("draw_dot", "print", "display"):
            raise self.fail(
                node,
                f"{f.id}() is not needed here: the canvas shows the graph and "
                "its numbers; leave this line out",
            )
        uses = isinstance(f, ast.Name) and any(
            isinstance(n, ast.Name) and n.id == f.id for a in node.args for n in ast.walk(a)
        )
        if isinstance(f, ast.Name) and f.id not in self.names and not uses:
            raise self.fail(
                node, unknown_function(f.id, self.segment(node.args[0], 60) if node.args else None)
            )
        if isinstance(f, ast.Attribute):
            meant = close_word(f.attr, (*FUNCTIONS, "backward"))
            raise self.fail(
                f,
                f"method .{f.attr}() is not supported"
                + (f" (did you mean .{meant}()?)" if meant else "")
                + "; the methods are "
                + " ".join(f".{m}()" for m in FUNCTIONS)
                + " and .backward()",
            )
        if (said := self.implicit_product(node)) is not None:  # 2(x+1), (x+1)(x-1), x(x+1)
            raise said
        raise self.fail(node, "only the functions " + ", ".join(FUNCTIONS) + " and Value() can be called")

    def implicit_product(self, node: ast.Call) -> CodeError | None:
        """The error for a product written as a blackboard writes it, ``2(x+1)``
        (Python reads a call): a * is missing, as between "3 x" (trial 69 #3)."""
        f, line = node.func, node.lineno
        if line != node.end_lineno or not 0 < line <= len(self.lines):
            return None
        src = self.lines[line - 1]
        at = f.end_col_offset or 0
        while at < len(src) and src[at : at + 1] in (b")", b" ", b"\t"):  # (the brackets around f)
            at += 1
        if src[at : at + 1] != b"(" or node.end_col_offset is None:
            return None
        a = " ".join(src[node.col_offset : at].decode("utf-8", "replace").split())
        b = " ".join(src[at : node.end_col_offset].decode("utf-8", "replace").split())
        spot = ast.Name("", lineno=line, col_offset=at, end_lineno=line, end_col_offset=at + 1)
        return self.fail(spot, f"a * may be missing between {a} and {b} (write {a}*{b})")

    def value_call(self, node: ast.Call) -> int:
        args = list(node.args)
        data = label = None
        if len(args) > 1:
            both = ast.Tuple(args[:2], lineno=node.lineno, col_offset=args[0].col_offset)
            both.end_lineno, both.end_col_offset = args[1].end_lineno, args[1].end_col_offset
            if said := decimal_comma_in(self.segment(both) or ""):  # Value(2,5, label='a')
                raise self.fail(both, said)
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
        if not isinstance(v, Num) and _numbers_only(data):
            raise self.fail(
                data, f"{self.segment(data) or 'the number'} is not a finite number (values must be finite)"
            )
        if not isinstance(v, Num):
            raise self.fail(data, "Value() takes a number, not an expression of values")
        return self.new("leaf", label=label, value=float(v), line=node.lineno)

    def step_label(self, node: ast.AST, op: str, ins: tuple, exponent: float | None = None) -> str | None:
        """Its source text when short (:meth:`expr_label`), else in its inputs' labels."""
        return self.expr_label(node) or composed_label(op, [self._kid(i) for i in ins], exponent)

    def _kid(self, i: int) -> tuple[str | None, str]:
        spec = self.g.nodes[i]
        return spec.label, spec.op

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
