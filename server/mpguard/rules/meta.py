"""MP0xx: about the file rather than a hazard in it. MP001/MP002: it could not be analysed (reported like
ruff reports syntax errors). MP003: a suppression comment that silences nothing (ruff's RUF100)."""
from mpguard.semantic.platforms import ALL_METHODS
from mpguard.rules.registry import Rule, register

SYNTAX_ERROR = register(Rule(
    "MP001", "syntax-error", "The file does not parse, so it was not checked", frozenset(),
    {"any": "SyntaxError"}, severity="error",
))
UNREADABLE = register(Rule(
    "MP002", "unreadable-file",
    "The file could not be analysed (null bytes, undecodable bytes, nesting too deep, or syntax newer than "
    "the Python mpguard runs on)", frozenset(),
    {"any": "SyntaxError: source code cannot contain null bytes (or a decoding error)"}, severity="error",
))
# Outside the default set, as RUF100 is: `extend-select = ["MP003"]`. Found by linter.noqa, which alone sees
# which findings each comment silenced.
UNUSED_NOQA = register(Rule(
    "MP003", "unused-noqa", "A suppression comment silences no finding (an unused, unknown or stale code)",
    frozenset(), {"any": "nothing fails; the comment is stale"}, severity="information",
    fix_title="Remove the unused suppression", default_enabled=False,
))

__all__ = ["SYNTAX_ERROR", "UNREADABLE", "UNUSED_NOQA", "ALL_METHODS"]
