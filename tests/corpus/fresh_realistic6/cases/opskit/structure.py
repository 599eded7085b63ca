"""Record structuring with typed errors (after cattrs.errors before its PR #666)."""
from dataclasses import fields


class BaseValidationError(Exception):
    pass


class ForbiddenExtraKeysError(BaseValidationError):
    def __init__(self, message, cl, extra_fields):
        self.cl = cl
        self.extra_fields = extra_fields
        msg = message or (f"Extra fields in constructor for {cl.__name__}: "
                          f"{', '.join(sorted(extra_fields))}")
        super().__init__(msg)


def structure(record, cl):
    allowed = {f.name for f in fields(cl)}
    extra = set(record) - allowed
    if extra:
        raise ForbiddenExtraKeysError("", cl, extra)
    return cl(**record)
