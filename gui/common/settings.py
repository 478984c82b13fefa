"""What the app remembers between runs: recent files and the window layout.

Everything goes through :func:`settings`, an INI file in the user's config
folder, so tests can point the whole app at a temporary folder with
``QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tmp)`` or the
environment variable ``MICROGRAD_STUDIO_CONFIG``.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QByteArray, QObject, QSettings, QStandardPaths, Signal

ORGANIZATION = "micrograd-studio"
APPLICATION = "micrograd-studio"
MAX_RECENT = 10

_RECENT = "files/recent"
_GEOMETRY = "window/geometry"
_STATE = "window/state"
_LAST_FOLDER = "files/last_folder"
#: Bump when the docks change so an old saved layout is not applied to new docks.
STATE_VERSION = 3  # 2: Chain Rule moved from below the canvas to the right; 3: the Code panel


#: Set this environment variable to keep the settings in another folder
#: (test runs, a portable install).
ENV_DIR = "MICROGRAD_STUDIO_CONFIG"


def settings() -> QSettings:
    """The app's settings store (an INI file; see the module docstring)."""
    folder = os.environ.get(ENV_DIR)
    if folder:
        return QSettings(os.path.join(folder, f"{APPLICATION}.ini"), QSettings.Format.IniFormat)
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANIZATION, APPLICATION)


# ------------------------------------------------------------ a write that fails
class WriteTrouble(QObject):
    """Says, once a settings file, that it cannot be written and why (trial 66 #2: with
    the settings folder not writable, every choice was lost without a word, and the
    Tutorial's "Not now" came back at the next launch)."""

    failed = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.told: set[str] = set()
        #: what no window has said yet: a write failed while none was visible (a write at
        #: start-up, or the last window's layout saved as it closed), said once one shows
        self.waiting: list[str] = []

    def said(self, text: str) -> None:
        """A window has shown ``text``: not said again when the next one shows."""
        if text in self.waiting:
            self.waiting.remove(text)


_TROUBLE: list[WriteTrouble] = []


def write_trouble() -> WriteTrouble:
    """Where a failed write of the settings is said (made when first asked)."""
    if not _TROUBLE:
        _TROUBLE.append(WriteTrouble())
    return _TROUBLE[0]


def _sync(s: QSettings) -> None:
    """Write ``s`` now; where that fails, :class:`WriteTrouble` says so, once for its file."""
    s.sync()
    trouble = write_trouble()
    if s.status() == QSettings.Status.NoError or s.fileName() in trouble.told:
        return
    trouble.told.add(s.fileName())
    text = f"Settings can't be saved: {unwritable(s.fileName())}; choices made now are not kept"
    trouble.waiting.append(text)
    trouble.failed.emit(text)


def set_value(key: str, value: object) -> None:
    """Keep ``value`` under ``key``, written now (a write that fails said, as every write here)."""
    s = settings()
    s.setValue(key, value)
    _sync(s)


def unwritable(path: str) -> str:
    """Why the file ``path`` cannot be written, as a user can act on it."""
    folder = os.path.dirname(os.path.abspath(path))
    if os.path.isfile(folder) or not os.path.exists(folder):
        above = folder
        while above and not os.path.exists(above):
            above = os.path.dirname(above)
        if not os.path.isdir(above):
            return f"{above} is a file, not a folder"
        why = "" if os.access(above, os.W_OK) else f" ({above} is not writable)"
        return f"folder {folder} can't be made{why}"
    if not os.access(folder, os.W_OK):
        return f"folder {folder} is not writable"
    if os.path.isdir(path):
        return f"{path} is a folder"
    if os.path.exists(path) and not os.access(path, os.W_OK):
        return f"{path} is read-only"
    return f"{path} can't be written"


# ------------------------------------------------------------ recent files
def recent_files() -> list[str]:
    """Recently opened or saved files, newest first."""
    value = settings().value(_RECENT, [])
    if isinstance(value, str):  # QSettings gives a bare string for a one-item list
        value = [value]
    items = value if isinstance(value, (list, tuple)) else []  # None: an empty list was stored
    return [str(v) for v in items if v][:MAX_RECENT]


def add_recent_file(path: str | os.PathLike) -> list[str]:
    """Put ``path`` at the top of the recent list; returns the new list."""
    path = os.path.abspath(os.fspath(path))
    files = [path] + [f for f in recent_files() if os.path.abspath(f) != path]
    return _store_recent(files[:MAX_RECENT])


def remember_file(path: str | os.PathLike) -> list[str]:
    """A file was opened or saved: :func:`add_recent_file` and
    :func:`set_last_folder` in one write of the settings file (each write
    cost opening a file 10-40 ms); returns the new recent list."""
    path = os.path.abspath(os.fspath(path))
    files = ([path] + [f for f in recent_files() if os.path.abspath(f) != path])[:MAX_RECENT]
    s = settings()
    s.setValue(_RECENT, files)
    s.setValue(_LAST_FOLDER, os.path.dirname(path))
    _sync(s)
    return files


def remove_recent_file(path: str | os.PathLike) -> list[str]:
    path = os.path.abspath(os.fspath(path))
    return _store_recent([f for f in recent_files() if os.path.abspath(f) != path])


def clear_recent_files() -> list[str]:
    return _store_recent([])


def _store_recent(files: list[str]) -> list[str]:
    s = settings()
    s.setValue(_RECENT, files)
    _sync(s)
    return files


# ------------------------------------------------------------ window layout
def save_window_state(geometry: QByteArray, state: QByteArray) -> None:
    s = settings()
    s.setValue(_GEOMETRY, geometry)
    s.setValue(_STATE, state)
    _sync(s)


def window_geometry() -> QByteArray | None:
    v = settings().value(_GEOMETRY)
    return v if isinstance(v, QByteArray) and not v.isEmpty() else None


def window_state() -> QByteArray | None:
    v = settings().value(_STATE)
    return v if isinstance(v, QByteArray) and not v.isEmpty() else None


# ------------------------------------------------------------ saving
def keep_backup() -> bool:
    """Keep NAME.bak of the previous version when saving over a file?"""
    v = settings().value("files/keep_backup", False)
    return v is True or str(v).lower() in ("true", "1")


def set_keep_backup(on: bool) -> None:
    s = settings()
    s.setValue("files/keep_backup", bool(on))
    _sync(s)


# ------------------------------------------------------------ folders
def last_folder() -> str:
    """The folder of the last file dialog, so the next one starts there."""
    return str(settings().value(_LAST_FOLDER, "") or "")


def start_folder() -> str:
    """Where a file dialog starts with no file of the document's to go by:
    the last folder used (where it is still there), else the user's
    Documents, else home. Never the process's working directory (trial 54:
    run from a clone, Save offered the source tree)."""
    last = last_folder()
    if last and os.path.isdir(last):
        return last
    docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return docs if docs and os.path.isdir(docs) else os.path.expanduser("~")


def set_last_folder(path: str | os.PathLike) -> None:
    folder = os.path.dirname(os.path.abspath(os.fspath(path)))
    s = settings()
    s.setValue(_LAST_FOLDER, folder)
    _sync(s)


# ------------------------------------------------------------ the tutorial
_TUTORIAL_OFFERED = "tutorial/offered"


def tutorial_offered() -> bool:
    """True once the first launch has offered Help › Tutorial (never again)."""
    return str(settings().value(_TUTORIAL_OFFERED, "false")).lower() == "true"


def set_tutorial_offered() -> None:
    s = settings()
    s.setValue(_TUTORIAL_OFFERED, True)
    _sync(s)


# ------------------------------------------------------------ the canvas
def _flag(key: str, default: bool) -> bool:
    """A view option kept as "true"/"false" (an ini file keeps no types)."""
    return str(settings().value(key, "true" if default else "false")).lower() == "true"


def _set_flag(key: str, on: bool) -> None:
    s = settings()
    s.setValue(key, bool(on))
    _sync(s)


_MINIMAP = "view/minimap"


def minimap_shown() -> bool:
    """Show the minimap over the canvas (View › Minimap)? Off until turned on."""
    return _flag(_MINIMAP, False)


def set_minimap_shown(on: bool) -> None:
    _set_flag(_MINIMAP, on)


# ------------------------------------------------------------ the view
_GRADIENT_FLOW = "view/gradient_flow"


def gradient_flow() -> bool:
    """View › Gradient Flow: draw wires by the gradient they carry back?"""
    return _flag(_GRADIENT_FLOW, False)


def set_gradient_flow(on: bool) -> None:
    _set_flag(_GRADIENT_FLOW, on)


_LINKED_COPIES = "view/linked_copies"


def linked_copies() -> bool:
    """View › Linked Copies of Shared Values: a shared leaf drawn beside its uses? On until turned off."""
    return _flag(_LINKED_COPIES, True)


def set_linked_copies(on: bool) -> None:
    _set_flag(_LINKED_COPIES, on)


# ------------------------------------------------------------ pictures
_PICTURE_MARKS = "export/editor_marks"
_PICTURE_TRANSPARENT = "export/transparent"


def picture_marks() -> bool:
    """File › Export › Editor Marks in Pictures: fold arrows, param tags, done rings? On until turned off."""
    return _flag(_PICTURE_MARKS, True)


def set_picture_marks(on: bool) -> None:
    _set_flag(_PICTURE_MARKS, on)


def picture_transparent() -> bool:
    """File › Export › Transparent Background? Off until turned on."""
    return _flag(_PICTURE_TRANSPARENT, False)


def set_picture_transparent(on: bool) -> None:
    _set_flag(_PICTURE_TRANSPARENT, on)
