"""The files micrograd-studio ships (examples/, icons/): data, no code.

A package so that :mod:`importlib.resources` finds them the same way in a clone
and in an installed wheel (see core/files/data.py).
"""
