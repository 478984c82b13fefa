"""Help › Tutorial's steps: each check is true exactly when the learner has
done the step in the model (core only, no Qt)."""

from __future__ import annotations

import pytest
from animation_helpers import load

from core.graph.backward import backward
from core.graph.model import GraphModel
from core.learn import templates
from core.learn import tutorial as T


def state(m: GraphModel, root: str | None = None, at_end: bool = True, trained: int = 0) -> T.State:
    p = backward(m, root) if root is not None else None
    return T.State(m, p, at_end and p is not None, trained)


def leaf(m: GraphModel, label: str, value: float) -> str:
    return m.add_node("leaf", label=label, value=value)


def op(m: GraphModel, kind: str, label: str | None, *inputs: str) -> str:
    n = m.add_node(kind, label=label)
    for p, s in enumerate(inputs):
        m.connect(s, n, p)
    return n


def built_L() -> tuple[GraphModel, dict[str, str]]:
    """The lecture's graph as a learner builds it: ids the app gives (x1, mul1, ...)."""
    m = GraphModel()
    ids = {"a": leaf(m, "a", 2.0), "b": leaf(m, "b", -3.0)}
    ids["e"] = op(m, "mul", "e", ids["b"], ids["a"])  # inputs in either order
    ids["c"] = leaf(m, "c", 10.0)
    ids["d"] = op(m, "add", "d", ids["e"], ids["c"])
    ids["f"] = leaf(m, "f", -2.0)
    ids["L"] = op(m, "mul", "L", ids["d"], ids["f"])
    return m, ids


def step(title: str) -> T.Step:
    (s,) = [s for s in T.STEPS if s.title == title]
    return s


# ------------------------------------------------------------------ each check
def test_empty_canvas():
    m = GraphModel()
    assert T.is_empty(state(m))
    leaf(m, "a", 2.0)
    assert not T.is_empty(state(m))


@pytest.mark.parametrize(
    ("label", "value", "expected"),
    [("a", 2.0, True), (" a ", 2.0, True), ("a", 2.5, True), ("A", 2.0, False), ("x1", 2.0, False)],
)
def test_leaf_a(label, value, expected):
    m = GraphModel()
    leaf(m, label, value)
    assert T.has_a(state(m)) is expected


def test_leaf_a_must_be_a_leaf():
    m = GraphModel()
    n = op(m, "neg", "a", leaf(m, "t", -2.0))  # a node called a, worth 2, but not a leaf
    assert m.value(n) == 2.0
    assert not T.has_a(state(m))


def test_leaf_b_any_number_the_learner_chooses():
    """Trial 69 #2: a leaf is "a number you choose": b = 3 counts, its praise says so."""
    m = GraphModel()
    n = leaf(m, "b", 3.0)
    assert T.has_b(state(m))
    said = step("Place a leaf b = −3").praise(state(m))
    assert said == "b = 3. (The lecture's is −3; the steps go on with yours.)"
    m.set_value(n, -3.0)
    assert step("Place a leaf b = −3").praise(state(m)) == "b = −3."


def test_e_needs_both_wires_the_op_and_the_name():
    m = GraphModel()
    a, b = leaf(m, "a", 2.0), leaf(m, "b", -3.0)
    e = m.add_node("mul")
    m.connect(a, e, 0)
    assert not T.has_e(state(m))
    m.connect(b, e, 1)
    assert not T.has_e(state(m))  # not named yet
    assert "name it e" in step("Multiply: e = a·b").todo(state(m))
    m.set_label(e, "e")
    assert T.has_e(state(m))
    assert step("Multiply: e = a·b").praise(state(m)) == "e = a·b = −6."
    m.disconnect(e, 1)
    m.connect(a, e, 1)  # a·a is not a·b
    assert not T.has_e(state(m))


def test_the_praise_of_the_built_graph_stays_true_while_its_values_change():
    """It stays up during the next step, Backward, where a learner edits
    values (the trial: it still said L = −8 with a = 5, where L = 10)."""
    said = step("Multiply: L = d·f").praise(None)
    assert said == f"You built {T.L_FORMULA}, the lecture's graph." and "8" not in said


def test_e_is_a_product_not_a_sum():
    m = GraphModel()
    op(m, "add", "e", leaf(m, "a", 2.0), leaf(m, "b", -3.0))
    assert not T.has_e(state(m))


def test_d_needs_e_wired_into_it():
    m, ids = built_L()
    assert T.has_d(state(m))
    m.disconnect(ids["d"], 0)  # e's wire into d goes
    assert not T.has_d(state(m))
    m.connect(ids["a"], ids["d"], 0)  # a + c is not e + c
    assert not T.has_d(state(m))
    m.disconnect(ids["d"], 0)
    m.connect(ids["e"], ids["d"], 0)
    m.set_value(ids["c"], 11.0)  # any c: the learner's number
    assert T.has_d(state(m)) and step("Add: d = e + c").praise(state(m)) == "d = e + c = 5."
    m.set_label(ids["c"], "C")
    assert not T.has_d(state(m))


def test_d_hint_names_what_is_missing():
    m = GraphModel()
    e = op(m, "mul", "e", leaf(m, "a", 2.0), leaf(m, "b", -3.0))
    todo = step("Add: d = e + c").todo
    assert todo(state(m)) == "First a leaf c = 10."
    op(m, "add", None, e, leaf(m, "c", 10.0))
    assert "name it d" in todo(state(m))


def test_L_is_the_whole_graph():
    m, ids = built_L()
    assert T.has_L(state(m)) and m.value(ids["L"]) == -8.0
    m.set_label(ids["e"], "x")  # every part must still be there, named
    assert not T.has_L(state(m))


def test_the_shipped_blog_example_counts_as_built():
    assert T.has_L(state(load("blog_L")))


def test_backward_on_L_needs_a_pass_at_its_end():
    m, ids = built_L()
    assert not T.backward_on_L_done(state(m))
    assert not T.backward_on_L_done(state(m, ids["L"], at_end=False))
    assert not T.backward_on_L_done(state(m, ids["d"]))  # from d, not from L
    assert T.backward_on_L_done(state(m, ids["L"]))
    g = backward(m, ids["L"]).grads  # the numbers the praise quotes
    assert (g[ids["a"]], g[ids["b"]], g[ids["c"]], g[ids["f"]]) == (6.0, -4.0, -2.0, 4.0)


def test_shared_node():
    m, _ = built_L()
    assert not T.has_shared_node(state(m))
    assert T.has_shared_node(state(load("accumulate_a_plus_a")))
    assert T.has_shared_node(state(load("accumulate_shared")))
    m2 = GraphModel()
    a = leaf(m2, "a", 3.0)
    op(m2, "mul", "s", a, a)
    assert T.has_shared_node(state(m2))


def test_backward_on_shared_and_the_accumulation_it_shows():
    m = load("accumulate_a_plus_a")
    assert not T.backward_on_shared_done(state(m))
    assert not T.backward_on_shared_done(state(m, "b", at_end=False))
    s = state(m, "b")
    assert T.backward_on_shared_done(s)
    assert T.accumulation(s) == "a.grad = 1 + 1 = 2: each use of a added its share (+=)"
    assert T.accumulation(state(m)) == ""


def test_the_accumulation_step_says_which_card_to_watch():
    todo = step("Watch its gradient add up").todo
    m = load("accumulate_a_plus_a")
    assert todo(state(m)) == "Watch a: it is used twice, so two contributions will reach its gradient."
    assert todo(state(m, "b", at_end=False)).startswith("Watch a.grad: press →")
    assert "go Back" in todo(state(built_L()[0]))


def test_accumulation_with_negative_shares():
    m = load("accumulate_shared")  # f = (a·b)·(a + b), a = −2, b = 3
    s = state(m, "f")
    assert T.backward_on_shared_done(s)
    # by hand: d = a·b, e = a + b; d.grad = e = 1, e.grad = d = −6; a gets
    # b·d.grad = 3 from d and 1·e.grad = −6 from e, in the pass's order (e first)
    assert s.backward_pass is not None and s.backward_pass.order.index("e") < s.backward_pass.order.index("d")
    assert T.accumulation(s).startswith("a.grad = (−6) + 3 = −3")


def test_a_pass_on_a_graph_without_a_shared_node_does_not_count():
    m, ids = built_L()
    assert not T.backward_on_shared_done(state(m, ids["L"]))


def test_a_shared_node_outside_the_pass_does_not_count():
    m, ids = built_L()
    x = leaf(m, "x", 1.0)
    op(m, "add", "y", x, x)  # used twice, but L does not depend on it
    assert T.has_shared_node(state(m))
    assert not T.backward_on_shared_done(state(m, ids["L"]))


def test_neuron_template_and_example():
    m = GraphModel()
    templates.insert(m, templates.placed(templates.neuron(), m))
    assert T.has_neuron(state(m))
    assert T.has_neuron(state(load("neuron_tanh")))
    m3 = GraphModel()
    templates.insert(m3, templates.placed(templates.neuron(3, "relu", seed=1), m3))
    assert T.has_neuron(state(m3))


def test_an_mlp_has_neurons_too():
    m = GraphModel()
    templates.insert(m, templates.placed(templates.mlp(3, [2, 1], xs=[[1.0, 2.0, 3.0]], ys=[1.0]), m))
    # the first layer's two neurons (the last one's inputs are activations, not leaves)
    assert len(T.neurons(m)) == 2 and all(m.op(n) == "tanh" for n in T.neurons(m))


def test_not_a_neuron():
    m, ids = built_L()
    assert not T.has_neuron(state(m))
    op(m, "tanh", "t", ids["L"])  # tanh of a product: no weighted sum
    assert not T.has_neuron(state(m))
    m2 = GraphModel()
    s = op(m2, "add", "s", leaf(m2, "x", 1.0), leaf(m2, "b", 2.0))
    op(m2, "tanh", "o", s)  # a sum, but no x·w in it
    assert not T.has_neuron(state(m2))
    m3 = GraphModel()
    xw = op(m3, "mul", "xw", leaf(m3, "x", 1.0), leaf(m3, "w", 2.0))
    op(m3, "tanh", "o", op(m3, "add", "s", xw, xw))  # x·w, but no bias added
    assert not T.has_neuron(state(m3))


def test_trained_needs_a_step_and_a_neuron():
    m = load("neuron_tanh")
    assert not T.trained(state(m))
    assert T.trained(state(m, trained=1))
    assert not T.trained(state(built_L()[0], trained=3))


# ------------------------------------------------------------------ progress
def test_every_step_has_a_title_text_and_a_check_that_starts_false():
    s = state(GraphModel())
    for st in T.STEPS[1:]:  # all but "empty canvas" need the learner to do something
        assert st.title and st.text and not st.done(s), st.title
    assert len({st.title for st in T.STEPS}) == len(T.STEPS)


def test_progress_moves_on_when_the_check_passes():
    p = T.Progress()
    m = load("blog_L")
    assert p.update(state(m)) == 0 and p.index == 0  # the blog example is open: New first
    m = GraphModel()
    assert p.update(state(m)) == 1 and p.step is not None and p.step.title == "Place a leaf a = 2"
    assert p.praise == "An empty canvas."
    a = leaf(m, "a", 2.0)
    b = leaf(m, "b", -3.0)  # two steps at once
    assert p.update(state(m)) == 2 and p.step.title == "Multiply: e = a·b"
    op(m, "mul", "e", a, b)
    p.update(state(m))
    assert p.step.title == "Add: d = e + c"


def test_the_whole_path_on_models():
    p = T.Progress()
    m, ids = built_L()
    p.skip(state(GraphModel()))  # past "empty canvas" by Next
    p.update(state(m))
    assert p.step.title == "Run Backward from L"
    p.update(state(m, ids["L"], at_end=False))
    assert p.step.title == "Run Backward from L"
    p.update(state(m, ids["L"]))
    assert p.step.title == "Open a graph that uses a node twice"
    shared = load("accumulate_a_plus_a")
    p.update(state(shared))
    assert p.step.title == "Watch its gradient add up"
    p.update(state(shared, "b"))
    assert p.praise.startswith("a.grad = 1 + 1 = 2")
    neuron = load("neuron_tanh")
    p.update(state(neuron))
    assert p.step.title == "One step of training"
    p.update(state(neuron, trained=1))
    assert p.finished and p.step is None


def test_back_holds_a_done_step_until_next():
    p = T.Progress()
    m = GraphModel()
    leaf(m, "a", 2.0)
    p.skip(state(m))
    assert p.step.title == "Place a leaf b = −3" and p.praise == "a = 2 is a leaf: a number you choose."
    p.back(state(m))
    assert p.step.title == "Place a leaf a = 2" and p.held
    assert p.update(state(m)) == 0  # held: the learner went back to read it
    p.skip(state(m))
    assert p.step.title == "Place a leaf b = −3"


def test_a_held_step_is_released_when_it_is_undone_and_moves_on_when_redone():
    p = T.Progress(index=1)
    m = GraphModel()
    a = leaf(m, "a", 2.0)
    p.update(state(m))
    p.back(state(m))
    p.index, p.held = 1, True
    m.remove_node(a)
    assert p.update(state(m)) == 0 and not p.held
    leaf(m, "a", 2.0)
    assert p.update(state(m)) == 1


def test_back_at_the_first_step_and_skip_at_the_end_do_nothing():
    p = T.Progress()
    p.back(state(GraphModel()))
    assert p.index == 0
    p.index = len(p.steps)
    p.skip(state(GraphModel()))
    assert p.finished and p.index == len(p.steps)
    p.restart()
    assert p.index == 0 and not p.held


def test_the_accumulation_adds_up_on_paper():
    """Verify 51 N-b, the tutorial's sum too: on the teacher's f = tanh(x*y + x**2) * exp(-y),
    x = 0.7, y = −0.3, "x.grad = 1.749 + (−0.3748) = 1.374" is 1.3742 on paper. x's two
    contributions are 1.24933 × 1.4 = 1.749062 and 1.24933 × (−0.3) = −0.374799."""
    from core.code.codeadd import import_code

    m, _plan = import_code("f = tanh(x*y + x**2) * exp(-y)", {"x": 0.7, "y": -0.3})
    f = next(n for n in m.nodes() if m.label(n) == "f")
    said = T.accumulation(state(m, f))
    assert said.startswith("x.grad = 1.7491 + (−0.3748) = 1.3743: each use"), said


# ------------------------------------------------------------------ near misses (trial 69 #2)
def todo(title: str, m: GraphModel, root: str | None = None, at_end: bool = True) -> str:
    return step(title).todo(state(m, root, at_end))


def test_a_leaf_named_with_a_capital_is_told_to_be_named_in_lower_case():
    m = GraphModel()
    leaf(m, "A", 2.0)
    assert not T.has_a(state(m))
    assert todo("Place a leaf a = 2", m) == (
        "The leaf is called A: names tell capitals apart, so name it a (double-click its name)."
    )


def test_a_new_leaf_not_named_yet_is_told_its_name():
    m = GraphModel()
    leaf(m, "a", 2.0)
    m.add_node("leaf", value=1.0)  # Esc on the new card: it shows its id
    said = todo("Place a leaf b = −3", m)
    assert said.startswith("The new leaf is called leaf") and said.endswith(
        "name it b (double-click its name and type b = -3)."
    )


def test_a_computed_node_under_a_leafs_name_is_told_apart():
    m = GraphModel()
    op(m, "neg", "a", leaf(m, "t", -2.0))
    assert (
        todo("Place a leaf a = 2", m)
        == "a here is a −x (Negate) node: this step wants a Value (a leaf) called a."
    )


def test_e_with_the_wrong_operation_or_inputs_says_which():
    m = GraphModel()
    a, b, c = leaf(m, "a", 3.0), leaf(m, "b", -3.0), leaf(m, "c", 10.0)
    e = op(m, "add", "e", a, b)
    assert todo("Multiply: e = a·b", m) == (
        "e is a + (Add) node: e = a·b needs a × (Multiply) node. "
        "To fix it, right-click it › Change Operation › Multiply."
    )
    m.remove_node(e)
    e = op(m, "mul", "e", a, c)
    assert todo("Multiply: e = a·b", m) == "e's inputs are a and c: wire a into one and b into the other."
    m.disconnect(e, 1)
    assert todo("Multiply: e = a·b", m) == "e's inputs are a and empty: wire a into one and b into the other."
    m.connect(b, e, 1)
    assert T.has_e(state(m)) and step("Multiply: e = a·b").praise(state(m)) == "e = a·b = −9."


def test_a_later_step_names_an_earlier_part_undone():
    m, ids = built_L()
    m.remove_node(ids["L"])
    m.set_label(ids["a"], "A")
    assert todo("Multiply: L = d·f", m) == (
        "The leaf is called A: names tell capitals apart, so name it a (double-click its name)."
    )
    m.set_label(ids["a"], "a")
    m.set_label(ids["e"], "x")
    assert (
        todo("Multiply: L = d·f", m)
        == "e = a·b is not complete any more: the × node is wired to a and b: now name it e."
    )
    m.set_label(ids["e"], "e")
    m.remove_node(ids["f"])
    assert todo("Multiply: L = d·f", m) == "First a leaf f = -2."
    m, ids = built_L()
    m.remove_node(ids["a"])
    assert todo("Add: d = e + c", m) == "There is no leaf a any more: place one again (a = 2), or Undo."


def test_a_pass_from_another_node_says_to_make_L_the_output():
    """Trial 69 #2: d was the output (an earlier formula), Ctrl+B ran from d, nothing said so."""
    m, ids = built_L()
    said = todo("Run Backward from L", m, ids["d"])
    assert said == (
        "The pass ran from d, not from L: select L, then Graph › Set as Output (Ctrl+Shift+O), "
        "and press Backward again."
    )
    m.set_output(ids["d"])
    assert todo("Run Backward from L", m).startswith(
        "Backward starts at the output, which is d: make L the output"
    )
    m.set_output(ids["L"])
    assert todo("Run Backward from L", m) == ""
    assert todo("Run Backward from L", m, ids["L"], at_end=False).startswith("Press → (Step)")


def test_the_praise_of_a_step_done_says_the_numbers_as_they_are_now():
    """Trial 69 #2: "✓ a = 2 is a leaf" stood after a was made 3; and a step undone has no tick."""
    p = T.Progress()
    m = GraphModel()
    p.skip(state(m))
    a = leaf(m, "a", 2.0)
    p.update(state(m))
    assert p.praise_now(state(m)) == "a = 2 is a leaf: a number you choose."
    m.set_value(a, 3.0)
    assert p.praise_now(state(m)) == (
        "a = 3 is a leaf: a number you choose. (The lecture's is 2; the steps go on with yours.)"
    )
    m.set_label(a, "A")
    assert p.praise_now(state(m)) == ""  # not a leaf a any more: no tick


def test_the_gradients_praised_are_those_of_the_pass():
    m, ids = built_L()
    m.set_value(ids["a"], 3.0)
    said = step("Run Backward from L").praise(state(m, ids["L"]))
    assert said == "Every gradient of L: a.grad = 6, b.grad = −6, c.grad = −2, f.grad = 1."
