"""The f(x) bar's rule for what a formula is to the graph, in core (no Qt):
the output, a side result beside it, or a number that leaves it alone."""

from core.code.codeadd import canvas_names
from core.code.codein import parse_code
from core.code.formula_role import formula_role
from core.graph.model import GraphModel


def _neuron() -> GraphModel:
    """x, y leaves; z = x * y the output (a computed node)."""
    m = GraphModel()
    m.add_node("leaf", "x", value=2.0, label="x")
    m.add_node("leaf", "y", value=3.0, label="y")
    m.add_node("mul", "z", label="z")
    m.connect("x", "z", 0)
    m.connect("y", "z", 1)
    m.set_output("z")
    return m


def _role(m: GraphModel, text: str, own_values: bool = False) -> str:
    graph = parse_code(text)
    reuse, _ = canvas_names(m, graph)
    return formula_role(m, graph, reuse, own_values)


def test_over_the_canvas_leaves_alone_a_side_result():
    assert _role(_neuron(), "w = x + 1") == "side"


def test_reading_the_output_or_a_computed_node_leads_on():
    assert _role(_neuron(), "L = z * 2") == "output"


def test_leaves_of_its_own_given_values_lead():
    assert _role(_neuron(), "w = x + 1", own_values=True) == "output"


def test_a_graph_without_an_output_takes_the_formula():
    m = _neuron()
    m.set_output(None)
    assert _role(m, "w = x + 1") == "output"


def test_a_number_alone_leaves_the_output():
    assert _role(_neuron(), "w = 0.5") == "value"
