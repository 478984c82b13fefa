"""``python main.py backward FILE [--root ID] [--json]``: the public contract
of section 2 of the graph-file spec.

The command works on the file's checked tables, never on a model (see
:mod:`core.graph.headless`), and writes its JSON by a template: the same
bytes as ``json.dumps(doc, indent=2, ensure_ascii=False)``, whose indenting
encoder is pure Python and was a third of the command's time."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from json.encoder import encode_basestring as _string  # C, as json.dumps uses it

from core.cli.registry import (
    FILE_HELP,
    STDIN,
    STDIN_NAME,
    about,
    command,
    json_safe,
    named_ids,
    print_table,
    shown_name,
    stdin_text,
    text_number,
)
from core.explain.words import counted
from core.graph.errors import IncompleteGraphError


def _backward_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", metavar="FILE", help=FILE_HELP)
    p.add_argument(
        "--root", metavar="ID", help="node id to start from (default: the output, else the single sink)"
    )
    p.add_argument("--json", action="store_true", help="print one JSON document")


#: Why a node the root does not depend on stops the command (the spec: an incomplete file is an error).
WHOLE_FILE = (
    "backward prints every node of the file, so each must be complete, whatever --root: "
    "connect that port or delete the node (the window's Backward leaves such a node out)"
)


@command("backward", _backward_args, "every node's value and gradient: a fresh backward pass from the root")
def run_backward(args: argparse.Namespace) -> int:
    from core.autograd.engine import gc_paused

    # One pause for the whole command, ended once its objects are gone: a
    # pause per stage would end with a collection walking all of them.
    with gc_paused():
        return _run_backward(args)


def _run_backward(args: argparse.Namespace) -> int:
    from core.files.tables import read_tables, tables_of
    from core.graph.headless import backward_numbered

    t = tables_of([stdin_text()], STDIN_NAME) if args.file == STDIN else read_tables(args.file)
    (args.root,) = named_ids(
        [args.root], lambda: zip(t.ids, (nd.get("label") for nd in t.nodes)), by_label=False
    )
    with about(shown_name(args.file)):
        try:
            result = backward_numbered(
                t.ids, t.nodes, t.ops, t.src0, t.src1, t.order, t.attrs.get("output"), args.root, t.index
            )
        except IncompleteGraphError as e:  # (t66 #6: a --root clear of that node did not help, unsaid)
            raise IncompleteGraphError(f"{e}; {WHOLE_FILE}") from None
    ids, ops, values, grads = t.ids, t.ops, result.values, result.grads
    labels = [nd.get("label") or n for nd, n in zip(t.nodes, ids)]
    root, order = ids[result.root], list(map(ids.__getitem__, result.order))
    if args.json:
        write = sys.stdout.write
        for chunk in json_document(root, order, ids, ops, labels, values, grads):
            write(json_safe(chunk))  # a crafted label cannot act on the terminal
        return 0
    # The table: the root's past in the order the chain rule ran, then (the
    # spec has every node) the others, apart, so the count matches the rows under it.
    # Numbers as a reader takes them in (text_number: 6 significant digits, no
    # sign on a zero); the JSON keeps every digit.
    rows = [(ids[i], ops[i], labels[i], text_number(values[i]), text_number(grads[i])) for i in result.order]
    seen = set(result.order)
    others = [
        (n, op, label, text_number(v), text_number(g))
        for i, (n, op, label, v, g) in enumerate(zip(ids, ops, labels, values, grads))
        if i not in seen
    ]
    past = counted(len(order), "node")
    name = labels[result.root]  # as the canvas names it, with its id where another reads the same
    if name != root and labels.count(name) > 1:
        name = f"{name} (id {root})"
    print(f"backward from {name!r} ({past} in its past, in the order the chain rule ran)")
    print_table(
        ("id", "op", "label", "value", "grad"),
        rows,
        left={0, 1, 2},
        points={3, 4},
        parts=[(f"not in the past of {name!r} ({counted(len(others), 'node')}: gradient 0)", others)],
    )
    return 0


def json_document(
    root: str,
    order: list[str],
    ids: list[str],
    ops: list[str],
    labels: list[str],
    values: list[float],
    grads: list[float],
    chunk: int = 8192,
) -> Iterator[str]:
    """``{"root", "order", "nodes": {id: {op, label, value, grad}}}`` (one
    node a row of the columns) as ``print_json`` writes it: indent 2,
    non-finite numbers as strings, a final newline; in pieces of about
    ``chunk`` nodes, each made by C loops (map, str.format, join)."""
    yield '{\n  "root": ' + _string(root) + ',\n  "order": '
    yield _json_list(order)
    yield ',\n  "nodes": '
    if not ids:
        yield "{}\n}\n"
        return
    op_text = {op: _string(op) for op in set(ops)}
    node = _NODE.format
    lead = "{\n    "
    for i in range(0, len(ids), chunk):
        j = i + chunk
        yield lead + ",\n    ".join(
            map(
                node,
                map(_string, ids[i:j]),
                map(op_text.__getitem__, ops[i:j]),
                map(_string, labels[i:j]),
                _numbers(values[i:j]),
                _numbers(grads[i:j]),
            )
        )
        lead = ",\n    "
    yield "\n  }\n}\n"


_NODE = '{}: {{\n      "op": {},\n      "label": {},\n      "value": {},\n      "grad": {}\n    }}'
#: how json writes a float's repr when it is not finite (json_number's strings)
_NONFINITE = {"nan": '"nan"', "inf": '"inf"', "-inf": '"-inf"'}


def _json_list(items: list[str]) -> str:
    if not items:
        return "[]"
    return "[\n    " + ",\n    ".join(map(_string, items)) + "\n  ]"


def _numbers(xs: list[float]) -> Iterator[str]:
    """Each float as JSON text (json_number's strings for inf and nan)."""
    texts = list(map(repr, xs))  # as json.dumps writes a float (or an int)
    return map(_NONFINITE.get, texts, texts)
