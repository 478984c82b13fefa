"""``python main.py examples [NAME]``: the example graphs that come with the
app, each with its full path (a trial: installed from the wheel, a teacher
scripting "backward on the bundled examples" found them only by digging in
site-packages); with NAME, that one's path alone, for a script:

    micrograd-studio-cli backward "$(micrograd-studio-cli examples blog_L)"
"""

from __future__ import annotations

import argparse
import json
import shlex
from pathlib import Path

from core.cli.registry import UsageError, command, terminal_safe
from core.files import program
from core.files.data import examples_dir

SUFFIX = ".mgraph"


def _args(p: argparse.ArgumentParser) -> None:
    p.add_argument("name", nargs="?", help="print this example's path alone (e.g. blog_L)")


def examples() -> dict[str, Path]:
    """Each example's name (its file's, without .mgraph) -> its full path, by name."""
    found = sorted(examples_dir().glob(f"*{SUFFIX}"))
    return {p.name[: -len(SUFFIX)]: p.resolve() for p in found}


def title(path: Path) -> str:
    """The title the example's file gives it ("" if none, or not readable)."""
    try:
        got = json.loads(path.read_text(encoding="utf-8")).get("graph", {}).get("title")
    except (OSError, ValueError, AttributeError):
        return ""
    return got if isinstance(got, str) else ""


@command("examples", _args, "list the example graphs that come with the app, with their full paths")
def run_examples(args: argparse.Namespace) -> int:
    found = examples()
    prog = program.command()
    if args.name is not None:
        name = args.name.removesuffix(SUFFIX)
        if name not in found:
            raise UsageError(f"no example called {args.name!r} (the examples: {', '.join(found)})")
        print(found[name])
        return 0
    print("The example graphs that come with micrograd-studio (give a path to any command):")
    width = max(map(len, found), default=0) + 2
    for name, path in found.items():
        print(f"  {name:<{width}}{path}")
        said = title(path)
        if said:
            print(f"  {'':<{width}}{terminal_safe(said)}")
    first = next(iter(sorted(found, key=lambda n: n != "blog_L")), "NAME")
    again = f'{prog} backward "$({prog} examples {shlex.quote(first)})"'
    print(f"({prog} examples NAME prints one's path alone, e.g. {again})")
    return 0
