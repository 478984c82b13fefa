"""The headless command line: ``python main.py backward FILE [--root ID] [--json]``.

Nothing here imports Qt, so it starts fast and runs on machines without a
display. Every failure is one ``error:`` line on stderr and a non-zero exit.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import sys
from typing import Callable

from .errors import GraphError

#: Subcommands: name -> (add_arguments, run). Other modules register theirs
#: with :func:`command`, so adding one touches only its own module.
COMMANDS: dict[str, tuple[Callable, Callable]] = {}


class UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, no usage dump
        raise UsageError(message)


def command(name: str, add_arguments: Callable[[argparse.ArgumentParser], None]):
    """Register ``run(args) -> int`` as subcommand ``name``."""
    def deco(run: Callable[[argparse.Namespace], int]):
        COMMANDS[name] = (add_arguments, run)
        return run
    return deco


def json_number(v: float | None):
    """A float as strict JSON: non-finite numbers become "nan"/"inf"/"-inf"."""
    if v is None or math.isfinite(v):
        return v
    return "nan" if v != v else ("inf" if v > 0 else "-inf")


# ------------------------------------------------------------------ backward
def _backward_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", metavar="FILE", help="a .mgraph graph file")
    p.add_argument("--root", metavar="ID", help="node to start from (default: the output, else the single sink)")
    p.add_argument("--json", action="store_true", help="print one JSON document")


@command("backward", _backward_args)
def run_backward(args: argparse.Namespace) -> int:
    from . import fileio

    model = fileio.load(args.file)
    try:
        model.check_complete()
        result = model.backward(args.root)
    except GraphError as e:
        raise GraphError(f"{args.file}: {e}") from None
    nodes = {}
    for n in model.nodes():
        a = model.graph.nodes[n]
        nodes[n] = {"op": a["op"], "label": model.label(n),
                    "value": result.values[n], "grad": result.grads[n]}
    if args.json:
        doc = {"root": result.root, "order": result.order,
               "nodes": {n: {**d, "value": json_number(d["value"]), "grad": json_number(d["grad"])}
                         for n, d in nodes.items()}}
        sys.stdout.write(json.dumps(doc, indent=2, allow_nan=False, ensure_ascii=False) + "\n")
        return 0
    rank = {n: i for i, n in enumerate(result.order)}
    rows = sorted(nodes, key=lambda n: rank.get(n, len(rank)))
    header = ("id", "op", "label", "value", "grad")
    table = [header] + [(n, d["op"], d["label"], repr(d["value"]), repr(d["grad"]))
                        for n in rows for d in [nodes[n]]]
    widths = [max(len(r[i]) for r in table) for i in range(len(header))]
    print(f"backward from {result.root!r} ({len(result.order)} nodes in its past, "
          f"in the order the chain rule ran)")
    for i, r in enumerate(table):
        print("  ".join(c.ljust(w) if j < 3 else c.rjust(w) for j, (c, w) in enumerate(zip(r, widths))).rstrip())
        if i == 0:
            print("  ".join("-" * w for w in widths))
    return 0


# ---------------------------------------------------------------------- main
def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="main.py", description="micrograd-studio headless commands")
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)
    for name, (add_arguments, _) in COMMANDS.items():
        add_arguments(sub.add_parser(name))
    return p


def main(argv: list[str] | None = None) -> int:
    _load_plugins()
    try:
        args = build_parser().parse_args(argv)
        return COMMANDS[args.command][1](args)
    except UsageError as e:
        print(f"error: {e} (usage: python main.py {'|'.join(COMMANDS)} FILE ...)", file=sys.stderr)
        return 2
    except GraphError as e:
        print(f"error: {_one_line(e)}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # e.g. `... | head`: stop quietly
        try:  # Python's own advice: point stdout at devnull so exit is silent
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        except (OSError, ValueError):
            pass
        return 1
    except (OSError, UnicodeError) as e:
        print(f"error: {_one_line(e)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        return 130
    except Exception as e:  # noqa: BLE001 - a bug must still be one line, not a traceback
        print(f"error: unexpected {type(e).__name__}: {_one_line(e)}", file=sys.stderr)
        return 1


def _one_line(e: BaseException) -> str:
    return " ".join(str(e).split()) or type(e).__name__


def _load_plugins() -> None:
    """Import modules that register further subcommands (if present)."""
    import importlib

    for mod in ("core.codegen_cli", "core.learning_cli"):  # issues 5 and 6
        try:
            importlib.import_module(mod)
        except ModuleNotFoundError as e:
            if e.name != mod:
                raise
