"""Nightly jobs, each run as one task of the job runner's pool."""
from shopkit import index


def rebuild_index(shard):
    name, titles = shard
    postings = index.build_shard(titles)
    return name, len(postings)
