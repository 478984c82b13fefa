"""core.graph.topology: the one Kahn order, the cycle walk, and their tie rules."""

from core.graph.topology import find_cycle, kahn_order


def test_kahn_ties_follow_node_order_then_the_given_edge_order():
    inputs = {"a": [], "c": ["a"], "b": ["a", None]}
    assert kahn_order(inputs) == (["a", "c", "b"], [])
    assert kahn_order(inputs, [("a", "b"), ("a", "c")]) == (["a", "b", "c"], [])


def test_kahn_leaves_out_a_cycle_and_what_is_behind_it_in_insertion_order():
    inputs = {"z": ["c"], "x": [], "a": ["c"], "b": ["a"], "c": ["b", "x"]}
    order, left = kahn_order(inputs)
    assert order == ["x"] and left == ["z", "a", "b", "c"]
    # from z (behind the cycle) the walk comes round to c; the cycle is told along the wires
    assert find_cycle(inputs, left) == ["a", "b", "c"]  # a -> b -> c -> a


def test_a_self_loop_is_a_cycle_of_one():
    inputs = {"e": ["e", None]}
    order, left = kahn_order(inputs)
    assert order == [] and find_cycle(inputs, left) == ["e"]


def test_downstream_is_the_starts_and_everything_fed_by_them():
    from core.graph.model import GraphModel

    m = GraphModel()
    for n in ("a", "b"):
        m.add_node("leaf", n)
    m.add_node("mul", "m")
    m.add_node("neg", "n")
    m.add_node("neg", "other")
    m.connect("a", "m", 0)
    m.connect("a", "m", 1)  # both ports from one source
    m.connect("m", "n", 0)
    m.connect("b", "other", 0)
    assert m.downstream(["a"]) == {"a", "m", "n"}
    assert m.downstream(["m", "b"]) == {"m", "n", "b", "other"}
    assert m.downstream([]) == set()


def test_the_model_s_helpers_do_not_import_the_model():
    """No import circle: topology and bulk, which the model imports, import
    nothing that imports the model (read from the sources, since importing
    any core module runs core/__init__.py, which imports the model)."""
    import ast
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]

    def imports(mod: str) -> set:
        tree = ast.parse((root / (mod.replace(".", "/") + ".py")).read_text(encoding="utf-8"))
        found = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("core."):
                for a in node.names:
                    sub = f"{node.module}.{a.name}"
                    found.add(sub if (root / (sub.replace(".", "/") + ".py")).exists() else node.module)
            elif isinstance(node, ast.Import):
                found |= {a.name for a in node.names if a.name.startswith("core.")}
        return found

    for start in ("core.graph.topology", "core.graph.bulk"):
        seen, todo = set(), [start]
        while todo:
            for m in imports(todo.pop()) - seen:
                assert m != "core.graph.model", f"{start} imports the model (through {sorted(seen)})"
                seen.add(m)
                todo.append(m)
