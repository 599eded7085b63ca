"""Row splitting and split scoring for the structure learners."""


def split_rows_kmeans(rows, n_clusters=2):
    rows = sorted(rows)
    size = max(1, len(rows) // n_clusters)
    return [rows[i:i + size] for i in range(0, len(rows), size)]


def score_split(task):
    scope, rows = task
    mean = sum(rows) / len(rows)
    return scope, sum((r - mean) ** 2 for r in rows)
