"""Review 68's findings in the formula reader: a run of superscripts is one
exponent (``x²³`` was read ``x**2**3``, exponent 8, without a word), and a
call of ``Value`` is not a number (``y = x**Value(2.0)`` said "the exponent
Value(2.0) is not a finite number"; ``Value(Value(2.0))`` said so of its
argument)."""

from __future__ import annotations

import pytest

from core.code.codegraph import CodeError
from core.code.codein import parse_code


def test_a_run_of_superscripts_is_one_exponent():
    g = parse_code("y = x²³ + 1")
    (p,) = [n for n in g.nodes if n.op == "pow"]
    assert p.exponent == 23
    g = parse_code("y = x³² - x²")
    assert sorted(n.exponent for n in g.nodes if n.op == "pow") == [2, 32]


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("y = x**Value(2.0)", "the exponent of ** must be a number"),
        ("a = Value(Value(2.0))", "Value() takes a number, not an expression of values"),
    ],
)
def test_a_value_is_not_read_as_a_number(text, said):
    with pytest.raises(CodeError) as e:
        parse_code(text)
    assert said in str(e.value) and "not a finite number" not in str(e.value)


def test_a_bracket_left_open_is_named():
    """t70 #10: Import Code's ``o = n.tanh(; …`` said only "invalid syntax"."""
    with pytest.raises(CodeError) as e:
        parse_code("n = Value(1.0)\no = n.tanh(; x = 1")
    assert "the bracket '(' at column 11 is not closed: add ')'" in str(e.value), str(e.value)
