"""Linux desktop integration on request (``micrograd-studio --install-desktop``):
a menu entry, the icon, and a MIME type for ``.mgraph`` files so that a
double-click on a graph opens it; ``--uninstall-desktop`` removes all three.

Files go under ``$XDG_DATA_HOME`` (default ``~/.local/share``), the per-user
places the freedesktop.org specifications name; the caches are refreshed with
``update-mime-database`` / ``update-desktop-database`` when those exist.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from core.files.data import data_path

APP_ID = "micrograd-studio"
MIME_TYPE = "application/x-micrograd-studio"

MIME_XML = f"""\
<?xml version="1.0" encoding="UTF-8"?>
<mime-info xmlns="http://www.freedesktop.org/standards/shared-mime-info">
  <mime-type type="{MIME_TYPE}">
    <comment>micrograd-studio graph</comment>
    <sub-class-of type="application/json"/>
    <glob pattern="*.mgraph"/>
    <icon name="{APP_ID}"/>
  </mime-type>
</mime-info>
"""


def data_home() -> Path:
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")


def paths(home: Path | None = None) -> dict[str, Path]:
    """The three files, by what they are."""
    home = home or data_home()
    return {
        "desktop entry": home / "applications" / f"{APP_ID}.desktop",
        "icon": home / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg",
        "file type": home / "mime" / "packages" / f"{APP_ID}.xml",
    }


def launch_command() -> str:
    """The Exec= command: the installed ``micrograd-studio`` script beside this
    Python if there is one, else this Python running the package."""
    here = Path(sys.executable).parent
    for name in (APP_ID, f"{APP_ID}.exe"):
        if (here / name).is_file():
            return _quote(str(here / name))
    return f"{_quote(sys.executable)} -m micrograd_studio"


def _quote(arg: str) -> str:
    """Quoting as the Desktop Entry specification wants it for Exec=."""
    if not any(c in arg for c in " \t\n\"'\\><~|&;$*?#()`"):
        return arg
    escaped = "".join("\\" + c if c in '"`$\\' else c for c in arg)
    return f'"{escaped}"'


def desktop_entry(command: str) -> str:
    return (
        "[Desktop Entry]\n"
        "Type=Application\n"
        "Name=micrograd-studio\n"
        "GenericName=Backpropagation Studio\n"
        "Comment=Build a computation graph by hand and watch backpropagation run through it\n"
        f"Exec={command} %f\n"
        f"Icon={APP_ID}\n"
        "Terminal=false\n"
        "Categories=Education;Science;\n"
        f"MimeType={MIME_TYPE};\n"
        "Keywords=autograd;backprop;gradient;micrograd;neural;\n"
        "StartupWMClass=micrograd-studio\n"
    )


def install(home: Path | None = None) -> list[str]:
    """Write the three files (over older ones); what was done, line by line."""
    where = paths(home)
    for p in where.values():
        p.parent.mkdir(parents=True, exist_ok=True)
    where["desktop entry"].write_text(desktop_entry(launch_command()), "utf-8")
    shutil.copyfile(data_path("icons", f"{APP_ID}.svg"), where["icon"])
    where["file type"].write_text(MIME_XML, "utf-8")
    _refresh(home or data_home())
    return [f"installed {what}: {p}" for what, p in where.items()]


def uninstall(home: Path | None = None) -> list[str]:
    """Remove the three files (those that are there)."""
    done = []
    for what, p in paths(home).items():
        if p.exists():
            p.unlink()
            done.append(f"removed {what}: {p}")
    _refresh(home or data_home())
    return done or ["nothing to remove: micrograd-studio was not installed in the desktop menu"]


def _refresh(home: Path) -> None:
    """Rebuild the desktop's caches where the tools exist; without them the
    files are still read at the next login."""
    for tool, folder in (("update-mime-database", "mime"), ("update-desktop-database", "applications")):
        if shutil.which(tool) and (home / folder).is_dir():
            try:
                subprocess.run([tool, str(home / folder)], capture_output=True, timeout=60, check=False)
            except (OSError, subprocess.SubprocessError):
                pass
