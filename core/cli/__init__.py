"""The headless commands (no Qt): ``main`` runs one, ``COMMANDS`` lists them."""
from core.cli.main import COMMANDS, main

__all__ = ["COMMANDS", "main"]
