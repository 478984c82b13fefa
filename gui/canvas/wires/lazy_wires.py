"""The scene's wire key -> item map, where a wire nobody has seen yet has no item.

A 50,000-node graph opens fitted far out, where the overview draws every
wire as a line from numbers (gui/canvas/overview/overview.py) and the wire items
would sit hidden in their box: making 70,000 of them cost over a second
(PySide's per-object cost, Qt's polish of each new item). So a graph built
far out files its wires here as *pending*, by the box their curve can
cover, and each gets its item when it is needed: by the region the view
shows at readable zoom (``take_in``, gui/canvas/zoom_detail.py), by whoever
asks for one wire (``get``, ``[]``: Backward's highlight, a selected wire),
or for all (``values``, ``items``: which makes the rest in the model's order, once).

Keys (``in``, iteration, ``len``) cover both kinds without making anything;
``made`` looks up an item without making one (a re-route or a new value
only notes what a pending wire's item will be made from anyway). The
scene keeps a pending wire's box up to date as its cards move
(``refile``), so a region always finds the wires whose curve may cross it.
Groups keep wires pending too: far out, folding notes where the wires
crossing a boundary run now (``note_moved``), giving up the hidden, plain
items some had (the wire pool keeps them), so a fold costs no item; noted
wires are filed when idle, a region asked for first looks at each (wire_filing).
The coarse levels' cells, where the long wires are, are indexed when idle (big_cells).
What a region asks for of the cells (``keys_in``, ``through_keys``, ``take_in``): wire_regions.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Iterator
from itertools import chain, count, filterfalse, islice
from typing import TYPE_CHECKING

from PySide6.QtCore import QLineF, QRectF

from core.autograd.engine import gc_paused
from gui.canvas.wires import curve_clip
from gui.canvas.wires.big_cells import index_some, new_cell
from gui.canvas.wires.cell_ghosts import Ghosts
from gui.canvas.wires.curve_bounds import Box, curve_box
from gui.canvas.wires.wire_filing import LEVELS, Later, ends4, file_ends, in_order
from gui.canvas.wires.wire_regions import WireRegions

if TYPE_CHECKING:
    from gui.canvas.wires.wire_item import EdgeItem

Key = tuple[str, str, int]
#: What forget_all keeps: the pending wires' filing (pending, cells, moved,
#: those to file later) and their lines.
Parked = tuple[dict, list, dict, "Later | None", dict[Key, QLineF], "tuple[list[Key] | None, list[Key]]"]
#: A wire as filed: its box (left, top, right, bottom) and how it runs
#: (``curve_clip.run_of``: the forward wires' curves are looked at before
#: their ends: :meth:`LazyWires.through_keys`).
Filed = curve_clip.Filed

#: Above this many noted wires, filed when idle; a region looks at each meanwhile.
SCAN_FROM = 4000
NOTED_SLICE = 1000  # noted wires filed in an idle turn (~3 ms: a step's frame may share its turn)
#: Every filing's stamp, unique across maps (a new document's map starts anew).
_STAMPS = count(1)


class LazyWires(WireRegions):
    """Wire key -> item; a pending wire gets its item from ``make`` when asked for.

    ``make(keys)`` makes, places and shows the items of ``keys`` (in that
    order) and returns them."""

    __slots__ = (  # (and WireRegions')
        "_made",
        "_pending",
        "_cells",
        "_make",
        "_moved",
        "_later",
        "_parked",
        "made_later",
        "version",
        "wake",
        "ghosts",
    )

    def __init__(self, made: dict[Key, EdgeItem], make: Callable[[list[Key]], list[EdgeItem]]) -> None:
        self._made = made
        self._make = make
        self._pending: dict[
            Key, tuple[int, tuple[int, int]] | None
        ] = {}  # key -> (level, cell); None: in none yet
        self._moved: dict[Key, tuple] = {}  # pending, filed when next asked: its ends (a tuple's last four)
        self._cells: list[dict[tuple[int, int], dict[Key, Filed]]] = [{} for _ in LEVELS]
        self._later: Later | None = None  # a new graph's wires not filed yet (file_later)
        self._done: QRectF | None = None  # a region taken in since the last filing: nothing pending meets it
        #: The part of ``_done`` where no wire is a ghost (cell_ghosts.py), and the ``_done`` it is of.
        self._made_in: tuple[QRectF, QRectF] | None = None
        #: Pending wires drawn by a cell without an item, zoomed out (cell_ghosts.py): each
        #: goes as its filing changes (``_unfile``, ``refile_many``, the notes, ``forget_all``).
        self.ghosts = Ghosts()
        self._parked: Parked | None = None  # what forget_all dropped, for the undo (take_parked)
        #: noted_near's last box and answer (of which those still in ``_moved`` hold)
        self._scanned: tuple[Box, dict[Key, Filed]] | None = None
        #: Called when wires were noted as moved (the scene files them when idle: file_some).
        self.wake: Callable[[], object] | None = None
        #: How many items were made after the build (tests count them).
        self.made_later = 0
        self.examined = 0  # filed wires a region's questions looked at (tests count them)
        #: Changes when a pending wire is filed anew or a wire is forgotten (not
        #: when one gets its item): what gui/canvas/wires/through_wires.py draws may differ.
        self.version = next(_STAMPS)

    # ------------------------------------------------------------ the map
    def __len__(self) -> int:
        return len(self._made) + len(self._pending)

    def __contains__(self, key: object) -> bool:
        return key in self._made or key in self._pending

    def __iter__(self) -> Iterator[Key]:
        return chain(list(self._made), list(self._pending))

    def get(self, key: Key, default: EdgeItem | None = None) -> EdgeItem | None:
        e = self._made.get(key)
        if e is None and key in self._pending:
            e = self._make_now([key])[0]
        return default if e is None else e

    def __getitem__(self, key: Key) -> EdgeItem:
        e = self.get(key)
        if e is None:
            raise KeyError(key)
        return e

    def __setitem__(self, key: Key, e: EdgeItem) -> None:
        self._parked = None  # (a wire filed or made: what forget_all kept may be out of date)
        self._unfile(key)
        self._made[key] = e

    def pop(self, key: Key, default: EdgeItem | None = None) -> EdgeItem | None:
        """Forget ``key``: its item (``default`` for a pending wire or none)."""
        self.version = next(_STAMPS)
        self._unfile(key)
        return self._made.pop(key, default)

    def forget_all(self, lines: dict[Key, QLineF] | None = None, keys: list | None = None) -> list[EdgeItem]:
        """Forget every wire (the whole graph went; ``keys``: theirs): the items there were.
        The pending wires' filing is kept aside with ``lines`` (the far
        overview's line of every wire, or None) for :meth:`take_parked`."""
        made, then = list(self._made.values()), (keys, list(self._made))
        self._made.clear()
        self.ghosts.clear()
        kept = (self._pending, self._cells, self._moved, self._later)
        self._parked = (*kept, lines, then) if self._pending and lines else None
        self._pending, self._cells, self._moved, self._later = {}, [{} for _ in LEVELS], {}, None
        self._done, self._scanned = None, None
        self.version = next(_STAMPS)
        return made

    def take_parked(self, keys: list[Key]) -> tuple[list[Key], dict[Key, QLineF]] | None:
        """The undo of :meth:`forget_all` far out: the wires ``keys`` are
        back, their cards where they were (nothing can move a card of a
        graph that is gone). If ``keys`` are the wires the kept lines are
        of, and nothing is filed now, the kept filing is put back as it was
        (no wire filed anew, ~0.4 s at 50,000 nodes); returns the keys it
        does not hold (they had items then: the caller files them) and the
        lines. Else None, and nothing is kept any more."""
        parked, self._parked = self._parked, None
        if parked is None or self._made or self._pending or self._moved:
            return None
        pending, cells, moved, later, lines, then = parked
        same = keys is then[0]  # (the keys forget_all was told: the lines')
        if len(lines) != len(keys) or not (same or all(map(lines.__contains__, keys))):  # (keys: each once)
            return None
        self._pending, self._cells, self._moved, self._later = pending, cells, moved, later
        self._noted()
        return (in_order(then[1], keys) if same else list(filterfalse(pending.__contains__, keys))), lines

    def values(self) -> Iterable[EdgeItem]:
        self.make_all()
        return self._made.values()

    def items(self) -> Iterable[tuple[Key, EdgeItem]]:
        self.make_all()
        return self._made.items()

    def as_dict(self) -> dict[Key, EdgeItem]:
        """Every wire's item (made now where pending): the map itself, read only."""
        self.make_all()
        return self._made

    # ------------------------------------------------------------ without making
    def made(self, key: Key) -> EdgeItem | None:
        """``key``'s item if it has one (None: pending or unknown)."""
        return self._made.get(key)

    def made_map(self) -> dict[Key, EdgeItem]:
        """Key -> item of the wires that have one (the map itself: read, don't change)."""
        return self._made

    def maps(self) -> tuple[dict[Key, EdgeItem], dict[Key, tuple[int, tuple[int, int]] | None]]:
        """The made items by key and the pending keys, as dicts, for a loop
        over many wires (read them, don't change them)."""
        return self._made, self._pending

    def made_items(self) -> list[EdgeItem]:
        return list(self._made.values())

    def pending(self) -> list[Key]:
        """The wires without an item yet."""
        return list(self._pending)

    def is_pending(self, key: Key) -> bool:
        return key in self._pending

    # ------------------------------------------------------------ filing
    def defer(self, key: Key, x1: float, y1: float, x2: float, y2: float) -> None:
        """``key`` has no item yet; its wire runs from (x1, y1) to (x2, y2)."""
        self._made.pop(key, None)
        self._unfile(key)
        self._file(key, curve_box(x1, y1, x2, y2), curve_clip.run_of(x1, y1, x2, y2))

    def defer_many(self, ends: Iterable[tuple[Key, float, float, float, float]]) -> None:
        """:meth:`defer` of each (key, x1, y1, x2, y2) of a new graph, in one loop."""
        self.refile_many(ends)

    def refile_all(self, ends: list[tuple[Key, float, float, float, float]]) -> None:
        """Every pending wire (each (key, x1, y1, x2, y2), no other) filed
        anew where it runs now (the whole graph moved): the old filing
        dropped at once, not wire by wire."""
        assert len(ends) == len(self._pending)
        self.ghosts.clear()
        self._pending, self._moved, self._later = {}, {}, None  # noted moves too: filed where they run now
        self._cells = [{} for _ in LEVELS]
        self.refile_many(ends)

    def note_all(self, ends: dict[Key, tuple]) -> None:
        """:meth:`refile_all` at the next question about a region (key -> a
        tuple ending in (x1, y1, x2, y2), of every pending wire, no other;
        kept as it is): far out no region is asked for until the view zooms
        in, so Auto Layout and its undo file none of 70,000 wires, the zoom in each once."""
        assert len(ends) == len(self._pending)
        self._parked = None
        self.ghosts.clear()
        self._pending = dict.fromkeys(ends)  # in no cell yet
        self._cells = [{} for _ in LEVELS]
        self._moved = ends
        self._noted()

    def refile_many(self, ends: Iterable[tuple[Key, float, float, float, float]]) -> None:
        """Many wires run where (key, x1, y1, x2, y2) say now, each filed
        there without an item (a pending one moved; a made one given up,
        as folding does far out: gui/canvas/folding/fold_routes.py), in one loop."""
        self._parked = None
        if self.ghosts.at:  # (those drawn by a cell: filed again where they run, drawn when next revealed)
            ends = list(ends)
            self.ghosts.drop_many([e[0] for e in ends])
        file_ends(ends, self._pending, self._made, self._cells, self._moved)
        self._done = None
        self.version = next(_STAMPS)

    def tables(
        self,
    ) -> tuple[dict[Key, tuple[int, tuple[int, int]] | None], list[dict[tuple[int, int], dict[Key, Filed]]]]:
        """The pending wires (key -> (level, cell)) and each level's cells
        (cell -> key -> box): for a builder filing a new graph's wires as
        :meth:`refile_many` would, in its own loop (gui/canvas/scene_build.py),
        then calling :meth:`filed`."""
        self._parked = None
        return self._pending, self._cells

    def filed(self) -> None:
        """Wires were filed through :meth:`tables`."""
        self._done = None
        self.version = next(_STAMPS)

    def file_later(self, later: Later) -> None:
        """The wires ``later.keys`` of a new graph (none filed yet) are
        pending, filed a slice at a time (:meth:`file_some`, in idle time)
        or all at the first question about a region (``keys_in``,
        ``take_in``, ``through_keys``), but those filed or noted meanwhile
        (a wire whose card moved: ``refile``, ``note_moved``): opening a
        50,000-node file does not file its 70,000 wires before its first frame."""
        self._parked = None
        self._pending.update(dict.fromkeys(later.keys))  # in no cell yet
        self._later = later
        self._done = None
        self.version = next(_STAMPS)

    def file_some(self, count: int) -> bool:
        """File the next ``count`` wires of :meth:`file_later`, or else of
        those noted as moved, or else index a slice of a coarse cell (a
        view's long wires: gui/canvas/wires/big_cells.py); True while some are left."""
        later = self._later
        if later is None:  # then the coarse cells' indexes (gui/canvas/wires/big_cells.py)
            return self._file_noted(count) if self._moved else index_some(self._cells)
        keys, start = later.keys, later.at
        later.at = start + count
        if later.at >= len(keys):
            self._later = None
        pending, moved = self._pending, self._moved
        keys = [k for k in keys[start : start + count] if pending.get(k, 0) is None and k not in moved]
        if keys:
            with gc_paused():  # a box and a cell per wire, no cycles
                later.filer(keys, pending, self._cells)
            self._done = None
            self.version = next(_STAMPS)
        return True  # (the next call: noted wires, the indexes)

    def _file_noted(self, count: int) -> bool:
        """File ``count`` of the wires noted as moved (when idle): no new
        version, no region looked at again (``_near`` saw each where it runs)."""
        moved = self._moved
        if not moved:
            return False
        some = list(islice(moved, min(count, NOTED_SLICE)))
        with gc_paused():  # a box and a cell per wire, no cycles
            file_ends([(k, *ends4(moved.pop(k))) for k in some], self._pending, self._made, self._cells, {})
        return True  # (the next call: the rest, the indexes)

    def _noted(self) -> None:
        """Wires were noted as moved: filed when idle (``wake``) if many."""
        self._done, self._scanned = None, None
        self.version = next(_STAMPS)
        if self.wake is not None and len(self._moved) > SCAN_FROM:
            self.wake()

    def note_moved(self, ends: Iterable[tuple[Key, float, float, float, float]]) -> None:
        """:meth:`refile_many` at the next question about a region
        (``keys_in``, ``take_in``): many wires moved far out (folding, a
        batch move), where no region is asked for until the view zooms in,
        cost a note each, and moved again before then, are filed once."""
        self._parked = None
        made, pending, moved, drop = self._made, self._pending, self._moved, self.ghosts.drop
        for key, x1, y1, x2, y2 in ends:
            drop(key)
            if key not in pending:
                made.pop(key, None)  # given up
                pending[key] = None  # in no cell yet
            moved[key] = (x1, y1, x2, y2)
        self._noted()

    def note_moved_xy(self, xy: dict[Key, tuple], kept: dict, given: Iterable[Key] | None = None) -> None:
        """:meth:`note_moved` of key -> (x1, y1, x2, y2) but the keys of
        ``kept`` (they keep their items), in bulk (a fold far out notes
        tens of thousands; ``given``: the only ones that may have had an item, if known)."""
        self._parked = None
        made, pending = self._made, self._pending
        if kept:
            xy = dict(xy)
            for key in kept:
                del xy[key]
        self.ghosts.drop_many(xy)
        for key in list(filterfalse(pending.__contains__, xy if given is None else given)):  # given up
            made.pop(key, None)
            pending[key] = None  # in no cell yet
        self._moved.update(xy)
        self._noted()  # as note_moved: what the through-wire layer found may differ

    def _settle(self) -> None:
        """File those of :meth:`file_later` where they ran when built (their
        cards have not moved since), and the wires noted as moved where they
        run now if they are few (else ``_near`` looks at each: SCAN_FROM)."""
        if self._later is not None:
            self.file_some(len(self._later.keys))
        if self._moved and len(self._moved) <= SCAN_FROM:
            moved, self._moved = self._moved, {}
            # tens of thousands after a fold far out, filed with the collector
            # paused (a box and a cell per wire, no cycles: one young
            # collection after, not the full one they set off at 50k nodes)
            with gc_paused():
                self.refile_many([(k, *ends4(xy)) for k, xy in moved.items()])  # (note_all's: longer)

    def refile(self, key: Key, x1: float, y1: float, x2: float, y2: float) -> bool:
        """A pending wire's ends moved: file it where it runs now; False if
        ``key`` is not pending (its item follows on its own)."""
        if key not in self._pending:
            return False
        self._unfile(key)
        self._file(key, curve_box(x1, y1, x2, y2), curve_clip.run_of(x1, y1, x2, y2))
        return True

    def _file(self, key: Key, box: Box, run: int) -> None:
        self._parked = None
        left, top, right, bottom = box
        size = max(right - left, bottom - top)
        level = next(i for i, c in enumerate(LEVELS) if size <= c or i == len(LEVELS) - 1)
        c = LEVELS[level]
        cell = (math.floor(left / c), math.floor(top / c))
        found = self._cells[level].get(cell)
        if found is None:
            found = self._cells[level][cell] = new_cell(level)
        found[key] = (*box, run)
        self._pending[key] = (level, cell)
        self._done = None
        self.version = next(_STAMPS)

    def _unfile(self, key: Key) -> None:
        if self.ghosts.at:
            self.ghosts.drop(key)
        if self._moved:
            self._moved.pop(key, None)
        at = self._pending.pop(key, None)
        if at is not None:
            cells = self._cells[at[0]]
            found = cells[at[1]]
            del found[key]
            if not found:
                del cells[at[1]]

    def unghost(self, keys: Iterable[Key] | None = None, sources: Iterable[str] | None = None) -> None:
        """The wires ``keys``, or those out of ``sources``, or (neither given)
        all, are drawn by no cell (cell_ghosts.py) until a region asked for
        finds them again (what they carry turned, their group's box changed)."""
        ghosts = self.ghosts
        if not ghosts.at:
            return
        if keys is not None:
            ghosts.drop_many(keys)
        elif sources is not None:
            ghosts.drop_from(sources)
        else:
            ghosts.clear()
        self._done = None

    def rescan(self) -> None:
        """The next region asked for is looked at anew (what ``take_in``'s
        ``meeting`` keeps changed: gui/canvas/wires/through_wires.py)."""
        self._done = None

    # ------------------------------------------------------------ making
    def make_all(self) -> None:
        """Every pending wire gets its item (in the order they were filed: the model's)."""
        if self._pending:
            self._make_now(list(self._pending))

    def _make_now(self, keys: list[Key]) -> list[EdgeItem]:
        self._parked = None
        for key in keys:
            self._unfile(key)
        made = self._make(keys)
        for key, e in zip(keys, made):
            self._made[key] = e
        self.made_later += len(made)
        return made
