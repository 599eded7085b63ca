"""Record validation helpers raising a domain-specific error."""


class ValidationError(Exception):
    """Raised when a field is out of range; keeps the field for reporting."""

    def __init__(self, field, reason):
        super().__init__(f"{field}: {reason}")
        self.field = field
        self.reason = reason


def check_range(field, value, low, high):
    if not low <= value <= high:
        raise ValidationError(field, f"{value} not in [{low}, {high}]")
    return value


def check_record(record):
    check_range("age", record["age"], 0, 150)
    check_range("score", record["score"], 0.0, 1.0)
    return record


def validate_record(record):
    return check_record(dict(record))
