"""A seeded driver of random SEQUENCES of user-level operations on the main
window (tests/test_action_sequences.py runs it): menu actions, selections,
groups folded and opened, a backward pass stepped, values and wires edited,
undo and redo in bursts. After each operation: no traceback reached
sys.excepthook, no Qt warning was logged, the canvas mirrors the model
(test_every_action's ``inconsistency``), and a finished backward pass shows
the gradients the headless command (core/graph/headless.py, from the file's
tables) works out for the same model. At the end everything is undone: the
model must be the starting one (nodes, edges, values, output, groups).

A failure names the seed, the start and the operations done, so
``replay(window, start, ops)`` repeats it (and ``shrink`` finds a shortest
list of them that still fails)."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication
from sequence_checks import difference, grads_problem, inconsistency, round_trip_problem, short, snapshot
from test_every_action import EXAMPLES, redo_all, undo_all

from core.files import fileio
from core.graph.model import GraphModel

#: Actions the driver never triggers: they close the window, switch the
#: document (the undo check is about one document), or open another window.
SKIPPED = {
    "action_quit",
    "action_full_screen",
    "action_new",
    "action_open",
    "action_reload",
    "action_tutorial",
    "action_user_guide",
    "action_toggle_dock_tutorial",
}

#: Actions drawn more often than the rest: the ones that cross features.
FAVOURITES = [
    "action_delete",
    "action_cut",
    "action_paste",
    "action_duplicate",
    "action_copy",
    "action_select_all",
    "action_layout",
    "action_collapse_all_groups",
    "action_expand_all_groups",
    "action_collapse_group",
    "action_expand_group",
    "action_ungroup",
    "action_backward",
    "action_step",
    "action_step_back",
    "action_skip_end",
    "action_restart",
    "action_set_output",
    "action_find_next",
    "action_learn_nudge_up",
    "action_learn_train",
    "action_clear_grads",
    "action_forward_mode",
    "action_gradient_flow",
    "action_linked_copies",
]

#: Qt warnings that say nothing about the app (the offscreen platform's).
BENIGN_QT = ("propagateSizeHints", "This plugin does not support")


# ---------------------------------------------------------------- starts
def hand_built() -> GraphModel:
    """out = tanh(a*b + c) with a shared input: small, every kind of port."""
    m = GraphModel()
    a = m.add_node("leaf", "a", label="a", value=2.0, x=0.0, y=-80.0)
    b = m.add_node("leaf", "b", label="b", value=-3.0, x=0.0, y=0.0)
    c = m.add_node("leaf", "c", label="c", value=0.5, x=0.0, y=80.0)
    p = m.add_node("mul", "p", label="p", x=200.0, y=-40.0)
    s = m.add_node("add", "s", label="s", x=400.0, y=0.0)
    q = m.add_node("mul", "q", label="q", x=400.0, y=120.0)
    t = m.add_node("tanh", "t", label="t", x=600.0, y=0.0)
    out = m.add_node("add", "out", label="out", x=800.0, y=40.0)
    m.connect(a, p, 0)
    m.connect(b, p, 1)
    m.connect(p, s, 0)
    m.connect(c, s, 1)
    m.connect(a, q, 0)
    m.connect(c, q, 1)
    m.connect(s, t, 0)
    m.connect(t, out, 0)
    m.connect(q, out, 1)
    m.set_output(out)
    return m


def mlp() -> GraphModel:
    from core.cli.templates import build

    return build("mlp")


def starts() -> dict[str, Callable[[], GraphModel]]:
    out: dict[str, Callable[[], GraphModel]] = {}
    for stem, path in sorted(EXAMPLES.items()):
        out[stem] = lambda p=path: fileio.load(p)
    out["mlp"] = mlp
    out["hand"] = hand_built
    return out


# ---------------------------------------------------------------- operations
@dataclass
class Op:
    """One operation, repeatable: ``kind`` and its arguments."""

    kind: str
    args: tuple = ()

    def __str__(self) -> str:
        return f"{self.kind}{self.args!r}" if self.args else self.kind


def settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def _act(window, name: str) -> QAction | None:
    return window.findChild(QAction, name)


def actions(window) -> list[str]:
    return sorted(
        a.objectName()
        for a in window.findChildren(QAction)
        if a.objectName().startswith("action_")
        and a.objectName() not in SKIPPED
        and not a.objectName().startswith("action_example_")
    )


def apply(window, op: Op, closer) -> bool:
    """Do ``op``; False when it does not apply now (nothing was done)."""
    m, sc, ed = window.model, window.scene, window.editor
    k, a = op.kind, op.args
    if k == "action":
        act = _act(window, a[0])
        if act is None or not act.isEnabled():
            return False
        act.trigger()
    elif k == "select":
        ids = [n for n in a if n in m]
        sc.clearSelection()
        sc.select_ids(ids)
    elif k == "select_card":
        if a[0] not in m.groups:
            return False
        window.grouping.select_group(a[0])
    elif k == "group":
        if not sc.selected_ids():
            return False
        window.grouping.group_selection(label=a[0])
    elif k == "ungroup":
        if a[0] not in m.groups:
            return False
        window.grouping.ungroup(gid=a[0])
    elif k == "fold":
        if a[0] not in m.groups:
            return False
        window.grouping.set_collapsed([a[0]], a[1])
    elif k in ("step", "step_back", "skip_end", "restart"):
        anim = window.backward.animator
        if not anim.active:
            return False
        getattr(anim, {"skip_end": "skip_to_end"}.get(k, k))()
    elif k == "backward":
        window.backward.run_backward(play=False)
    elif k == "value":
        if a[0] not in m or m.op(a[0]) != "leaf":
            return False
        ed.set_value(a[0], a[1])
    elif k == "connect":
        src, tgt, port = a
        if src not in m or tgt not in m or port >= len(m.inputs(tgt)):
            return False
        ed.connect_ports(src, tgt, port)
    elif k == "disconnect":
        tgt, port = a
        if tgt not in m or port >= len(m.inputs(tgt)):
            return False
        ed.disconnect_port(tgt, port)
    elif k == "move":
        ids = [n for n in a[0] if n in m]
        if not ids:
            return False
        dx, dy = a[1]
        ed.move_nodes({n: (m.position(n), (m.position(n)[0] + dx, m.position(n)[1] + dy)) for n in ids})
    elif k == "add":
        window.add_node(a[0])
    elif k == "find":
        nav = window.navigation
        nav.find.open()
        nav.find_bar.edit.setText(a[0])
        nav.find.search()
        for _ in range(a[1]):
            nav.find.step(1)
        if a[2]:
            nav.find.open_group()
    elif k == "undo":
        for _ in range(a[0]):
            window.undo_stack.undo()
    elif k == "redo":
        for _ in range(a[0]):
            window.undo_stack.redo()
    else:
        raise ValueError(k)
    settle()
    closer.close_all()
    return True


def random_op(rng: random.Random, window, names: list[str]) -> Op:
    """One operation a user could do now (its arguments drawn from the graph shown)."""
    m = window.model
    nodes = sorted(m.nodes())
    gids = [g.id for g in m.groups]
    r = rng.random()
    if r < 0.14:
        return Op("action", (rng.choice(names),))
    if r < 0.24:
        return Op("action", (rng.choice(FAVOURITES),))
    if r < 0.34 and nodes:
        return Op("select", tuple(rng.sample(nodes, rng.randint(1, min(len(nodes), 6)))))
    if r < 0.38 and gids:
        return Op("select_card", (rng.choice(gids),))
    if r < 0.44:
        return Op("group", (f"g{rng.randint(0, 99)}",))
    if r < 0.48 and gids:
        return Op("ungroup", (rng.choice(gids),))
    if r < 0.56 and gids:
        return Op("fold", (rng.choice(gids), rng.random() < 0.5))
    if r < 0.60:
        return Op("backward")
    if r < 0.68:
        return Op(rng.choice(["step", "step", "step_back", "skip_end", "restart"]))
    leaves = [n for n in nodes if m.op(n) == "leaf"]
    if r < 0.73 and leaves:
        return Op("value", (rng.choice(leaves), rng.choice(["0", "1.5", "-2", "3e2", "0.25", "-0.0"])))
    ops_ = [n for n in nodes if m.op(n) != "leaf"]
    if r < 0.78 and ops_:
        t = rng.choice(ops_)
        return Op("connect", (rng.choice(nodes), t, rng.randrange(len(m.inputs(t)))))
    if r < 0.81 and ops_:
        t = rng.choice(ops_)
        return Op("disconnect", (t, rng.randrange(len(m.inputs(t)))))
    if r < 0.84 and nodes:
        ids = tuple(rng.sample(nodes, rng.randint(1, min(len(nodes), 3))))
        return Op("move", (ids, (rng.choice([-40.0, 0.0, 60.0]), rng.choice([-30.0, 50.0]))))
    if r < 0.855 and nodes:
        n = rng.choice(nodes)
        text = (m.label(n) or n)[: rng.randint(1, 3)]
        return Op("find", (text, rng.randint(0, 3), rng.random() < 0.5))
    if r < 0.87:
        return Op("add", (rng.choice(["leaf", "add", "mul", "tanh", "exp", "pow"]),))
    if r < 0.94:
        return Op("undo", (rng.randint(1, 5),))
    return Op("redo", (rng.randint(1, 5),))


# ---------------------------------------------------------------- the run
@dataclass
class Run:
    start: str
    seed: int | None = None
    ops: list[Op] = field(default_factory=list)
    problem: str | None = None

    def __str__(self) -> str:
        lines = [f"start {self.start!r}, seed {self.seed}: {self.problem}"]
        lines += [f"  {i:2d}. {op}" for i, op in enumerate(self.ops)]
        return "\n".join(lines)


class Checker:
    """What went wrong since the last look: tracebacks, Qt warnings, mirror, grads."""

    def __init__(self, window, hook, qt_messages: Callable[[], list[str]]) -> None:
        self.window, self.hook, self.qt_messages = window, hook, qt_messages
        self.seen_hook = len(hook.seen)
        self.seen_qt = len(qt_messages())
        self.clean = not window.document.modified  # the document as opened: undoing all gets back to it

    def look(self) -> str | None:
        new = self.hook.seen[self.seen_hook :]
        self.seen_hook = len(self.hook.seen)
        if new:
            return f"traceback {new}"
        msgs = self.qt_messages()
        qt = [q for q in msgs[self.seen_qt :] if not any(b in q for b in BENIGN_QT)]
        self.seen_qt = len(msgs)
        if qt:
            return f"Qt warning {qt}"
        bad = inconsistency(self.window)
        if bad:
            return f"canvas and model disagree: {short(bad)}"
        return grads_problem(self.window) or round_trip_problem(self.window.model)


def open_start(window, start: str) -> None:
    window.set_document(starts()[start](), None, start)
    settle()


def replay(window, hook, closer, qt_messages, start: str, ops: list[Op]) -> Run:
    """Open ``start``, do ``ops`` (those that apply), check after each and at the end."""
    todo = iter(ops)
    return drive(window, hook, closer, qt_messages, Run(start), lambda: next(todo, None))


def drive(window, hook, closer, qt_messages, run: Run, next_op: Callable[[], Op | None]) -> Run:
    """Open ``run``'s start and do the operations ``next_op`` gives (drawn as
    the graph changes, or a list's) until it gives None: each checked, a
    driver's error a finding too; then :func:`finish`."""
    open_start(window, run.start)
    model, first = window.model, snapshot(window.model)
    last = first
    check = Checker(window, hook, qt_messages)
    check.look()
    while (op := next_op()) is not None:
        try:
            done = apply(window, op, closer)
        except Exception as e:  # noqa: BLE001 - a driver error is a finding too
            run.ops.append(op)
            run.problem = f"{op}: {type(e).__name__}: {e}"
            return run
        if not done:
            continue
        run.ops.append(op)
        bad = check.look()
        if bad:
            run.problem = f"after {op}: {bad}"
            return run
        if window.model is not model:  # another document now (a gradient graph, an import): from it on
            model, first = window.model, snapshot(window.model)
            check.clean = not window.document.modified
        if not window.undo_stack.canRedo():
            last = snapshot(model)
    run.problem = finish(window, first, check, last)
    return run


def finish(window, first: str, check: Checker, last: str) -> str | None:
    """Undo all, redo all, undo all: the start each time undone, ``last``
    (the graph when nothing was left to redo) redone, the mirror kept."""
    stack = window.undo_stack
    for when, go, want in (("undoing everything", undo_all, first), ("redoing everything", redo_all, last)):
        go(stack)
        settle()
        bad = check.look()
        if bad:
            return f"after {when}: {bad}"
        if snapshot(window.model) != want:
            what = "the start" if want is first else "the graph as it was"
            return f"{when} does not give back {what}: {difference(want, snapshot(window.model))}"
    undo_all(stack)
    settle()
    if check.clean and window.document.modified:
        return "everything undone, the document still says it is modified (Save would ask)"
    if snapshot(window.model) != first:
        return f"undo after redo does not give back the start: {difference(first, snapshot(window.model))}"
    return check.look()


def random_run(window, hook, closer, qt_messages, seed: int, length: int | None = None) -> Run:
    """Seed ``seed``: a start and 30-80 operations drawn as the graph changes."""
    rng = random.Random(seed)
    start = rng.choice(sorted(starts()))
    n = length if length is not None else rng.randint(30, 80)
    names = actions(window)
    left = [n]

    def next_op() -> Op | None:
        if left[0] <= 0:
            return None
        left[0] -= 1
        return random_op(rng, window, names)

    return drive(window, hook, closer, qt_messages, Run(start, seed), next_op)


def kind(problem: str | None) -> str:
    """What sort of failure: a traceback, a Qt warning, the mirror, the grads, the undo."""
    for word in ("traceback", "Qt warning", "disagree", "grad", "undo", "Error"):
        if problem and word in problem:
            return word
    return "other"


def shrink(window, hook, closer, qt_messages, run: Run, budget: int = 200, renew=None) -> Run:
    """A shorter list of ``run``'s operations that still fails the same way
    (delta debugging, bounded); ``renew()`` gives a fresh window after a
    failing try (an exception may leave a window broken for good)."""
    best = run
    tries = 0
    chunk = max(1, len(best.ops) // 2)
    while chunk >= 1 and tries < budget:
        i, progressed = 0, False
        while i < len(best.ops) and tries < budget:
            cand = best.ops[:i] + best.ops[i + chunk :]
            tries += 1
            r = replay(window, hook, closer, qt_messages, best.start, cand)
            if r.problem is not None and renew is not None:
                window = renew()
            if r.problem is not None and kind(r.problem) == kind(run.problem):
                r.seed = run.seed
                best, progressed = r, True
            else:
                i += chunk
        if not progressed:
            chunk //= 2
    return best
