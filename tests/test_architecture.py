"""The house rules that keep the code findable, checked on the source itself:
packages by feature, small modules, no import circles, and features that
never look each other up by name. (import-linter, run by .ci/run, checks the
layers between the packages; see pyproject.toml.)"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("core", "gui")
#: The only modules allowed outside a feature package: thin entry points.
ENTRY_POINTS = {"core/__init__.py", "gui/__init__.py", "gui/app.py"}
MAX_LINES = 520


def modules() -> dict[str, Path]:
    """Dotted module name -> file, for every module of core/ and gui/."""
    found = {}
    for pkg in PACKAGES:
        for path in sorted((ROOT / pkg).rglob("*.py")):
            rel = path.relative_to(ROOT).with_suffix("")
            parts = list(rel.parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


def imports_of(name: str, path: Path, known: set[str]) -> set[str]:
    """The project modules ``name`` imports (TYPE_CHECKING imports too)."""
    tree = ast.parse(path.read_text("utf-8"))
    is_pkg = path.name == "__init__.py"
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = name.split(".") if is_pkg else name.split(".")[:-1]
                base = base[: len(base) - node.level + 1]
                mod = ".".join(base + ([node.module] if node.module else []))
            else:
                mod = node.module or ""
            targets = [f"{mod}.{a.name}" for a in node.names] + [mod]
        else:
            continue
        for t in targets:
            # the longest known module the name starts with
            parts = t.split(".")
            for i in range(len(parts), 0, -1):
                cand = ".".join(parts[:i])
                if cand in known:
                    if cand != name:
                        out.add(cand)
                    break
    return out


def import_graph() -> dict[str, set[str]]:
    mods = modules()
    known = set(mods)
    graph = {m: imports_of(m, p, known) for m, p in mods.items()}
    # importing a package runs its __init__, not its submodules: an edge to a
    # package whose __init__ only re-exports is still an edge to that __init__
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    found: list[list[str]] = []
    counter = [0]

    def visit(v: str) -> None:
        work = [(v, iter(sorted(graph.get(v, ()))))]
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        while work:
            node, it = work[-1]
            for w in it:
                if w not in index:
                    index[w] = low[w] = counter[0]
                    counter[0] += 1
                    stack.append(w)
                    on.add(w)
                    work.append((w, iter(sorted(graph.get(w, ())))))
                    break
                if w in on:
                    low[node] = min(low[node], index[w])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    comp = []
                    while True:
                        w = stack.pop()
                        on.discard(w)
                        comp.append(w)
                        if w == node:
                            break
                    if len(comp) > 1:
                        found.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_no_import_circles():
    assert cycles(import_graph()) == []


def test_the_cycle_finder_sees_a_circle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_every_module_is_in_a_feature_package():
    loose = [str(p.relative_to(ROOT)) for pkg in PACKAGES for p in (ROOT / pkg).glob("*.py")]
    assert sorted(set(loose) - ENTRY_POINTS) == []


@pytest.mark.parametrize("name", sorted(modules()))
def test_no_module_is_too_long(name):
    lines = modules()[name].read_text("utf-8").count("\n")
    assert lines <= MAX_LINES, f"{name}: {lines} lines; split it along a seam"


def test_features_do_not_look_each_other_up_by_name():
    # importlib loads a module by name, findChild(..., "name") finds an object
    # by name, getattr/hasattr probe for a member: each hides a dependency
    # that the window should make explicit.
    offenders = []
    for name, path in modules().items():
        text = path.read_text("utf-8")
        tree = ast.parse(text)
        for node in ast.walk(tree):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                mods = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module]
                if "importlib" in mods:
                    offenders.append(f"{name}: imports importlib")
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "findChild"
                and len(node.args) >= 2
            ):
                offenders.append(f"{name}:{node.lineno}: findChild by name")
            if (
                name.startswith("gui.")
                and isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in ("getattr", "hasattr")
            ):  # probing an object for a member instead of knowing its type
                offenders.append(f"{name}:{node.lineno}: {node.func.id}")
    assert offenders == []


def test_the_layers_hold():
    # The contracts in pyproject.toml: core never imports Qt or gui; inside
    # core and gui a package imports only the packages below it.
    import subprocess
    import sys

    lint = Path(sys.executable).with_name("lint-imports")
    if not lint.exists():
        pytest.skip("import-linter is not installed (pip install -e '.[test]')")
    r = subprocess.run([str(lint), "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stdout[-3000:]


#: networkx's internal dicts, read on the hot paths of these two modules; the
#: version bound in pyproject and tests/test_networkx_internals.py guard them.
NETWORKX_PRIVATE = {
    "core.graph.bulk",
    "core.graph.kept_values",
    "core.graph.model",
    "core.graph.layout",
    "core.graph.group_layout",
    "core.graph.scope_columns",
    "core.graph.groups",
    "core.graph.sinks",
    "core.graph.bulk_edit",
    "core.graph.bulk_remove",
    "core.graph.op_change",  # a change of operation undone: each wire where the file listed it
}


def _own_private_names(tree: ast.Module) -> set[str]:
    """_names the module itself defines: methods, self._x attributes, slots."""
    own: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            own.add(node.name)
        elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
            own.add(node.attr)
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            own.add(node.target.id)
        elif isinstance(node, ast.Assign):
            for t in node.targets:
                if isinstance(t, ast.Name):
                    own.add(t.id)
                    if t.id == "__slots__" and isinstance(node.value, (ast.Tuple, ast.List)):
                        own.update(e.value for e in node.value.elts if isinstance(e, ast.Constant))
    return {n for n in own if n.startswith("_")}


def reach_ins(name: str, tree: ast.Module) -> list[str]:
    """``obj._x`` in module ``name`` where the module defines no ``_x``."""
    own = _own_private_names(tree)
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Attribute) and node.attr.startswith("_")):
            continue
        if node.attr.startswith("__") or node.attr in own:
            continue
        if isinstance(node.value, ast.Name) and node.value.id in ("self", "cls"):
            continue  # the object's own (or its base class's) member
        if name in NETWORKX_PRIVATE and node.attr in {"_node", "_succ", "_pred"}:
            continue
        found.append(f"{name}:{node.lineno}: {ast.unparse(node)}")
    return found


def test_no_module_reaches_into_another_modules_private_members():
    # obj._x is the business of the module that defines _x
    offenders = []
    for name, path in modules().items():
        offenders += reach_ins(name, ast.parse(path.read_text("utf-8")))
    assert offenders == []


def test_the_private_check_sees_a_reach_in():
    tree = ast.parse("class A:\n    def f(self, b):\n        self._mine = b._theirs + self._mine\n")
    assert reach_ins("m", tree) == ["m:3: b._theirs"]
