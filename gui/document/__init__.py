"""The open document: model, undo stack, file and the backward pass on screen."""
