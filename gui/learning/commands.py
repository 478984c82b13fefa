"""Undo commands of the learning tools; each is one gesture and calls the model.

One nudge is one undo entry; one training run (from Start until it ends or
is paused) is one undo entry; inserting a template is one undo entry.
"""

from __future__ import annotations

from core.graph.model import GraphModel
from core.learn import templates, training
from gui.editing.commands import ModelCommand


class SetValuesCommand(ModelCommand):
    """Many leaf values at once: a nudge or a training run."""

    def __init__(self, model: GraphModel, old: dict, new: dict, text: str) -> None:
        super().__init__(text)
        self.model, self.old, self.new = model, dict(old), dict(new)

    def apply(self) -> None:
        training.apply_values(self.model, self.new)

    def revert(self) -> None:
        training.apply_values(self.model, self.old)


class InsertTemplateCommand(ModelCommand):
    """Add a placed template and make its top node the output."""

    def __init__(self, model: GraphModel, template: templates.Template) -> None:
        super().__init__(f"Insert {template.title}")
        self.model, self.template, self.old_output = model, template, model.output

    def apply(self) -> None:
        try:
            templates.insert(self.model, self.template)
        except Exception:
            templates.remove(self.model, self.template.ids(), self.template.group_ids())  # all or nothing
            raise
        self.model.set_output(self.template.output)

    def revert(self) -> None:
        self.model.set_output(self.old_output if self.old_output in self.model else None)
        templates.remove(self.model, self.template.ids(), self.template.group_ids())
