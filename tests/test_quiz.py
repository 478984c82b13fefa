"""Quiz core: questions in backward order, tolerance, parsing, explanations."""

from pathlib import Path

import pytest

from core.files import fileio
from core.graph.backward import backward
from core.graph.errors import InvalidValueError
from core.learn.quiz import Quiz, is_close, parse_answer

EX = Path(__file__).resolve().parents[1] / "resources" / "examples"
LECTURE = {"L": 1.0, "d": -2.0, "f": 4.0, "e": -2.0, "c": -2.0, "a": 6.0, "b": -4.0}


def test_questions_follow_backward_order_and_score():
    m = fileio.load(EX / "blog_L.mgraph")
    q = Quiz(m)
    assert q.order == backward(m).order and q.current == "L" and q.total == 7
    seen = []
    while not q.done:
        n = q.current
        seen.append(n)
        given = LECTURE[n] if n in "Lfab" else LECTURE[n] + 1  # wrong on d, e, c
        a = q.answer(given)
        assert a.correct == (n in "Lfab") and a.expected == LECTURE[n]
    assert sorted(seen) == sorted(LECTURE) and q.score == 4 and q.current is None
    with pytest.raises(InvalidValueError, match="over"):
        q.answer(1)


def test_tolerance_is_one_in_a_million_relative():
    assert is_close(6 * (1 + 9e-7), 6.0) and not is_close(6 * (1 + 2e-6), 6.0)
    assert is_close(0.0, 0.0) and is_close(-0.0, 0.0) and not is_close(1e-9, 0.0)
    assert is_close(0.0, 2.7e-17)  # rounding noise on a zero gradient
    m = fileio.load(EX / "neuron_tanh.mgraph")
    q = Quiz(m)
    q.answer("1")
    assert q.answer("0.5").correct  # n.grad is 0.4999999999999998 (1 - 0.7071^2)


def test_typed_answers():
    assert parse_answer(" -2*3 ") == -6.0
    assert parse_answer("1 − 0.5^2") == 0.75
    assert parse_answer("(-3) × (-2)") == 6.0
    assert parse_answer("1/4") == 0.25
    for bad in ("", "abc", "__import__('os')", "2**99999", "1/0", "[1]"):
        with pytest.raises(InvalidValueError):
            parse_answer(bad)
    q = Quiz(fileio.load(EX / "blog_L.mgraph"))
    with pytest.raises(InvalidValueError):
        q.answer("two")
    assert q.current == "L" and q.answers == []  # a typo costs nothing


def test_explanation_shows_the_chain_rule_step():
    q = Quiz(fileio.load(EX / "blog_L.mgraph"))
    text = q.explain("a")
    assert text.splitlines()[0] == "a.grad = (−3) × (−2) = 6"
    assert "e = a · b" in text and "e.grad (−2)" in text
    assert "-" not in text  # one minus sign throughout, the one the app shows
    # said with the graph's own names, not the op's port names a and b
    assert q.explain("d").splitlines()[1] == "L = d · f, so ∂L/∂d = f = −2; × L.grad (1) = −2"
    assert "∂L/∂f = d = 4" in q.explain("f")
    assert "∂e/∂b = a = 2" in q.explain("b")
    q = Quiz(fileio.load(EX / "accumulate_a_plus_a.mgraph"))
    assert q.explain("a").startswith("a.grad = 1 × 1 + 1 × 1 = 2")
    assert "used 2 times" in q.explain("a")
    assert "(as its second input)" in q.explain("a")
    assert "root" in q.explain(q.root)
