"""Verify 51 N-b: every sum and product the app writes out checks on paper
at the digits it shows. Each number rounded on its own missed by a digit:
"e.grad = −0.10355 + 0.14645 = 0.04289" (0.04290 on paper), the banner's
"0.1464 × 5.8284 = 0.8536" (0.8533). The line takes more decimals until
it checks; every number stays its true value rounded (core/explain/equation.py)."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

import pytest
from test_cli import EXAMPLES

from core.explain import equation, forward_text
from core.explain.forward_replay import ForwardReplay
from core.explain.replay import Replay
from core.explain.step_text import explain, narrate
from core.files import fileio
from core.graph.backward import backward
from core.graph.forward_mode import forward_mode

#: a number as a line writes it: 0.5, (−3), −0.1036, and under 0.001 in powers of ten, (−1.442e−4)
_N = r"\(?−?\d+(?:\.\d+)?(?:e−?\d+)?\)?"
_SUM = re.compile(rf"(?<![\w.e−])((?:{_N} \+ )+{_N}) = ({_N})(?![\w.])")
_PRODUCT = re.compile(rf"(?<![\w.e−])({_N}) × ({_N}) = ({_N})(?![\w.])")


def _d(s: str) -> Decimal:
    return Decimal(s.strip("()").replace("−", "-"))


def _unit(written: str) -> Decimal:
    return Decimal(1).scaleb(int(_d(written).as_tuple().exponent))


def misses(text: str) -> list[str]:
    """The sums and products in ``text`` that do not check on paper: a sum's
    written terms added digit by digit give its written total; a product's
    written factors multiplied, rounded half up to the written result's
    places, give it."""
    bad = []
    for m in _SUM.finditer(text):
        if any(0 < abs(_d(t)) < Decimal("1e-4") for t in m.group(0).replace(" = ", " + ").split(" + ")):
            continue  # (too small to set the line's precision: equation.py writes it unchecked)
        if sum((_d(t) for t in m.group(1).split(" + ")), Decimal(0)) != _d(m.group(2)):
            bad.append(m.group(0))
    for m in _PRODUCT.finditer(text):
        if any(0 < abs(_d(t)) < Decimal("1e-4") for t in m.groups()):
            continue
        got = (_d(m.group(1)) * _d(m.group(2))).quantize(_unit(m.group(3)), rounding=ROUND_HALF_UP)
        if got != _d(m.group(3)):
            bad.append(m.group(0))
    return bad


def test_hand_worked_sums_and_products():
    # (the checker finds what verify 51 found)
    assert misses("e.grad = −0.10355 + 0.14645 = 0.04289") == ["−0.10355 + 0.14645 = 0.04289"]
    assert misses("x.grad += 1.249 × (−0.3) = −0.3748") == ["1.249 × (−0.3) = −0.3748"]
    assert not misses("n = (−6) + 6.8814 = 0.8814; y.grad += 1.2493 × 0.7 = 0.8745")
    # e of the exp form of tanh at n = 0.881374: e = exp(2n) = 5.828427, and its
    # two contributions −(e − 1)/(e + 1)² = −0.10355339 and 1/(e + 1) = 0.14644661
    e = 5.828427124746191
    a, b = -(e - 1) / (e + 1) ** 2, 1 / (e + 1)
    # at five places −0.10355 + 0.14645 is 0.04290, at six 0.042894 (the sum
    # 0.04289322 is 0.042893): seven places check
    assert equation.summed([a, b], a + b) == "−0.1035534 + 0.1464466 = 0.0428932"
    # a sum that checks at four places stays there
    assert equation.summed([-6.0, 6.881373587019543], 0.881373587019543) == "−6 + 6.8814 = 0.8814"
    # the result of a product keeps its card's digits (0.8536); 0.1464 × 5.8284 is
    # 0.8533; 0.14645 × 5.8284 is 0.853569, which is 0.8536 (the factor whose rounding moved
    # it most, 0.1464 off by 4.5e−5 times 5.83, takes a decimal; 5.8284 keeps its own)
    assert equation.multiplied(b, e, b * e) == "0.14645 × 5.8284 = 0.8536"
    # −0.1036 × 5.8284 = −0.60382, −0.10355 × 5.8284 = −0.60353, −0.103553 × 5.8284 =
    # −0.603548: both factors take more, −0.103553 × 5.82843 = −0.6035521, which is −0.6036
    assert equation.multiplied(a, e, a * e) == "−0.103553 × 5.82843 = −0.6036"
    # a product a hair from its rounding boundary: 3.11413 × 0.689679 = 2.1477487; 3.1141 × 0.6897
    # is 2.14779, 3.1141 × 0.68968 is 2.147732: the second factor alone takes one more decimal
    assert equation.multiplied(3.1141299, 0.6896786, 3.1141299 * 0.6896786) == "3.1141 × 0.68968 = 2.1477"
    # verify 51's banner: (x*y + x**2).grad = 1.249329 times 0.7 and −0.3
    g = 1.2493288063462765
    assert equation.multiplied(g, 0.7, g * 0.7) == "1.2493 × 0.7 = 0.8745"
    assert equation.multiplied(g, -0.3, g * -0.3) == "1.2493 × (−0.3) = −0.3748"
    # a product too small to write plainly: in powers of ten, as a card (1.12157e−4 is 1.122e−4)
    assert equation.multiplied(6.716e-5, 1.67, 6.716e-5 * 1.67) == "6.716e−5 × 1.67 = 1.122e−4"


def test_a_line_that_never_checks_says_so():
    n = equation.Numbers(0.1, 0.2, 0.30000000000000004)
    assert n.fit("+", [0.1, 0.2], 0.30000000000000004) == "="  # 0.1 + 0.2 = 0.3 at four places
    # a result no rounding of the terms gives, at any places up to MORE: "≈", first precision
    n = equation.Numbers(1 / 3, 1 / 3, 0.6667)
    assert n.fit("+", [1 / 3, 1 / 3], 0.66671) == "≈" and n.more == 0 and equation.MORE >= 3


def _backward_texts(path) -> list[str]:
    m = fileio.load(path)
    res = backward(m)
    rp = Replay.of(res, m)
    out = [narrate(rp, pos) for pos in range(rp.last + 1)]
    out += [t for pos in range(rp.last + 1) for n in res.order if (t := rp.note(n, pos))]
    for pos in (rp.last // 2, rp.last):
        out += [explain(m, rp, n, pos).text() for n in res.order]
    return out


@pytest.mark.parametrize("name", ["neuron_exp", "vanishing_tanh"])
def test_every_banner_note_and_chain_rule_line_checks_on_paper(name):
    texts = _backward_texts(EXAMPLES / f"{name}.mgraph")
    assert any(" × " in t for t in texts)
    assert [b for t in texts for b in misses(t)] == []


def test_forward_modes_lines_check_on_paper():
    m = fileio.load(EXAMPLES / "vanishing_tanh.mgraph")
    leaf = next(n for n in m.nodes() if m.label(n) == "w12")
    rp = ForwardReplay(forward_mode(m, leaf), m.label, m.nonfinite_reason)
    texts = [forward_text.narrate(rp, p) for p in range(rp.last + 1)]
    texts += [c for p in range(rp.last) for *_, c in rp.flows(p)]
    texts += [forward_text.explain(m, rp, n, rp.last).text() for n in m.nodes() if rp.in_past(n)]
    assert [b for t in texts for b in misses(t)] == []


def test_a_sums_small_terms_read_in_one_form_and_check_on_paper():
    """Trial 55 #7: one picture's sums wrote small terms two ways, "x1[1].grad =
    −5.465e−5 + …" and "x2[1].grad = −0.0001442 + …": under 0.001 a number is
    written in powers of ten, as on the cards, and the line still checks."""
    from core.cli.templates import build
    from core.explain.received import BRIEF, sum_text

    line = sum_text([-0.0001442, 0.06134, -0.02608, 0.01283], -0.0001442 + 0.06134 - 0.02608 + 0.01283)
    assert line == "−1.442e−4 + 0.06134 + (−0.02608) + 0.01283 = 0.0479458" and not misses(line)
    assert misses("1.442e−4 + 0.06134 = 0.0615") == ["1.442e−4 + 0.06134 = 0.0615"]  # (the checker reads it)
    assert equation.multiplied(1.67, 1.5e-4, 1.67 * 1.5e-4) == "1.67 × 1.5e−4 = 2.505e−4"
    m = build("mlp")
    res = backward(m)
    rp = Replay.of(res, m)
    notes = [t for n in res.order if (t := rp.end_note(n))]  # the finished picture's sums
    assert len(notes) > 20 and any("e−" in t for t in notes)
    plain_small = re.compile(r"(?<![\d.e])−?0\.000\d")
    assert [t for t in notes if plain_small.search(t)] == []
    assert [b for t in notes for b in misses(t)] == []
    # and the wires' captions of every step, and the banner, write them alike ("× 1.442e−4")
    captions = [c for pos in range(rp.last) for *_, c in rp.flows(pos)]
    captions += [narrate(rp, pos) for pos in range(0, rp.last + 1, 7)]
    assert any("e−" in c for c in captions)
    assert [c for c in captions if plain_small.search(c)] == []
    assert BRIEF >= 4
