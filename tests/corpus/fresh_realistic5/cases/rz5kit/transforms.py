"""Row transforms used by the ETL programs."""


def strip_row(row):
    return {k: v.strip() if isinstance(v, str) else v for k, v in row.items()}


def upper_names(row):
    out = dict(row)
    out["name"] = str(out.get("name", "")).upper()
    return out
