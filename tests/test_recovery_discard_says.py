"""Discard in the recovery question says what it deleted (a trial, 71 #12:
the status line said nothing, and the learner could not tell what was gone)."""

from __future__ import annotations

from test_window_recovery import crash_with_unsaved_work
from window_helpers import Button, answers, make_window, tmp_settings  # noqa: F401

from gui.window import autosave


def test_discard_names_the_copy_it_deleted(qtbot, answers, tmp_settings):
    crash_with_unsaved_work(tmp_settings)
    w = make_window(qtbot, answers)
    answers.recover = Button.Discard
    assert not w.offer_recovery()
    assert autosave.orphans() == []
    said = w.status_text()
    assert said.startswith("Discarded the unsaved work “blog_L (example)”"), said
    assert "copied " in said  # when it was copied: which work it was


def test_discard_then_not_now_says_both(qtbot, answers, tmp_settings):
    crash_with_unsaved_work(tmp_settings)
    crash_with_unsaved_work(tmp_settings)
    w = make_window(qtbot, answers)
    answers.recover = [Button.Discard, Button.Cancel]  # one deleted, one kept for later
    assert not w.offer_recovery()
    said = w.status_text()
    assert "Unsaved work kept aside" in said and "Discarded the unsaved work" in said, said
