"""Groups in code: the comment lines that carry a graph's groups through
Python. File › Export › Python writes them; Import Code reads them back::

    # --- ▸ layer 1 [1] / neuron 1.1 [1]
    n1_1_1 = w1_1_1 * x1_1; n1_1_1.label = 'w1.1.1·x1[1]'
    ...
    # ---
    y = Value(1.0, label='y')

A comment line ``# --- PATH`` (on a line of its own) puts the statements
after it, up to the next such line, into the group PATH names: the group
labels from the outermost, joined by `` / ``. ``▸`` before a label marks
that group folded. A label that would read as something else (one holding
`` / ``, starting with a quote or ``▸``, ending in `` #2``…) is written as a
Python string (``'a / b'``); `` #2`` after a label is the second group of
that name in the same group. ``# ---`` alone ends the group: what follows
is in none. The same PATH twice names one group (its statements need not
be together). Closing dashes (``# --- part A ---``) are decoration. A text
without such lines is read as it always was; a line that names no group
between two `` / `` is read as a plain comment (and said so:
:func:`problems`).

The export writes the statements of a group together where the wires allow
(:func:`grouped_order`), so each group reads as one block under one line.
"""

from __future__ import annotations

import ast
import bisect
import heapq
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from core.code.codegraph import CodeGraph
    from core.graph.model import GraphModel

FOLDED = "▸"
SEP = " / "
#: A group comment, matched on the stripped line; group 1: its path.
HEAD = re.compile(r"#\s*---(?:\s+(.*?))?\s*")
_TAIL = re.compile(r"\s+-{3,}$")  # "# --- part A ---": closing dashes
_ORDINAL = re.compile(r"(.*?) #([1-9]\d*)")
_QUOTED = re.compile(r"""'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*\"""")
_AFTER_QUOTED = re.compile(r"(?: #([1-9]\d*))?(?: / |$)")

Step = tuple[str, int]  # a group's label, and which of that name among its siblings (1, 2, …)
Path = tuple[Step, ...]  # from the outermost group


# ------------------------------------------------------------------ reading
def group_comments(lines: Sequence[str], body: Sequence[ast.stmt]) -> list[tuple[int, str]]:
    """(line, the text after ``---``) of every ``# ---`` comment standing on
    a line of its own, outside every statement (not in a string over lines)."""
    spans = [(st.lineno, st.end_lineno or st.lineno) for st in body]
    out: list[tuple[int, str]] = []
    k = 0
    for i, raw in enumerate(lines, 1):
        s = raw.strip()
        if not s.startswith("#"):
            continue
        while k < len(spans) and spans[k][1] < i:
            k += 1
        if k < len(spans) and spans[k][0] <= i:
            continue
        m = HEAD.fullmatch(s)
        if m:
            out.append((i, m.group(1) or ""))
    return out


def read_path(text: str) -> tuple[Path, frozenset[int]] | None:
    """The path a group comment names and which of its steps are folded
    (``()``: no group); None when a step names no group (``a /  / b``)."""
    text = _TAIL.sub("", text.strip())
    if re.fullmatch(r"-*", text):
        return (), frozenset()
    steps: list[Step] = []
    folded: set[int] = set()
    rest = text
    while rest:
        if rest.startswith(FOLDED):
            folded.add(len(steps))
            rest = rest[len(FOLDED) :].lstrip()
        step = None
        q = _QUOTED.match(rest)
        after = _AFTER_QUOTED.match(rest, q.end()) if q else None
        if q and after:
            try:
                label = ast.literal_eval(q.group(0))
            except (ValueError, SyntaxError):
                label = None
            if isinstance(label, str):
                step, rest = (label, int(after.group(1) or 1)), rest[after.end() :]
        if step is None:
            raw, _sep, rest = rest.partition(SEP)
            raw = raw.strip()
            o = _ORDINAL.fullmatch(raw)
            step = (o.group(1), int(o.group(2))) if o else (raw, 1)
        if not step[0].strip():
            return None
        steps.append(step)
    return tuple(steps), frozenset(folded)


def problems(comments: Sequence[tuple[int, str]]) -> list[str]:
    """What the status line says of group comments read as plain comments."""
    bad = [line for line, text in comments if read_path(text) is None]
    if not bad:
        return []
    where = ", ".join(map(str, bad[:5])) + ("…" if len(bad) > 5 else "")
    return [
        f"the group comment{'s' * (len(bad) > 1)} on line{'s' * (len(bad) > 1)} {where} "
        "(a name is missing between two “ / ”; read as a plain comment)"
    ]


def declared_groups(graph: CodeGraph) -> tuple[list[tuple[Path, list[int], bool]], set[int]]:
    """The groups the text's comments name: (path, the parsed nodes in it or
    nested in it, folded), innermost first (so that adding them in this
    order nests each in the next), and the statements in one of them."""
    sections = []
    for line, text in graph.comments:
        got = read_path(text)
        if got is not None:
            sections.append((line, got))
    if not any(path for _line, (path, _f) in sections):
        return [], set()
    lines = [line for line, _ in sections]
    in_group: dict[int, Path] = {}
    for k, start in enumerate(graph.starts, 1):
        j = bisect.bisect_left(lines, start) - 1
        if j >= 0 and sections[j][1][0]:
            in_group[k] = sections[j][1][0]
    folded = {path[: i + 1] for _line, (path, marks) in sections for i in marks}
    members: dict[Path, list[int]] = {}
    for i, n in enumerate(graph.nodes):
        path = in_group.get(n.statement)
        if path:
            for d in range(1, len(path) + 1):
                members.setdefault(path[:d], []).append(i)
    innermost_first = sorted(members, key=len, reverse=True)  # (stable: in the text's order)
    return [(p, members[p], p in folded) for p in innermost_first], set(in_group)


# ------------------------------------------------------------------ writing
def _step_text(label: str, k: int, folded: bool) -> str:
    plain = (
        label
        and label == " ".join(label.split())
        and not label.startswith(("'", '"', FOLDED))
        and SEP not in f" {label} "
        and not _ORDINAL.fullmatch(label)
        and not re.search(r"(^|\s)-{3,}$", label)
    )
    text = label if plain else repr(label)
    return ("▸ " if folded else "") + text + (f" #{k}" if k > 1 else "")


def group_steps(model: GraphModel) -> dict[str, str]:
    """group id -> how its step of a path is written (``▸ layer 1 [1]``)."""
    gs = model.groups
    seen: dict[tuple[str | None, str], int] = {}
    out = {}
    for g in gs:
        k = seen[g.parent, g.label] = seen.get((g.parent, g.label), 0) + 1
        out[g.id] = _step_text(g.label, k, g.collapsed)
    return out


def group_chain(model: GraphModel, node: str) -> tuple[str, ...]:
    """The groups ``node`` is in, outermost first."""
    gs = model.groups
    gid = gs.group_of(node)
    return () if gid is None else (*reversed(gs.ancestors(gid)), gid)


def comment_line(chain: Sequence[str], steps: dict[str, str]) -> str:
    """The comment that starts the statements of the group ``chain`` ends in."""
    return "# ---" + (" " + SEP.join(steps[g] for g in chain) if chain else "")


def with_group_comments(model: GraphModel, order: Sequence[str], lines: Sequence[str]) -> list[str]:
    """``lines`` (one a node of ``order``), each run of a group's nodes
    after a blank line and its group comment; as they are without groups."""
    if not len(model.groups):
        return list(lines)
    steps = group_steps(model)
    out: list[str] = []
    current: tuple[str, ...] = ()
    for n, line in zip(order, lines):
        chain = group_chain(model, n)
        if chain != current:
            out += ["", comment_line(chain, steps)] if out else [comment_line(chain, steps)]
            current = chain
        out.append(line)
    return out


def grouped_order(model: GraphModel) -> list[str]:
    """Every node, inputs before consumers, each group's nodes together
    where the wires allow (a group that feeds itself through a node outside
    it is written in pieces): groups and nodes in the order of their first
    node, unless a later one feeds an earlier. Without groups, the model's order."""
    order = model.topological_order()
    if not len(model.groups):
        return order
    rank = {n: i for i, n in enumerate(order)}
    chains = {n: group_chain(model, n) for n in order}
    place: dict[str, int] = {}  # "g:" + group id or "n:" + node -> its place in its group (or the top)

    def unit(n: str, depth: int) -> str:
        c = chains[n]
        return "g:" + c[depth] if len(c) > depth else "n:" + n

    todo: list[tuple[int, list[str]]] = [(0, order)]  # (depth, the nodes of a scope, in order)
    while todo:
        depth, nodes = todo.pop()
        inside = set(nodes)
        first: dict[str, int] = {}
        for n in nodes:
            first.setdefault(unit(n, depth), rank[n])
        feeds: dict[str, set[str]] = {u: set() for u in first}
        fed = dict.fromkeys(first, 0)
        for n in nodes:
            t = unit(n, depth)
            for s in model.inputs(n):
                if s in inside and (u := unit(s, depth)) != t and t not in feeds[u]:
                    feeds[u].add(t)
                    fed[t] += 1
        ready = [(r, u) for u, r in first.items() if not fed[u]]
        heapq.heapify(ready)
        k = 0
        while ready:
            _r, u = heapq.heappop(ready)
            place[u], k = k, k + 1
            for t in feeds[u]:
                fed[t] -= 1
                if not fed[t]:
                    heapq.heappush(ready, (first[t], t))
        for u in sorted((u for u in first if u not in place), key=first.__getitem__):  # a loop of groups
            place[u], k = k, k + 1
        kids: dict[str, list[str]] = {}
        for n in nodes:
            if len(chains[n]) > depth:
                kids.setdefault(chains[n][depth], []).append(n)
        todo += [(depth + 1, ns) for ns in kids.values()]

    def key(n: str) -> tuple[int, ...]:
        return (*(place["g:" + g] for g in chains[n]), place["n:" + n])

    keys = {n: key(n) for n in order}
    waiting = {n: len({s for s in model.inputs(n) if s is not None}) for n in order}
    users: dict[str, list[str]] = {}
    for n in order:
        for s in dict.fromkeys(model.inputs(n)):
            if s is not None:
                users.setdefault(s, []).append(n)
    heap = [(keys[n], n) for n in order if not waiting[n]]
    heapq.heapify(heap)
    out = []
    while heap:
        _k, n = heapq.heappop(heap)
        out.append(n)
        for t in users.get(n, ()):
            waiting[t] -= 1
            if not waiting[t]:
                heapq.heappush(heap, (keys[t], t))
    return out
