"""The headless commands (no Qt); :func:`core.cli.main.main` runs one."""
