"""What the status line says after a group is folded, opened or renamed by
the user (verify 59: Rename and Ctrl+[ said nothing, where Group and Ungroup
say what they did and how to take it back)."""

from __future__ import annotations

from core.graph.groups import GroupSet


def folded(groups: GroupSet, gids: list[str], collapsed: bool) -> str:
    """The words for ``gids`` folded (``collapsed``) or opened, said as the change is made."""
    if len(gids) == 1:
        label = groups.get(gids[0]).label
        n = len(groups.nodes_in(gids[0]))
        nodes = f"{n} node{'s' if n != 1 else ''}"
        if collapsed:
            return f"Folded “{label}” ({nodes}) into its card; Ctrl+] opens it, Ctrl+Z undoes it"
        return f"Opened “{label}” ({nodes}); Ctrl+[ folds it, Ctrl+Z undoes it"
    if collapsed:
        return f"Folded {len(gids)} groups into their cards; Ctrl+Shift+] opens them all, Ctrl+Z undoes it"
    return f"Opened {len(gids)} groups; Ctrl+Shift+[ folds them all, Ctrl+Z undoes it"


def renamed(old: str, new: str) -> str:
    """The words for a group renamed from ``old`` to ``new``."""
    if old == new:
        return f"The group keeps its name “{new}”"
    return f"Renamed group “{old}” to “{new}”; Ctrl+Z undoes it"
