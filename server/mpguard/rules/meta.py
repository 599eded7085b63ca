"""MP0xx: the file could not be analysed. Reported like ruff reports syntax errors."""
from mpguard.semantic.platforms import ALL_METHODS
from mpguard.rules.registry import Rule, register

SYNTAX_ERROR = register(Rule(
    "MP001", "syntax-error", "The file does not parse, so it was not checked", frozenset(),
    {"any": "SyntaxError"}, severity="error",
))
UNREADABLE = register(Rule(
    "MP002", "unreadable-file",
    "The file could not be analysed (null bytes, undecodable bytes, nesting too deep)", frozenset(),
    {"any": "SyntaxError: source code cannot contain null bytes (or a decoding error)"}, severity="error",
))

__all__ = ["SYNTAX_ERROR", "UNREADABLE", "ALL_METHODS"]
