"""Per-category summaries, computed in parallel."""
from shopkit import fanout


def summarise(category):
    name, descriptions = category
    counts = fanout.word_counts(descriptions)
    return name, sum(counts)
