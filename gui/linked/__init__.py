"""View › Linked Copies of Shared Values (the canvas part: gui/canvas/linked/)."""
