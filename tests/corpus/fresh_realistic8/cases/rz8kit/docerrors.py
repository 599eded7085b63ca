"""Errors raised while a document is processed (shape of a doc tool's exception module)."""


class SemanticError(Exception):
    """A document breaks a grammar rule; built with keyword arguments only."""

    def __init__(self, *, title, hint=None, line=None):
        super().__init__(title, hint, line)
        self.title = title
        self.hint = hint
        self.line = line

    def to_print_message(self):
        where = f" (line {self.line})" if self.line else ""
        return f"error: {self.title}{where}" + (f"\nhint: {self.hint}" if self.hint else "")


class ChildProcessException(Exception):
    """Carries what went wrong in a worker back to the main process."""

    def __init__(self, info):
        super().__init__(info)
        self.info = info
