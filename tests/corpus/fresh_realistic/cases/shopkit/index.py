"""Search index for the catalogue: one shard per product line."""
from shopkit import parallel


def tokenize(title):
    return sorted({word.lower() for word in title.split()})


def build_shard(titles):
    postings = {}
    for tokens in parallel.pmap(tokenize, titles, processes=2):
        for token in tokens:
            postings[token] = postings.get(token, 0) + 1
    return postings
