"""The Backward controls' remembered choices (speed, Play Automatically,
Follow the Current Step), kept in the app's settings under ``backward/``."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, TypeVar

from gui.common import settings

log = logging.getLogger(__name__)
T = TypeVar("T")


def load_choice(key: str, default: T, kind: Callable[[Any], T]) -> T:
    """A remembered choice from the app's settings, else ``default``."""
    try:
        v = settings.settings().value(f"backward/{key}", default)
        if kind is bool and isinstance(v, str):
            return v.lower() in ("true", "1")  # type: ignore[return-value]  # T is bool here
        return kind(v)
    except Exception:
        log.warning("backward/%s: unreadable setting; using %r", key, default, exc_info=True)
        return default


def store_choice(key: str, value: object) -> None:
    """Keep a choice (a settings file that cannot be written is said, as for every setting)."""
    try:
        settings.set_value(f"backward/{key}", value)
    except Exception:
        log.warning("backward/%s: cannot store the setting", key, exc_info=True)
