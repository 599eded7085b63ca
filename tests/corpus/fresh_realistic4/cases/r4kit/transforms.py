def normalize(row):
    return {k.strip().lower(): str(v).strip() for k, v in row.items()}


def resize(path, size=64):
    return f"{path}@{size}"
