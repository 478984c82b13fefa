"""What forward mode shows at each position (core/explain/forward_replay.py,
forward_text.py), without a display: highlights, tangents, captions,
sentences, and the non-finite explanations."""

from __future__ import annotations

from second_order_helpers import to_model
from test_cli import EXAMPLES

from core.explain import forward_text
from core.explain.forward_replay import ForwardReplay
from core.files import fileio
from core.graph.forward_mode import forward_mode
from core.graph.model import GraphModel


def blog_replay(leaf: str = "a") -> tuple:
    m = fileio.load(EXAMPLES / "blog_L.mgraph")
    return m, ForwardReplay(forward_mode(m, leaf), m.label, m.nonfinite_reason)


def test_positions_tangents_and_highlights():
    m, rp = blog_replay()
    assert rp.last == 3 and rp.quantity == "d/da" and rp.start_text == "da/da = 1"
    assert [rp.grad(n, 0) for n in "aedL"] == [1.0, None, None, None]
    assert [rp.highlight(n, 0) for n in "aebcf"] == ["input", None, "dim", "dim", "dim"]
    assert rp.note("a", 0) == "da/da = 1"
    # step 2: d is current, its input e lit, a done
    assert [rp.grad(n, 2) for n in "aedL"] == [1.0, -3.0, -3.0, None]
    assert (rp.highlight("d", 2), rp.highlight("e", 2), rp.highlight("a", 2)) == ("current", "input", "done")
    assert rp.flows(2) == [("e", "d", 0, "dd/da += ∂d/∂e · de/da = 1 × (−3) = −3")]
    assert rp.note("d", 2) == "dd/da = −3"
    # the end: L = 6 = dL/da, the last step still current, its wire lit and captioned as at every
    # step (trial 65 #2: the root's sum, the step the audience waits for, had no caption)
    assert rp.grad("L", 3) == 6.0 and rp.highlight("L", 3) == "current" and rp.highlight("d", 3) == "input"
    assert rp.flows(3) == [("d", "L", 0, "dL/da += ∂L/∂d · dd/da = −2 × (−3) = 6")]
    assert rp.highlight("e", 3) == "done" and rp.highlight("f", 3) == "dim"
    assert rp.changed_between(1, 2) >= {"e", "d"} and rp.changed_between(0, 3) is None


def test_sentences():
    m, rp = blog_replay()
    start = "Forward mode with respect to a: each node's tangent d(node)/da starts at da/da = 1."
    assert forward_text.narrate(rp, 0).startswith(start)
    s = forward_text.narrate(rp, 3)
    # the last step's own sentence, then the end (as Backward's "Step 2 of 2: … Finished": trial 65 #2)
    assert s.startswith("Step 3 of 3: dL/da is the sum over its inputs of local derivative × input's tangent")
    assert "∂L/∂d · dd/da = −2 × (−3) = 6, so dL/da = 6.  Finished: every node that depends on a shows" in s
    assert "with respect to ONE leaf" in s and "with respect to EVERY leaf" in s
    step2 = forward_text.narrate(rp, 2)
    assert step2.startswith("Step 2 of 3: dd/da") and step2.endswith(
        "∂d/∂e · de/da = 1 × (−3) = −3, so dd/da = −3."
    )
    assert forward_text.short_status(rp, 1) == "Step 1 of 3: de/da = −3 from its inputs."
    ex = forward_text.explain(m, rp, "L", 3).text()
    assert "dL/da += ∂L/∂d · dd/da = −2 × (−3) = 6" in ex
    assert "f does not depend on a: nothing flows on that wire." in ex
    assert "waits for its inputs' tangents" in forward_text.explain(m, rp, "L", 1).text()
    assert "does not depend on a" in forward_text.explain(m, rp, "b", 1).text()


def test_a_nonfinite_tangent_says_where_it_began():
    m = to_model([("x", "leaf", (), 0.0), ("l", "log", ("x",), None), ("n", "neg", ("l",), None)])
    rp = ForwardReplay(forward_mode(m, "x"), m.label, m.nonfinite_reason)
    assert rp.grad("n", rp.last) == float("-inf")
    assert rp.nonfinite_origin("n", rp.last) == "∂l/∂x = inf (log of zero at 'l')"
    assert rp.nonfinite_cause("n", rp.last) == "log of zero at 'l'"


def test_the_order_lists_last_line_counts_one_step_as_one():
    m = to_model([("x", "leaf", [], 2.0), ("y", "tanh", ["x"], None)], "y")
    rp = ForwardReplay(forward_mode(m, "x"), m.label, m.nonfinite_reason)
    assert rp.last == 1
    assert forward_text.short_status(rp, 1).endswith("Finished: its one step done.")
    _m, big = blog_replay("a")
    assert forward_text.short_status(big, big.last).endswith(f"Finished: all {big.last} steps done.")


def test_forward_causes_name_what_made_a_nan_and_an_inputs_infinity():
    """p = log(x)·b at x = 0, b = 0: from x, dp/dx is ∂p/∂a (b = 0) × da/dx (inf),
    a nan made at p; from b, dp/db is ∂p/∂b = log(x) = −inf, that input's own cause
    (p's value, nan, has its own: "(−inf) × 0 at 'p'")."""
    m = GraphModel()
    m.add_node("leaf", "x", value=0.0)
    m.add_node("log", "a")
    m.connect("x", "a", 0)
    m.add_node("leaf", "b", value=0.0)
    m.add_node("mul", "p")
    m.connect("a", "p", 0)
    m.connect("b", "p", 1)
    rp = ForwardReplay.of(forward_mode(m, "x"), m)
    assert rp.nonfinite_cause("p", rp.last) == "0 × inf at 'p': log of zero at 'a'"
    assert rp.nonfinite_origin("p", rp.last) == "∂p/∂a · da/dx = 0 × inf (log of zero at 'a')"
    rp = ForwardReplay.of(forward_mode(m, "b"), m)
    assert rp.nonfinite_cause("p", rp.last) == "log of zero at 'a'"
