"""Row filters for report tables."""


def above(threshold, field="amount"):
    """Return a predicate keeping rows whose field is above threshold."""
    def keep(row):
        return float(row[field]) > threshold
    return keep


def is_positive(row):
    return float(row["amount"]) > 0
